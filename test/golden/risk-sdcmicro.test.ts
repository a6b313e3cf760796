/**
 * sdcMicro reference values (../shared/reference/sdcmicro.md, data ../shared/data/sdcmicro):
 * - francdat individual risk: row 4 has fk = 1, Fk = 17, r = 0.177076 (sdcmicro.md §2); the other rows by
 *   the same closed forms, computed here by hand from the weights;
 * - francdat SUDA2 scores 0,0,0,8,6,4,8,0 (keys Key1–Key4; sdcmicro.md §5 "unit_cases");
 * - testdata (keys urbrur, roof, walls, water, sex; weight sampling_weight): ER 93 unweighted and
 *   1.53 weighted (sdcmicro.md §12, 3 significant digits); 579 records with distinct l < 2 for the
 *   sensitive electcon (sdcmicro.md §6).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { present, readCsvTable, sharedData } from './csv.ts';
import { equivalenceClasses } from '../../src/risk/classes.ts';
import { individualRisk } from '../../src/risk/individual.ts';
import { suda2 } from '../../src/risk/suda2.ts';
import { diversity } from '../../src/risk/diversity.ts';
import type { Table } from '../../src/table/table.ts';

const francdat = sharedData('sdcmicro/francdat.csv');
const testdata = sharedData('sdcmicro/testdata.csv');

function weightedRisk(t: Table, keys: string[], weight: string | null) {
  const g = equivalenceClasses(t, keys);
  let F: Float64Array | null = null;
  if (weight) {
    const w = t.columns.find((c) => c.name === weight)!;
    F = new Float64Array(g.count);
    for (let i = 0; i < t.rowCount; i++) F[g.classOf[i]!]! += w.numbers![w.codes[i]!]!;
  }
  const r = individualRisk(g.sizes, F);
  return { g, r, perRow: Array.from(g.classOf, (c) => r.classRisk[c]!) };
}

test('francdat: Benedetti–Franconi individual risk per record', (t) => {
  if (!present(francdat)) { t.skip('../shared/data/sdcmicro/francdat.csv absent'); return; }
  const table = readCsvTable(francdat, ',', { w: 'decimal' });
  const { perRow, r } = weightedRisk(table, ['Key1', 'Key2', 'Key3', 'Key4'], 'w');
  // classes: rows {1,8} fk=2 Fk=18+92=110; {2,3} fk=2 Fk=45.5+39=84.5; rows 4,5,6,7 unique with Fk = 17, 541, 8, 5
  const two = (F: number) => { const p = 2 / F, o = p / (1 - p); return o - o * o * Math.log(1 / p); };
  const one = (F: number) => Math.log(F) / (F - 1);
  const expected = [two(110), two(84.5), two(84.5), one(17), one(541), one(8), one(5), two(110)];
  perRow.forEach((x, i) => assert.ok(Math.abs(x - expected[i]!) < 1e-12, `row ${i + 1}`));
  assert.ok(Math.abs(perRow[3]! - 0.177076) < 5e-7); // the value sdcMicro prints (6 decimals)
  assert.ok(Math.abs(r.summary.expectedReidentifications - expected.reduce((a, b) => a + b, 0)) < 1e-12);
});

test('francdat: SUDA2 scores (keys Key1–Key4)', (t) => {
  if (!present(francdat)) { t.skip('../shared/data/sdcmicro/francdat.csv absent'); return; }
  const table = readCsvTable(francdat, ',');
  const cols = ['Key1', 'Key2', 'Key3', 'Key4'].map((n) => table.columns.find((c) => c.name === n)!);
  const r = suda2(cols.map((c) => c.codes), cols.map((c) => c.dictionary.length), { maxSize: 4 });
  assert.deepEqual([...r.scores], [0, 0, 0, 8, 6, 4, 8, 0]);
});

test('testdata: expected re-identifications 93 unweighted, 1.53 weighted; 579 records with distinct l < 2', (t) => {
  if (!present(testdata)) { t.skip('../shared/data/sdcmicro/testdata.csv absent'); return; }
  const table = readCsvTable(testdata, ',', { sampling_weight: 'decimal' });
  const keys = ['urbrur', 'roof', 'walls', 'water', 'sex'];
  const unweighted = weightedRisk(table, keys, null).r.summary.expectedReidentifications;
  const weighted = weightedRisk(table, keys, 'sampling_weight').r.summary.expectedReidentifications;
  assert.equal(unweighted, 93);
  assert.equal(Math.round(weighted * 100) / 100, 1.53);
  const g = equivalenceClasses(table, keys);
  const e = table.columns.find((c) => c.name === 'electcon')!;
  const d = diversity(g.classOf, g.count, e.codes, e.dictionary.length, { lThreshold: 2 });
  assert.equal(d.recordsBelowL, 579);
});
