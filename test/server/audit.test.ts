/**
 * The audit hash chain: every upload, approval, download, query and login leaves an entry, and
 * `anonymat audit verify` (exit 0 / 3) detects an edited, removed, reordered or truncated log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startHarness, demoCsv } from './helpers.ts';
import { openStore } from '../../src/server/store/index.ts';
import { verifyAudit, readAnchor, GENESIS, entryHash } from '../../src/server/audit.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
function verifyCli(dir: string): { status: number; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify', '--data', dir, '--json'], { cwd: root, encoding: 'utf8' });
  return { status: r.status ?? -1, out: r.stdout + r.stderr };
}

test('entry hash is SHA-256 over the previous hash and the canonical entry (hand-checked shape)', () => {
  const h = entryHash(GENESIS, 1, '2026-01-01T00:00:00.000Z', 'system', 'login', 'account:a', '{}');
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.notEqual(h, entryHash(GENESIS, 2, '2026-01-01T00:00:00.000Z', 'system', 'login', 'account:a', '{}'));
  assert.notEqual(h, entryHash(GENESIS, 1, '2026-01-01T00:00:00.000Z', 'system', 'login', 'account:a', '{"x":1}'));
});

test('audit verify: intact log exits 0; edited, removed, reordered and truncated logs exit 3', async () => {
  const h = await startHarness();
  const dir = h.dir;
  await h.call('POST', '/api/session', { token: h.tokens.dpo });
  await h.call('POST', '/api/panel/enrol', { token: h.tokens.practice, json: { noticeVersion: '2026-1' } });
  const up = await h.call('PUT', '/api/uploads/u1?format=csv', { token: h.tokens.practice, body: demoCsv(40) });
  assert.equal(up.status, 201, up.text);
  const entries = (await h.call('GET', '/api/audit', { token: h.tokens.dpo })).json.entries;
  const actions = entries.map((e: { action: string }) => e.action);
  for (const a of ['account.create', 'login', 'panel.enrol', 'upload']) assert.ok(actions.includes(a), `audit has ${a}`);
  const live = await h.call('GET', '/api/audit/verify', { token: h.tokens.admin });
  assert.equal(live.json.ok, true);
  await h.service.close();

  let r = verifyCli(dir);
  assert.equal(r.status, 0, r.out);
  assert.equal(JSON.parse(r.out).ok, true);
  const n = JSON.parse(r.out).entries as number;
  assert.ok(n >= 9);

  const tamper = async (sql: string, params: (string | number)[] = []) => { const s = await openStore({ data: dir }); await s.run(sql, params); await s.close(); };
  // in-process verification (same code as the CLI) for the intermediate states, to keep the test quick
  const verifyHere = async () => { const s = await openStore({ data: dir }); try { return await verifyAudit(s, readAnchor(`${dir}/audit-head.json`)); } finally { await s.close(); } };
  // 1. edit an entry's detail
  const s0 = await openStore({ data: dir });
  const orig = await s0.all('SELECT seq, detail, subject FROM audit_log WHERE seq = 3');
  await s0.close();
  await tamper("UPDATE audit_log SET detail = '{\"role\":\"admin\"}' WHERE seq = 3");
  r = verifyCli(dir);
  assert.equal(r.status, 3, r.out);
  assert.ok(JSON.parse(r.out).problems.some((p: { kind: string; seq: number }) => p.kind === 'edited' && p.seq === 3));
  await tamper('UPDATE audit_log SET detail = $1 WHERE seq = 3', [String(orig[0]!.detail)]);
  assert.equal((await verifyHere()).ok, true, 'restoring the original content makes it verify again');

  // 2. reorder: swap the seq numbers of entries 4 and 5
  await tamper('UPDATE audit_log SET seq = -4 WHERE seq = 4');
  await tamper('UPDATE audit_log SET seq = 4 WHERE seq = 5');
  await tamper('UPDATE audit_log SET seq = 5 WHERE seq = -4');
  let v = await verifyHere();
  assert.equal(v.ok, false);
  assert.ok(v.problems.some((p) => p.kind === 'reordered' || p.kind === 'edited'));
  await tamper('UPDATE audit_log SET seq = -4 WHERE seq = 4');
  await tamper('UPDATE audit_log SET seq = 4 WHERE seq = 5');
  await tamper('UPDATE audit_log SET seq = 5 WHERE seq = -4');
  assert.equal((await verifyHere()).ok, true);

  // 3. remove an entry in the middle (renumbering the rest does not help: hashes cover seq)
  const s1 = await openStore({ data: dir });
  const saved = (await s1.all('SELECT * FROM audit_log WHERE seq = 6'))[0]!;
  await s1.close();
  await tamper('DELETE FROM audit_log WHERE seq = 6');
  v = await verifyHere();
  assert.equal(v.ok, false);
  assert.ok(v.problems.some((p) => p.kind === 'removed'));
  await tamper('INSERT INTO audit_log (seq, logged_at, actor, action, subject, detail, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
    [6, String(saved.logged_at), String(saved.actor), String(saved.action), String(saved.subject), String(saved.detail), String(saved.prev_hash), String(saved.hash)]);
  assert.equal((await verifyHere()).ok, true);

  // 4. truncate the tail: caught by the anchor outside the database
  const anchor = readAnchor(`${dir}/audit-head.json`)!;
  assert.equal(anchor.seq, n);
  await tamper('DELETE FROM audit_log WHERE seq = $1', [n]);
  r = verifyCli(dir);
  assert.equal(r.status, 3, r.out);
  assert.ok(JSON.parse(r.out).problems.some((p: { kind: string }) => p.kind === 'truncated'));
  // without the anchor, the shortened chain is internally consistent (documented limit) — so the CLI does not call a log
  // whole when the anchor has gone from its data folder
  const s2 = await openStore({ data: dir });
  assert.equal((await verifyAudit(s2, null)).ok, true);
  await s2.close();
  const { rm } = await import('node:fs/promises');
  await rm(`${dir}/audit-head.json`);
  r = verifyCli(dir);
  assert.equal(r.status, 3, r.out);
  assert.ok(JSON.parse(r.out).problems.some((p: { kind: string }) => p.kind === 'anchor-missing'));
  await h.close().catch(() => undefined);
});

test('the service refuses to start on a log whose tail was removed while it was stopped (the next action would have re-anchored it)', async () => {
  const h = await startHarness();
  const dir = h.dir;
  await h.call('POST', '/api/session', { token: h.tokens.dpo });
  await h.service.close();
  const { openService } = await import('../../src/server/service.ts');
  const { TEST_KEY } = await import('./helpers.ts');
  const anchor = readAnchor(`${dir}/audit-head.json`)!;
  const s = await openStore({ data: dir });
  await s.run('DELETE FROM audit_log WHERE seq >= $1', [anchor.seq - 1]);
  await s.close();
  await assert.rejects(openService({ data: dir, key: TEST_KEY, log: () => undefined, webDir: null }), (e: Error) => /audit log does not reach its anchor/.test(e.message));
  // the anchor is left as it was: the CLI still sees the truncation
  assert.equal(readAnchor(`${dir}/audit-head.json`)!.seq, anchor.seq);
  await h.close().catch(() => undefined);
});

test('an anchor file that holds no anchor ({}, a seq as text, not JSON) is corruption: verify exits 3 and the service does not start on it', async () => {
  const { writeFileSync } = await import('node:fs');
  const { openService } = await import('../../src/server/service.ts');
  const { TEST_KEY } = await import('./helpers.ts');
  const h = await startHarness();
  const dir = h.dir;
  await h.call('POST', '/api/session', { token: h.tokens.dpo });
  await h.service.close();
  const anchor = readAnchor(`${dir}/audit-head.json`)!;
  // the last entries removed, then the anchor replaced: it was read as "no anchor" and the shortened log called intact
  const s = await openStore({ data: dir });
  await s.run('DELETE FROM audit_log WHERE seq >= $1', [anchor.seq - 1]);
  await s.close();
  for (const text of ['{}\n', `{"seq":"${anchor.seq}","hash":"${anchor.hash}"}\n`, `{"seq":${anchor.seq}}\n`, 'not json\n', '[]\n']) {
    writeFileSync(`${dir}/audit-head.json`, text);
    const r = verifyCli(dir);
    assert.equal(r.status, 3, `${text}: ${r.out}`);
    assert.ok(JSON.parse(r.out).problems.some((p: { kind: string }) => p.kind === 'anchor-invalid'), r.out);
    await assert.rejects(openService({ data: dir, key: TEST_KEY, log: () => undefined, webDir: null }), (e: Error) => /not an audit anchor/.test(e.message), text);
  }
  await h.close().catch(() => undefined);
});

test('a store that holds accounts, uploads and releases with an empty audit log is corruption: verify exits 3 and the service does not start', async () => {
  const { rm } = await import('node:fs/promises');
  const { openService } = await import('../../src/server/service.ts');
  const { TEST_KEY } = await import('./helpers.ts');
  const h = await startHarness();
  const dir = h.dir;
  await h.call('POST', '/api/panel/enrol', { token: h.tokens.practice, json: { noticeVersion: '2026-1' } });
  assert.equal((await h.call('PUT', '/api/uploads/u1', { token: h.tokens.practice, body: demoCsv(20) })).status, 201);
  await h.service.close();
  const s = await openStore({ data: dir });
  await s.run('DELETE FROM audit_log');
  await s.close();
  await rm(`${dir}/audit-head.json`);
  const r = verifyCli(dir);
  assert.equal(r.status, 3, r.out);
  assert.ok(JSON.parse(r.out).problems.some((p: { kind: string }) => p.kind === 'emptied'), r.out);
  await assert.rejects(openService({ data: dir, key: TEST_KEY, log: () => undefined, webDir: null }), (e: Error) => /audit log is empty/.test(e.message));
  // an empty store with an empty log is a new observatory, not a wiped one
  const fresh = await startHarness();
  await fresh.service.close();
  const f = await openStore({ data: fresh.dir });
  assert.equal((await verifyAudit(f)).ok, true);
  await f.close();
  await fresh.close().catch(() => undefined);
  await h.close().catch(() => undefined);
});
