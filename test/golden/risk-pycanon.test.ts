/**
 * pyCANON reference values (IFCA-Advanced-Computing/pycanon v1.3.5, tests/test_reports.py and
 * tests/test_anonymity.py) on ../shared/data/pycanon/processed/StudentsMath_Score*.csv,
 * QIs Teacher, Gender, Ethnic, Freeredu, wesson; sensitive Score (numeric → ordered distance):
 *   raw: k = 1, l = 1, entropy l = 1, t = 0.4165919952210274
 *   k5:  k = 5, l = 4, entropy l = 3 (pyCANON floors exp(H)), t = 0.31023287057769827
 * pyCANON's (c,l) pair uses its own definition of c, so it is not compared here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { present, readCsvTable, sharedData } from './csv.ts';
import { classSummary, equivalenceClasses } from '../../src/risk/classes.ts';
import { diversity } from '../../src/risk/diversity.ts';

const QI = ['Teacher', 'Gender', 'Ethnic', 'Freeredu', 'wesson'];

for (const [file, k, l, entropyFloor, t] of [
  ['StudentsMath_Score.csv', 1, 1, 1, 0.4165919952210274],
  ['StudentsMath_Score_k5.csv', 5, 4, 3, 0.31023287057769827],
] as const) {
  test(`pyCANON ${file}: k, l, entropy l, t`, (ctx) => {
    const path = sharedData(`pycanon/processed/${file}`);
    if (!present(path)) { ctx.skip(`../shared/data/pycanon/processed/${file} absent`); return; }
    const table = readCsvTable(path, ',', { Score: 'decimal' });
    const g = equivalenceClasses(table, QI);
    assert.equal(classSummary(g.sizes, 2).k, k);
    const s = table.columns.find((c) => c.name === 'Score')!;
    const d = diversity(g.classOf, g.count, s.codes, s.dictionary.length, { tDistance: 'ordered' });
    assert.equal(d.distinctL, l);
    assert.equal(Math.floor(d.entropyL + 1e-12), entropyFloor);
    assert.ok(Math.abs(d.t - t) < 1e-12, `t ${d.t} vs ${t}`);
  });
}
