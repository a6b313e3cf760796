/**
 * DP statistics through the per-client ledger: the body is a query of src/dp's language
 * (docs/dp.md), `from` being the project. src/dp `runQuery` prices it and charges the service's
 * ledger (src/server/ledger.ts: exact fractions, one transaction with the audit entry, compare-and-
 * set on a version column) BEFORE any noise is drawn; a refusal spends nothing. Concurrent
 * requests never overspend.
 */
import * as z from 'zod';
import { AnonymatError, type Issue } from '../../errors.ts';
import { withAudit, type Account, type RouteDef, type Services } from '../context.ts';
import { dpNumericReads, fractionCmp, fractionToString, parseFraction, runDpQuery, type DatasetDescriptor } from '../engines.ts';
import { budgetViewOf, serviceLedger } from '../ledger.ts';
import type { Row } from '../store/types.ts';
import { loadProjectTable, PERSON } from './data.ts';
import { assertWithinRetention, projectView, visibleProject } from './projects.ts';
import { idSchemaPattern, iso, must, one } from './util.ts';

/** The columns a DP query reads (where, groupBy, select, bounds, keys). */
export function queryColumns(q: Record<string, unknown>): { column: string; path: string }[] {
  const out: { column: string; path: string }[] = [];
  for (const k of Object.keys((q.where as object) ?? {})) out.push({ column: k, path: `$.where.${k}` });
  ((q.groupBy as string[] | undefined) ?? []).forEach((c, i) => out.push({ column: String(c), path: `$.groupBy[${i}]` }));
  ((q.select as Record<string, unknown>[] | undefined) ?? []).forEach((s, i) => {
    for (const key of ['sum', 'mean', 'variance', 'histogram', 'quantile']) if (typeof s?.[key] === 'string') out.push({ column: String(s[key]), path: `$.select[${i}].${key}` });
  });
  for (const k of Object.keys((q.bounds as object) ?? {})) out.push({ column: k, path: `$.bounds.${k}` });
  for (const k of Object.keys((q.keys as object) ?? {})) out.push({ column: k, path: `$.keys.${k}` });
  return out;
}

export function budgetRowView(r: Row) {
  const v = budgetViewOf(r);
  return {
    clientId: v.client, measure: v.measure, total: v.total, spent: v.spent, remaining: v.remaining,
    totalDelta: v.totalDelta, spentDelta: v.spentDelta,
    totalValue: v.approx.total, spentValue: v.approx.spent, remainingValue: v.approx.remaining, updatedAt: r.updated_at,
  };
}

export async function runProjectQuery(svc: Services, a: Account, projectId: string, doc: Record<string, unknown>) {
  const project = projectView(await visibleProject(svc, a, projectId));
  assertWithinRetention(svc, project.retentionUntil, projectId, 'no statistic is answered');
  if (doc.from !== undefined && doc.from !== projectId) {
    throw new AnonymatError('invalid-query', `"from" must be the project (${projectId}) or be left out`, [{ path: '$.from', message: 'another data set' }]);
  }
  const issues: Issue[] = queryColumns(doc).filter((c) => c.column === PERSON || !project.dataRequested.includes(c.column))
    .map((c) => ({ path: c.path, message: `column ${c.column} is not part of project ${projectId}'s requested data` }));
  if (issues.length) throw new AnonymatError('invalid-query', 'the query reads columns outside the project\'s requested data', issues);
  if (doc.mechanism === 'small-cell-suppression') throw new AnonymatError('invalid-query', 'only differentially private queries are answered by the observatory', [{ path: '$.mechanism', message: 'use "dp" or leave it out' }]);
  // the columns' types are the schema's kinds, declared before any data (src/dp never reads a type from the table): a
  // column of kind string cannot be read as numbers — refused here, before anything is loaded or charged, in the schema's
  // words (the service has no data-set descriptor for a client to edit); the refusal reads the schema and the query only
  const kinds = Object.fromEntries(project.dataRequested.map((c) => [c, svc.schema.columns[c]?.kind ?? 'string'] as const));
  const text = dpNumericReads({ ...doc, from: projectId }).filter((r) => kinds[r.column] === 'string');
  if (text.length) {
    const names = [...new Set(text.map((r) => r.column))];
    throw new AnonymatError('invalid-query', `${names.length === 1 ? `column ${names[0]} is` : `columns ${names.join(', ')} are`} text in the observatory's schema and cannot be read as numbers (nothing was charged)`,
      text.map((r) => ({ path: r.path, message: `${r.what} needs numbers; ${r.column}'s schema kind is string (text): count it with groupBy or an equality condition instead` })));
  }
  const dataset: DatasetDescriptor = { name: projectId, privacyUnit: PERSON, columns: Object.fromEntries(Object.entries(kinds).map(([c, type]) => [c, { type }])) };
  const table = await loadProjectTable(svc, project.dataRequested);
  const ledger = serviceLedger(svc, a, projectId, doc);
  const outcome = await runDpQuery(table, { ...doc, from: projectId }, dataset, ledger, a.clientId!);
  if (outcome.status === 'refused') {
    throw new AnonymatError('budget-exhausted', `query refused, nothing spent: ${outcome.reason}; ask the DPO for more budget or a smaller ε`, [{ path: '$.epsilon', message: `costs ${outcome.cost.amount} (${outcome.cost.measure})` }]);
  }
  return { queryId: ledger.lastQueryId, projectId, excludedObjections: true, ...outcome };
}

export const routes: RouteDef[] = [
  {
    method: 'POST', path: '/api/projects/:id/stats', roles: ['client'], rate: 'query',
    // (the shapes the column check reads; the rest is src/dp's query language, checked by its parser)
    body: z.looseObject({
      select: z.array(z.unknown()).min(1), groupBy: z.array(z.string()).optional(),
      where: z.record(z.string(), z.unknown()).optional(), bounds: z.record(z.string(), z.unknown()).optional(), keys: z.record(z.string(), z.unknown()).optional(),
    }),
    summary: 'a differentially private statistic (src/dp query language) on the project\'s data, charged to the client\'s budget',
    handler: async ({ svc, account, params, body }) => runProjectQuery(svc, must(account), params.id!, body as Record<string, unknown>),
  },
  {
    method: 'GET', path: '/api/budgets', roles: ['dpo', 'admin', 'client'], summary: 'DP budgets (a client sees its own)',
    handler: async ({ svc, account }) => {
      const a = must(account);
      const rows = a.role === 'client'
        ? await svc.store.all('SELECT * FROM dp_budgets WHERE client_id = $1', [a.clientId!])
        : await svc.store.all('SELECT * FROM dp_budgets ORDER BY client_id');
      const queries = a.role === 'client'
        ? await svc.store.all('SELECT id, project_id, asked_at, epsilon FROM dp_queries WHERE client_id = $1 ORDER BY asked_at DESC LIMIT 200', [a.clientId!])
        : await svc.store.all('SELECT id, client_id, project_id, asked_at, epsilon FROM dp_queries ORDER BY asked_at DESC LIMIT 200');
      return { budgets: rows.map(budgetRowView), queries };
    },
  },
  {
    method: 'PUT', path: '/api/budgets/:clientId', roles: ['dpo'],
    body: z.object({ total: z.union([z.string(), z.number()]), measure: z.enum(['pure-dp', 'zcdp']).default('pure-dp'), delta: z.union([z.string(), z.number()]).default('0') }),
    summary: 'set a client\'s total budget (ε for pure-dp, ρ for zcdp; never below what it has spent)',
    handler: async ({ svc, account, params, body }) => {
      const b = body as { total: string | number; measure: 'pure-dp' | 'zcdp'; delta: string | number };
      const total = parseFraction(b.total), delta = parseFraction(b.delta);
      if (!total || total.num < 0n) throw new AnonymatError('invalid-input', 'total must be a non-negative number or fraction', [{ path: '$.total', message: 'not a non-negative number' }]);
      if (!delta || delta.num < 0n || delta.num >= delta.den) throw new AnonymatError('invalid-input', 'delta must be in [0, 1)', [{ path: '$.delta', message: 'out of range' }]);
      if (!idSchemaPattern.test(params.clientId!)) throw new AnonymatError('invalid-input', 'bad client id', [{ path: 'clientId', message: 'bad characters' }]);
      await withAudit(svc, must(account), 'budget.set', `client:${params.clientId}`, async (tx) => {
        await one(tx, 'SELECT id FROM clients WHERE id = $1', [params.clientId!], `client ${params.clientId}`);
        const rows = await tx.all('SELECT * FROM dp_budgets WHERE client_id = $1', [params.clientId!]);
        if (!rows.length) {
          await tx.run('INSERT INTO dp_budgets (client_id, total, spent, version, updated_at, measure, total_delta, spent_delta) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
            [params.clientId!, fractionToString(total), '0', 0, iso(svc), b.measure, fractionToString(delta), '0']);
        } else {
          const r = rows[0]!;
          const spent = parseFraction(String(r.spent))!;
          if (String(r.measure ?? 'pure-dp') !== b.measure && spent.num !== 0n) throw new AnonymatError('conflict', `client ${params.clientId}'s budget is in ${r.measure} and already used: its measure cannot change`);
          if (fractionCmp(total, spent) < 0) throw new AnonymatError('conflict', `client ${params.clientId} has already spent ${fractionToString(spent)}: the total cannot be lower`);
          await tx.run('UPDATE dp_budgets SET total = $1, total_delta = $2, measure = $3, version = version + 1, updated_at = $4 WHERE client_id = $5',
            [fractionToString(total), fractionToString(delta), b.measure, iso(svc), params.clientId!]);
        }
        return { result: null, detail: { total: fractionToString(total), measure: b.measure } };
      });
      return budgetRowView(await one(svc.store, 'SELECT * FROM dp_budgets WHERE client_id = $1', [params.clientId!], 'budget'));
    },
  },
];
