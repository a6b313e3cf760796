/**
 * Individual risk (Benedetti & Franconi 1998; Franconi & Polettini 2004), as sdcMicro's
 * `indivRisk` (R path, ../shared/reference/sdcmicro.md §2): the posterior expectation of 1/F given
 * the sample frequency fk and the estimated population frequency Fk = Σ weights of the class,
 * under a negative-binomial super-population model. With pk = fk/Fk:
 *   fk = 1: r = pk/(1−pk) · ln(1/pk)
 *   fk = 2: r = pk/(1−pk) − (pk/(1−pk))² · ln(1/pk)
 *   fk ≥ 3: r = pk / (fk − (1 − pk))                    ('approx', sdcMicro's default)
 *           or the exact series                          ('exact')
 *   fk = Fk (weights all 1, a census): r = 1/fk.
 * Expected re-identifications ER = Σ over records of r; global risk = ER / n.
 * Everything is per class (O(classes)); a record's risk is its class's risk.
 */

export type IndividualRiskMethod = 'approx' | 'exact';

/** Benedetti–Franconi risk of a record in a class with sample count fk and weighted count Fk. */
export function benedettiFranconi(fk: number, Fk: number, method: IndividualRiskMethod = 'approx'): number {
  if (!(fk >= 1)) return NaN;
  if (!(Fk > fk) || Math.abs(Fk - fk) < 1e-12) return 1 / fk; // census (or weights ≤ 1): no sampling uncertainty
  const pk = fk / Fk;
  const odds = pk / (1 - pk);
  if (fk === 1) return odds * Math.log(1 / pk);
  if (fk === 2) return odds - odds * odds * Math.log(1 / pk);
  if (method === 'approx') return pk / (fk - (1 - pk));
  // exact: sdcMicro's series (pk/(1−pk))^fk · [A·(1 + Σ_{m=0}^{fk−3} (−1)^{m+1} Π_{j=0}^{m} B_j) + (−1)^fk · ln pk] is the
  // expectation E[1/F | fk] = I_fk = ∫₀¹ pk·s^(fk−1) / (pk + (1−pk)·s) ds, summed; in doubles its alternating terms cancel
  // (pk = 12/12.6 gave −53). The same I_fk by its recurrence I_f = odds·(1/(f−1) − I_(f−1)), I_1 = odds·ln(1/pk):
  // forward while odds^fk stays small (errors grow by odds a step), else backward from far above fk, where errors
  // shrink by 1/odds a step and any start in I_M's bounds [pk/M, 1/M] serves
  return exactSeries(fk, pk, odds);
}

/** I_fk of benedettiFranconi's exact method by its recurrence (stable direction: see there). */
function exactSeries(fk: number, pk: number, odds: number): number {
  if (fk * Math.log(odds) < 9) {
    let I = odds * Math.log(1 / pk);
    for (let f = 2; f <= fk; f++) I = odds * (1 / (f - 1) - I);
    return I;
  }
  // backward: (1/odds)^(M − fk) < 1e-18
  const M = fk + Math.ceil(18 * Math.LN10 / Math.log(odds)) + 1;
  let I = pk / (M - (1 - pk)); // (the approximation at M, inside [pk/M, 1/M])
  for (let f = M; f > fk; f--) I = 1 / (f - 1) - I / odds;
  return I;
}

export interface IndividualRisk {
  /** 'weights': Fk = Σ declared weights; 'sampling-fraction': every weight = 1/f; 'none': census, r = 1/fk. */
  readonly source: 'weights' | 'sampling-fraction' | 'none';
  readonly method: IndividualRiskMethod;
  /** ER = Σ_i r_i, the expected number of correct re-identifications. */
  readonly expectedReidentifications: number;
  /** ER / n (sdcMicro global_risk). */
  readonly globalRisk: number;
  readonly highest: number;
  /** Median of the record risks. */
  readonly median: number;
  readonly threshold: number | null;
  /** Records with r above the threshold (null when none). */
  readonly recordsAboveThreshold: number | null;
}

/**
 * Per-class Benedetti–Franconi risks and their summary.
 * `sizes[j]` = fk, `weightSums[j]` = Fk (omit for a census: r = 1/fk).
 */
export function individualRisk(
  sizes: ArrayLike<number>, weightSums: ArrayLike<number> | null, options: {
    method?: IndividualRiskMethod; threshold?: number | null; source?: IndividualRisk['source'];
  } = {},
): { summary: IndividualRisk; classRisk: Float64Array } {
  const method = options.method ?? 'approx';
  const threshold = options.threshold ?? null;
  const u = sizes.length;
  const classRisk = new Float64Array(u);
  let n = 0, er = 0, highest = 0, above = 0;
  for (let j = 0; j < u; j++) {
    const fk = sizes[j]!;
    const r = weightSums ? benedettiFranconi(fk, weightSums[j]!, method) : 1 / fk;
    classRisk[j] = r;
    n += fk; er += fk * r;
    if (r > highest) highest = r;
    if (threshold !== null && r > threshold) above += fk;
  }
  // median over records: records per distinct risk value, values sorted
  let median = 0;
  if (n > 0) {
    const perValue = new Map<number, number>();
    for (let j = 0; j < u; j++) perValue.set(classRisk[j]!, (perValue.get(classRisk[j]!) ?? 0) + sizes[j]!);
    const values = Float64Array.from(perValue.keys()).sort();
    const lo = Math.floor((n - 1) / 2), hi = Math.floor(n / 2);
    let acc = 0, vlo = NaN, vhi = NaN;
    for (const v of values) {
      const next = acc + perValue.get(v)!;
      if (Number.isNaN(vlo) && lo < next) vlo = v;
      if (hi < next) { vhi = v; break; }
      acc = next;
    }
    median = (vlo + vhi) / 2;
  }
  return {
    summary: {
      source: options.source ?? (weightSums ? 'weights' : 'none'), method,
      expectedReidentifications: er, globalRisk: n ? er / n : 0, highest, median, threshold,
      recordsAboveThreshold: threshold === null ? null : above,
    },
    classRisk,
  };
}
