/**
 * DP statistics on the observatory: a column's type is its schema kind, declared before any data — the service puts the
 * kinds in the data-set descriptor it builds (src/dp never reads a type from the table). Integer, decimal, date and
 * boolean columns are read as numbers; a string column is refused before anything is charged, in the schema's words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './helpers.ts';

function csv(rows: number): string {
  const lines = ['patient_id,sex,birth_year,visit_date,deceased,weight_kg,department'];
  for (let i = 0; i < rows; i++) {
    lines.push(`P${1000 + i},${i % 2 ? 'F' : 'M'},${1940 + (i % 60)},2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${i % 7 === 0},${50 + (i % 40)}.5,${['75', '92', '93'][i % 3]}`);
  }
  return lines.join('\n') + '\n';
}

test('DP statistics read integer, decimal, date and boolean schema columns as numbers; a string column is refused in the schema\'s words, nothing charged', async () => {
  const h = await startHarness();
  try {
    const { practice, dpo, client } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    const up = await h.call('PUT', '/api/uploads/u1', { token: practice, body: csv(120) });
    assert.equal(up.status, 201, up.text);
    const columns = ['sex', 'birth_year', 'visit_date', 'deceased', 'weight_kg', 'department'];
    assert.equal((await h.call('POST', '/api/projects', { token: dpo, json: {
      id: 'types', clientId: 'lab', title: 'Types', purpose: 'numbers from the schema', dataRequested: columns,
      legalBasis: { kind: 'anonymous-only' }, retentionUntil: '2030-12-31',
    } })).status, 201);
    assert.equal((await h.call('PUT', '/api/budgets/lab', { token: dpo, json: { total: '100' } })).status, 200);
    const ask = (q: Record<string, unknown>) => h.call('POST', '/api/projects/types/stats', { token: client, json: { epsilon: '1/10', ...q } });
    for (const q of [
      { select: [{ histogram: 'birth_year', bins: [1900, 1960, 2010] }] },
      { select: [{ mean: 'birth_year' }], bounds: { birth_year: [1900, 2010] } },
      { select: [{ count: 'patients' }], where: { visit_date: { gte: 20089 } } }, // (2025-01-01 as days since 1970-01-01)
      { select: [{ mean: 'deceased' }], bounds: { deceased: [0, 1] } },
      { select: [{ sum: 'weight_kg' }], bounds: { weight_kg: [0, 200] } },
    ]) {
      const r = await ask(q);
      assert.equal(r.status, 200, `${JSON.stringify(q)}: ${r.text}`);
      assert.equal(r.json.status, 'answered');
    }
    const spent = (await h.call('GET', '/api/budgets', { token: client })).json.budgets[0].spent;
    const bad = await ask({ select: [{ mean: 'department' }], bounds: { department: [0, 100] } });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.json.error.code, 'invalid-query');
    assert.match(bad.json.error.message, /department is text in the observatory's schema and cannot be read as numbers \(nothing was charged\)/);
    assert.deepEqual(bad.json.error.issues.map((i: { path: string }) => i.path), ['$.select[0].mean']);
    assert.match(bad.json.error.issues[0].message, /schema kind is string/);
    // (no advice to edit a data-set descriptor the service does not have)
    assert.doesNotMatch(bad.text, /descriptor|"columns"/);
    assert.equal((await h.call('GET', '/api/budgets', { token: client })).json.budgets[0].spent, spent, 'nothing charged');
  } finally { await h.close(); }
});
