/**
 * Contract suite every search strategy must pass: (1) feasibility — the returned transformation,
 * re-evaluated by a naive reference written from the definitions, satisfies the models within
 * the suppression limit, with the same suppressed count and loss; (2) optimality — strategies that
 * claim `optimal: true` return exactly the naive optimum (value, and transformation under the
 * documented tie-break) on small lattices; (3) determinism — two runs give the same answer.
 * Mondrian and MDAV (local recoding) go through the pipeline and must yield k-anonymous output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, runSearch } from '../../src/search/engine.ts';
import type { StrategyName } from '../../src/search/search.ts';
import { levelsOf } from '../../src/lattice/lattice.ts';
import { ageHierarchy, octalHierarchy, sexHierarchy, smallTable, symmetricTable, zipHierarchy } from './fixtures.ts';
import { allLevels, naiveEvaluate } from './naive.ts';
import { anonymize } from '../../src/release/anonymize.ts';
import { parsePolicy } from '../../src/policy/policy.ts';
import { tableFromRecords } from '../../src/table/table.ts';
import { seededRng } from '../../src/util/rng.ts';

const STRATEGIES: StrategyName[] = ['exhaustive', 'optimal', 'auto', 'heuristic'];
const hierarchies = [ageHierarchy(), zipHierarchy(), sexHierarchy()];
const symmetric = [octalHierarchy('a'), octalHierarchy('b'), octalHierarchy('c')];

interface Case { seed: number; n: number; k: number; l: number; supp: number; symmetric?: boolean }
const CASES: Case[] = [
  { seed: 1, n: 150, k: 2, l: 0, supp: 0 },
  { seed: 2, n: 150, k: 5, l: 0, supp: 0 },
  { seed: 3, n: 200, k: 5, l: 0, supp: 0.05 },
  { seed: 4, n: 200, k: 10, l: 0, supp: 0.02 },
  { seed: 5, n: 120, k: 3, l: 2, supp: 0 },
  { seed: 6, n: 200, k: 4, l: 3, supp: 0.1 },
  { seed: 7, n: 60, k: 30, l: 0, supp: 0 },
  { seed: 8, n: 300, k: 3, l: 0, supp: 0, symmetric: true },
  { seed: 9, n: 300, k: 5, l: 0, supp: 0, symmetric: true },
  { seed: 10, n: 300, k: 4, l: 0, supp: 0.03, symmetric: true },
  { seed: 11, n: 400, k: 6, l: 0, supp: 0.01, symmetric: true },
  { seed: 12, n: 400, k: 8, l: 0, supp: 0.08, symmetric: true },
];

function naiveOptimum(c: Case, rows: string[][], disease: string[], hs: typeof hierarchies) {
  let best: { levels: number[]; loss: number } | null = null;
  for (const lv of allLevels(hs.map((h) => h.levels.length - 1))) {
    const r = naiveEvaluate({ rows, sensitive: disease, hierarchies: hs, k: c.k, l: c.l, suppressionLimit: c.supp }, lv);
    if (!r.feasible) continue;
    const h = lv.reduce((a, b) => a + b, 0);
    const bh = best ? best.levels.reduce((a, b) => a + b, 0) : 0;
    // tie-break: value, then height, then lexicographic levels (= id order)
    if (!best || r.loss < best.loss || (r.loss === best.loss && (h < bh || (h === bh && lv.join() < best.levels.join())))) best = { levels: lv, loss: r.loss };
  }
  return best;
}

for (const strategy of STRATEGIES) {
  test(`contract: ${strategy} returns a feasible transformation whose loss the naive reference confirms`, () => {
    for (const c of CASES) {
      const hs = c.symmetric ? symmetric : hierarchies;
      const { table, rows, disease } = c.symmetric ? { ...symmetricTable(c.seed, c.n), disease: [] as string[] } : smallTable(c.seed, c.n);
      const models = [{ type: 'k-anonymity' as const, k: c.k }, ...(c.l ? [{ type: 'l-diversity' as const, column: 'disease', l: c.l }] : [])];
      const run = () => {
        const e = createEngine(table, { quasi: hs.map((h) => ({ column: h.column, hierarchy: h })), models, suppressionLimit: c.supp, metric: 'loss' });
        return { e, r: runSearch(e, { strategy }) };
      };
      const { e, r } = run();
      const opt = naiveOptimum(c, rows, disease, hs);
      if (!r.best) { assert.equal(opt, null, `${strategy} found nothing but a feasible transformation exists (case ${JSON.stringify(c)})`); continue; }
      const levels = [...levelsOf(e.lattice, r.best.id)];
      const ref = naiveEvaluate({ rows, sensitive: disease, hierarchies: hs, k: c.k, l: c.l, suppressionLimit: c.supp }, levels);
      assert.ok(ref.feasible, `${strategy}: ${levels} is not feasible (case ${JSON.stringify(c)})`);
      assert.equal(r.best.suppressed, ref.suppressed);
      assert.ok(Math.abs(r.best.value - ref.loss) < 1e-12, `${strategy}: loss ${r.best.value} vs naive ${ref.loss}`);
      if (r.optimal) {
        assert.ok(opt);
        assert.ok(Math.abs(r.best.value - opt.loss) < 1e-12, `${strategy}: ${r.best.value} is not the optimum ${opt.loss} (case ${JSON.stringify(c)})`);
        assert.deepEqual(levels, opt.levels, `${strategy}: tie-break`);
      }
      // determinism
      const again = run().r;
      assert.equal(again.best?.id, r.best.id);
      assert.equal(again.best?.value, r.best.value);
      assert.equal(again.checked, r.checked);
    }
  });
}

/** The same hierarchy with its rows in a seeded random order: parents interleave ("a;X", "b;Y", "c;X"), as in ARX's files. */
function shuffledRows(h: typeof hierarchies[number], seed: number): typeof hierarchies[number] {
  const rng = seededRng(seed);
  const order = h.levels[0]!.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) { const j = rng.int(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
  return { column: h.column, levels: h.levels.map((lv) => order.map((i) => lv[i]!)) };
}

test('contract: optimal and exhaustive find the naive optimum when the hierarchies\' rows interleave their parents', () => {
  for (const c of CASES) {
    const hs = (c.symmetric ? symmetric : hierarchies).map((h, i) => shuffledRows(h, c.seed * 10 + i));
    const { table, rows, disease } = c.symmetric ? { ...symmetricTable(c.seed, c.n), disease: [] as string[] } : smallTable(c.seed, c.n);
    const models = [{ type: 'k-anonymity' as const, k: c.k }, ...(c.l ? [{ type: 'l-diversity' as const, column: 'disease', l: c.l }] : [])];
    const opt = naiveOptimum(c, rows, disease, hs);
    for (const strategy of ['optimal', 'exhaustive'] as const) {
      const e = createEngine(table, { quasi: hs.map((h) => ({ column: h.column, hierarchy: h })), models, suppressionLimit: c.supp, metric: 'loss' });
      const r = runSearch(e, { strategy });
      if (!opt) { assert.equal(r.best, null); continue; }
      assert.ok(r.best, `${strategy} found nothing (case ${JSON.stringify(c)})`);
      assert.deepEqual([...levelsOf(e.lattice, r.best.id)], opt.levels, `${strategy}: not the optimum (case ${JSON.stringify(c)})`);
    }
  }
  // the smallest case found: A's hierarchy a;X, b;Y, c;X; rows (a,p) (a,q) (b,p) (b,p) (c,p) (c,q); k = 2, no suppression:
  // A at level 1 gives the classes (X,p), (X,q), (Y,p) of 2 rows each (Loss 0.1547), where A at 0 and B at 1 gave 0.4142
  const A = { column: 'A', levels: [['a', 'b', 'c'], ['X', 'Y', 'X'], ['*', '*', '*']] };
  const B = { column: 'B', levels: [['p', 'q'], ['*', '*']] };
  const t = tableFromRecords({ A: ['a', 'a', 'b', 'b', 'c', 'c'], B: ['p', 'q', 'p', 'p', 'p', 'q'] });
  for (const strategy of ['optimal', 'exhaustive'] as const) {
    const e = createEngine(t, { quasi: [{ column: 'A', hierarchy: A }, { column: 'B', hierarchy: B }], models: [{ type: 'k-anonymity', k: 2 }], suppressionLimit: 0, metric: 'loss' });
    const r = runSearch(e, { strategy });
    assert.deepEqual([...levelsOf(e.lattice, r.best!.id)], [1, 0], strategy);
    assert.ok(Math.abs(r.best!.value - (Math.sqrt(1 + 0.3333333333) - 1)) < 1e-12, `${r.best!.value}`);
  }
});

test('contract: mask mode (the masked records are one more class) — optimal and exhaustive find the naive optimum', () => {
  for (const c of CASES.filter((x) => x.l === 0 && x.supp > 0)) {
    const hs = c.symmetric ? symmetric : hierarchies;
    const { table, rows, disease } = c.symmetric ? { ...symmetricTable(c.seed, c.n), disease: [] as string[] } : smallTable(c.seed, c.n);
    // the naive optimum among transformations whose suppressed rows are none or at least k
    let opt: { levels: number[]; loss: number } | null = null;
    for (const lv of allLevels(hs.map((h) => h.levels.length - 1))) {
      const r = naiveEvaluate({ rows, sensitive: disease, hierarchies: hs, k: c.k, l: 0, suppressionLimit: c.supp }, lv);
      if (!r.feasible || (r.suppressed > 0 && r.suppressed < c.k)) continue;
      const h = lv.reduce((a, b) => a + b, 0), bh = opt ? opt.levels.reduce((a, b) => a + b, 0) : 0;
      if (!opt || r.loss < opt.loss || (r.loss === opt.loss && (h < bh || (h === bh && lv.join() < opt.levels.join())))) opt = { levels: lv, loss: r.loss };
    }
    for (const strategy of ['optimal', 'exhaustive'] as const) {
      const e = createEngine(table, { quasi: hs.map((h) => ({ column: h.column, hierarchy: h })), models: [{ type: 'k-anonymity', k: c.k }], suppressionLimit: c.supp, metric: 'loss', maskSuppressed: true });
      const r = runSearch(e, { strategy });
      if (!opt) { assert.equal(r.best, null); continue; }
      assert.deepEqual([...levelsOf(e.lattice, r.best!.id)], opt.levels, `${strategy} (case ${JSON.stringify(c)})`);
    }
  }
});

test('contract: the optimal strategy checks fewer transformations than the exhaustive one', () => {
  const { table } = smallTable(11, 300);
  const e = createEngine(table, { quasi: hierarchies.map((h) => ({ column: h.column, hierarchy: h })), models: [{ type: 'k-anonymity', k: 5 }] });
  const r = runSearch(e, { strategy: 'optimal' });
  assert.ok(r.checked < r.latticeSize, `${r.checked} of ${r.latticeSize}`);
});

test('contract: mondrian and mdav produce k-anonymous output, deterministically', async () => {
  const rng = seededRng(3);
  const n = 300;
  const age: number[] = [], weight: number[] = [], disease: string[] = [];
  for (let i = 0; i < n; i++) { age.push(20 + rng.int(60)); weight.push(50 + rng.int(50)); disease.push(['a', 'b', 'c', 'd'][rng.int(4)]!); }
  const table = tableFromRecords({ age, weight, disease });
  const policy = parsePolicy({
    columns: { age: { role: 'quasi' }, weight: { role: 'quasi' }, disease: { role: 'sensitive' } },
    thresholds: { k: 5 },
  }, { baseDir: process.cwd(), source: 'test' });
  for (const strategy of ['mondrian', 'mdav'] as const) {
    const a = await anonymize(table, policy, { strategy });
    assert.ok(a.feasible, strategy);
    assert.ok(a.after && a.after.k >= 5, `${strategy}: k after = ${a.after?.k}`);
    assert.equal(a.optimal, false);
    const b = await anonymize(table, policy, { strategy });
    assert.equal(b.loss, a.loss);
    assert.equal(b.classes, a.classes);
  }
});

test('contract: auto falls back to the heuristic above maxOptimalLattice, feasible and marked not optimal', () => {
  const { table } = smallTable(4, 200);
  const e = createEngine(table, { quasi: hierarchies.map((h) => ({ column: h.column, hierarchy: h })), models: [{ type: 'k-anonymity', k: 5 }], suppressionLimit: 0.02 });
  const r = runSearch(e, { strategy: 'auto', maxOptimalLattice: 10 });
  assert.equal(r.strategy, 'heuristic');
  assert.equal(r.optimal, false);
  assert.ok(r.best?.feasible);
});
