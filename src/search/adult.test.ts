/**
 * Golden tests on ARX's adult data (../shared/data/arx), ARX's setup (every column a
 * quasi-identifier with its adult_hierarchy_<column>.csv, Loss metric):
 * - ARX 3.9.2's published optimum for 5-anonymity, 0% suppression (arx-loss.md):
 *   levels [0,4,1,1,3,2,2,1,0], loss 0.5731509655590044, 24 classes;
 * - the optimal strategy against the exhaustive strategy's answers for k = 2, 5, 10 with
 *   0/2/5% suppression and 5-anonymity + distinct 3-diversity on occupation (8 QIs). The
 *   exhaustive answers are recorded below (the exhaustive search takes about a minute per setup
 *   on a loaded machine); set ANONYMAT_SLOW_TESTS=1 to recompute two of them live.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTable } from '../io/read.ts';
import { readArxHierarchy } from '../hierarchy/hierarchy.ts';
import type { Hierarchy } from '../hierarchy/hierarchy.ts';
import { createEngine, runSearch } from './engine.ts';
import { levelsOf } from '../lattice/lattice.ts';
import type { Table } from '../table/table.ts';

const dir = fileURLToPath(new URL('../../../shared/data/arx/', import.meta.url));
const COLS = ['sex', 'age', 'race', 'marital-status', 'education', 'native-country', 'workclass', 'occupation', 'salary-class'];

/** Recorded answers of the exhaustive strategy (every transformation checked). */
const EXHAUSTIVE = [
  { k: 2, suppression: 0, l: 0, levels: [0, 4, 1, 1, 3, 2, 0, 2, 0], loss: 0.5296955144342308, suppressed: 0, classes: 52 },
  { k: 2, suppression: 0.02, l: 0, levels: [0, 3, 0, 1, 2, 1, 1, 1, 0], loss: 0.2093709911332433, suppressed: 573, classes: 872 },
  { k: 2, suppression: 0.05, l: 0, levels: [0, 3, 0, 0, 1, 1, 1, 1, 0], loss: 0.16900586270227813, suppressed: 1350, classes: 1468 },
  { k: 5, suppression: 0, l: 0, levels: [0, 4, 1, 1, 3, 2, 2, 1, 0], loss: 0.5731509655590044, suppressed: 0, classes: 24 },
  { k: 5, suppression: 0.02, l: 0, levels: [0, 3, 0, 2, 2, 1, 1, 2, 0], loss: 0.3137130352819242, suppressed: 506, classes: 222 },
  { k: 5, suppression: 0.05, l: 0, levels: [0, 3, 0, 0, 2, 1, 1, 2, 0], loss: 0.24193236506629057, suppressed: 1346, classes: 397 },
  { k: 10, suppression: 0, l: 0, levels: [0, 4, 1, 1, 3, 2, 2, 1, 0], loss: 0.5731509655590044, suppressed: 0, classes: 24 },
  { k: 10, suppression: 0.02, l: 0, levels: [0, 4, 0, 1, 2, 1, 1, 2, 0], loss: 0.34233670356549895, suppressed: 592, classes: 124 },
  { k: 10, suppression: 0.05, l: 0, levels: [0, 3, 0, 1, 2, 1, 1, 2, 0], loss: 0.2912700156059571, suppressed: 1437, classes: 196 },
  { k: 5, suppression: 0, l: 3, levels: [0, 4, 1, 2, 3, 2, 0, 0], loss: 0.542210825407941, suppressed: 0, classes: 26 },
  { k: 5, suppression: 0.02, l: 3, levels: [0, 3, 0, 2, 2, 1, 1, 0], loss: 0.24691173978907655, suppressed: 522, classes: 219 },
  { k: 5, suppression: 0.05, l: 3, levels: [0, 3, 0, 0, 2, 1, 1, 0], loss: 0.17170218121750636, suppressed: 1400, classes: 387 },
];

let cache: { table: Table; hs: Hierarchy[] } | null = null;
async function load() {
  if (!cache) {
    const table = await readTable(dir + 'adult.csv', { delimiter: ';' });
    const hs = await Promise.all(COLS.map((c) => readArxHierarchy(`${dir}adult_hierarchy_${c}.csv`, c)));
    cache = { table, hs };
  }
  return cache;
}

function engineFor(table: Table, hs: Hierarchy[], k: number, suppression: number, l: number) {
  const quasi = l ? COLS.filter((c) => c !== 'occupation') : COLS;
  return createEngine(table, {
    quasi: quasi.map((c) => ({ column: c, hierarchy: hs[COLS.indexOf(c)]! })),
    models: [{ type: 'k-anonymity', k }, ...(l ? [{ type: 'l-diversity' as const, column: 'occupation', l, variant: 'distinct' as const }] : [])],
    suppressionLimit: suppression, metric: 'loss',
  });
}

test('adult: ARX 5-anonymity 0% optimum, loss 0.5731509655590044 to 1e-12', async (t) => {
  if (!existsSync(dir + 'adult.csv')) { t.skip('../shared/data/arx/adult.csv absent'); return; }
  const { table, hs } = await load();
  const e = engineFor(table, hs, 5, 0, 0);
  assert.equal(e.lattice.size, 12960);
  const r = runSearch(e, { strategy: 'optimal' });
  assert.ok(r.best);
  assert.deepEqual([...levelsOf(e.lattice, r.best.id)], [0, 4, 1, 1, 3, 2, 2, 1, 0]);
  assert.ok(Math.abs(r.best.value - 0.5731509655590044) < 1e-12, String(r.best.value));
  assert.equal(r.best.classes, 24);
  assert.equal(r.best.suppressed, 0);
  assert.ok(r.checked < 12960 / 4, `checked ${r.checked}`);
});

test('adult: the optimal strategy reproduces the exhaustive strategy on 12 setups', async (t) => {
  if (!existsSync(dir + 'adult.csv')) { t.skip('../shared/data/arx/adult.csv absent'); return; }
  const { table, hs } = await load();
  for (const g of EXHAUSTIVE) {
    const e = engineFor(table, hs, g.k, g.suppression, g.l);
    const r = runSearch(e, { strategy: 'optimal' });
    const label = `k=${g.k} supp=${g.suppression} l=${g.l}`;
    assert.ok(r.best, label);
    assert.ok(Math.abs(r.best.value - g.loss) < 1e-12, `${label}: ${r.best.value} vs ${g.loss}`);
    assert.deepEqual([...levelsOf(e.lattice, r.best.id)], g.levels, label);
    assert.equal(r.best.suppressed, g.suppressed, label);
    assert.equal(r.best.classes, g.classes, label);
  }
});

test('adult: the heuristic (multi-start local search) stays within 3 % of the optimum on the 12 setups', async (t) => {
  if (!existsSync(dir + 'adult.csv')) { t.skip('../shared/data/arx/adult.csv absent'); return; }
  const { table, hs } = await load();
  let exact = 0;
  for (const g of EXHAUSTIVE) {
    const r = runSearch(engineFor(table, hs, g.k, g.suppression, g.l), { strategy: 'heuristic' });
    const label = `k=${g.k} supp=${g.suppression} l=${g.l}`;
    assert.ok(r.best && r.best.feasible, label);
    assert.equal(r.optimal, false, label);
    assert.ok(r.best.value >= g.loss - 1e-12 && r.best.value <= g.loss * 1.03, `${label}: ${r.best.value} vs optimum ${g.loss}`);
    if (Math.abs(r.best.value - g.loss) < 1e-12) exact++;
  }
  // measured when written: the optimum on 11 setups, 2.1 % above it on k = 2, 0 % (a single climb
  // with single-step moves found it on 5, up to 13 % above)
  assert.ok(exact >= 11, `optimum reached on ${exact} of 12 setups`);
});

test('adult: exhaustive recomputed live (ANONYMAT_SLOW_TESTS=1)', async (t) => {
  if (!process.env.ANONYMAT_SLOW_TESTS) { t.skip('set ANONYMAT_SLOW_TESTS=1 (about a minute per setup)'); return; }
  if (!existsSync(dir + 'adult.csv')) { t.skip('../shared/data/arx/adult.csv absent'); return; }
  const { table, hs } = await load();
  for (const g of [EXHAUSTIVE[4]!, EXHAUSTIVE[10]!]) {
    const e = engineFor(table, hs, g.k, g.suppression, g.l);
    const r = runSearch(e, { strategy: 'exhaustive' });
    assert.ok(r.best);
    assert.equal(r.best.value, g.loss);
    assert.deepEqual([...levelsOf(e.lattice, r.best.id)], g.levels);
  }
});
