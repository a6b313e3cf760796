import type { RouteDef } from '../context.ts';
import { withAudit } from '../context.ts';
import { ROLES } from '../context.ts';
import { must } from './util.ts';

export const routes: RouteDef[] = [
  {
    method: 'POST', path: '/api/session', roles: ROLES, rate: 'login',
    summary: 'log in with a bearer token: returns the account and records the login in the audit log',
    handler: async ({ svc, account }) => {
      const a = must(account);
      await withAudit(svc, a, 'login', `account:${a.id}`, async () => ({ result: null }));
      return { account: a };
    },
  },
  {
    method: 'GET', path: '/api/me', roles: ROLES, summary: 'the account of the token',
    handler: async ({ account }) => ({ account: must(account) }),
  },
];
