/**
 * Search strategies over the generalization lattice. All share one interface: given a checker
 * (models + suppression limit + metric), return the best feasible transformation found.
 *
 * Tie-break (deterministic, documented): lowest metric value; on equal values the transformation
 * with the lowest height (sum of levels) wins; then the lowest id (lexicographic order of the level
 * vectors, first quasi-identifier most significant).
 *
 * - exhaustive: checks every transformation; the reference in tests.
 * - optimal: bound-ordered branch and bound, provably optimal. Transformations are visited in
 *   increasing order of the metric's lower bound (the value with nothing suppressed, which is
 *   monotone in generalization); the search stops when the next bound exceeds the best value. When
 *   the models are monotone, feasibility is predicted along the lattice (an infeasible
 *   transformation makes all its predecessors infeasible, a feasible one all its successors
 *   feasible), and an unknown transformation is resolved by a binary search on a chain of
 *   successors above it (as ARX's Flash does), which settles many transformations per check.
 *   An incumbent is found first (binary search on the path of lowest bounds). Transformations
 *   certified infeasible by the checker's projections are never grouped, and the rows a
 *   transformation must suppress (from projections, or from a checked generalization of it)
 *   tighten its bound through `metric.lowerBoundSuppressed`.
 * - heuristic: for lattices too large to enumerate: a greedy climb by lower bound to a feasible
 *   transformation, then a greedy descent while a predecessor stays feasible and improves the
 *   value. Feasible, not proven optimal.
 */
import type { Checker, CheckResult } from '../check/checker.ts';
import { AnonymatError } from '../errors.ts';
import { Flag, forEachPredecessor, forEachSuccessor, heightOf, idOf, levelsOf, propagate } from '../lattice/lattice.ts';
import type { Lattice } from '../lattice/lattice.ts';

export type StrategyName = 'auto' | 'optimal' | 'exhaustive' | 'heuristic';

export interface SearchOptions {
  /** Called after each check with (checked, latticeSize). */
  onProgress?: (checked: number, size: number) => void;
}

export interface SearchResult {
  /** Best feasible transformation, or null when none is feasible. */
  readonly best: CheckResult | null;
  readonly optimal: boolean;
  /** Transformations checked (grouped and evaluated). */
  readonly checked: number;
  readonly latticeSize: number;
  readonly strategy: Exclude<StrategyName, 'auto'>;
}

/**
 * Whether two metric values are equal up to rounding: sums of fractions in another order differ in their last bits
 * (7·(1/3) + 7·(2/3) = 6.999999999999999), and the documented tie-break (height, then id) must decide such ties.
 */
export function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)));
}

/** True when a beats b under the documented tie-break. */
export function better(l: Lattice, a: { id: number; value: number }, b: { id: number; value: number } | null): boolean {
  if (!b) return true;
  if (!sameValue(a.value, b.value)) return a.value < b.value;
  const ha = heightOf(l, a.id), hb = heightOf(l, b.id);
  if (ha !== hb) return ha < hb;
  return a.id < b.id;
}

/**
 * Whether feasibility (and "nothing suppressed") can be predicted along the lattice; `infeasibleBelow`: whether a
 * transformation the models refuse (not its release check) makes every transformation below it infeasible.
 */
export function monotonicity(checker: Checker): { feasibility: boolean; suppression: boolean; infeasibleBelow: boolean } {
  const byModels = modelsMonotonicity(checker.setup, checker.maxSuppressed);
  // (a check of the materialized release, e.g. persons judged on their aggregated rows: no feasibility is predicted, and
  // the rows it suppresses, whole persons, are not monotone either; the models' refusals still hold below)
  if (checker.setup.releaseCheck) return { feasibility: false, suppression: false, infeasibleBelow: byModels.feasibility };
  return { ...byModels, infeasibleBelow: byModels.feasibility };
}

/** What the models and the suppression limit let the search predict (the release check aside). */
function modelsMonotonicity(setup: Checker['setup'], maxSuppressed: number): { feasibility: boolean; suppression: boolean } {
  const { models, tableModels } = setup;
  // (masked suppressed rows: a generalization that suppresses fewer rows may leave too small a masked class)
  if (setup.maskSuppressed && maxSuppressed > 0) return { feasibility: false, suppression: models.every((m) => m.isMonotonic) && tableModels.length === 0 };
  const strict = models.every((m) => m.isMonotonic) && tableModels.length === 0;
  const noSuppression = maxSuppressed === 0
    && models.every((m) => m.monotoneWithoutSuppression) && tableModels.every((t) => t.monotoneWithoutSuppression);
  return { feasibility: strict || noSuppression, suppression: strict };
}

export function exhaustiveSearch(checker: Checker, options: SearchOptions = {}): SearchResult {
  const l = checker.lattice;
  if (l.size > MAX_ENUMERATED_LATTICE) throw tooLarge(l.size, 'exhaustive');
  let best: CheckResult | null = null;
  for (let id = 0; id < l.size; id++) {
    const r = checker.check(id);
    if (r.feasible && better(l, { id, value: r.value }, best)) best = r;
    options.onProgress?.(id + 1, l.size);
  }
  return { best, optimal: true, checked: l.size, latticeSize: l.size, strategy: 'exhaustive' };
}

/** Largest lattice the optimal and exhaustive strategies enumerate (they keep a few bytes per transformation). */
export const MAX_ENUMERATED_LATTICE = 1 << 26;

function tooLarge(size: number, strategy: string): AnonymatError {
  return new AnonymatError('invalid-usage', `the lattice has ${size} transformations, too many for the ${strategy} strategy (at most ${MAX_ENUMERATED_LATTICE}); use strategy heuristic, or hierarchies with fewer levels`, [{ path: 'anonymize.strategy', message: 'use heuristic' }]);
}

export function optimalSearch(checker: Checker, options: SearchOptions = {}): SearchResult {
  const l = checker.lattice;
  if (l.size > MAX_ENUMERATED_LATTICE) throw tooLarge(l.size, 'optimal');
  const metric = checker.setup.metric;
  const size = l.size;
  const mono = monotonicity(checker);
  const lb = new Float64Array(size);
  const levels = new Int32Array(l.dims);
  if (metric.lowerBound) for (let id = 0; id < size; id++) lb[id] = metric.lowerBound(levelsOf(l, id, levels));
  else lb.fill(-Infinity);
  const heights = new Int32Array(size);
  for (let id = 0; id < size; id++) heights[id] = heightOf(l, id);
  const order = Uint32Array.from({ length: size }, (_, i) => i);
  order.sort((a, b) => (lb[a]! - lb[b]!) || (heights[a]! - heights[b]!) || (a - b));

  const flags = new Uint8Array(size);
  for (let id = 0; id < size; id++) if (checker.certifiedInfeasible(levelsOf(l, id, levels))) flags[id] = Flag.Infeasible;
  const results = new Map<number, CheckResult>();
  let best = null as { id: number; value: number } | null;
  let bestResult = null as CheckResult | null;
  let checked = 0;
  const exactFree = metric.exactWithoutSuppression;

  const consider = (id: number, value: number, r: CheckResult | null) => {
    if (better(l, { id, value }, best)) { best = { id, value }; bestResult = r; }
  };
  const doCheck = (id: number): CheckResult => {
    const r = checker.check(id);
    checked++;
    flags[id] = flags[id]! | Flag.Checked;
    results.set(id, r);
    if (sMin && Number.isFinite(r.suppressed) && r.suppressed > 0) forEachPredecessor(l, id, (p) => pushSuppressed(p, r.suppressed));
    if (r.feasible) {
      consider(id, r.value, r);
      if (mono.feasibility) propagate(l, flags, id, Flag.Feasible, 'up');
      else flags[id] = flags[id]! | Flag.Feasible;
      if (r.suppressed === 0 && mono.suppression) {
        propagate(l, flags, id, Flag.NoSuppression, 'up');
        // successors cannot beat this one (value monotone without suppression, ties lost on height)
        if (metric.monotoneWithoutSuppression) {
          forEachSuccessor(l, id, (s) => propagate(l, flags, s, Flag.Pruned, 'up'));
        }
      }
    } else if (mono.feasibility || (mono.infeasibleBelow && !r.releaseRefused)) propagate(l, flags, id, Flag.Infeasible, 'down');
    else flags[id] = flags[id]! | Flag.Infeasible;
    options.onProgress?.(checked, size);
    return r;
  };
  /** Could `id` still win against the best, given its bound? */
  // sMin[x]: rows x suppresses at least (from a checked transformation above it; suppression is
  // monotone), tightening x's bound when the metric knows how (suppressed rows only add loss)
  const sMin = mono.suppression && metric.lowerBoundSuppressed ? new Int32Array(size) : null;
  const pushSuppressed = (id: number, sup: number) => {
    if (!sMin || !(sup > 0) || sMin[id]! >= sup) return;
    sMin[id] = sup;
    const stack = [id];
    while (stack.length) {
      const y = stack.pop()!;
      forEachPredecessor(l, y, (p) => { if (sMin[p]! < sup) { sMin[p] = sup; stack.push(p); } });
    }
  };
  const boundOf = (id: number): number => {
    if (!metric.lowerBoundSuppressed) return lb[id]!;
    const lv = levelsOf(l, id, levels);
    const sup = Math.max(sMin ? sMin[id]! : 0, checker.suppressedAtLeast(lv));
    if (sup === 0) return lb[id]!;
    return Math.max(lb[id]!, metric.lowerBoundSuppressed(lv, sup));
  };
  const promising = (id: number): boolean => {
    if (!best) return true;
    const b = boundOf(id);
    if (sameValue(b, best.value)) return better(l, { id, value: best.value }, best);
    return b < best.value;
  };
  const settled = (id: number) => (flags[id]! & (Flag.Infeasible | Flag.Pruned)) !== 0 || (flags[id]! & Flag.Checked) !== 0;

  // An incumbent first (branch and bound): climb from the floor by the lowest bound to a feasible
  // transformation, then descend while a predecessor is feasible and better. Its value prunes
  // every transformation whose bound exceeds it before the ordered pass starts.
  if (mono.feasibility) {
    // the path of lowest bounds from the floor to the top, then a binary search on it for its
    // first feasible transformation (feasibility is monotone along a chain)
    const path = [idOf(l, checker.floor)];
    for (;;) {
      let next = -1;
      forEachSuccessor(l, path[path.length - 1]!, (s) => { if (next === -1 || lb[s]! < lb[next]! || (lb[s] === lb[next] && s < next)) next = s; });
      if (next === -1) break;
      path.push(next);
    }
    let lo = 0, hi = path.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const node = path[mid]!;
      const feasible = (flags[node]! & Flag.Feasible) ? true : (flags[node]! & Flag.Infeasible) ? false : doCheck(node).feasible;
      if (feasible) hi = mid; else lo = mid + 1;
    }
    let cur = path[lo]!;
    if (!(flags[cur]! & (Flag.Feasible | Flag.Infeasible))) doCheck(cur);
    if (flags[cur]! & Flag.Feasible) {
      if (!(flags[cur]! & Flag.Checked)) doCheck(cur);
      for (let steps = 0; steps < 4 * l.dims; steps++) {
        let moved = false;
        const preds: number[] = [];
        forEachPredecessor(l, cur, (p) => { if (!(flags[p]! & Flag.Infeasible)) preds.push(p); });
        preds.sort((a, b) => lb[a]! - lb[b]! || a - b);
        for (const p of preds) {
          if (best && lb[p]! >= best.value) continue;
          const r = (flags[p]! & Flag.Checked) ? results.get(p)! : doCheck(p);
          if (r.feasible && best && best.id === p) { cur = p; moved = true; break; }
        }
        if (!moved) break;
      }
    }
  }

  for (let i = 0; i < size; i++) {
    const x = order[i]!;
    if (best && lb[x]! > best.value && !sameValue(lb[x]!, best.value)) break;
    if (settled(x) || !promising(x)) continue;
    const f = flags[x]!;
    if (f & Flag.Feasible) {
      // known feasible: its value is its bound when nothing is suppressed
      if (exactFree && (checker.maxSuppressed === 0 || (f & Flag.NoSuppression))) { consider(x, lb[x]!, null); continue; }
      doCheck(x);
      continue;
    }
    if (!mono.feasibility) { doCheck(x); continue; }
    // resolve x with a binary search on a chain of successors (Flash-like)
    const chain = [x];
    for (;;) {
      const top = chain[chain.length - 1]!;
      let next = -1;
      forEachSuccessor(l, top, (s) => {
        if (flags[s]! & (Flag.Feasible | Flag.Infeasible)) return;
        if (next === -1 || lb[s]! < lb[next]! || (lb[s] === lb[next] && s < next)) next = s;
      });
      if (next === -1) break;
      chain.push(next);
    }
    let lo = 0, hi = chain.length - 1;
    while (lo <= hi && !(flags[x]! & (Flag.Infeasible | Flag.Checked))) {
      const mid = (lo + hi) >>> 1;
      const node = chain[mid]!;
      if (flags[node]! & Flag.Infeasible) { lo = mid + 1; continue; }
      if (flags[node]! & Flag.Checked) { hi = mid - 1; continue; }
      const r = doCheck(node);
      if (r.feasible) hi = mid - 1; else lo = mid + 1;
    }
    if (!(flags[x]! & (Flag.Infeasible | Flag.Checked))) {
      // x is known feasible now (a chain node above it is): evaluate it like the others
      const fx = flags[x]!;
      if (exactFree && (checker.maxSuppressed === 0 || (fx & Flag.NoSuppression))) consider(x, lb[x]!, null);
      else if (promising(x)) doCheck(x);
    }
  }
  let finalBest = bestResult;
  if (best && (!finalBest || finalBest.id !== best.id)) finalBest = results.get(best.id) ?? checker.check(best.id);
  return { best: finalBest, optimal: true, checked, latticeSize: size, strategy: 'optimal' };
}

export function heuristicSearch(checker: Checker, options: SearchOptions = {}): SearchResult {
  const l = checker.lattice;
  const metric = checker.setup.metric;
  const levels = new Int32Array(l.dims);
  const bound = (id: number) => (metric.lowerBound ? metric.lowerBound(levelsOf(l, id, levels)) : heightOf(l, id));
  const seen = new Map<number, CheckResult>();
  let checked = 0;
  const check = (id: number): CheckResult => {
    let r = seen.get(id);
    if (r) return r;
    if (checker.certifiedInfeasible(levelsOf(l, id, levels))) {
      r = { id, feasible: false, suppressed: NaN, classes: NaN, value: NaN, rejectedBy: [], tableFailures: [] };
    } else { r = checker.check(id); checked++; options.onProgress?.(checked, l.size); }
    seen.set(id, r);
    return r;
  };
  // Several starts (a multi-start local search): the climb from the floor (the lowest levels not
  // certified infeasible) along the path of lowest bounds, and one climb per quasi-identifier whose
  // first step raises that quasi-identifier. Each climb ends at its first feasible transformation
  // (a binary search when feasibility is monotone), then a local search improves it; the best wins.
  const floor = idOf(l, checker.floor);
  const climb = (first: number): number[] => {
    const path = [floor];
    if (first !== -1) path.push(first);
    for (;;) {
      let next = -1, nb = Infinity;
      forEachSuccessor(l, path[path.length - 1]!, (x) => { const b = bound(x); if (next === -1 || b < nb || (b === nb && x < next)) { next = x; nb = b; } });
      if (next === -1) break;
      path.push(next);
    }
    return path;
  };
  const firstFeasible = (path: number[]): CheckResult | null => {
    let r: CheckResult | null = null;
    if (monotonicity(checker).feasibility) {
      let lo = 0, hi = path.length - 1;
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (check(path[mid]!).feasible) hi = mid; else lo = mid + 1; }
      r = check(path[lo]!);
    } else {
      for (const id of path) { r = check(id); if (r.feasible) break; }
    }
    return r && r.feasible ? r : null;
  };
  // improve: move to the best feasible neighbour (predecessor or successor) while it improves;
  // neighbours whose lower bound cannot beat the current value are not checked
  // the wider moves check at most as many transformations as the starts did (at least 100)
  let wideLeft = 0;
  const improve = (start: CheckResult, wide: boolean): CheckResult => {
    let best = start;
    for (;;) {
      let improved: CheckResult | null = null;
      const tryNode = (x: number) => {
        const target = improved ?? best;
        if (wide && wideLeft <= 0) return;
        if (metric.lowerBound && bound(x) > target.value) return;
        const before = checked;
        const c = check(x);
        if (wide) wideLeft -= checked - before;
        if (c.feasible && better(l, { id: x, value: c.value }, { id: target.id, value: target.value })) improved = c;
      };
      forEachPredecessor(l, best.id, tryNode);
      if (!improved) forEachSuccessor(l, best.id, tryNode);
      // lateral moves: one level down on a quasi-identifier, one up on another
      if (!improved) forEachPredecessor(l, best.id, (p) => forEachSuccessor(l, p, (x) => { if (x !== best.id) tryNode(x); }));
      // wider moves, as a last resort: one level down and two up, or two down and one up
      if (!improved && wide) forEachPredecessor(l, best.id, (p) => forEachSuccessor(l, p, (x) => forEachSuccessor(l, x, (y) => { if (y !== best.id) tryNode(y); })));
      if (!improved && wide) forEachPredecessor(l, best.id, (p) => forEachPredecessor(l, p, (q) => forEachSuccessor(l, q, (y) => { if (y !== best.id) tryNode(y); })));
      if (!improved) return best;
      best = improved;
    }
  };
  const starts = [-1];
  forEachSuccessor(l, floor, (x) => starts.push(x));
  const tried = new Set<number>();
  const optima = new Map<number, CheckResult>();
  for (const first of starts) {
    const r = firstFeasible(climb(first));
    if (!r || tried.has(r.id)) continue;
    tried.add(r.id);
    const local = improve(r, false);
    optima.set(local.id, local);
  }
  const byValue = (a: CheckResult, b: CheckResult) => (better(l, { id: a.id, value: a.value }, { id: b.id, value: b.value }) ? -1 : 1);
  const ranked = [...optima.values()].sort(byValue);
  if (ranked.length === 0) return { best: null, optimal: false, checked, latticeSize: l.size, strategy: 'heuristic' };
  // the three best local optima, improved again with the wider moves
  wideLeft = Math.max(100, checked);
  let best = ranked[0]!;
  for (const r of ranked.slice(0, 3)) {
    const wide = improve(r, true);
    if (better(l, { id: wide.id, value: wide.value }, { id: best.id, value: best.value })) best = wide;
  }
  return { best, optimal: false, checked, latticeSize: l.size, strategy: 'heuristic' };
}
