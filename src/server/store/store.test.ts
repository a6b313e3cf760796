import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from './index.ts';
import { MIGRATIONS } from './migrations.ts';
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
