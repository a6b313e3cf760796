/**
 * Equivalence classes of a table over its quasi-identifiers, and the O(classes) summaries built
 * on them (k, histogram, records below k). One groupify pass over the code arrays; everything
 * else works on the class sizes.
 */
import { groupify, type Classes } from '../check/groupify.ts';
import type { Column, Table } from '../table/table.ts';
import { AnonymatError } from '../errors.ts';

/** Class-size histogram: `sizes[i]` (ascending) occurs as the size of `counts[i]` classes. */
export interface SizeHistogram {
  readonly sizes: number[];
  readonly counts: number[];
}

/** Looks up the named columns, failing with an `invalid-policy` error that names the first missing one. */
export function columnsByName(table: Table, names: readonly string[], role = 'quasi-identifier'): Column[] {
  const byName = new Map(table.columns.map((c) => [c.name, c] as const));
  const missing = names.filter((n) => !byName.has(n));
  if (missing.length) {
    throw new AnonymatError(
      'invalid-policy',
      `the policy names ${missing.length === 1 ? 'a column' : 'columns'} that the data do not have: ${missing.join(', ')}; ` +
        `fix the column name in the policy or the header of the data`,
      missing.map((m) => ({ path: `columns.${m}`, message: `${role} column "${m}" is not in the data` })),
    );
  }
  return names.map((n) => byName.get(n)!);
}

/** Equivalence classes over the named columns (one groupify pass). */
export function equivalenceClasses(table: Table, quasiIdentifiers: readonly string[], include?: Uint8Array): Classes {
  const cols = columnsByName(table, quasiIdentifiers);
  if (cols.length === 0 && include === undefined) {
    // no QI: one class holding every row (groupify needs a length from somewhere)
    return groupify([], [], new Uint8Array(table.rowCount).fill(1));
  }
  return groupify(cols.map((c) => c.codes), cols.map((c) => Math.max(1, c.dictionary.length)), include);
}

/** Histogram of class sizes, ascending by size. O(classes). */
export function sizeHistogram(sizes: ArrayLike<number>): SizeHistogram {
  const m = new Map<number, number>();
  for (let i = 0; i < sizes.length; i++) { const s = sizes[i]!; m.set(s, (m.get(s) ?? 0) + 1); }
  const keys = [...m.keys()].sort((a, b) => a - b);
  return { sizes: keys, counts: keys.map((k) => m.get(k)!) };
}

/** The histogram as a JSON object: size (as a string key) → number of classes. */
export function histogramObject(h: SizeHistogram): Record<string, number> {
  const o: Record<string, number> = {};
  for (let i = 0; i < h.sizes.length; i++) o[String(h.sizes[i])] = h.counts[i]!;
  return o;
}

export interface ClassSummary {
  /** Number of counted units (records, or persons at person level). */
  readonly units: number;
  /** Number of equivalence classes. */
  readonly classes: number;
  /** Size of the smallest class (0 when there are no rows). */
  readonly k: number;
  /** Size of the largest class. */
  readonly largest: number;
  /** Units in classes of size 1 (= classes of size 1). */
  readonly sampleUniques: number;
  /** Units in classes smaller than `kThreshold`. */
  readonly recordsBelowK: number;
  /** Classes smaller than `kThreshold`. */
  readonly classesBelowK: number;
  readonly kThreshold: number;
}

/** k, uniques and records below k from the class sizes. O(classes). */
export function classSummary(sizes: ArrayLike<number>, kThreshold: number): ClassSummary {
  let units = 0, k = Infinity, largest = 0, uniques = 0, below = 0, classesBelow = 0;
  for (let i = 0; i < sizes.length; i++) {
    const s = sizes[i]!;
    units += s;
    if (s < k) k = s;
    if (s > largest) largest = s;
    if (s === 1) uniques++;
    if (s < kThreshold) { below += s; classesBelow++; }
  }
  return {
    units, classes: sizes.length, k: sizes.length ? k : 0, largest, sampleUniques: uniques,
    recordsBelowK: below, classesBelowK: classesBelow, kThreshold,
  };
}

/**
 * Groups the classes of `base` further by a subset of columns, without touching the rows:
 * the representative row of each class gives its codes, and sizes are summed. O(classes × columns).
 * Used for "leave one QI out" contributions and SUDA2 subsets. Returns the coarse class of each
 * base class and the coarse sizes.
 */
export function coarsen(
  base: Classes, columns: readonly Int32Array[], cardinalities: readonly number[],
): { groupOf: Int32Array; sizes: Int32Array; count: number } {
  const u = base.count;
  if (columns.length === 0) {
    let total = 0;
    for (let c = 0; c < u; c++) total += base.sizes[c]!;
    return { groupOf: new Int32Array(u), sizes: Int32Array.from(u ? [total] : []), count: u ? 1 : 0 };
  }
  return coarsenRepresentatives(base, columns.map((col) => gather(col, base.first)), cardinalities);
}

/** coarsen() over codes already read at the classes' representatives (`reps[j][c]` = code of class c). */
export function coarsenRepresentatives(
  base: Classes, reps: readonly Int32Array[], cardinalities: readonly number[],
): { groupOf: Int32Array; sizes: Int32Array; count: number } {
  const g = groupify(reps, cardinalities);
  return { groupOf: g.classOf, sizes: sumByGroup(g.classOf, base.sizes, g.count), count: g.count };
}

/** out[c] = col[index[c]] (small helpers keep the hot loops in functions V8 optimizes once). */
export function gather(col: Int32Array, index: Int32Array): Int32Array {
  const out = new Int32Array(index.length);
  for (let c = 0; c < index.length; c++) out[c] = col[index[c]!]!;
  return out;
}

/** Σ of `values` per group: out[groupOf[c]] += values[c]. */
export function sumByGroup(groupOf: Int32Array, values: Int32Array, groups: number): Int32Array {
  const out = new Int32Array(groups);
  for (let c = 0; c < groupOf.length; c++) out[groupOf[c]!]! += values[c]!;
  return out;
}
