/**
 * The service's DP ledger: src/dp's `Ledger` interface over the observatory store, one budget per
 * client (shared by the client's projects). `spend` checks and charges in one store transaction
 * (serialised in the process; a compare-and-set on `version` refuses a concurrent writer from
 * another process), records the query and appends the audit entry in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { AnonymatError } from '../errors.ts';
import { appendAudit, writeAnchor, type AuditHead } from './audit.ts';
import type { Account, Services } from './context.ts';
import type { Row } from './store/types.ts';
import type { BudgetView, Charge, Ledger, LedgerMeasure, Rational } from './engines.ts';
import { fractionAdd, fractionCmp, fractionSub, fractionToNumber, fractionToString, parseFraction } from './engines.ts';

const ZERO = '0';

export function budgetViewOf(r: Row, dataset = '*'): BudgetView {
  const total = parseFraction(String(r.total))!, spent = parseFraction(String(r.spent))!;
  const totalDelta = parseFraction(String(r.total_delta ?? ZERO))!, spentDelta = parseFraction(String(r.spent_delta ?? ZERO))!;
  const remaining = fractionSub(total, spent), remainingDelta = fractionSub(totalDelta, spentDelta);
  return {
    client: String(r.client_id), dataset, measure: String(r.measure ?? 'pure-dp') as LedgerMeasure,
    total: fractionToString(total), spent: fractionToString(spent), remaining: fractionToString(remaining),
    totalDelta: fractionToString(totalDelta), spentDelta: fractionToString(spentDelta), remainingDelta: fractionToString(remainingDelta),
    approx: { total: fractionToNumber(total), spent: fractionToNumber(spent), remaining: fractionToNumber(remaining), remainingDelta: fractionToNumber(remainingDelta) },
  };
}

/** A ledger bound to one request: the acting account and project are recorded with each spend. */
export function serviceLedger(svc: Services, actor: Account, projectId: string, queryDoc: unknown): Ledger & { lastQueryId: string | null } {
  const state = { lastQueryId: null as string | null };
  const anchor = async (head: AuditHead | null) => { if (head && svc.auditAnchor) await writeAnchor(svc.auditAnchor, head); };
  const ledger: Ledger & { lastQueryId: string | null } = {
    get lastQueryId() { return state.lastQueryId; },
    async allocate(client: string, dataset: string, a: { measure: LedgerMeasure; total: Rational; delta?: Rational }) {
      void client; void dataset; void a;
      throw new AnonymatError('forbidden', 'budgets are set by the DPO through PUT /api/budgets/:clientId');
    },
    async get(client: string, dataset: string) {
      const rows = await svc.store.all('SELECT * FROM dp_budgets WHERE client_id = $1', [client]);
      if (rows.length) return budgetViewOf(rows[0]!, dataset);
      // (the query engine asks the allocation first and refuses without one: audited as every refusal is)
      const head = await svc.store.transaction((tx) => appendAudit(tx, svc.now(), `${actor.role}:${actor.id}`, 'dp.refused', `dp:${randomUUID()}`, { projectId, reason: 'no budget' }));
      await anchor(head);
      return null;
    },
    async list(filter?: { client?: string; dataset?: string }) {
      const rows = filter?.client
        ? await svc.store.all('SELECT * FROM dp_budgets WHERE client_id = $1', [filter.client])
        : await svc.store.all('SELECT * FROM dp_budgets ORDER BY client_id');
      return rows.map((r) => budgetViewOf(r, filter?.dataset ?? '*'));
    },
    async spend(client: string, dataset: string, c: Charge, description: string) {
      const queryId = randomUUID();
      for (let attempt = 0; attempt < 5; attempt++) {
        let head: AuditHead | null = null;
        const out = await svc.store.transaction(async (tx) => {
          const rows = await tx.all('SELECT * FROM dp_budgets WHERE client_id = $1', [client]);
          const b = rows[0];
          if (!b) {
            // (refused and audited as any refusal: the entry is committed, the query then answered with the error)
            head = await appendAudit(tx, svc.now(), `${actor.role}:${actor.id}`, 'dp.refused', `dp:${queryId}`, { projectId, cost: fractionToString(c.amount), measure: c.measure, reason: 'no budget' });
            return { ok: 'no-budget' as const };
          }
          const view = budgetViewOf(b, dataset);
          const measure = String(b.measure ?? 'pure-dp');
          const total = parseFraction(String(b.total))!, spent = parseFraction(String(b.spent))!;
          const totalDelta = parseFraction(String(b.total_delta ?? ZERO))!, spentDelta = parseFraction(String(b.spent_delta ?? ZERO))!;
          const newSpent = fractionAdd(spent, c.amount), newDelta = fractionAdd(spentDelta, c.delta);
          const reason = measure !== c.measure ? `the query is priced in ${c.measure} but the budget is ${measure}`
            : fractionCmp(newSpent, total) > 0 ? `the query costs ${fractionToString(c.amount)} but ${view.remaining} remains`
              : fractionCmp(newDelta, totalDelta) > 0 ? `the query needs δ = ${fractionToString(c.delta)} but ${view.remainingDelta} remains` : null;
          if (reason) {
            head = await appendAudit(tx, svc.now(), `${actor.role}:${actor.id}`, 'dp.refused', `dp:${queryId}`, { projectId, cost: fractionToString(c.amount), measure: c.measure });
            return { ok: false as const, reason, budget: view };
          }
          const changed = await tx.run('UPDATE dp_budgets SET spent = $1, spent_delta = $2, version = version + 1, updated_at = $3 WHERE client_id = $4 AND version = $5',
            [fractionToString(newSpent), fractionToString(newDelta), svc.now().toISOString(), client, Number(b.version)]);
          if (changed !== 1) return null; // another writer won: retry
          await tx.run('INSERT INTO dp_queries (id, client_id, project_id, asked_at, query, epsilon, status, result) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
            [queryId, client, projectId, svc.now().toISOString(), JSON.stringify(queryDoc ?? description), fractionToString(c.amount), 'answered', null]);
          head = await appendAudit(tx, svc.now(), `${actor.role}:${actor.id}`, 'dp.query', `dp:${queryId}`, { projectId, measure: c.measure, cost: fractionToString(c.amount), spent: fractionToString(newSpent) });
          return { ok: true as const, spendId: queryId, budget: budgetViewOf({ ...b, spent: fractionToString(newSpent), spent_delta: fractionToString(newDelta) }, dataset) };
        });
        await anchor(head);
        if (out && out.ok === 'no-budget') throw new AnonymatError('budget-exhausted', `client ${client} has no DP budget; the DPO sets one with PUT /api/budgets/${client}`);
        if (out) { if (out.ok) state.lastQueryId = queryId; return out; }
      }
      throw new AnonymatError('conflict', 'the budget changed concurrently too many times; retry the query');
    },
    close() { /* the store belongs to the service */ },
  };
  return ledger;
}
