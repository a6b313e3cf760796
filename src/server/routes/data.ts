/**
 * Reading the observatory's records for a project: the requested columns, objected patients left
 * out (and counted, for the report).
 */
import { columnFromValues, makeTable, type Table } from '../../table/table.ts';
import type { Services } from '../context.ts';
import type { EnginePolicy } from '../engines.ts';

export const PERSON = '_person';

export interface ProjectData {
  table: Table;
  records: number;
  patients: number;
  exclusions: { objectedPatients: number; objectedRecords: number };
}

export async function loadProjectData(svc: Services, columns: string[]): Promise<ProjectData> {
  const rows = await svc.store.all(`SELECT r.pseudonym, r.data FROM records r
    WHERE NOT EXISTS (SELECT 1 FROM objections o WHERE o.pseudonym = r.pseudonym)
    ORDER BY r.upload_id, r.practice_id, r.row_no`);
  const ex = await svc.store.all(`SELECT COUNT(*) AS n, COUNT(DISTINCT pseudonym) AS p FROM records
    WHERE pseudonym IN (SELECT pseudonym FROM objections)`);
  const values: Record<string, (string | null)[]> = Object.fromEntries(columns.map((c) => [c, []]));
  const persons: string[] = [];
  for (const r of rows) {
    const d = JSON.parse(String(r.data)) as Record<string, string | null>;
    persons.push(String(r.pseudonym));
    for (const c of columns) values[c]!.push(d[c] ?? null);
  }
  const table = makeTable([
    columnFromValues(PERSON, persons, 'string'),
    ...columns.map((c) => columnFromValues(c, values[c]!, svc.schema.columns[c]?.kind ?? 'string')),
  ]);
  return {
    table, records: rows.length, patients: new Set(persons).size,
    exclusions: { objectedPatients: Number(ex[0]?.p ?? 0), objectedRecords: Number(ex[0]?.n ?? 0) },
  };
}

/**
 * The project's table (person key + requested columns, objected patients left out), cached per
 * column list and data generation (counts of uploads, objections and records, read from the store
 * each time, so another process's upload, an objection or the retention purge invalidates it too).
 */
const caches = new WeakMap<Services, Map<string, Promise<Table>>>();
export async function loadProjectTable(svc: Services, columns: string[]): Promise<Table> {
  let cache = caches.get(svc);
  if (!cache) { cache = new Map(); caches.set(svc, cache); }
  // (the records' count too: the retention purge deletes records and leaves the uploads and objections as they were)
  const g = (await svc.store.all('SELECT (SELECT COUNT(*) FROM uploads) AS u, (SELECT COUNT(*) FROM objections) AS o, (SELECT COUNT(*) FROM records) AS r'))[0]!;
  const key = `${g.u}|${g.o}|${g.r}|${columns.join('\u0000')}`;
  let p = cache.get(key);
  if (!p) {
    if (cache.size > 16) cache.clear();
    p = loadProjectData(svc, columns).then((d) => d.table);
    cache.set(key, p);
    p.catch(() => cache!.delete(key));
  }
  return p;
}

export function enginePolicy(svc: Services, columns: string[]): EnginePolicy {
  const cols: EnginePolicy['columns'] = { [PERSON]: { role: 'person-key', type: 'string' } };
  for (const c of columns) {
    const s = svc.schema.columns[c]!;
    cols[c] = { role: s.role === 'quasi' || s.role === 'sensitive' ? s.role : 'insensitive', type: s.kind, ...(s.hierarchy ? { hierarchy: s.hierarchy } : {}) };
  }
  return { columns: cols, thresholds: { ...svc.schema.thresholds }, suppressionLimit: svc.schema.suppressionLimit ?? 0.05, baseDir: process.cwd(), source: 'observatory schema' };
}
