import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { localSuppression } from './local-suppression.ts';
import { column, tableFromRecords, toRecords } from '../table/table.ts';
import type { Table } from '../table/table.ts';

/** Brute-force fk under the wildcard semantics: records compatible on every key (null matches anything). */
function bruteFk(t: Table, keys: string[]): number[] {
  const rows = toRecords(t);
  return rows.map((a) => rows.filter((b) => keys.every((q) => a[q] === null || b[q] === null || a[q] === b[q])).length);
}

test('hand example: the unique record loses the key where its nearest neighbour differs (least important first)', () => {
  // keys: sex (2 values, most important) and zip (3 values, suppressed first)
  const t = tableFromRecords({ sex: ['F', 'F', 'M', 'M', 'F'], zip: ['1', '1', '2', '2', '3'] });
  const r = localSuppression(t, ['sex', 'zip'], { k: 2 });
  // row 5 (F,3) is unique; nearest at distance 1: (F,1) rows 1–2 differ on zip → zip suppressed
  assert.deepEqual(toRecords(r.table)[4], { sex: 'F', zip: null });
  assert.equal(r.totalSuppressed, 1);
  assert.deepEqual(r.suppressionOrder, ['zip', 'sex']);
  assert.deepEqual(Array.from(r.fk), [3, 3, 2, 2, 3]); // (F,*) matches rows 1,2 and itself; rows 1–2 gain it
  // with sex declared least important, sex is tried first, but the nearest (F,1) agrees on sex → zip again
  const s = localSuppression(t, ['sex', 'zip'], { k: 2, importance: ['zip', 'sex'] });
  assert.deepEqual(toRecords(s.table)[4], { sex: 'F', zip: null });
  // marker: '*' instead of missing
  const m = localSuppression(t, ['sex', 'zip'], { k: 2, marker: '*' });
  assert.equal(toRecords(m.table)[4]!.zip, '*');
});

test('input missing values are wildcards too; n < k cannot be made k-anonymous', () => {
  const t = tableFromRecords({ a: ['x', null, 'y'], b: ['1', '1', '2'] });
  const r = localSuppression(t, ['a', 'b'], { k: 2 });
  assert.equal(r.kAnonymous, true);
  assert.deepEqual(bruteFk(r.table, ['a', 'b']).every((f) => f >= 2), true);
  const small = localSuppression(tableFromRecords({ a: ['x'] }), ['a'], { k: 2 });
  assert.equal(small.kAnonymous, false);
  assert.equal(small.totalSuppressed, 0);
});

test('property: result is k-anonymous under the wildcard semantics; only key cells change, only to missing; counts add up', () => {
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('1', '2', '3', '4'), fc.constantFrom('x', 'y', null), fc.integer()), { minLength: 2, maxLength: 40 }),
    fc.integer({ min: 2, max: 4 }),
    (rows, k) => {
      const t = tableFromRecords({ p: rows.map((r) => r[0]), q: rows.map((r) => r[1]), s: rows.map((r) => r[2]), other: rows.map((r) => r[3]) });
      const keys = ['p', 'q', 's'];
      const r = localSuppression(t, keys, { k });
      const before = toRecords(t); const after = toRecords(r.table);
      let changed = 0;
      for (let i = 0; i < rows.length; i++) {
        assert.equal(after[i]!.other, before[i]!.other);
        for (const key of keys) if (after[i]![key] !== before[i]![key]) { assert.equal(after[i]![key], null); changed++; }
      }
      assert.equal(changed, r.totalSuppressed);
      const fk = bruteFk(r.table, keys);
      assert.deepEqual(Array.from(r.fk), fk);
      if (rows.length >= k) { assert.equal(r.kAnonymous, true); for (const f of fk) assert.ok(f >= k); }
    }), { numRuns: 150 });
});

const dir = fileURLToPath(new URL('../../../shared/data/sdcmicro/', import.meta.url));
function load(file: string): Table {
  const lines = readFileSync(dir + file, 'utf8').split(/\r?\n/).filter(Boolean);
  const head = lines[0]!.split(',').map((s) => s.replace(/"/g, ''));
  const data: Record<string, string[]> = Object.fromEntries(head.map((h) => [h, []]));
  for (const l of lines.slice(1)) l.split(',').forEach((v, j) => data[head[j]!]!.push(v.replace(/"/g, '')));
  return tableFromRecords(data);
}

// Reference values: ../shared/reference/sdcmicro.md §7 (sdcMicro 5.8.1 localSuppression, default importance);
// testdata2 k = 2 → 97 is also the upstream test (tests/testthat/test_localSuppression.R, newSupps == 97).
const cases: [string, string[], number, Record<string, number> | null, number][] = [
  ['francdat.csv', ['Key2', 'Key3', 'Key4'], 2, { Key2: 1, Key3: 0, Key4: 3 }, 4],
  ['testdata.csv', ['urbrur', 'roof', 'walls', 'water', 'sex'], 2, { water: 12 }, 12],
  ['testdata.csv', ['urbrur', 'roof', 'walls', 'water', 'sex'], 3, { roof: 4, water: 20 }, 24],
  ['testdata2.csv', ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'], 2, null, 97],
  ['testdata2.csv', ['urbrur', 'roof', 'walls', 'water', 'electcon', 'relat', 'sex'], 3, null, 117],
];
for (const [file, keys, k, perKey, total] of cases) {
  test(`sdcMicro reference: ${file} k=${k} → ${total} suppressions`, (t) => {
    if (!existsSync(dir + file)) { t.skip(`../shared/data/sdcmicro/${file} absent`); return; }
    const tab = load(file);
    const r = localSuppression(tab, keys, { k });
    assert.equal(r.totalSuppressed, total);
    if (perKey) for (const s of r.suppressed) assert.equal(s.cells, perKey[s.column] ?? 0, s.column);
    assert.equal(r.kAnonymous, true);
    // cross-check fk against the brute force on the small files
    if (tab.rowCount < 200) assert.deepEqual(Array.from(r.fk), bruteFk(r.table, keys));
    assert.ok(column(r.table, keys[0]!));
  });
}
