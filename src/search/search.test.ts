import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createEngine, runSearch } from './engine.ts';
import { better } from './search.ts';
import { tableFromRecords } from '../table/table.ts';
import { levelsOf, makeLattice } from '../lattice/lattice.ts';
import { ageHierarchy, sexHierarchy, smallTable, symmetricTable, octalHierarchy, zipHierarchy } from '../../test/contracts/fixtures.ts';
import { allLevels, naiveEvaluate } from '../../test/contracts/naive.ts';

test('tie-break: lower value, then lower height, then lower id', () => {
  const l = makeLattice([2, 2]);
  assert.ok(better(l, { id: 8, value: 0.1 }, { id: 0, value: 0.2 }));
  assert.ok(better(l, { id: 1, value: 0.2 }, { id: 3 + 1, value: 0.2 })); // height 1 < 2
  assert.ok(better(l, { id: 1, value: 0.2 }, { id: 3, value: 0.2 }));     // same height 1: lower id
  assert.ok(!better(l, { id: 3, value: 0.2 }, { id: 1, value: 0.2 }));
  // values equal up to rounding tie too (7·(1/3) + 7·(2/3) = 6.999999999999999)
  assert.ok(better(l, { id: 1, value: 0.5 }, { id: 3, value: 0.49999999999999994 }));
});

test('tie-break under rounding: two transformations of precision exactly 1/2 and height 3, the lower id wins', () => {
  // a: p→P, q,r→Q, then A, *; b: b0,b1→B01, b2,b3→B23, b5→B5, b4,b6→B46, then G1/G2, *; k = 2, no suppression:
  // (0,3) and (1,2) are both feasible with precision (0 + 1)/2 = (1/3 + 2/3)/2 = 1/2; the second sums to 0.49999999999999994
  const h = (column: string, rows: string[]) => ({ column, levels: rows[0]!.split(';').map((_, k) => rows.map((r) => r.split(';')[k]!)) });
  const ha = h('a', ['p;P;A;*', 'q;Q;A;*', 'r;Q;A;*']);
  const hb = h('b', ['b0;B01;G1;*', 'b1;B01;G1;*', 'b2;B23;G1;*', 'b3;B23;G1;*', 'b5;B5;G1;*', 'b4;B46;G2;*', 'b6;B46;G2;*']);
  const t = tableFromRecords({ a: ['p', 'p', 'p', 'q', 'q', 'r', 'r'], b: ['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6'] });
  for (const strategy of ['optimal', 'exhaustive'] as const) {
    const e = createEngine(t, { quasi: [{ column: 'a', hierarchy: ha }, { column: 'b', hierarchy: hb }], models: [{ type: 'k-anonymity', k: 2 }], suppressionLimit: 0, metric: 'precision' });
    const r = runSearch(e, { strategy });
    assert.deepEqual([...levelsOf(e.lattice, r.best!.id)], [0, 3], strategy);
  }
});

test('property: optimal = naive optimum (value and tie-broken transformation), with suppression and l-diversity', () => {
  const hs = [ageHierarchy(), zipHierarchy(), sexHierarchy()];
  const sym = [octalHierarchy('a'), octalHierarchy('b'), octalHierarchy('c')];
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 20, max: 250 }), fc.integer({ min: 2, max: 12 }),
    fc.constantFrom(0, 0.01, 0.05, 0.1, 0.2, 0.4), fc.constantFrom(0, 0, 2, 3), fc.boolean(),
    (seed, n, k, supp, l, symmetric) => {
      const h = symmetric ? sym : hs;
      const { table, rows } = symmetric ? symmetricTable(seed, n) : smallTable(seed, n);
      const disease = symmetric ? [] : smallTable(seed, n).disease;
      const useL = !symmetric && l > 0;
      const models = [{ type: 'k-anonymity' as const, k }, ...(useL ? [{ type: 'l-diversity' as const, column: 'disease', l }] : [])];
      const e = createEngine(table, { quasi: h.map((x) => ({ column: x.column, hierarchy: x })), models, suppressionLimit: supp });
      const r = runSearch(e, { strategy: 'optimal' });
      let best: { lv: number[]; loss: number } | null = null;
      for (const lv of allLevels(h.map((x) => x.levels.length - 1))) {
        const ref = naiveEvaluate({ rows, sensitive: disease, hierarchies: h, k, l: useL ? l : 0, suppressionLimit: supp }, lv);
        if (!ref.feasible) continue;
        const ht = lv.reduce((a, b) => a + b, 0), bh = best ? best.lv.reduce((a, b) => a + b, 0) : 0;
        if (!best || ref.loss < best.loss || (ref.loss === best.loss && (ht < bh || (ht === bh && lv.join() < best.lv.join())))) best = { lv, loss: ref.loss };
      }
      if (!best) { assert.equal(r.best, null); return; }
      assert.ok(r.best);
      assert.ok(Math.abs(r.best.value - best.loss) < 1e-12, `optimal ${r.best.value} vs naive ${best.loss}`);
      assert.deepEqual([...levelsOf(e.lattice, r.best.id)], best.lv);
    },
  ), { numRuns: 60, seed: 20261128 });
});

test('sameValue: rounding ties, never infinities (an infinite bound is no tie with a finite best)', async () => {
  const { sameValue } = await import('./search.ts');
  assert.ok(sameValue(0.5, 0.49999999999999994));
  assert.ok(!sameValue(0.5, 0.5001));
  assert.ok(!sameValue(Infinity, 2743));
  assert.ok(sameValue(Infinity, Infinity));
  assert.ok(!sameValue(NaN, NaN));
});
