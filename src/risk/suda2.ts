/**
 * SUDA2 special uniques (Manning, Haglin & Keane 2008; scores and DIS as sdcMicro's `suda2`,
 * ../shared/reference/sdcmicro.md §5).
 *
 * A minimal sample unique (MSU) of a record is a set of quasi-identifiers on which the record's
 * values are unique in the data while no proper subset is. We enumerate every MSU up to
 * `maxSize` variables, depth first in lexicographic order: the classes of a subset S are the
 * classes of S minus its last variable refined by that variable, computed over the class
 * representatives (not the rows), and one bit per candidate records "unique on S". A record unique
 * on S is an MSU of size |S| when it is unique on none of the |S| subsets of size |S|−1
 * (uniqueness is monotone, so that suffices). Only records unique on all the variables (sample
 * uniques) can have an MSU.
 *
 * Cost: Σ_{s ≤ maxSize} C(M, s) refinements, each O(classes) — for M = 9 and maxSize = 3 that is
 * 129 passes over the classes; for maxSize = M it is 2^M − 1. Memory: the class ids of the current
 * chain of subsets (≤ maxSize arrays of `classes` ints) plus one bit per sample unique per subset.
 *
 * Scores (sdcMicro `original_scores = TRUE`, Elliot et al.): an MSU of size s adds (M − s)! to its
 * record's score, M = number of variables. With maxSize < M, MSUs larger than maxSize are not
 * found, so scores are lower bounds (`complete: false`).
 * DIS-SUDA: U = records unique on all variables, P = records in classes of size exactly 2,
 * f = the sampling fraction; Dis = U·f / (U·f + P·(1 − f)); Q = 1 + (8 − M)/20;
 * AdjFactor = Σ_{score>0} score^(−Q); DIS_i = 1 / (1 + (U/Dis − U) / (score_i^Q · AdjFactor)), 0 when score_i = 0.
 */
import { groupify, type Classes } from '../check/groupify.ts';
import { AnonymatError } from '../errors.ts';
import { gather } from './classes.ts';

export interface Suda2Options {
  /** Largest MSU size searched (default 3; capped at the number of variables). */
  maxSize?: number;
  /** Sampling fraction for DIS (sdcMicro's DisFraction, default 0.01). */
  disFraction?: number;
  /** Classes over all the columns, when already computed (saves one pass). */
  classes?: Classes;
  /** Called as subsets are refined (done of total = Σ_{s ≤ maxSize} C(M, s)), at most every 64 subsets. */
  onProgress?: (done: number, total: number) => void;
}

export interface Suda2Summary {
  readonly variables: number;
  readonly maxSize: number;
  /** True when maxSize ≥ number of variables (scores exact, not lower bounds). */
  readonly complete: boolean;
  readonly disFraction: number;
  /** Number of MSUs found by size (size → count). */
  readonly msuBySize: Record<string, number>;
  /** Records with at least one MSU (score > 0): the special uniques. */
  readonly recordsWithMsu: number;
  readonly highestScore: number;
  readonly highestDis: number;
  readonly meanDis: number;
  /** Records by DIS bin, as sdcMicro prints them: "0", "(0,0.1]", …, "(0.6,0.7]", ">0.7". */
  readonly disHistogram: Record<string, number>;
  /** Share (%) of the total score due to each variable (sdcMicro attribute contribution), by variable index. */
  readonly contributions: number[];
}

export interface Suda2Result {
  readonly summary: Suda2Summary;
  /** SUDA score of each row. */
  readonly scores: Float64Array;
  /** DIS-SUDA score of each row. */
  readonly dis: Float64Array;
}

/** One bit per candidate: set when the candidate's group has a single row. */
function uniqueCandidates(sizes: Int32Array, groupOf: Int32Array, candClass: Int32Array, words: number): Uint32Array {
  const bits = new Uint32Array(words);
  for (let i = 0; i < candClass.length; i++) if (sizes[groupOf[candClass[i]!]!] === 1) bits[i >>> 5]! |= 1 << (i & 31);
  return bits;
}

function factorial(k: number): number { let r = 1; for (let i = 2; i <= k; i++) r *= i; return r; }

export function suda2(columns: readonly Int32Array[], cardinalities: readonly number[], options: Suda2Options = {}): Suda2Result {
  const M = columns.length;
  const n = M ? columns[0]!.length : 0;
  const maxSize = Math.max(1, Math.min(options.maxSize ?? 3, M));
  const disFraction = options.disFraction ?? 0.01;
  const base = options.classes ?? groupify(columns, cardinalities.map((c) => Math.max(1, c)));
  const u = base.count;

  // candidates: classes of size 1 (records unique on all variables)
  const candList: number[] = [];
  let pairs = 0;
  for (let c = 0; c < u; c++) {
    if (base.sizes[c] === 1) candList.push(c);
    else if (base.sizes[c] === 2) pairs += 2;
  }
  const candClass = Int32Array.from(candList);
  const U = candClass.length;
  const scoreOf = new Float64Array(U);
  const rawContribution = new Float64Array(M); // Σ over MSUs containing v of their weight
  const msuBySize: Record<string, number> = {};
  const weight = (s: number) => factorial(M - s);

  // representatives' codes per variable
  const reps = columns.map((col) => gather(col, base.first));

  // Depth-first over the subsets in lexicographic order: a subset's classes are its parent's
  // refined by its last variable, so only the chain of ancestors' class ids is alive (≤ maxSize
  // arrays of `classes` ints). For every subset we keep one bit per candidate: unique on it.
  // A subset {v1 < v2 < … < vs} is keyed by Σ (vi + 1)·(M + 1)^(s−i): a child's key is its
  // parent's × (M + 1) + v + 1 (exact in a double while (M + 1)^maxSize < 2^53: any M at maxSize ≤ 5)
  const words = (U + 31) >>> 5;
  const uniqueBits = new Map<number, { vars: number[]; bits: Uint32Array }>();
  const keyOf = (vars: readonly number[]) => { let k = 0; for (const v of vars) k = k * (M + 1) + v + 1; return k; };
  const refiner = new Refiner(u, base.sizes);
  let total = 0;
  for (let s = 1, c = 1; s <= maxSize; s++) { c = (c * (M - s + 1)) / s; total += Math.round(c); }
  let done = 0;
  const onProgress = options.onProgress;
  const visit = (vars: number[], key: number, lastVar: number, depth: number, groupOf: Int32Array | null, count: number) => {
    for (let v = lastVar + 1; v < M; v++) {
      const childVars = [...vars, v];
      const child = key * (M + 1) + v + 1;
      const leaf = depth + 1 === maxSize || v === M - 1; // no child of its own: refine into a reused buffer
      const r = refiner.refine(groupOf, count, reps[v]!, Math.max(1, cardinalities[v]!), leaf);
      const bits = uniqueCandidates(r.sizes, r.groupOf, candClass, words);
      r.sizes.fill(0, 0, r.count);
      uniqueBits.set(child, { vars: childVars, bits });
      if (onProgress && (++done & 63) === 0) onProgress(done, total);
      if (!leaf) visit(childVars, child, v, depth + 1, r.groupOf, r.count);
    }
  };
  if (U > 0 && M > 0) {
    if (Math.pow(M + 1, maxSize) > Number.MAX_SAFE_INTEGER) {
      throw new AnonymatError('invalid-policy', `SUDA2 cannot enumerate the subsets of up to ${maxSize} of ${M} quasi-identifiers (${total.toExponential(1)} subsets)`,
        [{ path: 'risk.suda2MaxSize', message: 'lower it (default 3)' }]);
    }
    visit([], 0, -1, 0, null, 1);
    onProgress?.(total, total);
  }

  // MSUs: unique on S and on none of S's subsets with one variable less
  for (const { vars, bits } of uniqueBits.values()) {
    const s = vars.length;
    const w = weight(s);
    const subsets = s > 1 ? vars.map((v) => uniqueBits.get(keyOf(vars.filter((x) => x !== v)))!.bits) : [];
    let found = 0;
    for (let k = 0; k < words; k++) {
      let x = bits[k]!;
      for (const sub of subsets) x &= ~sub[k]!;
      while (x !== 0) {
        const low = x & -x;
        const i = (k << 5) + (31 - Math.clz32(low));
        x ^= low;
        found++;
        scoreOf[i] += w;
      }
    }
    if (found) {
      msuBySize[String(s)] = (msuBySize[String(s)] ?? 0) + found;
      for (const v of vars) rawContribution[v] += w * found;
    }
  }

  // DIS
  const Q = 1 + (8 - M) / 20;
  let adj = 0;
  for (let i = 0; i < U; i++) if (scoreOf[i]! > 0) adj += Math.pow(scoreOf[i]!, -Q);
  const Dis = U * disFraction / (U * disFraction + pairs * (1 - disFraction));
  const scores = new Float64Array(n);
  const dis = new Float64Array(n);
  const bins = ['0', '(0,0.1]', '(0.1,0.2]', '(0.2,0.3]', '(0.3,0.4]', '(0.4,0.5]', '(0.5,0.6]', '(0.6,0.7]', '>0.7'];
  const disHistogram: Record<string, number> = Object.fromEntries(bins.map((b) => [b, 0]));
  let highestScore = 0, highestDis = 0, sumDis = 0, withMsu = 0, totalScore = 0;
  for (let i = 0; i < U; i++) {
    const sc = scoreOf[i]!;
    if (sc <= 0) continue;
    const d = 1 / (1 + (U / Dis - U) / (Math.pow(sc, Q) * adj));
    const row = base.first[candClass[i]!]!;
    scores[row] = sc; dis[row] = d;
    withMsu++; totalScore += sc; sumDis += d;
    if (sc > highestScore) highestScore = sc;
    if (d > highestDis) highestDis = d;
    const bin = d > 0.7 ? 8 : Math.max(1, Math.ceil(d * 10 - 1e-12));
    disHistogram[bins[bin]!]!++;
  }
  disHistogram['0'] = n - withMsu;
  const contributions = Array.from(rawContribution, (r) => (totalScore > 0 ? (100 * r) / totalScore : 0));
  return {
    summary: {
      variables: M, maxSize, complete: maxSize >= M, disFraction, msuBySize, recordsWithMsu: withMsu,
      highestScore, highestDis, meanDis: n ? sumDis / n : 0, disHistogram, contributions,
    },
    scores, dis,
  };
}

/**
 * Refines a grouping by one more column: new group = (parent group, code). Direct addressing in
 * a reused scratch table (stamped, never cleared) when parentCount × cardinality is small enough,
 * else a hash grouping (groupify).
 */
class Refiner {
  private ids = new Int32Array(0);
  private stamp = new Int32Array(0);
  private gen = 0;
  private readonly sizes: Int32Array;
  private readonly buffer: Int32Array;
  constructor(private readonly u: number, private readonly baseSizes: Int32Array) {
    this.sizes = new Int32Array(u);
    this.buffer = new Int32Array(u);
  }
  /**
   * Groups the classes by (parent group, code), with compact group ids. `sizes` (rows per group)
   * is a shared scratch the caller zeroes after use; with `scratch`, `groupOf` is a reused buffer too.
   */
  refine(parent: Int32Array | null, parentCount: number, codes: Int32Array, card: number, scratch: boolean):
    { groupOf: Int32Array; count: number; sizes: Int32Array } {
    const u = this.u, sizes = this.sizes, baseSizes = this.baseSizes;
    const groupOf = scratch ? this.buffer : new Int32Array(u);
    const space = parentCount * card;
    let count = 0;
    if (space > Math.max(1 << 22, 8 * u)) {
      const g = groupify(parent ? [parent, codes] : [codes], parent ? [parentCount, card] : [card]);
      for (let c = 0; c < u; c++) sizes[g.classOf[c]!]! += baseSizes[c]!;
      return { groupOf: g.classOf, count: g.count, sizes };
    }
    if (this.ids.length < space) { this.ids = new Int32Array(space); this.stamp = new Int32Array(space); this.gen = 0; }
    const gen = ++this.gen;
    const ids = this.ids, stamp = this.stamp;
    for (let c = 0; c < u; c++) {
      const key = (parent === null ? 0 : parent[c]! * card) + codes[c]!;
      let g: number;
      if (stamp[key] !== gen) { stamp[key] = gen; g = ids[key] = count++; } else g = ids[key]!;
      groupOf[c] = g;
      sizes[g]! += baseSizes[c]!;
    }
    return { groupOf, count, sizes };
  }
}
