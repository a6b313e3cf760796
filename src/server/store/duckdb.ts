/**
 * DuckDB store: one file in the data folder, one connection, every statement serialised through a
 * mutex (a DuckDB connection runs one statement and one transaction at a time; the file is locked
 * by one process). Writes are batched by the callers inside transactions (DuckDB's small writes
 * cost 0.1–0.7 ms each, ecosystem.md §3.1).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AnonymatError } from '../../errors.ts';
import { Mutex } from './mutex.ts';
import { normalizeValue, type Queryable, type Row, type SqlValue, type Store } from './types.ts';

function wrap(con: DuckDBConnection): Queryable {
  return {
    async all(sql: string, params: SqlValue[] = []): Promise<Row[]> {
      const reader = await con.runAndReadAll(sql, params.length ? params : undefined);
      return reader.getRowObjectsJS().map((r) => {
        const o: Row = {};
        for (const k of Object.keys(r)) o[k] = normalizeValue(r[k]);
        return o;
      });
    },
    async run(sql: string, params: SqlValue[] = []): Promise<number> {
      const res = await con.run(sql, params.length ? params : undefined);
      return res.rowsChanged;
    },
  };
}

export async function openDuckDBStore(folder: string): Promise<Store> {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'observatory.duckdb');
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file);
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (/lock/i.test(msg)) {
      throw new AnonymatError('conflict', `the store ${file} is locked by another process (a running "anonymat serve"?); stop it or use GET /api/audit/verify`, [], { cause: e });
    }
    throw new AnonymatError('invalid-input', `cannot open the store ${file}: ${msg}`, [], { cause: e });
  }
  const con = await instance.connect();
  const q = wrap(con);
  const mutex = new Mutex();
  let closed = false;
  return {
    kind: 'duckdb',
    all: (sql, params) => mutex.run(() => q.all(sql, params)),
    run: (sql, params) => mutex.run(() => q.run(sql, params)),
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return mutex.run(async () => {
        await con.run('BEGIN TRANSACTION');
        try {
          const out = await fn(q);
          await con.run('COMMIT');
          return out;
        } catch (e) {
          try { await con.run('ROLLBACK'); } catch { /* already aborted */ }
          throw e;
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await mutex.run(async () => {
        try { await con.run('CHECKPOINT'); } catch { /* best effort */ }
        con.closeSync();
        instance.closeSync();
      });
    },
  };
}
