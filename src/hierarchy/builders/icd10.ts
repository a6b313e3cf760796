/**
 * ICD-10: code (I21.0, I210, I21.09…) → subcategory (optional, `I21.0`) → 3-character category
 * (`I21`) → block (`I20-I25`) → chapter (Roman numeral, `IX`) → `*`, from the derived table
 * src/hierarchy/data/icd10.tsv (ICD-10-CM 2026 + WHO ICD-10 categories; see data/README.md).
 * Codes are matched case-insensitively, with or without the dot.
 */
import { readFileSync } from 'node:fs';
import type { BuildContext } from './common.ts';
import { dataRows, valueError, withTop } from './common.ts';
import { ICD10_LEVELS } from './schema.ts';
import type { Icd10Spec } from './schema.ts';

export interface Icd10Entry { readonly block: string; readonly chapter: string }

let table: Map<string, Icd10Entry> | undefined;

/** The category table (category → block, chapter), loaded once. */
export function icd10Table(): ReadonlyMap<string, Icd10Entry> {
  if (!table) {
    const text = readFileSync(new URL('../data/icd10.tsv', import.meta.url), 'utf8');
    table = new Map();
    const lines = text.split('\n');
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line) continue;
      const [cat, block, chapter] = line.split('\t');
      table.set(cat!, { block: block!, chapter: chapter! });
    }
  }
  return table;
}

/** Normalizes a code: trims, uppercases, removes dots. */
export function normalizeIcd10(code: string): string {
  return code.trim().toUpperCase().replace(/\./g, '');
}

type Icd10Level = (typeof ICD10_LEVELS)[number];

export function buildIcd10(ctx: BuildContext, spec: Icd10Spec, values: readonly string[]): string[][] {
  const chosen: Icd10Level[] = spec === true || !spec.levels ? ['category', 'block', 'chapter'] : spec.levels;
  for (let i = 1; i < chosen.length; i++) {
    if (ICD10_LEVELS.indexOf(chosen[i]!) <= ICD10_LEVELS.indexOf(chosen[i - 1]!)) {
      throw valueError(ctx, 'levels out of order', [{ path: `${ctx.path}.levels[${i}]`, message: `ICD-10 levels go from fine to coarse without repeats: ${ICD10_LEVELS.join(', ')}` }]);
    }
  }
  const unknownMode = spec === true ? 'error' : spec.unknown ?? 'error';
  const t = icd10Table();
  const n = values.length;
  const entries: (Icd10Entry | undefined)[] = new Array(n);
  const norm: string[] = new Array(n);
  const unknown: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = normalizeIcd10(values[i]!);
    norm[i] = c;
    const e = /^[A-Z][0-9A-Z][0-9A-Z]/.test(c) ? t.get(c.slice(0, 3)) : undefined;
    entries[i] = e;
    if (!e) unknown.push(values[i]!);
  }
  if (unknown.length && unknownMode === 'error') {
    throw valueError(ctx, `${unknown.length} value${unknown.length > 1 ? 's are' : ' is'} not a known ICD-10 code`, [
      { path: ctx.path, message: `column ${ctx.column}: codes whose 3-character category is unknown (${dataRows(ctx, unknown)}); fix them or set icd10: {unknown: other}` },
    ]);
  }
  const levels: string[][] = [[...values]];
  for (const lv of chosen) {
    const level = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      if (!e) { level[i] = 'other'; continue; }
      const c = norm[i]!;
      switch (lv) {
        case 'subcategory': level[i] = c.length > 3 ? `${c.slice(0, 3)}.${c[3]}` : c.slice(0, 3); break;
        case 'category': level[i] = c.slice(0, 3); break;
        case 'block': level[i] = e.block; break;
        case 'chapter': level[i] = e.chapter; break;
      }
    }
    levels.push(level);
  }
  return withTop(levels, n);
}
