/**
 * Privacy models as plain objects. A model judges one equivalence class (`holds(cls)`); the
 * checker suppresses the rows of every class that some model rejects, and the transformation is
 * feasible when the suppressed rows stay within the limit and every table-level model holds.
 *
 * Monotonicity (what the search may prune):
 * - `isMonotonic`: a class that holds still holds after being merged with ANY other class. Then,
 *   with or without suppression, generalizing never suppresses more rows (ARX: "monotonic with
 *   suppression"): k-anonymity, distinct l-diversity, k-map, highest-risk threshold.
 * - `monotoneWithoutSuppression`: if every class holds, every class of any generalization holds
 *   (merges of holding classes hold). True for entropy l-diversity (entropy is concave) and for
 *   t-closeness (the earth mover's distance is convex in the class distribution).
 * Recursive (c,l)-diversity and δ-presence are treated as non-monotone.
 */
import type { CompiledHierarchy } from '../hierarchy/hierarchy.ts';

/** Counts of one sensitive column's values in a class: the first `distinct` entries are valid. */
export interface SensitiveHistogram {
  distinct: number;
  codes: Int32Array;
  counts: Int32Array;
}

/** One equivalence class as the models see it (a reused view: do not keep it). */
export interface ClassView {
  /** Rows of the data in the class. */
  size: number;
  /** Rows of the population table in the class (δ-presence, k-map); 0 when there is none. */
  popSize: number;
  /** One histogram per sensitive column, in the order of `CheckSetup.sensitive`. */
  sensitive: SensitiveHistogram[];
}

export interface PrivacyModel {
  readonly name: string;
  readonly isMonotonic: boolean;
  readonly monotoneWithoutSuppression: boolean;
  /** Index of the sensitive column it reads (into CheckSetup.sensitive), or -1. */
  readonly sensitive: number;
  readonly needsPopulation: boolean;
  holds(cls: ClassView): boolean;
  /**
   * A model that judges a class against the sensitive column's distribution (t-closeness): judge against these counts
   * per code instead of the whole input's (null: the input's again). The checker gives the released rows' counts when
   * classes are removed, as the verdict measures the release.
   */
  reference?(counts: ArrayLike<number> | null): void;
}

/** A model over the whole released table (after suppression), e.g. average re-identification risk. */
export interface TableModel {
  readonly name: string;
  /** Monotone in generalization when nothing is suppressed. */
  readonly monotoneWithoutSuppression: boolean;
  holds(stats: { rows: number; classes: number }): boolean;
}

export function kAnonymity(k: number): PrivacyModel {
  return { name: `${k}-anonymity`, isMonotonic: true, monotoneWithoutSuppression: true, sensitive: -1, needsPopulation: false, holds: (c) => c.size >= k };
}

/** Highest prosecutor re-identification risk 1/|class| ≤ r. */
export function maxProsecutorRisk(r: number): PrivacyModel {
  return { name: `highest risk ≤ ${r}`, isMonotonic: true, monotoneWithoutSuppression: true, sensitive: -1, needsPopulation: false, holds: (c) => c.size > 0 && 1 / c.size <= r + 1e-12 };
}

/** Average prosecutor risk over the released records (= classes / rows) ≤ r. */
export function maxAverageRisk(r: number): TableModel {
  return { name: `average risk ≤ ${r}`, monotoneWithoutSuppression: true, holds: (s) => s.rows === 0 || s.classes / s.rows <= r + 1e-12 };
}

export function distinctLDiversity(l: number, sensitive: number, column = `#${sensitive}`): PrivacyModel {
  return { name: `distinct ${l}-diversity (${column})`, isMonotonic: true, monotoneWithoutSuppression: true, sensitive, needsPopulation: false, holds: (c) => c.sensitive[sensitive]!.distinct >= l };
}

/**
 * k-anonymity of persons: every class holds records of at least k distinct persons (the person key
 * read as a "sensitive" column: its distinct values per class). Records without a key share one
 * value, so they count as one person (the safe side). Monotone like k-anonymity.
 */
export function personKAnonymity(k: number, sensitive: number, column: string): PrivacyModel {
  return { name: `${k}-anonymity of persons (${column})`, isMonotonic: true, monotoneWithoutSuppression: true, sensitive, needsPopulation: false, holds: (c) => c.sensitive[sensitive]!.distinct >= k };
}

/** Entropy l-diversity: −Σ p log p ≥ log l. */
export function entropyLDiversity(l: number, sensitive: number, column = `#${sensitive}`): PrivacyModel {
  const target = Math.log(l) - 1e-12;
  return {
    name: `entropy ${l}-diversity (${column})`, isMonotonic: false, monotoneWithoutSuppression: true, sensitive, needsPopulation: false,
    holds: (c) => {
      const h = c.sensitive[sensitive]!;
      if (h.distinct < l) return false;
      let e = 0;
      for (let i = 0; i < h.distinct; i++) { const p = h.counts[i]! / c.size; e -= p * Math.log(p); }
      return e >= target;
    },
  };
}

/** Recursive (c,l)-diversity: r1 < c · (r_l + … + r_m), counts sorted in decreasing order. */
export function recursiveCLDiversity(cParam: number, l: number, sensitive: number, column = `#${sensitive}`): PrivacyModel {
  const scratch: number[] = [];
  return {
    name: `recursive (${cParam},${l})-diversity (${column})`, isMonotonic: false, monotoneWithoutSuppression: false, sensitive, needsPopulation: false,
    holds: (c) => {
      const h = c.sensitive[sensitive]!;
      if (h.distinct < l) return false;
      scratch.length = 0;
      for (let i = 0; i < h.distinct; i++) scratch.push(h.counts[i]!);
      scratch.sort((a, b) => b - a);
      let tail = 0;
      for (let i = l - 1; i < scratch.length; i++) tail += scratch[i]!;
      return scratch[0]! < cParam * tail;
    },
  };
}

export type GroundDistance =
  | { kind: 'equal' }
  | { kind: 'ordered' }
  | { kind: 'hierarchical'; hierarchy: CompiledHierarchy; groundOfCode: Int32Array };

/**
 * t-closeness: the earth mover's distance between the class's distribution of the sensitive
 * column and its distribution over the whole data is at most t. `global[code]` are the counts
 * over the data; codes are the column's dictionary codes (natural order, for 'ordered'). The
 * ordered distance ranks the values present in the data only (Li et al.: the m values of the table;
 * a dictionary may hold more, e.g. a held-out table's), in code order or `codeOrder` (an ordinal text column's order). Hierarchical distance is Li et al.'s closed
 * form over the sensitive column's hierarchy. `reference(counts)` judges the classes against other
 * counts instead — the released rows', when classes are suppressed (the checker) — and `reference(null)`
 * against `global` again.
 */
export function tCloseness(t: number, sensitive: number, global: ArrayLike<number>, ground: GroundDistance, column = `#${sensitive}`, codeOrder?: ArrayLike<number>): PrivacyModel {
  const m = global.length;
  const q = new Float64Array(m);
  // the codes present in the reference, in code order (the ordered distance's ranks)
  const present = new Int32Array(m);
  let mp = 0;
  const reference = (counts: ArrayLike<number> | null): void => {
    const c = counts ?? global;
    let total = 0;
    for (let i = 0; i < m; i++) total += c[i]!;
    mp = 0;
    for (let i = 0; i < m; i++) q[i] = total > 0 ? c[i]! / total : 0;
    for (let k = 0; k < m; k++) { const i = codeOrder ? codeOrder[k]! : k; if (c[i]! > 0) present[mp++] = i; }
  };
  reference(null);
  const p = new Float64Array(m);
  const limit = t + 1e-12;
  let distance: (size: number) => number;
  if (ground.kind === 'equal') {
    distance = () => { let d = 0; for (let i = 0; i < m; i++) d += Math.abs(p[i]! - q[i]!); return d / 2; };
  } else if (ground.kind === 'ordered') {
    distance = () => {
      if (mp <= 1) return 0;
      let cum = 0, d = 0;
      for (let k = 0; k < mp; k++) { const i = present[k]!; cum += p[i]! - q[i]!; d += Math.abs(cum); }
      return d / (mp - 1);
    };
  } else {
    const H = ground.hierarchy.height - 1;
    const extras = ground.hierarchy.cardinality.map((k) => new Float64Array(k));
    const pos = ground.hierarchy.cardinality.map((k) => new Float64Array(k));
    const neg = ground.hierarchy.cardinality.map((k) => new Float64Array(k));
    // parent maps level h → h+1
    const parent: Int32Array[] = [];
    for (let h = 0; h < H; h++) {
      const rep = ground.hierarchy.rep[h]!;
      const next = ground.hierarchy.levelOfGround[h + 1]!;
      parent.push(Int32Array.from(rep, (g) => next[g]!));
    }
    const leafOf = Int32Array.from({ length: m }, (_, code) => ground.hierarchy.levelOfGround[0]![ground.groundOfCode[code]!]!);
    distance = () => {
      if (H <= 0) return 0;
      for (let h = 0; h <= H; h++) { extras[h]!.fill(0); pos[h]!.fill(0); neg[h]!.fill(0); }
      for (let i = 0; i < m; i++) extras[0]![leafOf[i]!]! += p[i]! - q[i]!;
      let cost = 0;
      for (let h = 0; h < H; h++) {
        const e = extras[h]!, par = parent[h]!;
        for (let c = 0; c < e.length; c++) {
          const v = e[c]!; const pc = par[c]!;
          extras[h + 1]![pc]! += v;
          if (v > 0) pos[h + 1]![pc]! += v; else neg[h + 1]![pc]! -= v;
        }
        const ph = pos[h + 1]!, nh = neg[h + 1]!;
        for (let c = 0; c < ph.length; c++) cost += ((h + 1) / H) * Math.min(ph[c]!, nh[c]!);
      }
      return cost;
    };
  }
  return {
    name: `${t}-closeness (${column}, ${ground.kind})`, isMonotonic: false, monotoneWithoutSuppression: true, sensitive, needsPopulation: false, reference,
    holds: (c) => {
      const h = c.sensitive[sensitive]!;
      p.fill(0);
      for (let i = 0; i < h.distinct; i++) p[h.codes[i]!] = h.counts[i]! / c.size;
      return distance(c.size) <= limit;
    },
  };
}

/** δ-presence: dMin ≤ |class in data| / |class in population| ≤ dMax (data ⊆ population). */
export function deltaPresence(dMin: number, dMax: number): PrivacyModel {
  return {
    name: `(${dMin},${dMax})-presence`, isMonotonic: false, monotoneWithoutSuppression: false, sensitive: -1, needsPopulation: true,
    holds: (c) => { if (c.popSize === 0) return false; const d = c.size / c.popSize; return d >= dMin - 1e-12 && d <= dMax + 1e-12; },
  };
}

/** k-map: every class matches at least k records of the population table. */
export function kMap(k: number): PrivacyModel {
  return { name: `${k}-map`, isMonotonic: true, monotoneWithoutSuppression: true, sensitive: -1, needsPopulation: true, holds: (c) => c.popSize >= k };
}
