import * as z from 'zod';
import { readAudit, verifyAuditAgainst } from '../audit.ts';
import type { RouteDef } from '../context.ts';
import { auditAnchorKey } from '../keys.ts';

export const routes: RouteDef[] = [
  {
    method: 'GET', path: '/api/audit', roles: ['dpo', 'admin'],
    query: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(5000).default(500) }),
    summary: 'audit log entries (append-only hash chain)',
    handler: async ({ svc, query }) => {
      const q = query as { after: number; limit: number };
      return { entries: await readAudit(svc.store, { afterSeq: q.after, limit: q.limit }) };
    },
  },
  {
    method: 'GET', path: '/api/audit/verify', roles: ['dpo', 'admin'],
    summary: 'recompute the audit hash chain, check the anchor and its MAC; status "reanchored" and `reanchors` name the operator\'s re-anchorings',
    handler: async ({ svc }) => verifyAuditAgainst(svc.store, svc.auditAnchor, { macKey: auditAnchorKey(svc.key) }),
  },
];
