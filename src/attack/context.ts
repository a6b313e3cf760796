/**
 * What the three Anonymeter-style attacks share: the tables (original = records in the release,
 * release, optional control = original records held out of the release), the attack space over
 * the compared columns, a seeded generator, and the tie-break priority of release rows.
 */
import type { Table } from '../table/table.ts';
import { AnonymatError } from '../errors.ts';
import { seededRng, type Rng } from '../util/rng.ts';
import { buildSpace, type HierarchyLike, type Space } from './space.ts';
import { personsOf } from '../risk/person.ts';

export const ORIGINAL = 0;
export const RELEASE = 1;
export const CONTROL = 2;

export interface AttackInput {
  /** Original records that are in the release (the attacker's targets). */
  original: Table;
  /** The released table (possibly generalized). */
  release: Table;
  /** Original records from the same population that are NOT in the release. Strongly recommended. */
  control?: Table;
  /** Seed of every random choice (targets, queries, tie-breaks). Default 0. */
  seed?: number;
  /** Number of attacks (targets or queries). Default 2000; fewer when the tables are smaller. */
  attacks?: number;
  /** Confidence level of the intervals. Default 0.95. */
  confidence?: number;
  /** Hierarchies of the policy (labels → ground values) to read generalized categories. */
  hierarchies?: HierarchyLike[];
  /**
   * Column of the original (and control) tables naming the person of each record (the policy's
   * person key; the release need not have it). With it the unit attacked is the person: singling
   * out keeps a predicate when the released records it matches can be one person's and succeeds when
   * its original matches are all one person's records, and linkability and inference attack one
   * record per sampled person. Records without a key are persons of their own.
   */
  personKey?: string;
}

export const DEFAULT_ATTACKS = 2000;

export interface AttackContext {
  space: Space;
  /** Column names in the space, in order. */
  names: string[];
  hasControl: boolean;
  rng: Rng;
  nAttacks: number;
  confidence: number;
  warnings: string[];
  /** Seeded permutation rank of each release row (tie-break: smaller wins). */
  priority(): Int32Array;
  /**
   * A seeded generator of its own for stream `id` (same seed and id → same draws), independent of `rng` and of the
   * other streams: draws that must not be correlated with each other (each linkability half's tie-breaks).
   */
  stream(id: number): Rng;
  /**
   * Person of each row per table (ORIGINAL, RELEASE, CONTROL) when a person key is given and the table has its column,
   * else null (the release normally lacks it).
   */
  persons: (Int32Array | null)[];
  /**
   * Singling out without a person key: `persons` of the original and the control then name each row's distinct record
   * (identical rows are one), as Anonymeter de-duplicates ori and control; said "distinct records" in the notes.
   */
  distinctRecords?: boolean;
}

/** Person of each row from a key column (a row without a key is a person of its own), null without the column. */
function personIds(t: Table, key: string): Int32Array | null {
  const col = t.columns.find((c) => c.name === key);
  return col ? personsOf(col).personOf : null;
}

/**
 * k attack targets of table t: k distinct rows, or with persons, one row of each of k distinct
 * persons (a seeded random row of the person), so every person is attacked at most once.
 */
export function sampleTargets(ctx: AttackContext, t: number, rowCount: number, k: number): Int32Array {
  const persons = ctx.persons[t];
  if (!persons) return sampleRows(ctx.rng, rowCount, k);
  // rows grouped by person (persons in order of first row)
  const index = new Map<number, number>();
  const count: number[] = [];
  for (let i = 0; i < rowCount; i++) { const p = persons[i]!; const j = index.get(p); if (j === undefined) { index.set(p, count.length); count.push(1); } else count[j]!++; }
  const P = count.length;
  const start = new Int32Array(P + 1);
  for (let j = 0; j < P; j++) start[j + 1] = start[j]! + count[j]!;
  const fill = start.slice(0, P), rows = new Int32Array(rowCount);
  for (let i = 0; i < rowCount; i++) { const j = index.get(persons[i]!)!; rows[fill[j]!++] = i; }
  const chosen = sampleRows(ctx.rng, P, k);
  return Int32Array.from(chosen, (j) => rows[start[j]! + ctx.rng.int(start[j + 1]! - start[j]!)]!);
}

/** Number of distinct persons among the rows of table t (rows when no person key). */
export function unitCount(ctx: AttackContext, t: number, rowCount: number): number {
  const persons = ctx.persons[t];
  return persons ? new Set(persons).size : rowCount;
}

/** Columns present in the original, the release (and the control when given). */
export function commonColumns(input: AttackInput): string[] {
  const inRelease = new Set(input.release.columns.map((c) => c.name));
  const inControl = input.control ? new Set(input.control.columns.map((c) => c.name)) : null;
  return input.original.columns.map((c) => c.name).filter((n) => inRelease.has(n) && (!inControl || inControl.has(n)));
}

export const NO_CONTROL_WARNING =
  'NO CONTROL SET: risks are measured against the random-guess baseline only, which overstates what the ' +
  'attacks learn about specific people versus the population (and cannot separate the two). Hold out original ' +
  'records from the release and pass them as the control set (--control) for a residual risk.';

/**
 * An empty control set is refused, not read as "no control": it was asked for, and measuring against the random
 * baseline instead would change what the figures mean behind the caller's back (verdict and attacks alike).
 */
export function emptyControlError(): AnonymatError {
  return new AnonymatError('invalid-input', 'the control set holds no record: a control set is original records of the same population '
    + 'held out of the release, and an empty one measures nothing. Give the held-out records (--control), or leave the control set '
    + 'out to measure against the random baseline only (the report then carries the NO CONTROL SET warning)', [
    { path: 'control', message: 'the control set has 0 rows' },
  ]);
}

export function makeContext(input: AttackInput, columns: string[], salt: number): AttackContext {
  for (const name of columns) {
    for (const [label, t] of [['original', input.original], ['release', input.release], ['control', input.control]] as const) {
      if (t && !t.columns.some((c) => c.name === name)) {
        throw new AnonymatError('invalid-usage', `column ${JSON.stringify(name)} is missing from the ${label} table`, [
          { path: `columns.${name}`, message: 'attack columns must exist in the original, the release and the control set' },
        ]);
      }
    }
  }
  if (input.original.rowCount === 0 || input.release.rowCount === 0) {
    throw new AnonymatError('invalid-input', 'the original and the release must both have rows to be attacked');
  }
  if (input.control && input.control.rowCount === 0) throw emptyControlError();
  const tables = [
    { table: input.original, literal: true, label: 'original' },
    { table: input.release, literal: false, label: 'release' },
    ...(input.control ? [{ table: input.control, literal: true, label: 'control' }] : []),
  ];
  const space = buildSpace(tables, columns, input.hierarchies ?? []);
  // (a seed is a 32-bit unsigned integer: 2^32 wrapped to 0, -1 to 2^32 − 1 and 1.5 to 1 — two seeds, one run)
  if (input.seed !== undefined && !(Number.isInteger(input.seed) && input.seed >= 0 && input.seed <= 0xffffffff)) {
    throw new AnonymatError('invalid-usage', `the seed must be an integer from 0 to 4294967295 (got ${input.seed})`, [{ path: 'seed', message: 'a 32-bit unsigned integer' }]);
  }
  const seed = ((input.seed ?? 0) >>> 0) ^ Math.imul(salt, 0x9e3779b1);
  const rng = seededRng(seed >>> 0);
  const hasControl = !!input.control;
  const warnings = [...space.warnings];
  if (!hasControl) warnings.push(NO_CONTROL_WARNING);
  let prio: Int32Array | null = null;
  const key = input.personKey;
  const persons = [key ? personIds(input.original, key) : null, key ? personIds(input.release, key) : null, key && input.control ? personIds(input.control, key) : null];
  if (key && !persons[ORIGINAL]) warnings.push(`the person key ${JSON.stringify(key)} is not in the original: the attacks count records, not persons`);
  else if (key && input.control && !persons[CONTROL]) warnings.push(`the person key ${JSON.stringify(key)} is not in the control set: its records count as persons of their own`);
  return {
    persons,
    space, names: columns, hasControl, rng, confidence: input.confidence ?? 0.95,
    nAttacks: Math.max(1, Math.floor(input.attacks ?? DEFAULT_ATTACKS)),
    warnings,
    stream(id) {
      return seededRng((seed ^ Math.imul((id + 1) >>> 0, 0x85ebca6b) ^ 0x27d4eb2f) >>> 0);
    },
    priority() {
      if (prio) return prio;
      const n = input.release.rowCount;
      const perm = seededRng((seed ^ 0x5bd1e995) >>> 0).shuffle(Array.from({ length: n }, (_, i) => i));
      prio = new Int32Array(n);
      for (let i = 0; i < n; i++) prio[perm[i]!] = i;
      return prio;
    },
  };
}

/** k distinct rows of [0, n) drawn without replacement (partial Fisher–Yates), in draw order. */
export function sampleRows(rng: Rng, n: number, k: number): Int32Array {
  k = Math.min(k, n);
  if (k <= 8 && n > 64) {
    // small draws: rejection of repeats (no O(n) allocation)
    const out = new Int32Array(k);
    for (let i = 0; i < k; i++) {
      let x: number;
      do { x = rng.int(n); } while (out.subarray(0, i).includes(x));
      out[i] = x;
    }
    return out;
  }
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = a[i]!; a[i] = a[j]!; a[j] = t;
  }
  return a.slice(0, k);
}
