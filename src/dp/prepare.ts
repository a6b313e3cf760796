/**
 * The input of every DP pipeline: a table whose rows are grouped by patient (the privacy unit).
 *
 * `preparePatientRows` sorts row indices by patient code once (a stable counting sort over the
 * dictionary codes of the patient column, a patient's key read without the spaces around it), so per-query contribution
 * bounding is one pass over typed arrays. Rows whose patient key is missing belong to no patient and are never used.
 */
import type { Table, Column } from '../table/table.ts';
import { AnonymatError } from '../errors.ts';

export interface PatientRows {
  readonly table: Table;
  readonly patientColumn: string;
  /** Row indices sorted by patient (stable: table order within a patient). */
  readonly order: Int32Array;
  /** Patient p's rows are order[start[p] .. start[p+1]). */
  readonly start: Int32Array;
  readonly patients: number;
  /** The patient of each dictionary code of the patient column (−1: missing — no patient). */
  readonly patientOfCode: Int32Array;
  /** Rows in play (a `where` filter), or null for all. */
  readonly mask: Uint8Array | null;
  /** Per-row fixed-point value units of a clamped column (set by makeClamp). */
  readonly value?: { column: Column; unitsOfCode: Float64Array; present: Uint8Array };
}

const cache = new WeakMap<Table, Map<string, PatientRows>>();

export function preparePatientRows(table: Table, patientColumn: string): PatientRows {
  let byCol = cache.get(table);
  const hit = byCol?.get(patientColumn);
  if (hit) return hit;
  const col = table.columns.find((c) => c.name === patientColumn);
  if (!col) {
    throw new AnonymatError('invalid-input', `the privacy-unit column "${patientColumn}" is not in the data`, [
      { path: 'privacyUnit', message: 'name the column holding the patient pseudonym' },
    ]);
  }
  // (a patient is a pseudonym up to the spaces around it: " p1", "p1 " and "p1" are one patient, whose rows are bounded
  // together — as three they had three times the contribution the query claims; a key of spaces only is missing)
  const patientOf = new Int32Array(col.dictionary.length).fill(-1);
  const index = new Map<string, number>();
  col.dictionary.forEach((label, c) => {
    const key = label === null ? '' : String(label).trim();
    if (key === '') return;
    let p = index.get(key);
    if (p === undefined) { p = index.size; index.set(key, p); }
    patientOf[c] = p;
  });
  const patients = index.size;
  const counts = new Int32Array(patients + 1);
  const codes = col.codes;
  const n = table.rowCount;
  let used = 0;
  for (let r = 0; r < n; r++) { const p = patientOf[codes[r]!]!; if (p >= 0) { counts[p + 1]!++; used++; } }
  for (let p = 0; p < patients; p++) counts[p + 1]! += counts[p]!;
  const start = counts.slice();
  const pos = counts.slice(0, patients);
  const order = new Int32Array(used);
  for (let r = 0; r < n; r++) { const p = patientOf[codes[r]!]!; if (p >= 0) order[pos[p]!++] = r; }
  const out: PatientRows = Object.freeze({ table, patientColumn, order, start, patients, patientOfCode: patientOf, mask: null });
  if (!byCol) { byCol = new Map(); cache.set(table, byCol); }
  byCol.set(patientColumn, out);
  return out;
}

/** The same patient rows with a row filter (AND-ed with any existing one). */
export function withMask(data: PatientRows, mask: Uint8Array | null): PatientRows {
  if (!mask) return data;
  if (data.mask) { const m = new Uint8Array(mask.length); for (let i = 0; i < m.length; i++) m[i] = mask[i]! & data.mask[i]!; mask = m; }
  return Object.freeze({ ...data, mask });
}
