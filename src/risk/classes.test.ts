import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tableFromRecords } from '../table/table.ts';
import { classSummary, coarsen, equivalenceClasses, histogramObject, sizeHistogram } from './classes.ts';
import { prosecutorRisk } from './attacker.ts';
import { AnonymatError } from '../errors.ts';

const t = tableFromRecords({
  age: [30, 30, 30, 40, 40, 50, null],
  sex: ['F', 'F', 'M', 'M', 'M', 'F', 'F'],
});

test('classes, k, histogram and records below k by hand', () => {
  const g = equivalenceClasses(t, ['age', 'sex']);
  // (30,F)×2, (30,M)×1, (40,M)×2, (50,F)×1, (missing,F)×1 — missing is a value of its own
  assert.equal(g.count, 5);
  const s = classSummary(g.sizes, 2);
  assert.deepEqual({ ...s }, { units: 7, classes: 5, k: 1, largest: 2, sampleUniques: 3, recordsBelowK: 3, classesBelowK: 3, kThreshold: 2 });
  assert.deepEqual(histogramObject(sizeHistogram(g.sizes)), { 1: 3, 2: 2 });
  const s3 = classSummary(g.sizes, 3);
  assert.equal(s3.recordsBelowK, 7);
});

test('unknown QI column → invalid-policy naming it', () => {
  assert.throws(() => equivalenceClasses(t, ['age', 'zip']), (e: unknown) =>
    e instanceof AnonymatError && e.code === 'invalid-policy' && e.message.includes('zip') && e.issues[0]!.path === 'columns.zip');
});

test('no QI: one class with every row', () => {
  const g = equivalenceClasses(t, []);
  assert.equal(g.count, 1);
  assert.equal(g.sizes[0], 7);
});

test('coarsen over class representatives equals grouping the rows directly', () => {
  const g = equivalenceClasses(t, ['age', 'sex']);
  const sex = t.columns[1]!;
  const c = coarsen(g, [sex.codes], [sex.dictionary.length]);
  const direct = equivalenceClasses(t, ['sex']);
  assert.deepEqual([...c.sizes].sort(), [...direct.sizes].sort());
});

const rowsArb = fc.array(fc.tuple(fc.nat(3), fc.nat(2), fc.nat(4)), { minLength: 1, maxLength: 120 });
const tableOf = (rows: [number, number, number][]) =>
  tableFromRecords({ a: rows.map((r) => `a${r[0]}`), b: rows.map((r) => `b${r[1]}`), c: rows.map((r) => `c${r[2]}`) });

test('property: class sizes sum to the number of records; prosecutor highest = 1/k; average = classes/records', () => {
  fc.assert(fc.property(rowsArb, (rows) => {
    const tb = tableOf(rows);
    const g = equivalenceClasses(tb, ['a', 'b', 'c']);
    const s = classSummary(g.sizes, 2);
    assert.equal(s.units, rows.length);
    const p = prosecutorRisk(g.sizes, 0.5);
    assert.equal(p.highest, 1 / s.k);
    assert.equal(p.average, s.classes / rows.length);
    assert.equal(p.recordsAboveThreshold, s.sampleUniques); // 1/f > 0.5 ⇔ f = 1
    const h = sizeHistogram(g.sizes);
    assert.equal(h.sizes.reduce((acc, size, i) => acc + size * h.counts[i]!, 0), rows.length);
  }));
});

test('property: k never decreases and uniques never increase when a QI is removed', () => {
  fc.assert(fc.property(rowsArb, fc.nat(2), (rows, drop) => {
    const tb = tableOf(rows);
    const all = ['a', 'b', 'c'];
    const full = classSummary(equivalenceClasses(tb, all).sizes, 2);
    const less = classSummary(equivalenceClasses(tb, all.filter((_, i) => i !== drop)).sizes, 2);
    assert.ok(less.k >= full.k);
    assert.ok(less.sampleUniques <= full.sampleUniques);
    assert.ok(less.classes <= full.classes);
  }));
});
