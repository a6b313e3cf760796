/**
 * Test harness for the observatory service: a fresh store (DuckDB in a temp folder, or a given
 * PostgreSQL URL), a fixed key, the log captured in memory, and one account per role.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openService, type Service } from '../../src/server/service.ts';
import type { RateLimits } from '../../src/server/app.ts';

export const TEST_KEY_HEX = '6b'.repeat(32);
export const TEST_KEY = new Uint8Array(Buffer.from(TEST_KEY_HEX, 'hex'));

export interface Harness {
  service: Service;
  dir: string;
  logs: string[];
  tokens: { admin: string; dpo: string; practice: string; practice2: string; client: string; client2: string };
  call(method: string, path: string, opts?: { token?: string; json?: unknown; body?: string | Uint8Array; headers?: Record<string, string> }): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export async function startHarness(opts: { database?: string; rateLimits?: RateLimits; webDir?: string | null; now?: () => Date } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-svc-'));
  const logs: string[] = [];
  const service = await openService({ data: opts.database ? undefined : dir, database: opts.database, key: TEST_KEY, log: (l) => logs.push(l), rateLimits: opts.rateLimits, webDir: opts.webDir ?? null, ...(opts.now ? { now: opts.now } : {}) });
  const call: Harness['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | Uint8Array | undefined = o.body;
    if (o.json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(o.json); }
    const res = await service.app.request(path, { method, headers, body: body as RequestInit['body'] });
    const text = await res.text();
    let json: unknown = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json, text, headers: res.headers };
  };
  const admin = service.bootstrapToken!;
  const mk = async (name: string, role: string, extra: Record<string, string> = {}) => {
    const r = await call('POST', '/api/accounts', { token: admin, json: { name, role, ...extra } });
    if (r.status !== 200) throw new Error(`account creation failed: ${r.status} ${r.text}`);
    return r.json.token as string;
  };
  const tokens = {
    admin,
    dpo: await mk('DPO', 'dpo'),
    practice: await mk('Cabinet Alpha', 'practice', { practiceId: 'alpha' }),
    practice2: await mk('Cabinet Beta', 'practice', { practiceId: 'beta' }),
    client: await mk('Research Lab', 'client', { clientId: 'lab' }),
    client2: await mk('Insurer', 'client', { clientId: 'insurer' }),
  };
  return {
    service, dir, logs, tokens, call,
    async close() { await service.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A small seeded CSV in the observatory schema (identifiers included, to check they are dropped). */
export function demoCsv(rows: number, seed = 1, prefix = 'P'): string {
  let s = seed >>> 0;
  const next = () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
  const sexes = ['F', 'M'];
  const diags = ['E11', 'I10', 'J45', 'F32', 'M54'];
  const deps = ['75', '92', '93', '94'];
  const lines = ['patient_id,last_name,phone,sex,birth_year,department,diagnosis'];
  // two records per patient: the same person attributes, a diagnosis per record
  let person = '';
  for (let i = 0; i < rows; i++) {
    const pid = `${prefix}${1000 + Math.floor(i / 2)}`;
    if (i % 2 === 0) person = `${sexes[Math.floor(next() * 2)]},${1940 + Math.floor(next() * 60)},${deps[Math.floor(next() * 4)]}`;
    lines.push(`${pid},Name${i},06000${String(i).padStart(5, '0')},${person},${diags[Math.floor(next() * 5)]}`);
  }
  return lines.join('\n') + '\n';
}
