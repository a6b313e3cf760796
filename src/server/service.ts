/**
 * Wiring: open the store (migrations), check the observatory key against its check value,
 * bootstrap the first admin account (its token is returned once, for the caller to print), build
 * the app, and optionally listen.
 */
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { AnonymatError } from '../errors.ts';
import { createApp, type RateLimits } from './app.ts';
import { appendAudit, writeAnchor } from './audit.ts';
import { createAccount } from './auth.ts';
import type { ObservatoryInfo, Services } from './context.ts';
import { keyCheckValue } from './keys.ts';
import { DEFAULT_SCHEMA, type ObservatorySchema } from './observatory.ts';
import { openStore, type Store } from './store/index.ts';

export const DEFAULT_INFO: ObservatoryInfo = {
  name: 'anonymat observatory',
  noticeVersion: '2026-1',
  retention: 'pseudonymized records are kept 5 years after their upload, then deleted; when a practice leaves the panel, its records already stored follow the same rule and no new data are accepted from it',
  contact: 'Tell your doctor, or write to the observatory\'s data-protection officer (dpo@observatory.example). You do not need to give a reason.',
  purposes: [
    'public-health studies on consultations in general practice',
    'anonymous data releases and differentially private statistics for approved research projects',
  ],
};

export interface ServiceOptions {
  data?: string;
  database?: string;
  key: Uint8Array;
  schema?: ObservatorySchema;
  info?: Partial<ObservatoryInfo>;
  log?: (line: string) => void;
  now?: () => Date;
  rateLimits?: RateLimits;
  webDir?: string | null;
  fault?: string | null;
  /** Where to write the audit anchor; defaults to <data>/audit-head.json for the embedded store. */
  auditAnchor?: string | null;
}

export interface Service {
  app: Hono;
  svc: Services;
  store: Store;
  /** The first admin's token, when this start created it (print it once, then forget it). */
  bootstrapToken: string | null;
  close(): Promise<void>;
}

export async function openService(opts: ServiceOptions): Promise<Service> {
  const store = await openStore({ data: opts.data, database: opts.database });
  try {
    const now = opts.now ?? (() => new Date());
    const kcv = keyCheckValue(opts.key);
    const stored = await store.all('SELECT value FROM settings WHERE key = $1', ['key_check']);
    if (stored.length && stored[0]!.value !== kcv) {
      throw new AnonymatError('invalid-key', 'this observatory key differs from the one the store was created with; pseudonyms would no longer match earlier uploads and objections. Start with the original key.', [{ path: '--key-file', message: 'key check value mismatch' }]);
    }
    const svc: Services = {
      store, key: opts.key, now, log: opts.log ?? ((line) => process.stderr.write(line + '\n')),
      schema: opts.schema ?? DEFAULT_SCHEMA, info: { ...DEFAULT_INFO, ...(opts.info ?? {}) },
      auditAnchor: opts.auditAnchor !== undefined ? opts.auditAnchor : opts.data && !opts.database ? join(opts.data, 'audit-head.json') : null,
      fault: opts.fault ?? null,
    };
    let bootstrapToken: string | null = null;
    const head = await store.transaction(async (tx) => {
      if (!stored.length) await tx.run('INSERT INTO settings (key, value) VALUES ($1, $2)', ['key_check', kcv]);
      const admins = await tx.all("SELECT id FROM accounts WHERE role = 'admin' AND disabled = FALSE");
      if (!admins.length) {
        const { account, token } = await createAccount(tx, { name: 'admin', role: 'admin' }, now());
        bootstrapToken = token;
        return appendAudit(tx, now(), 'system', 'account.create', `account:${account.id}`, { role: 'admin', bootstrap: true });
      }
      return null;
    });
    if (head && svc.auditAnchor) await writeAnchor(svc.auditAnchor, head);
    const app = createApp(svc, { rateLimits: opts.rateLimits, webDir: opts.webDir });
    return { app, svc, store, bootstrapToken, close: () => store.close() };
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
}

/** Listens on host:port; resolves with the URL once listening. */
export function listen(service: Service, port: number, host = '127.0.0.1'): Promise<{ url: string; server: ServerType; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: service.app.fetch, port, hostname: host }, (info) => {
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
      resolve({
        url, server,
        stop: () => new Promise<void>((res) => { server.close(() => res()); (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(); }),
      });
    });
    server.on('error', reject);
  });
}
