import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildHierarchy, hierarchySpecSchema } from './index.ts';
import { validateHierarchy } from '../validate.ts';
import { AnonymatError } from '../../errors.ts';
import type { Hierarchy } from '../hierarchy.ts';

const row = (h: Hierarchy, v: string) => { const i = h.levels[0]!.indexOf(v); return h.levels.map((l) => l[i]); };

/** Level h+1 is a function of level h, for every h (including level 0 → 1). */
function isFunctionPerLevel(h: Hierarchy): boolean {
  for (let l = 0; l + 1 < h.levels.length; l++) {
    const m = new Map<string, string>();
    for (let i = 0; i < h.levels[0]!.length; i++) {
      const a = h.levels[l]![i]!; const b = h.levels[l + 1]![i]!;
      if (m.has(a) && m.get(a) !== b) return false;
      m.set(a, b);
    }
  }
  return true;
}
function topIsSingle(h: Hierarchy): boolean { return new Set(h.levels[h.levels.length - 1]).size <= 1; }

function errorOf(f: () => unknown): AnonymatError {
  try { f(); } catch (e) { if (e instanceof AnonymatError) return e; throw e; }
  assert.fail('expected an AnonymatError');
}

test('intervals: widths, labels, bottom/top coding (hand-computed)', () => {
  const h = buildHierarchy('age', { intervals: { width: [5, 10, 20], bottom: 18, top: 90 } }, ['17', '18', '34', '39', '40', '89', '90', '95'], 'integer');
  assert.deepEqual(row(h, '34'), ['34', '[33-38[', '[28-38[', '[18-38[', '*']);
  assert.deepEqual(row(h, '17'), ['17', '<18', '<18', '<18', '*']);
  assert.deepEqual(row(h, '90'), ['90', '>=90', '>=90', '>=90', '*']);
  assert.deepEqual(row(h, '89'), ['89', '[88-90[', '[88-90[', '[78-90[', '*']);
  const g = buildHierarchy('age', { intervals: { width: [10, 20], start: 0, top: 90 } }, ['30', '39', '40', '85'], 'integer');
  assert.deepEqual(row(g, '39'), ['39', '[30-40[', '[20-40[', '*']);
  assert.deepEqual(row(g, '40'), ['40', '[40-50[', '[40-60[', '*']);
  assert.deepEqual(row(g, '85'), ['85', '[80-90[', '[80-90[', '*']);
  const d = buildHierarchy('x', { intervals: { width: 0.1 } }, ['0.25', '0.3'], 'decimal');
  assert.deepEqual(row(d, '0.25'), ['0.25', '[0.2-0.3[', '*']);
  assert.deepEqual(row(d, '0.3'), ['0.3', '[0.3-0.4[', '*']);
});

test('intervals: spec errors carry the policy path; non-numbers are refused', () => {
  const e = errorOf(() => buildHierarchy('age', { intervals: { width: [5, 7] } }, ['1'], 'integer'));
  assert.equal(e.code, 'invalid-policy');
  assert.equal(e.issues[0]!.path, 'columns.age.hierarchy.intervals.width[1]');
  const z = errorOf(() => buildHierarchy('age', { intervals: { width: [5, -1] } }, ['1'], 'integer'));
  assert.equal(z.issues[0]!.path, 'columns.age.hierarchy.intervals.width[1]');
  const two = errorOf(() => buildHierarchy('age', { intervals: { width: 5 }, mask: {} }, ['1'], 'integer'));
  assert.match(two.issues[0]!.message, /exactly one/);
  const unk = errorOf(() => buildHierarchy('age', { interval: { width: 5 } }, ['1'], 'integer'));
  assert.equal(unk.code, 'invalid-policy');
  const nn = errorOf(() => buildHierarchy('age', { intervals: { width: 5 } }, ['1', 'abc'], 'string'));
  assert.equal(nn.code, 'invalid-hierarchy');
});

test('property: interval labels nest (each level is a function of the previous) and the top is single', () => {
  fc.assert(fc.property(
    fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 1, maxLength: 60 }),
    fc.integer({ min: 1, max: 7 }), fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
    fc.option(fc.integer({ min: -100, max: 0 }), { nil: undefined }), fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
    (xs, w0, factors, bottom, top) => {
      const widths = [w0]; for (const f of factors) widths.push(widths[widths.length - 1]! * f);
      const values = [...new Set(xs.map(String))];
      const h = buildHierarchy('x', { intervals: { width: widths, bottom, top } }, values, 'integer');
      assert.equal(h.levels.length, widths.length + 2);
      assert.ok(isFunctionPerLevel(h));
      assert.ok(topIsSingle(h));
      assert.deepEqual(validateHierarchy(h), []);
      // every value lies in its level-1 interval
      for (let i = 0; i < values.length; i++) {
        const m = /^\[(-?[\d.]+)-(-?[\d.]+)\[$/.exec(h.levels[1]![i]!);
        if (m) { const v = Number(values[i]); assert.ok(Number(m[1]) <= v && v < Number(m[2])); }
      }
    }), { numRuns: 200 });
});

test('dates: day → month → quarter → year → 5 years → decade → *', () => {
  const h = buildHierarchy('birth', { dates: true }, ['1987-11-03', '2024-02-29'], 'date');
  assert.deepEqual(row(h, '1987-11-03'), ['1987-11-03', '1987-11', '1987-Q4', '1987', '[1985-1990[', '[1980-1990[', '*']);
  assert.deepEqual(row(h, '2024-02-29'), ['2024-02-29', '2024-02', '2024-Q1', '2024', '[2020-2025[', '[2020-2030[', '*']);
  const y = buildHierarchy('birth', { dates: { levels: ['year', 'decade'] } }, ['1987-11-03'], 'date');
  assert.deepEqual(y.levels.map((l) => l[0]), ['1987-11-03', '1987', '[1980-1990[', '*']);
  const e = errorOf(() => buildHierarchy('birth', { dates: { levels: ['year', 'month'] } }, ['1987-11-03'], 'date'));
  assert.equal(e.issues[0]!.path, 'columns.birth.hierarchy.dates.levels[1]');
  assert.equal(errorOf(() => buildHierarchy('birth', { dates: true }, ['03/11/1987'], 'string')).code, 'invalid-hierarchy');
});

test('property: date hierarchy is a function per level', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: -20000, max: 40000 }), { minLength: 1, maxLength: 50 }), (days) => {
    const values = [...new Set(days.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)))];
    const h = buildHierarchy('d', { dates: true }, values, 'date');
    assert.ok(isFunctionPerLevel(h));
    assert.deepEqual(validateHierarchy(h), []);
  }), { numRuns: 100 });
});

test('mask: 75011 → 7501* → 750** → 75*** → 7**** → ***** (single top, no extra *)', () => {
  const h = buildHierarchy('zip', { mask: { levels: 5 } }, ['75011', '75012', '69001'], 'string');
  assert.deepEqual(row(h, '75011'), ['75011', '7501*', '750**', '75***', '7****', '*****']);
  const two = buildHierarchy('zip', { mask: { levels: 2 } }, ['75011', '69001'], 'string');
  assert.deepEqual(row(two, '69001'), ['69001', '6900*', '690**', '*']);
  const mixed = buildHierarchy('zip', { mask: {} }, ['7501', '75011'], 'string');
  assert.deepEqual(row(mixed, '7501'), ['7501', '750*', '75**', '7***', '****', '****', '*']);
  const left = buildHierarchy('phone', { mask: { levels: 2, from: 'left', char: 'X' } }, ['1234'], 'string');
  assert.deepEqual(row(left, '1234'), ['1234', 'X234', 'XX34', '*']);
  const p = buildHierarchy('zip', { prefix: { lengths: [3, 2] } }, ['75011', '75120'], 'string');
  assert.deepEqual(row(p, '75011'), ['75011', '750', '75', '*']);
  assert.deepEqual(row(p, '75120'), ['75120', '751', '75', '*']);
});

test('property: mask builder output is a function per level, for codes of mixed lengths', () => {
  fc.assert(fc.property(fc.array(fc.stringMatching(/^[0-9A-Z*]{0,7}$/), { minLength: 1, maxLength: 40 }), fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }), (codes, levels) => {
    const values = [...new Set(codes)];
    const h = buildHierarchy('c', { mask: { levels } }, values, 'string');
    assert.ok(isFunctionPerLevel(h));
    assert.ok(topIsSingle(h));
  }), { numRuns: 200 });
});

test('icd10: I21.0 → I21 → I20-I25 → IX → *; dotless and lowercase codes; unknown codes', () => {
  const h = buildHierarchy('dx', { icd10: true }, ['I21.0', 'i214', 'E11.9', 'C50.912', 'U07.1', 'B22.7'], 'string');
  assert.deepEqual(row(h, 'I21.0'), ['I21.0', 'I21', 'I20-I25', 'IX', '*']);
  assert.deepEqual(row(h, 'i214'), ['i214', 'I21', 'I20-I25', 'IX', '*']);
  assert.deepEqual(row(h, 'E11.9'), ['E11.9', 'E11', 'E08-E13', 'IV', '*']);
  assert.deepEqual(row(h, 'C50.912'), ['C50.912', 'C50', 'C50', 'II', '*']);
  assert.deepEqual(row(h, 'U07.1'), ['U07.1', 'U07', 'U00-U49', 'XXII', '*']);
  assert.deepEqual(row(h, 'B22.7'), ['B22.7', 'B22', 'B22', 'I', '*']); // WHO-only category, no CM block
  const s = buildHierarchy('dx', { icd10: { levels: ['subcategory', 'category', 'chapter'] } }, ['I210', 'I21'], 'string');
  assert.deepEqual(row(s, 'I210'), ['I210', 'I21.0', 'I21', 'IX', '*']);
  assert.deepEqual(row(s, 'I21'), ['I21', 'I21', 'I21', 'IX', '*']);
  const e = errorOf(() => buildHierarchy('dx', { icd10: true }, ['I21.0', 'ZZ9'], 'string'));
  assert.equal(e.code, 'invalid-hierarchy');
  assert.equal(e.issues[0]!.path, 'columns.dx.hierarchy.icd10');
  const o = buildHierarchy('dx', { icd10: { unknown: 'other' } }, ['I21.0', 'ZZ9'], 'string');
  assert.deepEqual(row(o, 'ZZ9'), ['ZZ9', 'other', 'other', 'other', '*']);
  assert.ok(isFunctionPerLevel(o));
});

test('groups: explicit level-1 groups merged pairwise; size-based groups in natural order', () => {
  const h = buildHierarchy('edu', { groups: [['none', 'primary'], ['secondary'], ['bachelor', 'master'], ['phd']] },
    ['primary', 'master', 'phd', 'none', 'secondary', 'bachelor'], 'string');
  assert.deepEqual(row(h, 'primary'), ['primary', '[none-primary]', '[none-secondary]', '*']);
  assert.deepEqual(row(h, 'secondary'), ['secondary', 'secondary', '[none-secondary]', '*']);
  assert.deepEqual(row(h, 'phd'), ['phd', 'phd', '[bachelor-phd]', '*']);
  const s = buildHierarchy('n', { groups: { size: 2, merge: [3] } }, ['10', '9', '1', '2', '3', '4', '5'], 'integer');
  // natural order 1 2 3 4 5 9 10 → [1-2] [3-4] [5-9] [10] → merge 3: [1-9] [10] → merge 2: one group
  assert.deepEqual(row(s, '3'), ['3', '[3-4]', '[1-9]', '*']);
  assert.deepEqual(row(s, '10'), ['10', '10', '10', '*']);
  assert.equal(errorOf(() => buildHierarchy('edu', { groups: [['a'], ['b']] }, ['a', 'c'], 'string')).code, 'invalid-hierarchy');
  const dup = errorOf(() => buildHierarchy('edu', { groups: [['a'], ['b', 'a']] }, ['a'], 'string'));
  assert.equal(dup.issues[0]!.path, 'columns.edu.hierarchy.groups[1][1]');
});

test('property: ordered groups are a function per level with a single top', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (xs, size) => {
    const h = buildHierarchy('n', { groups: { size } }, [...new Set(xs.map(String))], 'integer');
    assert.ok(isFunctionPerLevel(h));
    assert.ok(topIsSingle(h));
  }), { numRuns: 150 });
});

test('map: explicit parents per level; a missing parent is reported with its path', () => {
  const h = buildHierarchy('city', { map: [{ Paris: 'IDF', Versailles: 'IDF', Lyon: 'ARA' }, { IDF: 'France', ARA: 'France' }] }, ['Paris', 'Lyon', 'Versailles'], 'string');
  assert.deepEqual(row(h, 'Lyon'), ['Lyon', 'ARA', 'France', '*']);
  const o = buildHierarchy('city', { map: { level2: { IDF: 'France', ARA: 'France' }, level1: { Paris: 'IDF', Versailles: 'IDF', Lyon: 'ARA' } } }, ['Paris', 'Lyon', 'Versailles'], 'string');
  assert.deepEqual(o.levels, h.levels);
  const gap = errorOf(() => buildHierarchy('city', { map: { level2: { IDF: 'France' } } }, ['Paris'], 'string'));
  assert.equal(gap.code, 'invalid-policy');
  assert.match(gap.issues[0]!.path, /^columns\.city\.hierarchy\.map/);
  const e = errorOf(() => buildHierarchy('city', { map: [{ Paris: 'IDF' }] }, ['Paris', 'Lyon'], 'string'));
  assert.equal(e.issues[0]!.path, 'columns.city.hierarchy.map[0]');
});

test('hierarchySpecSchema accepts every documented form and rejects two builders at once', () => {
  for (const ok of [{ intervals: { width: 10 } }, { dates: true }, { mask: { levels: 5 } }, { prefix: { lengths: [2] } }, { icd10: true },
    { groups: [['a', 1]] }, { groups: { size: 3 } }, { map: [{ a: 'b' }] }]) assert.ok(hierarchySpecSchema.safeParse(ok).success, JSON.stringify(ok));
  assert.ok(!hierarchySpecSchema.safeParse({}).success);
  assert.ok(!hierarchySpecSchema.safeParse({ dates: true, mask: {} }).success);
});

test('builder errors name the data rows of the values they cannot place, never the values (a record\'s city is not printed)', () => {
  const values = ['Lyon', 'SECRET-TOWN', 'Paris'];
  const firstRow = (v: string) => ({ Lyon: 1, 'SECRET-TOWN': 2, Paris: 3 } as Record<string, number>)[v];
  for (const spec of [{ map: [{ Lyon: 'Rhône', Paris: 'Seine' }] }, { groups: [['Lyon', 'Paris']] }]) {
    assert.throws(() => buildHierarchy('city', spec, values, 'string', { firstRow }), (e: unknown) => {
      const text = JSON.stringify(e);
      assert.ok(!text.includes('SECRET-TOWN'), text);
      assert.match(text, /data row 2/);
      return true;
    });
  }
});
