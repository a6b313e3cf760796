/**
 * Reproduces ARX's JUnit expectations for population uniqueness on adult.csv with all 9 attributes
 * as quasi-identifiers (ARX TestRiskMetrics; values from ../shared/reference/risk-models.md §5).
 * ARX's own tests compare int(value·10000); we hold 1e-9 (our values agree to about 1e-12).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { present, readCsvTable, sharedData } from './csv.ts';
import { equivalenceClasses, sizeHistogram } from '../../src/risk/classes.ts';
import { prosecutorRisk } from '../../src/risk/attacker.ts';
import { populationUniqueness } from '../../src/risk/uniqueness.ts';
import { assessTable } from '../../src/risk/assess.ts';

const path = sharedData('arx/adult.csv');
const EPS = 1e-9;

test('ARX adult (9 QIs): histogram, average risk and Dankar population uniqueness', (t) => {
  if (!present(path)) { t.skip('../shared/data/arx/adult.csv absent'); return; }
  const table = readCsvTable(path, ';');
  const g = equivalenceClasses(table, table.columns.map((c) => c.name));
  const h = sizeHistogram(g.sizes);
  assert.equal(table.rowCount, 30162);
  assert.equal(g.count, 19502);
  assert.deepEqual(h.counts.slice(0, 4), [15512, 2098, 754, 375]); // c1..c4 (risk-models.md §5)
  const p = prosecutorRisk(g.sizes);
  assert.ok(Math.abs(p.average - 0.6465751607983555) < 1e-15); // ARX getAverageRisk

  const expect = (f: number, model: string, value: number, zayatzValue?: number) => {
    const u = populationUniqueness(h, f);
    assert.equal(u.dankarModel, model, `f=${f}`);
    assert.ok(Math.abs(u.dankar! - value) < EPS, `f=${f}: ${u.dankar} vs ARX ${value}`);
    if (zayatzValue !== undefined) assert.ok(Math.abs(u.zayatz! - zayatzValue) < EPS, `zayatz f=${f}: ${u.zayatz}`);
    return u;
  };
  const u01 = expect(0.1, 'pitman', 0.27684993883653597, 0.3207402393466189);
  // Pitman parameters reported in risk-models.md §2.2: θ = 3176.23, α = 0.71795
  assert.ok(Math.abs(u01.details.pitman.theta! - 3176.23) < 0.01);
  assert.ok(Math.abs(u01.details.pitman.alpha! - 0.71795) < 1e-5);
  const u02 = expect(0.2, 'zayatz', 0.3577099234829125);
  assert.equal(u02.snb, null); // no valid SNB root at f = 0.2 (as ARX: Dankar falls back to Zayatz)
  expect(0.01, 'pitman', 0.1446083531167384);
  expect(1, 'zayatz', 0.5142895033485844);
});

test('ARX adult through assessTable (policy with 9 QIs, samplingFraction 0.1)', (t) => {
  if (!present(path)) { t.skip('../shared/data/arx/adult.csv absent'); return; }
  const table = readCsvTable(path, ';');
  const columns = Object.fromEntries(table.columns.map((c) => [c.name, { role: 'quasi' as const }]));
  const a = assessTable(table, { columns, thresholds: { k: 2 }, population: { samplingFraction: 0.1 } }, { suda2MaxSize: 2 });
  assert.equal(a.classes, 19502);
  assert.equal(a.sampleUniques, 15512);
  assert.ok(Math.abs(a.prosecutor.average - 0.6465751607983555) < 1e-15);
  assert.equal(a.populationUniques.model, 'pitman');
  assert.ok(Math.abs(a.populationUniques.dankar! - 0.27684993883653597) < EPS);
  assert.equal(a.population.populationSize, 301620);
  assert.equal(a.verdict.passes, false);
});
