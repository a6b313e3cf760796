/**
 * Diversity and closeness of a sensitive attribute within the equivalence classes.
 *
 * Per class, from the counts r_v of each sensitive value v (missing is a value of its own):
 * - distinct l  = number of distinct values;
 * - entropy l   = exp(−Σ p_v ln p_v), p_v = r_v / |class| (not floored; pyCANON floors it);
 * - recursive (c,l): with r₁ ≥ r₂ ≥ … ≥ r_m, the largest l ≤ m such that l = 1 or
 *   r₁ < c·(r_l + … + r_m) (sdcMicro's definition);
 * - t = the Earth Mover's Distance between the class distribution q and the whole-table
 *   distribution p: equal distance ½ Σ |q_v − p_v| for nominal values; ordered distance
 *   1/(m−1) Σ_i |Σ_{j≤i} (q_j − p_j)| over the m values present in the table, in code order
 *   (numbers, dates, ordinals; missing last), for ordered ones; hierarchical distance (Li et al. 2007)
 *   over the value hierarchy of levels 0..H: Σ over the nodes N above the leaves of (height(N)/H) ·
 *   min(pos_N, neg_N), the mass that must move between N's subtrees. With e_N = q_N − p_N (the mass
 *   under N), min(pos_N, neg_N) = (Σ_{children c} |e_c| − |e_N|)/2, and each level's Σ|e| is 1 plus
 *   the class's own nodes' (|e_N| − p_N): O(values of the class · H) per class.
 * The table's figure is the minimum over classes (l) or the maximum (t).
 *
 * Cost: one grouping of (class, value) pairs, then O(pairs · log) — never O(classes × values).
 */
import { groupify } from '../check/groupify.ts';

export type TDistance = 'equal' | 'ordered' | 'hierarchical';

export interface Diversity {
  /** min over classes of the number of distinct values. */
  readonly distinctL: number;
  /** min over classes of exp(entropy). */
  readonly entropyL: number;
  /** min over classes of recursive (c,l)-diversity's l, for the given c. */
  readonly recursiveCL: number;
  readonly c: number;
  /** max over classes of the EMD to the overall distribution. */
  readonly t: number;
  readonly tDistance: TDistance;
  /** Distinct values of the attribute in the whole table. */
  readonly values: number;
  /** Number of classes with fewer than `lThreshold` distinct values (null when no threshold). */
  readonly classesBelowL: number | null;
  /** Units in those classes. */
  readonly recordsBelowL: number | null;
}

export interface DiversityOptions {
  /** c for recursive (c,l)-diversity (default 2, sdcMicro's default). */
  c?: number;
  tDistance?: TDistance;
  /** Count classes whose distinct l is below this. */
  lThreshold?: number | null;
  /**
   * For tDistance 'hierarchical': per level h = 0..H of the value hierarchy (0: the leaves), each code's node at that
   * level (levels[h][code] ∈ [0, nodes at h)); H ≥ 1. The top level is normally one root ('*').
   */
  levels?: readonly Int32Array[];
}

/**
 * `classOf[i]` ∈ [0, classCount) (or −1: row not counted), `codes[i]` ∈ [0, cardinality).
 */
export function diversity(
  classOf: Int32Array, classCount: number, codes: Int32Array, cardinality: number, options: DiversityOptions = {},
): Diversity {
  const c = options.c ?? 2;
  const tDistance = options.tDistance ?? 'equal';
  if (tDistance === 'hierarchical' && !(options.levels && options.levels.length >= 2)) throw new RangeError('hierarchical distance needs the value hierarchy\'s levels');
  const lThreshold = options.lThreshold ?? null;
  const n = classOf.length;
  const include = new Uint8Array(n);
  let total = 0;
  const overall = new Float64Array(Math.max(1, cardinality));
  for (let i = 0; i < n; i++) if (classOf[i]! >= 0) { include[i] = 1; total++; overall[codes[i]!]!++; }
  if (total === 0 || classCount === 0) {
    return { distinctL: 0, entropyL: 0, recursiveCL: 0, c, t: 0, tDistance, values: 0, classesBelowL: lThreshold === null ? null : 0, recordsBelowL: lThreshold === null ? null : 0 };
  }
  // rank of each code among the values present, and cumulative p over ranks
  const rank = new Int32Array(Math.max(1, cardinality)).fill(-1);
  let m = 0;
  for (let v = 0; v < cardinality; v++) if (overall[v]! > 0) rank[v] = m++;
  const p = new Float64Array(m);
  for (let v = 0; v < cardinality; v++) if (rank[v]! >= 0) p[rank[v]!] = overall[v]! / total;
  const P = new Float64Array(m); // P[i] = Σ_{j ≤ i} p_j
  const SP = new Float64Array(m + 1); // SP[i] = Σ_{j < i} P[j]
  { let acc = 0; for (let i = 0; i < m; i++) { acc += p[i]!; P[i] = acc; SP[i + 1] = SP[i]! + acc; } }

  // (class, value) pairs with counts
  const safeClassOf = classOf.map((x) => (x < 0 ? 0 : x));
  const g = groupify([safeClassOf, codes], [classCount, Math.max(1, cardinality)], include);
  const pairs = g.count;
  // bucket pairs by class (counting sort), values ascending by rank inside a class
  const start = new Int32Array(classCount + 1);
  for (let k = 0; k < pairs; k++) start[classOf[g.first[k]!]! + 1]!++;
  for (let j = 0; j < classCount; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, classCount);
  const pairRank = new Int32Array(pairs), pairCount = new Int32Array(pairs);
  for (let k = 0; k < pairs; k++) {
    const j = classOf[g.first[k]!]!;
    const at = fill[j]!++;
    pairRank[at] = rank[codes[g.first[k]!]!]!;
    pairCount[at] = g.sizes[k]!;
  }

  // hierarchical: per level, each present value's node and the table's mass under each node; scratch per level
  const levels = tDistance === 'hierarchical' ? options.levels! : [];
  const H = levels.length - 1;
  const nodeOfRank: Int32Array[] = [], pNode: Float64Array[] = [], qNode: Float64Array[] = [];
  for (let h = 0; h <= H && tDistance === 'hierarchical'; h++) {
    const lv = levels[h]!;
    let nodes = 0;
    for (let v = 0; v < cardinality; v++) if (lv[v]! + 1 > nodes) nodes = lv[v]! + 1;
    const of = new Int32Array(m), pn = new Float64Array(nodes);
    for (let v = 0; v < cardinality; v++) if (rank[v]! >= 0) { of[rank[v]!] = lv[v]!; pn[lv[v]!]! += p[rank[v]!]!; }
    nodeOfRank.push(of); pNode.push(pn); qNode.push(new Float64Array(nodes));
  }
  const touched: number[] = [];

  let distinctL = Infinity, entropyL = Infinity, recursiveL = Infinity, t = 0, classesBelow = 0, recordsBelow = 0;
  const counts: number[] = [];
  const order: number[] = [];
  for (let j = 0; j < classCount; j++) {
    const a = start[j]!, b = start[j + 1]!;
    const d = b - a;
    if (d === 0) continue;
    let size = 0;
    for (let k = a; k < b; k++) size += pairCount[k]!;
    if (d < distinctL) distinctL = d;
    if (lThreshold !== null && d < lThreshold) { classesBelow++; recordsBelow += size; }
    // entropy
    let h = 0;
    counts.length = 0;
    for (let k = a; k < b; k++) { const q = pairCount[k]! / size; h -= q * Math.log(q); counts.push(pairCount[k]!); }
    const el = Math.exp(h);
    if (el < entropyL) entropyL = el;
    // recursive (c,l)
    counts.sort((x, y) => y - x);
    let tail = 0, rl = 1;
    for (let l = d; l >= 1; l--) {
      tail += counts[l - 1]!;
      if (l === 1 || counts[0]! < c * tail) { rl = l; break; }
    }
    if (rl < recursiveL) recursiveL = rl;
    // t-closeness
    let emd: number;
    if (tDistance === 'equal') {
      let s = 0, pin = 0;
      for (let k = a; k < b; k++) { const pv = p[pairRank[k]!]!; s += Math.abs(pairCount[k]! / size - pv); pin += pv; }
      emd = 0.5 * (s + Math.max(0, 1 - pin));
    } else if (tDistance === 'hierarchical') {
      // S_h = Σ over level h's nodes of |q_N − p_N| = 1 + Σ over the class's nodes of (|q_N − p_N| − p_N)
      emd = 0;
      let below = 0;
      for (let h = 0; h <= H; h++) {
        const of = nodeOfRank[h]!, pn = pNode[h]!, qn = qNode[h]!;
        touched.length = 0;
        for (let k = a; k < b; k++) { const x = of[pairRank[k]!]!; if (qn[x] === 0) touched.push(x); qn[x]! += pairCount[k]! / size; }
        let S = 1;
        for (const x of touched) { S += Math.abs(qn[x]! - pn[x]!) - pn[x]!; qn[x] = 0; }
        if (h > 0) emd += (h / H) * (below - S) / 2;
        below = S;
      }
    } else {
      if (m <= 1) emd = 0;
      else {
        order.length = 0;
        for (let k = a; k < b; k++) order.push(k);
        order.sort((x, y) => pairRank[x]! - pairRank[y]!);
        // Σ_{i=0}^{m−1} |Q(i) − P[i]| with Q a step function rising at the class's ranks
        let sum = sumAbs(0, pairRank[order[0]!]!, 0, P, SP);
        let Q = 0;
        for (let z = 0; z < order.length; z++) {
          Q += pairCount[order[z]!]! / size;
          const from = pairRank[order[z]!]!;
          const to = z + 1 < order.length ? pairRank[order[z + 1]!]! : m;
          sum += sumAbs(from, to, Q, P, SP);
        }
        emd = sum / (m - 1);
      }
    }
    if (emd > t) t = emd;
  }
  return {
    distinctL, entropyL, recursiveCL: recursiveL, c, t, tDistance, values: m,
    classesBelowL: lThreshold === null ? null : classesBelow, recordsBelowL: lThreshold === null ? null : recordsBelow,
  };
}

/** Σ_{i=from}^{to−1} |Q − P[i]| with P non-decreasing; SP = prefix sums of P. O(log m). */
function sumAbs(from: number, to: number, Q: number, P: Float64Array, SP: Float64Array): number {
  if (to <= from) return 0;
  // first index in [from, to) with P[i] > Q
  let lo = from, hi = to;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (P[mid]! > Q) hi = mid; else lo = mid + 1; }
  const below = lo - from, above = to - lo;
  return (Q * below - (SP[lo]! - SP[from]!)) + ((SP[to]! - SP[lo]!) - Q * above);
}
