/**
 * Local (cell) suppression: an alternative to removing whole records. For the records whose key
 * (quasi-identifier combination) is shared by fewer than k records, single key cells are set to
 * missing until every record is k-anonymous. This follows sdcMicro's `localSuppression()` (notes in
 * ../shared/reference/sdcmicro.md §7), and reproduces its suppression counts on its test data.
 *
 * Semantics (sdcMicro's, with alpha = 1): a missing cell — suppressed here or missing in the input —
 * is a wildcard that matches any value. The frequency fk of a record is the number of records
 * compatible with it (equal on every key where both are non-missing), itself included; a record
 * whose keys are all missing has fk = n. "k-anonymous" means fk ≥ k for every record. This is the
 * usual optimistic reading of a suppressed cell (the attacker cannot tell which value it hid); it is
 * weaker than treating missing as a value of its own (ARX, and our `check`/`risk` modules), under
 * which suppressed records form their own, possibly small, classes. Report it as such.
 *
 * Algorithm (greedy, not minimal):
 *   repeat until every fk ≥ k:
 *     take the records with fk < k, by decreasing risk 1/fk (ties: row order); for each record x:
 *       1. find the records at the smallest positive distance from x, where the distance counts the
 *          keys on which both are non-missing and differ (if none is closer than all keys, those at
 *          distance = number of keys);
 *       2. go through the keys in suppression order (least important first) and suppress x's value
 *          in the first key where some of those nearest records has a different, non-missing value;
 *          if there is none, suppress x's first non-missing key in that order;
 *       (suppressions take effect at once for the next records of the same round)
 *     recompute fk.
 * Importance: `importance` lists the keys from most important (suppressed last) to least; by
 * default, as sdcMicro, keys with more distinct values are less important (suppressed first), ties
 * broken by the order of `quasiIdentifiers` (the earlier key is more important).
 *
 * Cost: one round costs O(#problem records × #distinct keys × p); work is on codes and distinct
 * key patterns (no object per row). Meant for data that is nearly k-anonymous (after generalization);
 * on raw data with thousands of unique records it is slow, as in sdcMicro.
 */
import { AnonymatError } from '../errors.ts';
import type { Column, Table } from '../table/table.ts';
import { columnFromCodes, columnFromValues, makeTable } from '../table/table.ts';
import { groupify } from '../check/groupify.ts';

export interface LocalSuppressionOptions {
  readonly k: number;
  /** Keys from most important (suppressed last) to least important. Default: see the module comment. */
  readonly importance?: string[];
  /** Written in suppressed cells: null (missing, default) or a label such as `*` (column becomes text). */
  readonly marker?: string | null;
  /** Stop after this many rounds (default 1000); the result then says kAnonymous: false. */
  readonly maxRounds?: number;
}

export interface LocalSuppressionResult {
  readonly table: Table;
  /** New suppressions per key (input missing values not counted), in the order of quasiIdentifiers. */
  readonly suppressed: readonly { column: string; cells: number }[];
  readonly totalSuppressed: number;
  /** Rows with at least one new suppression. */
  readonly rowsAffected: number;
  /** Per row: 1 bit per key (bit j = key j suppressed here); keys beyond 32 are not flagged. */
  readonly suppressedMask: Uint32Array;
  /** Final fk (wildcard semantics) per row. */
  readonly fk: Int32Array;
  /** Whether every fk ≥ k at the end. */
  readonly kAnonymous: boolean;
  readonly rounds: number;
  /** Suppression order used (least important first). */
  readonly suppressionOrder: readonly string[];
}

const NA = -1;

/** Key patterns: distinct rows of `mat` (n × p, NA = -1) with their counts (groupify over codes). */
function patterns(mat: Int32Array, n: number, p: number): { patOf: Int32Array; pat: Int32Array; count: Int32Array; P: number } {
  const columns: Int32Array[] = [];
  const cards: number[] = [];
  for (let j = 0; j < p; j++) {
    const col = new Int32Array(n);
    let max = 0;
    for (let i = 0; i < n; i++) { const v = mat[i * p + j]!; col[i] = v + 1; if (v + 1 > max) max = v + 1; } // NA → 0
    columns.push(col);
    cards.push(max + 1);
  }
  const g = groupify(columns, cards);
  const pat = new Int32Array(g.count * p);
  for (let a = 0; a < g.count; a++) {
    const r = g.first[a]!;
    for (let j = 0; j < p; j++) pat[a * p + j] = mat[r * p + j]!;
  }
  return { patOf: g.classOf, pat, count: g.sizes.slice(0, g.count), P: g.count };
}

/** fk per row under the wildcard semantics (compatibility count). */
export function wildcardFrequencies(mat: Int32Array, n: number, p: number): Int32Array {
  const { patOf, pat, count, P } = patterns(mat, n, p);
  const fkPat = new Float64Array(P);
  const hasNA = new Uint8Array(P);
  const naList: number[] = [];
  for (let a = 0; a < P; a++) {
    for (let j = 0; j < p; j++) if (pat[a * p + j] === NA) { hasNA[a] = 1; break; }
    if (hasNA[a]) naList.push(a);
    fkPat[a] = count[a]!;
  }
  // complete patterns only match themselves among complete patterns; NA patterns are compared with all
  for (const a of naList) {
    let total = count[a]!;
    for (let b = 0; b < P; b++) {
      if (b === a) continue;
      let ok = true;
      for (let j = 0; j < p; j++) {
        const x = pat[a * p + j]!; const y = pat[b * p + j]!;
        if (x !== NA && y !== NA && x !== y) { ok = false; break; }
      }
      if (!ok) continue;
      total += count[b]!;
      if (!hasNA[b]) fkPat[b] += count[a]!; // complete pattern gains the NA pattern's count
    }
    fkPat[a] = total;
  }
  const fk = new Int32Array(n);
  for (let i = 0; i < n; i++) fk[i] = fkPat[patOf[i]!]!;
  return fk;
}

/**
 * The key to suppress in the record at mat[xo..xo+p): among the patterns at the smallest positive
 * distance, the first key in suppression order where one of them has a different non-missing value;
 * else the record's first non-missing key in that order; -1 when all its keys are missing.
 */
function chooseKey(mat: Int32Array, xo: number, p: number, pat: readonly number[], patCount: readonly number[], order: readonly number[], nearest: number[]): number {
  let minDist = p;
  nearest.length = 0;
  const P = patCount.length;
  for (let b = 0; b < P; b++) {
    if (patCount[b] === 0) continue;
    let dd = 0;
    const bo = b * p;
    for (let j = 0; j < p; j++) {
      const xv = mat[xo + j]!; const yv = pat[bo + j]!;
      if (xv !== NA && yv !== NA && xv !== yv) dd++;
    }
    if (dd === 0 || dd > minDist) continue;
    if (dd < minDist) { minDist = dd; nearest.length = 0; }
    nearest.push(b);
  }
  for (const j of order) {
    const xv = mat[xo + j]!;
    if (xv === NA) continue;
    for (const b of nearest) { const yv = pat[b * p + j]!; if (yv !== NA && yv !== xv) return j; }
  }
  for (const j of order) if (mat[xo + j] !== NA) return j;
  return -1;
}

export function localSuppression(table: Table, quasiIdentifiers: string[], options: LocalSuppressionOptions): LocalSuppressionResult {
  const { k } = options;
  if (!Number.isInteger(k) || k < 1) throw new AnonymatError('invalid-usage', `localSuppression: k must be a positive integer (got ${k})`, [{ path: 'thresholds.k', message: 'use k ≥ 2' }]);
  const cols: Column[] = quasiIdentifiers.map((q) => {
    const c = table.columns.find((x) => x.name === q);
    if (!c) throw new AnonymatError('invalid-usage', `localSuppression: no column named ${q}`, [{ path: `columns.${q}`, message: 'not in the table' }]);
    return c;
  });
  const n = table.rowCount;
  const p = cols.length;

  // suppression order (least important first)
  let order: number[];
  if (options.importance) {
    const imp = options.importance;
    const bad = imp.filter((x) => !quasiIdentifiers.includes(x));
    if (bad.length || new Set(imp).size !== imp.length || imp.length !== p) {
      throw new AnonymatError('invalid-usage', 'localSuppression: importance must list every quasi-identifier once', [{ path: 'importance', message: `expected a permutation of ${quasiIdentifiers.join(', ')}` }]);
    }
    order = imp.map((x) => quasiIdentifiers.indexOf(x)).reverse();
  } else {
    const distinct = cols.map((c) => {
      const seen = new Uint8Array(c.dictionary.length); let u = 0;
      for (let i = 0; i < n; i++) { const code = c.codes[i]!; if (code !== c.missing && !seen[code]) { seen[code] = 1; u++; } }
      return u;
    });
    // importance rank: fewer categories = more important; ties: earlier column more important
    const byImportance = [...Array(p).keys()].sort((a, b) => distinct[a]! - distinct[b]! || a - b);
    order = byImportance.reverse();
  }

  const mat = new Int32Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const c = cols[j]!; const code = c.codes[i]!;
      mat[i * p + j] = code === c.missing ? NA : code;
    }
  }
  const suppressedMask = new Uint32Array(n);
  const perKey = new Int32Array(p);
  const maxRounds = options.maxRounds ?? 1000;
  let fk = wildcardFrequencies(mat, n, p);
  let rounds = 0;
  const feasible = n >= k;

  while (feasible && rounds < maxRounds) {
    const problems: number[] = [];
    for (let i = 0; i < n; i++) if (fk[i]! < k) problems.push(i);
    if (problems.length === 0) break;
    rounds++;
    problems.sort((a, b) => fk[a]! - fk[b]! || a - b);
    // distinct patterns at the start of the round; suppressions move a row to a new pattern
    const pt = patterns(mat, n, p);
    const patCount = Array.from(pt.count);
    const pat: number[] = Array.from(pt.pat);
    const patOf = pt.patOf;
    const patIndex = new Map<string, number>();
    for (let a = 0; a < pt.P; a++) patIndex.set(pat.slice(a * p, a * p + p).join(','), a);
    const nearest: number[] = [];
    for (const x of problems) {
      const xo = x * p;
      const chosen = chooseKey(mat, xo, p, pat, patCount, order, nearest);
      if (chosen < 0) continue; // all keys already missing (fk = n)
      mat[xo + chosen] = NA;
      if (chosen < 32) suppressedMask[x]! |= 1 << chosen;
      perKey[chosen]!++;
      // move x to its new pattern
      patCount[patOf[x]!]!--;
      const key = Array.from(mat.subarray(xo, xo + p)).join(',');
      let id = patIndex.get(key);
      if (id === undefined) { id = patCount.length; patIndex.set(key, id); patCount.push(0); for (let j = 0; j < p; j++) pat.push(mat[xo + j]!); }
      patCount[id]!++;
      patOf[x] = id;
    }
    fk = wildcardFrequencies(mat, n, p);
  }
  let kAnonymous = feasible;
  for (let i = 0; i < n && kAnonymous; i++) if (fk[i]! < k) kAnonymous = false;

  // output columns
  const marker = options.marker ?? null;
  const replaced = new Map<string, Column>();
  for (let j = 0; j < p; j++) {
    if (perKey[j] === 0) continue;
    const c = cols[j]!;
    if (marker === null) {
      const dict = [...c.dictionary];
      let miss = c.missing;
      if (miss < 0) { miss = dict.length; dict.push(null); }
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = mat[i * p + j] === NA ? miss : c.codes[i]!;
      replaced.set(c.name, columnFromCodes(c.name, c.kind, codes, dict));
    } else {
      const labels = new Array<string | null>(n);
      for (let i = 0; i < n; i++) {
        const code = c.codes[i]!;
        labels[i] = code === c.missing ? null : mat[i * p + j] === NA ? marker : c.dictionary[code]!;
      }
      replaced.set(c.name, columnFromValues(c.name, labels, 'string'));
    }
  }
  const out = replaced.size ? makeTable(table.columns.map((c) => replaced.get(c.name) ?? c)) : table;
  let rowsAffected = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let j = 0; j < p; j++) if (mat[i * p + j] === NA && cols[j]!.codes[i] !== cols[j]!.missing) { any = true; break; }
    if (any) rowsAffected++;
  }
  for (let j = 0; j < p; j++) total += perKey[j]!;
  return {
    table: out,
    suppressed: cols.map((c, j) => ({ column: c.name, cells: perKey[j]! })),
    totalSuppressed: total,
    rowsAffected,
    suppressedMask,
    fk,
    kAnonymous,
    rounds,
    suppressionOrder: order.map((j) => cols[j]!.name),
  };
}
