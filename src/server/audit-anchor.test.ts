/**
 * A missing audit anchor under a log with entries: deleting the anchor is how a truncated tail would be hidden, so the
 * service does not start on it (conflict, exit 2, as the other broken audit trails), unless the operator re-anchors the
 * log explicitly (`reanchorAudit` / `anonymat serve --reanchor-audit`), which is an audit entry of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnonymatError } from '../errors.ts';
import { openService } from './service.ts';
import { readAnchor, readAudit, REANCHOR_REASON, verifyAuditAgainst } from './audit.ts';
import { openStore } from './store/index.ts';
import { startHarness, TEST_KEY, TEST_KEY_HEX } from '../../test/server/helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const quiet = { key: TEST_KEY, log: () => undefined, webDir: null } as const;

/** A store with a few audited actions, stopped, its anchor deleted. */
async function storeWithoutAnchor(): Promise<{ dir: string; anchorFile: string; entries: number; headSeq: number; close(): Promise<void> }> {
  const h = await startHarness();
  await h.call('POST', '/api/session', { token: h.tokens.dpo });
  await h.call('POST', '/api/panel/enrol', { token: h.tokens.practice, json: { noticeVersion: '2026-1' } });
  await h.service.close();
  const anchorFile = join(h.dir, 'audit-head.json');
  const headSeq = readAnchor(anchorFile)!.seq;
  rmSync(anchorFile);
  return { dir: h.dir, anchorFile, entries: headSeq, headSeq, close: () => h.close().catch(() => undefined) };
}

async function auditCount(dir: string): Promise<number> {
  const s = await openStore({ data: dir });
  try { return Number((await s.all('SELECT COUNT(*) AS n FROM audit_log'))[0]!.n); } finally { await s.close(); }
}

test('a missing anchor under a log with entries: the service does not start (conflict, exit 2), naming the file and the way out', async () => {
  const st = await storeWithoutAnchor();
  try {
    await assert.rejects(openService({ data: st.dir, ...quiet }), (e: unknown) => {
      assert.ok(e instanceof AnonymatError);
      assert.equal(e.code, 'conflict');
      assert.equal(e.exitCode, 2);
      assert.ok(e.message.includes(st.anchorFile), e.message);
      assert.match(e.message, /is missing but the audit log holds \d+ entries/);
      assert.match(e.message, /Restore the anchor from a copy/);
      assert.match(e.message, /--reanchor-audit/);
      assert.deepEqual(e.issues, [{ path: st.anchorFile, message: 'audit anchor missing' }]);
      return true;
    });
    // nothing was written: no anchor, no entry (a refused start leaves the evidence as it was)
    assert.equal(existsSync(st.anchorFile), false);
    assert.equal(await auditCount(st.dir), st.entries);
  } finally { await st.close(); }
});

test('the tail removed and the anchor deleted (the tampering this hides) is refused too', async () => {
  const st = await storeWithoutAnchor();
  try {
    const s = await openStore({ data: st.dir });
    await s.run('DELETE FROM audit_log WHERE seq >= $1', [st.headSeq - 1]);
    await s.close();
    await assert.rejects(openService({ data: st.dir, ...quiet }), (e: unknown) => e instanceof AnonymatError && e.code === 'conflict' && /anchor .* is missing/.test(e.message));
  } finally { await st.close(); }
});

test('with reanchorAudit: starts, records "anchor re-created by operator" in the log, anchors it there, and the chain verifies', async () => {
  const st = await storeWithoutAnchor();
  try {
    const t = new Date('2026-12-01T10:00:00.000Z');
    const svc = await openService({ data: st.dir, ...quiet, now: () => t, reanchorAudit: true });
    try {
      assert.ok(svc.reanchored);
      assert.equal(svc.reanchored.file, st.anchorFile);
      assert.equal(svc.reanchored.previousHead.seq, st.headSeq);
      assert.equal(svc.reanchored.entry.seq, st.headSeq + 1);
      assert.deepEqual(readAnchor(st.anchorFile), svc.reanchored.entry);
      const entries = await readAudit(svc.store);
      const last = entries[entries.length - 1]!;
      assert.equal(last.seq, st.headSeq + 1);
      assert.equal(last.action, 'audit.reanchor');
      assert.equal(last.actor, 'operator');
      assert.equal(last.loggedAt, t.toISOString());
      assert.equal(last.detail.reason, REANCHOR_REASON);
      assert.equal(last.detail.reason, 'anchor re-created by operator');
      assert.equal(last.detail.anchorWas, 'missing');
      assert.deepEqual(last.detail.previousHead, svc.reanchored.previousHead);
      assert.equal(typeof last.detail.osUser, 'string');
      assert.equal(last.prevHash, svc.reanchored.previousHead.hash, 'the entry chains from the head found without an anchor');
      const v = await verifyAuditAgainst(svc.store, st.anchorFile);
      assert.equal(v.ok, true, JSON.stringify(v.problems));
      assert.deepEqual(v.anchor, svc.reanchored.entry);
    } finally { await svc.close(); }
    // the next start needs no option, and the option is refused there: it is a one-time repair, not a standing setting
    const again = await openService({ data: st.dir, ...quiet });
    assert.equal(again.reanchored, null);
    await again.close();
    await assert.rejects(openService({ data: st.dir, ...quiet, reanchorAudit: true }), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-usage' && /is there and the log reaches it/.test(e.message));
    assert.equal(await auditCount(st.dir), st.entries + 1);
  } finally { await st.close(); }
});

test('reanchorAudit does not vouch for a chain that does not verify, nor override a present anchor the log no longer reaches', async () => {
  const st = await storeWithoutAnchor();
  try {
    const s = await openStore({ data: st.dir });
    await s.run("UPDATE audit_log SET detail = '{\"edited\":true}' WHERE seq = 2");
    await s.close();
    await assert.rejects(openService({ data: st.dir, ...quiet, reanchorAudit: true }), (e: unknown) => e instanceof AnonymatError && e.code === 'conflict' && /does not verify/.test(e.message) && /not re-anchored/.test(e.message));
    assert.equal(existsSync(st.anchorFile), false);
    assert.equal(await auditCount(st.dir), st.entries);
  } finally { await st.close(); }
  const h = await startHarness();
  try {
    await h.call('POST', '/api/session', { token: h.tokens.dpo });
    await h.service.close();
    const anchor = readAnchor(join(h.dir, 'audit-head.json'))!;
    const s = await openStore({ data: h.dir });
    await s.run('DELETE FROM audit_log WHERE seq = $1', [anchor.seq]);
    await s.close();
    await assert.rejects(openService({ data: h.dir, ...quiet, reanchorAudit: true }), /does not reach its anchor/);
    writeFileSync(join(h.dir, 'audit-head.json'), '{}\n');
    await assert.rejects(openService({ data: h.dir, ...quiet, reanchorAudit: true }), /not an audit anchor/);
  } finally { await h.close().catch(() => undefined); }
});

test('a store that never had an anchor (run with no anchor file, as a PostgreSQL store without --audit-anchor) is refused, then upgraded by reanchorAudit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-anchor-'));
  try {
    const first = await openService({ data: dir, ...quiet, auditAnchor: null });
    assert.ok(first.bootstrapToken);
    await first.close();
    assert.equal(existsSync(join(dir, 'audit-head.json')), false);
    await assert.rejects(openService({ data: dir, ...quiet }), (e: unknown) => e instanceof AnonymatError && e.code === 'conflict' && /PostgreSQL store run without --audit-anchor/.test(e.message));
    // the option with no anchor file configured has nothing to re-create
    await assert.rejects(openService({ data: dir, ...quiet, auditAnchor: null, reanchorAudit: true }), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-usage' && /--audit-anchor/.test(e.message));
    const up = await openService({ data: dir, ...quiet, reanchorAudit: true });
    assert.equal(up.reanchored?.previousHead.seq, 1);
    assert.equal((await verifyAuditAgainst(up.store, join(dir, 'audit-head.json'))).ok, true);
    await up.close();
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a fresh store starts without any option (its anchor is written with its first entry); reanchorAudit there is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-anchor-'));
  try {
    await assert.rejects(openService({ data: dir, ...quiet, reanchorAudit: true }), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-usage' && /audit log is empty/.test(e.message));
    const svc = await openService({ data: dir, ...quiet });
    assert.ok(svc.bootstrapToken);
    assert.equal(svc.reanchored, null);
    assert.equal(readAnchor(join(dir, 'audit-head.json'))?.seq, 1);
    assert.equal((await verifyAuditAgainst(svc.store, join(dir, 'audit-head.json'))).ok, true);
    await svc.close();
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

/** Runs `anonymat serve` until it listens (then SIGTERM) or exits; returns its exit code and stderr. */
function serveOnce(dir: string, keyFile: string, extra: string[] = []): Promise<{ status: number | null; stderr: string; listened: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--data', dir, '--key-file', keyFile, '--port', '0', '--quiet', ...extra],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let listened = false;
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`serve did not start nor exit: ${stderr}`)); }, 60_000);
    child.stdout.on('data', (d) => { stdout += d; if (!listened && /listening on/.test(stdout)) { listened = true; child.kill('SIGTERM'); } });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stderr, listened }); });
  });
}

test('anonymat serve: exit 2 with the message on a missing anchor; --reanchor-audit starts and reports the re-anchoring on stderr, even with --quiet', async () => {
  const st = await storeWithoutAnchor();
  const keyFile = join(st.dir, '..', `${st.dir.split('/').pop()}.key`);
  writeFileSync(keyFile, TEST_KEY_HEX + '\n', { mode: 0o600 });
  try {
    let r = await serveOnce(st.dir, keyFile);
    assert.equal(r.listened, false, r.stderr);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(r.stderr.includes(`the audit anchor ${st.anchorFile} is missing`), r.stderr);
    r = await serveOnce(st.dir, keyFile, ['--reanchor-audit']);
    assert.equal(r.listened, true, r.stderr);
    assert.match(r.stderr, /--reanchor-audit: the audit anchor .* was missing; .* anchored anew at entry #\d+ \(audit\.reanchor, "anchor re-created by operator"\)/);
    assert.equal(existsSync(st.anchorFile), true);
    r = await serveOnce(st.dir, keyFile, ['--reanchor-audit']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /nothing to re-anchor|start without --reanchor-audit/);
  } finally { rmSync(keyFile, { force: true }); await st.close(); }
});
