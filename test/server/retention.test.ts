/** The retention rule the observatory states is enforced: records of old uploads are deleted, and the purge is audited. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, demoCsv } from './helpers.ts';
import { purgeExpired } from '../../src/server/service.ts';
import { verifyAudit } from '../../src/server/audit.ts';

test('retention: records of uploads older than info.retentionYears are deleted, newer ones kept, the purge is in the audit chain', async () => {
  const h = await startHarness();
  try {
    const { practice } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    assert.equal((await h.call('PUT', '/api/uploads/old?format=csv', { token: practice, body: demoCsv(12) })).status, 201);
    assert.equal((await h.call('PUT', '/api/uploads/new?format=csv', { token: practice, body: demoCsv(8, 2) })).status, 201);
    const store = h.service.store;
    // the first upload was received six years ago
    await store.run('UPDATE uploads SET received_at = $1 WHERE id = $2', ['2020-01-01T00:00:00.000Z', 'old']);
    const svc = { ...h.service.svc, now: () => new Date('2026-06-01T00:00:00Z') };
    assert.equal(await purgeExpired(svc), 12);
    const left = await store.all('SELECT upload_id, count(*) AS n FROM records GROUP BY upload_id');
    assert.deepEqual(left.map((r) => [r.upload_id, Number(r.n)]), [['new', 8]]);
    assert.equal(await purgeExpired(svc), 0, 'idempotent');
    const audit = await store.all("SELECT detail FROM audit_log WHERE action = 'retention.purge'");
    assert.equal(audit.length, 1);
    assert.equal(JSON.parse(String(audit[0]!.detail)).records, 12);
    const v = await verifyAudit(store);
    assert.equal(v.ok, true);
  } finally { await h.close(); }
});

test('retention: a DP statistic after the purge no longer counts the deleted records (the project table was cached by uploads and objections)', async () => {
  const h = await startHarness();
  try {
    const { practice, dpo, client } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    assert.equal((await h.call('PUT', '/api/uploads/old?format=csv', { token: practice, body: demoCsv(200) })).status, 201);
    assert.equal((await h.call('POST', '/api/projects', { token: dpo, json: { id: 'p1', clientId: 'lab', title: 't', purpose: 'count', dataRequested: ['sex', 'birth_year', 'department', 'diagnosis'], legalBasis: { kind: 'anonymous-only' }, retentionUntil: '2040-12-31' } })).status, 201);
    assert.equal((await h.call('PUT', '/api/budgets/lab', { token: dpo, json: { total: '1000' } })).status, 200);
    const count = async () => (await h.call('POST', '/api/projects/p1/stats', { token: client, json: { select: [{ count: 'patients' }], epsilon: '50' } })).json.results[0].rows[0].value as number;
    // ε = 50: the noise is a few hundredths of a patient
    assert.ok(await count() > 90); // (demoCsv(200): 100 patients, two records each)
    await h.service.store.run('UPDATE uploads SET received_at = $1 WHERE id = $2', ['2020-01-01T00:00:00.000Z', 'old']);
    assert.equal(await purgeExpired({ ...h.service.svc, now: () => new Date('2026-06-01T00:00:00Z') }), 200);
    assert.ok(Math.abs(await count()) <= 2);
  } finally { await h.close(); }
});
