/**
 * The same observatory on PostgreSQL (`--database postgres://…`): uploads, objections, the release
 * gate, download, and `anonymat audit verify --database` (exit 0, then 3 after tampering).
 * Starts a throwaway server (initdb in a temp folder); skips when the binaries are absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startHarness, demoCsv } from './helpers.ts';
import { startThrowawayPg } from './pg-helper.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('PostgreSQL store: upload → objection → release → approval → download; audit verify --database', async (t) => {
  const pg = await startThrowawayPg();
  if ('skip' in pg) { t.skip(pg.skip); return; }
  try {
    const h = await startHarness({ database: pg.url });
    const { practice, dpo, client } = h.tokens;
    try {
      await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
      assert.equal((await h.call('PUT', '/api/uploads/u1', { token: practice, body: demoCsv(4000) })).status, 201);
      assert.equal((await h.call('PUT', '/api/uploads/u1', { token: practice, body: demoCsv(4000) })).json.status, 'already-stored');
      assert.equal((await h.call('POST', '/api/objections', { token: practice, json: { patientId: 'P1000' } })).status, 201);
      assert.equal((await h.call('POST', '/api/projects', { token: dpo, json: { id: 'p', clientId: 'lab', title: 't', purpose: 'p', dataRequested: ['sex', 'birth_year', 'department', 'diagnosis'], legalBasis: { kind: 'anonymous-only' }, retentionUntil: '2099-01-01' } })).status, 201);
      const rel = await h.call('POST', '/api/projects/p/releases', { token: client, json: {} });
      assert.equal(rel.status, 201, rel.text);
      const report = (await h.call('GET', `/api/releases/${rel.json.id}`, { token: dpo })).json.report;
      assert.equal(report.exclusions.objectedPatients, 1);
      assert.equal(report.verdict.anonymous, true, JSON.stringify(report.verdict.reasons));
      assert.equal((await h.call('POST', `/api/releases/${rel.json.id}/decision`, { token: dpo, json: { decision: 'approve', comment: 'ok' } })).status, 200);
      const dl = await h.call('GET', `/api/releases/${rel.json.id}/download`, { token: client });
      assert.equal(dl.status, 200);
      assert.equal(dl.text.split('\n')[0], 'sex,birth_year,department,diagnosis');
      assert.equal((await h.call('GET', '/api/audit/verify', { token: dpo })).json.ok, true);
    } finally { await h.close(); }
    const verify = () => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify', '--database', pg.url, '--json'], { cwd: root, encoding: 'utf8' });
    let r = verify();
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const pgmod = await import('pg');
    const c = new pgmod.default.Client({ connectionString: pg.url });
    await c.connect();
    await c.query("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 5");
    await c.end();
    r = verify();
    assert.equal(r.status, 3, r.stdout + r.stderr);
    assert.ok(JSON.parse(r.stdout).problems.some((p: { kind: string; seq: number }) => p.kind === 'edited' && p.seq === 5));
  } finally { await pg.stop(); }
});
