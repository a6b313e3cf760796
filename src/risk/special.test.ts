import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digamma, lnGamma, trigamma } from './special.ts';

// Known values: Γ(n) = (n−1)!, Γ(1/2) = √π, ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ₁(1) = π²/6, ψ₁(1/2) = π²/2.
const EULER = 0.5772156649015329;

test('lnGamma matches factorials and Γ(1/2)', () => {
  let fact = 1;
  for (let n = 1; n <= 30; n++) {
    assert.ok(Math.abs(lnGamma(n) - Math.log(fact)) < 1e-12 * Math.max(1, Math.log(fact)), `n=${n}`);
    fact *= n;
  }
  assert.ok(Math.abs(lnGamma(0.5) - 0.5 * Math.log(Math.PI)) < 1e-14);
  // Stirling region: ln Γ(1001) = ln(1000!) = 5912.128178939937 (reference: Σ ln k)
  let s = 0; for (let k = 2; k <= 1000; k++) s += Math.log(k);
  assert.ok(Math.abs(lnGamma(1001) - s) < 1e-9);
  assert.ok(Number.isNaN(lnGamma(0)) && Number.isNaN(lnGamma(-1)));
});

test('digamma and trigamma known values and recurrences', () => {
  assert.ok(Math.abs(digamma(1) + EULER) < 1e-14);
  assert.ok(Math.abs(digamma(0.5) + EULER + 2 * Math.LN2) < 1e-14);
  assert.ok(Math.abs(trigamma(1) - Math.PI ** 2 / 6) < 1e-14);
  assert.ok(Math.abs(trigamma(0.5) - Math.PI ** 2 / 2) < 1e-13);
  for (const x of [0.3, 2.7, 14.9, 15.1, 123.4, 5e4]) {
    assert.ok(Math.abs(digamma(x + 1) - digamma(x) - 1 / x) < 1e-13, `psi x=${x}`);
    assert.ok(Math.abs(trigamma(x) - trigamma(x + 1) - 1 / (x * x)) < 1e-13, `psi1 x=${x}`);
  }
  // ψ is the derivative of ln Γ (central difference)
  for (const x of [0.7, 3.2, 40]) {
    const h = 1e-5;
    assert.ok(Math.abs((lnGamma(x + h) - lnGamma(x - h)) / (2 * h) - digamma(x)) < 1e-8);
  }
});
