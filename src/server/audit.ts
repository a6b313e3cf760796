/**
 * The audit log: an append-only hash chain. Entry n stores hash_n = SHA-256(hash_{n-1} ‖ canonical
 * JSON of [seq, logged_at, actor, action, subject, detail]); the first entry chains from 64 zeros.
 * `verifyAudit` recomputes the chain in seq order: an edited entry breaks its own hash, a removed
 * entry leaves a gap in seq and breaks the next prev_hash, reordered entries break both. Truncating
 * the tail is caught by an anchor (the last seq and hash, written to a file outside the database
 * after each append: `<data>/audit-head.json` for the embedded store). An anchor file that holds no
 * anchor, and a log emptied under a store that still holds what its entries recorded, are broken too;
 * a missing anchor under a log with entries stops the service until the operator re-anchors it
 * (`audit.reanchor`, an entry of its own, which every verification reports: entries removed before it could not be
 * detected). The anchor carries a MAC (HMAC-SHA-256 under a key derived from the observatory key, over its seq and
 * hash), so a plain {seq, hash} written over it to the shortened head of a truncated log is refused too. An anchor
 * without a MAC (an earlier version's) is accepted once, and that acceptance is an entry of its own (`audit.anchor-keyed`),
 * reported by every verification as a re-anchoring is: a downgrade (the "keyed" setting deleted and a plain anchor
 * written at a truncated head) leaves that trace; and once the log holds such an entry, a plain anchor is refused
 * whatever the settings say.
 *
 * Details hold identifiers and counts only — never a record value, a token or a key.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
  | 'service.start' | 'retention.purge' | 'audit.reanchor' | 'audit.anchor-keyed';

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

/** How many times an append reads the head again when another writer took its seq first. */
export const AUDIT_APPEND_ATTEMPTS = 10;

/**
 * Appends one entry inside the caller's transaction; returns the new head. `detail` may be a function of the head the
 * entry chains from (null for the first entry), for a detail that names it.
 *
 * Several PostgreSQL instances append to one log: another may commit the seq this one read as next between the read
 * and the insert. The insert then waits for it and does nothing (ON CONFLICT), and the head is read again (a new
 * snapshot under READ COMMITTED), up to AUDIT_APPEND_ATTEMPTS times, then `conflict`; the plain insert raised a unique
 * violation (23505) that aborted the transaction and surfaced as an internal error.
 */
export async function appendAudit(
  tx: Queryable, at: Date, actor: string, action: AuditAction, subject: string,
  detail: Record<string, unknown> | ((previous: AuditHead | null) => Record<string, unknown>) = {},
): Promise<AuditHead> {
  const loggedAt = at.toISOString();
  for (let attempt = 0; attempt < AUDIT_APPEND_ATTEMPTS; attempt++) {
    const last = await tx.all('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const previous: AuditHead | null = last.length ? { seq: Number(last[0]!.seq), hash: String(last[0]!.hash) } : null;
    const seq = previous ? previous.seq + 1 : 1;
    const prev = previous ? previous.hash : GENESIS;
    const d = JSON.stringify(typeof detail === 'function' ? detail(previous) : detail);
    const hash = entryHash(prev, seq, loggedAt, actor, action, subject, d);
    const inserted = await tx.run('INSERT INTO audit_log (seq, logged_at, actor, action, subject, detail, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (seq) DO NOTHING',
      [seq, loggedAt, actor, action, subject, d, prev, hash]);
    if (inserted === 1) return { seq, hash };
  }
  throw new AnonymatError('conflict', `the audit log moved on ${AUDIT_APPEND_ATTEMPTS} times while an entry was being appended (other instances writing to the same store): nothing was recorded, try again`, [{ path: 'audit_log', message: 'concurrent appends' }]);
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

export interface AuditProblem {
  seq: number;
  kind: 'edited' | 'removed' | 'reordered' | 'truncated' | 'anchor-mismatch' | 'anchor-invalid' | 'anchor-missing' | 'anchor-mac' | 'anchor-unkeyed' | 'emptied';
  message: string;
}

/**
 * An `audit.reanchor` entry: the operator anchored the log anew (its anchor was missing); or an `audit.anchor-keyed`
 * entry: the service accepted an anchor without MAC once and keyed it (an earlier version's anchor, or a downgrade:
 * the two cannot be told apart). The chain verifies from there on, but entries removed from the end before it could
 * not be detected: every verification names it.
 */
export interface AuditReanchor {
  seq: number;
  /** Which kind of entry: the operator's re-anchoring, or an anchor without MAC accepted and keyed. */
  action: 'audit.reanchor' | 'audit.anchor-keyed';
  /** For `audit.anchor-keyed`: the seq of the anchor without MAC that was accepted (null otherwise, or unreadable). */
  unkeyedAnchor: number | null;
  /** The head the entry chains from (the log's head when it was re-anchored). */
  previousHead: number;
  loggedAt: string;
  actor: string;
  osUser: string | null;
  /** The anchor file that was re-created, as the entry names it. */
  anchorFile: string | null;
  message: string;
}

/**
 * The anchor's MAC: `verified`; `not-checked` (the anchor has one, no key was given); `absent` (an anchor written by
 * an earlier version, before this store's anchors were keyed: the service adds one at its next start); `mismatch` and
 * `absent` in a keyed store are problems (`anchor-mac`, `anchor-unkeyed`); `none`: no anchor was read.
 */
export type AnchorMacStatus = 'verified' | 'not-checked' | 'absent' | 'mismatch' | 'none';

export interface AuditVerification {
  /** The chain and its anchor verify (re-anchorings included: see `status` and `reanchors`). */
  ok: boolean;
  /** `intact`; `reanchored`: intact since an `audit.reanchor` entry, not before it; `broken`. */
  status: 'intact' | 'reanchored' | 'broken';
  entries: number;
  head: AuditHead | null;
  anchor: AuditHead | null;
  anchorMac: AnchorMacStatus;
  problems: AuditProblem[];
  /** Every `audit.reanchor` and `audit.anchor-keyed` entry, in order. */
  reanchors: AuditReanchor[];
}

function reanchorMessage(r: Omit<AuditReanchor, 'message'>, intact: boolean): string {
  if (r.action === 'audit.anchor-keyed') {
    return `${intact ? `intact since entry #${r.seq}; ` : ''}an anchor without MAC was accepted at entry #${r.seq} (anchor at entry #${r.unkeyedAnchor ?? '?'}, ${r.loggedAt}; an earlier version's, or a downgrade): entries removed before that could not be detected`;
  }
  return `${intact ? `intact since entry #${r.seq}; ` : ''}re-anchored by the operator at entry #${r.seq} (previous head #${r.previousHead}, ${r.loggedAt}): entries removed before that could not be detected`;
}

/** Sets ok, status and the re-anchorings' messages from the problems (after problems were added). */
export function settleVerification(v: AuditVerification): AuditVerification {
  const ok = v.problems.length === 0;
  return {
    ...v, ok, status: !ok ? 'broken' : v.reanchors.length ? 'reanchored' : 'intact',
    reanchors: v.reanchors.map((r) => ({ ...r, message: reanchorMessage(r, ok) })),
  };
}

/** The verification with more problems (the CLI's missing anchor). */
export function withProblems(v: AuditVerification, problems: AuditProblem[]): AuditVerification {
  return settleVerification({ ...v, problems: [...v.problems, ...problems] });
}

/** Recomputes the whole chain (rows read raw, in stored order of seq). */
export async function verifyAudit(q: Queryable, anchor: AuditHead | null = null): Promise<AuditVerification> {
  const rows = await q.all('SELECT seq, logged_at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq');
  const problems: AuditProblem[] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  const bySeq = new Map<number, string>();
  const reanchors: AuditReanchor[] = [];
  for (const r of rows) {
    const seq = Number(r.seq);
    const action = String(r.action);
    if (action === 'audit.reanchor' || action === 'audit.anchor-keyed') {
      const d = safeParse(String(r.detail));
      const subject = String(r.subject);
      const ua = d.unkeyedAnchor as { seq?: unknown } | undefined;
      reanchors.push({
        seq, action, unkeyedAnchor: action === 'audit.anchor-keyed' && ua && typeof ua.seq === 'number' ? ua.seq : null, previousHead: seq - 1, loggedAt: String(r.logged_at), actor: String(r.actor),
        osUser: typeof d.osUser === 'string' ? d.osUser : null, anchorFile: subject.startsWith('anchor:') ? subject.slice('anchor:'.length) : null, message: '',
      });
    }
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
  return settleVerification({ ok: false, status: 'broken', entries: rows.length, head, anchor, anchorMac: anchor ? 'not-checked' : 'none', problems, reanchors });
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

/** What an anchor file holds: nothing (no file), a head (with its MAC, null in an earlier version's), or no anchor. */
export type AnchorFile = { state: 'missing' } | { state: 'valid'; head: AuditHead; mac: string | null } | { state: 'invalid'; reason: string };

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
  const { seq, hash, mac } = doc as { seq?: unknown; hash?: unknown; mac?: unknown };
  if (!(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1)) return { state: 'invalid', reason: 'its seq is not a positive integer' };
  if (!(typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash))) return { state: 'invalid', reason: 'its hash is not 64 hexadecimal digits' };
  if (mac !== undefined && !(typeof mac === 'string' && /^[0-9a-f]{64}$/.test(mac))) return { state: 'invalid', reason: 'its mac is not 64 hexadecimal digits' };
  return { state: 'valid', head: { seq, hash }, mac: mac ?? null };
}

/**
 * The anchor's MAC: HMAC-SHA-256 under the anchor key (`auditAnchorKey`, derived from the observatory key) over a
 * versioned label, the seq and the hash. Whoever can write the anchor file but does not hold the key cannot write an
 * anchor the service accepts (an older anchor the service wrote still verifies: the MAC does not date it).
 */
export function anchorMac(macKey: Uint8Array, head: AuditHead): string {
  return createHmac('sha256', macKey).update(`anonymat audit anchor v1\n${head.seq}\n${head.hash}`).digest('hex');
}

export function anchorMacValid(macKey: Uint8Array, head: AuditHead, mac: string): boolean {
  const want = Buffer.from(anchorMac(macKey, head), 'hex');
  const got = Buffer.from(mac, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The settings row that says this store's anchors carry a MAC: an anchor without one is then no longer accepted. */
export const ANCHOR_MAC_SETTING = 'audit_anchor_mac';
export const ANCHOR_MAC_SCHEME = 'hmac-sha256-v1';

export async function anchorsKeyed(q: Queryable): Promise<boolean> {
  return (await q.all('SELECT value FROM settings WHERE key = $1', [ANCHOR_MAC_SETTING])).length > 0;
}

/**
 * The first entry of the log written by a version with keyed anchors, or null: an `audit.anchor-keyed` entry (an anchor
 * without MAC accepted once), or the bootstrap admin's `account.create` of a store created with an anchor file by such a
 * version (its detail names the MAC scheme). The chain itself then says this store's anchors are keyed, whatever the
 * settings row says: deleting that row no longer lets a plain anchor through. (Other entries carry no mark of the
 * version that wrote them.)
 */
export async function anchorKeyedEntry(q: Queryable): Promise<number | null> {
  const rows = await q.all(`SELECT MIN(seq) AS s FROM audit_log WHERE action = 'audit.anchor-keyed'
    OR (action = 'account.create' AND actor = 'system' AND detail LIKE $1)`, [`%"anchorMac":"${ANCHOR_MAC_SCHEME}"%`]);
  return rows.length && rows[0]!.s !== null && rows[0]!.s !== undefined ? Number(rows[0]!.s) : null;
}

/** Whether an anchor without MAC is refused: the settings row, or an `audit.anchor-keyed` entry in the log. */
export async function unkeyedAnchorRefused(q: Queryable): Promise<{ refused: boolean; entry: number | null }> {
  const entry = await anchorKeyedEntry(q);
  return { refused: entry !== null || await anchorsKeyed(q), entry };
}

/** The fixed reason an `audit.anchor-keyed` entry records. */
export const ANCHOR_KEYED_REASON = 'anchor without MAC accepted once and keyed (earlier version or downgrade)';

export async function markAnchorsKeyed(q: Queryable): Promise<void> {
  await q.run('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [ANCHOR_MAC_SETTING, ANCHOR_MAC_SCHEME]);
}

export function anchorMacMessage(file: string): string {
  return `the audit anchor ${file} does not carry the service's MAC: it was not written by the service with this observatory key (replaced, edited or copied from elsewhere), and the end of the log can no longer be checked; restore it from a copy kept outside the data folder`;
}

export function anchorUnkeyedMessage(file: string, keyedEntry: number | null = null): string {
  return `the audit anchor ${file} carries no MAC, but this store's anchors have carried one since the service was upgraded${keyedEntry !== null ? ` (entry #${keyedEntry} of the log was written by a version with keyed anchors)` : ''}: a plain {seq, hash} was written over it (anyone who can write the file can do that, to hide entries removed from the end of the log); restore it from a copy kept outside the data folder`;
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

/**
 * `verifyAudit` against an anchor file (or none): a file that holds no anchor is a problem of the log's, not "no
 * anchor". With `macKey` (the anchor key) the anchor's MAC is checked; without, `anchorMac` says it was not.
 */
export async function verifyAuditAgainst(q: Queryable, file: string | null, opts: { macKey?: Uint8Array | null } = {}): Promise<AuditVerification> {
  const a: AnchorFile = file ? inspectAnchor(file) : { state: 'missing' };
  const v = await verifyAudit(q, a.state === 'valid' ? a.head : null);
  const at = v.head?.seq ?? 0;
  if (a.state === 'invalid') return withProblems(v, [{ seq: at, kind: 'anchor-invalid', message: anchorInvalidMessage(file!, a.reason) }]);
  if (a.state === 'missing') return v;
  if (a.mac === null) {
    // (an earlier version's anchor, until the service keys it; in a keyed store, a plain head written over the anchor)
    const k = await unkeyedAnchorRefused(q);
    if (k.refused) return withProblems({ ...v, anchorMac: 'absent' }, [{ seq: a.head.seq, kind: 'anchor-unkeyed', message: anchorUnkeyedMessage(file!, k.entry) }]);
    return { ...v, anchorMac: 'absent' };
  }
  if (!opts.macKey) return { ...v, anchorMac: 'not-checked' };
  if (!anchorMacValid(opts.macKey, a.head, a.mac)) return withProblems({ ...v, anchorMac: 'mismatch' }, [{ seq: a.head.seq, kind: 'anchor-mac', message: anchorMacMessage(file!) }]);
  return { ...v, anchorMac: 'verified' };
}

/**
 * The anchor key of each anchor file the service writes (registered at start): the appends of the routes and the
 * ledger write the anchor by its file name only. Derived keys only, never the observatory key itself.
 */
const anchorKeys = new Map<string, Uint8Array>();

export function registerAnchorKey(file: string, macKey: Uint8Array): void {
  anchorKeys.set(resolve(file), macKey);
}

/**
 * Writes the anchor atomically (temp file + rename), with its MAC under `macKey` or the key registered for the file
 * (an anchor written with no key anywhere is an earlier version's: a keyed store does not accept it).
 */
export async function writeAnchor(file: string, head: AuditHead, macKey?: Uint8Array): Promise<void> {
  const key = macKey ?? anchorKeys.get(resolve(file));
  const doc = key ? { seq: head.seq, hash: head.hash, mac: anchorMac(key, head) } : { seq: head.seq, hash: head.hash };
  await writeFileAtomic(file, JSON.stringify(doc) + '\n');
}
