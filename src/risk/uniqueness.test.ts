import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hypergeometricOne, pitman, populationUniqueness, shlosserClasses, zayatz } from './uniqueness.ts';
import { sizeHistogram } from './classes.ts';
import { lnGamma } from './special.ts';

const close = (a: number, b: number, eps: number) => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

test('hypergeometric P(X = 1) by hand and against log-gamma binomials', () => {
  // N = 10, i = 2 successes, n = 3 draws: 2·C(8,2)/C(10,3) = 2·28/120
  close(hypergeometricOne(10, 2, 3), 56 / 120, 1e-15);
  close(hypergeometricOne(10, 1, 3), 3 / 10, 1e-15);
  const lnC = (a: number, b: number) => lnGamma(a + 1) - lnGamma(b + 1) - lnGamma(a - b + 1);
  const N = 301620, n = 30162;
  for (const i of [1, 2, 7, 40]) {
    const ref = Math.exp(Math.log(i) + lnC(N - i, n - 1) - lnC(N, n));
    close(hypergeometricOne(N, i, n), ref, 1e-9 * ref);
  }
  assert.equal(hypergeometricOne(5, 3, 4), 0); // 3 successes, 4 of 5 drawn: at least 2 successes
});

test('Zayatz on a census (f = 1) returns the sample uniques exactly', () => {
  const h = sizeHistogram([1, 1, 1, 2, 5]);
  const z = zayatz(h, 1);
  assert.equal(z.uniques, 3);
  close(z.fraction!, 3 / 10, 1e-15);
});

test('Zayatz by hand on a tiny histogram', () => {
  // sizes 1,1,2 → n = 4, u = 3, c1 = 2; f = 0.5 → N = 8
  // P(f=1|F=1) = 4/8; P(f=1|F=2) = 2·C(6,3)/C(8,4) = 40/70
  // P(F=1|f=1) = (2/3)(1/2) / ((2/3)(1/2) + (1/3)(4/7)) = 7/11; Û = 2·(7/11)/0.5 = 28/11
  const z = zayatz(sizeHistogram([1, 1, 2]), 0.5);
  close(z.uniques!, 28 / 11, 1e-12);
  close(z.fraction!, 28 / 11 / 8, 1e-12);
});

test('Pitman: the solution is a stationary point of the log-likelihood', () => {
  const sizes: number[] = [];
  for (let i = 0; i < 300; i++) sizes.push(1);
  for (let i = 0; i < 60; i++) sizes.push(2);
  for (let i = 0; i < 20; i++) sizes.push(3);
  for (let i = 0; i < 10; i++) sizes.push(7);
  const h = sizeHistogram(sizes);
  const p = pitman(h, 0.05);
  assert.ok(p.theta !== null && p.alpha !== null && p.uniques !== null);
  const n = sizes.reduce((a, b) => a + b, 0), u = sizes.length;
  // ℓ(θ,α) = Σ_{i=1}^{u−1} ln(θ+iα) − Σ_{i=1}^{n−1} ln(θ+i) + Σ_j c_j Σ_{l=1}^{j−1} ln(l−α), by direct sums
  const ll = (t: number, a: number) => {
    let s = 0;
    for (let i = 1; i < u; i++) s += Math.log(t + i * a);
    for (let i = 1; i < n; i++) s -= Math.log(t + i);
    for (const j of sizes) for (let l = 1; l < j; l++) s += Math.log(l - a);
    return s;
  };
  const best = ll(p.theta!, p.alpha!);
  for (const [dt, da] of [[1e-3, 0], [-1e-3, 0], [0, 1e-4], [0, -1e-4]]) assert.ok(ll(p.theta! + dt!, p.alpha! + da!) <= best + 1e-12);
});

test('Dankar rule: no sample unique → 0 for every model', () => {
  const p = populationUniqueness([2, 3, 4], 0.1);
  assert.equal(p.dankar, 0);
  assert.equal(p.pitman, 0);
  assert.equal(p.dankarModel, 'none');
});

test('Shlosser estimator on a census is the number of sample classes', () => {
  close(shlosserClasses(sizeHistogram([1, 1, 2, 3]), 1), 4, 1e-12);
});

test('sampling fraction outside (0, 1] is rejected', () => {
  assert.throws(() => populationUniqueness([1, 2], 0), RangeError);
  assert.throws(() => populationUniqueness([1, 2], 1.5), RangeError);
});

test('Pitman has no estimate when every class is a singleton; Dankar falls back to Zayatz', () => {
  const p = populationUniqueness([1, 1, 1, 1, 1, 1], 0.01);
  assert.equal(p.pitman, null);
  assert.match(p.details.pitman.note!, /no finite/);
  assert.equal(p.dankarModel, 'zayatz');
  assert.equal(p.dankar, p.zayatz);
});

test('a very large class: K̂ stays finite (its (1 + f)^i overflowed) and the Dankar rule still sees SNB', () => {
  // 240 uniques, …, one class of 1,300 at f = 0.8: K̂ = 382.52009443, SNB α = 0.984835, β = 0.686377 → 0.116068475
  // (an independent scipy solve of risk-models.md §2.3), below Zayatz's 0.121737512, so Dankar takes SNB
  const sizes: number[] = [];
  for (const [size, count] of [[1, 240], [2, 43], [3, 20], [4, 10], [5, 6], [8, 3], [20, 2], [1300, 1]] as const) for (let k = 0; k < count; k++) sizes.push(size);
  close(shlosserClasses(sizeHistogram(sizes), 0.8), 382.52009443, 1e-6);
  const p = populationUniqueness(sizes, 0.8);
  close(p.snb!, 0.116068475, 1e-7);
  close(p.zayatz!, 0.121737512, 1e-7);
  assert.equal(p.dankarModel, 'snb');
});

test('Pitman is no estimate where Newton–Raphson only stalls at the θ = 0 boundary: Dankar falls back to Zayatz (sdcMicro free1, 7 keys)', () => {
  // (free1's class sizes under REGION, SEX, AGE, MARSTAT, KINDPERS, ETNI, PRIOCCU: 3,451 sample uniques in 4,000 records.
  // The likelihood has no interior maximum — it rises toward α → 0 — and the damped steps used to halve to nothing against
  // θ ≥ 0 at θ ≈ 5e-17, α 0.61, where ∂ℓ/∂α = 5,353: that point was reported as the MLE and Dankar took its 1 %)
  const h = { sizes: Int32Array.from([1, 2, 3, 4, 5]), counts: Float64Array.from([3451, 244, 16, 2, 1]) };
  const p = pitman(h as never, 0.08);
  assert.equal(p.uniques, null);
  const all = populationUniqueness(h as never, 0.08);
  assert.equal(all.dankarModel, 'zayatz');
  assert.ok(all.dankar! > 0.7 && all.dankar! < 0.8, String(all.dankar));
});

test('Zayatz and SNB divide by the fraction the population stands for, n/N: a fraction and a population size of one N give one figure', () => {
  // (8 records, 5 classes; samplingFraction 0.3 → N = round(8/0.3) = 27, the same N as population.size 27, f = 8/27)
  const sizes = [1, 1, 1, 2, 3];
  const viaFraction = populationUniqueness(sizes, 0.3), viaSize = populationUniqueness(sizes, 8 / 27);
  assert.equal(viaFraction.populationSize, 27);
  assert.ok(Math.abs(viaFraction.zayatz! - viaSize.zayatz!) < 1e-12, `${viaFraction.zayatz} ${viaSize.zayatz}`);
  assert.ok(Math.abs((viaFraction.details.snb.K ?? 0) - (viaSize.details.snb.K ?? 0)) < 1e-9);
});
