/**
 * Special functions for the population-uniqueness estimators: log-gamma, digamma, trigamma.
 *
 * All three shift the argument up with the recurrences Γ(x+1) = xΓ(x), ψ(x+1) = ψ(x) + 1/x,
 * ψ₁(x+1) = ψ₁(x) − 1/x² until x ≥ 15 and then use the asymptotic (Stirling / Bernoulli) series,
 * truncated where the next term is below 1e-19 relative. Defined for x > 0 (the estimators never
 * need the negative axis); NaN otherwise.
 */

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
const SHIFT = 15;

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (!Number.isFinite(x)) return Infinity;
  let shiftLog = 0;
  if (x < SHIFT) {
    // ln Γ(x) = ln Γ(x + k) − ln(x (x+1) … (x+k−1)); the product stays small (x < 15, k ≤ 15)
    let prod = 1;
    while (x < SHIFT) { prod *= x; x += 1; }
    shiftLog = Math.log(prod);
  }
  const z = 1 / x;
  const z2 = z * z;
  // Stirling series: 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹) − 691/(360360x¹¹) + 1/(156x¹³)
  const series = z * (1 / 12 + z2 * (-1 / 360 + z2 * (1 / 1260 + z2 * (-1 / 1680 + z2 * (1 / 1188 + z2 * (-691 / 360360 + z2 / 156))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series - shiftLog;
}

/** ψ(x) = d/dx ln Γ(x), for x > 0. */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let acc = 0;
  while (x < SHIFT) { acc -= 1 / x; x += 1; }
  const z2 = 1 / (x * x);
  // ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ)
  const series = z2 * (1 / 12 + z2 * (-1 / 120 + z2 * (1 / 252 + z2 * (-1 / 240 + z2 * (1 / 132 + z2 * (-691 / 32760 + z2 / 12))))));
  return acc + Math.log(x) - 0.5 / x - series;
}

/** ψ₁(x) = d²/dx² ln Γ(x), for x > 0. */
export function trigamma(x: number): number {
  if (!(x > 0)) return NaN;
  let acc = 0;
  while (x < SHIFT) { acc += 1 / (x * x); x += 1; }
  const z = 1 / x;
  const z2 = z * z;
  // 1/x + 1/(2x²) + Σ B₂ₖ / x^(2k+1)
  const series = z * z2 * (1 / 6 + z2 * (-1 / 30 + z2 * (1 / 42 + z2 * (-1 / 30 + z2 * (5 / 66 + z2 * (-691 / 2730 + z2 * 7 / 6))))));
  return acc + z + 0.5 * z2 + series;
}
