/**
 * Accounts and bearer API tokens. A token is 32 random bytes (base64url, prefixed `anm_`), shown
 * once at creation; the store keeps only its SHA-256. Every request's token is hashed and looked up.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AnonymatError } from '../errors.ts';
import type { Queryable } from './store/types.ts';
import type { Account, Role } from './context.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return 'anm_' + randomBytes(32).toString('base64url');
}

export function bearerOf(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+([A-Za-z0-9_\-.~+/=]{16,200})\s*$/.exec(header);
  return m ? m[1]! : null;
}

/**
 * A short-lived cache of token → account (10 s), so that each request does not query the store.
 * Revocation through the service clears it at once (`forgetTokens`); a revocation made by another
 * process applies within the TTL.
 */
const caches = new WeakMap<Queryable, Map<string, { account: Account; until: number }>>();
const TTL_MS = 10_000;
export function forgetTokens(q: Queryable): void { caches.get(q)?.clear(); }

export async function accountForToken(q: Queryable, token: string): Promise<Account | null> {
  let cache = caches.get(q);
  if (!cache) { cache = new Map(); caches.set(q, cache); }
  const hash = hashToken(token);
  const hit = cache.get(hash);
  const nowMs = Date.now();
  if (hit && hit.until > nowMs) return hit.account;
  const account = await lookupToken(q, hash);
  if (account) {
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { account, until: nowMs + TTL_MS });
  } else cache.delete(hash);
  return account;
}

async function lookupToken(q: Queryable, hash: string): Promise<Account | null> {
  const rows = await q.all(
    `SELECT a.id, a.name, a.role, a.practice_id, a.client_id FROM api_tokens t JOIN accounts a ON a.id = t.account_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.disabled = FALSE`, [hash]);
  if (!rows.length) return null;
  const r = rows[0]!;
  return { id: String(r.id), name: String(r.name), role: r.role as Role, practiceId: (r.practice_id as string | null) ?? null, clientId: (r.client_id as string | null) ?? null };
}

export interface NewAccount { name: string; role: Role; practiceId?: string | null; clientId?: string | null }

/** Creates an account (and its practice or client if new) and its first token; returns the token once. */
export async function createAccount(tx: Queryable, a: NewAccount, now: Date): Promise<{ account: Account; token: string }> {
  if (a.role === 'practice' && !a.practiceId) throw new AnonymatError('invalid-input', 'a practice account needs practiceId', [{ path: '$.practiceId', message: 'required for role practice' }]);
  if (a.role === 'client' && !a.clientId) throw new AnonymatError('invalid-input', 'a client account needs clientId', [{ path: '$.clientId', message: 'required for role client' }]);
  const at = now.toISOString();
  if (a.role === 'practice') {
    const p = await tx.all('SELECT id FROM practices WHERE id = $1', [a.practiceId!]);
    if (!p.length) await tx.run('INSERT INTO practices (id, name, created_at) VALUES ($1, $2, $3)', [a.practiceId!, a.name, at]);
  }
  if (a.role === 'client') {
    const p = await tx.all('SELECT id FROM clients WHERE id = $1', [a.clientId!]);
    if (!p.length) await tx.run('INSERT INTO clients (id, name, created_at) VALUES ($1, $2, $3)', [a.clientId!, a.name, at]);
  }
  const id = randomUUID();
  await tx.run('INSERT INTO accounts (id, name, role, practice_id, client_id, created_at, disabled) VALUES ($1,$2,$3,$4,$5,$6,$7)',
    [id, a.name, a.role, a.role === 'practice' ? a.practiceId! : null, a.role === 'client' ? a.clientId! : null, at, false]);
  const token = await addToken(tx, id, 'initial', now);
  return { account: { id, name: a.name, role: a.role, practiceId: a.role === 'practice' ? a.practiceId! : null, clientId: a.role === 'client' ? a.clientId! : null }, token };
}

export async function addToken(tx: Queryable, accountId: string, label: string, now: Date): Promise<string> {
  const token = newToken();
  await tx.run('INSERT INTO api_tokens (token_hash, account_id, label, created_at, revoked_at) VALUES ($1,$2,$3,$4,$5)',
    [hashToken(token), accountId, label, now.toISOString(), null]);
  return token;
}
