/**
 * Releases: a client asks → assessment, anonymization and attack simulations run at once → the
 * report waits for the DPO → approved or rejected with a comment → the client downloads.
 * A release that fails the verdict cannot be approved as anonymous; it can be approved under the
 * project's legal basis only when the project has one (authorization or declaration of conformity).
 */
import { createHash, randomUUID } from 'node:crypto';
import { shuffledRows } from '../../release/shuffle.ts';
import * as z from 'zod';
import { AnonymatError } from '../../errors.ts';
import { columnFromValues, makeTable, selectRows } from '../../table/table.ts';
import { withAudit, type Account, type RouteDef, type Services } from '../context.ts';
import { anonymizeTable, assess, proveAnonymity, releaseCsv, type ProofJson } from '../engines.ts';
import type { Queryable, Row } from '../store/types.ts';
import { enginePolicy, loadProjectData, PERSON } from './data.ts';
import { assertWithinRetention, projectView, visibleProject } from './projects.ts';
import { iso, must, one, parseJson } from './util.ts';

function releaseView(r: Row, withReport: boolean) {
  return {
    id: r.id, projectId: r.project_id, clientId: r.client_id, requestedAt: r.requested_at, status: r.status,
    verdictPasses: r.verdict_passes, decision: r.decision ?? null, decidedBy: r.decided_by ?? null, decidedAt: r.decided_at ?? null,
    comment: r.comment ?? null, fileSha256: r.file_sha256, downloads: r.downloads,
    ...(withReport ? { report: parseJson<Record<string, unknown>>(r.report, {}) } : {}),
  };
}

/**
 * Refuses a release computed before the objection of a patient whose records it read: it must be requested again, and
 * the new one excludes them. Checked when the DPO approves and at each download. A patient whose records all came
 * after the release was computed is not in it: their objection leaves it as it is (counting every objecting patient
 * the store holds records of blocked an approved release for good, once any new patient objected).
 */
async function noLaterObjection(q: Queryable, r: Row, when: 'approved' | 'downloaded'): Promise<void> {
  const upTo = parseJson<{ input?: { objectionsUpTo?: string } }>(r.report, {}).input?.objectionsUpTo ?? String(r.requested_at);
  // (the records the release read: those of uploads received by the time it was stored — requested_at is written once
  // the computation is done, after the read; an upload's received_at is set before it commits, so one the read saw is
  // never later. An upload received during the computation is counted in: the check errs on the side of the patient)
  const later = await q.all(`SELECT COUNT(*) AS n FROM objections o WHERE o.recorded_at >= $1 AND EXISTS (
      SELECT 1 FROM records x JOIN uploads u ON u.practice_id = x.practice_id AND u.id = x.upload_id
      WHERE x.pseudonym = o.pseudonym AND u.received_at <= $2)`, [upTo, String(r.requested_at)]);
  const n = Number(later[0]?.n ?? 0);
  if (n > 0) {
    // (the advice is one the caller can follow: the DPO still decides a release under review; an approved one's decision
    // is final, and its client asks for a new release)
    const fix = when === 'approved' ? 'reject it and ask the client to request the release again' : 'request a new release of the project';
    throw new AnonymatError('conflict', `${n} patient(s) whose records it read objected after release ${String(r.id)} was computed: it cannot be ${when}; ${fix} (the new one excludes them)`);
  }
}

async function visibleRelease(svc: Services, a: Account, id: string): Promise<Row> {
  return a.role === 'client'
    ? one(svc.store, 'SELECT * FROM releases WHERE id = $1 AND client_id = $2', [id, a.clientId!], `release ${id}`)
    : one(svc.store, 'SELECT * FROM releases WHERE id = $1', [id], `release ${id}`);
}

export async function requestRelease(svc: Services, a: Account, projectId: string, note: string | undefined) {
  const p = await visibleProject(svc, a, projectId);
  const project = projectView(p);
  assertWithinRetention(svc, project.retentionUntil, projectId, 'no new release');
  const columns = project.dataRequested;
  // (the objections the release excludes are those recorded before this moment: one recorded later is checked for at
  // the approval and at each download)
  const objectionsUpTo = iso(svc);
  const data = await loadProjectData(svc, columns);
  const policy = enginePolicy(svc, columns);
  // a control set: about 1 patient in 8 (by keyed pseudonym, so a random split) is held out of the
  // release, so that the attacks measure what they learn about people versus the population
  const person = data.table.columns.find((c) => c.name === PERSON)!;
  const inControl = person.dictionary.map((p) => p !== null && p.charCodeAt(p.length - 1) % 8 === 0);
  const releaseRows: number[] = [], controlRows: number[] = [];
  for (let r = 0; r < data.table.rowCount; r++) (inControl[person.codes[r]!] ? controlRows : releaseRows).push(r);
  const candidates = selectRows(data.table, releaseRows);
  const control = selectRows(data.table, controlRows);
  const anonymized = await anonymizeTable(candidates, policy);
  const before = anonymized.before ?? await assess(data.table, policy);
  const released = anonymized.table ?? makeTable(columns.map((c) => columnFromValues(c, [], svc.schema.columns[c]?.kind ?? 'string')));
  const after = anonymized.after;
  const proof: ProofJson = anonymized.table && anonymized.table.rowCount > 0
    ? await proveAnonymity(candidates, anonymized.table, policy, control, anonymized.personLevelFormal)
    : { anonymous: false, label: 'pseudonymous: personal data', reasons: [`no transformation satisfies the policy: ${anonymized.binding.join('; ') || 'nothing left to release'}`], attacks: [], warnings: [], engine: 'none' };
  // (in a random order: the store's order keeps a patient's records side by side, and a practice's together — linkable)
  const csv = releaseCsv(shuffledRows(released));
  const id = randomUUID();
  const report = {
    releaseId: id,
    project: { id: project.id, title: project.title, purpose: project.purpose, legalBasis: project.legalBasis, retentionUntil: project.retentionUntil },
    requestedColumns: columns,
    note: note ?? null,
    input: { records: data.records, patients: data.patients, controlRecords: controlRows.length, controlRule: 'about 1 patient in 8 (chosen by keyed pseudonym) is held out of the release as the attacks\' control set', objectionsUpTo },
    exclusions: { ...data.exclusions, rule: 'patients who objected are excluded from every release and statistic' },
    before,
    anonymization: { transformation: anonymized.transformation, suppressedRecords: anonymized.suppressedRecords, feasible: anonymized.feasible, binding: anonymized.binding, engine: anonymized.engine },
    after,
    attacks: proof.attacks,
    verdict: { anonymous: proof.anonymous, label: proof.label, reasons: proof.reasons, warnings: proof.warnings, engine: proof.engine },
    output: { records: released.rowCount, columns: released.columns.map((c) => c.name) },
  };
  const sha = createHash('sha256').update(csv).digest('hex');
  await withAudit(svc, a, 'release.request', `release:${id}`, async (tx) => {
    await tx.run(`INSERT INTO releases (id, project_id, client_id, requested_at, requested_by, status, verdict_passes, report, decision, decided_by, decided_at, comment, file_sha256, content, downloads)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
    [id, projectId, String(p.client_id), iso(svc), a.id, 'review', proof.anonymous, JSON.stringify(report), null, null, null, null, sha, csv, 0]);
    return { result: null, detail: { projectId, verdictPasses: proof.anonymous, records: released.rowCount, objectedPatientsExcluded: data.exclusions.objectedPatients } };
  });
  // the requesting client sees the status; the report is the DPO's until approval
  return releaseView(await one(svc.store, 'SELECT * FROM releases WHERE id = $1', [id], 'release'), a.role !== 'client');
}

const decisionBody = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().min(1).max(4000),
  basis: z.enum(['anonymous', 'legal-basis']).default('anonymous'),
}).strict();

export const routes: RouteDef[] = [
  {
    method: 'POST', path: '/api/projects/:id/releases', roles: ['client'], body: z.object({ note: z.string().max(2000).optional() }),
    summary: 'request a release for one of the client\'s projects: runs assessment, anonymization and attacks; waits for the DPO',
    handler: async ({ svc, account, params, body, c }) => {
      const out = await requestRelease(svc, must(account), params.id!, (body as { note?: string }).note);
      return c.json(out, 201);
    },
  },
  {
    method: 'GET', path: '/api/releases', roles: ['dpo', 'admin', 'client'], summary: 'releases (a client sees its own)',
    handler: async ({ svc, account }) => {
      const a = must(account);
      const rows = a.role === 'client'
        ? await svc.store.all('SELECT * FROM releases WHERE client_id = $1 ORDER BY requested_at DESC, id', [a.clientId!])
        : await svc.store.all('SELECT * FROM releases ORDER BY requested_at DESC, id');
      return { releases: rows.map((r) => releaseView(r, false)) };
    },
  },
  {
    method: 'GET', path: '/api/releases/:id', roles: ['dpo', 'admin', 'client'], summary: 'one release with its report',
    handler: async ({ svc, account, params }) => {
      const a = must(account);
      const r = await visibleRelease(svc, a, params.id!);
      // a client sees the report of an approved release only (before that, the status)
      return releaseView(r, a.role !== 'client' || r.status === 'approved');
    },
  },
  {
    method: 'POST', path: '/api/releases/:id/decision', roles: ['dpo'], body: decisionBody,
    summary: 'approve or reject a release with a comment; a release failing the verdict cannot be approved as anonymous',
    handler: async ({ svc, account, params, body }) => {
      const a = must(account);
      const b = body as z.infer<typeof decisionBody>;
      const action = b.decision === 'approve' ? 'release.approve' : 'release.reject';
      await withAudit(svc, a, action, `release:${params.id}`, async (tx) => {
        const r = await one(tx, 'SELECT * FROM releases WHERE id = $1', [params.id!], `release ${params.id}`);
        if (r.status !== 'review') throw new AnonymatError('conflict', `release ${params.id} was already ${r.status}; a decision is final`);
        const p = await one(tx, 'SELECT legal_basis, legal_reference, retention_until FROM projects WHERE id = $1', [String(r.project_id)], 'project');
        if (b.decision === 'approve') {
          assertWithinRetention(svc, p.retention_until, String(r.project_id), 'its releases can no longer be approved');
          await noLaterObjection(tx, r, 'approved');
          if (b.basis === 'anonymous' && r.verdict_passes !== true) {
            throw new AnonymatError('policy-failed', `release ${params.id} fails the anonymity verdict: it cannot be approved as anonymous (reject it, or approve it under the project's legal basis if it has one)`);
          }
          if (b.basis === 'legal-basis' && p.legal_basis === 'anonymous-only') {
            throw new AnonymatError('policy-failed', `project ${r.project_id} has no legal basis for personal data (anonymous-only): only an anonymous release can be approved`);
          }
        }
        await tx.run('UPDATE releases SET status = $1, decision = $2, decided_by = $3, decided_at = $4, comment = $5 WHERE id = $6',
          [b.decision === 'approve' ? 'approved' : 'rejected', b.decision === 'approve' ? b.basis : null, a.id, iso(svc), b.comment, params.id!]);
        return { result: null, detail: { projectId: r.project_id, basis: b.decision === 'approve' ? b.basis : null, legalBasis: p.legal_basis, legalReference: p.legal_reference ?? null } };
      });
      return releaseView(await one(svc.store, 'SELECT * FROM releases WHERE id = $1', [params.id!], 'release'), false);
    },
  },
  {
    method: 'GET', path: '/api/releases/:id/download', roles: ['client'], summary: 'download an approved release (CSV)',
    handler: async ({ svc, account, params, c }) => {
      const a = must(account);
      const content = await withAudit(svc, a, 'release.download', `release:${params.id}`, async (tx) => {
        const r = await one(tx, 'SELECT * FROM releases WHERE id = $1 AND client_id = $2', [params.id!, a.clientId!], `release ${params.id}`);
        if (r.status !== 'approved') throw new AnonymatError('forbidden', `release ${params.id} is ${r.status}: only an approved release can be downloaded`);
        const p = await one(tx, 'SELECT retention_until FROM projects WHERE id = $1', [String(r.project_id)], 'project');
        assertWithinRetention(svc, p.retention_until, String(r.project_id), 'its releases can no longer be downloaded');
        await noLaterObjection(tx, r, 'downloaded');
        await tx.run('UPDATE releases SET downloads = downloads + 1 WHERE id = $1', [params.id!]);
        return { result: String(r.content), detail: { projectId: r.project_id, sha256: r.file_sha256 } };
      });
      return c.body(content, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="release-${params.id}.csv"` });
    },
  },
];
