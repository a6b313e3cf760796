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
 * Spellings: assessTable compares a text attribute's values as `sameValueCodes` reads them — spellings that differ only by
 * their Unicode form, white space or letter case ("Hépatite C", "HÉPATITE C", "Hépatite C ") are one value. Read as
 * written, four spellings of one diagnosis made a class 4-diverse whose every record discloses it. Merging spellings can
 * only lower l, of every variant (the safe side); t is then the distance between the distributions of the values
 * themselves, not of their spellings.
 *
 * Cost: one grouping of (class, value) pairs, then O(pairs · log) — never O(classes × values).
 */
import { groupify } from '../check/groupify.ts';
import type { Column } from '../table/table.ts';

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
  /**
   * For tDistance 'ordered': the codes in the values' order (an ordinal text column's declared order, `columns.X.order`),
   * else the codes' own order (the dictionary's natural order: numbers, dates).
   */
  codeOrder?: ArrayLike<number>;
}


/** One class's figures (ClassJudge.measure): its distinct values, exp(entropy), recursive (c,l)'s l and t. */
export interface ClassFigures {
  distinct: number;
  entropyL: number;
  recursiveL: number;
  t: number;
}

/**
 * The figures of one class at a time against one table's distribution of the attribute: `overall[code]` is the number
 * of units of each value in the table. The table's figures (diversity) and a Mondrian part's test (the release's
 * l-diversity and t-closeness, as the verdict will judge them) both read their classes through it.
 */
export class ClassJudge {
  /** Each code's rank among the values present in the table (−1: absent), in code order or `codeOrder`. */
  readonly rank: Int32Array;
  /** Values present in the table. */
  readonly values: number;
  readonly c: number;
  readonly tDistance: TDistance;
  private readonly p: Float64Array;
  private readonly P: Float64Array;
  private readonly SP: Float64Array;
  private readonly H: number;
  private readonly nodeOfRank: Int32Array[] = [];
  private readonly pNode: Float64Array[] = [];
  private readonly qNode: Float64Array[] = [];
  private readonly touched: number[] = [];
  private readonly counts: number[] = [];
  private readonly order: number[] = [];
  private readonly out: ClassFigures = { distinct: 0, entropyL: 0, recursiveL: 0, t: 0 };

  constructor(overall: ArrayLike<number>, cardinality: number, options: Pick<DiversityOptions, 'c' | 'tDistance' | 'levels' | 'codeOrder'> = {}) {
    this.c = options.c ?? 2;
    this.tDistance = options.tDistance ?? 'equal';
    if (this.tDistance === 'hierarchical' && !(options.levels && options.levels.length >= 2)) throw new RangeError('hierarchical distance needs the value hierarchy\'s levels');
    let total = 0;
    for (let v = 0; v < cardinality; v++) total += overall[v]!;
    // rank of each code among the values present, and cumulative p over ranks
    const rank = new Int32Array(Math.max(1, cardinality)).fill(-1);
    let m = 0;
    const order = options.codeOrder;
    for (let i = 0; i < cardinality; i++) { const v = order ? order[i]! : i; if (overall[v]! > 0) rank[v] = m++; }
    const p = new Float64Array(m);
    for (let v = 0; v < cardinality; v++) if (rank[v]! >= 0) p[rank[v]!] = overall[v]! / total;
    const P = new Float64Array(m); // P[i] = Σ_{j ≤ i} p_j
    const SP = new Float64Array(m + 1); // SP[i] = Σ_{j < i} P[j]
    { let acc = 0; for (let i = 0; i < m; i++) { acc += p[i]!; P[i] = acc; SP[i + 1] = SP[i]! + acc; } }
    this.rank = rank; this.values = m; this.p = p; this.P = P; this.SP = SP;
    // hierarchical: per level, each present value's node and the table's mass under each node; scratch per level
    const levels = this.tDistance === 'hierarchical' ? options.levels! : [];
    this.H = levels.length - 1;
    for (let h = 0; h <= this.H && this.tDistance === 'hierarchical'; h++) {
      const lv = levels[h]!;
      let nodes = 0;
      for (let v = 0; v < cardinality; v++) if (lv[v]! + 1 > nodes) nodes = lv[v]! + 1;
      const of = new Int32Array(m), pn = new Float64Array(nodes);
      for (let v = 0; v < cardinality; v++) if (rank[v]! >= 0) { of[rank[v]!] = lv[v]!; pn[lv[v]!]! += p[rank[v]!]!; }
      this.nodeOfRank.push(of); this.pNode.push(pn); this.qNode.push(new Float64Array(nodes));
    }
  }

  /**
   * The figures of the class whose values are pairRank[a, b) (ranks, each once) with pairCount[a, b) units. The object
   * returned is reused by the next call.
   */
  measure(pairRank: ArrayLike<number>, pairCount: ArrayLike<number>, a: number, b: number): ClassFigures {
    const p = this.p, P = this.P, SP = this.SP, H = this.H, m = this.values, c = this.c;
    const counts = this.counts, order = this.order, touched = this.touched;
    const d = b - a;
    let size = 0;
    for (let k = a; k < b; k++) size += pairCount[k]!;
    // entropy
    let h = 0;
    counts.length = 0;
    for (let k = a; k < b; k++) { const q = pairCount[k]! / size; h -= q * Math.log(q); counts.push(pairCount[k]!); }
    // recursive (c,l)
    counts.sort((x, y) => y - x);
    let tail = 0, rl = 1;
    for (let l = d; l >= 1; l--) {
      tail += counts[l - 1]!;
      if (l === 1 || counts[0]! < c * tail) { rl = l; break; }
    }
    // t-closeness
    let emd: number;
    if (this.tDistance === 'equal') {
      let s = 0, pin = 0;
      for (let k = a; k < b; k++) { const pv = p[pairRank[k]!]!; s += Math.abs(pairCount[k]! / size - pv); pin += pv; }
      emd = 0.5 * (s + Math.max(0, 1 - pin));
    } else if (this.tDistance === 'hierarchical') {
      // S_h = Σ over level h's nodes of |q_N − p_N| = 1 + Σ over the class's nodes of (|q_N − p_N| − p_N)
      emd = 0;
      let below = 0;
      for (let lv = 0; lv <= H; lv++) {
        const of = this.nodeOfRank[lv]!, pn = this.pNode[lv]!, qn = this.qNode[lv]!;
        touched.length = 0;
        for (let k = a; k < b; k++) { const x = of[pairRank[k]!]!; if (qn[x] === 0) touched.push(x); qn[x]! += pairCount[k]! / size; }
        let S = 1;
        for (const x of touched) { S += Math.abs(qn[x]! - pn[x]!) - pn[x]!; qn[x] = 0; }
        if (lv > 0) emd += (lv / H) * (below - S) / 2;
        below = S;
      }
    } else if (m <= 1) emd = 0;
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
    const out = this.out;
    out.distinct = d; out.entropyL = Math.exp(h); out.recursiveL = rl; out.t = emd;
    return out;
  }
}

/** Whether an l-diversity figure (distinct, entropy or recursive, as ClassFigures gives it) is below the required l. */
export function lBelow(variant: 'distinct' | 'entropy' | 'recursive', value: number, l: number): boolean {
  // (entropy l is a sum of floating-point terms: ln l − 1e-12 is accepted — a class of three values, one each, has
  // exp(H) = 2.9999999999999996, and it is 3-diverse; the search's models accept the same)
  return variant === 'entropy' ? Math.log(value) < Math.log(l) - 1e-12 : value < l;
}

/** Whether a t-closeness figure is above the allowed t (1e-12 of floating-point slack, as the search's models). */
export function tAbove(value: number, t: number): boolean {
  return value > t + 1e-12;
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
  const judge = new ClassJudge(overall, cardinality, options);
  const rank = judge.rank;

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

  let distinctL = Infinity, entropyL = Infinity, recursiveL = Infinity, t = 0, classesBelow = 0, recordsBelow = 0;
  for (let j = 0; j < classCount; j++) {
    const a = start[j]!, b = start[j + 1]!;
    const d = b - a;
    if (d === 0) continue;
    const f = judge.measure(pairRank, pairCount, a, b);
    if (d < distinctL) distinctL = d;
    if (lThreshold !== null && d < lThreshold) { let size = 0; for (let k = a; k < b; k++) size += pairCount[k]!; classesBelow++; recordsBelow += size; }
    if (f.entropyL < entropyL) entropyL = f.entropyL;
    if (f.recursiveL < recursiveL) recursiveL = f.recursiveL;
    if (f.t > t) t = f.t;
  }
  return {
    distinctL, entropyL, recursiveCL: recursiveL, c, t, tDistance, values: judge.values,
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

/**
 * The form under which two values of a sensitive text attribute are one value for diversity and closeness: Unicode NFC
 * (a precomposed "é" and "e" + U+0301 are one letter), white space trimmed and each run of it one space (non-breaking
 * spaces, tabs, a doubled space), letters in lower case.
 */
export function sameValueKey(label: string): string {
  return label.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase().normalize('NFC');
}

/**
 * A text column's codes with the spellings of one value (same `sameValueKey`) read as one code, the first of them in the
 * dictionary; the dictionary is the column's own, so that codes keep their labels, their declared order and their nodes in
 * a value hierarchy (the other spellings' codes are simply absent). The column itself when no two labels are one value,
 * and for numbers, dates and booleans (their labels are written one way already). Missing stays a value of its own.
 */
export function sameValueCodes(col: Column): Column {
  if (col.kind !== 'string') return col;
  const firstOf = new Map<string, number>();
  const to = Int32Array.from(col.dictionary, (_, code) => code);
  let merged = false;
  col.dictionary.forEach((label, code) => {
    if (label === null) return;
    const key = sameValueKey(label);
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, code);
    else { to[code] = first; merged = true; }
  });
  if (!merged) return col;
  const codes = new Int32Array(col.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = to[col.codes[i]!]!;
  return Object.freeze({ ...col, codes });
}
