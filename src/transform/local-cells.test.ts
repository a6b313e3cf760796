import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { localCellSuppression } from './local-cells.ts';
import { tableFromRecords, toRecords, column } from '../table/table.ts';
import { groupify } from '../check/groupify.ts';

test('hand example: the most varied attribute is suppressed first, only in the violating records', () => {
  // classes (a,x)×3 fine; rows 3 and 4 are unique: flagged
  const t = tableFromRecords({ zip: ['a', 'a', 'a', 'b', 'c', 'd', 'd'], sex: ['x', 'x', 'x', 'x', 'x', 'y', 'y'] });
  const flagged = Uint8Array.from([0, 0, 0, 1, 1, 0, 0]);
  const r = localCellSuppression(t, ['zip', 'sex'], flagged, { k: 2 });
  assert.deepEqual(r.order, ['zip', 'sex']); // zip has 2 distinct values among flagged rows, sex 1
  assert.deepEqual(toRecords(r.table).map((x) => `${x.zip}${x.sex}`), ['ax', 'ax', 'ax', '*x', '*x', 'dy', 'dy']);
  assert.deepEqual(r.cells, { zip: 2, sex: 0 });
  assert.equal(r.recordsRemoved, 0);
});

test('records still violating with every cell suppressed are removed', () => {
  const t = tableFromRecords({ q: ['a', 'a', 'b'] });
  const r = localCellSuppression(t, ['q'], Uint8Array.from([0, 0, 1]), { k: 2 });
  assert.equal(r.recordsRemoved, 1);
  assert.equal(r.table.rowCount, 2);
});

test('property: the result is k-anonymous with * as a value of its own, and only flagged rows change', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(4), fc.nat(3)), { minLength: 4, maxLength: 60 }), fc.integer({ min: 2, max: 4 }), (rows, k) => {
    const t = tableFromRecords({ a: rows.map((r) => `a${r[0]}`), b: rows.map((r) => `b${r[1]}`) });
    const g = groupify([column(t, 'a').codes, column(t, 'b').codes], [5, 4]);
    const flagged = Uint8Array.from(rows.map((_, i) => (g.sizes[g.classOf[i]!]! < k ? 1 : 0)));
    const r = localCellSuppression(t, ['a', 'b'], flagged, { k });
    const out = r.table;
    if (out.rowCount === 0) return;
    const og = groupify([column(out, 'a').codes, column(out, 'b').codes], [column(out, 'a').dictionary.length, column(out, 'b').dictionary.length]);
    for (let c = 0; c < og.count; c++) assert.ok(og.sizes[c]! >= k);
    // unflagged rows are untouched (they come first in order among kept rows)
    const before = toRecords(t).filter((_, i) => !flagged[i]);
    const after = toRecords(out).filter((x) => x.a !== '*' && x.b !== '*');
    for (const row of before) assert.ok(after.some((x) => x.a === row.a && x.b === row.b));
  }), { seed: 7, numRuns: 200 });
});
