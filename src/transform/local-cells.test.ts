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

/** The `*` cells of each quasi-identifier in a table (a recount of what is written). */
const stars = (t: ReturnType<typeof tableFromRecords>, quasi: string[]): Record<string, number> =>
  Object.fromEntries(quasi.map((q) => { const c = column(t, q); return [q, Array.from(c.codes).filter((x) => c.dictionary[x] === '*').length]; }));

test('the cells counted are those of the rows kept: a removed row\'s masked cells are not (the report equals the written table)', () => {
  // rows 3, 4, 5 flagged: zip (3 distinct among them) masked first → (*, x) × 2 settle; (*, y) is alone, its sex is masked
  // too, still alone: removed. Before, its two masked cells were counted: cells { zip: 3, sex: 1 } for 2 `*` written.
  const t = tableFromRecords({ zip: ['a', 'a', 'a', 'b', 'c', 'd'], sex: ['x', 'x', 'x', 'x', 'x', 'y'] });
  const r = localCellSuppression(t, ['zip', 'sex'], Uint8Array.from([0, 0, 0, 1, 1, 1]), { k: 2 });
  assert.equal(r.recordsRemoved, 1);
  assert.deepEqual(r.cells, { zip: 2, sex: 0 });
  assert.deepEqual(r.cells, stars(r.table, ['zip', 'sex']));
  assert.equal(r.totalCells, 2);
  // the reviewer's case: eight (x, y, z) and one (p, q, r) at k = 3: every cell of the lone record masked, then removed
  const u = tableFromRecords({ a: [...'xxxxxxxxp'], b: [...'yyyyyyyyq'], c: [...'zzzzzzzzr'] });
  const s = localCellSuppression(u, ['a', 'b', 'c'], Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1]), { k: 3 });
  assert.equal(s.recordsRemoved, 1);
  assert.deepEqual(s.cells, { a: 0, b: 0, c: 0 });
  assert.equal(s.totalCells, 0);
});

test('property: cells and totalCells equal a recount of the `*` written', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(4), fc.nat(3), fc.nat(2)), { minLength: 4, maxLength: 60 }), fc.integer({ min: 2, max: 4 }), (rows, k) => {
    const t = tableFromRecords({ a: rows.map((r) => `a${r[0]}`), b: rows.map((r) => `b${r[1]}`), c: rows.map((r) => `c${r[2]}`) });
    const g = groupify(['a', 'b', 'c'].map((q) => column(t, q).codes), [5, 4, 3]);
    const flagged = Uint8Array.from(rows.map((_, i) => (g.sizes[g.classOf[i]!]! < k ? 1 : 0)));
    const r = localCellSuppression(t, ['a', 'b', 'c'], flagged, { k });
    const recount = stars(r.table, ['a', 'b', 'c']);
    assert.deepEqual(r.cells, recount);
    assert.equal(r.totalCells, recount.a! + recount.b! + recount.c!);
  }), { seed: 11, numRuns: 300 });
});
