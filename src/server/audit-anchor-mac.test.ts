/**
 * What a verification says after an operator's re-anchoring, and the anchor's MAC.
 *
 * (a) A tail removed and the anchor deleted, then `--reanchor-audit`: the chain verifies from the `audit.reanchor`
 *     entry on, and that entry was the only trace — `audit verify` said "intact" (exit 0) and the API `ok: true`. Both
 *     now name it (`status: "reanchored"`, `reanchors`), and the CLI exits 4.
 * (b) A tail removed and the anchor rewritten as a plain {seq, hash} of the shortened head: the service started and
 *     every verification passed. The anchor now carries an HMAC under a key derived from the observatory key; an
 *     earlier version's anchor (no MAC) is accepted once and keyed.
 * (c) The reviewer's downgrade: (b) with the "keyed" settings row deleted too — the plain anchor passed for an earlier
 *     version's (stderr note only; verify exit 0 with the key). Now the chain says the store is keyed (its bootstrap
 *     entry, or an `audit.anchor-keyed` entry), and every acceptance of an anchor without MAC is an
 *     `audit.anchor-keyed` entry that verification reports (status "reanchored", exit 4).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnonymatError } from '../errors.ts';
import { openService } from './service.ts';
import { entryHash, GENESIS, readAnchor } from './audit.ts';
import { openStore } from './store/index.ts';
import { startHarness, TEST_KEY, TEST_KEY_HEX } from '../../test/server/helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const quiet = { key: TEST_KEY, log: () => undefined, webDir: null } as const;
const OTHER_KEY_HEX = '5a'.repeat(32);

function verifyCli(dir: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): { status: number; stdout: string; out: string } {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  if (!('ANONYMAT_OBSERVATORY_KEY' in env)) delete e.ANONYMAT_OBSERVATORY_KEY;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify', '--data', dir, ...extra], { cwd: root, encoding: 'utf8', env: e });
  return { status: r.status ?? -1, stdout: r.stdout, out: r.stdout + r.stderr };
}

/** A store with a few audited actions, stopped; its anchor file and head. */
async function stoppedStore(): Promise<{ dir: string; anchorFile: string; headSeq: number; tokens: Record<string, string>; close(): Promise<void> }> {
  const h = await startHarness();
  await h.call('POST', '/api/session', { token: h.tokens.dpo });
  await h.call('POST', '/api/panel/enrol', { token: h.tokens.practice, json: { noticeVersion: '2026-1' } });
  await h.service.close();
  const anchorFile = join(h.dir, 'audit-head.json');
  return { dir: h.dir, anchorFile, headSeq: readAnchor(anchorFile)!.seq, tokens: h.tokens, close: () => h.close().catch(() => undefined) };
}

/** Removes the last `n` entries; returns the shortened head. */
async function truncate(dir: string, n: number): Promise<{ seq: number; hash: string }> {
  const s = await openStore({ data: dir });
  try {
    const top = Number((await s.all('SELECT MAX(seq) AS m FROM audit_log'))[0]!.m);
    await s.run('DELETE FROM audit_log WHERE seq > $1', [top - n]);
    const last = (await s.all('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'))[0]!;
    return { seq: Number(last.seq), hash: String(last.hash) };
  } finally { await s.close(); }
}

/**
 * Turns a stopped store into what an earlier version (anchors without MAC) left: no "keyed" setting, a bootstrap entry
 * that does not name the MAC scheme (the chain rehashed), a plain anchor at the head. Returns that head.
 */
async function asEarlierVersion(dir: string, anchorFile: string): Promise<{ seq: number; hash: string }> {
  const s = await openStore({ data: dir });
  try {
    const rows = await s.all('SELECT seq, logged_at, actor, action, subject, detail FROM audit_log ORDER BY seq');
    let prev = GENESIS;
    for (const r of rows) {
      const d = JSON.parse(String(r.detail)) as Record<string, unknown>;
      delete d.anchorMac;
      const detail = JSON.stringify(d);
      const hash = entryHash(prev, Number(r.seq), String(r.logged_at), String(r.actor), String(r.action), String(r.subject), detail);
      await s.run('UPDATE audit_log SET detail = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [detail, prev, hash, Number(r.seq)]);
      prev = hash;
    }
    await s.run("DELETE FROM settings WHERE key = 'audit_anchor_mac'");
    const head = { seq: Number(rows[rows.length - 1]!.seq), hash: prev };
    writeFileSync(anchorFile, JSON.stringify(head) + '\n');
    return head;
  } finally { await s.close(); }
}

/** The reviewer's downgrade: the last `n` entries removed, the "keyed" setting deleted, a plain anchor at the shortened head. */
async function downgrade(dir: string, anchorFile: string, n: number): Promise<{ seq: number; hash: string }> {
  const short = await truncate(dir, n);
  const s = await openStore({ data: dir });
  await s.run("DELETE FROM settings WHERE key = 'audit_anchor_mac'");
  await s.close();
  writeFileSync(anchorFile, JSON.stringify(short) + '\n');
  return short;
}

test('(a) truncated, anchor deleted, re-anchored: the API and `audit verify` (text, --json) name the audit.reanchor entry; exit 4', async () => {
  const st = await stoppedStore();
  try {
    const short = await truncate(st.dir, 3);
    rmSync(st.anchorFile);
    const t = new Date('2026-12-01T10:00:00.000Z');
    const svc = await openService({ data: st.dir, ...quiet, now: () => t, reanchorAudit: true });
    const n = short.seq + 1;
    const expected = `intact since entry #${n}; re-anchored by the operator at entry #${n} (previous head #${short.seq}, ${t.toISOString()}): entries removed before that could not be detected`;
    try {
      assert.equal(svc.reanchored?.entry.seq, n);
      const r = await svc.app.request('/api/audit/verify', { headers: { authorization: `Bearer ${st.tokens.dpo}` } });
      assert.equal(r.status, 200);
      const v = await r.json() as { ok: boolean; status: string; anchorMac: string; reanchors: { seq: number; previousHead: number; loggedAt: string; message: string }[] };
      assert.equal(v.ok, true, 'the chain does verify from the re-anchoring on');
      assert.equal(v.status, 'reanchored');
      assert.equal(v.anchorMac, 'verified', 'the service checks its own anchor with its key');
      assert.equal(v.reanchors.length, 1);
      assert.equal(v.reanchors[0]!.seq, n);
      assert.equal(v.reanchors[0]!.previousHead, short.seq);
      assert.equal(v.reanchors[0]!.loggedAt, t.toISOString());
      assert.equal(v.reanchors[0]!.message, expected);
    } finally { await svc.close(); }
    // text: not "intact" as a plain pass; the entry, its previous head and its time are named; exit 4
    let c = verifyCli(st.dir);
    assert.equal(c.status, 4, c.out);
    assert.match(c.stdout, new RegExp(`INTACT ONLY SINCE ENTRY #${n}`));
    assert.ok(c.stdout.includes(expected), c.stdout);
    assert.doesNotMatch(c.stdout, /^audit log intact:/m);
    // --json: a `reanchors` array, status "reanchored"
    c = verifyCli(st.dir, ['--json']);
    assert.equal(c.status, 4, c.out);
    const j = JSON.parse(c.stdout);
    assert.equal(j.status, 'reanchored');
    assert.deepEqual(j.reanchors.map((x: { message: string }) => x.message), [expected]);
    // a log that also breaks after the re-anchoring: exit 3, the re-anchoring still named (without "intact since")
    const s = await openStore({ data: st.dir });
    await s.run("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2");
    await s.close();
    c = verifyCli(st.dir, ['--json']);
    assert.equal(c.status, 3, c.out);
    const b = JSON.parse(c.stdout);
    assert.equal(b.status, 'broken');
    assert.match(b.reanchors[0].message, new RegExp(`^re-anchored by the operator at entry #${n} `));
  } finally { await st.close(); }
});

test('an intact log without re-anchoring: status "intact", no reanchors, exit 0', async () => {
  const st = await stoppedStore();
  try {
    const c = verifyCli(st.dir, ['--json']);
    assert.equal(c.status, 0, c.out);
    const j = JSON.parse(c.stdout);
    assert.equal(j.status, 'intact');
    assert.deepEqual(j.reanchors, []);
  } finally { await st.close(); }
});

test('(b) truncated and the anchor rewritten as a plain {seq, hash} of the shortened head: the service does not start; verify exits 3', async () => {
  const st = await stoppedStore();
  try {
    const short = await truncate(st.dir, 3);
    writeFileSync(st.anchorFile, JSON.stringify(short) + '\n');
    await assert.rejects(openService({ data: st.dir, ...quiet }), (e: unknown) => {
      assert.ok(e instanceof AnonymatError);
      assert.equal(e.code, 'conflict');
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /carries no MAC/);
      assert.ok(e.message.includes(st.anchorFile));
      return true;
    });
    assert.deepEqual(JSON.parse(readFileSync(st.anchorFile, 'utf8')), short, 'a refused start leaves the evidence as it was');
    // no key needed to see it: this store's anchors are keyed
    const c = verifyCli(st.dir, ['--json']);
    assert.equal(c.status, 3, c.out);
    assert.ok(JSON.parse(c.stdout).problems.some((p: { kind: string }) => p.kind === 'anchor-unkeyed'), c.stdout);
  } finally { await st.close(); }
});

test('(b) an anchor whose MAC does not verify (forged without the key) is corruption: the service does not start; verify with the key exits 3, without it says the MAC was not checked', async () => {
  const st = await stoppedStore();
  const keyFile = join(st.dir, 'key.hex');
  const otherKeyFile = join(st.dir, 'other.hex');
  writeFileSync(keyFile, TEST_KEY_HEX + '\n', { mode: 0o600 });
  writeFileSync(otherKeyFile, OTHER_KEY_HEX + '\n', { mode: 0o600 });
  try {
    const original = JSON.parse(readFileSync(st.anchorFile, 'utf8'));
    assert.match(original.mac, /^[0-9a-f]{64}$/, 'the service writes a MAC with the anchor');
    assert.ok(!readFileSync(st.anchorFile, 'utf8').includes(TEST_KEY_HEX), 'never the key');
    // with the key: verified, exit 0
    let c = verifyCli(st.dir, ['--key-file', keyFile, '--json']);
    assert.equal(c.status, 0, c.out);
    assert.equal(JSON.parse(c.stdout).anchorMac, 'verified');
    c = verifyCli(st.dir, ['--key-file', keyFile]);
    assert.match(c.stdout, /anchor matches, its MAC verified/);
    // the key from the environment, as the service reads it
    c = verifyCli(st.dir, ['--json'], { ANONYMAT_OBSERVATORY_KEY: TEST_KEY_HEX });
    assert.equal(JSON.parse(c.stdout).anchorMac, 'verified', c.out);
    // without a key: said so
    c = verifyCli(st.dir);
    assert.equal(c.status, 0, c.out);
    assert.match(c.stdout, /the anchor's MAC was NOT checked \(no key: give --key-file/);
    assert.equal(JSON.parse(verifyCli(st.dir, ['--json']).stdout).anchorMac, 'not-checked');
    // another key than the store's is refused (it would call every anchor forged)
    c = verifyCli(st.dir, ['--key-file', otherKeyFile]);
    assert.equal(c.status, 2, c.out);
    assert.match(c.out, /not the observatory key of this store/);
    assert.ok(!c.out.includes(OTHER_KEY_HEX));

    // forged: the shortened head with a MAC made under another key
    const short = await truncate(st.dir, 3);
    const { createHmac } = await import('node:crypto');
    const forgedMac = createHmac('sha256', Buffer.from(OTHER_KEY_HEX, 'hex')).update(`anonymat audit anchor v1\n${short.seq}\n${short.hash}`).digest('hex');
    writeFileSync(st.anchorFile, JSON.stringify({ ...short, mac: forgedMac }) + '\n');
    await assert.rejects(openService({ data: st.dir, ...quiet }), (e: unknown) => e instanceof AnonymatError && e.code === 'conflict' && /does not carry the service's MAC/.test(e.message));
    c = verifyCli(st.dir, ['--key-file', keyFile, '--json']);
    assert.equal(c.status, 3, c.out);
    const j = JSON.parse(c.stdout);
    assert.equal(j.anchorMac, 'mismatch');
    assert.ok(j.problems.some((p: { kind: string }) => p.kind === 'anchor-mac'), c.stdout);
    // (without the key the forgery cannot be told: the result says the MAC was not checked)
    c = verifyCli(st.dir);
    assert.match(c.stdout, /MAC was NOT checked/);
  } finally { await st.close(); }
});

test('an anchor written by an earlier version (no MAC, store not yet keyed) is accepted once, rewritten with a MAC, noted; after that a plain anchor is refused', async () => {
  const st = await stoppedStore();
  try {
    // the state an earlier version left: a plain anchor, no "anchors keyed" setting, no keyed version's entry
    const head = await asEarlierVersion(st.dir, st.anchorFile);
    let c = verifyCli(st.dir, ['--json']);
    assert.equal(c.status, 0, c.out);
    assert.equal(JSON.parse(c.stdout).anchorMac, 'absent');
    assert.match(verifyCli(st.dir).stdout, /carries no MAC \(written by an earlier version/);

    const notes: string[] = [];
    const svc = await openService({ data: st.dir, ...quiet, notice: (l) => notes.push(l) });
    await svc.close();
    assert.equal(notes.length, 1, notes.join('\n'));
    assert.match(notes[0]!, /carried no MAC: it was written by an earlier version of anonymat/);
    assert.match(notes[0]!, /accepted this once, recorded in the audit log \(audit.anchor-keyed, entry #\d+/);
    assert.ok(!notes[0]!.includes(TEST_KEY_HEX));
    // the acceptance is an entry of its own, and the keyed anchor is written at it (it covers it)
    const upgraded = JSON.parse(readFileSync(st.anchorFile, 'utf8'));
    assert.equal(upgraded.seq, head.seq + 1);
    assert.match(upgraded.mac, /^[0-9a-f]{64}$/);
    c = verifyCli(st.dir, ['--json'], { ANONYMAT_OBSERVATORY_KEY: TEST_KEY_HEX });
    assert.equal(c.status, 4, c.out);
    const j = JSON.parse(c.stdout);
    assert.equal(j.anchorMac, 'verified');
    assert.equal(j.status, 'reanchored');
    assert.deepEqual(j.reanchors.map((r: { seq: number; action: string; unkeyedAnchor: number }) => [r.seq, r.action, r.unkeyedAnchor]), [[head.seq + 1, 'audit.anchor-keyed', head.seq]]);
    assert.match(j.reanchors[0].message, new RegExp(`^intact since entry #${head.seq + 1}; an anchor without MAC was accepted at entry #${head.seq + 1} .*: entries removed before that could not be detected$`));
    // the next start says nothing; the next append keeps the MAC
    const notes2: string[] = [];
    const again = await openService({ data: st.dir, ...quiet, notice: (l) => notes2.push(l) });
    const r = await again.app.request('/api/session', { method: 'POST', headers: { authorization: `Bearer ${st.tokens.dpo}` } });
    assert.equal(r.status, 200);
    await again.close();
    assert.deepEqual(notes2, []);
    const after = JSON.parse(readFileSync(st.anchorFile, 'utf8'));
    assert.equal(after.seq, head.seq + 2);
    assert.match(after.mac, /^[0-9a-f]{64}$/);
    // accepted once: a plain anchor now is one written over the service's
    writeFileSync(st.anchorFile, JSON.stringify({ seq: after.seq, hash: after.hash }) + '\n');
    await assert.rejects(openService({ data: st.dir, ...quiet }), /carries no MAC, but this store's anchors have carried one/);
  } finally { await st.close(); }
});

test('the anchor key is derived (HKDF, its own label): neither the observatory key nor an HMAC of it over a label a pseudonym could take', async () => {
  const { auditAnchorKey, keyCheckValue } = await import('./keys.ts');
  const { createHmac } = await import('node:crypto');
  const k = auditAnchorKey(TEST_KEY);
  assert.equal(k.length, 32);
  assert.notDeepEqual(new Uint8Array(k), TEST_KEY);
  assert.deepEqual(auditAnchorKey(TEST_KEY), k, 'deterministic');
  assert.notDeepEqual(auditAnchorKey(new Uint8Array(Buffer.from(OTHER_KEY_HEX, 'hex'))), k);
  for (const label of ['audit anchor mac v1', 'anonymat observatory audit anchor mac v1']) {
    assert.notEqual(createHmac('sha256', TEST_KEY).update(label).digest('hex'), k.toString('hex'));
  }
  assert.ok(!k.toString('hex').startsWith(keyCheckValue(TEST_KEY)));
});

test('downgrade (reviewer\'s scenario): truncated, the "keyed" setting deleted, a plain anchor at the shortened head — in a store created with keyed anchors, refused by the chain itself', async () => {
  const st = await stoppedStore();
  try {
    const short = await downgrade(st.dir, st.anchorFile, 3);
    await assert.rejects(openService({ data: st.dir, ...quiet, notice: () => undefined }), (e: unknown) =>
      e instanceof AnonymatError && e.code === 'conflict' && /carries no MAC/.test(e.message) && /entry #1 of the log was written by a version with keyed anchors/.test(e.message));
    assert.deepEqual(JSON.parse(readFileSync(st.anchorFile, 'utf8')), short, 'the refused start leaves the evidence as it was');
    // no key needed, no settings row needed: verify exits 3 (it exited 0, with the key too)
    for (const env of [{}, { ANONYMAT_OBSERVATORY_KEY: TEST_KEY_HEX }]) {
      const c = verifyCli(st.dir, ['--json'], env);
      assert.equal(c.status, 3, c.out);
      assert.ok(JSON.parse(c.stdout).problems.some((p: { kind: string }) => p.kind === 'anchor-unkeyed'), c.stdout);
    }
  } finally { await st.close(); }
});

test('downgrade of an upgraded store: once the log holds its audit.anchor-keyed entry a plain anchor after it is refused whatever the settings say; truncated to before it, the acceptance is a new entry that every verification reports', async () => {
  const st = await stoppedStore();
  try {
    const old = await asEarlierVersion(st.dir, st.anchorFile);
    const svc = await openService({ data: st.dir, ...quiet, notice: () => undefined });
    const r = await svc.app.request('/api/session', { method: 'POST', headers: { authorization: `Bearer ${st.tokens.dpo}` } });
    assert.equal(r.status, 200);
    await svc.close();
    const keyedAt = old.seq + 1;
    // the tail after the audit.anchor-keyed entry removed, the setting deleted, a plain anchor: refused, verify exits 3
    await downgrade(st.dir, st.anchorFile, 1);
    await assert.rejects(openService({ data: st.dir, ...quiet, notice: () => undefined }), new RegExp(`carries no MAC.*entry #${keyedAt} of the log was written by a version with keyed anchors`));
    let c = verifyCli(st.dir, ['--json']);
    assert.equal(c.status, 3, c.out);
    // truncated to before that entry (it goes too): the plain anchor is accepted once more — and recorded again
    const short = await downgrade(st.dir, st.anchorFile, 2);
    assert.equal(short.seq, old.seq - 1);
    const notes: string[] = [];
    const again = await openService({ data: st.dir, ...quiet, notice: (l) => notes.push(l) });
    const v = await (await again.app.request('/api/audit/verify', { headers: { authorization: `Bearer ${st.tokens.dpo}` } })).json() as { ok: boolean; status: string; reanchors: { seq: number; action: string; unkeyedAnchor: number; message: string }[] };
    await again.close();
    assert.equal(notes.length, 1);
    assert.equal(v.ok, true);
    assert.equal(v.status, 'reanchored');
    assert.deepEqual(v.reanchors.map((x) => [x.seq, x.action, x.unkeyedAnchor]), [[short.seq + 1, 'audit.anchor-keyed', short.seq]]);
    c = verifyCli(st.dir, [], { ANONYMAT_OBSERVATORY_KEY: TEST_KEY_HEX });
    assert.equal(c.status, 4, c.out);
    assert.match(c.stdout, new RegExp(`INTACT ONLY SINCE ENTRY #${short.seq + 1}`));
    assert.match(c.stdout, new RegExp(`#${short.seq + 1} audit.anchor-keyed: intact since entry #${short.seq + 1}; an anchor without MAC was accepted at entry #${short.seq + 1} \\(anchor at entry #${short.seq}, `));
  } finally { await st.close(); }
});
