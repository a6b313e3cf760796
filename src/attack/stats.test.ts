import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { attackFigures, probit, residual, wilson } from './stats.ts';

test('probit matches the normal quantiles Anonymeter uses', () => {
  assert.ok(Math.abs(probit(0.95) - 1.959963984540054) < 1e-9);
  assert.ok(Math.abs(probit(0.68) - 0.994457883209753) < 1e-9);
  assert.equal(probit(0), 0);
  assert.throws(() => probit(1));
  assert.throws(() => probit(-0.1));
});

test('wilson: confidence 0 gives the plain rate and no error (Anonymeter tests rely on this)', () => {
  const w = wilson(3, 10, 0);
  assert.equal(w.centre, 0.3);
  assert.equal(w.error, 0);
});

test('wilson: hand-computed centre and half-width for 50/100 at 95 %', () => {
  const z = 1.959963984540054, z2 = z * z;
  const w = wilson(50, 100);
  assert.ok(Math.abs(w.centre - (50 + z2 / 2) / (100 + z2)) < 1e-12);
  assert.ok(Math.abs(w.centre - 0.5) < 1e-12);
  assert.ok(Math.abs(w.error - (z / (100 + z2)) * Math.sqrt(25 + z2 / 4)) < 1e-12);
  assert.ok(Math.abs(w.error - 0.09615) < 1e-4); // textbook: [0.4038, 0.5962]
});

test('wilson rejects impossible counts (Anonymeter issues #29/#32: k > n)', () => {
  assert.throws(() => wilson(11, 10), RangeError);
  assert.throws(() => wilson(-1, 10), RangeError);
  assert.throws(() => wilson(0, 0), RangeError);
});

test('residual risk (a − c)/(1 − c) with its MOVER-R interval from the Wilson bounds', () => {
  assert.ok(Math.abs(residual(0.6, 0.2) - 0.5) < 1e-12);
  assert.equal(residual(0.75, 0.5), 0.5);
  const f = attackFigures({ successes: 60, attacks: 100, baselineSuccesses: 10, baselineAttacks: 100, controlSuccesses: 20, controlAttacks: 100 });
  assert.equal(f.attackRate, 0.6);
  assert.equal(f.controlRate, 0.2);
  assert.ok(Math.abs(f.risk - 0.5) < 1e-12);
  const a = wilson(60, 100), c = wilson(20, 100);
  // MOVER-R by hand (Donner & Zou 2012, their equations for θ = p1/p2), on the failure rates p1 = 0.4, p2 = 0.8
  const p1 = 0.4, l1 = 1 - a.high, u1 = 1 - a.low, p2 = 0.8, l2 = 1 - c.high, u2 = 1 - c.low;
  const L = (p1 * p2 - Math.sqrt((p1 * p2) ** 2 - l1 * u2 * (2 * p1 - l1) * (2 * p2 - u2))) / (u2 * (2 * p2 - u2));
  const U = (p1 * p2 + Math.sqrt((p1 * p2) ** 2 - u1 * l2 * (2 * p1 - u1) * (2 * p2 - l2))) / (l2 * (2 * p2 - l2));
  assert.ok(Math.abs(f.ci[0] - (1 - U)) < 1e-12, `${f.ci[0]} vs ${1 - U}`);
  assert.ok(Math.abs(f.ci[1] - (1 - L)) < 1e-12, `${f.ci[1]} vs ${1 - L}`);
  // (the first-order propagation at the point gives nearly the same here: 0.5 + √((u_a − a)²·1.25² + (c − l_c)²·0.625²))
  assert.ok(Math.abs(f.ci[1] - (0.5 + Math.hypot((a.high - 0.6) * 1.25, (0.2 - c.low) * 0.625))) < 0.02);
  assert.equal(f.reference, 'control');
  // Anonymeter's own figure (centres + error propagation) is reported beside ours
  const point = (a.centre - c.centre) / (1 - c.centre);
  assert.ok(Math.abs(f.anonymeter.risk - point) < 1e-12);
});

test('an attack far below a control near 1 has risk 0 with [0, 0] (the first-order interval reached [0, 1] there)', () => {
  for (const [k, kc] of [[0, 499], [400, 499], [450, 490]] as const) {
    const f = attackFigures({ successes: k, attacks: 500, baselineSuccesses: 0, baselineAttacks: 500, controlSuccesses: kc, controlAttacks: 500 });
    assert.equal(f.risk, 0);
    assert.deepEqual(f.ci, [0, 0], `${k} vs ${kc}: ${f.ci}`);
  }
  // just below the control: the upper bound stays under what the two Wilson intervals allow, (u_a − l_c)/(1 − l_c)
  const f = attackFigures({ successes: 485, attacks: 500, baselineSuccesses: 0, baselineAttacks: 500, controlSuccesses: 490, controlAttacks: 500 });
  const a = wilson(485, 500), c = wilson(490, 500);
  assert.equal(f.risk, 0);
  assert.ok(f.ci[1] > 0 && f.ci[1] < (a.high - c.low) / (1 - c.low), `${f.ci[1]}`);
  // a control at 1: nothing can be measured beyond it
  assert.deepEqual(attackFigures({ successes: 10, attacks: 10, baselineSuccesses: 0, baselineAttacks: 10, controlSuccesses: 10, controlAttacks: 10 }).ci, [0, 1]);
});

test('without control the baseline is the reference; zero attacks give 0 with [0, 0]', () => {
  const f = attackFigures({ successes: 30, attacks: 100, baselineSuccesses: 10, baselineAttacks: 100 });
  assert.equal(f.reference, 'baseline');
  assert.equal(f.controlRate, null);
  assert.ok(Math.abs(f.risk - (0.3 - 0.1) / 0.9) < 1e-12);
  const z = attackFigures({ successes: 0, attacks: 0, baselineSuccesses: 0, baselineAttacks: 0 });
  assert.deepEqual([z.risk, z.ci], [0, [0, 0]]);
});

test('property: the risk lies in its interval, both in [0, 1]', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (n, m, pa, pc) => {
    const f = attackFigures({ successes: Math.round(pa * n), attacks: n, baselineSuccesses: 0, baselineAttacks: n, controlSuccesses: Math.round(pc * m), controlAttacks: m });
    return f.ci[0] <= f.risk && f.risk <= f.ci[1] && f.ci[0] >= 0 && f.ci[1] <= 1;
  }));
});

test('coverage: with attack and control drawn from the same rate, the 95 % interval covers 0 in about 95 % of seeded trials', async () => {
  const { seededRng } = await import('../util/rng.ts');
  const rng = seededRng(99);
  let covered = 0;
  const trials = 2000, n = 500, p = 0.3;
  for (let t = 0; t < trials; t++) {
    let a = 0, c = 0;
    for (let i = 0; i < n; i++) { if (rng.next() < p) a++; if (rng.next() < p) c++; }
    const f = attackFigures({ successes: a, attacks: n, baselineSuccesses: 0, baselineAttacks: n, controlSuccesses: c, controlAttacks: n });
    // unclipped residual below 0 is clipped; coverage of 0 means the lower bound reaches 0
    if (f.ci[0] === 0) covered++;
  }
  // one-sided view (clipping at 0): expected ≥ 97.5 %; allow 95 % (false alarm ≈ 1e-6 at 2000 trials)
  assert.ok(covered / trials > 0.95, `coverage ${covered / trials}`);
});

test('zero control attacks are no control: the baseline is the reference and the control rate null, never 0', () => {
  const none = attackFigures({ successes: 30, attacks: 100, baselineSuccesses: 5, baselineAttacks: 100 });
  const empty = attackFigures({ successes: 30, attacks: 100, baselineSuccesses: 5, baselineAttacks: 100, controlSuccesses: 0, controlAttacks: 0 });
  assert.equal(empty.reference, 'baseline');
  assert.equal(empty.controlRate, null);
  assert.deepEqual(empty, none);
});
