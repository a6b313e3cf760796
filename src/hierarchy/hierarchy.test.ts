import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { compileHierarchy, formatArxHierarchy, levelMap, parseArxHierarchy, readArxHierarchy, writeArxHierarchy } from './hierarchy.ts';
import { AnonymatError } from '../errors.ts';
import { columnFromValues } from '../table/table.ts';

const ZIP = '75011;7501*;750**;*\r\n75012;7501*;750**;*\r\n75020;7502*;750**;*\r\n69001;6900*;690**;*';

test('ARX CSV: CRLF, no final newline, BOM; round trip through the file format', async () => {
  const h = parseArxHierarchy('\ufeff' + ZIP, 'zip');
  assert.equal(h.levels.length, 4);
  assert.deepEqual(h.levels[0], ['75011', '75012', '75020', '69001']);
  assert.deepEqual(h.levels[2], ['750**', '750**', '750**', '690**']);
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-h-'));
  await writeArxHierarchy(h, join(dir, 'zip.csv'));
  assert.equal(readFileSync(join(dir, 'zip.csv'), 'utf8'), formatArxHierarchy(h));
  assert.deepEqual((await readArxHierarchy(join(dir, 'zip.csv'), 'zip')).levels, h.levels);
});

test('ARX CSV: a row with a different number of levels is reported with its line', () => {
  assert.throws(() => parseArxHierarchy('a;x;*\nb;*\n', 'c', 'h.csv'), (e: AnonymatError) => e.code === 'invalid-hierarchy' && e.issues[0]!.path === 'h.csv:2');
});

test('compile: codes per level, shares over all hierarchy rows (values absent from the data included)', () => {
  const h = parseArxHierarchy(ZIP, 'zip');
  const col = columnFromValues('zip', ['75012', '69001', '75012']); // 75011, 75020 absent from the data
  const ch = compileHierarchy(h, col);
  assert.equal(ch.groundCount, 4);
  assert.deepEqual(ch.cardinality, [4, 3, 2, 1]);
  // level 2: 750** covers 3 of 4 rows, 690** 1 of 4
  const g75012 = ch.groundOfCode[col.dictionary.indexOf('75012')]!;
  assert.equal(ch.share[2]![ch.levelOfGround[2]![g75012]!], 3 / 4);
  assert.equal(ch.labels[1]![ch.levelOfGround[1]![g75012]!], '7501*');
  // level map 1 → 2 composes
  const m = levelMap(ch, 1, 2);
  assert.equal(ch.labels[2]![m[ch.levelOfGround[1]![g75012]!]!], '750**');
});

test('compile: a data value missing from the hierarchy names the data row, column and level (not the value)', () => {
  const h = parseArxHierarchy(ZIP, 'zip');
  const col = columnFromValues('zip', ['75012', '75012', '13001', '69001']);
  assert.throws(() => compileHierarchy(h, col), (e: AnonymatError) =>
    e.code === 'invalid-hierarchy' && e.issues.length === 1 && e.issues[0]!.path === 'row 3, column zip, level 0' && !e.format().includes('13001'));
});

test('compile: a value mapped to two parents, and a level that is not a function of the previous one', () => {
  const two = parseArxHierarchy('a;x;*\nb;x;*\na;y;*', 'c', 'h.csv');
  assert.throws(() => compileHierarchy(two, columnFromValues('c', ['a', 'b']), { file: 'h.csv' }), (e: AnonymatError) =>
    e.issues.some((i) => i.path === 'h.csv:3' && i.message.includes('level 1') && i.message.includes('h.csv:1')));
  const notFn = parseArxHierarchy('a;x;p\nb;x;q', 'c', 'h.csv');
  assert.throws(() => compileHierarchy(notFn, columnFromValues('c', ['a', 'b']), { file: 'h.csv' }), (e: AnonymatError) =>
    e.issues.some((i) => i.path === 'h.csv:2' && i.message.includes('level 2 must be a function of level 1')));
  // without a file: the hierarchy and the row
  assert.throws(() => compileHierarchy(notFn, columnFromValues('c', ['a', 'b'])), (e: AnonymatError) => e.issues.some((i) => i.path === 'hierarchy c, row 2'));
});

test('compile: missing values get their own synthetic row (own class below the top, * at the top)', () => {
  const h = parseArxHierarchy('a;x;*\nb;x;*', 'c');
  const col = columnFromValues('c', ['a', null, 'b']);
  const ch = compileHierarchy(h, col);
  assert.equal(ch.groundCount, 3);
  const gm = ch.groundOfCode[col.missing]!;
  assert.equal(ch.labels[1]![ch.levelOfGround[1]![gm]!], null);
  assert.equal(ch.labels[2]![ch.levelOfGround[2]![gm]!], '*');
});

test('property: format → parse is the identity', () => {
  const label = fc.stringMatching(/^[A-Za-z0-9*<>\[\]\- ]{1,6}$/);
  fc.assert(fc.property(fc.array(fc.array(label, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }), (rows) => {
    const h = { column: 'c', levels: [0, 1, 2].map((l) => rows.map((r) => r[l]!)) };
    assert.deepEqual(parseArxHierarchy(formatArxHierarchy(h), 'c').levels, h.levels);
  }));
});

test('compile: numeric columns match the hierarchy numerically (1.50 ↔ 1.5)', () => {
  const h = parseArxHierarchy('1.5;low;*\n2.5;high;*', 'x');
  const col = columnFromValues('x', [1.5, 2.5, 1.5], 'decimal');
  const ch = compileHierarchy(h, col);
  assert.deepEqual([...ch.groundOfCode], [0, 1]);
});

test('a missing value stays apart at the ground level of a one-level hierarchy, and joins a single top label above the ground', () => {
  const col = columnFromValues('sex', ['F', 'F', null, 'F']);
  const one = compileHierarchy({ column: 'sex', levels: [['F']] }, col);
  // (the release writes level 0 as it is: the missing value is a class of its own, not F's)
  assert.deepEqual(one.labels[0], ['F', null]);
  assert.notEqual(one.levelOfGround[0]![one.groundOfCode[col.missing]!], one.levelOfGround[0]![0]);
  const two = compileHierarchy({ column: 'sex', levels: [['F'], ['*']] }, col);
  assert.deepEqual(two.labels[1], ['*']);
  assert.deepEqual(two.labels[0], ['F', null]);
});
