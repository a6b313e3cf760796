/**
 * The audit log: an append-only hash chain. Entry n stores hash_n = SHA-256(hash_{n-1} ‖ canonical
 * JSON of [seq, logged_at, actor, action, subject, detail]); the first entry chains from 64 zeros.
 * `verifyAudit` recomputes the chain in seq order: an edited entry breaks its own hash, a removed
 * entry leaves a gap in seq and breaks the next prev_hash, reordered entries break both. Truncating
 * the tail is caught by an anchor (the last seq and hash, written to a file outside the database
 * after each append: `<data>/audit-head.json` for the embedded store). An anchor file that holds no
 * anchor, and a log emptied under a store that still holds what its entries recorded, are broken too;
 * a missing anchor under a log with entries stops the service until the operator re-anchors it
 * (`audit.reanchor`, an entry of its own).
 *
 * Details hold identifiers and counts only — never a record value, a token or a key.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { AnonymatError } from '../errors.ts';
import { writeFileAtomic } from '../io/write.ts';
import type { Queryable } from './store/types.ts';

export const GENESIS = '0'.repeat(64);

export type AuditAction =
  | 'login' | 'account.create' | 'token.create' | 'token.revoke'
  | 'panel.enrol' | 'panel.leave'
  | 'upload' | 'objection'
  | 'project.create' | 'budget.set'
  | 'release.request' | 'release.approve' | 'release.reject' | 'release.download'
  | 'dp.query' | 'dp.refused'
  | 'service.start' | 'retention.purge' | 'audit.reanchor';

export interface AuditEntry {
  seq: number;
  loggedAt: string;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export function entryHash(prevHash: string, seq: number, loggedAt: string, actor: string, action: string, subject: string, detail: string): string {
  return createHash('sha256').update(prevHash).update('\n')
    .update(JSON.stringify([seq, loggedAt, actor, action, subject, detail])).digest('hex');
}

export interface AuditHead { seq: number; hash: string }

/** Appends one entry inside the caller's transaction; returns the new head. */
export async function appendAudit(
  tx: Queryable, at: Date, actor: string, action: AuditAction, subject: string, detail: Record<string, unknown> = {},
): Promise<AuditHead> {
  const last = await tx.all('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const seq = last.length ? Number(last[0]!.seq) + 1 : 1;
  const prev = last.length ? String(last[0]!.hash) : GENESIS;
  const loggedAt = at.toISOString();
  const d = JSON.stringify(detail);
  const hash = entryHash(prev, seq, loggedAt, actor, action, subject, d);
  await tx.run('INSERT INTO audit_log (seq, logged_at, actor, action, subject, detail, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
    [seq, loggedAt, actor, action, subject, d, prev, hash]);
  return { seq, hash };
}

export async function readAudit(q: Queryable, opts: { afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  const rows = await q.all(
    `SELECT seq, logged_at, actor, action, subject, detail, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT ${Math.max(1, Math.min(opts.limit ?? 1_000_000, 1_000_000))}`,
    [opts.afterSeq ?? 0]);
  return rows.map((r) => ({
    seq: Number(r.seq), loggedAt: String(r.logged_at), actor: String(r.actor), action: String(r.action),
    subject: String(r.subject), detail: safeParse(String(r.detail)), prevHash: String(r.prev_hash), hash: String(r.hash),
  }));
}

function safeParse(s: string): Record<string, unknown> {
  try { return JSON.parse(s) as Record<string, unknown>; } catch { return { unparsable: true }; }
}

export interface AuditProblem { seq: number; kind: 'edited' | 'removed' | 'reordered' | 'truncated' | 'anchor-mismatch' | 'anchor-invalid' | 'emptied'; message: string }
export interface AuditVerification {
  ok: boolean;
  entries: number;
  head: AuditHead | null;
  anchor: AuditHead | null;
  problems: AuditProblem[];
}

/** Recomputes the whole chain (rows read raw, in stored order of seq). */
export async function verifyAudit(q: Queryable, anchor: AuditHead | null = null): Promise<AuditVerification> {
  const rows = await q.all('SELECT seq, logged_at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq');
  const problems: AuditProblem[] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  const bySeq = new Map<number, string>();
  for (const r of rows) {
    const seq = Number(r.seq);
    const recomputed = entryHash(String(r.prev_hash), seq, String(r.logged_at), String(r.actor), String(r.action), String(r.subject), String(r.detail));
    if (seq !== expectedSeq) {
      problems.push({ seq, kind: 'removed', message: `entries ${expectedSeq}..${seq - 1} are missing before entry ${seq}` });
    } else if (String(r.prev_hash) !== prev) {
      problems.push({ seq, kind: 'reordered', message: `entry ${seq} does not chain from entry ${seq - 1} (removed, replaced or reordered entries)` });
    }
    if (recomputed !== String(r.hash)) {
      problems.push({ seq, kind: 'edited', message: `entry ${seq} was edited: its content no longer matches its hash` });
    }
    bySeq.set(seq, String(r.hash));
    prev = String(r.hash);
    expectedSeq = seq + 1;
  }
  const head = rows.length ? { seq: Number(rows[rows.length - 1]!.seq), hash: String(rows[rows.length - 1]!.hash) } : null;
  // (an empty chain is consistent: a log whose every entry was deleted, with its anchor, verified as intact)
  if (!rows.length) {
    const held = await storedState(q);
    if (held.length) problems.push({ seq: 0, kind: 'emptied', message: emptiedMessage(held) });
  }
  if (anchor) {
    const h = bySeq.get(anchor.seq);
    if (h === undefined) problems.push({ seq: anchor.seq, kind: 'truncated', message: `the anchor names entry ${anchor.seq} but the log ends at ${head?.seq ?? 0}: entries were removed from the end` });
    else if (h !== anchor.hash) problems.push({ seq: anchor.seq, kind: 'anchor-mismatch', message: `entry ${anchor.seq} differs from the anchored hash` });
  }
  return { ok: problems.length === 0, entries: rows.length, head, anchor, problems };
}

/** The tables whose rows only an audited action writes (rows in any of them mean the log had entries), with their names. */
const STATE_TABLES: Record<string, string> = {
  accounts: 'accounts', api_tokens: 'API tokens', practices: 'practices', clients: 'clients', panel: 'panel memberships',
  uploads: 'uploads', records: 'records', objections: 'objections', projects: 'projects', releases: 'releases',
  dp_budgets: 'DP budgets', dp_queries: 'DP queries',
};

/** What the store holds, as "3 accounts", "1 uploads"… (nothing for a new store). */
export async function storedState(q: Queryable): Promise<string[]> {
  const tables = Object.keys(STATE_TABLES);
  const row = (await q.all(`SELECT ${tables.map((t) => `(SELECT COUNT(*) FROM ${t}) AS ${t}`).join(', ')}`))[0] ?? {};
  return tables.filter((t) => Number(row[t] ?? 0) > 0).map((t) => `${Number(row[t])} ${STATE_TABLES[t]}`);
}

export function emptiedMessage(held: string[]): string {
  return `the audit log is empty but the store holds ${held.join(', ')}: each of them was written with an entry of the log, so its entries were deleted`;
}

/** What an anchor file holds: nothing (no file), a head, or something that is no anchor. */
export type AnchorFile = { state: 'missing' } | { state: 'valid'; head: AuditHead } | { state: 'invalid'; reason: string };

/**
 * Reads an anchor file. One that is there but holds no head — `{}`, a seq written as text, a cut file — is not "no
 * anchor": it was read so, and a log with its last entries removed and its anchor replaced by `{}` verified as intact.
 */
export function inspectAnchor(file: string): AnchorFile {
  if (!existsSync(file)) return { state: 'missing' };
  let doc: unknown;
  try { doc = JSON.parse(readFileSync(file, 'utf8')); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { state: 'invalid', reason: code ? `unreadable: ${code}` : 'not JSON' };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { state: 'invalid', reason: 'not a JSON object' };
  const { seq, hash } = doc as { seq?: unknown; hash?: unknown };
  if (!(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1)) return { state: 'invalid', reason: 'its seq is not a positive integer' };
  if (!(typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash))) return { state: 'invalid', reason: 'its hash is not 64 hexadecimal digits' };
  return { state: 'valid', head: { seq, hash } };
}

export function anchorInvalidMessage(file: string, reason: string): string {
  return `${file} is not an audit anchor (${reason}): it was replaced or damaged, and the end of the log can no longer be checked; restore it from a copy kept outside the data folder`;
}

/**
 * A missing anchor under a log with entries: the anchor is written after every append (since the service's first
 * version for the embedded store), so its removal hides entries removed from the end of the log. A store can still lack
 * one without tampering — a PostgreSQL store run without --audit-anchor, an anchor given a new path, a first start killed
 * between its first entry and its first anchor — and `--reanchor-audit` is their way forward.
 */
export function anchorMissingMessage(file: string, entries: number, head: AuditHead | null): string {
  return `the audit anchor ${file} is missing but the audit log holds ${entries} ${entries === 1 ? 'entry' : 'entries'}${head ? ` (head #${head.seq})` : ''}: `
    + 'without its anchor, entries removed from the end of the log would not show, so the service does not start. '
    + 'Restore the anchor from a copy kept outside the data folder (or give its path with --audit-anchor). '
    + 'If this store never had an anchor at that path — a PostgreSQL store run without --audit-anchor, an anchor moved to a new path, '
    + 'a first start stopped before its first anchor was written — check the log with "anonymat audit verify", then start once with '
    + '--reanchor-audit: it anchors the log at its current head and records that re-anchoring in the audit log';
}

/** The fixed reason an `audit.reanchor` entry records. */
export const REANCHOR_REASON = 'anchor re-created by operator';

/** The anchor file's head, or null when there is no such file; a file that holds no anchor is an error. */
export function readAnchor(file: string): AuditHead | null {
  const a = inspectAnchor(file);
  if (a.state === 'invalid') throw new AnonymatError('conflict', anchorInvalidMessage(file, a.reason), [{ path: file, message: 'not an audit anchor' }]);
  return a.state === 'valid' ? a.head : null;
}

/** `verifyAudit` against an anchor file (or none): a file that holds no anchor is a problem of the log's, not "no anchor". */
export async function verifyAuditAgainst(q: Queryable, file: string | null): Promise<AuditVerification> {
  const a: AnchorFile = file ? inspectAnchor(file) : { state: 'missing' };
  const v = await verifyAudit(q, a.state === 'valid' ? a.head : null);
  if (a.state !== 'invalid') return v;
  return { ...v, ok: false, problems: [...v.problems, { seq: v.head?.seq ?? 0, kind: 'anchor-invalid', message: anchorInvalidMessage(file!, a.reason) }] };
}

/** Writes the anchor atomically (temp file + rename). */
export async function writeAnchor(file: string, head: AuditHead): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(head) + '\n');
}
