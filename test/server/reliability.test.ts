/**
 * Reliability: 200 concurrent DP queries never overspend (DuckDB and PostgreSQL); no log line
 * contains a record value, a token or a key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, demoCsv, TEST_KEY_HEX, TEST_KEY, type Harness } from './helpers.ts';
import { startThrowawayPg } from './pg-helper.ts';
import { pseudonymOf } from '../../src/server/engines.ts';
import { parseRational, add, cmp, ZERO } from '../../src/dp/rational.ts';

const HIGH = { windowMs: 60_000, limits: { default: 10_000, login: 10_000, upload: 10_000, query: 10_000 } };

async function concurrentQueries(h: Harness): Promise<void> {
  const { practice, dpo, client } = h.tokens;
  await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
  assert.equal((await h.call('PUT', '/api/uploads/u1', { token: practice, body: demoCsv(100) })).status, 201);
  await h.call('POST', '/api/projects', { token: dpo, json: { id: 'p', clientId: 'lab', title: 't', purpose: 'p', dataRequested: ['sex', 'diagnosis'], legalBasis: { kind: 'anonymous-only' }, retentionUntil: '2099-01-01' } });
  // budget 1/2, each query 1/100 (+ a few 1/7 to make the sums non-decimal): at most 1/2 may be spent
  assert.equal((await h.call('PUT', '/api/budgets/lab', { token: dpo, json: { total: '1/2' } })).status, 200);
  const eps = (i: number) => (i % 10 === 0 ? '1/7' : '1/100');
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) =>
    h.call('POST', '/api/projects/p/stats', { token: client, json: { select: [{ count: 'patients' }], where: { sex: 'F' }, epsilon: eps(i) } })));
  const ok = results.filter((r) => r.status === 200).length;
  const refused = results.filter((r) => r.status === 409 && r.json.error.code === 'budget-exhausted').length;
  assert.equal(ok + refused, 200, `unexpected statuses: ${[...new Set(results.map((r) => r.status))]}`);
  assert.ok(ok > 0 && refused > 0, `ok ${ok}, refused ${refused}`);
  // the ledger's spent equals the sum of the answered queries' ε, and never exceeds the total
  const rows = await h.service.store.all('SELECT epsilon FROM dp_queries');
  assert.equal(rows.length, ok);
  let sum = ZERO;
  for (const r of rows) sum = add(sum, parseRational(String(r.epsilon))!);
  const b = (await h.service.store.all("SELECT spent, total FROM dp_budgets WHERE client_id = 'lab'"))[0]!;
  assert.equal(cmp(sum, parseRational(String(b.spent))!), 0, 'spent = Σ ε of answered queries');
  assert.ok(cmp(sum, parseRational(String(b.total))!) <= 0, 'never overspent');
  // and the remaining budget is smaller than the smallest query that was refused
  const left = parseRational(String(b.total))!;
  assert.ok(cmp(add(sum, parseRational('1/100')!), left) > 0, 'refusals happened only when the budget could not cover a query');
  // every answered query is in the audit log, chain intact
  const v = await h.call('GET', '/api/audit/verify', { token: dpo });
  assert.equal(v.json.ok, true);
  const audit = (await h.call('GET', '/api/audit?limit=5000', { token: dpo })).json.entries;
  assert.equal(audit.filter((e: { action: string }) => e.action === 'dp.query').length, ok);
}

test('200 concurrent DP queries never exceed the budget (DuckDB store)', async () => {
  const h = await startHarness({ rateLimits: HIGH });
  try { await concurrentQueries(h); } finally { await h.close(); }
});

test('200 concurrent DP queries never exceed the budget (PostgreSQL store)', async (t) => {
  const pg = await startThrowawayPg();
  if ('skip' in pg) { t.skip(pg.skip); return; }
  try {
    const h = await startHarness({ database: pg.url, rateLimits: HIGH });
    try { await concurrentQueries(h); } finally { await h.close(); }
  } finally { await pg.stop(); }
});

test('no log line contains a record value, a token, a key or a pseudonym', async () => {
  const h = await startHarness();
  try {
    const { practice, dpo, client, admin } = h.tokens;
    const csv = demoCsv(120);
    await h.call('POST', '/api/session', { token: dpo });
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    await h.call('PUT', '/api/uploads/u1', { token: practice, body: csv });
    await h.call('PUT', '/api/uploads/u1', { token: practice, body: csv });
    await h.call('PUT', '/api/uploads/bad', { token: practice, body: 'patient_id,sex,birth_year\nP9999,F,notayear\n' });
    await h.call('PUT', '/api/uploads/bad2', { token: practice, body: 'patient_id,mystery\nP9998,SECRETVALUE\n' });
    await h.call('POST', '/api/objections', { token: practice, json: { patientId: 'P1001' } });
    await h.call('POST', '/api/projects', { token: dpo, json: { id: 'p', clientId: 'lab', title: 't', purpose: 'p', dataRequested: ['sex', 'birth_year', 'diagnosis'], legalBasis: { kind: 'anonymous-only' }, retentionUntil: '2099-01-01' } });
    await h.call('PUT', '/api/budgets/lab', { token: dpo, json: { total: 1 } });
    const rel = await h.call('POST', '/api/projects/p/releases', { token: client, json: {} });
    await h.call('POST', `/api/releases/${rel.json.id}/decision`, { token: dpo, json: { decision: 'approve', comment: 'fine' } });
    await h.call('GET', `/api/releases/${rel.json.id}/download`, { token: client });
    await h.call('POST', '/api/projects/p/stats', { token: client, json: { select: [{ count: 'patients' }], where: { diagnosis: 'E11' }, epsilon: '1/10' } });
    await h.call('GET', '/api/me', { token: 'anm_' + 'Z'.repeat(43) });
    await h.call('POST', '/api/accounts', { token: admin, json: { name: 'x', role: 'practice' } });
    assert.ok(h.logs.length >= 15, `captured ${h.logs.length} log lines`);
    const secrets = [
      ...Object.values(h.tokens), TEST_KEY_HEX, Buffer.from(TEST_KEY).toString('base64'),
      'P1000', 'P1001', 'P9999', 'P9998', 'SECRETVALUE', 'notayear', 'Name0', 'Name1', '0600000000',
      pseudonymOf(TEST_KEY, 'P1000'), pseudonymOf(TEST_KEY, 'P1001').slice(0, 16),
    ];
    // record values of kept columns, as whole CSV fields
    for (const line of csv.split('\n').slice(1, 30)) { const f = line.split(','); if (f[4]) secrets.push(`,${f[4]},`); }
    for (const line of h.logs) for (const s of secrets) assert.ok(!line.includes(s), `a log line contains a secret or record value: ${line.slice(0, 60)}…`);
  } finally { await h.close(); }
});
