/**
 * Equivalence classes over dictionary codes.
 *
 * Rows with the same tuple of codes form a class. The key of a row is a mixed-radix number over
 * the columns' cardinalities when their product fits in 2^53 (exact, no hashing); otherwise the
 * tuple is hashed and collisions are resolved by comparing the codes. Counting uses an
 * open-addressing table over typed arrays: no object and no string per row.
 *
 * Class ids are assigned in order of first appearance, so the result is deterministic.
 */
export interface Classes {
  /** Class id of each row (-1 for rows left out by `include`). */
  readonly classOf: Int32Array;
  /** Number of rows of each class. */
  readonly sizes: Int32Array;
  /** First row of each class (its representative: read its codes to know the class's values). */
  readonly first: Int32Array;
  /** Number of classes. */
  readonly count: number;
  /** Rows counted (rows included). */
  readonly rows: number;
}

/**
 * Groups rows by their codes in `columns` (one Int32Array per column, same length).
 * `cardinalities[j]` bounds the codes of column j (codes are in [0, cardinality)).
 * `include`, when given, is a per-row mask (1 = counted).
 */
export function groupify(
  columns: readonly Int32Array[],
  cardinalities: readonly number[],
  include?: Uint8Array,
): Classes {
  const n = columns.length ? columns[0]!.length : (include?.length ?? 0);
  const m = columns.length;
  const classOf = new Int32Array(n);
  if (m === 0) {
    // no quasi-identifier: every included row is in one class
    let rows = 0;
    for (let i = 0; i < n; i++) { if (include && !include[i]) classOf[i] = -1; else rows++; }
    const first = new Int32Array(rows ? 1 : 0);
    if (rows) { let f = 0; while (include && !include[f]) f++; first[0] = f; }
    return { classOf, sizes: Int32Array.from(rows ? [rows] : []), first, count: rows ? 1 : 0, rows };
  }
  let radixProduct = 1;
  for (const c of cardinalities) radixProduct *= Math.max(1, c);
  const exact = radixProduct <= Number.MAX_SAFE_INTEGER;

  // open addressing over a power-of-two table of class ids
  let cap = 1024;
  while (cap < n * 2 && cap < 1 << 30) cap <<= 1;
  let slots = new Int32Array(cap).fill(-1);
  let keys: Float64Array = new Float64Array(exact ? Math.min(n, 1 << 16) || 1 : 0);
  let sizes: Int32Array = new Int32Array(Math.min(n, 1 << 16) || 1);
  let first: Int32Array = new Int32Array(sizes.length);
  let count = 0;
  let rows = 0;
  const mask = () => cap - 1;

  for (let i = 0; i < n; i++) {
    if (include && !include[i]) { classOf[i] = -1; continue; }
    rows++;
    let key = 0;
    let h: number;
    if (exact) {
      for (let j = 0; j < m; j++) key = key * cardinalities[j]! + columns[j]![i]!;
      h = hashNumber(key);
    } else {
      h = 0x811c9dc5;
      for (let j = 0; j < m; j++) h = Math.imul(h ^ columns[j]![i]!, 0x01000193);
      h = fmix(h);
    }
    let s = h & mask();
    let id: number;
    for (;;) {
      id = slots[s]!;
      if (id === -1) break;
      if (exact ? keys[id] === key : sameRow(columns, first[id]!, i)) break;
      s = (s + 1) & mask();
    }
    if (id === -1) {
      id = count++;
      if (id >= sizes.length) {
        const grow = sizes.length * 2;
        sizes = resize(sizes, grow); first = resize(first, grow);
        if (exact) keys = resizeF(keys, grow);
      }
      slots[s] = id;
      if (exact) keys[id] = key;
      first[id] = i;
      sizes[id] = 0;
    }
    sizes[id]!++;
    classOf[i] = id;
  }
  void slots; slots = new Int32Array(0);
  return { classOf, sizes: sizes.slice(0, count), first: first.slice(0, count), count, rows };
}

/** Histogram of class sizes: size → number of classes (sorted by size). */
export function classSizeHistogram(sizes: Int32Array): Map<number, number> {
  const h = new Map<number, number>();
  for (let i = 0; i < sizes.length; i++) h.set(sizes[i]!, (h.get(sizes[i]!) ?? 0) + 1);
  return new Map([...h.entries()].sort((a, b) => a[0] - b[0]));
}

function sameRow(columns: readonly Int32Array[], a: number, b: number): boolean {
  for (let j = 0; j < columns.length; j++) if (columns[j]![a] !== columns[j]![b]) return false;
  return true;
}

function hashNumber(x: number): number {
  const lo = x >>> 0;
  const hi = (x / 4294967296) >>> 0;
  return fmix(Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ 0x85ebca6b, 0xc2b2ae35));
}

function fmix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function resize(a: Int32Array, n: number): Int32Array { const b = new Int32Array(n); b.set(a); return b; }
function resizeF(a: Float64Array, n: number): Float64Array { const b = new Float64Array(n); b.set(a); return b; }
