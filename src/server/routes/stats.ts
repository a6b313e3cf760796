/**
 * DP statistics through the per-client ledger. The answer is computed first (nothing leaves),
 * then one transaction charges ε to the client's budget (exact fractions, compare-and-set on a
 * version column) and writes the audit entry; the answer is returned only if the charge committed.
 * Write transactions are serialised, and the version check refuses a concurrent writer from another
 * process, so concurrent requests never overspend.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AnonymatError } from '../../errors.ts';
import { withAudit, type Account, type RouteDef, type Services } from '../context.ts';
import { answerDp, fractionAdd, fractionCmp, fractionSub, fractionToNumber, fractionToString, parseFraction, type DpQuery, type Fraction } from '../engines.ts';
import { appendAudit, writeAnchor, type AuditHead } from '../audit.ts';
import type { Row } from '../store/types.ts';
import { loadPersons } from './data.ts';
import { projectView, visibleProject } from './projects.ts';
import { idSchemaPattern, iso, must, one } from './util.ts';

const epsilon = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const f = parseFraction(v);
  if (!f || f.num <= 0n) { ctx.addIssue({ code: 'custom', message: 'ε must be a positive number or fraction such as "1/10"' }); return z.NEVER; }
  if (f.num > 10n * f.den) { ctx.addIssue({ code: 'custom', message: 'ε above 10 per query is refused' }); return z.NEVER; }
  return f;
});

const queryBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), where: z.record(z.string(), z.string()).optional(), epsilon }),
  z.object({ kind: z.literal('histogram'), column: z.string(), bins: z.array(z.string()).min(1).max(500), epsilon }),
]);

function budgetView(r: Row) {
  const total = parseFraction(String(r.total))!;
  const spent = parseFraction(String(r.spent))!;
  const remaining = fractionSub(total, spent);
  return {
    clientId: r.client_id, total: fractionToString(total), spent: fractionToString(spent), remaining: fractionToString(remaining),
    totalValue: fractionToNumber(total), spentValue: fractionToNumber(spent), remainingValue: fractionToNumber(remaining), updatedAt: r.updated_at,
  };
}

export async function runDpQuery(svc: Services, a: Account, projectId: string, q: z.infer<typeof queryBody>) {
  const project = projectView(await visibleProject(svc, a, projectId));
  const cols = q.kind === 'count' ? Object.keys(q.where ?? {}) : [q.column];
  const bad = cols.filter((c) => !project.dataRequested.includes(c));
  if (bad.length) throw new AnonymatError('invalid-query', 'the query uses columns outside the project\'s requested data', bad.map((c) => ({ path: `$.${q.kind === 'count' ? 'where' : 'column'}`, message: `column ${c} is not requested by project ${projectId}` })));
  const eps: Fraction = q.epsilon;
  const persons = await loadPersons(svc, project.dataRequested);
  const answer = await answerDp(persons, q as DpQuery);
  const queryId = randomUUID();
  for (let attempt = 0; attempt < 5; attempt++) {
    let head: AuditHead | null = null;
    const outcome = await svc.store.transaction(async (tx) => {
      const rows = await tx.all('SELECT * FROM dp_budgets WHERE client_id = $1', [a.clientId!]);
      const b = rows[0];
      const total = b ? parseFraction(String(b.total))! : null;
      const spent = b ? parseFraction(String(b.spent))! : null;
      if (!b || !total || !spent || fractionCmp(fractionAdd(spent, eps), total) > 0) {
        head = await appendAudit(tx, svc.now(), `${a.role}:${a.id}`, 'dp.refused', `dp:${queryId}`, { projectId, epsilon: fractionToString(eps) });
        return { refused: b ? budgetView(b) : null } as const;
      }
      const newSpent = fractionAdd(spent, eps);
      const changed = await tx.run('UPDATE dp_budgets SET spent = $1, version = version + 1, updated_at = $2 WHERE client_id = $3 AND version = $4',
        [fractionToString(newSpent), iso(svc), a.clientId!, Number(b.version)]);
      if (changed !== 1) return { retry: true } as const;
      await tx.run('INSERT INTO dp_queries (id, client_id, project_id, asked_at, query, epsilon, status, result) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
        [queryId, a.clientId!, projectId, iso(svc), JSON.stringify({ ...q, epsilon: fractionToString(eps) }), fractionToString(eps), 'answered', JSON.stringify(answer.values)]);
      head = await appendAudit(tx, svc.now(), `${a.role}:${a.id}`, 'dp.query', `dp:${queryId}`, { projectId, kind: q.kind, epsilon: fractionToString(eps), spent: fractionToString(newSpent) });
      return { ok: true, budget: budgetView({ ...b, spent: fractionToString(newSpent) }) } as const;
    });
    if (head && svc.auditAnchor) await writeAnchor(svc.auditAnchor, head);
    if ('retry' in outcome) continue;
    if ('refused' in outcome) {
      const left = outcome.refused ? outcome.refused.remaining : '0';
      throw new AnonymatError('budget-exhausted', `the query needs ε = ${fractionToString(eps)} but client ${a.clientId} has ${left} left; ask the DPO for more budget or a smaller ε`);
    }
    return { queryId, projectId, answer, budget: outcome.budget, excludedObjections: true };
  }
  throw new AnonymatError('conflict', 'the budget changed concurrently too many times; retry the query');
}

export const routes: RouteDef[] = [
  {
    method: 'POST', path: '/api/projects/:id/stats', roles: ['client'], body: queryBody, rate: 'query',
    summary: 'a differentially private statistic on the project\'s data, charged to the client\'s ε budget',
    handler: async ({ svc, account, params, body }) => runDpQuery(svc, must(account), params.id!, body as z.infer<typeof queryBody>),
  },
  {
    method: 'GET', path: '/api/budgets', roles: ['dpo', 'admin', 'client'], summary: 'DP budgets (a client sees its own)',
    handler: async ({ svc, account }) => {
      const a = must(account);
      const rows = a.role === 'client'
        ? await svc.store.all('SELECT * FROM dp_budgets WHERE client_id = $1', [a.clientId!])
        : await svc.store.all('SELECT * FROM dp_budgets ORDER BY client_id');
      const queries = a.role === 'client'
        ? await svc.store.all('SELECT id, project_id, asked_at, epsilon, query FROM dp_queries WHERE client_id = $1 ORDER BY asked_at DESC LIMIT 200', [a.clientId!])
        : await svc.store.all('SELECT id, client_id, project_id, asked_at, epsilon FROM dp_queries ORDER BY asked_at DESC LIMIT 200');
      return { budgets: rows.map(budgetView), queries };
    },
  },
  {
    method: 'PUT', path: '/api/budgets/:clientId', roles: ['dpo'], body: z.object({ total: z.union([z.string(), z.number()]) }),
    summary: 'set a client\'s total ε budget (never below what it has spent)',
    handler: async ({ svc, account, params, body }) => {
      const total = parseFraction((body as { total: string | number }).total);
      if (!total || total.num < 0n) throw new AnonymatError('invalid-input', 'total must be a non-negative number or fraction', [{ path: '$.total', message: 'not a non-negative number' }]);
      if (!idSchemaPattern.test(params.clientId!)) throw new AnonymatError('invalid-input', 'bad client id', [{ path: 'clientId', message: 'bad characters' }]);
      await withAudit(svc, must(account), 'budget.set', `client:${params.clientId}`, async (tx) => {
        await one(tx, 'SELECT id FROM clients WHERE id = $1', [params.clientId!], `client ${params.clientId}`);
        const rows = await tx.all('SELECT * FROM dp_budgets WHERE client_id = $1', [params.clientId!]);
        if (!rows.length) {
          await tx.run('INSERT INTO dp_budgets (client_id, total, spent, version, updated_at) VALUES ($1,$2,$3,$4,$5)', [params.clientId!, fractionToString(total), '0', 0, iso(svc)]);
        } else {
          const spent = parseFraction(String(rows[0]!.spent))!;
          if (fractionCmp(total, spent) < 0) throw new AnonymatError('conflict', `client ${params.clientId} has already spent ${fractionToString(spent)}: the total cannot be lower`);
          await tx.run('UPDATE dp_budgets SET total = $1, version = version + 1, updated_at = $2 WHERE client_id = $3', [fractionToString(total), iso(svc), params.clientId!]);
        }
        return { result: null, detail: { total: fractionToString(total) } };
      });
      return budgetView(await one(svc.store, 'SELECT * FROM dp_budgets WHERE client_id = $1', [params.clientId!], 'budget'));
    },
  },
];
