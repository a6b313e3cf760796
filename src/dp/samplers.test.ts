/**
 * R1 and R2 of shared/reference/dp.md §3.2: every exact sampler against its exact distribution.
 * Each assertion has a false-alarm rate of about 1e-6 (Wilson intervals and Wilson–Hilferty χ²
 * critical values at z for α = 1e-6); with ~60 assertions a correct sampler fails less than once
 * in 10,000 runs. Seeded (testSource) so a failure is reproducible.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rat, type Rational, toNumber } from './rational.ts';
import { testSource, uniformInt, uniformBig } from './random.ts';
import {
  sampleBernoulli, sampleBernoulliExp, sampleGeometricExp, sampleDiscreteLaplace, sampleDiscreteGaussian,
  discreteLaplaceHalfWidth, discreteGaussianHalfWidth,
} from './samplers.ts';
import { wilson, chi2Critical, chi2Integers, dlapPmf, dgaussPmf, moments, Z_1E6 } from './testing/stats.ts';

test('R1: Bernoulli(exp(−γ)) matches exp(−γ) (Wilson, α = 1e-6)', () => {
  const src = testSource(1);
  const n = 100_000;
  for (const g of [rat(0n), rat(1n, 7n), rat(1n, 2n), rat(1n), rat(3n, 2n), rat(5n)]) {
    let k = 0;
    for (let i = 0; i < n; i++) if (sampleBernoulliExp(g, src)) k++;
    const [lo, hi] = wilson(k, n);
    const p = Math.exp(-toNumber(g));
    assert.ok(lo <= p && p <= hi, `γ=${g.num}/${g.den}: ${k}/${n} vs ${p}`);
  }
  let ones = 0;
  for (let i = 0; i < n; i++) if (sampleBernoulliExp(rat(20n), src)) ones++;
  assert.ok(ones <= 2, `γ=20 gave ${ones} ones, expected ~2e-9·n`);
  // huge denominators take the BigInt path: γ = (2^70+1)/2^71 ≈ 1/2
  const big = rat((1n << 70n) + 1n, 1n << 71n);
  let kb = 0;
  for (let i = 0; i < 50_000; i++) if (sampleBernoulliExp(big, src)) kb++;
  const [lo, hi] = wilson(kb, 50_000);
  assert.ok(lo <= Math.exp(-0.5) && Math.exp(-0.5) <= hi);
});

test('R1: Bernoulli(p) for rational p, and the broken control (p off by 1%) is detected', () => {
  const src = testSource(2);
  const n = 100_000;
  for (const p of [rat(0n), rat(1n, 3n), rat(1n, 2n), rat(999n, 1000n), rat(1n)]) {
    let k = 0;
    for (let i = 0; i < n; i++) if (sampleBernoulli(p, src)) k++;
    const [lo, hi] = wilson(k, n);
    assert.ok(lo <= toNumber(p) + 1e-12 && toNumber(p) - 1e-12 <= hi, `p=${p.num}/${p.den}`);
  }
  // negative control: 0.35 instead of 1/3 must be rejected by the same test
  let k = 0;
  for (let i = 0; i < n; i++) if (sampleBernoulli(rat(35n, 100n), src)) k++;
  const [lo, hi] = wilson(k, n);
  assert.ok(!(lo <= 1 / 3 && 1 / 3 <= hi), 'the test must be able to fail');
});

test('R1: uniform integers U(n) are uniform (χ², and top bits / mod 7 for huge n)', () => {
  const src = testSource(3);
  for (const m of [1, 2, 3, 7, 1000]) {
    const N = 70_000;
    const c = new Float64Array(m);
    for (let i = 0; i < N; i++) { const x = uniformInt(src, m); assert.ok(x >= 0 && x < m); c[x]!++; }
    if (m === 1) continue;
    let stat = 0; for (const v of c) stat += (v - N / m) ** 2 / (N / m);
    assert.ok(stat < chi2Critical(m - 1), `n=${m}: χ²=${stat}`);
  }
  for (const big of [(1n << 48n) + 1n, 10n ** 30n]) {
    const N = 40_000;
    const top = new Float64Array(4), mod7 = new Float64Array(7);
    for (let i = 0; i < N; i++) {
      const x = uniformBig(src, big);
      assert.ok(x >= 0n && x < big);
      top[Number((x * 4n) / big)]!++;
      mod7[Number(x % 7n)]!++;
    }
    let s1 = 0; for (const v of top) s1 += (v - N / 4) ** 2 / (N / 4);
    let s2 = 0; for (const v of mod7) s2 += (v - N / 7) ** 2 / (N / 7);
    assert.ok(s1 < chi2Critical(3) && s2 < chi2Critical(6));
  }
});

test('R2: Geometric(exp(−x)) inner loop matches P[V=v] = (1−e^−x)e^(−xv)', () => {
  const src = testSource(4);
  for (const x of [rat(1n, 10n), rat(1n), rat(10n, 3n)]) {
    const q = Math.exp(-toNumber(x));
    const n = 60_000;
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) s[i] = Number(sampleGeometricExp(x, src));
    const pmf = (v: number) => (v < 0 ? 0 : (1 - q) * Math.pow(q, v));
    const { stat, df } = chi2Integers(s, pmf, 10_000);
    assert.ok(stat < chi2Critical(df), `x=${x.num}/${x.den}: χ²=${stat} df=${df}`);
  }
});

function checkInteger(name: string, samples: Float64Array, pmf: (z: number) => number, range: number): void {
  const n = samples.length;
  const { stat, df } = chi2Integers(samples, pmf, range);
  assert.ok(df >= 1 && stat < chi2Critical(df), `${name}: χ²=${stat.toFixed(1)} ≥ ${chi2Critical(df).toFixed(1)} (df=${df})`);
  let pos = 0, neg = 0, sum = 0, sum2 = 0;
  for (const z of samples) { if (z > 0) pos++; else if (z < 0) neg++; sum += z; sum2 += z * z; }
  const [lo, hi] = wilson(pos, pos + neg);
  assert.ok(lo <= 0.5 && 0.5 <= hi, `${name}: sign symmetry ${pos} vs ${neg}`);
  const m = moments(pmf, range);
  const mean = sum / n;
  assert.ok(Math.abs(mean) <= Z_1E6 * Math.sqrt(m.variance / n), `${name}: mean ${mean}`);
  const v = sum2 / n - mean * mean;
  const se = Math.sqrt((m.mu4 - m.variance ** 2) / n);
  assert.ok(Math.abs(v - m.variance) <= Z_1E6 * se + 1e-9, `${name}: variance ${v} vs ${m.variance}`);
}

test('R2: discrete Laplace matches its exact pmf (χ², symmetry, mean, variance)', () => {
  const src = testSource(5);
  const n = 200_000;
  const scales: [Rational, number][] = [[rat(1n, 3n), 10], [rat(1n), 40], [rat(7n, 2n), 200], [rat(25n), 1000]];
  for (const [b, range] of scales) {
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) s[i] = Number(sampleDiscreteLaplace(b, src));
    checkInteger(`DLap(${b.num}/${b.den})`, s, dlapPmf(toNumber(b)), range);
  }
  // reference facts from shared/reference/dp.md §2.3
  assert.ok(Math.abs(dlapPmf(10)(0) - 0.049958375) < 1e-9);
  assert.ok(Math.abs(moments(dlapPmf(2), 400).variance - 7.835396178) < 1e-6);
});

test('R2: discrete Laplace with a huge rational scale (BigInt path) has the right variance', () => {
  const src = testSource(6);
  const b = rat((1n << 60n) * 5n, 1n << 60n); // = 5 but reduced; force BigInt path with an unreduced-like scale
  const big = { num: 5n * (1n << 60n) + 1n, den: 1n << 60n }; // ≈ 5, not reducible
  const n = 60_000;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = Number(sampleDiscreteLaplace(big, src));
  checkInteger('DLap(≈5, BigInt)', s, dlapPmf(toNumber(big)), 300);
  assert.equal(b.den, 1n);
});

test('R2: discrete Gaussian matches its exact pmf (χ², symmetry, mean, variance)', () => {
  const src = testSource(7);
  const n = 200_000;
  for (const [s2, range] of [[rat(1n, 4n), 10], [rat(1n), 20], [rat(10n), 60]] as const) {
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) s[i] = Number(sampleDiscreteGaussian(s2, src));
    checkInteger(`DGauss(${s2.num}/${s2.den})`, s, dgaussPmf(toNumber(s2)), range);
  }
  // σ² = 10^4: 200 equal-probability bins
  const s2 = 10_000;
  const pmf = dgaussPmf(s2);
  const N = 200_000, B = 200, lim = 1300;
  const cum: number[] = []; let acc = 0;
  for (let z = -lim; z <= lim; z++) { acc += pmf(z); cum.push(acc); }
  const edges: number[] = []; // upper integer of each bin
  for (let b = 1; b < B; b++) { const target = b / B; let i = cum.findIndex((c) => c >= target); edges.push(i - lim); }
  const binOf = (z: number) => { let lo = 0, hi = edges.length; while (lo < hi) { const m = (lo + hi) >> 1; if (z <= edges[m]!) hi = m; else lo = m + 1; } return lo; };
  const obs = new Float64Array(B), expd = new Float64Array(B);
  for (let z = -lim; z <= lim; z++) expd[binOf(z)]! += pmf(z) * N;
  for (let i = 0; i < N; i++) obs[binOf(Number(sampleDiscreteGaussian(rat(10_000n), src)))]!++;
  let stat = 0; for (let b = 0; b < B; b++) stat += (obs[b]! - expd[b]!) ** 2 / expd[b]!;
  assert.ok(stat < chi2Critical(B - 1), `σ²=1e4: χ²=${stat}`);
  // reference facts (§2.4)
  assert.ok(Math.abs(dgaussPmf(0.25)(0) - 0.786570707) < 1e-8);
  assert.ok(Math.abs(dgaussPmf(1)(0) - 0.398942278) < 1e-8);
});

test('R2 negative control: a wrong scale is rejected by the same χ² test', () => {
  const src = testSource(8);
  const n = 200_000;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = Number(sampleDiscreteLaplace(rat(11n, 10n), src)); // claimed scale 1
  const { stat, df } = chi2Integers(s, dlapPmf(1), 40);
  assert.ok(stat > chi2Critical(df), 'a 10% scale error must be detected');
});

test('confidence half-widths are exact tail quantiles (display helpers)', () => {
  // DLap scale 1: P[|Z| > w] = 2q^(w+1)/(1+q) ≤ 0.05 first at w = 3 (q = e^-1: 2e^-4/(1+e^-1) = 0.0268; w=2: 0.0729)
  assert.equal(discreteLaplaceHalfWidth(1, 0.05), 3);
  // DGauss σ²=1: p(0)=0.39894, p(±1)=0.24197, p(±2)=0.05399: P[|Z|>1] = 0.117 > 0.05, P[|Z|>2] = 0.0089
  assert.equal(discreteGaussianHalfWidth(1, 0.05), 2);
});

test('discrete Laplace intervals and standard deviation at huge scales (display): exact in ln q = −1/b, not collapsed when exp(−1/b) rounds to 1', async () => {
  const { discreteLaplaceHalfWidth, discreteLaplaceStddev, discreteLaplaceTail } = await import('./samplers.ts');
  for (const b of [1e16, 1e17, 1e18]) {
    // (for large b, P[|Z| > w] → exp(−w/b): the 95 % half-width → b·ln 20, the standard deviation → √2·b)
    const w = discreteLaplaceHalfWidth(b, 0.05);
    assert.ok(Math.abs(w / (b * Math.log(20)) - 1) < 1e-6, `b=${b}: half-width ${w}`);
    assert.ok(Math.abs(discreteLaplaceStddev(b) / (Math.SQRT2 * b) - 1) < 1e-6, `b=${b}: stddev ${discreteLaplaceStddev(b)}`);
    assert.ok(Math.abs(discreteLaplaceTail(b, w + 1) - 0.05) < 1e-6);
  }
  // (and at ordinary scales, the exact smallest width: P[|Z| > w] ≤ 0.05 < P[|Z| > w − 1])
  for (const b of [0.5, 1, 3, 100]) {
    const w = discreteLaplaceHalfWidth(b, 0.05);
    const q = Math.exp(-1 / b), tail = (d: number) => (2 * q ** d) / (1 + q);
    assert.ok(tail(w + 1) <= 0.05 + 1e-12 && (w === 0 || tail(w) > 0.05), `b=${b}: ${w}`);
  }
});
