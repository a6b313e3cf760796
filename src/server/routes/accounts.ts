import * as z from 'zod';
import { AnonymatError } from '../../errors.ts';
import { addToken, createAccount, forgetTokens } from '../auth.ts';
import { ROLES, withAudit, type RouteDef } from '../context.ts';
import { idSchemaPattern, iso, must, one } from './util.ts';

const newAccount = z.object({
  name: z.string().min(1).max(200),
  role: z.enum(ROLES),
  practiceId: z.string().regex(idSchemaPattern).optional(),
  clientId: z.string().regex(idSchemaPattern).optional(),
});

export const routes: RouteDef[] = [
  {
    method: 'GET', path: '/api/accounts', roles: ['admin'], summary: 'list accounts (never tokens)',
    handler: async ({ svc }) => ({
      accounts: (await svc.store.all(`SELECT a.id, a.name, a.role, a.practice_id, a.client_id, a.created_at, a.disabled,
        (SELECT COUNT(*) FROM api_tokens t WHERE t.account_id = a.id AND t.revoked_at IS NULL) AS active_tokens
        FROM accounts a ORDER BY a.created_at, a.id`)),
    }),
  },
  {
    method: 'POST', path: '/api/accounts', roles: ['admin'], body: newAccount,
    summary: 'create an account (practice and client accounts create their practice/client); returns its token once',
    handler: async ({ svc, account, body }) => {
      const b = body as z.infer<typeof newAccount>;
      return withAudit(svc, must(account), 'account.create', 'account', async (tx) => {
        const created = await createAccount(tx, b, svc.now());
        return { result: created, detail: { accountId: created.account.id, role: b.role } };
      });
    },
  },
  {
    method: 'POST', path: '/api/accounts/:id/tokens', roles: ['admin'], body: z.object({ label: z.string().min(1).max(100) }),
    summary: 'issue another token for an account; returned once',
    handler: async ({ svc, account, params, body }) => withAudit(svc, must(account), 'token.create', `account:${params.id}`, async (tx) => {
      await one(tx, 'SELECT id FROM accounts WHERE id = $1', [params.id!], `account ${params.id}`);
      return { result: { token: await addToken(tx, params.id!, (body as { label: string }).label, svc.now()) } };
    }),
  },
  {
    method: 'POST', path: '/api/accounts/:id/revoke', roles: ['admin'], summary: 'revoke every token of an account and disable it',
    handler: async ({ svc, account, params }) => {
      const me = must(account);
      if (me.id === params.id) throw new AnonymatError('conflict', 'an admin cannot revoke its own account; use another admin account');
      return withAudit(svc, me, 'token.revoke', `account:${params.id}`, async (tx) => {
        await one(tx, 'SELECT id FROM accounts WHERE id = $1', [params.id!], `account ${params.id}`);
        const n = await tx.run('UPDATE api_tokens SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL', [iso(svc), params.id!]);
        await tx.run('UPDATE accounts SET disabled = TRUE WHERE id = $1', [params.id!]);
        forgetTokens(svc.store);
        return { result: { revokedTokens: n }, detail: { revokedTokens: n } };
      });
    },
  },
];
