/**
 * Information-loss metrics for full-domain generalization with record suppression. Lower is
 * better. Each metric gives its exact value for a checked transformation and, where one exists, a
 * cheap lower bound per transformation that is valid for the transformation AND every
 * generalization of it (so the search may prune everything above a transformation whose bound
 * already exceeds the best value found).
 *
 * - loss: ARX's default "Loss" metric, exactly as in ../shared/reference/arx-loss.md (shares over
 *   all hierarchy rows, suppressed rows count 1, floor(1e10·…)/1e10 per attribute, geometric
 *   mean of (1 + w_j·L_j)).
 * - precision: Sweeney's Prec: mean over cells of level/maxLevel, a suppressed cell counts 1.
 * - entropy: non-uniform entropy, Σ_j Σ_rows log2(count of the generalized value / count of the
 *   original value); a suppressed row counts as generalized to the top (count N).
 * - discernibility: Σ over released classes of size² + (suppressed rows) · N.
 * - aecs: average equivalence class size N / (classes + 1 if anything is suppressed).
 *
 * For loss, precision and entropy the lower bound is the value with no suppression, computed per
 * attribute without grouping; it is exact when nothing is suppressed. Sums over classes are made
 * in integers or in code order, so the value does not depend on the order of the classes.
 */
import type { CompiledHierarchy } from '../hierarchy/hierarchy.ts';

export type MetricName = 'loss' | 'precision' | 'entropy' | 'discernibility' | 'aecs';
export const METRIC_NAMES: readonly MetricName[] = ['loss', 'precision', 'entropy', 'discernibility', 'aecs'];

/** What a checked transformation looks like to a metric. */
export interface NodeStats {
  readonly levels: Int32Array;
  /** Number of classes (suppressed ones included). */
  readonly classes: number;
  readonly sizes: Int32Array;
  /** codes[j][class] = code of quasi-identifier j at its level in the transformation. */
  readonly codes: readonly Int32Array[];
  /** 1 for a suppressed class. */
  readonly suppressed: Uint8Array;
  readonly suppressedRows: number;
}

export interface Metric {
  readonly name: MetricName;
  /** The lower bound equals the exact value when nothing is suppressed. */
  readonly exactWithoutSuppression: boolean;
  /** With nothing suppressed, generalizing never decreases the value. */
  readonly monotoneWithoutSuppression: boolean;
  lowerBound?(levels: ArrayLike<number>): number;
  /**
   * A lower bound of the value of `levels` when at least `suppressed` rows are suppressed there
   * (each suppressed row can only add loss). Valid for the transformation itself only.
   */
  lowerBoundSuppressed?(levels: ArrayLike<number>, suppressed: number): number;
  evaluate(s: NodeStats): number;
  /** Per quasi-identifier contribution (for reports), where the metric has one. */
  perAttribute(s: NodeStats): number[];
}

export interface MetricContext {
  /** Rows of the data. */
  readonly n: number;
  readonly qi: readonly CompiledHierarchy[];
  /** baseCounts[j][g] = rows of the data whose value of QI j is ground row g. */
  readonly groundCounts: readonly Int32Array[];
  /** Attribute weights for loss (default 1). */
  readonly weights?: readonly number[];
}

/** counts per level code: levelCounts[j][h][code]. */
function levelCounts(ctx: MetricContext): Float64Array[][] {
  return ctx.qi.map((ch, j) => ch.levelOfGround.map((map, h) => {
    const out = new Float64Array(ch.cardinality[h]!);
    const g = ctx.groundCounts[j]!;
    for (let i = 0; i < g.length; i++) out[map[i]!]! += g[i]!;
    return out;
  }));
}

export function createMetric(name: MetricName, ctx: MetricContext): Metric {
  switch (name) {
    case 'loss': return lossMetric(ctx);
    case 'precision': return precisionMetric(ctx);
    case 'entropy': return entropyMetric(ctx);
    case 'discernibility': return discernibilityMetric(ctx);
    case 'aecs': return aecsMetric(ctx);
  }
}

const FLOOR = 1e10;

/** ARX's per-attribute normalization: floor(1e10·max(0,(S − N/R)/(N − N/R)))/1e10. */
export function arxAttributeLoss(S: number, n: number, R: number): number {
  const lo = n / R;
  const den = n - lo;
  if (!(den > 0)) return 0;
  return Math.floor(FLOOR * Math.max(0, (S - lo) / den)) / FLOOR;
}

/**
 * ARX's aggregation: Π (L_j·w_j + 1)^(1/n) − 1, computed as ARX does (a product of n-th roots,
 * which is what reproduces its values to the last bit).
 */
export function arxAggregate(L: readonly number[], w?: readonly number[]): number {
  if (L.length === 0) return 0;
  const e = 1 / L.length;
  let p = 1;
  for (let j = 0; j < L.length; j++) p *= Math.pow(L[j]! * (w?.[j] ?? 1) + 1, e);
  return p - 1;
}

function lossMetric(ctx: MetricContext): Metric {
  const m = ctx.qi.length;
  const n = ctx.n;
  // rowsOfLabel[j][h][code] = share · R (an integer)
  const rowsOfLabel = ctx.qi.map((ch) => ch.share.map((s) => Float64Array.from(s, (x) => Math.round(x * ch.groundCount))));
  const counts = levelCounts(ctx);
  // S without suppression per attribute and level, in integers (then / R)
  const S0 = ctx.qi.map((ch, j) => ch.levelOfGround.map((_, h) => {
    let num = 0;
    const c = counts[j]![h]!, r = rowsOfLabel[j]![h]!;
    for (let i = 0; i < c.length; i++) num += c[i]! * r[i]!;
    return num / ch.groundCount;
  }));
  const attr0 = ctx.qi.map((ch, j) => S0[j]!.map((S) => arxAttributeLoss(S, n, ch.groundCount)));
  // the largest share among the labels present in the data, per level (a suppressed row adds at least 1 − it)
  const maxShare = ctx.qi.map((ch, j) => ch.share.map((sh, h) => {
    let mx = 0; const c = counts[j]![h]!;
    for (let i = 0; i < sh.length; i++) if (c[i]! > 0 && sh[i]! > mx) mx = sh[i]!;
    return mx;
  }));
  const perAttribute = (s: NodeStats): number[] => {
    const out: number[] = [];
    for (let j = 0; j < m; j++) {
      const h = s.levels[j]!;
      const r = rowsOfLabel[j]![h]!;
      const codes = s.codes[j]!;
      let num = 0;
      for (let c = 0; c < s.classes; c++) if (!s.suppressed[c]) num += s.sizes[c]! * r[codes[c]!]!;
      out.push(arxAttributeLoss(num / ctx.qi[j]!.groundCount + s.suppressedRows, n, ctx.qi[j]!.groundCount));
    }
    return out;
  };
  const L = new Array<number>(m);
  return {
    name: 'loss', exactWithoutSuppression: true, monotoneWithoutSuppression: true,
    lowerBound(levels) {
      for (let j = 0; j < m; j++) L[j] = attr0[j]![levels[j]!]!;
      return arxAggregate(L, ctx.weights);
    },
    lowerBoundSuppressed(levels, sup) {
      for (let j = 0; j < m; j++) {
        const h = levels[j]!;
        L[j] = sup > 0 ? arxAttributeLoss(S0[j]![h]! + sup * (1 - maxShare[j]![h]!), n, ctx.qi[j]!.groundCount) : attr0[j]![h]!;
      }
      return arxAggregate(L, ctx.weights);
    },
    evaluate(s) {
      if (s.suppressedRows === 0) return this.lowerBound!(s.levels);
      return arxAggregate(perAttribute(s), ctx.weights);
    },
    perAttribute(s) {
      if (s.suppressedRows === 0) return Array.from({ length: m }, (_, j) => attr0[j]![s.levels[j]!]!);
      return perAttribute(s);
    },
  };
}

function precisionMetric(ctx: MetricContext): Metric {
  const m = ctx.qi.length, n = ctx.n;
  const ratio = (j: number, h: number) => { const max = ctx.qi[j]!.height - 1; return max > 0 ? h / max : 0; };
  const value = (levels: ArrayLike<number>, s: number) => {
    if (m === 0 || n === 0) return 0;
    let sum = 0;
    for (let j = 0; j < m; j++) sum += (n - s) * ratio(j, levels[j]!) + s;
    return sum / (n * m);
  };
  return {
    name: 'precision', exactWithoutSuppression: true, monotoneWithoutSuppression: true,
    lowerBound: (levels) => value(levels, 0),
    lowerBoundSuppressed: (levels, sup) => value(levels, sup),
    evaluate: (s) => value(s.levels, s.suppressedRows),
    perAttribute: (s) => Array.from({ length: m }, (_, j) => n ? ((n - s.suppressedRows) * ratio(j, s.levels[j]!) + s.suppressedRows) / n : 0),
  };
}

function entropyMetric(ctx: MetricContext): Metric {
  const m = ctx.qi.length, n = ctx.n;
  const counts = levelCounts(ctx);
  const log2n = n > 0 ? Math.log2(n) : 0;
  // A[j][h] = Σ_rows log2(count_h(gen) / count_0(value))
  const A = ctx.qi.map((ch, j) => ch.levelOfGround.map((map, h) => {
    const g = ctx.groundCounts[j]!;
    const c0 = counts[j]![0]!, ch_ = counts[j]![h]!;
    const map0 = ch.levelOfGround[0]!;
    let sum = 0;
    for (let i = 0; i < g.length; i++) {
      if (g[i]! === 0) continue;
      sum += g[i]! * (Math.log2(ch_[map[i]!]!) - Math.log2(c0[map0[i]!]!));
    }
    return sum;
  }));
  const scratch = ctx.qi.map((ch) => new Float64Array(Math.max(...ch.cardinality)));
  const per = (s: NodeStats): number[] => {
    const out: number[] = [];
    for (let j = 0; j < m; j++) {
      const h = s.levels[j]!;
      let v = A[j]![h]!;
      if (s.suppressedRows > 0) {
        const acc = scratch[j]!; const card = ctx.qi[j]!.cardinality[h]!;
        acc.fill(0, 0, card);
        const codes = s.codes[j]!;
        for (let c = 0; c < s.classes; c++) if (s.suppressed[c]) acc[codes[c]!]! += s.sizes[c]!;
        const cnt = counts[j]![h]!;
        for (let c = 0; c < card; c++) if (acc[c]! > 0) v += acc[c]! * (log2n - Math.log2(cnt[c]!));
      }
      out.push(v);
    }
    return out;
  };
  return {
    name: 'entropy', exactWithoutSuppression: true, monotoneWithoutSuppression: true,
    lowerBound(levels) { let v = 0; for (let j = 0; j < m; j++) v += A[j]![levels[j]!]!; return v; },
    evaluate(s) { let v = 0; for (const x of per(s)) v += x; return v; },
    perAttribute: per,
  };
}

function discernibilityMetric(ctx: MetricContext): Metric {
  return {
    name: 'discernibility', exactWithoutSuppression: false, monotoneWithoutSuppression: true,
    evaluate(s) {
      let v = 0;
      for (let c = 0; c < s.classes; c++) if (!s.suppressed[c]) v += s.sizes[c]! * s.sizes[c]!;
      return v + s.suppressedRows * ctx.n;
    },
    perAttribute: () => [],
  };
}

function aecsMetric(ctx: MetricContext): Metric {
  return {
    name: 'aecs', exactWithoutSuppression: false, monotoneWithoutSuppression: true,
    evaluate(s) {
      let kept = 0;
      for (let c = 0; c < s.classes; c++) if (!s.suppressed[c]) kept++;
      const k = kept + (s.suppressedRows > 0 ? 1 : 0);
      return k ? ctx.n / k : 0;
    },
    perAttribute: () => [],
  };
}
