/**
 * PostgreSQL store (`--database postgres://…`): the same SQL as the DuckDB store, through `pg`.
 * int8 and numeric come back as strings from the driver; they are parsed to numbers here.
 */
import pg from 'pg';
import { AnonymatError } from '../../errors.ts';
import { Mutex } from './mutex.ts';
import { normalizeValue, type Queryable, type Row, type SqlValue, type Store } from './types.ts';

const INT8 = 20;
const NUMERIC = 1700;

function rows(result: pg.QueryResult): Row[] {
  return result.rows.map((r: Record<string, unknown>) => {
    const o: Row = {};
    for (const k of Object.keys(r)) o[k] = normalizeValue(r[k]);
    return o;
  });
}

function wrap(c: pg.Pool | pg.PoolClient, types: pg.CustomTypesConfig): Queryable {
  return {
    async all(sql: string, params: SqlValue[] = []) {
      return rows(await c.query({ text: sql, values: params, types }));
    },
    async run(sql: string, params: SqlValue[] = []) {
      const r = await c.query({ text: sql, values: params, types });
      return r.rowCount ?? 0;
    },
  };
}

/** Redacts the password of a connection URL for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch { return 'postgres://…'; }
}

export async function openPgStore(url: string): Promise<Store> {
  const types: pg.CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => { /* idle client errors surface on the next query */ });
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new AnonymatError('invalid-usage', `cannot connect to PostgreSQL at ${redactUrl(url)}: ${(e as Error).message}`, [], { cause: e });
  }
  const q = wrap(pool, types);
  const mutex = new Mutex();
  return {
    kind: 'postgres',
    all: q.all,
    run: q.run,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return mutex.run(async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const out = await fn(wrap(client, types));
          await client.query('COMMIT');
          return out;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw e;
        } finally {
          client.release();
        }
      });
    },
    async close() { await pool.end(); },
  };
}
