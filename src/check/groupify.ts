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

  // Open addressing over a power-of-two table sized by the number of CLASSES (grown at load 1/2),
  // not by the rows, so it stays cache-resident when classes are few. Exact path: each slot holds
  // [key, id + 1] side by side in one Float64Array (one cache line per probe). Hashed path: each
  // slot holds [hash, id + 1] in an Int32Array; rows are compared only when the hashes agree.
  let cap = 1024;
  let table: Float64Array = new Float64Array(exact ? cap * 2 : 0);
  let htable: Int32Array = new Int32Array(exact ? 0 : cap * 2);
  let sizes: Int32Array = new Int32Array(Math.min(n, 1 << 16) || 1);
  let first: Int32Array = new Int32Array(sizes.length);
  let count = 0;
  let rows = 0;
  let mask = cap - 1;
  const cards = Float64Array.from(cardinalities, (c) => Math.max(1, c));

  // exact path: mixed-radix keys computed column by column over blocks of rows (sequential reads)
  const BLOCK = 4096;
  // (hashed path: FNV-1a hashes the same way)
  const blockKeys = new Float64Array(exact ? Math.min(BLOCK, n) || 1 : 0);
  const blockHash = new Int32Array(exact ? 0 : Math.min(BLOCK, n) || 1);
  for (let i = 0; i < n; i++) {
    if (i % BLOCK === 0) {
      const end = Math.min(n, i + BLOCK);
      if (exact) {
        const c0 = columns[0]!;
        for (let r = i; r < end; r++) blockKeys[r - i] = c0[r]!;
        for (let j = 1; j < m; j++) {
          const col = columns[j]!, card = cards[j]!;
          for (let r = i; r < end; r++) blockKeys[r - i] = blockKeys[r - i]! * card + col[r]!;
        }
      } else {
        blockHash.fill(0x811c9dc5 | 0);
        for (let j = 0; j < m; j++) {
          const col = columns[j]!;
          for (let r = i; r < end; r++) blockHash[r - i] = Math.imul(blockHash[r - i]! ^ col[r]!, 0x01000193);
        }
      }
    }
    if (include && !include[i]) { classOf[i] = -1; continue; }
    rows++;
    let id = -1;
    if (exact) {
      const key = blockKeys[i % BLOCK]!;
      let s = hashNumber(key) & mask;
      for (;;) {
        const idp = table[2 * s + 1]!;
        if (idp === 0) break;
        if (table[2 * s] === key) { id = idp - 1; break; }
        s = (s + 1) & mask;
      }
      if (id === -1) {
        id = count++;
        table[2 * s] = key; table[2 * s + 1] = id + 1;
        if (count * 2 > cap) { cap *= 2; mask = cap - 1; table = rehashExact(table, cap); }
      }
    } else {
      const h = fmix(blockHash[i % BLOCK]!) | 0;
      let s = h & mask;
      for (;;) {
        const idp = htable[2 * s + 1]!;
        if (idp === 0) break;
        if (htable[2 * s] === h && sameRow(columns, first[idp - 1]!, i)) { id = idp - 1; break; }
        s = (s + 1) & mask;
      }
      if (id === -1) {
        id = count++;
        htable[2 * s] = h; htable[2 * s + 1] = id + 1;
        if (count * 2 > cap) { cap *= 2; mask = cap - 1; htable = rehashHashed(htable, cap); }
      }
    }
    if (id >= sizes.length) {
      const grow = sizes.length * 2;
      sizes = resize(sizes, grow); first = resize(first, grow);
    }
    if (sizes[id] === 0) first[id] = i;
    sizes[id]!++;
    classOf[i] = id;
  }
  return { classOf, sizes: sizes.slice(0, count), first: first.slice(0, count), count, rows };
}

function rehashExact(old: Float64Array, cap: number): Float64Array {
  const t = new Float64Array(cap * 2);
  const mask = cap - 1;
  for (let s = 0; s < old.length; s += 2) {
    const idp = old[s + 1]!;
    if (idp === 0) continue;
    const key = old[s]!;
    let x = hashNumber(key) & mask;
    while (t[2 * x + 1] !== 0) x = (x + 1) & mask;
    t[2 * x] = key; t[2 * x + 1] = idp;
  }
  return t;
}

function rehashHashed(old: Int32Array, cap: number): Int32Array {
  const t = new Int32Array(cap * 2);
  const mask = cap - 1;
  for (let s = 0; s < old.length; s += 2) {
    const idp = old[s + 1]!;
    if (idp === 0) continue;
    const h = old[s]!;
    let x = h & mask;
    while (t[2 * x + 1] !== 0) x = (x + 1) & mask;
    t[2 * x] = h; t[2 * x + 1] = idp;
  }
  return t;
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
