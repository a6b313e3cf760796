import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from './index.ts';
import { MIGRATIONS, migrate } from './migrations.ts';
import { openDuckDBStore } from './duckdb.ts';
import { openPgStore } from './pg.ts';
import { startThrowawayPg } from '../../../test/server/pg-helper.ts';

/** The same behaviour on both stores: migrations, params, counts as numbers, rollback, updates. */
async function behaviour(store: Store): Promise<void> {
  const v = await store.all('SELECT version FROM schema_migrations ORDER BY version');
  assert.deepEqual(v.map((r) => r.version), MIGRATIONS.map((m) => m.version));
  await store.run(`INSERT INTO practices (id, name, created_at) VALUES ($1, $2, $3)`, ['p1', 'Cabinet A', '2026-01-01T00:00:00Z']);
  // a failing transaction leaves nothing behind
  await assert.rejects(store.transaction(async (tx) => {
    await tx.run(`INSERT INTO practices (id, name, created_at) VALUES ($1, $2, $3)`, ['p2', 'B', '2026-01-01T00:00:00Z']);
    throw new Error('boom');
  }), /boom/);
  const n = await store.all('SELECT COUNT(*) AS n FROM practices');
  assert.equal(n[0]!.n, 1); // a number on both drivers (DuckDB bigint, PG int8 string)
  // integer division differs between engines: we never rely on it; 7/2.0 is 3.5 on both
  const d = await store.all('SELECT 7 / 2.0 AS x');
  assert.equal(Number(d[0]!.x), 3.5);
  // conditional update returns the changed-row count (the ledger's optimistic check relies on it)
  await store.run(`INSERT INTO dp_budgets (client_id, total, spent, version, updated_at) VALUES ($1, '1/1', '0/1', 0, $2)`, ['c1', 'now']);
  assert.equal(await store.run(`UPDATE dp_budgets SET spent = $1, version = version + 1 WHERE client_id = $2 AND version = $3`, ['1/2', 'c1', 0]), 1);
  assert.equal(await store.run(`UPDATE dp_budgets SET spent = $1, version = version + 1 WHERE client_id = $2 AND version = $3`, ['1/1', 'c1', 0]), 0);
  const b = await store.all('SELECT spent, version FROM dp_budgets');
  assert.deepEqual(b, [{ spent: '1/2', version: 1 }]);
  // booleans and nulls round-trip
  await store.run(`INSERT INTO accounts (id, name, role, practice_id, client_id, created_at, disabled) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    ['a1', 'n', 'dpo', null, null, 'now', false]);
  assert.deepEqual(await store.all('SELECT practice_id, disabled FROM accounts'), [{ practice_id: null, disabled: false }]);
}

test('DuckDB store: migrations and portable SQL behaviour; migrations are idempotent on reopen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-store-'));
  try {
    const s = await openStore({ data: dir });
    await behaviour(s);
    await s.close();
    const again = await openStore({ data: dir });
    assert.equal((await again.all('SELECT COUNT(*) AS n FROM practices'))[0]!.n, 1);
    await again.close();
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('PostgreSQL store: the same behaviour with the same SQL', async (t) => {
  const pg = await startThrowawayPg();
  if ('skip' in pg) { t.skip(pg.skip); return; }
  try {
    const s = await openStore({ database: pg.url });
    await behaviour(s);
    await s.close();
  } finally { await pg.stop(); }
});

/**
 * Migration 3 on a store made by migrations 1–2: the uploads are kept, and an upload id is then per practice (the same id
 * for two practices stored, twice for one refused).
 */
async function uploadIdsPerPractice(store: Store): Promise<void> {
  await store.run(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const m of MIGRATIONS.filter((x) => x.version < 3)) {
    for (const st of m.statements) await store.run(st);
    await store.run(`INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, [m.version, m.name, 'then']);
  }
  const upload = (id: string, practice: string) => store.run(`INSERT INTO uploads (id, practice_id, format, content_sha256, received_at, records, patients, dropped_columns, pseudonymized_columns)
    VALUES ($1, $2, 'csv', 'x', '2026-01-01T00:00:00.000Z', 3, 2, '[]', '["patient_id"]')`, [id, practice]);
  await upload('u1', 'alpha');
  await assert.rejects(upload('u1', 'beta'), 'before: one id for all practices');
  assert.deepEqual(await migrate(store), [3]);
  assert.deepEqual(await store.all('SELECT id, practice_id, records FROM uploads'), [{ id: 'u1', practice_id: 'alpha', records: 3 }]);
  await upload('u1', 'beta');
  await assert.rejects(upload('u1', 'alpha'));
  assert.equal((await store.all('SELECT COUNT(*) AS n FROM uploads'))[0]!.n, 2);
}

test('migration 3 keeps the uploads and makes upload ids per practice, on DuckDB and PostgreSQL', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-store-'));
  try {
    const s = await openDuckDBStore(dir);
    try { await uploadIdsPerPractice(s); } finally { await s.close(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
  const pg = await startThrowawayPg();
  if ('skip' in pg) { t.diagnostic(pg.skip); return; }
  try {
    const s = await openPgStore(pg.url);
    try { await uploadIdsPerPractice(s); } finally { await s.close(); }
  } finally { await pg.stop(); }
});
