import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromRecords, toRecords } from '../table/table.ts';
import { aggregateByPerson, aggregatedLevels } from './person.ts';
import { AnonymatError } from '../errors.ts';

// patient p1 has 3 rows, p2 has 1, p3 has 2, one row has no patient id
const t = tableFromRecords({
  pid: ['p1', 'p1', 'p2', 'p3', 'p1', 'p3', null],
  year: [1950, 1950, 1980, 1970, 1950, 1970, 1990],
  zip: ['75001', '75002', '69001', '13001', '75002', '13001', '31000'],
  dx: ['E11', 'I10', 'J45', 'E11', 'E11', null, 'I10'],
}, { year: 'integer' });

test('constant QI → first; declared aggregations; missing key rows are their own person', () => {
  for (const [agg, expected] of [
    ['first', ['75001', '69001', '13001', '31000']],
    ['min', ['75001', '69001', '13001', '31000']],
    ['max', ['75002', '69001', '13001', '31000']],
    ['mode', ['75002', '69001', '13001', '31000']], // p1: 75002 twice
    ['set', ['75001 | 75002', '69001', '13001', '31000']],
  ] as const) {
    const p = aggregateByPerson(t, 'pid', [{ name: 'year' }, { name: 'zip', aggregate: agg }]);
    assert.equal(p.persons, 4);
    assert.equal(p.records, 7);
    assert.equal(p.rowsWithoutPersonKey, 1);
    assert.equal(p.maxRowsPerPerson, 3);
    assert.deepEqual(p.varying, ['zip']);
    const rows = toRecords(p.table);
    assert.deepEqual(rows.map((r) => r.zip), expected, agg);
    assert.deepEqual(rows.map((r) => r.year), ['1950', '1980', '1970', '1990']);
  }
});

test('a varying QI without aggregation → invalid-policy naming the column', () => {
  assert.throws(() => aggregateByPerson(t, 'pid', [{ name: 'year' }, { name: 'zip', fallback: null }]), (e: unknown) =>
    e instanceof AnonymatError && e.code === 'invalid-policy' && e.message.includes('"zip"') && !e.message.includes('75001')
    && e.issues[0]!.path === 'columns.zip.aggregate');
});

test('sensitive fallback set ignores missing unless all missing; mode ties go to the smallest value', () => {
  const p = aggregateByPerson(t, 'pid', [{ name: 'dx', fallback: 'set' }]);
  assert.deepEqual(toRecords(p.table).map((r) => r.dx), ['E11 | I10', 'J45', 'E11', 'I10']);
  const q = aggregateByPerson(tableFromRecords({ id: ['a', 'a'], v: ['y', 'x'] }), 'id', [{ name: 'v', aggregate: 'mode' }]);
  assert.deepEqual(toRecords(q.table).map((r) => r.v), ['x']);
});

test('property: set aggregation = the sorted distinct values of each person; dictionary distinct and in tuple order', async () => {
  const fc = (await import('fast-check')).default;
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(6), fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: null })), { minLength: 1, maxLength: 40 }), (rows) => {
    const t2 = tableFromRecords({ id: rows.map(([p]) => `p${p}`), v: rows.map(([, v]) => v) });
    const p = aggregateByPerson(t2, 'id', [{ name: 'v', aggregate: 'set' }]);
    const col = p.table.columns[0]!;
    const got = toRecords(p.table).map((r) => r.v);
    // persons in order of first appearance of their id
    const ids = [...new Set(rows.map(([q]) => q))];
    const expected = ids.map((q) => {
      const vs = [...new Set(rows.filter(([x, v]) => x === q && v !== null).map(([, v]) => v!))].sort();
      return vs.length ? vs.join(' | ') : null;
    });
    assert.deepEqual(got, expected);
    const labels = col.dictionary.filter((x) => x !== null) as string[];
    assert.equal(new Set(labels).size, labels.length);
    const tuples = labels.map((l) => l.split(' | '));
    for (let i = 1; i < tuples.length; i++) {
      const a = tuples[i - 1]!, b = tuples[i]!;
      const k = a.findIndex((x, j) => x !== b[j]);
      assert.ok(k === -1 ? a.length < b.length : (b[k] === undefined ? false : a[k]! < b[k]!), `${labels[i - 1]} before ${labels[i]}`);
    }
  }), { numRuns: 200 });
});

test('aggregatedLevels: a set is a leaf of its own under its values\' lowest common node; one value keeps its nodes', () => {
  // row codes 0 a1, 1 a2, 2 b1, 3 b2; levels: leaves, A/B, root
  const levels = [Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 0, 1, 1]), Int32Array.from([0, 0, 0, 0])];
  // aggregated codes: 0 "a1", 1 "a1 | a2", 2 "a1 | b1", 3 "b2"
  const rowCodes = Int32Array.from([0, 0, 1, 0, 2, 3]);
  const aggOfRow = Int32Array.from([0, 1, 1, 2, 2, 3]);
  const out = aggregatedLevels(levels, rowCodes, aggOfRow, 4, -1);
  assert.deepEqual([...out[0]!], [0, 4, 5, 3]); // the sets get leaves of their own
  assert.deepEqual([...out[1]!], [0, 0, 2, 1]); // "a1 | a2" under A; "a1 | b1" a node of its own under the root
  assert.deepEqual([...out[2]!], [0, 0, 0, 0]);
});
