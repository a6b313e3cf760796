/**
 * Wiring: open the store (migrations), check the observatory key against its check value,
 * bootstrap the first admin account (its token is returned once, for the caller to print), build
 * the app, and optionally listen.
 */
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { AnonymatError } from '../errors.ts';
import { createApp, type RateLimits } from './app.ts';
import {
  ANCHOR_KEYED_REASON, ANCHOR_MAC_SCHEME, anchorInvalidMessage, anchorMacMessage, anchorMacValid, anchorMissingMessage, anchorUnkeyedMessage, appendAudit,
  emptiedMessage, GENESIS, inspectAnchor, markAnchorsKeyed, REANCHOR_REASON, registerAnchorKey, storedState, unkeyedAnchorRefused, verifyAudit, writeAnchor, type AuditHead,
} from './audit.ts';
import { createAccount } from './auth.ts';
import type { ObservatoryInfo, Services } from './context.ts';
import { auditAnchorKey, keyCheckValue } from './keys.ts';
import { DEFAULT_SCHEMA, type ObservatorySchema } from './observatory.ts';
import { openStore, type Store } from './store/index.ts';

export const DEFAULT_INFO: ObservatoryInfo = {
  name: 'anonymat observatory',
  noticeVersion: '2026-1',
  retention: 'pseudonymized records are kept 5 years after their upload, then deleted; when a practice leaves the panel, its records already stored follow the same rule and no new data are accepted from it',
  retentionYears: 5,
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
  /**
   * The operator's explicit repair of a missing anchor (`anonymat serve --reanchor-audit`): when the anchor file is
   * missing under a log with entries, check the chain, append an `audit.reanchor` entry and anchor the log at it.
   * Refused when there is nothing to re-create (an anchor is there, the log is empty, or no anchor file is configured).
   */
  reanchorAudit?: boolean;
  /**
   * Start-up notes for the operator that are not access log (an earlier version's anchor given its MAC); default
   * stderr, whatever `log` is.
   */
  notice?: (line: string) => void;
}

/** What `reanchorAudit` did: the head found without an anchor, and the `audit.reanchor` entry now anchored. */
export interface Reanchored { file: string; previousHead: AuditHead; entry: AuditHead }

export interface Service {
  app: Hono;
  svc: Services;
  store: Store;
  /** The first admin's token, when this start created it (print it once, then forget it). */
  bootstrapToken: string | null;
  /** Set when this start re-created a missing audit anchor (`reanchorAudit`): the caller reports it. */
  reanchored: Reanchored | null;
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
      uploadTmp: prepareUploadTmp(opts.data && !opts.database ? join(opts.data, 'tmp') : join(tmpdir(), `anonymat-uploads-${process.getuid?.() ?? 0}`), !opts.database),
      fault: opts.fault ?? null,
    };
    // the audit log must still reach its anchor: a log whose last entries were removed while the service was stopped
    // would otherwise be anchored anew at its shortened head by the next action, and the removal never seen again
    const broken = 'Run "anonymat audit verify" on this store and restore it from a backup; the service does not start on a broken audit trail';
    const reanchorUsage = (why: string) => new AnonymatError('invalid-usage', `--reanchor-audit: ${why}; start without --reanchor-audit`, [{ path: '--reanchor-audit', message: 'nothing to re-anchor' }]);
    if (opts.reanchorAudit && !svc.auditAnchor) throw reanchorUsage('this store writes no audit anchor (with --database, give the anchor file with --audit-anchor <file>)');
    // the anchor carries a MAC under a key derived from the observatory key: a plain {seq, hash} written over it (to the
    // shortened head of a truncated log) was accepted as the service's own
    const macKey = auditAnchorKey(opts.key);
    if (svc.auditAnchor) registerAnchorKey(svc.auditAnchor, macKey);
    let anchorMissing = false;
    let unkeyedAnchor: AuditHead | null = null;
    if (svc.auditAnchor) {
      // (a file there that holds no anchor is not "no anchor": the check was skipped, and the next action re-anchored)
      const read = inspectAnchor(svc.auditAnchor);
      if (read.state === 'invalid') {
        throw new AnonymatError('conflict', `${anchorInvalidMessage(svc.auditAnchor, read.reason)}. ${broken}`, [{ path: svc.auditAnchor, message: 'not an audit anchor' }]);
      }
      if (read.state === 'valid') {
        const anchor = read.head;
        if (read.mac !== null && !anchorMacValid(macKey, anchor, read.mac)) {
          throw new AnonymatError('conflict', `${anchorMacMessage(svc.auditAnchor)}. ${broken}`, [{ path: svc.auditAnchor, message: 'audit anchor MAC mismatch' }]);
        }
        // (an anchor without a MAC is an earlier version's, accepted once; once this store's anchors are keyed — the
        // settings row, or an entry of the log written by a keyed version (audit.anchor-keyed, or the bootstrap entry that
        // names the MAC scheme), which deleting the row does not remove — it is one
        // written over the service's)
        if (read.mac === null) {
          const k = await unkeyedAnchorRefused(store);
          if (k.refused) throw new AnonymatError('conflict', `${anchorUnkeyedMessage(svc.auditAnchor, k.entry)}. ${broken}`, [{ path: svc.auditAnchor, message: 'audit anchor without MAC' }]);
          unkeyedAnchor = anchor;
        }
        const at = await store.all('SELECT hash FROM audit_log WHERE seq = $1', [anchor.seq]);
        if (!at.length || String(at[0]!.hash) !== anchor.hash) {
          throw new AnonymatError('conflict', `the audit log does not reach its anchor (entry ${anchor.seq} of ${svc.auditAnchor} is ${at.length ? 'not the anchored one' : 'missing'}): entries were removed or replaced while the service was stopped. ${broken}`, [{ path: svc.auditAnchor, message: 'audit anchor mismatch' }]);
        }
        // (an option left in a unit file would re-anchor silently the day the anchor goes: it is a one-time repair)
        if (opts.reanchorAudit) throw reanchorUsage(`the anchor ${svc.auditAnchor} is there and the log reaches it`);
      }
      anchorMissing = read.state === 'missing';
    }
    // a log emptied (its anchor removed too, or none kept) under accounts, uploads and releases: the next action would
    // start a new chain at entry 1, and nothing would show that the first one was deleted
    const entries = Number((await store.all('SELECT COUNT(*) AS n FROM audit_log'))[0]?.n ?? 0);
    if (entries === 0) {
      const held = await storedState(store);
      if (held.length) throw new AnonymatError('conflict', `${emptiedMessage(held)}. ${broken}`, [{ path: 'audit_log', message: 'empty' }]);
      if (opts.reanchorAudit) throw reanchorUsage('the audit log is empty (a new store): its anchor is written with its first entry');
    }
    // a log with entries whose anchor file is gone: removing the anchor is how a truncated tail would be hidden, so the
    // service starts only when the operator says so (--reanchor-audit), and that re-anchoring is itself an audit entry
    let reanchored: Reanchored | null = null;
    if (anchorMissing && entries > 0) {
      const file = svc.auditAnchor!;
      const last = await store.all('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
      const previousHead: AuditHead = { seq: Number(last[0]!.seq), hash: String(last[0]!.hash) };
      if (!opts.reanchorAudit) throw new AnonymatError('conflict', anchorMissingMessage(file, entries, previousHead), [{ path: file, message: 'audit anchor missing' }]);
      // a chain that does not verify is not anchored anew: its head would be vouched for
      const v = await verifyAudit(store, null);
      if (!v.ok) {
        throw new AnonymatError('conflict', `the audit log does not verify (${v.problems.length} problem(s), first: ${v.problems[0]!.message}): it is not re-anchored. ${broken}`, [{ path: file, message: 'audit log broken' }]);
      }
      let by = 'unknown';
      try { by = userInfo().username || String(process.getuid?.() ?? 'unknown'); } catch { by = String(process.getuid?.() ?? 'unknown'); }
      // (the head the entry chains from is the one its detail names: with PostgreSQL another instance may have appended
      // since, and the append then reads the head again)
      reanchored = await store.transaction(async (tx) => {
        const chained: { head: AuditHead } = { head: previousHead };
        const entry = await appendAudit(tx, now(), 'operator', 'audit.reanchor', `anchor:${file}`, (previous) => {
          chained.head = previous ?? { seq: 0, hash: GENESIS };
          return { reason: REANCHOR_REASON, option: '--reanchor-audit', anchorWas: 'missing', previousHead: chained.head, entries: chained.head.seq, osUser: by };
        });
        return { file, previousHead: chained.head, entry };
      });
      await writeAnchor(file, reanchored.entry, macKey);
    }
    // an anchor without MAC, reached by the log: an earlier version's — or a downgrade (the "keyed" setting deleted and a
    // plain anchor written at a truncated head), which nothing here can tell apart. Its acceptance is an audit entry of
    // its own (audit.anchor-keyed), appended with the "keyed" setting in one transaction before the keyed anchor is
    // written at that entry: the new anchor covers it, and every verification reports it as it reports a re-anchoring.
    // (A stop between the commit and the anchor write leaves the plain anchor in a keyed store: refused at the next start,
    // never accepted silently.)
    if (unkeyedAnchor && svc.auditAnchor) {
      const file = svc.auditAnchor;
      const accepted = unkeyedAnchor;
      let by = 'unknown';
      try { by = userInfo().username || String(process.getuid?.() ?? 'unknown'); } catch { by = String(process.getuid?.() ?? 'unknown'); }
      const entry = await store.transaction(async (tx) => {
        const e = await appendAudit(tx, now(), 'system', 'audit.anchor-keyed', `anchor:${file}`, (previous) => ({
          reason: ANCHOR_KEYED_REASON, unkeyedAnchor: { seq: accepted.seq, hash: accepted.hash },
          previousHead: previous ?? { seq: 0, hash: GENESIS }, scheme: ANCHOR_MAC_SCHEME, osUser: by,
        }));
        await markAnchorsKeyed(tx);
        return e;
      });
      await writeAnchor(file, entry, macKey);
      (opts.notice ?? ((line: string) => process.stderr.write(line + '\n')))(
        `anonymat: the audit anchor ${file} (entry #${accepted.seq}) carried no MAC: it was written by an earlier version of anonymat, or over the service's anchor (a downgrade). `
        + `The log reaches it, so it was accepted this once, recorded in the audit log (audit.anchor-keyed, entry #${entry.seq}, which "anonymat audit verify" reports from now on: exit 4) `
        + 'and the anchor rewritten there with a MAC (HMAC-SHA-256 under a key derived from the observatory key); '
        + 'from now on an anchor without a valid MAC stops the service.');
    }
    if (svc.auditAnchor) await markAnchorsKeyed(store);
    let bootstrapToken: string | null = null;
    const head = await store.transaction(async (tx) => {
      if (!stored.length) await tx.run('INSERT INTO settings (key, value) VALUES ($1, $2)', ['key_check', kcv]);
      const admins = await tx.all("SELECT id FROM accounts WHERE role = 'admin' AND disabled = FALSE");
      if (!admins.length) {
        const { account, token } = await createAccount(tx, { name: 'admin', role: 'admin' }, now());
        bootstrapToken = token;
        // (with an anchor file, the entry names the anchor's MAC scheme: the chain itself then says this store's anchors
        // are keyed, and a plain anchor is refused whatever the settings row says — see unkeyedAnchorRefused)
        return appendAudit(tx, now(), 'system', 'account.create', `account:${account.id}`,
          svc.auditAnchor ? { role: 'admin', bootstrap: true, anchorMac: ANCHOR_MAC_SCHEME } : { role: 'admin', bootstrap: true });
      }
      return null;
    });
    if (head && svc.auditAnchor) await writeAnchor(svc.auditAnchor, head);
    // the retention rule the service states is enforced: at start, then once a day
    await purgeExpired(svc);
    const timer = setInterval(() => { purgeExpired(svc).catch((e) => svc.log(`retention purge failed: ${(e as Error).message}`)); }, 86_400_000);
    timer.unref();
    const app = createApp(svc, { rateLimits: opts.rateLimits, webDir: opts.webDir });
    return { app, svc, store, bootstrapToken, reanchored, close: () => { clearInterval(timer); return store.close(); } };
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Deletes the stored records of uploads received more than `info.retentionYears` ago (the upload
 * entries stay, with their counts, for the audit trail) and logs the purge in the audit chain.
 * Returns the number of records deleted.
 */
/**
 * The private temporary folder of raw uploads (0700), emptied of what a killed process left: wholly for the embedded
 * store's (one process owns its data folder), or of entries older than an hour in the shared one of a PostgreSQL
 * deployment (another instance may be reading its own upload).
 */
function prepareUploadTmp(dir: string, owned: boolean): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('anonymat-upload-')) continue;
    const p = join(dir, name);
    try { if (owned || statSync(p).mtimeMs < hourAgo) rmSync(p, { recursive: true, force: true }); } catch { /* gone already */ }
  }
  return dir;
}

export async function purgeExpired(svc: Services): Promise<number> {
  const cutoff = new Date(svc.now());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - svc.info.retentionYears);
  const limit = cutoff.toISOString();
  const result = await svc.store.transaction(async (tx) => {
    // (an upload is named by its practice and its id: upload ids are per practice)
    const expired = await tx.all(`SELECT u.practice_id AS practice_id, u.id AS id, count(r.row_no) AS n FROM uploads u
      JOIN records r ON r.practice_id = u.practice_id AND r.upload_id = u.id WHERE u.received_at < $1 GROUP BY u.practice_id, u.id`, [limit]);
    if (!expired.length) return null;
    let deleted = 0;
    for (const row of expired) {
      await tx.run('DELETE FROM records WHERE practice_id = $1 AND upload_id = $2', [row.practice_id, row.id]);
      deleted += Number(row.n);
    }
    const head = await appendAudit(tx, svc.now(), 'system', 'retention.purge', 'records', { uploads: expired.length, records: deleted, before: limit });
    return { head, deleted };
  });
  if (!result) return 0;
  if (svc.auditAnchor) await writeAnchor(svc.auditAnchor, result.head);
  svc.log(`retention: deleted ${result.deleted} records of ${result.deleted ? 'uploads' : 'no upload'} received before ${limit.slice(0, 10)}`);
  return result.deleted;
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
