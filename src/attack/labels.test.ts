import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { categoricalAllows, numericAllows, parseCategoricalLabel, parseNumericLabel } from './labels.ts';

const allows = (label: string, x: number, isDate = false) => numericAllows(parseNumericLabel(label, isDate), x);
const day = (s: string) => Date.parse(s + 'T00:00:00Z') / 86_400_000;

test('numeric intervals from the anonymizer and Mondrian', () => {
  assert.ok(allows('[30-40[', 34));
  assert.ok(allows('[30-40[', 30));
  assert.ok(!allows('[30-40[', 40));
  assert.ok(allows('[30, 40)', 39.99));
  assert.ok(!allows('[30, 40)', 40));
  assert.ok(!allows(']30;40]', 30));
  assert.ok(allows(']30;40]', 40));
  assert.ok(allows('30-39', 39));
  assert.ok(!allows('30-39', 40));
  assert.ok(allows('>=90', 90));
  assert.ok(!allows('>90', 90));
  assert.ok(allows('90+', 104));
  assert.ok(allows('<20', 19));
  assert.ok(!allows('<20', 20));
  assert.ok(allows('≤ 20', 20));
  assert.ok(allows('[-5--1]', -3));
  assert.ok(allows('{30,35}', 33)); // hull
  assert.ok(allows('*', 1e9));
  assert.equal(parseNumericLabel('young').kind, 'unreadable');
  assert.equal(parseNumericLabel(null).kind, 'missing');
});

test('digit masks read as numeric ranges: 750** allows 75011, not 75111', () => {
  assert.ok(allows('750**', 75011));
  assert.ok(allows('750**', 75099));
  assert.ok(!allows('750**', 75111));
  assert.ok(allows('75xxx', 75999));
});

test('dates: a year, a month, date intervals and year intervals for date columns', () => {
  assert.ok(allows('1984', day('1984-03-02'), true));
  assert.ok(allows('1984', day('1984-12-31'), true));
  assert.ok(!allows('1984', day('1985-01-01'), true));
  assert.ok(allows('1984-03', day('1984-03-31'), true));
  assert.ok(!allows('1984-03', day('1984-04-01'), true));
  assert.ok(allows('[1980-01-01, 1985-01-01[', day('1984-12-31'), true));
  assert.ok(!allows('[1980-01-01, 1985-01-01[', day('1985-01-01'), true));
  assert.ok(allows('[1980-1990[', day('1989-06-01'), true));
  assert.ok(!allows('[1980-1990[', day('1990-01-01'), true));
  assert.ok(allows('1980-1989', day('1989-12-31'), true));
  assert.ok(allows('198*', day('1981-02-03'), true));
  assert.ok(allows('1984-03-02', day('1984-03-02'), true));
  assert.ok(!allows('1984-03-02', day('1984-03-03'), true));
});

test('categories: sets, masks, code ranges, any', () => {
  const ok = (l: string, v: string) => categoricalAllows(parseCategoricalLabel(l), v);
  assert.ok(ok('{a,b}', 'a'));
  assert.ok(!ok('{a,b}', 'c'));
  assert.ok(ok('{Married-civ-spouse; Divorced}', 'Divorced'));
  assert.ok(ok('750**', '75011'));
  assert.ok(!ok('750**', '7501'));
  assert.ok(!ok('750**', '75111'));
  assert.ok(ok('E10-E14', 'E11'));
  assert.ok(ok('E10-E14', 'E14.9'));
  assert.ok(!ok('E10-E14', 'E15'));
  assert.ok(ok('*', 'anything'));
  assert.ok(ok('Female', 'Female'));
  assert.ok(!ok('Female', 'Male'));
  // literal mode (original records): a label is the value itself
  assert.deepEqual(parseCategoricalLabel('*', true), { kind: 'point', value: '*' });
});

test('property: [a-b[ allows x exactly when a ≤ x < b', () => {
  fc.assert(fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: -1600, max: 1600 }), (a, w, x) => {
    const b = a + w;
    return allows(`[${a}-${b}[`, x) === (a <= x && x < b) && allows(`[${a}, ${b}]`, x) === (a <= x && x <= b);
  }));
});

test('anonymizer and Mondrian formats: quarters, comma date ranges, {a..b} ranges, value-or-missing', async () => {
  const { splitMissing } = await import('./labels.ts');
  assert.ok(allows('2024-Q1', day('2024-03-31'), true));
  assert.ok(!allows('2024-Q1', day('2024-04-01'), true));
  assert.ok(allows('[2020-01-03,2020-02-11]', day('2020-02-11'), true));
  assert.ok(!allows('[2020-01-03,2020-02-11]', day('2020-02-12'), true));
  assert.ok(allows('[2020-2025[', day('2024-12-31'), true));
  assert.ok(categoricalAllows(parseCategoricalLabel('{Bachelors..Masters}'), 'HS-grad'));
  assert.ok(!categoricalAllows(parseCategoricalLabel('{Bachelors..Masters}'), 'Prof-school'));
  assert.deepEqual(splitMissing('[30-40]|NA'), { core: '[30-40]', orMissing: true });
  assert.deepEqual(splitMissing('{a,b}'), { core: '{a,b}', orMissing: false });
});
