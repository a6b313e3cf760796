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
    ORDER BY r.upload_id, r.row_no`);
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
 * One row per patient (their first record), for DP queries with person-level sensitivity 1.
 * Cached per column list and data generation (counts of uploads and objections, read from the
 * store each time, so another process's upload or objection invalidates it too).
 */
const caches = new WeakMap<Services, Map<string, Promise<Record<string, string | null>[]>>>();
export async function loadPersons(svc: Services, columns: string[]): Promise<Record<string, string | null>[]> {
  let personsCache = caches.get(svc);
  if (!personsCache) { personsCache = new Map(); caches.set(svc, personsCache); }
  const g = (await svc.store.all('SELECT (SELECT COUNT(*) FROM uploads) AS u, (SELECT COUNT(*) FROM objections) AS o'))[0]!;
  const key = `${g.u}|${g.o}|${columns.join('\u0000')}`;
  let p = personsCache.get(key);
  if (!p) {
    if (personsCache.size > 16) personsCache.clear();
    p = readPersons(svc, columns);
    personsCache.set(key, p);
    p.catch(() => personsCache.delete(key));
  }
  return p;
}

async function readPersons(svc: Services, columns: string[]): Promise<Record<string, string | null>[]> {
  const d = await loadProjectData(svc, columns);
  const seen = new Set<string>();
  const out: Record<string, string | null>[] = [];
  const person = d.table.columns[0]!;
  for (let r = 0; r < d.table.rowCount; r++) {
    const p = person.dictionary[person.codes[r]!]!;
    if (p === null || seen.has(p)) continue;
    seen.add(p);
    const o: Record<string, string | null> = {};
    for (const c of d.table.columns.slice(1)) o[c.name] = c.dictionary[c.codes[r]!]!;
    out.push(o);
  }
  return out;
}

export function enginePolicy(svc: Services, columns: string[]): EnginePolicy {
  const cols: EnginePolicy['columns'] = { [PERSON]: { role: 'person-key', type: 'string' } };
  for (const c of columns) {
    const s = svc.schema.columns[c]!;
    cols[c] = { role: s.role === 'quasi' || s.role === 'sensitive' ? s.role : 'insensitive', type: s.kind, ...(s.hierarchy ? { hierarchy: s.hierarchy } : {}) };
  }
  return { columns: cols, thresholds: { ...svc.schema.thresholds }, suppressionLimit: svc.schema.suppressionLimit ?? 0.05, baseDir: process.cwd(), source: 'observatory schema' };
}
