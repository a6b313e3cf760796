import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createEngine } from '../search/engine.ts';
import { idOf, levelsOf } from '../lattice/lattice.ts';
import { ageHierarchy, sexHierarchy, smallTable, zipHierarchy } from '../../test/contracts/fixtures.ts';
import { naiveEvaluate } from '../../test/contracts/naive.ts';
import { seededRng } from '../util/rng.ts';

const hs = [ageHierarchy(), zipHierarchy(), sexHierarchy()];

test('property: every check (whatever roll-up source the cache offers) matches the naive reference', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 10, max: 200 }), fc.integer({ min: 1, max: 8 }),
    fc.constantFrom(0, 0.05, 0.3), fc.constantFrom(0, 2), (seed, n, k, supp, l) => {
      const { table, rows, disease } = smallTable(seed, n);
      const e = createEngine(table, { quasi: hs.map((h) => ({ column: h.column, hierarchy: h })), models: [{ type: 'k-anonymity', k }, ...(l ? [{ type: 'l-diversity' as const, column: 'disease', l }] : [])], suppressionLimit: supp });
      const order = seededRng(seed).shuffle(Array.from({ length: e.lattice.size }, (_, i) => i));
      for (const id of order) {
        const r = e.checker.check(id);
        const ref = naiveEvaluate({ rows, sensitive: disease, hierarchies: hs, k, l, suppressionLimit: supp }, [...levelsOf(e.lattice, id)]);
        assert.equal(r.feasible, ref.feasible);
        if (Number.isNaN(r.suppressed)) { assert.equal(ref.feasible, false); continue; } // cut short: too many classes
        assert.equal(r.suppressed, ref.suppressed);
        assert.equal(r.classes, ref.classes);
        if (r.feasible) assert.ok(Math.abs(r.value - ref.loss) < 1e-12);
      }
    }), { numRuns: 15, seed: 7 });
});

test('details: per-row suppression agrees with the class sizes', () => {
  const { table } = smallTable(5, 300);
  const e = createEngine(table, { quasi: hs.map((h) => ({ column: h.column, hierarchy: h })), models: [{ type: 'k-anonymity', k: 4 }], suppressionLimit: 0.5 });
  const id = idOf(e.lattice, [1, 1, 0]);
  const d = e.checker.details(id);
  let sup = 0;
  for (let r = 0; r < table.rowCount; r++) {
    sup += d.rowSuppressed[r]!;
    assert.equal(d.rowSuppressed[r]! === 1, d.stats.sizes[d.classOfRow[r]!]! < 4);
  }
  assert.equal(sup, d.result.suppressed);
});

test('projection certificate: a column whose values are nearly unique raises the floor', () => {
  const { table } = smallTable(9, 400);
  const e = createEngine(table, { quasi: hs.map((h) => ({ column: h.column, hierarchy: h })), models: [{ type: 'k-anonymity', k: 30 }] });
  // with k = 30 and no suppression, single ages (≤ ~15 rows each) are certified infeasible
  assert.ok(e.checker.floor[0]! >= 1);
  assert.equal(e.checker.certifiedInfeasible([0, 4, 1]), true);
  assert.equal(e.checker.check(idOf(e.lattice, [0, 4, 1])).feasible, false); // the check agrees (raw rows below the floor)
});

test('property: projection certificates (single columns and pairs) are sound — certified ⇒ the naive reference finds it infeasible', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 20, max: 300 }), fc.integer({ min: 2, max: 25 }), fc.constantFrom(0, 0.02, 0.1),
    (seed, n, k, supp) => {
      const { table, rows } = smallTable(seed, n);
      const e = createEngine(table, { quasi: hs.map((h) => ({ column: h.column, hierarchy: h })), models: [{ type: 'k-anonymity', k }], suppressionLimit: supp });
      let certified = 0;
      for (let id = 0; id < e.lattice.size; id++) {
        const lv = [...levelsOf(e.lattice, id)];
        if (!e.checker.certifiedInfeasible(lv)) continue;
        certified++;
        assert.equal(naiveEvaluate({ rows, hierarchies: hs, k, suppressionLimit: supp }, lv).feasible, false, `certified ${lv} is feasible`);
      }
      return certified >= 0;
    }), { numRuns: 25, seed: 11 });
});
