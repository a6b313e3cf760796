/**
 * The budget ledger: one allocation per (client, data set) in a DuckDB database, spent by
 * check-and-spend in ONE transaction.
 *
 * - Amounts are exact rationals stored as text "num/den" (never floats): ρ for a 'zcdp'
 *   allocation, ε for a 'pure-dp' one, plus a δ allocation.
 * - `spend` reads the allocation, decides admission exactly in BigInt, and updates it with an
 *   optimistic version check inside one transaction. Two connections spending at once conflict in
 *   DuckDB (one transaction aborts) and the loser retries from the start, so the sum of admitted
 *   charges never exceeds the allocation. Across processes, DuckDB's file lock serialises access;
 *   `openLedger(path)` waits (with backoff) for the lock instead of failing. Within a process, the
 *   Ledgers opened on one file share one DuckDB instance (a connection each), and those opened on
 *   one connection share one queue of transactions.
 * - A refused charge spends nothing and says what remains.
 *
 * Tables (prefixed dp_ so that the ledger can live in the observatory's own DuckDB store):
 *   dp_allocations(client, dataset, measure, total, total_delta, spent, spent_delta, version, updated_at)
 *   dp_spends(id, client, dataset, spent_at, measure, amount, delta, description)
 */
import { randomUUID, randomInt } from 'node:crypto';
import { closeSync, lstatSync, openSync, readSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AnonymatError } from '../errors.ts';
import type { Charge, LedgerMeasure } from './accountant.ts';
import { displayApproxDp } from './accountant.ts';
import { type Rational, add, sub, cmp, fromString, toString, toNumber, ZERO } from './rational.ts';

export interface Allocation {
  client: string;
  dataset: string;
  measure: LedgerMeasure;
  total: Rational;
  totalDelta: Rational;
  spent: Rational;
  spentDelta: Rational;
}

export interface BudgetView {
  client: string;
  dataset: string;
  measure: LedgerMeasure;
  /** Exact amounts as "num/den" text; ρ for zcdp, ε for pure-dp. */
  total: string; spent: string; remaining: string;
  totalDelta: string; spentDelta: string; remainingDelta: string;
  /** Approximate decimals, for reading. */
  approx: { total: number; spent: number; remaining: number; remainingDelta: number };
  /** zcdp only: (ε, δ) equivalent of the spent ρ (display only, CKS20 Cor. 13 at δ = 1e-6). */
  spentAsApproxDp?: { epsilon: number; delta: number };
}

export type SpendResult =
  | { ok: true; spendId: string; budget: BudgetView }
  | { ok: false; reason: string; budget: BudgetView };

export interface Ledger {
  /** Sets (or changes) the allocation of a client on a data set; spent amounts are kept. */
  allocate(client: string, dataset: string, a: { measure: LedgerMeasure; total: Rational; delta?: Rational }): Promise<BudgetView>;
  /** Check and spend in one transaction. Never overspends; a refusal spends nothing. */
  spend(client: string, dataset: string, c: Charge, description: string): Promise<SpendResult>;
  /** One allocation, or null when none exists. */
  get(client: string, dataset: string): Promise<BudgetView | null>;
  /** Every allocation (optionally of one client / data set), ordered by client then data set. */
  list(filter?: { client?: string; dataset?: string }): Promise<BudgetView[]>;
  /** Closes what openLedger opened (not a connection that was passed in). */
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dp_allocations (
  client VARCHAR NOT NULL, dataset VARCHAR NOT NULL, measure VARCHAR NOT NULL,
  total VARCHAR NOT NULL, total_delta VARCHAR NOT NULL, spent VARCHAR NOT NULL, spent_delta VARCHAR NOT NULL,
  version BIGINT NOT NULL, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (client, dataset));
CREATE TABLE IF NOT EXISTS dp_spends (
  id VARCHAR PRIMARY KEY, client VARCHAR NOT NULL, dataset VARCHAR NOT NULL, spent_at TIMESTAMP NOT NULL,
  measure VARCHAR NOT NULL, amount VARCHAR NOT NULL, delta VARCHAR NOT NULL, description VARCHAR NOT NULL);`;

function view(a: Allocation): BudgetView {
  const remaining = sub(a.total, a.spent), remainingDelta = sub(a.totalDelta, a.spentDelta);
  const v: BudgetView = {
    client: a.client, dataset: a.dataset, measure: a.measure,
    total: toString(a.total), spent: toString(a.spent), remaining: toString(remaining),
    totalDelta: toString(a.totalDelta), spentDelta: toString(a.spentDelta), remainingDelta: toString(remainingDelta),
    approx: { total: toNumber(a.total), spent: toNumber(a.spent), remaining: toNumber(remaining), remainingDelta: toNumber(remainingDelta) },
  };
  if (a.measure === 'zcdp') v.spentAsApproxDp = displayApproxDp(a.spent, a.spentDelta);
  return v;
}

function rowToAllocation(r: Record<string, unknown>): Allocation {
  return {
    client: String(r.client), dataset: String(r.dataset), measure: String(r.measure) as LedgerMeasure,
    total: fromString(String(r.total)), totalDelta: fromString(String(r.total_delta)),
    spent: fromString(String(r.spent)), spentDelta: fromString(String(r.spent_delta)),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isConflict = (e: unknown) => /conflict/i.test(String((e as Error)?.message ?? e));
const isLock = (e: unknown) => /lock/i.test(String((e as Error)?.message ?? e));

/**
 * The ledger files this process has open: one DuckDB instance per file, shared by every Ledger opened on it (with a
 * connection each), closed with the last of them. DuckDB's file lock keeps other processes out, but not a second
 * instance in this one: two instances of one file do not see each other's writes, so each would admit its own spends
 * against the whole allocation (and one's writes would be lost).
 */
interface OpenFile { instance: Promise<DuckDBInstance>; ready: DuckDBInstance | null; refs: number; keys: string[] }
const openFiles = new Map<string, OpenFile>();
/** One queue of statements per connection, shared by the Ledgers opened on it (a transaction at a time). */
const queues = new WeakMap<DuckDBConnection, { tail: Promise<unknown> }>();

/**
 * Opens a ledger on a DuckDB file path (created if absent), or on an already-open connection
 * (the observatory's store). With a path, waits up to `lockTimeoutMs` for another process's lock.
 */
export async function openLedger(target: string | DuckDBConnection, options: { lockTimeoutMs?: number } = {}): Promise<Ledger> {
  let con: DuckDBConnection;
  let file: string | null = null;
  if (typeof target === 'string') {
    // (an open file is found by its path, then by its inode — which a hard link shares; a file another opening is still creating
    // is found by its path, though it exists by then)
    const path = pathKey(target), inode = inodeKey(target);
    let entry = openFiles.get(path) ?? (inode !== null ? openFiles.get(inode) : undefined);
    if (!entry) {
      checkLedgerPath(target);
      const e: OpenFile = { instance: createInstance(target, options.lockTimeoutMs ?? 30_000), ready: null, refs: 0, keys: [] };
      const register = (k: string | null) => { if (k !== null && !openFiles.has(k)) { openFiles.set(k, e); e.keys.push(k); } };
      register(path); register(inode);
      e.instance.then((i) => { e.ready = i; if (e.refs > 0) register(inodeKey(target)); }, () => undefined);
      entry = e;
    } else if (!openFiles.has(path)) { openFiles.set(path, entry); entry.keys.push(path); }
    file = path;
    entry.refs++;
    try { con = await (await entry.instance).connect(); } catch (e) { release(file); throw e; }
  } else con = target;
  for (let attempt = 0; ; attempt++) { // several connections may create the tables at once
    try { await con.run(SCHEMA); break; } catch (e) { if (!isConflict(e) || attempt > 50) throw e; await sleep(1 + randomInt(5)); }
  }

  async function getRow(c: string, d: string): Promise<Allocation | null> {
    const res = await con.runAndReadAll('SELECT * FROM dp_allocations WHERE client = $1 AND dataset = $2', [c, d]);
    const rows = res.getRowObjectsJS();
    return rows.length ? rowToAllocation(rows[0] as Record<string, unknown>) : null;
  }

  // one transaction at a time on this connection (calls on every Ledger object of the connection are queued, reads too:
  // a statement of another Ledger on the same connection would otherwise run inside this one's transaction)
  let queue = queues.get(con);
  if (!queue) { queue = { tail: Promise.resolve() }; queues.set(con, queue); }
  const q = queue;
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = q.tail.then(fn);
    q.tail = run.catch(() => undefined);
    return run;
  }
  function inTransaction<T>(fn: () => Promise<T>): Promise<T> { return serial(() => transaction(fn)); }

  async function transaction<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await con.run('BEGIN TRANSACTION');
      try {
        const out = await fn();
        await con.run('COMMIT');
        return out;
      } catch (e) {
        try { await con.run('ROLLBACK'); } catch { /* already aborted */ }
        if (!isConflict(e) || attempt > 200) throw e;
        await sleep(1 + randomInt(5));
      }
    }
  }

  return {
    async allocate(client, dataset, a) {
      if (a.total.num < 0n || (a.delta && a.delta.num < 0n)) throw new AnonymatError('invalid-usage', 'a budget must be ≥ 0');
      if (a.delta && cmp(a.delta, { num: 1n, den: 1n }) >= 0) throw new AnonymatError('invalid-usage', 'δ must be < 1');
      return inTransaction(async () => {
        const cur = await getRow(client, dataset);
        if (cur && cur.measure !== a.measure && cur.spent.num !== 0n) {
          throw new AnonymatError('conflict', `the budget of this client on data set "${dataset}" is already being spent in ${cur.measure}; its measure cannot change`);
        }
        const next: Allocation = {
          client, dataset, measure: a.measure, total: a.total, totalDelta: a.delta ?? ZERO,
          spent: cur?.spent ?? ZERO, spentDelta: cur?.spentDelta ?? ZERO,
        };
        if (cur) {
          await con.run(`UPDATE dp_allocations SET measure = $3, total = $4, total_delta = $5, version = version + 1, updated_at = now()
                         WHERE client = $1 AND dataset = $2`, [client, dataset, a.measure, toString(next.total), toString(next.totalDelta)]);
        } else {
          await con.run(`INSERT INTO dp_allocations VALUES ($1, $2, $3, $4, $5, '0', '0', 0, now())`,
            [client, dataset, a.measure, toString(next.total), toString(next.totalDelta)]);
        }
        return view(next);
      });
    },

    async spend(client, dataset, c, description) {
      return inTransaction(async (): Promise<SpendResult> => {
        const res = await con.runAndReadAll('SELECT *, version FROM dp_allocations WHERE client = $1 AND dataset = $2', [client, dataset]);
        const rows = res.getRowObjectsJS() as Record<string, unknown>[];
        if (!rows.length) {
          throw new AnonymatError('budget-exhausted', `no budget is allocated to this client on data set "${dataset}"`, [
            { path: '--client', message: 'ask the data steward to allocate one (anonymat dp budget --allocate-rho …)' },
          ]);
        }
        const a = rowToAllocation(rows[0]!);
        const version = rows[0]!.version as bigint | number;
        if (a.measure !== c.measure) throw new AnonymatError('internal', 'charge measure differs from the allocation measure');
        const spent = add(a.spent, c.amount), spentDelta = add(a.spentDelta, c.delta);
        if (cmp(spent, a.total) > 0 || cmp(spentDelta, a.totalDelta) > 0) {
          const what = cmp(spent, a.total) > 0 ? (a.measure === 'zcdp' ? 'ρ' : 'ε') : 'δ';
          return { ok: false, reason: `the query needs more ${what} than remains`, budget: view(a) };
        }
        const upd = await con.run(`UPDATE dp_allocations SET spent = $3, spent_delta = $4, version = version + 1, updated_at = now()
                       WHERE client = $1 AND dataset = $2 AND version = $5`, [client, dataset, toString(spent), toString(spentDelta), version]);
        if (upd.rowsChanged !== 1) throw new Error('Conflict: allocation changed concurrently');
        const id = randomUUID();
        await con.run('INSERT INTO dp_spends VALUES ($1, $2, $3, now(), $4, $5, $6, $7)',
          [id, client, dataset, c.measure, toString(c.amount), toString(c.delta), description]);
        return { ok: true, spendId: id, budget: view({ ...a, spent, spentDelta }) };
      });
    },

    async get(client, dataset) { const a = await serial(() => getRow(client, dataset)); return a ? view(a) : null; },

    async list(filter = {}) {
      const res = await serial(() => con.runAndReadAll(
        `SELECT * FROM dp_allocations WHERE ($1::VARCHAR IS NULL OR client = $1) AND ($2::VARCHAR IS NULL OR dataset = $2) ORDER BY client, dataset`,
        [filter.client ?? null, filter.dataset ?? null]));
      return (res.getRowObjectsJS() as Record<string, unknown>[]).map((r) => view(rowToAllocation(r)));
    },

    close() {
      if (file !== null) { con.closeSync(); release(file); file = null; }
    },
  };
}

/**
 * A key of openFiles: the file's device and inode when it exists — the same through symbolic links, hard links and bind
 * mounts (two hard-linked paths were two instances: a spend through each was admitted against one allocation).
 */
function inodeKey(path: string): string | null {
  try { const st = statSync(resolve(path)); return `inode:${st.dev}:${st.ino}`; } catch { return null; /* not created yet */ }
}
/** The file's absolute path through symbolic links (its folder's, when it does not exist yet). */
function pathKey(path: string, hops = 0): string {
  const abs = resolve(path);
  try { return `path:${realpathSync(abs)}`; } catch { /* not created yet */ }
  // (a symbolic link to a file not created yet is its target's path: two paths to one new file are one key)
  try {
    if (hops < 8 && lstatSync(abs).isSymbolicLink()) {
      // (its target read from the link's real folder: "../other/l.duckdb" through a symbolic link to the folder)
      let dir = dirname(abs);
      try { dir = realpathSync(dir); } catch { /* as written */ }
      return pathKey(resolve(dir, readlinkSync(abs)), hops + 1);
    }
  } catch { /* no link */ }
  try { return `path:${join(realpathSync(dirname(abs)), basename(abs))}`; } catch { return `path:${abs}`; }
}

/** Names of data files, never a ledger's (DuckDB opens an existing one as a view of its data, in memory). */
const DATA_FILE = /\.(?:csv|tsv|tab|txt|json|jsonl|ndjson|parquet|pq|xlsx?|ods)(?:\.(?:gz|zst))?$/i;

/**
 * Refuses a path that is not a ledger before DuckDB opens it: DuckDB opens an existing CSV, JSON or Parquet file as an
 * in-memory database over its data, where an allocation is printed as made and never saved. An existing file must be a
 * DuckDB database (its header holds "DUCK" at byte 8; a file too short for it is left to DuckDB, which refuses it — or is
 * a ledger another process is creating, whose lock DuckDB waits for). A new ledger is not given a data file's name
 * (patients.csv): most likely the data and the ledger were swapped, and the file would be taken for data by any other
 * tool. A ledger an earlier version created under such a name is still opened: its header says what it is.
 */
function checkLedgerPath(path: string): void {
  const refuse = (what: string, fix: string) => new AnonymatError('invalid-usage', `${path}: ${what}; nothing was written`, [{ path: '--ledger', message: fix }]);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw refuse('not a file, so not a ledger', 'give the path of a DuckDB ledger file (e.g. budget.duckdb), created by the first allocation');
    size = st.size;
  } catch (e) {
    if (e instanceof AnonymatError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return; // (DuckDB says what is wrong)
    if (DATA_FILE.test(path)) throw refuse('a new ledger would be created under the name of a data file', 'name the ledger file .duckdb (e.g. budget.duckdb): is the data file given as --ledger?');
    return;
  }
  const head = Buffer.alloc(12);
  let read = 0;
  try { const fd = openSync(path, 'r'); try { read = readSync(fd, head, 0, 12, 0); } finally { closeSync(fd); } } catch { return; /* DuckDB says what is wrong */ }
  const isDuckDB = read === 12 && head.subarray(8, 12).toString('latin1') === 'DUCK';
  if (isDuckDB || (size < 12 && !DATA_FILE.test(path))) return;
  throw refuse('the file exists and is not a DuckDB ledger (a data file? its content is not read)', 'give the ledger\'s own DuckDB file (e.g. budget.duckdb), or a new path to create one: is the data file given as --ledger?');
}

/** A DuckDB instance on the file, waiting up to timeoutMs for another process's lock. */
async function createInstance(path: string, timeoutMs: number): Promise<DuckDBInstance> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try { return await DuckDBInstance.create(path); } catch (e) {
      if (!isLock(e) || Date.now() > deadline) {
        throw new AnonymatError(isLock(e) ? 'conflict' : 'invalid-usage', isLock(e)
          ? 'the ledger file is locked by another process; try again later'
          : `cannot open the ledger file (${String((e as Error).message).split('\n')[0]})`, [{ path: '--ledger', message: 'a DuckDB file path' }], { cause: e });
      }
      await sleep(Math.min(200, 5 + attempt * 5) + randomInt(10));
    }
  }
}

/** One Ledger less on the file: the instance is closed with the last (or forgotten when it could not be created). */
function release(file: string): void {
  const entry = openFiles.get(file);
  if (!entry || --entry.refs > 0) return;
  for (const k of entry.keys) if (openFiles.get(k) === entry) openFiles.delete(k);
  // (closed now when it is open — a Ledger's connection is made after the instance resolves, so it always is by then)
  if (entry.ready) entry.ready.closeSync(); else entry.instance.then((i) => i.closeSync(), () => undefined);
}
