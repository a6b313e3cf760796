import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromRecords, toRecords } from '../table/table.ts';
import { aggregateByPerson } from './person.ts';
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
