/**
 * Kill the server (a child process running `anonymat serve`) during an upload: nothing committed
 * is lost, nothing partial remains, and the retry stores the upload exactly once.
 * Two kills: one from inside the upload's open transaction (ANONYMAT_FAULT, deterministic), one
 * SIGKILL from outside while a large upload is in flight (timing-dependent: either outcome —
 * committed whole, or absent — is accepted, never a part).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoCsv, TEST_KEY_HEX } from './helpers.ts';
import { openStore } from '../../src/server/store/index.ts';
import { verifyAudit, readAnchor } from '../../src/server/audit.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Running { child: ChildProcess; url: string; adminToken: string | null; stderr: string[]; exited: Promise<number | null> }

async function startServer(data: string, fault?: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--data', data, '--port', '0', '--rate-limit', '100000'], {
    cwd: root, env: { ...process.env, ANONYMAT_OBSERVATORY_KEY: TEST_KEY_HEX, ...(fault ? { ANONYMAT_FAULT: fault } : {}) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr.join('')}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    child.on('exit', () => { clearTimeout(timer); reject(new Error(`server exited: ${stderr.join('')}`)); });
  });
  const tok = /admin token \(shown once, stored only hashed\): (\S+)/.exec(out);
  return { child, url, adminToken: tok ? tok[1]! : null, stderr, exited };
}

async function stopServer(r: Running): Promise<void> {
  if (r.child.exitCode === null && r.child.signalCode === null) { r.child.kill('SIGTERM'); await r.exited; }
}

async function http(url: string, method: string, token: string, body?: string, json?: unknown) {
  const res = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) }, body: json !== undefined ? JSON.stringify(json) : body });
  const text = await res.text();
  return { status: res.status, json: (() => { try { return JSON.parse(text); } catch { return null; } })() };
}

async function inspect(data: string) {
  const s = await openStore({ data });
  try {
    const uploads = await s.all('SELECT id, records FROM uploads ORDER BY id');
    const counts = await s.all('SELECT upload_id, COUNT(*) AS n FROM records GROUP BY upload_id ORDER BY upload_id');
    const audit = await verifyAudit(s, readAnchor(join(data, 'audit-head.json')));
    return { uploads, counts, audit };
  } finally { await s.close(); }
}

test('killing the server during an upload loses nothing committed and leaves nothing partial', async () => {
  const data = mkdtempSync(join(tmpdir(), 'anonymat-crash-'));
  try {
    // 1. a healthy server: accounts, enrolment, one committed upload
    let srv = await startServer(data);
    const admin = srv.adminToken!;
    const practice = (await http(`${srv.url}/api/accounts`, 'POST', admin, undefined, { name: 'Cabinet', role: 'practice', practiceId: 'alpha' })).json.token as string;
    assert.equal((await http(`${srv.url}/api/panel/enrol`, 'POST', practice, undefined, { noticeVersion: '2026-1' })).status, 200);
    assert.equal((await http(`${srv.url}/api/uploads/first`, 'PUT', practice, demoCsv(1000, 1, 'A'))).status, 201);
    await stopServer(srv);

    // 2. the server kills itself inside the upload transaction, after 2 batches of 500 records
    srv = await startServer(data, 'upload-after-batch:2');
    const big = demoCsv(3000, 2, 'B');
    const failed = await http(`${srv.url}/api/uploads/second`, 'PUT', practice, big).then(() => 'answered', () => 'connection lost');
    assert.equal(failed, 'connection lost');
    await srv.exited;
    assert.equal(srv.child.signalCode, 'SIGKILL');
    let st = await inspect(data);
    assert.deepEqual(st.uploads, [{ id: 'first', records: 1000 }], 'committed upload kept, killed one absent');
    assert.deepEqual(st.counts, [{ upload_id: 'first', n: 1000 }], 'no partial record of the killed upload');
    assert.equal(st.audit.ok, true, JSON.stringify(st.audit.problems));

    // 3. SIGKILL from outside while a larger upload is in flight
    srv = await startServer(data);
    const bigger = demoCsv(8000, 3, 'C');
    const pending = http(`${srv.url}/api/uploads/third`, 'PUT', practice, bigger).then((r) => r.status, () => 'connection lost');
    await new Promise((r) => setTimeout(r, 150));
    srv.child.kill('SIGKILL');
    const outcome = await pending;
    await srv.exited;
    st = await inspect(data);
    const third = st.uploads.find((u) => u.id === 'third');
    const thirdRecords = st.counts.find((c) => c.upload_id === 'third')?.n ?? 0;
    if (third) assert.equal(thirdRecords, 8000, 'if the upload committed, it committed whole');
    else assert.equal(thirdRecords, 0, `killed before commit (${outcome}): no partial records`);
    assert.equal(st.counts.find((c) => c.upload_id === 'first')?.n, 1000);
    assert.equal(st.audit.ok, true);

    // 4. retries store each upload exactly once
    srv = await startServer(data);
    assert.equal(srv.adminToken, null, 'the admin token is not printed again');
    assert.equal((await http(`${srv.url}/api/uploads/second`, 'PUT', practice, big)).status, 201);
    const r3 = await http(`${srv.url}/api/uploads/third`, 'PUT', practice, bigger);
    assert.equal(r3.status, third ? 200 : 201);
    assert.equal((await http(`${srv.url}/api/uploads/second`, 'PUT', practice, big)).json.status, 'already-stored');
    await stopServer(srv);
    st = await inspect(data);
    assert.deepEqual(st.counts, [{ upload_id: 'first', n: 1000 }, { upload_id: 'second', n: 3000 }, { upload_id: 'third', n: 8000 }]);
    assert.equal(st.audit.ok, true);
    for (const line of srv.stderr.join('').split('\n')) assert.ok(!/B1000|C1000|Name\d/.test(line), 'no record value in the server log');
  } finally { rmSync(data, { recursive: true, force: true }); }
});
