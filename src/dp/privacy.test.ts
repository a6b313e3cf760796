/**
 * R3 (exact privacy-profile checks, deterministic), R4 (same-randomness neighbour properties with
 * fast-check) and R5 (statistical end-to-end test with broken controls that must fail).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tableFromRecords } from '../table/table.ts';
import { rat, toNumber, type Rational } from './rational.ts';
import { testSource } from './random.ts';
import { preparePatientRows } from './prepare.ts';
import type { PatientRowsDomain } from './core.ts';
import { makeChainTT, makeChainMT } from './core.ts';
import { makeClamp } from './constructors/makeClamp.ts';
import { makeBoundedContributions } from './constructors/makeBoundedContributions.ts';
import { makeCount } from './constructors/makeCount.ts';
import { makeSum } from './constructors/makeSum.ts';
import { makeDiscreteLaplace } from './constructors/makeDiscreteLaplace.ts';
import { makeQuantileScores } from './constructors/makeQuantileScores.ts';
import { thresholdFor, thresholdDelta } from './constructors/makeLaplaceThreshold.ts';
import { planQuery } from './queries.ts';
import { zcdpEpsilon } from './accountant.ts';
import { dlapPmf } from './testing/stats.ts';

const BASE: PatientRowsDomain = { kind: 'patient-rows' };

/** Hockey-stick divergence H(ε) = Σ max(0, P − e^ε P′) over a truncated support + outside mass. */
function hockey(P: (z: number) => number, Q: (z: number) => number, eps: number, range: number): number {
  let h = 0, mass = 0;
  for (let z = -range; z <= range; z++) { h += Math.max(0, P(z) - Math.exp(eps) * Q(z)); mass += P(z); }
  return h + Math.max(0, 1 - mass);
}

test('R3: the planner calibrates discrete Laplace so that H(ε_claimed) = 0; 10% less noise breaks it', () => {
  for (const [k, m, eps] of [[1, 1, rat(1n, 2n)], [3, 2, rat(1n)], [2, 5, rat(3n, 10n)]] as [number, number, Rational][]) {
    const bound = makeBoundedContributions(BASE, 'patient', { cells: 4, assign: () => ({ cell: new Int32Array(0), cells: 4 }), rowsPerCell: m, cellsPerPatient: k });
    const count = makeCount(bound.outputDomain as any, 'patient', { distinct: false, metric: 'l1' });
    const d1 = count.stabilityMap(rat(1n));
    assert.equal(toNumber(d1), k * m, 'L1 sensitivity = k·m');
    const scale = rat(d1.num * eps.den, d1.den * eps.num);
    const meas = makeDiscreteLaplace(count.outputDomain as any, 'l1', scale);
    const loss = meas.privacyMap(d1);
    assert.equal(loss.measure, 'pure-dp');
    assert.equal(toNumber((loss as any).epsilon), toNumber(eps));
    // worst neighbour: one cell shifted by the full k·m (L1 composition over cells is exact for Laplace)
    const b = toNumber(scale), P = dlapPmf(b), shift = k * m;
    const range = Math.ceil(60 * b) + shift;
    for (const [A, B] of [[P, (z: number) => P(z - shift)], [(z: number) => P(z - shift), P]] as const) {
      assert.ok(hockey(A, B, toNumber(eps), range) <= 1e-12, `k=${k} m=${m}`);
      const broken = dlapPmf(b / 1.1);
      assert.ok(hockey(broken, (z) => broken(z - shift), toNumber(eps), range) > 0.01, 'negative control');
    }
  }
});

test('R3: partition-selection thresholds match the reference table, and their δ is certified', () => {
  const cases: [Rational, number, Rational, bigint][] = [
    [rat(1n, 2n), 1, rat(1n, 10n ** 6n), 28n], [rat(1n, 2n), 1, rat(1n, 10n ** 9n), 42n],
    [rat(1n), 1, rat(1n, 10n ** 6n), 15n], [rat(1n), 1, rat(1n, 10n ** 9n), 22n],
    [rat(1n), 5, rat(1n, 10n ** 6n), 76n], [rat(1n), 5, rat(1n, 10n ** 9n), 110n],
    [rat(2n), 1, rat(1n, 10n ** 6n), 8n], [rat(2n), 5, rat(1n, 10n ** 6n), 39n],
  ];
  for (const [eps, k, delta, T] of cases) {
    const scale = rat(BigInt(k) * eps.den, eps.num);
    assert.equal(thresholdFor(scale, delta, k), T);
    // exact tail in float for comparison: k·q^(T−1)/(1+q)
    const b = toNumber(scale), q = Math.exp(-1 / b);
    const exact = (k * Math.pow(q, Number(T) - 1)) / (1 + q);
    const certified = toNumber(thresholdDelta(scale, T, k));
    assert.ok(certified >= exact * (1 - 1e-12) && certified <= exact * (1 + 1e-9), `certified bound is tight and above: ${certified} vs ${exact}`);
    assert.ok(certified <= toNumber(delta));
    assert.ok(toNumber(thresholdDelta(scale, T - 1n, k)) > toNumber(delta), 'T is the smallest');
  }
});

test('R3: zCDP → (ε, δ) conversion reproduces the reference table and is monotone', () => {
  const table: [number, number, number][] = [[0.005, 1e-6, 0.4299], [0.05, 1e-9, 1.8817], [0.125, 1e-6, 2.4191], [0.5, 1e-6, 5.2215], [1, 1e-6, 7.7662], [1, 1e-9, 9.5215]];
  for (const [rho, delta, eps] of table) assert.ok(Math.abs(zcdpEpsilon(rho, delta) - eps) < 6e-5, `${rho} ${delta}`);
  fc.assert(fc.property(fc.double({ min: 0.001, max: 5, noNaN: true }), fc.double({ min: 0.001, max: 5, noNaN: true }), fc.integer({ min: 3, max: 12 }),
    (r1, r2, e) => {
      const [a, b] = r1 < r2 ? [r1, r2] : [r2, r1];
      return zcdpEpsilon(a, 10 ** -e) <= zcdpEpsilon(b, 10 ** -e) + 1e-6 && zcdpEpsilon(a, 10 ** -e) >= zcdpEpsilon(a, 10 ** -(e - 1)) - 1e-6;
    }), { seed: 42, numRuns: 100 });
});

// ---- R4 -----------------------------------------------------------------------------------

interface Rec { pid: string; g: string; v: number }
const recArb = (pid: string) => fc.record({ pid: fc.constant(pid), g: fc.constantFrom('a', 'b', 'c', 'zz'), v: fc.oneof(fc.integer({ min: -50, max: 200 }), fc.constant(1e9), fc.constant(-1e9)) });
const dataArb = fc.tuple(
  fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.constantFrom('a', 'b', 'c', 'zz'), fc.integer({ min: -50, max: 200 })), { maxLength: 60 }),
  fc.array(recArb('target'), { minLength: 1, maxLength: 20 }),
);

function tableOf(rs: Rec[]) {
  return tableFromRecords({ pid: rs.map((r) => r.pid), g: rs.map((r) => r.g), v: rs.map((r) => r.v) }, { v: 'integer' });
}

test('R4: neighbouring data sets (± one patient with many extreme rows) move counts and sums by at most the declared sensitivity', () => {
  const keys = ['a', 'b', 'c'];
  fc.assert(fc.property(dataArb, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), ([others, target], m, k, distinct) => {
    const base: Rec[] = others.map(([p, g, v]) => ({ pid: `p${p}`, g, v }));
    const withT = [...base.slice(0, 7), ...target, ...base.slice(7)];
    const assign = (t: any) => {
      const g = t.columns.find((c: any) => c.name === 'g');
      const cell = new Int32Array(t.rowCount);
      for (let r = 0; r < cell.length; r++) cell[r] = keys.indexOf(g.dictionary[g.codes[r]]);
      return { cell, cells: 3 };
    };
    const clamp = makeClamp(BASE, 'patient', { column: 'v', scale: 0, lower: -10n, upper: 100n });
    const bound = makeBoundedContributions(clamp.outputDomain as any, 'patient', { cells: 3, assign, rowsPerCell: m, cellsPerPatient: k });
    const pre = makeChainTT(bound, clamp);
    const sums = { sum: (metric: 'l1' | 'l2sq') => makeSum(bound.outputDomain as any, 'patient', { metric }),
      centred: (metric: 'l1' | 'l2sq') => makeSum(bound.outputDomain as any, 'patient', { metric, center: 45n }),
      squares: (metric: 'l1' | 'l2sq') => makeSum(bound.outputDomain as any, 'patient', { metric, squares: true, center: 45n }) };
    const counts = (metric: 'l1' | 'l2sq') => makeCount(bound.outputDomain as any, 'patient', { distinct, metric });
    for (const make of [counts, sums.sum, sums.centred, sums.squares]) {
      const agg = make('l1');
      const t = makeChainTT(agg, pre);
      const run = (rs: Rec[]) => (rs.length ? t.function(preparePatientRows(tableOf(rs), 'pid')) : [0n, 0n, 0n]);
      const x = run(base), y = run(withT);
      let l1 = 0n, l2 = 0n;
      for (let i = 0; i < 3; i++) { const d = x[i]! - y[i]!; l1 += d < 0n ? -d : d; l2 += d * d; }
      const declared = t.stabilityMap(rat(1n));
      if (l1 * declared.den > declared.num) return false;
      const t2 = makeChainTT(make('l2sq'), pre);
      const d2 = t2.stabilityMap(rat(1n));
      if (l2 * d2.den > d2.num) return false;
    }
    return true;
  }), { seed: 7, numRuns: 150 });
});

test('R4: quantile scores move by at most the declared L∞ sensitivity', () => {
  fc.assert(fc.property(dataArb, fc.integer({ min: 1, max: 3 }), fc.constantFrom(rat(1n, 2n), rat(9n, 10n), rat(1n, 4n)), ([others, target], m, alpha) => {
    const base: Rec[] = others.map(([p, g, v]) => ({ pid: `p${p}`, g, v }));
    const withT = [...target, ...base];
    const clamp = makeClamp(BASE, 'patient', { column: 'v', scale: 0, lower: 0n, upper: 100n });
    const bound = makeBoundedContributions(clamp.outputDomain as any, 'patient', { cells: 1, assign: (t) => ({ cell: new Int32Array(t.rowCount), cells: 1 }), rowsPerCell: m, cellsPerPatient: 1 });
    const sc = makeQuantileScores(bound.outputDomain as any, 'patient', { candidates: [0n, 10n, 25n, 50n, 99n, 100n], alpha });
    const t = makeChainTT(sc, makeChainTT(bound, clamp));
    const run = (rs: Rec[]) => (rs.length ? t.function(preparePatientRows(tableOf(rs), 'pid')) : t.function(preparePatientRows(tableOf([{ pid: 'x', g: 'a', v: 0 }]), 'pid')).map(() => 0n));
    if (!base.length) return true;
    const x = run(base), y = run(withT);
    let linf = 0n;
    for (let i = 0; i < x.length; i++) { const d = x[i]! - y[i]!; const a = d < 0n ? -d : d; if (a > linf) linf = a; }
    const declared = t.stabilityMap(rat(1n));
    return linf * declared.den <= declared.num;
  }), { seed: 11, numRuns: 150 });
});

test('R4 negative control: a bounding step that forgets the cells-per-patient bound exceeds the declared sensitivity', () => {
  // the target patient touches 3 cells; declaring k = 1 while keeping all cells must be caught
  const rs: Rec[] = [{ pid: 't', g: 'a', v: 1 }, { pid: 't', g: 'b', v: 1 }, { pid: 't', g: 'c', v: 1 }, { pid: 'o', g: 'a', v: 1 }];
  const assign = (t: any) => { const g = t.columns.find((c: any) => c.name === 'g'); const cell = new Int32Array(t.rowCount); for (let r = 0; r < cell.length; r++) cell[r] = ['a', 'b', 'c'].indexOf(g.dictionary[g.codes[r]]); return { cell, cells: 3 }; };
  const honest = makeBoundedContributions(BASE, 'patient', { cells: 3, assign, rowsPerCell: 1, cellsPerPatient: 1 });
  const leaky = makeBoundedContributions(BASE, 'patient', { cells: 3, assign, rowsPerCell: 1, cellsPerPatient: 3 });
  const count = makeCount(honest.outputDomain as any, 'patient', { distinct: false, metric: 'l1' });
  const declared = toNumber(makeChainTT(count, honest).stabilityMap(rat(1n)));
  const l1 = (b: typeof honest) => {
    const with_ = count.function(b.function(preparePatientRows(tableOf(rs), 'pid')));
    const without = count.function(b.function(preparePatientRows(tableOf(rs.slice(3)), 'pid')));
    return with_.reduce((s, v, i) => s + Math.abs(Number(v - without[i]!)), 0);
  };
  assert.ok(l1(honest) <= declared);
  assert.ok(l1(leaky) > declared, 'the property test detects a missing bound');
});

// ---- R5 -----------------------------------------------------------------------------------

/** Google-style approximate-DP test statistic: max over directions of Σ_o max(0, cA(o) − e^ε cB(o))/N. */
function tStat(a: Map<number, number>, b: Map<number, number>, eps: number, N: number): number {
  const dir = (x: Map<number, number>, y: Map<number, number>) => { let s = 0; for (const [o, c] of x) s += Math.max(0, c - Math.exp(eps) * (y.get(o) ?? 0)); return s / N; };
  return Math.max(dir(a, b), dir(b, a));
}

test('R5: end-to-end count through the real query path passes the approximate-DP test; broken controls fail', () => {
  // D and D′ differ by one patient with 3 rows in one group; count rows with rowsPerGroup = 2
  const mk = (extra: boolean) => {
    const pid: string[] = [], g: string[] = [];
    for (let i = 0; i < 30; i++) { pid.push(`p${i}`); g.push(i % 2 ? 'a' : 'b'); }
    if (extra) for (let j = 0; j < 3; j++) { pid.push('target'); g.push('a'); }
    return tableFromRecords({ pid, g });
  };
  const ds = { name: 'd', privacyUnit: 'pid', columns: { g: { keys: ['a', 'b'] } } };
  const eps = Math.log(3);
  const query = (scaleFactor: string, rows: number) => ({ select: [{ count: 'rows' as const }], from: 'd', groupBy: ['g'], contributions: { rowsPerGroup: rows }, epsilon: scaleFactor });
  const N = 15_000;
  const sample = (extra: boolean, q: unknown, seed: number, tweak?: (v: number) => number) => {
    const plan = planQuery(mk(extra), q, ds);
    const src = testSource(seed);
    const h = new Map<number, number>();
    // one release = the 'a' cell (the 'b' cell is identical in D and D′); bucket |v−15| ≥ 12 tails
    for (let i = 0; i < N; i++) {
      const out = plan.execute(src);
      let v = out.results[0]!.rows[0]!.value!;
      if (tweak) v = tweak(v);
      const o = Math.max(3, Math.min(30, v));
      h.set(o, (h.get(o) ?? 0) + 1);
    }
    return h;
  };
  // ε = ln 3 written exactly is impossible; use ε = 11/10 ≥ ln 3 = 1.0986 for the mechanism and test at ε = 1.1
  const T = tStat(sample(false, query('11/10', 2), 1), sample(true, query('11/10', 2), 2), 1.1, N);
  assert.ok(T < 0.05, `correct mechanism: T = ${T}`);
  // broken control 1: noise scale divided by 1.5 (ε claimed 1.1, actually 1.65)
  const Tb = tStat(sample(false, query('33/20', 2), 3), sample(true, query('33/20', 2), 4), 1.1, N);
  assert.ok(Tb > 0.1, `scale/1.5 must fail: T = ${Tb}`);
  // broken control 2: sensitivity under-declared by 2× — rows per group 2 declared, 4 actually counted
  const Tc = tStat(sample(false, query('11/10', 2), 5), sample(true, query('11/10', 2), 6, (v) => v + 2), 1.1, N);
  assert.ok(Tc > 0.1, `under-declared sensitivity must fail: T = ${Tc}`);
  assert.ok(eps < 1.1);
});

test('quantile scores: a neighbour moves each score by at most the sensitivity when values tie on the grid (clamped to a bound)', async () => {
  // (50 patients at 50, 50 above the bound, clamped to 100; the neighbour adds one at 105, also clamped: several codes at
  // one grid value — the first alone was counted "equal", and the new code sorting first moved 50 rows to "above":
  // ‖u(D) − u(D′)‖∞ was 50 against a declared 1)
  const { tableFromRecords } = await import('../table/table.ts');
  const dp = await import('./index.ts');
  const mk = (extra: boolean) => {
    const pid: string[] = [], age: number[] = [];
    for (let i = 0; i < 50; i++) { pid.push(`a${i}`); age.push(50); }
    for (let i = 0; i < 50; i++) { pid.push(`b${i}`); age.push(120); }
    if (extra) { pid.push('x'); age.push(105); }
    return tableFromRecords({ pid, age });
  };
  const scores = (t: ReturnType<typeof mk>) => {
    const clamp = dp.makeClamp({ kind: 'patient-rows' }, 'patient', { column: 'age', scale: 0, lower: 0n, upper: 100n });
    const bound = dp.makeBoundedContributions(clamp.outputDomain as never, 'patient', { cells: 1, assign: (tt: { rowCount: number }) => ({ cell: new Int32Array(tt.rowCount), cells: 1 }), rowsPerCell: 1, cellsPerPatient: 1 } as never);
    const sc = dp.makeQuantileScores(bound.outputDomain as never, 'patient', { candidates: Array.from({ length: 101 }, (_, i) => BigInt(i)), alpha: dp.rat(1n, 2n) });
    return { u: sc.function(bound.function(clamp.function(dp.preparePatientRows(t, 'pid')))), sens: sc.stabilityMap(dp.rat(1n)) };
  };
  const a = scores(mk(false)), b = scores(mk(true));
  let linf = 0n;
  a.u.forEach((v, i) => { const d = v > b.u[i]! ? v - b.u[i]! : b.u[i]! - v; if (d > linf) linf = d; });
  assert.ok(linf * a.sens.den <= a.sens.num, `‖u(D) − u(D′)‖∞ = ${linf} > ${a.sens.num}/${a.sens.den}`);
});
