/**
 * Appends under concurrent writers (PostgreSQL, several instances on one store): another instance may commit the seq
 * this one read as next. The append reads the head again (bounded), or reports `conflict` — a raw unique violation
 * (23505) aborted the transaction and left the service as an internal error (500), the re-anchoring at start as an
 * unexplained failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnonymatError } from '../errors.ts';
import { appendAudit, AUDIT_APPEND_ATTEMPTS, entryHash, GENESIS, readAudit, verifyAudit, type AuditHead } from './audit.ts';
import { openService } from './service.ts';
import type { Queryable, Row, SqlValue } from './store/types.ts';
import { TEST_KEY } from '../../test/server/helpers.ts';
import { startThrowawayPg } from '../../test/server/pg-helper.ts';

/**
 * An audit_log in memory that behaves as PostgreSQL does for a conflicting insert: a plain INSERT of a taken seq throws
 * the unique violation, one with ON CONFLICT does nothing. `rival` runs before each insert: another instance's commit.
 */
function fakeLog(rival: (rows: Map<number, string>) => void): Queryable & { rows: Map<number, string> } {
  const rows = new Map<number, string>();
  return {
    rows,
    async all(sql: string): Promise<Row[]> {
      assert.match(sql, /SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1/);
      const top = Math.max(0, ...rows.keys());
      return top ? [{ seq: top, hash: rows.get(top)! }] : [];
    },
    async run(sql: string, params: SqlValue[] = []): Promise<number> {
      assert.match(sql, /^INSERT INTO audit_log/);
      rival(rows);
      const seq = Number(params[0]);
      if (rows.has(seq)) {
        if (/ON CONFLICT/i.test(sql)) return 0;
        throw Object.assign(new Error('duplicate key value violates unique constraint "audit_log_pkey"'), { code: '23505' });
      }
      rows.set(seq, String(params[7]));
      return 1;
    },
  };
}

/** Another writer's entry after the current head. */
function commitOther(rows: Map<number, string>): void {
  const top = Math.max(0, ...rows.keys());
  rows.set(top + 1, entryHash(rows.get(top) ?? GENESIS, top + 1, '2026-01-01T00:00:00.000Z', 'other', 'login', 'x', '{}'));
}

test('another instance takes the seq once: the append reads the head again and chains from the other entry', async () => {
  let once = true;
  const log = fakeLog((rows) => { if (once) { once = false; commitOther(rows); } });
  commitOther(log.rows);
  const seen: (AuditHead | null)[] = [];
  const head = await appendAudit(log, new Date('2026-02-01T00:00:00.000Z'), 'operator', 'audit.reanchor', 'anchor:x', (previous) => { seen.push(previous); return { previousHead: previous }; });
  assert.equal(head.seq, 3);
  assert.deepEqual(seen.map((h) => h?.seq), [1, 2], 'the detail is computed again for the head the entry chains from');
  assert.equal(head.hash, entryHash(log.rows.get(2)!, 3, '2026-02-01T00:00:00.000Z', 'operator', 'audit.reanchor', 'anchor:x', JSON.stringify({ previousHead: { seq: 2, hash: log.rows.get(2)! } })));
});

test('a log that keeps moving: `conflict` after a bounded number of attempts, never the raw unique violation', async () => {
  let inserts = 0;
  const log = fakeLog((rows) => { inserts++; commitOther(rows); });
  await assert.rejects(appendAudit(log, new Date(), 'system', 'login', 'x'), (e: unknown) => {
    assert.ok(e instanceof AnonymatError, `an AnonymatError, not ${(e as Error).message}`);
    assert.equal(e.code, 'conflict');
    assert.equal(e.httpStatus, 409);
    assert.match(e.message, /other instances writing/);
    return true;
  });
  assert.equal(inserts, AUDIT_APPEND_ATTEMPTS);
});

test('PostgreSQL, two instances: appends of both and re-anchorings of a new instance while the other appends — no 500, no failed start, one chain', async (t) => {
  const pg = await startThrowawayPg();
  if ('skip' in pg) { t.skip(pg.skip); return; }
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-pg-append-'));
  const base = { database: pg.url, key: TEST_KEY, log: () => undefined, webDir: null, notice: () => undefined } as const;
  try {
    const a = await openService({ ...base, auditAnchor: join(dir, 'a.json') });
    const admin = a.bootstrapToken!;
    const failures: string[] = [];
    let stop = false;
    let ok = 0;
    const hammer = (svc: typeof a) => (async () => {
      while (!stop) {
        const r = await svc.app.request('/api/accounts', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', role: 'dpo' }) });
        if (r.status === 200) ok++; else failures.push(`${r.status} ${await r.text()}`);
      }
    })();
    const loops = [hammer(a), hammer(a)];
    const reanchored: number[] = [];
    for (let i = 0; i < 6; i++) {
      // a new instance with its own anchor file: --reanchor-audit once, while the other appends
      const b = await openService({ ...base, auditAnchor: join(dir, `b${i}.json`), reanchorAudit: true });
      reanchored.push(b.reanchored!.entry.seq);
      const bl = hammer(b);
      await new Promise((r) => setTimeout(r, 50));
      stop = true;
      await bl;
      stop = false;
      loops.push(hammer(a));
      await b.close();
    }
    stop = true;
    await Promise.all(loops);
    assert.deepEqual(failures, []);
    assert.ok(ok > 20, `appends made: ${ok}`);
    const v = await verifyAudit(a.store, null);
    assert.equal(v.ok, true, JSON.stringify(v.problems));
    assert.deepEqual(v.reanchors.map((r) => r.seq), reanchored);
    // each audit.reanchor names the head it chains from
    const entries = await readAudit(a.store);
    for (const e of entries.filter((x) => x.action === 'audit.reanchor')) {
      const prev = entries.find((x) => x.seq === e.seq - 1)!;
      assert.deepEqual(e.detail.previousHead, { seq: prev.seq, hash: prev.hash });
      assert.equal(e.prevHash, prev.hash);
    }
    await a.close();
  } finally { rmSync(dir, { recursive: true, force: true }); await pg.stop(); }
});
