/**
 * Statistical helpers for the DP test recipes (R1–R5 of shared/reference/dp.md §3.2).
 * Test support only: floats are fine here, nothing here is used by a release.
 */

/** Two-sided z for α = 1e-6. */
export const Z_1E6 = 4.8916;
/** One-sided z for α = 1e-6. */
export const Z1_1E6 = 4.7534;

/** Wilson score interval for k successes in n trials at critical value z. */
export function wilson(k: number, n: number, z = Z_1E6): [number, number] {
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [centre - half, centre + half];
}

/** χ² critical value by Wilson–Hilferty (slightly conservative), one-sided z. */
export function chi2Critical(df: number, z = Z1_1E6): number {
  const a = 2 / (9 * df);
  return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
}

/**
 * Pearson χ² of observed integer samples against a pmf over ℤ: bins are the integers with
 * expected count ≥ 5 inside [lo, hi] (a contiguous range around the mode), plus two tail bins.
 */
export function chi2Integers(samples: ArrayLike<number>, pmf: (z: number) => number, range: number): { stat: number; df: number } {
  const n = samples.length;
  let lo = 0, hi = 0;
  while (lo > -range && n * pmf(lo - 1) >= 5) lo--;
  while (hi < range && n * pmf(hi + 1) >= 5) hi++;
  const counts = new Float64Array(hi - lo + 3); // [left tail, lo..hi, right tail]
  for (let i = 0; i < n; i++) {
    const z = samples[i]!;
    const b = z < lo ? 0 : z > hi ? counts.length - 1 : z - lo + 1;
    counts[b]!++;
  }
  const exp = new Float64Array(counts.length);
  let inside = 0;
  for (let z = lo; z <= hi; z++) { exp[z - lo + 1] = n * pmf(z); inside += pmf(z); }
  // tails split by symmetry assumption would be wrong in general; compute left tail explicitly
  let left = 0;
  for (let z = lo - 1; z > lo - 1 - 100000; z--) { const p = pmf(z); left += p; if (p < 1e-300) break; }
  exp[0] = n * left;
  exp[counts.length - 1] = n * Math.max(0, 1 - inside - left);
  let stat = 0, bins = 0;
  for (let b = 0; b < counts.length; b++) {
    if (exp[b]! < 1e-9) { if (counts[b]! > 0) stat += Infinity; continue; }
    stat += (counts[b]! - exp[b]!) ** 2 / exp[b]!; bins++;
  }
  return { stat, df: bins - 1 };
}

/** Exact discrete Laplace pmf with scale b. */
export function dlapPmf(b: number): (z: number) => number {
  const q = Math.exp(-1 / b);
  return (z) => ((1 - q) / (1 + q)) * Math.pow(q, Math.abs(z));
}

/** Discrete Gaussian pmf normalised over |x| ≤ ⌈12σ⌉+1 (float64; test reference only). */
export function dgaussPmf(sigma2: number): (z: number) => number {
  const lim = Math.ceil(12 * Math.sqrt(sigma2)) + 1;
  let norm = 0;
  for (let x = -lim; x <= lim; x++) norm += Math.exp(-(x * x) / (2 * sigma2));
  return (z) => Math.exp(-(z * z) / (2 * sigma2)) / norm;
}

/** Mean, variance and fourth central moment of a pmf over [−range, range]. */
export function moments(pmf: (z: number) => number, range: number): { mean: number; variance: number; mu4: number } {
  let m = 0;
  for (let z = -range; z <= range; z++) m += z * pmf(z);
  let v = 0, m4 = 0;
  for (let z = -range; z <= range; z++) { const d = z - m; v += d * d * pmf(z); m4 += d ** 4 * pmf(z); }
  return { mean: m, variance: v, mu4: m4 };
}
