/**
 * Population uniqueness: how many records of the population are unique on the quasi-identifiers,
 * estimated from the sample class-size histogram (c_i) and the sampling fraction f = n/N.
 * Zayatz (1991), Pitman (Hoshino 2001), SNB (Chen & Keller-McNulty 1998) and the decision rule of
 * Dankar et al. (2012), as ARX implements them (see ../shared/reference/risk-models.md §2 and
 * docs/assessment.md). Every function is O(distinct class sizes) per iteration, never O(rows).
 *
 * Estimates that do not exist (no convergence, parameters out of range) are `null` with a reason,
 * never a silent 0 (ARX's `isValid() ? value : 0`).
 */
import { digamma, lnGamma, trigamma } from './special.ts';
import { sizeHistogram, type SizeHistogram } from './classes.ts';

export interface Estimate {
  /** Estimated number of population uniques Û (null when the model has no valid estimate). */
  readonly uniques: number | null;
  /** Û / N, the population uniqueness (what ARX reports). */
  readonly fraction: number | null;
  /** Why the estimate is null, or how it was obtained. */
  readonly note?: string;
}

export interface PitmanEstimate extends Estimate {
  readonly theta: number | null;
  readonly alpha: number | null;
  readonly iterations: number;
}

export interface SnbEstimate extends Estimate {
  /** Estimated number of non-empty population classes (Shlosser-type estimator). */
  readonly K: number;
  readonly alpha: number | null;
  readonly beta: number | null;
}

export type DankarModel = 'pitman' | 'zayatz' | 'snb' | 'none';

export interface PopulationUniqueness {
  readonly samplingFraction: number;
  /** N = round(n / f), as ARX's population model. */
  readonly populationSize: number;
  readonly sampleSize: number;
  readonly sampleUniques: number;
  /** Population uniqueness Û/N by each model (null when unavailable). */
  readonly pitman: number | null;
  readonly zayatz: number | null;
  readonly snb: number | null;
  /** Û/N chosen by Dankar's rule. */
  readonly dankar: number | null;
  readonly dankarModel: DankarModel;
  /** Estimated counts Û (population uniques) by each model. */
  readonly counts: { pitman: number | null; zayatz: number | null; snb: number | null; dankar: number | null };
  readonly details: { pitman: PitmanEstimate; zayatz: Estimate; snb: SnbEstimate };
}

interface Hist { n: number; u: number; c1: number; c2: number; h: SizeHistogram }

function prepare(h: SizeHistogram): Hist {
  let n = 0, u = 0, c1 = 0, c2 = 0;
  for (let i = 0; i < h.sizes.length; i++) {
    const s = h.sizes[i]!, c = h.counts[i]!;
    n += s * c; u += c;
    if (s === 1) c1 = c;
    if (s === 2) c2 = c;
  }
  return { n, u, c1, c2, h };
}

/** N = round(n / f). */
export function populationSizeOf(n: number, f: number): number {
  return Math.round(n / f);
}

function checkFraction(f: number): void {
  if (!(f > 0 && f <= 1)) throw new RangeError(`sampling fraction must be in (0, 1], got ${f}`);
}

/**
 * P(f = 1 | F = i) for a simple random sample of n out of N: the hypergeometric pmf at 1,
 * i·C(N−i, n−1)/C(N, n) = i·(n/N)·Π_{j=1}^{i−1} (N−n−j+1)/(N−j). Computed as a product (exact
 * to rounding, underflows gracefully to 0 for large i).
 */
export function hypergeometricOne(N: number, i: number, n: number): number {
  if (i < 1 || n < 1 || i > N) return 0;
  let p = (i * n) / N;
  for (let j = 1; j < i && p > 0; j++) {
    const num = N - n - j + 1;
    if (num <= 0) return 0;
    p *= num / (N - j);
  }
  return p;
}

/** Zayatz (1991): Û = c₁ · P(F=1 | f=1) / f with p_i ≈ c_i/u. */
export function zayatz(h: SizeHistogram, f: number): Estimate {
  checkFraction(f);
  const { n, u, c1 } = prepare(h);
  const N = populationSizeOf(n, f);
  if (c1 === 0) return { uniques: 0, fraction: 0, note: 'no sample unique' };
  let denom = 0;
  for (let i = 0; i < h.sizes.length; i++) denom += (h.counts[i]! / u) * hypergeometricOne(N, h.sizes[i]!, n);
  const num = (c1 / u) * hypergeometricOne(N, 1, n);
  const p = num / denom;
  // (divided by n/N, the fraction the population N = round(n/f) stands for: f itself made the figure differ between
  // samplingFraction 0.3 and population.size 27 for francdat's 8 records, one N)
  const uniques = (c1 * p) / (n / N);
  return { uniques, fraction: uniques / N };
}

/**
 * Pitman (Hoshino 2001): maximum-likelihood (θ, α) of the Pitman sampling formula by 2-D Newton–
 * Raphson from ARX's moment-like start, with closed forms in digamma/trigamma; then
 * Û = exp(lnΓ(θ+1) − lnΓ(θ+α)) · N^α. Invalid when α ≤ 0, no convergence, or Û ∉ [0, N].
 */
export function pitman(h: SizeHistogram, f: number, maxIterations = 300): PitmanEstimate {
  checkFraction(f);
  const { n, u, c1 } = prepare(h);
  let { c2 } = prepare(h);
  const N = populationSizeOf(n, f);
  if (c1 === 0) return { uniques: 0, fraction: 0, theta: null, alpha: null, iterations: 0, note: 'no sample unique' };
  if (u < 2 || n < 2) return { uniques: null, fraction: null, theta: null, alpha: null, iterations: 0, note: 'fewer than two classes' };
  // every class a singleton: the likelihood increases without bound in θ, no finite MLE
  if (c1 === u) return { uniques: null, fraction: null, theta: null, alpha: null, iterations: 0, note: 'every class is a sample unique: no finite maximum-likelihood estimate' };
  c2 = c2 !== 0 ? c2 : 1;
  const c = (c1 * (c1 - 1)) / c2;
  let t = (n * u * c - c1 * (n - 1) * (2 * u + c)) / (2 * c1 * u + c1 * c - n * c);
  let a = (t * (c1 - n) + (n - 1) * c1) / (n * u);

  // F(t, a) = [∂ℓ/∂θ, ∂ℓ/∂α] and its Jacobian, closed forms (risk-models.md §2.2)
  const evaluate = (t: number, a: number): { F: [number, number]; J: [number, number, number, number]; size: [number, number] } | null => {
    if (!(a > 0 && a < 1 && t > -a)) return null;
    const ta = t / a;
    const S1 = (digamma(ta + u) - digamma(ta + 1)) / a; // Σ_{i=1}^{u−1} 1/(t+ia)
    const S2 = (trigamma(ta + 1) - trigamma(ta + u)) / (a * a); // Σ 1/(t+ia)²
    const Si = (u - 1 - t * S1) / a; // Σ i/(t+ia)
    const Si2 = (S1 - t * S2) / a; // Σ i/(t+ia)²
    const Sii2 = (u - 1 - 2 * t * S1 + t * t * S2) / (a * a); // Σ i²/(t+ia)²
    const T1 = digamma(n + t) - digamma(t + 1); // Σ_{i=1}^{n−1} 1/(t+i)
    const T2 = trigamma(t + 1) - trigamma(n + t);
    let L1 = 0, L2 = 0;
    const d1a = digamma(1 - a), t1a = trigamma(1 - a);
    for (let i = 0; i < h.sizes.length; i++) {
      const j = h.sizes[i]!;
      if (j === 1) continue;
      L1 += h.counts[i]! * (digamma(j - a) - d1a); // Σ_l 1/(l−a)
      L2 += h.counts[i]! * (t1a - trigamma(j - a)); // Σ_l 1/(l−a)²
    }
    return { F: [S1 - T1, Si - L1], J: [T2 - S2, -Si2, -Si2, -Sii2 - L2], size: [Math.max(1, Math.abs(S1), Math.abs(T1)), Math.max(1, Math.abs(Si), Math.abs(L1))] };
  };

  let iterations = 0;
  let converged = false;
  let cur = evaluate(t, a);
  if (cur === null) {
    // ARX's start can fall outside the domain; restart from a neutral point
    t = 1; a = 0.5; cur = evaluate(t, a);
  }
  while (cur !== null && iterations < maxIterations) {
    iterations++;
    const [F0, F1] = cur.F;
    const [j00, j01, j10, j11] = cur.J;
    const det = j00 * j11 - j01 * j10;
    if (!Number.isFinite(det) || det === 0) break;
    const dt = -(F0 * j11 - F1 * j01) / det;
    const da = -(j00 * F1 - j10 * F0) / det;
    // damped step: stay inside the domain (0 < α < 1, θ > −α, θ ≥ 0 as ARX requires)
    let lambda = 1;
    let next: ReturnType<typeof evaluate> = null;
    let nt = t, na = a;
    for (let tries = 0; tries < 60; tries++) {
      nt = t + lambda * dt; na = a + lambda * da;
      if (nt >= 0) next = evaluate(nt, na);
      if (next !== null) break;
      lambda /= 2;
    }
    if (next === null) break;
    const step = Math.abs(nt - t) / Math.max(1, Math.abs(t)) + Math.abs(na - a);
    t = nt; a = na; cur = next;
    if (Math.abs(cur.F[0]) < 1e-12 && Math.abs(cur.F[1]) < 1e-9) { converged = true; break; }
    // (a vanishing step is a solution only where the score vanishes too, relative to its terms: damped steps that halve
    // against θ ≥ 0 vanish at the boundary, where the score does not — NHDS 2010's θ 2e-16, α 0.63, ∂ℓ/∂α = 2661 was taken
    // for the maximum, and Dankar's rule chose its 0.5 % population uniques over Zayatz's 68 %)
    if (step < 1e-15) { converged = Math.abs(cur.F[0]) <= 1e-6 * cur.size[0] && Math.abs(cur.F[1]) <= 1e-6 * cur.size[1]; break; }
  }
  if (!converged || cur === null) {
    return { uniques: null, fraction: null, theta: null, alpha: null, iterations, note: 'Newton–Raphson did not converge' };
  }
  if (!(a > 0)) return { uniques: null, fraction: null, theta: t, alpha: a, iterations, note: 'alpha is 0' };
  if (t > 1e9 * n) return { uniques: null, fraction: null, theta: t, alpha: a, iterations, note: 'theta diverges: no finite maximum-likelihood estimate' };
  const uniques = Math.exp(lnGamma(t + 1) - lnGamma(t + a) + a * Math.log(N));
  if (!(uniques >= 0 && uniques <= N)) {
    return { uniques: null, fraction: null, theta: t, alpha: a, iterations, note: 'estimate outside [0, N]' };
  }
  return { uniques, fraction: uniques / N, theta: t, alpha: a, iterations };
}

/**
 * Estimated number of non-empty population classes, Shlosser-type estimator (Haas et al. 1995):
 * K̂ = u + c₁ · [Σ i f²(1−f²)^{i−1} c_i] / [Σ (1−f)^i ((1+f)^i − 1) c_i] · ([Σ (1−f)^i c_i] / [Σ i f (1−f)^{i−1} c_i])².
 * ARX groups the second sum differently (adds "−1" once per histogram bucket instead of
 * multiplying it by c_i); we use the formula as written. See docs/assessment.md.
 */
export function shlosserClasses(h: SizeHistogram, f: number): number {
  const { u, c1 } = prepare(h);
  let v1 = 0, v2 = 0, v3 = 0, v4 = 0;
  const f2 = f * f;
  for (let k = 0; k < h.sizes.length; k++) {
    const i = h.sizes[k]!, ci = h.counts[k]!;
    const q = Math.pow(1 - f, i) * ci;
    v1 += i * f2 * Math.pow(1 - f2, i - 1) * ci;
    // ((1 − f)^i·((1 + f)^i − 1), written without (1 + f)^i: past i ≈ 710/ln(1 + f) — a class of 1,751 at f = 0.5 —
    // it overflows while (1 − f)^i underflows, and 0·∞ made K̂ NaN)
    v2 += (Math.pow(1 - f2, i) - Math.pow(1 - f, i)) * ci;
    v3 += q;
    v4 += i * f * Math.pow(1 - f, i - 1) * ci;
  }
  if (v2 === 0 || v4 === 0) return u;
  return u + c1 * (v1 / v2) * (v3 / v4) * (v3 / v4);
}

/**
 * SNB (Chen & Keller-McNulty 1998): solve for (α, β) the expected numbers of sample classes of
 * size 1 and 2 (equations as ARX codes them), then Û = K̂·β^α. Newton–Raphson with a numerical
 * Jacobian from a fixed grid of starting points (deterministic); valid only for α > 0, 0 < β < 1,
 * residuals below 1e-8 relative and Û in (0, N]. It rarely has a valid root on real data.
 */
export function snb(h: SizeHistogram, fraction: number): SnbEstimate {
  checkFraction(fraction);
  const { n, c1, c2 } = prepare(h);
  const N = populationSizeOf(n, fraction);
  // (the fraction of the population actually assumed, n/N: a fraction and a population size that give one N give one figure)
  const f = n > 0 ? n / N : fraction;
  const K = shlosserClasses(h, f);
  if (c1 === 0) return { uniques: 0, fraction: 0, K, alpha: null, beta: null, note: 'no sample unique' };
  const F = (a: number, b: number): [number, number] => {
    const d = (1 - f) * (1 - b);
    const e1 = K * f * Math.pow(b / (1 - d), a) * ((a * d) / (1 - d) + 1) - c1;
    const e2 = ((K * a * Math.pow(b, a) * f * f * (1 - b)) / 2) * Math.pow(1 - d, a + 2) * (2 - (1 - a) * d) - c2;
    return [e1, e2];
  };
  const tol = (r: [number, number]) => Math.abs(r[0]) <= 1e-8 * Math.max(1, c1) && Math.abs(r[1]) <= 1e-8 * Math.max(1, c2);
  const starts: [number, number][] = [];
  for (const a0 of [0.05, 0.2, 0.5, 1, 2, 5]) for (const b0 of [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) starts.push([a0, b0]);
  for (const [a0, b0] of starts) {
    let a = a0, b = b0;
    for (let it = 0; it < 100; it++) {
      const r = F(a, b);
      if (!Number.isFinite(r[0]) || !Number.isFinite(r[1])) break;
      if (tol(r)) {
        const uniques = K * Math.pow(b, a);
        if (a > 0 && b > 0 && b < 1 && uniques > 0 && uniques <= N) {
          return { uniques, fraction: uniques / N, K, alpha: a, beta: b };
        }
        break;
      }
      const ha = 1e-7 * Math.max(1, Math.abs(a)), hb = 1e-7 * Math.max(1e-3, Math.abs(b));
      const ra1 = F(a + ha, b), ra0 = F(a - ha, b), rb1 = F(a, b + hb), rb0 = F(a, b - hb);
      const j00 = (ra1[0] - ra0[0]) / (2 * ha), j10 = (ra1[1] - ra0[1]) / (2 * ha);
      const j01 = (rb1[0] - rb0[0]) / (2 * hb), j11 = (rb1[1] - rb0[1]) / (2 * hb);
      const det = j00 * j11 - j01 * j10;
      if (!Number.isFinite(det) || det === 0) break;
      a -= (r[0] * j11 - r[1] * j01) / det;
      b -= (j00 * r[1] - j10 * r[0]) / det;
      if (!(a > 0 && a < 1e3 && b > 0 && b < 1)) break;
    }
  }
  return { uniques: null, fraction: null, K, alpha: null, beta: null, note: 'no root with alpha > 0 and 0 < beta < 1' };
}

/**
 * All estimators and Dankar et al.'s decision rule (ARX getNumUniqueTuplesDankar with Zayatz as
 * the fallback): c₁ = 0 → 0; f ≤ 0.1 → Pitman, or Zayatz if Pitman is invalid; f > 0.1 →
 * min(Zayatz, SNB) when SNB is valid, else Zayatz.
 */
export function populationUniqueness(sizesOrHistogram: ArrayLike<number> | SizeHistogram, samplingFraction: number): PopulationUniqueness {
  checkFraction(samplingFraction);
  const h = 'sizes' in (sizesOrHistogram as object) && 'counts' in (sizesOrHistogram as object)
    ? sizesOrHistogram as SizeHistogram
    : sizeHistogram(sizesOrHistogram as ArrayLike<number>);
  const { n, c1 } = prepare(h);
  const N = n === 0 ? 0 : populationSizeOf(n, samplingFraction);
  const base = { samplingFraction, populationSize: N, sampleSize: n, sampleUniques: c1 };
  if (c1 === 0 || n === 0) {
    const zero: Estimate = { uniques: 0, fraction: 0, note: 'no sample unique' };
    return {
      ...base, pitman: 0, zayatz: 0, snb: 0, dankar: 0, dankarModel: 'none',
      counts: { pitman: 0, zayatz: 0, snb: 0, dankar: 0 },
      details: { pitman: { ...zero, theta: null, alpha: null, iterations: 0 }, zayatz: zero, snb: { ...zero, K: 0, alpha: null, beta: null } },
    };
  }
  const z = zayatz(h, samplingFraction);
  const p = pitman(h, samplingFraction);
  const s = snb(h, samplingFraction);
  let model: DankarModel;
  let d: Estimate;
  if (samplingFraction <= 0.1) {
    if (valid(p)) { model = 'pitman'; d = p; } else { model = 'zayatz'; d = z; }
  } else if (valid(s)) {
    if (z.uniques! < s.uniques!) { model = 'zayatz'; d = z; } else { model = 'snb'; d = s; }
  } else { model = 'zayatz'; d = z; }
  if (!valid(d)) model = 'none';
  return {
    ...base,
    pitman: p.fraction, zayatz: z.fraction, snb: s.fraction, dankar: valid(d) ? d.fraction : null, dankarModel: model,
    counts: { pitman: p.uniques, zayatz: z.uniques, snb: s.uniques, dankar: valid(d) ? d.uniques : null },
    details: { pitman: p, zayatz: z, snb: s },
  };
}

function valid(e: Estimate): boolean {
  return e.uniques !== null && Number.isFinite(e.uniques) && e.uniques !== 0;
}
