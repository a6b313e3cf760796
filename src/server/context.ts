/**
 * What every route handler receives: the store, the observatory key (held in memory only, never
 * written to the store), the clock, the logger, and the observatory's settings.
 */
import type { Context } from 'hono';
import type { ZodType } from 'zod';
import type { Store, Queryable } from './store/types.ts';
import { appendAudit, writeAnchor, type AuditAction } from './audit.ts';
import type { ObservatorySchema } from './observatory.ts';

export const ROLES = ['practice', 'dpo', 'client', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: string;
  name: string;
  role: Role;
  practiceId: string | null;
  clientId: string | null;
}

export interface ObservatoryInfo {
  name: string;
  noticeVersion: string;
  retention: string;
  /** Stored records older than this (by upload date) are deleted: the rule `retention` states. */
  retentionYears: number;
  contact: string;
  purposes: string[];
}

export interface Services {
  store: Store;
  /** The observatory's pseudonymization key (from a file or an environment variable). */
  key: Uint8Array;
  now: () => Date;
  log: (line: string) => void;
  schema: ObservatorySchema;
  info: ObservatoryInfo;
  /** Where the audit anchor (last seq + hash) is written after each append, if anywhere. */
  auditAnchor: string | null;
  /** The service's private temporary folder (0700): raw uploads while DuckDB reads them; swept at start. */
  uploadTmp: string;
  /** Test-only fault injection, from ANONYMAT_FAULT (e.g. "upload-after-batch:2"). */
  fault: string | null;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext<B = unknown, Q = unknown> {
  c: Context;
  svc: Services;
  account: Account | null;
  params: Record<string, string>;
  body: B;
  query: Q;
}

export type RateClass = 'default' | 'login' | 'upload' | 'query';

export interface RouteDef {
  method: Method;
  /** hono path pattern under /api. */
  path: string;
  /** Who may call it: a list of roles, or 'public' (no token needed). */
  roles: readonly Role[] | 'public';
  summary: string;
  body?: ZodType;
  query?: ZodType;
  /** 'raw': the handler reads the body itself (uploads). */
  bodyKind?: 'json' | 'raw';
  rate?: RateClass;
  handler: (ctx: RouteContext<any, any>) => Promise<unknown>;
}

/** Runs fn in a transaction that also appends one audit entry; updates the anchor after commit. */
export async function withAudit<T>(
  svc: Services, actor: Account | string, action: AuditAction, subject: string,
  fn: (tx: Queryable) => Promise<{ result: T; detail?: Record<string, unknown> }>,
): Promise<T> {
  const actorId = typeof actor === 'string' ? actor : `${actor.role}:${actor.id}`;
  let head: { seq: number; hash: string } | null = null;
  const out = await svc.store.transaction(async (tx) => {
    const { result, detail } = await fn(tx);
    head = await appendAudit(tx, svc.now(), actorId, action, subject, detail ?? {});
    return result;
  });
  if (svc.auditAnchor && head) await writeAnchor(svc.auditAnchor, head);
  return out;
}
