import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { mondrian } from './mondrian.ts';
import { column, tableFromRecords, toRecords } from '../table/table.ts';
import type { Table } from '../table/table.ts';
import { groupify } from '../check/groupify.ts';
import type { Hierarchy } from '../hierarchy/hierarchy.ts';

test('hand example: median splits on age; l = 2 stops the split of [20-23] (both halves would be {a,a}/{b,b})', () => {
  const t = tableFromRecords({ age: [20, 21, 22, 23, 30, 31, 32, 33], dx: ['a', 'a', 'b', 'b', 'a', 'b', 'a', 'b'] });
  const k2 = mondrian(t, ['age'], { k: 2 });
  assert.deepEqual(toRecords(k2.table).map((r) => r.age), ['[20-21]', '[20-21]', '[22-23]', '[22-23]', '[30-31]', '[30-31]', '[32-33]', '[32-33]']);
  assert.equal(k2.partitions, 4);
  assert.equal(k2.loss.discernibility, 16);
  const l2 = mondrian(t, ['age'], { k: 2, l: 2, sensitive: ['dx'] });
  assert.deepEqual(toRecords(l2.table).map((r) => r.age), ['[20-23]', '[20-23]', '[20-23]', '[20-23]', '[30-31]', '[30-31]', '[32-33]', '[32-33]']);
  assert.ok(Math.abs(l2.loss.gcp - 16 / 104) < 1e-12); // (4·3/13 + 2·1/13 + 2·1/13) / 8
  assert.equal(l2.loss.discernibility, 16 + 4 + 4);
  assert.deepEqual(toRecords(l2.table).map((r) => r.dx), ['a', 'a', 'b', 'b', 'a', 'b', 'a', 'b']); // sensitive untouched
});

test('categorical QIs split by code order into sets; equal widths: the first listed QI is split first', () => {
  const t = tableFromRecords({ sex: ['F', 'F', 'M', 'M', 'F', 'M'], city: ['A', 'B', 'C', 'D', 'E', 'F'] });
  const r = mondrian(t, ['sex', 'city'], { k: 3 });
  // both normalized widths are 1 at the root → sex (listed first) is split: F | M
  assert.deepEqual(toRecords(r.table).map((x) => x.city), ['{A,B,E}', '{A,B,E}', '{C,D,F}', '{C,D,F}', '{A,B,E}', '{C,D,F}']);
  assert.deepEqual(toRecords(r.table).map((x) => x.sex), ['F', 'F', 'M', 'M', 'F', 'M']);
  const c = mondrian(t, ['city', 'sex'], { k: 3 });
  // city first: median of 6 codes → {A,B,C} | {D,E,F}
  assert.deepEqual(toRecords(c.table).map((x) => x.city), ['{A,B,C}', '{A,B,C}', '{A,B,C}', '{D,E,F}', '{D,E,F}', '{D,E,F}']);
  assert.deepEqual(toRecords(c.table).map((x) => x.sex), ['{F,M}', '{F,M}', '{F,M}', '{F,M}', '{F,M}', '{F,M}']);
  const long = mondrian(tableFromRecords({ c: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }), ['c'], { k: 7 });
  assert.equal(toRecords(long.table)[0]!.c, '{a..g}');
});

test('date ranges use a comma: [first,last]', () => {
  const t = tableFromRecords({ d: ['2020-01-03', '2020-02-11', '2021-05-01', '2021-07-09'] }, { d: 'date' });
  const r = mondrian(t, ['d'], { k: 2 });
  assert.deepEqual(toRecords(r.table).map((x) => x.d), ['[2020-01-03,2020-02-11]', '[2020-01-03,2020-02-11]', '[2021-05-01,2021-07-09]', '[2021-05-01,2021-07-09]']);
});

test('infeasible input: fewer than k rows or not l-diverse overall → one fully generalized partition, satisfied false', () => {
  const r = mondrian(tableFromRecords({ age: [1, 2] }), ['age'], { k: 3 });
  assert.equal(r.satisfied, false);
  assert.equal(r.partitions, 1);
  const s = mondrian(tableFromRecords({ age: [1, 2, 3], dx: ['a', 'a', 'a'] }), ['age'], { k: 1, l: 2, sensitive: ['dx'] });
  assert.equal(s.satisfied, false);
});

test('hierarchy split: a node is cut into its children; labels are hierarchy labels', () => {
  const t = tableFromRecords({ edu: ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd'] });
  const hierarchies = { edu: { column: 'edu', levels: [['a', 'b', 'c', 'd'], ['AC', 'BD', 'AC', 'BD'], ['*', '*', '*', '*']] } };
  const k3 = mondrian(t, ['edu'], { k: 3, hierarchies });
  assert.deepEqual(toRecords(k3.table).map((r) => r.edu), ['AC', 'AC', 'BD', 'BD', 'AC', 'AC', 'BD', 'BD']);
  assert.ok(Math.abs(k3.loss.gcp - 0.5) < 1e-12); // 2 of 4 ground values under each label
  const k2 = mondrian(t, ['edu'], { k: 2, hierarchies });
  assert.deepEqual(toRecords(k2.table).map((r) => r.edu), ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd']);
  // without the hierarchy, code order: {a,b} | {c,d}
  const plain = mondrian(t, ['edu'], { k: 3 });
  assert.deepEqual(toRecords(plain.table).map((r) => r.edu), ['{a,b}', '{a,b}', '{a,b}', '{a,b}', '{c,d}', '{c,d}', '{c,d}', '{c,d}']);
  // a data value missing from the hierarchy is an error naming the row
  assert.throws(() => mondrian(tableFromRecords({ edu: ['a', 'z'] }), ['edu'], { k: 1, hierarchies }), /hierarchy of column edu/);
});

function checkInvariants(t: Table, qis: string[], k: number, l: number, sens: string[], hierarchies?: Record<string, Hierarchy>) {
  const r = mondrian(t, qis, { k, l, sensitive: sens, hierarchies });
  const n = t.rowCount;
  assert.equal(r.partitionSizes.reduce((a, b) => a + b, 0), n); // covers all rows
  if (!r.satisfied) return r;
  for (const s of r.partitionSizes) assert.ok(s >= k);
  // output classes on the QIs: each ≥ k and l-diverse, and equal to the partitions
  const cols = qis.map((q) => column(r.table, q));
  const g = groupify(cols.map((c) => c.codes), cols.map((c) => c.dictionary.length));
  assert.equal(g.count, r.partitions);
  for (let c = 0; c < g.count; c++) assert.ok(g.sizes[c]! >= k);
  for (const sName of sens) {
    const sc = column(t, sName);
    const distinct = new Map<number, Set<number>>();
    for (let i = 0; i < n; i++) { const c = g.classOf[i]!; if (!distinct.has(c)) distinct.set(c, new Set()); distinct.get(c)!.add(sc.codes[i]!); }
    for (const set of distinct.values()) assert.ok(set.size >= l);
  }
  // every original value lies in its label (numeric ranges)
  for (const q of qis) {
    const oc = column(t, q); const nc = column(r.table, q);
    for (let i = 0; i < n; i++) {
      const lab = nc.dictionary[nc.codes[i]!]!; const v = oc.numbers?.[oc.codes[i]!];
      const m = lab && /^\[(-?[\d.]+)-(-?[\d.]+)\]$/.exec(lab);
      if (m && v !== undefined) assert.ok(Number(m[1]) <= v && v <= Number(m[2]));
    }
  }
  // with a hierarchy, every label is the value or one of its ancestors
  for (const [q, h] of Object.entries(hierarchies ?? {})) {
    const oc = column(t, q); const nc = column(r.table, q);
    const ancestors = new Map<string, Set<string>>();
    h.levels[0]!.forEach((v, g) => ancestors.set(v, new Set(h.levels.map((level) => level[g]!))));
    for (let i = 0; i < n; i++) {
      const v = oc.dictionary[oc.codes[i]!]!; const lab = nc.dictionary[nc.codes[i]!]!;
      assert.ok(ancestors.get(v)!.has(lab) || lab === '*', `${lab} is not an ancestor of row ${i}`);
    }
  }
  assert.ok(r.loss.gcp >= 0 && r.loss.gcp <= 1 + 1e-12);
  return r;
}

test('property: partitions are ≥ k, l-diverse, cover all rows; labels contain the values', () => {
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('x', 'y', 'z', 'w'), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 80 }),
    fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }),
    (rows, k, l) => {
      const t = tableFromRecords({ a: rows.map((r) => r[0]), c: rows.map((r) => r[1]), s: rows.map((r) => r[2]) }, { a: 'integer', c: 'string', s: 'integer' });
      checkInvariants(t, ['a', 'c'], k, l, l > 1 ? ['s'] : []);
      const h: Hierarchy = { column: 'c', levels: [['x', 'y', 'z', 'w'], ['xz', 'yw', 'xz', 'yw'], ['*', '*', '*', '*']] };
      checkInvariants(t, ['a', 'c'], k, l, l > 1 ? ['s'] : [], { c: h });
    }), { numRuns: 200 });
});

const adult = fileURLToPath(new URL('../../../shared/data/arx/adult.csv', import.meta.url));

test('adult (30,162 rows, 8 QIs): 5-anonymous and distinct 3-diverse on occupation', (t) => {
  if (!existsSync(adult)) { t.skip('../shared/data/arx/adult.csv absent'); return; }
  const lines = readFileSync(adult, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines[0]!.split(';');
  const data: Record<string, string[]> = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) line.split(';').forEach((v, j) => data[header[j]!]!.push(v));
  const tab = tableFromRecords(data, { age: 'integer' });
  const qis = header.filter((h) => h !== 'occupation');
  const r = checkInvariants(tab, qis, 5, 3, ['occupation']);
  assert.equal(r.satisfied, true);
  assert.ok(r.partitions > 1000, `only ${r.partitions} partitions`);
  // with ARX's hierarchies for the text columns
  const hierarchies: Record<string, Hierarchy> = {};
  for (const q of qis.filter((x) => x !== 'age')) {
    const rows = readFileSync(adult.replace('adult.csv', `adult_hierarchy_${q}.csv`), 'utf8').split(/\r?\n/).filter(Boolean).map((x) => x.split(';'));
    hierarchies[q] = { column: q, levels: rows[0]!.map((_, lv) => rows.map((x) => x[lv]!)) };
  }
  const h = checkInvariants(tab, qis, 5, 3, ['occupation'], hierarchies);
  assert.equal(h.satisfied, true);
  assert.ok(h.partitions > 500, `only ${h.partitions} partitions`);
});

test('with a person key, a person\'s rows stay in one partition (property): each person has one label per quasi-identifier, and every partition holds k persons', () => {
  fc.assert(fc.property(
    fc.array(fc.record({ p: fc.integer({ min: 0, max: 24 }), age: fc.integer({ min: 20, max: 80 }), dept: fc.constantFrom('75', '92', '93', '94', '69') }), { minLength: 20, maxLength: 120 }),
    fc.integer({ min: 2, max: 4 }),
    (rows, k) => {
      const t = tableFromRecords({ pid: rows.map((r) => `p${r.p}`), age: rows.map((r) => String(r.age)), dept: rows.map((r) => r.dept) }, { age: 'integer' });
      const r = mondrian(t, ['age', 'dept'], { k, personKey: 'pid' });
      const out = toRecords(r.table);
      const labelOf = new Map<string, string>();
      const personsOfLabel = new Map<string, Set<string>>();
      out.forEach((row, i) => {
        const p = `p${rows[i]!.p}`, label = `${row.age}|${row.dept}`;
        assert.equal(labelOf.get(p) ?? label, label, `person ${p} has two labels`);
        labelOf.set(p, label);
        const s = personsOfLabel.get(label) ?? new Set<string>(); s.add(p); personsOfLabel.set(label, s);
      });
      // (fewer than k persons in all: one partition, the whole table)
      const persons = new Set(rows.map((x) => x.p)).size;
      if (persons >= k) for (const s of personsOfLabel.values()) assert.ok(s.size >= k, `a class of ${s.size} persons < ${k}`);
    },
  ), { numRuns: 150, seed: 37 });
});
