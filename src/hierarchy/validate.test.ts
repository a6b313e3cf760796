import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkCoverage, validateHierarchy } from './validate.ts';
import { columnFromValues } from '../table/table.ts';
import type { Hierarchy } from './hierarchy.ts';

const arx = fileURLToPath(new URL('../../../shared/data/arx/', import.meta.url));

test('a valid hierarchy has no issue', () => {
  const h: Hierarchy = { column: 'zip', levels: [['75011', '75012', '69001'], ['7501*', '7501*', '6900*'], ['*', '*', '*']] };
  assert.deepEqual(validateHierarchy(h), []);
});

test('a level that is not a function of the previous one: row, column and level reported', () => {
  const h: Hierarchy = { column: 'age', levels: [['1', '2', '3'], ['a', 'a', 'b'], ['X', 'Y', 'Y'], ['*', '*', '*']] };
  const issues = validateHierarchy(h, { file: 'age.csv' });
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.path, 'age.csv:2');
  assert.match(issues[0]!.message, /column age, level 2/);
  assert.match(issues[0]!.message, /age\.csv:1/);
});

test('a ground value listed twice with different parents; identical duplicates are accepted', () => {
  const h: Hierarchy = { column: 'sex', levels: [['M', 'F', 'M', 'F'], ['x', 'y', 'z', 'y'], ['*', '*', '*', '*']] };
  const issues = validateHierarchy(h);
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.path, 'hierarchy sex, row 3');
  assert.match(issues[0]!.message, /level 1/);
  assert.doesNotMatch(issues[0]!.message, /"M"/); // the ground value is not quoted
});

test('ragged levels and empty labels are reported', () => {
  assert.equal(validateHierarchy({ column: 'c', levels: [['a', 'b'], ['x']] }).length, 1);
  const e = validateHierarchy({ column: 'c', levels: [['a', 'b'], ['x', ''], ['*', '*']] });
  assert.equal(e.length, 1);
  assert.equal(e[0]!.path, 'hierarchy c, row 2');
});

test('checkCoverage: first data row of each missing value, in row order, value not quoted', () => {
  const h: Hierarchy = { column: 'age', levels: [['30', '40'], ['*', '*']] };
  const col = columnFromValues('age', [30, 41, 40, 41, 52, null, 52], 'integer');
  const issues = checkCoverage(h, col);
  assert.deepEqual(issues.map((i) => i.path), ['row 2, column age, level 0', 'row 5, column age, level 0']);
  assert.doesNotMatch(issues[0]!.message, /41/);
  // numeric match: 1.50 in the data is 1.5 in the hierarchy
  const d = columnFromValues('x', ['1.50', '2'], 'decimal');
  assert.deepEqual(checkCoverage({ column: 'x', levels: [['1.5', '2'], ['*', '*']] }, d), []);
});

test('ARX adult hierarchies are valid and cover adult.csv', (t) => {
  if (!existsSync(arx + 'adult.csv')) { t.skip('../shared/data/arx absent'); return; }
  const lines = readFileSync(arx + 'adult.csv', 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines[0]!.split(';');
  for (const name of header) {
    const text = readFileSync(arx + `adult_hierarchy_${name}.csv`, 'utf8');
    const rows = text.split(/\r?\n/).filter(Boolean).map((l) => l.split(';'));
    const h: Hierarchy = { column: name, levels: rows[0]!.map((_, l) => rows.map((r) => r[l]!)) };
    assert.deepEqual(validateHierarchy(h, { file: `adult_hierarchy_${name}.csv` }), [], name);
    const j = header.indexOf(name);
    const col = columnFromValues(name, lines.slice(1).map((l) => l.split(';')[j]!), 'string');
    assert.deepEqual(checkCoverage(h, col), [], name);
    // removing one value of the hierarchy is detected
    const cut: Hierarchy = { column: name, levels: h.levels.map((l) => l.filter((_, i) => h.levels[0]![i] !== col.dictionary[0])) };
    assert.equal(checkCoverage(cut, col).length, 1, name);
  }
});
