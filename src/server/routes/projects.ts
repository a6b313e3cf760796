/**
 * Projects: a client's study with its purpose, the columns it asks for, its legal basis and its
 * retention. Without a basis for personal data (`anonymous-only`), a project can only receive
 * anonymous releases or DP statistics.
 */
import * as z from 'zod';
import { randomUUID } from 'node:crypto';
import { AnonymatError } from '../../errors.ts';
import { withAudit, type Account, type RouteDef, type Services } from '../context.ts';
import type { Row } from '../store/types.ts';
import { idSchemaPattern, iso, must, one, parseJson } from './util.ts';
import { own } from '../../util/own.ts';

export const legalBasisSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous-only') }),
  z.object({ kind: z.literal('authorization'), reference: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('conformity'), reference: z.string().min(1).max(200) }),
]);

export const newProject = z.object({
  id: z.string().regex(idSchemaPattern).optional(),
  clientId: z.string().regex(idSchemaPattern),
  title: z.string().min(1).max(200),
  purpose: z.string().min(1).max(2000),
  dataRequested: z.array(z.string().min(1)).min(1).max(50),
  legalBasis: legalBasisSchema,
  retentionUntil: z.iso.date(),
});

export function projectView(r: Row) {
  return {
    id: r.id, clientId: r.client_id, title: r.title, purpose: r.purpose, dataRequested: parseJson<string[]>(r.data_requested, []),
    legalBasis: { kind: r.legal_basis, reference: r.legal_reference ?? undefined }, retentionUntil: r.retention_until,
    createdAt: r.created_at,
  };
}

/**
 * Refuses (409) what a project may no longer receive once its retention has ended: a new release, the approval or the
 * download of one, a DP statistic (`what` says which, in the message).
 */
export function assertWithinRetention(svc: Services, retentionUntil: unknown, projectId: string, what: string): void {
  if (String(retentionUntil) < iso(svc).slice(0, 10)) {
    throw new AnonymatError('conflict', `project ${projectId}'s retention ended on ${String(retentionUntil)}: ${what}`);
  }
}

/** The project, if the account may see it (clients see only their own). */
export async function visibleProject(svc: Services, a: Account, id: string): Promise<Row> {
  return a.role === 'client'
    ? one(svc.store, 'SELECT * FROM projects WHERE id = $1 AND client_id = $2', [id, a.clientId!], `project ${id}`)
    : one(svc.store, 'SELECT * FROM projects WHERE id = $1', [id], `project ${id}`);
}

export const routes: RouteDef[] = [
  {
    method: 'POST', path: '/api/projects', roles: ['dpo'], body: newProject,
    summary: 'create a project with its legal basis and retention',
    handler: async ({ svc, account, body, c }) => {
      const b = body as z.infer<typeof newProject>;
      const issues = b.dataRequested.flatMap((col, i) => {
        if (b.dataRequested.indexOf(col) !== i) return [{ path: `$.dataRequested[${i}]`, message: `column ${col} is requested twice` }];
        const s = own(svc.schema.columns, col);
        if (!s) return [{ path: `$.dataRequested[${i}]`, message: `column ${col} is not in the observatory schema` }];
        if (s.role === 'identifier' || s.role === 'person-key') return [{ path: `$.dataRequested[${i}]`, message: `column ${col} is a direct identifier: it is never stored, so it cannot be requested` }];
        return [];
      });
      if (issues.length) throw new AnonymatError('invalid-input', 'the project requests columns the observatory cannot provide', issues);
      const id = b.id ?? randomUUID();
      const out = await withAudit(svc, must(account), 'project.create', `project:${id}`, async (tx) => {
        const client = await tx.all('SELECT id FROM clients WHERE id = $1', [b.clientId]);
        if (!client.length) throw new AnonymatError('not-found', `client ${b.clientId} does not exist; an admin creates client accounts first`, [{ path: '$.clientId', message: 'unknown client' }]);
        const dup = await tx.all('SELECT id FROM projects WHERE id = $1', [id]);
        if (dup.length) throw new AnonymatError('conflict', `project ${id} already exists`);
        const reference = b.legalBasis.kind === 'anonymous-only' ? null : b.legalBasis.reference;
        await tx.run(`INSERT INTO projects (id, client_id, title, purpose, data_requested, legal_basis, legal_reference, retention_until, created_at, created_by)
          VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, [id, b.clientId, b.title, b.purpose, JSON.stringify(b.dataRequested), b.legalBasis.kind, reference, b.retentionUntil, iso(svc), account!.id]);
        return { result: { id }, detail: { clientId: b.clientId, legalBasis: b.legalBasis.kind } };
      });
      return c.json(projectView(await one(svc.store, 'SELECT * FROM projects WHERE id = $1', [out.id], 'project')), 201);
    },
  },
  {
    method: 'GET', path: '/api/projects', roles: ['dpo', 'admin', 'client'], summary: 'projects (a client sees its own)',
    handler: async ({ svc, account }) => {
      const a = must(account);
      const rows = a.role === 'client'
        ? await svc.store.all('SELECT * FROM projects WHERE client_id = $1 ORDER BY created_at, id', [a.clientId!])
        : await svc.store.all('SELECT * FROM projects ORDER BY created_at, id');
      return { projects: rows.map(projectView) };
    },
  },
  {
    method: 'GET', path: '/api/projects/:id', roles: ['dpo', 'admin', 'client'], summary: 'one project',
    handler: async ({ svc, account, params }) => projectView(await visibleProject(svc, must(account), params.id!)),
  },
];
