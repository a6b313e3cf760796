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
  options: { method?: 'auto' | 'table' | 'partitioned' } = {},
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
  // fresh packed arrays so the loops below see the same shapes on every call (no deopt churn)
  const cols: Int32Array[] = [];
  for (let j = 0; j < m; j++) cols.push(columns[j]!);
  const inc = include ?? null;
  if (radixProduct > Number.MAX_SAFE_INTEGER) return groupHashed(cols, inc, n, classOf);
  const cards = Float64Array.from(cardinalities, (c) => Math.max(1, c));
  const method = options.method ?? 'auto';
  return method === 'partitioned' || (method === 'auto' && n >= PARTITION_FROM)
    ? groupExactPartitioned(cols, cards, inc, n, classOf)
    : groupExact(cols, cards, inc, n, classOf, radixProduct);
}

// Open addressing over a power-of-two table sized by the number of CLASSES (grown at load 1/2),
// not by the rows, so it stays cache-resident when classes are few. Keys (exact path) and hashes
// (hashed path) are computed column by column over blocks of rows (sequential reads).
const BLOCK = 4096;

/**
 * Exact path: mixed-radix keys. Slots hold id + 1 only (4 bytes); each class's key sits in a
 * per-class array, so memory is 4 bytes per slot + 8 per class instead of 16 per slot.
 */
function groupExact(cols: Int32Array[], cards: Float64Array, inc: Uint8Array | null, n: number, classOf: Int32Array, radixProduct: number): Classes {
  const m = cols.length;
  // there can be no more classes than rows nor than value combinations: size the tables by the smaller
  // (many small groupings — SUDA2's subsets, leave-one-out — then allocate and clear almost nothing)
  const maxClasses = Math.max(1, Math.min(n, radixProduct));
  let cap = initialCapacity(maxClasses), mask = cap - 1;
  let slots: Int32Array = new Int32Array(cap);
  let ckeys: Float64Array = new Float64Array(Math.min(maxClasses, 1 << 16) || 1);
  let sizes: Int32Array = new Int32Array(ckeys.length);
  let first: Int32Array = new Int32Array(ckeys.length);
  let count = 0, rows = 0;
  const keys = new Float64Array(Math.min(BLOCK, n) || 1);
  for (let b = 0; b < n; b += BLOCK) {
    const end = Math.min(n, b + BLOCK);
    const c0 = cols[0]!;
    for (let r = b; r < end; r++) keys[r - b] = c0[r]!;
    for (let j = 1; j < m; j++) {
      const col = cols[j]!, card = cards[j]!;
      for (let r = b; r < end; r++) keys[r - b] = keys[r - b]! * card + col[r]!;
    }
    for (let i = b; i < end; i++) {
      if (inc !== null && inc[i] === 0) { classOf[i] = -1; continue; }
      rows++;
      const key = keys[i - b]!;
      let s = hashNumber(key) & mask;
      let id = -1;
      for (;;) {
        const idp = slots[s]!;
        if (idp === 0) break;
        if (ckeys[idp - 1] === key) { id = idp - 1; break; }
        s = (s + 1) & mask;
      }
      if (id === -1) {
        id = count++;
        if (id >= sizes.length) {
          const grow = sizes.length * 2;
          sizes = resize(sizes, grow); first = resize(first, grow); ckeys = resizeF(ckeys, grow);
        }
        slots[s] = id + 1;
        ckeys[id] = key;
        first[id] = i;
        if (count * 2 > cap) { cap *= 2; mask = cap - 1; slots = rehashExact(ckeys, count, cap); }
      }
      sizes[id]!++;
      classOf[i] = id;
    }
  }
  return { classOf, sizes: sizes.subarray(0, count), first: first.subarray(0, count), count, rows };
}

/** From this many rows, the exact path partitions the rows first (see groupExactPartitioned). */
const PARTITION_FROM = 1 << 20;

/**
 * Exact path for large tables: rows are first scattered into 2^b partitions by the high bits of
 * their key's hash, then each partition is grouped with a small hash table that stays in cache
 * (the way analytical databases aggregate), instead of one table of hundreds of MB probed at
 * random. Class ids are then renumbered in order of first appearance, so the result is identical
 * to groupExact's. Extra memory: 16 bytes per row (keys, scattered keys) + 8 (permutation, first-row
 * index) + 20 per class.
 */
function groupExactPartitioned(cols: Int32Array[], cards: Float64Array, inc: Uint8Array | null, n: number, classOf: Int32Array): Classes {
  const m = cols.length;
  const keys = new Float64Array(n);
  const c0 = cols[0]!;
  for (let r = 0; r < n; r++) keys[r] = c0[r]!;
  for (let j = 1; j < m; j++) {
    const col = cols[j]!, card = cards[j]!;
    for (let r = 0; r < n; r++) keys[r] = keys[r]! * card + col[r]!;
  }
  let bits = 4;
  while (bits < 12 && (n >>> bits) > 32768) bits++;
  const P = 1 << bits, shift = 32 - bits;
  const counts = new Int32Array(P + 1);
  let rows = 0;
  for (let r = 0; r < n; r++) {
    if (inc !== null && inc[r] === 0) { classOf[r] = -1; continue; }
    rows++;
    counts[(hashNumber(keys[r]!) >>> shift) + 1]!++;
  }
  let maxPart = 0;
  for (let p = 0; p < P; p++) { if (counts[p + 1]! > maxPart) maxPart = counts[p + 1]!; counts[p + 1]! += counts[p]!; }
  // scatter row numbers and their keys by partition (each partition then reads its keys sequentially)
  const perm = new Int32Array(rows);
  const pkeys = new Float64Array(rows);
  const cursor = counts.slice(0, P);
  for (let r = 0; r < n; r++) {
    if (inc !== null && inc[r] === 0) continue;
    const key = keys[r]!;
    const at = cursor[hashNumber(key) >>> shift]!++;
    perm[at] = r;
    pkeys[at] = key;
  }
  let cap = 16;
  while (cap < 2 * maxPart) cap <<= 1;
  const mask = cap - 1;
  const slots = new Int32Array(cap);
  const ckeys = new Float64Array(rows || 1);
  const sizes0 = new Int32Array(rows || 1);
  const first0 = new Int32Array(rows || 1);
  let count = 0;
  for (let p = 0; p < P; p++) {
    const lo = counts[p]!, hi = counts[p + 1]!;
    if (lo === hi) continue;
    slots.fill(0);
    const base = count;
    for (let i = lo; i < hi; i++) {
      const r = perm[i]!;
      const key = pkeys[i]!;
      let s = hashNumber(key) & mask;
      let id = -1;
      for (;;) {
        const local = slots[s]!;
        if (local === 0) break;
        if (ckeys[base + local - 1] === key) { id = base + local - 1; break; }
        s = (s + 1) & mask;
      }
      if (id === -1) {
        id = count++;
        slots[s] = id - base + 1;
        ckeys[id] = key;
        first0[id] = r; // rows of a partition come in increasing order: this is the first occurrence
      }
      sizes0[id]!++;
      classOf[r] = id;
    }
  }
  // renumber classes in order of first appearance (as groupExact numbers them)
  const byFirstRow = new Int32Array(n).fill(-1); // class id at its first row, -1 elsewhere
  for (let id = 0; id < count; id++) byFirstRow[first0[id]!] = id;
  const newId = new Int32Array(count);
  const sizes = new Int32Array(count), first = new Int32Array(count);
  let next = 0;
  for (let r = 0; r < n; r++) {
    const id = byFirstRow[r]!;
    if (id >= 0) { newId[id] = next; sizes[next] = sizes0[id]!; first[next] = r; next++; }
  }
  for (let r = 0; r < n; r++) { const c = classOf[r]!; if (c >= 0) classOf[r] = newId[c]!; }
  return { classOf, sizes, first, count, rows };
}

/** Hashed path (radix product over 2^53): FNV-1a over the codes; slots hold [hash, id + 1]; rows compared when hashes agree. */
function groupHashed(cols: Int32Array[], inc: Uint8Array | null, n: number, classOf: Int32Array): Classes {
  const m = cols.length;
  let cap = initialCapacity(n), mask = cap - 1;
  let table: Int32Array = new Int32Array(cap * 2);
  let sizes: Int32Array = new Int32Array(Math.min(n, 1 << 16) || 1);
  let first: Int32Array = new Int32Array(sizes.length);
  let count = 0, rows = 0;
  const hashes = new Int32Array(Math.min(BLOCK, n) || 1);
  for (let b = 0; b < n; b += BLOCK) {
    const end = Math.min(n, b + BLOCK);
    hashes.fill(0x811c9dc5 | 0);
    for (let j = 0; j < m; j++) {
      const col = cols[j]!;
      for (let r = b; r < end; r++) hashes[r - b] = Math.imul(hashes[r - b]! ^ col[r]!, 0x01000193);
    }
    for (let i = b; i < end; i++) {
      if (inc !== null && inc[i] === 0) { classOf[i] = -1; continue; }
      rows++;
      const h = fmix(hashes[i - b]!) | 0;
      let s = h & mask;
      let id = -1;
      for (;;) {
        const idp = table[2 * s + 1]!;
        if (idp === 0) break;
        if (table[2 * s] === h && sameRow(cols, first[idp - 1]!, i)) { id = idp - 1; break; }
        s = (s + 1) & mask;
      }
      if (id === -1) {
        id = count++;
        table[2 * s] = h; table[2 * s + 1] = id + 1;
        if (count * 2 > cap) { cap *= 2; mask = cap - 1; table = rehashHashed(table, cap); }
        if (id >= sizes.length) { sizes = resize(sizes, sizes.length * 2); first = resize(first, first.length * 2); }
        first[id] = i;
      }
      sizes[id]!++;
      classOf[i] = id;
    }
  }
  return { classOf, sizes: sizes.subarray(0, count), first: first.subarray(0, count), count, rows };
}

/** Slots to start with: room for every row as a class up to 2^16 rows (no growth, so no deopt, on small and mid-size data). */
function initialCapacity(n: number): number {
  let cap = 1024;
  while (cap < 2 * n && cap < 1 << 17) cap <<= 1;
  return cap;
}

function rehashExact(ckeys: Float64Array, count: number, cap: number): Int32Array {
  const t = new Int32Array(cap);
  const mask = cap - 1;
  for (let id = 0; id < count; id++) {
    let x = hashNumber(ckeys[id]!) & mask;
    while (t[x] !== 0) x = (x + 1) & mask;
    t[x] = id + 1;
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

function resizeF(a: Float64Array, n: number): Float64Array { const b = new Float64Array(n); b.set(a); return b; }
function resize(a: Int32Array, n: number): Int32Array { const b = new Int32Array(n); b.set(a); return b; }
