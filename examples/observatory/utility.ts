/**
 * What survives anonymization: one reference study (prevalence of type 2 diabetes, ICD-10 E11, by
 * decade of birth and sex) and marginal distributions, computed on the original export and on the
 * release. Generalized birth dates (`1987-11`, `1987-Q4`, `1987`, `[1985-1990[`, `[1980-1990[`) are
 * read at the decade they fall in; a label wider than a decade, or `*`, counts as "unknown".
 */
import { column, type Table } from '../../src/table/table.ts';

export interface StudyCell { decade: string; sex: string; patients: number; diabetic: number; prevalence: number }

/** Decade of birth from an exact or generalized date label; null when not within one decade. */
export function decadeOf(label: string | null): string | null {
  if (label === null || label === '*') return null;
  const exact = /^(\d{4})(-|$)/.exec(label);
  if (exact && !label.startsWith('[')) return `${exact[1]!.slice(0, 3)}0s`;
  const range = /^\[(\d{4})-(\d{4})\[$/.exec(label);
  if (range) {
    const lo = Number(range[1]), hi = Number(range[2]);
    return Math.floor(lo / 10) === Math.floor((hi - 1) / 10) ? `${Math.floor(lo / 10)}0s` : null;
  }
  return null;
}

/** Diabetes prevalence by decade of birth and sex. */
export function diabetesStudy(t: Table): StudyCell[] {
  const bd = column(t, 'birth_date'), sex = column(t, 'sex'), dx = column(t, 'diagnoses');
  const cells = new Map<string, StudyCell>();
  const decades = bd.dictionary.map(decadeOf);
  const diabetic = dx.dictionary.map((l) => (l ?? '').split('|').includes('E11'));
  for (let r = 0; r < t.rowCount; r++) {
    const d = decades[bd.codes[r]!] ?? 'unknown';
    const s = sex.dictionary[sex.codes[r]!] ?? 'unknown';
    const key = `${d}|${s}`;
    let c = cells.get(key);
    if (!c) { c = { decade: d, sex: s, patients: 0, diabetic: 0, prevalence: 0 }; cells.set(key, c); }
    c.patients++;
    if (diabetic[dx.codes[r]!]) c.diabetic++;
  }
  for (const c of cells.values()) c.prevalence = c.diabetic / c.patients;
  return [...cells.values()].sort((a, b) => a.decade.localeCompare(b.decade) || a.sex.localeCompare(b.sex));
}

/** Share of rows by label of a column (labels as released). */
export function marginal(t: Table, name: string): Map<string, number> {
  const c = column(t, name);
  const counts = new Float64Array(c.dictionary.length);
  for (let r = 0; r < t.rowCount; r++) counts[c.codes[r]!]!++;
  const out = new Map<string, number>();
  c.dictionary.forEach((l, i) => out.set(l ?? '(missing)', counts[i]! / Math.max(1, t.rowCount)));
  return out;
}

/** Total variation distance between two distributions over the same labels (0 = identical, 1 = disjoint). */
export function totalVariation(a: Map<string, number>, b: Map<string, number>): number {
  let s = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) s += Math.abs((a.get(k) ?? 0) - (b.get(k) ?? 0));
  return s / 2;
}
