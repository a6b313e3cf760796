/**
 * Contract: for every metric and every privacy model (monotone or not, with and without
 * suppression), the optimal strategy returns exactly what the exhaustive strategy returns
 * (value and tie-broken transformation), and the heuristic returns a feasible transformation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, runSearch } from '../../src/search/engine.ts';
import type { EngineSpec, ModelSpec } from '../../src/search/engine.ts';
import type { MetricName } from '../../src/metrics/metrics.ts';
import { ageHierarchy, DISEASES, sexHierarchy, smallTable, zipHierarchy } from './fixtures.ts';
import type { Hierarchy } from '../../src/hierarchy/hierarchy.ts';

const hs = [ageHierarchy(), zipHierarchy(), sexHierarchy()];
const quasi = hs.map((h) => ({ column: h.column, hierarchy: h }));
const diseaseHierarchy: Hierarchy = {
  column: 'disease',
  levels: [DISEASES, DISEASES.map((d) => (['flu', 'asthma', 'bronchitis'].includes(d) ? 'respiratory' : 'other')), DISEASES.map(() => '*')],
};

function agree(spec: EngineSpec, table = smallTable(21, 160).table, label = '') {
  const ex = runSearch(createEngine(table, spec), { strategy: 'exhaustive' });
  const op = runSearch(createEngine(table, spec), { strategy: 'optimal' });
  assert.equal(op.best?.id, ex.best?.id, `${label}: optimal picked ${op.best?.id}, exhaustive ${ex.best?.id}`);
  if (ex.best) assert.equal(op.best!.value, ex.best.value, label);
  if (process.env.DEBUG_CONTRACT) console.log(label, ex.best?.id, ex.best?.value, ex.best?.suppressed, op.checked);
  const he = runSearch(createEngine(table, spec), { strategy: 'heuristic' });
  if (he.best) { assert.ok(he.best.feasible, label); if (ex.best) assert.ok(he.best.value >= ex.best.value, label); }
}

test('contract: every metric, optimal = exhaustive (k = 3, 0% and 5% suppression)', () => {
  for (const metric of ['loss', 'precision', 'entropy', 'discernibility', 'aecs'] as MetricName[]) {
    for (const suppressionLimit of [0, 0.05]) {
      agree({ quasi, models: [{ type: 'k-anonymity', k: 3 }], metric, suppressionLimit }, undefined, `${metric} ${suppressionLimit}`);
    }
  }
});

test('contract: every privacy model, optimal = exhaustive (with k = 2, 0% and 10% suppression)', () => {
  const models: ModelSpec[] = [
    { type: 'l-diversity', column: 'disease', l: 2, variant: 'entropy' },
    { type: 'l-diversity', column: 'disease', l: 2, variant: 'recursive', c: 3 },
    { type: 'l-diversity', column: 'disease', l: 3, variant: 'distinct' },
    { type: 't-closeness', column: 'disease', t: 0.35, distance: 'equal' },
    { type: 't-closeness', column: 'disease', t: 0.25, distance: 'ordered' },
    { type: 't-closeness', column: 'disease', t: 0.2, distance: 'hierarchical', hierarchy: diseaseHierarchy },
    { type: 'max-risk', risk: 0.25 },
    { type: 'average-risk', risk: 0.15 },
  ];
  for (const m of models) {
    for (const suppressionLimit of [0, 0.1]) {
      agree({ quasi, models: [{ type: 'k-anonymity', k: 2 }, m], suppressionLimit }, undefined, `${JSON.stringify(m).slice(0, 60)} ${suppressionLimit}`);
    }
  }
});

test('contract: δ-presence and k-map against a population table (the sample is a prefix of it)', () => {
  const sample = smallTable(33, 120).table;
  const population = smallTable(33, 480).table;
  for (const m of [{ type: 'delta-presence', dMin: 0, dMax: 0.5 }, { type: 'k-map', k: 6 }] as ModelSpec[]) {
    for (const suppressionLimit of [0, 0.1]) {
      agree({ quasi, models: [m], suppressionLimit, population }, sample, `${m.type} ${suppressionLimit}`);
    }
  }
});
