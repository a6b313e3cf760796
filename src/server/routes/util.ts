/** Small helpers shared by the route modules. */
import { AnonymatError } from '../../errors.ts';
import type { Account, Services } from '../context.ts';
import type { Queryable, Row } from '../store/types.ts';

export const iso = (svc: Services): string => svc.now().toISOString();

export function must(account: Account | null): Account {
  if (!account) throw new AnonymatError('unauthorized', 'this route needs a bearer API token');
  return account;
}

export function parseJson<T>(s: unknown, fallback: T): T {
  try { return JSON.parse(String(s)) as T; } catch { return fallback; }
}

export async function one(q: Queryable, sql: string, params: (string | number | boolean | null)[], what: string): Promise<Row> {
  const rows = await q.all(sql, params);
  if (!rows.length) throw new AnonymatError('not-found', `${what} does not exist (or is not visible to this account)`);
  return rows[0]!;
}

export const idSchemaPattern = /^[A-Za-z0-9._-]{1,100}$/;
