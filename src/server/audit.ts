/**
 * The audit log: an append-only hash chain. Entry n stores hash_n = SHA-256(hash_{n-1} ‖ canonical
 * JSON of [seq, logged_at, actor, action, subject, detail]); the first entry chains from 64 zeros.
 * `verifyAudit` recomputes the chain in seq order: an edited entry breaks its own hash, a removed
 * entry leaves a gap in seq and breaks the next prev_hash, reordered entries break both. Truncating
 * the tail is caught by an anchor (the last seq and hash, written to a file outside the database
 * after each append: `<data>/audit-head.json` for the embedded store).
 *
 * Details hold identifiers and counts only — never a record value, a token or a key.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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
  | 'service.start' | 'retention.purge';

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

export interface AuditProblem { seq: number; kind: 'edited' | 'removed' | 'reordered' | 'truncated' | 'anchor-mismatch'; message: string }
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
  if (anchor) {
    const h = bySeq.get(anchor.seq);
    if (h === undefined) problems.push({ seq: anchor.seq, kind: 'truncated', message: `the anchor names entry ${anchor.seq} but the log ends at ${head?.seq ?? 0}: entries were removed from the end` });
    else if (h !== anchor.hash) problems.push({ seq: anchor.seq, kind: 'anchor-mismatch', message: `entry ${anchor.seq} differs from the anchored hash` });
  }
  return { ok: problems.length === 0, entries: rows.length, head, anchor, problems };
}

export function readAnchor(file: string): AuditHead | null {
  if (!existsSync(file)) return null;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as AuditHead;
  return typeof doc.seq === 'number' && typeof doc.hash === 'string' ? { seq: doc.seq, hash: doc.hash } : null;
}

/** Writes the anchor atomically (temp file + rename). */
export async function writeAnchor(file: string, head: AuditHead): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(head) + '\n');
}
