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

/**
 * A body past its size limit: 413, not the 400 of its code (invalid-input) — the request is refused for its size, not
 * its content, and a client's HTTP library tells the two apart (a 400 said "fix your data" where the data must be split).
 */
export class BodyTooLarge extends AnonymatError {
  override get httpStatus(): number { return 413; }
}

const mib = (n: number): string => (n % (1 << 20) === 0 ? `${n / (1 << 20)} MiB` : `${n} bytes`);

/**
 * The request's body, read chunk by chunk and refused as soon as it passes `max` bytes (a body sent without a
 * Content-Length, chunked, would otherwise be read whole into memory before its size could be checked).
 */
export async function readLimitedBody(req: Request, max: number, what: string, fix: string, emptyOk = false): Promise<Uint8Array> {
  const tooLarge = () => new BodyTooLarge('invalid-input', `${what} is larger than ${mib(max)} (${max} bytes), the most the service accepts; ${fix}`);
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > max) throw tooLarge();
  const parts: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) { await reader.cancel().catch(() => undefined); throw tooLarge(); }
      parts.push(value);
    }
  }
  if (size === 0 && !emptyOk) throw new AnonymatError('invalid-input', `${what} is empty`);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.byteLength; }
  return out;
}
