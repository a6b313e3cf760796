import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benedettiFranconi, individualRisk } from './individual.ts';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

test('Benedetti–Franconi by the closed forms (sdcmicro.md §2)', () => {
  close(benedettiFranconi(1, 17), Math.log(17) / 16); // pk = 1/17: (pk/(1−pk))·ln(1/pk)
  const pk = 2 / 110, o = pk / (1 - pk);
  close(benedettiFranconi(2, 110), o - o * o * Math.log(1 / pk));
  close(benedettiFranconi(3, 30), 0.1 / (3 - 0.9)); // approx: pk/(fk − (1 − pk))
  close(benedettiFranconi(4, 4), 1 / 4); // census override
  close(benedettiFranconi(5, 3), 1 / 5); // weights below the count: no sampling, 1/fk
});

test('exact method: fk = 3 by hand and close to the approximation for small pk', () => {
  // fk = 3: (pk/(1−pk))³ · [A·(1 − B₀) − ln pk], A = (pk^{−2} − 1)/2, B₀ = (2²/(1·1))·(pk^{−1} − 1)/(pk^{−2} − 1)
  const pk = 0.2, A = (pk ** -2 - 1) / 2, B0 = 4 * (pk ** -1 - 1) / (pk ** -2 - 1);
  close(benedettiFranconi(3, 15, 'exact'), (pk / (1 - pk)) ** 3 * (A * (1 - B0) - Math.log(pk)));
  const e = benedettiFranconi(5, 5000, 'exact'), a = benedettiFranconi(5, 5000, 'approx');
  assert.ok(Math.abs(e - a) / a < 0.01, `${e} vs ${a}`);
});

test('exact method where the series cancels in doubles (pk near 1, fk ≥ 8): the values of a 60-digit evaluation', () => {
  // sdcMicro's exact series at 60 digits, equal to a direct sum of E[1/F] under the negative binomial to 12 digits
  // (an independent check); the double-precision series gave −53.4, 8.9e13, −586.1, −7.9e12
  for (const [fk, Fk, want] of [[12, 12.6, 0.0796577907], [20, 21, 0.0477274977], [30, 45, 0.0224663060], [45, 67.5, 0.0149237239], [20, 30, 0.0338792058]] as const) {
    const r = benedettiFranconi(fk, Fk, 'exact');
    assert.ok(Math.abs(r - want) < 1e-9, `${fk}, ${Fk}: ${r} vs ${want}`);
  }
  // both directions of the recurrence (forward at pk = 0.5, backward at 0.99: 3·ln 99 > 9) against the definition,
  // E[1/F] with F − 3 negative-binomial: Σ_j C(j + 2, 2)·pk³·(1 − pk)^j / (3 + j)
  for (const pk of [0.5, 0.99]) {
    let sum = 0;
    for (let j = 0; j < 2000; j++) sum += ((j + 1) * (j + 2) / 2) * pk ** 3 * (1 - pk) ** j / (3 + j);
    assert.ok(Math.abs(benedettiFranconi(3, 3 / pk, 'exact') - sum) < 1e-13, `${pk}`);
  }
});

test('summary: ER = Σ records × risk; median over records; census gives u = Σ 1', () => {
  const r = individualRisk([1, 2], [10, 4], { threshold: 0.2 });
  const r1 = Math.log(10) / 9, p2 = 0.5, o2 = p2 / (1 - p2), r2 = o2 - o2 * o2 * Math.log(2);
  close(r.summary.expectedReidentifications, r1 + 2 * r2);
  close(r.summary.globalRisk, (r1 + 2 * r2) / 3);
  close(r.summary.median, r2); // records sorted: r1 (ln 10/9 ≈ 0.256) < r2 = r2 (1 − ln 2 ≈ 0.307): the middle one is r2
  assert.equal(r.summary.recordsAboveThreshold, (r1 > 0.2 ? 1 : 0) + (r2 > 0.2 ? 2 : 0));
  const census = individualRisk([1, 2, 3], null);
  close(census.summary.expectedReidentifications, 3); // Σ f·(1/f) = number of classes
  assert.equal(census.summary.source, 'none');
});
