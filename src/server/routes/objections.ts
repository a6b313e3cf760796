/**
 * Patient objections (right to object): the practice (or the DPO, for an objection received
 * directly) sends the patient identifier; only its keyed pseudonym is stored. Objected patients are
 * left out of every later release and statistic, and each release report counts them.
 */
import * as z from 'zod';
import { withAudit, type RouteDef } from '../context.ts';
import { pseudonymOf } from '../engines.ts';
import { iso, must } from './util.ts';

export const routes: RouteDef[] = [
  {
    method: 'POST', path: '/api/objections', roles: ['practice', 'dpo'],
    body: z.object({ patientId: z.string().min(1).max(200) }),
    summary: 'record a patient\'s objection by the pseudonym of the identifier sent (the identifier is not stored)',
    handler: async ({ svc, account, body, c }) => {
      const a = must(account);
      const pseudonym = pseudonymOf(svc.key, (body as { patientId: string }).patientId);
      const out = await withAudit(svc, a, 'objection', 'objection', async (tx) => {
        const exists = await tx.all('SELECT recorded_at FROM objections WHERE pseudonym = $1', [pseudonym]);
        if (exists.length) return { result: { recorded: true, alreadyRecorded: true, recordedAt: String(exists[0]!.recorded_at), pseudonymPrefix: pseudonym.slice(0, 8) }, detail: { alreadyRecorded: true } };
        const at = iso(svc);
        await tx.run('INSERT INTO objections (pseudonym, recorded_at, recorded_by) VALUES ($1, $2, $3)', [pseudonym, at, `${a.role}:${a.id}`]);
        return { result: { recorded: true, alreadyRecorded: false, recordedAt: at, pseudonymPrefix: pseudonym.slice(0, 8) }, detail: { alreadyRecorded: false } };
      });
      // a practice gets one answer either way: a patient may object through any practice, so any id is accepted, and
      // "already recorded, on …" told a practice which ids another practice's patients had objected under (tested in
      // bulk, one request each). The DPO, who sees every objection anyway, is told; the audit entry says it for both
      if (a.role === 'practice') return c.json({ recorded: true, pseudonymPrefix: out.pseudonymPrefix }, 201);
      return c.json(out, out.alreadyRecorded ? 200 : 201);
    },
  },
  {
    method: 'GET', path: '/api/objections', roles: ['dpo', 'admin'], summary: 'objections (pseudonym prefixes), with the records they exclude',
    handler: async ({ svc }) => {
      const rows = await svc.store.all(`SELECT o.pseudonym, o.recorded_at, o.recorded_by,
        (SELECT COUNT(*) FROM records r WHERE r.pseudonym = o.pseudonym) AS excluded_records
        FROM objections o ORDER BY o.recorded_at, o.pseudonym`);
      return {
        objections: rows.map((r) => ({ pseudonymPrefix: String(r.pseudonym).slice(0, 8), recordedAt: r.recorded_at, recordedBy: r.recorded_by, excludedRecords: r.excluded_records })),
      };
    },
  },
];
