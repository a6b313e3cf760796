/**
 * Ledger: exact admission (1/10 + 9/10 = 1 is admitted, one more 1/10 is not), a refusal spends
 * nothing, concurrent spends never overspend — within one process (several connections) and across
 * processes (each opens the DuckDB file, waits for the lock, spends once).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openLedger } from './ledger.ts';
import { rat } from './rational.ts';

const zc = (n: bigint, d: bigint) => ({ measure: 'zcdp' as const, amount: rat(n, d), delta: rat(0n) });

test('exact admission: 1/10 + 9/10 fits a budget of 1, the next 1/10 is refused and spends nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-ledger-'));
  try {
    const l = await openLedger(join(dir, 'l.duckdb'));
    await l.allocate('c', 'd', { measure: 'zcdp', total: rat(1n), delta: rat(1n, 1_000_000n) });
    assert.equal((await l.spend('c', 'd', zc(1n, 10n), 'q1')).ok, true);
    assert.equal((await l.spend('c', 'd', zc(9n, 10n), 'q2')).ok, true);
    const r = await l.spend('c', 'd', zc(1n, 10n), 'q3');
    assert.equal(r.ok, false);
    assert.equal(r.budget.remaining, '0');
    assert.equal((await l.get('c', 'd'))!.spent, '1');
    // δ is a separate exact budget
    await l.allocate('c', 'e', { measure: 'zcdp', total: rat(1n), delta: rat(1n, 1_000_000n) });
    assert.equal((await l.spend('c', 'e', { measure: 'zcdp', amount: rat(0n), delta: rat(2n, 1_000_000n) }, 'q')).ok, false);
    // per client AND per data set
    assert.equal(await l.get('other', 'd'), null);
    assert.equal((await l.list()).length, 2);
    l.close();
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('an already-open DuckDB connection can host the ledger; concurrent connections cannot overspend', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const cons = await Promise.all(Array.from({ length: 6 }, () => inst.connect()));
  const ledgers = await Promise.all(cons.map((c) => openLedger(c)));
  await ledgers[0]!.allocate('c', 'd', { measure: 'pure-dp', total: rat(1n) });
  // 6 connections × 5 attempts of ε = 1/7: only 7 may succeed
  const results = await Promise.all(ledgers.flatMap((l) => Array.from({ length: 5 }, () => l.spend('c', 'd', { measure: 'pure-dp', amount: rat(1n, 7n), delta: rat(0n) }, 'q'))));
  assert.equal(results.filter((r) => r.ok).length, 7);
  assert.equal((await ledgers[0]!.get('c', 'd'))!.spent, '1');
  for (const c of cons) c.closeSync();
  inst.closeSync();
});

test('one file opened twice in one process: the two Ledgers share its instance and cannot overspend, and nothing is lost', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-ledger-'));
  const file = join(dir, 'l.duckdb');
  try {
    const l0 = await openLedger(file);
    await l0.allocate('c', 'd', { measure: 'zcdp', total: rat(1n) });
    l0.close();
    // (a service opening the ledger per request: two instances of one file would each admit ρ = 1 against 1)
    const [l1, l2] = await Promise.all([openLedger(file), openLedger(join(dir, '.', 'l.duckdb'))]);
    const [a, b] = await Promise.all([l1.spend('c', 'd', zc(1n, 1n), 'A'), l2.spend('c', 'd', zc(1n, 1n), 'B')]);
    assert.equal([a, b].filter((r) => r.ok).length, 1);
    assert.equal((await l2.get('c', 'd'))!.spent, '1');
    l1.close();
    // the other Ledger still works after the first is closed; the file keeps the spend after both are
    assert.equal((await l2.spend('c', 'd', zc(1n, 10n), 'C')).ok, false);
    l2.close();
    const l3 = await openLedger(file);
    assert.equal((await l3.get('c', 'd'))!.spent, '1');
    l3.close();
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('two Ledgers on one shared connection queue their transactions together: every spend is answered, none overspends', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  const ledgers = await Promise.all([openLedger(con), openLedger(con), openLedger(con)]);
  await ledgers[0]!.allocate('c', 'd', { measure: 'pure-dp', total: rat(1n) });
  const results = await Promise.all(ledgers.flatMap((l) => Array.from({ length: 20 }, () => l.spend('c', 'd', { measure: 'pure-dp', amount: rat(1n, 10n), delta: rat(0n) }, 'q'))));
  assert.equal(results.filter((r) => r.ok).length, 10);
  assert.equal((await ledgers[1]!.get('c', 'd'))!.spent, '1');
  const spends = (await con.runAndReadAll('SELECT count(*)::INTEGER AS n FROM dp_spends')).getRowObjectsJS()[0]!.n;
  assert.equal(spends, 10);
  con.closeSync();
  inst.closeSync();
});

test('concurrent processes spending on one ledger file never overspend', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-ledger-'));
  const file = join(dir, 'l.duckdb');
  try {
    const l = await openLedger(file);
    await l.allocate('c', 'd', { measure: 'zcdp', total: rat(2n, 10n) }); // room for 2 spends of 1/10
    l.close();
    const worker = fileURLToPath(new URL('./testing/spend-worker.ts', import.meta.url));
    const codes = await Promise.all(Array.from({ length: 4 }, () => new Promise<number>((resolve, reject) => {
      const p = spawn(process.execPath, ['--import', 'tsx', worker, file, 'c', 'd', '1/10'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      p.stderr.on('data', (b) => { err += b; });
      p.on('error', reject);
      p.on('exit', (code) => (code === 0 || code === 3 ? resolve(code) : reject(new Error(`worker exit ${code}: ${err}`))));
    })));
    assert.equal(codes.filter((c) => c === 0).length, 2, `exit codes ${codes.join(',')}`);
    const l2 = await openLedger(file);
    assert.equal((await l2.get('c', 'd'))!.spent, '1/5');
    l2.close();
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('one ledger file through two hard-linked paths in one process is one ledger: the allocation is not spent twice', async () => {
  const { linkSync } = await import('node:fs');
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-ledger-link-'));
  try {
    const c = { measure: 'zcdp' as const, amount: rat(1n), delta: rat(0n) };
    // (a file that exists before it is opened, then one this opening creates and that is linked while open)
    const a0 = await openLedger(join(dir, 'a.duckdb'));
    await a0.allocate('c', 'd', { measure: 'zcdp', total: rat(1n) });
    a0.close();
    linkSync(join(dir, 'a.duckdb'), join(dir, 'b.duckdb'));
    const la = await openLedger(join(dir, 'a.duckdb')), lb = await openLedger(join(dir, 'b.duckdb'));
    const ok = [(await la.spend('c', 'd', c, 'q1')).ok, (await lb.spend('c', 'd', c, 'q2')).ok];
    la.close(); lb.close();
    assert.deepEqual(ok, [true, false]);
    const lx = await openLedger(join(dir, 'x.duckdb'));
    await lx.allocate('c', 'd', { measure: 'zcdp', total: rat(1n) });
    linkSync(join(dir, 'x.duckdb'), join(dir, 'y.duckdb'));
    const ly = await openLedger(join(dir, 'y.duckdb'));
    const ok2 = [(await lx.spend('c', 'd', c, 'q1')).ok, (await ly.spend('c', 'd', c, 'q2')).ok];
    lx.close(); ly.close();
    assert.deepEqual(ok2, [true, false]);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('two openings of one new ledger file, the second while the first is still creating it, are one ledger', async () => {
  const { existsSync } = await import('node:fs');
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-ledger-race-'));
  try {
    const path = join(dir, 'l.duckdb');
    const p1 = openLedger(path);
    const t0 = Date.now();
    while (!existsSync(path) && Date.now() - t0 < 5000) { /* the thread pool creates the file */ }
    const [l1, l2] = await Promise.all([p1, openLedger(path)]);
    await l1.allocate('c', 'd', { measure: 'zcdp', total: rat(1n) });
    const c = { measure: 'zcdp' as const, amount: rat(1n), delta: rat(0n) };
    const ok = [(await l1.spend('c', 'd', c, 'q1')).ok, (await l2.spend('c', 'd', c, 'q2')).ok];
    l1.close(); l2.close();
    assert.deepEqual(ok, [true, false]);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a symbolic link to a ledger file not created yet is that file: two openings through both paths are one ledger', async () => {
  const { symlinkSync } = await import('node:fs');
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-ledger-link-new-'));
  try {
    symlinkSync(join(dir, 'l.duckdb'), join(dir, 'link.duckdb'));
    const [l1, l2] = await Promise.all([openLedger(join(dir, 'l.duckdb')), openLedger(join(dir, 'link.duckdb'))]);
    await l1.allocate('c', 'd', { measure: 'zcdp', total: rat(1n) });
    const c = { measure: 'zcdp' as const, amount: rat(1n), delta: rat(0n) };
    const ok = [(await l1.spend('c', 'd', c, 'q1')).ok, await l2.spend('c', 'd', c, 'q2').then((r) => r.ok, () => 'error')];
    l1.close(); l2.close();
    assert.deepEqual(ok, [true, false]);
  } finally { await rm(dir, { recursive: true, force: true }); }
});
