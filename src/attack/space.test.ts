import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromRecords } from '../table/table.ts';
import { buildSpace, cellDistance, compatible, distancesTo } from './space.ts';

test('mixed-type distances: numbers by range, categories 0/1, generalized values by overlap', () => {
  const orig = tableFromRecords({ 'age (years)': [34, 50, 20], 'zip [code]': ['75011', '13001', '75012'], sex: ['F', 'M', 'F'] });
  const rel = tableFromRecords({ 'age (years)': ['[30-40[', '50', '>=60'], 'zip [code]': ['750**', '13001', '*'], sex: ['F', '{F,M}', 'M'] });
  const s = buildSpace([{ table: orig, literal: true, label: 'o' }, { table: rel, literal: false, label: 'r' }], ['age (years)', 'zip [code]', 'sex']);
  const [age, zip, sex] = s.columns;
  assert.equal(age!.numeric, true);
  assert.equal(age!.range, 60 - 20); // bounds 20, 30, 40(−ε), 50, 60
  const o = (c: typeof age, r: number) => [c!.views[0]!, c!.views[0]!.codes[r]!] as const;
  const rr = (c: typeof age, r: number) => [c!.views[1]!, c!.views[1]!.codes[r]!] as const;
  // 34 vs [30-40[ : compatible, 0
  assert.equal(cellDistance(age!, ...o(age, 0), ...rr(age, 0)), 0);
  // 20 vs [30-40[ : gap 10 / range 40
  assert.ok(Math.abs(cellDistance(age!, ...o(age, 2), ...rr(age, 0)) - 10 / 40) < 1e-9);
  // 50 vs >=60: gap 10
  assert.ok(Math.abs(cellDistance(age!, ...o(age, 1), ...rr(age, 2)) - 10 / 40) < 1e-9);
  // zip: 75011 in 750**, 13001 not; * compatible with all
  assert.ok(compatible(zip!, ...o(zip, 0), ...rr(zip, 0)));
  assert.ok(compatible(zip!, ...o(zip, 2), ...rr(zip, 0)));
  assert.equal(cellDistance(zip!, ...o(zip, 1), ...rr(zip, 0)), 1);
  assert.equal(cellDistance(zip!, ...o(zip, 1), ...rr(zip, 2)), 0);
  // sets
  assert.ok(compatible(sex!, ...o(sex, 1), ...rr(sex, 1)));
  assert.equal(cellDistance(sex!, ...o(sex, 0), ...rr(sex, 2)), 1);
  // distancesTo agrees with cellDistance for every code, twice (scratch reuse)
  for (let rep = 0; rep < 2; rep++) {
    for (const c of s.columns) {
      const out = new Float64Array(c.views[1]!.card);
      for (let r = 0; r < 3; r++) {
        distancesTo(c, c.views[0]!, c.views[0]!.codes[r]!, c.views[1]!, out);
        for (let k = 0; k < c.views[1]!.card; k++) assert.ok(Math.abs(out[k]! - cellDistance(c, c.views[0]!, c.views[0]!.codes[r]!, c.views[1]!, k)) < 1e-12, `${c.name} row ${r} code ${k}`);
      }
    }
  }
});

test('missing against missing is compatible (Anonymeter counts it as a mismatch: a deliberate deviation)', () => {
  const a = tableFromRecords({ x: ['a', null] });
  const s = buildSpace([{ table: a, literal: true, label: 'o' }, { table: a, literal: false, label: 'r' }], ['x']);
  const c = s.columns[0]!;
  assert.equal(cellDistance(c, c.views[0]!, c.views[0]!.codes[1]!, c.views[1]!, c.views[1]!.codes[1]!), 0);
  assert.equal(cellDistance(c, c.views[0]!, c.views[0]!.codes[0]!, c.views[1]!, c.views[1]!.codes[1]!), 1);
});

test('a released code unknown to the originals that prefixes them is their generalization (E11 covers E11.9)', () => {
  const o = tableFromRecords({ dx: ['E11.9', 'I10', 'E11.2'] });
  const r = tableFromRecords({ dx: ['E11', 'I10', 'E11'] });
  const s = buildSpace([{ table: o, literal: true, label: 'o' }, { table: r, literal: false, label: 'r' }], ['dx']);
  const c = s.columns[0]!;
  assert.ok(compatible(c, c.views[0]!, c.views[0]!.codes[0]!, c.views[1]!, c.views[1]!.codes[0]!));
  assert.ok(!compatible(c, c.views[0]!, c.views[0]!.codes[1]!, c.views[1]!, c.views[1]!.codes[0]!));
});

test('a hierarchy maps word labels to the ground values below them', () => {
  const o = tableFromRecords({ country: ['France', 'Peru'] });
  const r = tableFromRecords({ country: ['Europe', 'America'] });
  const s = buildSpace([{ table: o, literal: true, label: 'o' }, { table: r, literal: false, label: 'r' }], ['country'],
    [{ column: 'country', levels: [['France', 'Peru'], ['Europe', 'America']] }]);
  const c = s.columns[0]!;
  assert.ok(compatible(c, c.views[0]!, c.views[0]!.codes[0]!, c.views[1]!, c.views[1]!.codes[0]!));
  assert.ok(!compatible(c, c.views[0]!, c.views[0]!.codes[1]!, c.views[1]!, c.views[1]!.codes[0]!));
});

test('Mondrian value-or-missing labels are compatible with missing originals and with the values they cover; unreadable labels are warned about', () => {
  const o = tableFromRecords({ age: [34, null, 50], grp: ['a', 'b', null] });
  const r = tableFromRecords({ age: ['[30-40]|NA', '[30-40]|NA', '50'], grp: ['{a,b}|NA', 'Europe', '{a,b}|NA'] });
  const s = buildSpace([{ table: o, literal: true, label: 'o' }, { table: r, literal: false, label: 'r' }], ['age', 'grp']);
  const [age, grp] = s.columns;
  const ov = age!.views[0]!, rv = age!.views[1]!;
  assert.ok(compatible(age!, ov, ov.codes[0]!, rv, rv.codes[0]!)); // 34
  assert.ok(compatible(age!, ov, ov.codes[1]!, rv, rv.codes[0]!)); // missing
  assert.ok(!compatible(age!, ov, ov.codes[2]!, rv, rv.codes[0]!)); // 50
  const og = grp!.views[0]!, rg = grp!.views[1]!;
  assert.ok(compatible(grp!, og, og.codes[2]!, rg, rg.codes[0]!)); // missing vs {a,b}|NA
  assert.ok(s.warnings.some((w) => w.includes('"grp"') && w.includes('1 released label(s) allow none')));
});

test('a released label an original table holds literally is that value, whatever its shape (03-15 a birthday, not a code range)', () => {
  // (a release identical to its original, birthdays written MM-DD, read `03-15` as the range 03..15 covering most
  // birthdays and was called anonymous; the same data written MM/DD was pseudonymous)
  const labels = ['03-15', '03-16', '04-01', '2019-2020', '2019-2021', 'A1-A9', 'A5', '{a}', 'a', 'Grade *', 'Grade A'];
  const o = tableFromRecords({ x: labels });
  const s = buildSpace([{ table: o, literal: true, label: 'o' }, { table: o, literal: false, label: 'r' }], ['x']);
  const c = s.columns[0]!, ov = c.views[0]!, rv = c.views[1]!;
  for (let i = 0; i < labels.length; i++) {
    for (let j = 0; j < labels.length; j++) {
      assert.equal(compatible(c, ov, ov.codes[i]!, rv, rv.codes[j]!), i === j, `original ${labels[i]} vs released ${labels[j]}`);
    }
  }
  // the control set is original records too: a label it holds literally is a value, though the original lacks it
  const ori = tableFromRecords({ x: ['03-16', '04-01'] }), ctl = tableFromRecords({ x: ['03-15', '05-01'] }), rel = tableFromRecords({ x: ['03-15', '03-16'] });
  const s2 = buildSpace([{ table: ori, literal: true, label: 'o' }, { table: rel, literal: false, label: 'r' }, { table: ctl, literal: true, label: 'c' }], ['x']);
  const c2 = s2.columns[0]!, o2 = c2.views[0]!, r2 = c2.views[1]!;
  assert.ok(!compatible(c2, o2, o2.codes[0]!, r2, r2.codes[0]!)); // 03-16 vs released 03-15
  assert.ok(!compatible(c2, o2, o2.codes[1]!, r2, r2.codes[0]!)); // 04-01 vs released 03-15
  // a label no table holds keeps its generalized reading
  const r3 = tableFromRecords({ x: ['03-05', '{03-16,04-01}'] });
  const s3 = buildSpace([{ table: ori, literal: true, label: 'o' }, { table: r3, literal: false, label: 'r' }], ['x']);
  const c3 = s3.columns[0]!, o3 = c3.views[0]!, v3 = c3.views[1]!;
  assert.ok(compatible(c3, o3, o3.codes[0]!, v3, v3.codes[0]!)); // 03-16 in the range 03..05
  assert.ok(compatible(c3, o3, o3.codes[1]!, v3, v3.codes[1]!)); // 04-01 in the set
});

test('`*` released is any value even where some original wrote an unknown as `*` (review of s44)', () => {
  const o = tableFromRecords({ x: ['75001', '75002', '*'] }), r = tableFromRecords({ x: ['*', '75001'] });
  const s = buildSpace([{ table: o, literal: true, label: 'o' }, { table: r, literal: false, label: 'r' }], ['x']);
  const c = s.columns[0]!, ov = c.views[0]!, rv = c.views[1]!;
  for (let i = 0; i < 3; i++) assert.ok(compatible(c, ov, ov.codes[i]!, rv, rv.codes[0]!), `original ${o.columns[0]!.dictionary[ov.codes[i]!]} vs released *`);
});
