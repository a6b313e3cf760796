import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../src/index.ts';

test('the public API loads and exposes each layer', () => {
  for (const name of ['readTable', 'loadPolicy', 'assessTable', 'anonymize', 'proveAnonymity', 'ingest', 'pseudonymizeTable', 'redactText', 'runQuery', 'openService']) {
    assert.equal(typeof (api as Record<string, unknown>)[name], 'function', name);
  }
  const t = api.tableFromRecords({ age: [30, 30, 40], sex: ['F', 'F', 'M'] });
  const p = api.parsePolicy({ columns: { age: { role: 'quasi' }, sex: { role: 'quasi' } }, thresholds: { k: 2 } }, { baseDir: '/', source: 'inline' });
  const a = api.assessTable(t, p);
  assert.equal(a.k, 1);
  assert.equal(a.classes, 2);
  assert.equal(a.verdict.passes, false);
});
