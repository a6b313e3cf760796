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

test('raw uploads: read from the service\'s private temporary folder (0700), left nowhere, and what a killed process left is swept at start', async () => {
  const { mkdirSync, writeFileSync, readdirSync, statSync, existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const h = await startHarness();
  try {
    const tmp = h.service.svc.uploadTmp;
    assert.equal(tmp, join(h.dir, 'tmp'));
    assert.equal(statSync(tmp).mode & 0o777, 0o700);
    await h.call('POST', '/api/panel/enrol', { token: h.tokens.practice, json: { noticeVersion: '2026-1' } });
    assert.equal((await h.call('PUT', '/api/uploads/u?format=csv', { token: h.tokens.practice, body: demoCsv(10) })).status, 201);
    assert.deepEqual(readdirSync(tmp), []);
    // a SIGKILL during an upload leaves its folder: the next start removes it
    mkdirSync(join(tmp, 'anonymat-upload-x'));
    writeFileSync(join(tmp, 'anonymat-upload-x', 'upload.csv'), 'patient_id,last_name\nP1,Dupont\n');
    await h.service.close();
    const { openService } = await import('../../src/server/service.ts');
    const { TEST_KEY } = await import('./helpers.ts');
    const again = await openService({ data: h.dir, key: TEST_KEY, log: () => undefined, webDir: null });
    assert.equal(existsSync(join(tmp, 'anonymat-upload-x')), false);
    await again.close();
  } finally { await h.close().catch(() => undefined); }
});

test('request bodies are refused with a 413 as soon as they pass their limit, chunked or not (an upload: 64 MiB; JSON: 1 MiB)', async () => {
  const h = await startHarness();
  try {
    await h.call('POST', '/api/panel/enrol', { token: h.tokens.practice, json: { noticeVersion: '2026-1' } });
    // 80 MiB sent without a Content-Length, in 1 MiB chunks: refused after about 64 of them
    let sent = 0;
    const chunk = new Uint8Array(1 << 20).fill(65);
    const body = new ReadableStream<Uint8Array>({ pull(ctl) { if (sent >= 80) ctl.close(); else { sent++; ctl.enqueue(chunk); } } });
    const res = await h.service.app.request('/api/uploads/big?format=csv', { method: 'PUT', headers: { authorization: `Bearer ${h.tokens.practice}` }, body, duplex: 'half' } as RequestInit);
    // (a 400 "invalid input" told the sender to fix its data, where it must split it)
    assert.equal(res.status, 413);
    assert.match(await res.text(), /larger than 64 MiB/);
    assert.ok(sent < 80, `${sent} chunks read`);
    const declared = await h.call('PUT', '/api/uploads/big2?format=csv', { token: h.tokens.practice, body: 'patient_id\n', headers: { 'content-length': String(65 << 20) } });
    assert.equal(declared.status, 413, declared.text);
    const big = await h.call('POST', '/api/objections', { token: h.tokens.practice, body: JSON.stringify({ patientIds: ['x'.repeat(2 << 20)] }), headers: { 'content-type': 'application/json' } });
    assert.equal(big.status, 413);
    assert.match(big.text, /larger than 1 MiB/);
  } finally { await h.close(); }
});

test('a dashboard path with broken percent-encoding is a 400, not a 500', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const web = mkdtempSync(join(tmpdir(), 'anonymat-web-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>x</title>');
  const h = await startHarness({ webDir: web });
  try {
    for (const p of ['/%E0%A4%A', '/%']) assert.equal((await h.call('GET', p)).status, 400, p);
    assert.equal((await h.call('GET', '/projects')).status, 200);
  } finally { await h.close(); rmSync(web, { recursive: true, force: true }); }
});
