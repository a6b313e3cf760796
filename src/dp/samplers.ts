/**
 * Exact samplers (Canonne, Kamath, Steinke, "The Discrete Gaussian for Differential Privacy",
 * NeurIPS 2020, arXiv:2004.00010, Algorithms 1–3). Only integer arithmetic and uniform integers
 * drawn by rejection from a RandomSource; no floating-point number is ever part of the noise.
 *
 * Each sampler has two exact code paths that compute the same thing:
 * - a Number path, used when every intermediate integer stays below 2^53 (so JavaScript numbers
 *   hold them exactly; only +, −, ×, comparisons and floor of exact quotients are used);
 * - a BigInt path for larger parameters.
 * The path is chosen from the public parameters (and, inside the Gaussian, from the size of an
 * intermediate integer), never by restarting a loop, so the output distribution is the same.
 *
 * Timing: running time depends on |noise| (rejection loops). See docs/dp.md "Timing".
 */
import { type Rational, rat, floorSqrt } from './rational.ts';
import { type RandomSource, uniformInt, uniformBig, coin } from './random.ts';

const SAFE = 9007199254740991; // 2^53 − 1
const DEN_FAST = 1125899906842624; // 2^50: den·k stays below 2^53 for k < 8 (larger k falls back to BigInt)

/** Bernoulli(num/den), exact: U(den) < num. */
export function sampleBernoulli(p: Rational, src: RandomSource): boolean {
  if (p.num <= 0n) return false;
  if (p.num >= p.den) return true;
  return uniformBig(src, p.den) < p.num;
}

// ---- Bernoulli(exp(−γ)) (CKS20 Algorithm 1) -------------------------------------------------

/** Number path, 0 ≤ num ≤ den ≤ 2^50: Bernoulli(exp(−num/den)); falls back to BigInt if den·k ≥ 2^53. */
function bernExpSmallN(num: number, den: number, src: RandomSource): boolean {
  if (num === 0) return true;
  let k = 1;
  for (;;) {
    const dk = den * k;
    const a = dk <= SAFE ? uniformInt(src, dk) < num : uniformBig(src, BigInt(den) * BigInt(k)) < BigInt(num);
    if (!a) break;
    k++;
  }
  return (k & 1) === 1;
}

/** Number path: Bernoulli(exp(−num/den)) for safe integers num ≥ 0, 1 ≤ den ≤ 2^50. */
export function bernExpN(num: number, den: number, src: RandomSource): boolean {
  let whole = Math.floor(num / den);
  if (whole * den > num) whole--; // guard against a quotient rounded up
  for (let i = 0; i < whole; i++) if (!bernExpSmallN(1, 1, src)) return false;
  return bernExpSmallN(num - whole * den, den, src);
}

function bernExpSmallB(num: bigint, den: bigint, src: RandomSource): boolean {
  if (num === 0n) return true;
  let k = 1n;
  while (uniformBig(src, den * k) < num) k++;
  return (k & 1n) === 1n;
}

function bernExpB(num: bigint, den: bigint, src: RandomSource): boolean {
  const whole = num / den;
  for (let i = 0n; i < whole; i++) if (!bernExpSmallN(1, 1, src)) return false;
  return bernExpSmallB(num - whole * den, den, src);
}

/** Bernoulli(exp(−γ)) for a rational γ ≥ 0. */
export function sampleBernoulliExp(gamma: Rational, src: RandomSource): boolean {
  if (gamma.num < 0n) throw new RangeError('γ must be ≥ 0');
  if (gamma.num <= BigInt(SAFE) && gamma.den <= BigInt(DEN_FAST)) return bernExpN(Number(gamma.num), Number(gamma.den), src);
  return bernExpB(gamma.num, gamma.den, src);
}

/** Geometric: the number of successes of Bernoulli(exp(−x)) before the first failure. */
export function sampleGeometricExp(x: Rational, src: RandomSource): bigint {
  let v = 0n;
  while (sampleBernoulliExp(x, src)) v++;
  return v;
}

// ---- Discrete Laplace (CKS20 Algorithm 2) ----------------------------------------------------

/**
 * Number path of DLap with scale t/s: P[Z=z] ∝ exp(−|z|·s/t). Requires 1 ≤ t, s ≤ 2^50.
 * Returns a Number (exact integer) — callers needing BigInt use sampleDiscreteLaplace.
 */
export function discreteLaplaceN(t: number, s: number, src: RandomSource): number {
  for (;;) {
    const u = uniformInt(src, t);
    if (!bernExpSmallN(u, t, src)) continue;
    let v = 0;
    while (bernExpSmallN(1, 1, src)) v++;
    const x = u + t * v; // t·v < 2^53 unless v > 2^21, probability < e^(−2^21)
    if (x > SAFE) return discreteLaplaceFinish(BigInt(u) + BigInt(t) * BigInt(v), BigInt(s), src);
    const y = Math.floor(x / s);
    const yy = y * s > x ? y - 1 : y;
    const b = coin(src);
    if (b && yy === 0) continue;
    return b ? -yy : yy;
  }
}

// unreachable in practice; kept exact for completeness (a restart would bias the output, so the
// large-x branch finishes the same iteration in BigInt: there is no restart here unless b∧y=0,
// exactly as in the algorithm)
function discreteLaplaceFinish(x: bigint, s: bigint, src: RandomSource): number {
  const y = x / s;
  const b = coin(src);
  // y ≥ 2^3 > 0 here (x ≥ 2^53, s ≤ 2^50), so the b ∧ y = 0 restart cannot happen
  return Number(b ? -y : y);
}

function discreteLaplaceB(t: bigint, s: bigint, src: RandomSource): bigint {
  for (;;) {
    const u = uniformBig(src, t);
    if (!bernExpSmallB(u, t, src)) continue;
    let v = 0n;
    while (bernExpSmallN(1, 1, src)) v++;
    const x = u + t * v;
    const y = x / s;
    const b = coin(src);
    if (b && y === 0n) continue;
    return b ? -y : y;
  }
}

/** Discrete Laplace with rational scale b = t/s > 0: P[Z=z] = (1−q)/(1+q)·q^|z|, q = e^(−1/b). */
export function sampleDiscreteLaplace(scale: Rational, src: RandomSource): bigint {
  if (scale.num <= 0n) throw new RangeError('scale must be > 0');
  const t = scale.num, s = scale.den;
  if (t <= BigInt(DEN_FAST) && s <= BigInt(DEN_FAST)) return BigInt(discreteLaplaceN(Number(t), Number(s), src));
  return discreteLaplaceB(t, s, src);
}

// ---- Discrete Gaussian (CKS20 Algorithm 3) ---------------------------------------------------

/** Discrete Gaussian N_Z(0, σ²) for a rational σ² = a/b > 0: P[Z=z] ∝ exp(−z²/(2σ²)). */
export function sampleDiscreteGaussian(sigma2: Rational, src: RandomSource): bigint {
  if (sigma2.num <= 0n) throw new RangeError('σ² must be > 0');
  const a = sigma2.num, b = sigma2.den;
  const t = floorSqrt(sigma2) + 1n;
  // γ = (|Y| − σ²/t)² / (2σ²) = (|Y|·t·b − a)² / (2·a·b·t²)
  const denB = 2n * a * b * t * t;
  const fast = denB <= BigInt(DEN_FAST) && a <= BigInt(DEN_FAST) && t * b <= 67_108_864n;
  if (fast) {
    const tn = Number(t), bn = Number(b), an = Number(a), den = Number(denB);
    for (;;) {
      const y = discreteLaplaceN(tn, 1, src);
      const ytb = Math.abs(y) * tn * bn;
      const d = ytb - an;
      if (ytb <= SAFE && Math.abs(d) < 94906265) { // d exact and d² < 2^53
        if (bernExpN(d * d, den, src)) return BigInt(y);
      } else {
        const db = BigInt(Math.abs(y)) * t * b - a;
        if (sampleBernoulliExp(rat(db * db, denB), src)) return BigInt(y);
      }
    }
  }
  const tl = rat(t, 1n);
  for (;;) {
    const y = sampleDiscreteLaplace(tl, src);
    const ay = y < 0n ? -y : y;
    const d = ay * t * b - a;
    if (sampleBernoulliExp(rat(d * d, denB), src)) return y;
  }
}

// ---- Reference facts (for confidence intervals and tests; display only) ----------------------

/** P[|Z| ≥ d] for discrete Laplace of scale b, d ≥ 1: 2q^d/(1+q) (float, display only). */
export function discreteLaplaceTail(scale: number, d: number): number {
  // (q^d as exp(−d/b): Math.exp(−1/b) rounds to 1 for b ≳ 1e16, and every tail to 1)
  return (2 * Math.exp(-d / scale)) / (1 + Math.exp(-1 / scale));
}

/** Smallest d with P[|Z| ≥ d] ≤ alpha (half-width+1 of a (1−alpha) interval), display only. */
export function discreteLaplaceHalfWidth(scale: number, alpha: number): number {
  // P[|Z| > w] = P[|Z| ≥ w+1] ≤ alpha
  // (ln q is −1/b exactly: Math.log(Math.exp(−1/b)) lost its digits for large b — 10 % too narrow at b = 1e16, and 0 wide
  // beyond about 1e17, where q rounds to 1)
  const q = Math.exp(-1 / scale);
  const w = Math.ceil(-scale * Math.log((alpha * (1 + q)) / 2)) - 1;
  return Math.max(0, w);
}

/** The standard deviation of discrete Laplace of scale b: √(2q)/(1−q), q = exp(−1/b), with 1−q as −expm1(−1/b) (display only). */
export function discreteLaplaceStddev(scale: number): number {
  return Math.sqrt(2 * Math.exp(-1 / scale)) / -Math.expm1(-1 / scale);
}

/**
 * Half-width w with P[|Z| > w] ≤ alpha for N_Z(0, σ²) (float summation, display only). Beyond a million terms, the
 * discrete Gaussian's sub-Gaussian tail P[|Z| > w] ≤ 2·exp(−w²/(2σ²)) (Canonne, Kamath & Steinke 2020) gives
 * w = ⌈σ·√(2 ln(2/alpha))⌉ in closed form: the summation filled an array of 14σ numbers (σ of 10⁷ grid units: gigabytes,
 * then the process aborted after the budget was charged).
 */
export function discreteGaussianHalfWidth(sigma2: number, alpha: number): number {
  const sigma = Math.sqrt(sigma2);
  if (!(14 * sigma <= 1e6)) return Math.ceil(sigma * Math.sqrt(2 * Math.log(2 / alpha)));
  const lim = Math.ceil(14 * sigma) + 2;
  let total = 1; // z = 0 term
  const terms: number[] = [1];
  for (let z = 1; z <= lim; z++) { const p = Math.exp(-(z * z) / (2 * sigma2)); terms.push(p); total += 2 * p; }
  let inside = terms[0]!;
  for (let w = 0; w <= lim; w++) {
    if (w > 0) inside += 2 * terms[w]!;
    if (1 - inside / total <= alpha) return w;
  }
  return lim;
}
