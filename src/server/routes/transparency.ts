/**
 * The public transparency page (no login): what the observatory collects, for which purposes,
 * which projects received what (counted from the audit log), and how to object.
 */
import type { RouteDef, Services } from '../context.ts';
import { readAudit } from '../audit.ts';
import { columnsWithRole } from '../observatory.ts';

export async function transparency(svc: Services) {
  const projects = await svc.store.all(`SELECT p.id, p.title, p.purpose, p.legal_basis, p.legal_reference, p.retention_until, p.data_requested, c.name AS client
    FROM projects p LEFT JOIN clients c ON c.id = p.client_id ORDER BY p.created_at, p.id`);
  const entries = await readAudit(svc.store);
  const per = new Map<string, { approvedReleases: number; downloads: number; statistics: number; lastActivity: string | null }>();
  const bump = (id: unknown, k: 'approvedReleases' | 'downloads' | 'statistics', at: string) => {
    if (typeof id !== 'string') return;
    const x = per.get(id) ?? { approvedReleases: 0, downloads: 0, statistics: 0, lastActivity: null };
    x[k]++; x.lastActivity = at; per.set(id, x);
  };
  for (const e of entries) {
    if (e.action === 'release.approve') bump(e.detail.projectId, 'approvedReleases', e.loggedAt);
    else if (e.action === 'release.download') bump(e.detail.projectId, 'downloads', e.loggedAt);
    else if (e.action === 'dp.query') bump(e.detail.projectId, 'statistics', e.loggedAt);
  }
  const panel = await svc.store.all('SELECT COUNT(DISTINCT practice_id) AS n FROM panel WHERE left_at IS NULL');
  const describe = (role: 'quasi' | 'sensitive' | 'insensitive' | 'identifier' | 'person-key') =>
    columnsWithRole(svc.schema, role).map((n) => ({ column: n, description: svc.schema.columns[n]!.description ?? '' }));
  return {
    observatory: svc.info.name,
    noticeVersion: svc.info.noticeVersion,
    practicesInPanel: Number(panel[0]?.n ?? 0),
    collected: { kept: [...describe('quasi'), ...describe('sensitive'), ...describe('insensitive')], droppedAtIngestion: describe('identifier'), pseudonymized: describe('person-key') },
    purposes: svc.info.purposes,
    retention: svc.info.retention,
    projects: projects.map((p) => ({
      title: p.title, purpose: p.purpose, client: p.client, legalBasis: p.legal_basis, legalReference: p.legal_reference ?? null,
      retentionUntil: p.retention_until, dataRequested: JSON.parse(String(p.data_requested)) as string[],
      received: per.get(String(p.id)) ?? { approvedReleases: 0, downloads: 0, statistics: 0, lastActivity: null },
    })),
    howToObject: svc.info.contact,
    auditEntries: entries.length,
  };
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const BASIS: Record<string, string> = {
  'anonymous-only': 'anonymous data and differentially private statistics only',
  authorization: 'authorization of the data-protection authority',
  conformity: 'declaration of conformity to a reference methodology',
};

export function transparencyHtml(t: Awaited<ReturnType<typeof transparency>>): string {
  const li = (xs: { column: string; description: string }[]) => xs.map((x) => `<li><code>${esc(x.column)}</code> ${esc(x.description)}</li>`).join('');
  const rows = t.projects.map((p) => `<tr><td>${esc(p.title)}</td><td>${esc(p.client)}</td><td>${esc(p.purpose)}</td><td>${esc(BASIS[p.legalBasis as string] ?? p.legalBasis)}${p.legalReference ? ` (${esc(p.legalReference)})` : ''}</td><td>${esc(p.dataRequested.join(', '))}</td><td>${p.received.approvedReleases} release(s), ${p.received.downloads} download(s), ${p.received.statistics} statistic(s)</td><td>${esc(p.retentionUntil)}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(t.observatory)} — transparency</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2733}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d6dde5;padding:.4rem;text-align:left;vertical-align:top}code{background:#eef2f6;padding:0 .2rem}h2{margin-top:2rem}</style></head>
<body><h1>${esc(t.observatory)}: what happens to your health data</h1>
<p>${t.practicesInPanel} medical practice(s) currently take part. Information notice version ${esc(t.noticeVersion)}.</p>
<h2>What is collected</h2><p>Your practice's software sends records of consultations. Before anything is stored:</p>
<ul><li>these direct identifiers are removed: ${t.collected.droppedAtIngestion.map((x) => `<code>${esc(x.column)}</code>`).join(', ')}</li>
<li>your patient identifier is replaced by a keyed pseudonym (${t.collected.pseudonymized.map((x) => `<code>${esc(x.column)}</code>`).join(', ')}); the key is not kept with the data.</li></ul>
<p>What is kept:</p><ul>${li(t.collected.kept)}</ul>
<h2>For which purposes</h2><ul>${t.purposes.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>
<p>Retention: ${esc(t.retention)}</p>
<h2>Which projects received what</h2><p>Counted from the observatory's tamper-evident audit log (${t.auditEntries} entries).</p>
<table><thead><tr><th>Project</th><th>Recipient</th><th>Purpose</th><th>Legal basis</th><th>Data</th><th>Received</th><th>Retention until</th></tr></thead><tbody>${rows || '<tr><td colspan="7">No project yet.</td></tr>'}</tbody></table>
<h2>How to object</h2><p>${esc(t.howToObject)}</p>
<p>Once your objection is recorded, your records are excluded from every later release and statistic.</p>
</body></html>`;
}

export const routes: RouteDef[] = [
  {
    method: 'GET', path: '/api/transparency', roles: 'public', summary: 'the transparency page as JSON (public)',
    handler: async ({ svc }) => transparency(svc),
  },
  {
    method: 'GET', path: '/transparency', roles: 'public', summary: 'the transparency page for patients (public HTML)',
    handler: async ({ svc, c }) => c.html(transparencyHtml(await transparency(svc))),
  },
];
