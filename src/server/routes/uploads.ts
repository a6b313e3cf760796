/**
 * Uploads: PUT /api/uploads/:uploadId?format=csv|fhir-bundle|fhir-ndjson, the body is the file.
 * Identifiers are dropped and the patient identifier replaced by its keyed pseudonym before anything
 * is stored. Atomic: the upload row, every record and the audit entry commit in one transaction.
 * Idempotent: the same upload id with the same content answers the stored result (no duplicate);
 * with other content it is refused (409). Upload ids are per practice: another practice's id is none of its business.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { AnonymatError, type Issue } from '../../errors.ts';
import { withAudit, type Account, type RouteDef, type Services } from '../context.ts';
import { csvHeader, pseudonymOf, readCsvUpload, readFhirUpload } from '../engines.ts';
import { columnsWithRole } from '../observatory.ts';
import type { Queryable, SqlValue } from '../store/types.ts';
import type { Table } from '../../table/table.ts';
import { idSchemaPattern, iso, must, one, parseJson, readLimitedBody } from './util.ts';
import { own } from '../../util/own.ts';

export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const BATCH = 500;

const formatQuery = z.object({ format: z.enum(['csv', 'fhir-bundle', 'fhir-ndjson']).default('csv') });

export interface IngestedRows {
  pseudonyms: string[];
  data: string[];
  kept: string[];
  dropped: string[];
  pseudonymized: string[];
  patients: number;
}

/** Positions listed in an issue path: the first 20, then how many in all. */
function places(at: number[]): string {
  return `column${at.length > 1 ? 's' : ''} ${at.slice(0, 20).join(', ')}${at.length > 20 ? `, … (${at.length} in all)` : ''}`;
}

/**
 * Refuses column names the observatory schema does not declare, and a file without exactly one patient identifier
 * column. An unknown column is named by its place, never by its name: a file without its header line has a patient's
 * record as its first line, and its "column names" were a patient id, a surname, a phone number, sent back in the
 * answer. When no name at all is an expected column, the file most likely lacks its header line, and the answer says so.
 */
export function checkColumns(svc: Services, names: readonly string[], pseudonymColumn: string | null = null): void {
  const schema = svc.schema.columns;
  const expected = `the observatory's columns: ${Object.keys(schema).join(', ')}`;
  const unknown: number[] = [];
  let known = 0;
  names.forEach((n, i) => { if (n !== pseudonymColumn) { if (own(schema, n)) known++; else unknown.push(i + 1); } });
  if (unknown.length && known === 0) {
    const delimited = names.length === 1 && /[;\t|]/.test(names[0]!);
    throw new AnonymatError('invalid-input', delimited
      ? 'the upload\'s first line is a single column holding ";", a tab or "|": the observatory reads comma-separated files; save the file with commas'
      : 'the upload\'s first line names none of the observatory\'s columns: the file seems to lack its header line; put the header (the column names) first',
    [{ path: 'line 1', message: `no expected column among its ${names.length} field(s) (they are not repeated here: they may be a patient's record); ${expected}` }]);
  }
  const issues: Issue[] = [];
  if (unknown.length) {
    issues.push({ path: places(unknown), message: `${unknown.length} column${unknown.length > 1 ? 's' : ''} not declared in the observatory schema (named by place: a name is not sent back); remove ${unknown.length > 1 ? 'them' : 'it'} or ask the DPO to declare ${unknown.length > 1 ? 'them' : 'it'}; ${expected}` });
  }
  const keys = pseudonymColumn ? [pseudonymColumn] : columnsWithRole(svc.schema, 'person-key').filter((n) => names.includes(n));
  if (keys.length !== 1) issues.push({ path: 'columns', message: `exactly one patient identifier column (${columnsWithRole(svc.schema, 'person-key').join(', ')}) is required` });
  if (issues.length) throw new AnonymatError('invalid-input', 'the upload does not match the observatory schema', issues);
}

/** Applies the observatory schema to an uploaded table: refuse unknown columns, drop, pseudonymize. */
export function applySchema(svc: Services, table: Table, pseudonymColumn: string | null = null): IngestedRows {
  const schema = svc.schema.columns;
  checkColumns(svc, table.columns.map((c) => c.name), pseudonymColumn);
  const keys = pseudonymColumn ? [pseudonymColumn] : columnsWithRole(svc.schema, 'person-key').filter((n) => table.columns.some((c) => c.name === n));
  const keyCol = table.columns.find((c) => c.name === keys[0])!;
  const dropped = table.columns.filter((c) => c.name !== pseudonymColumn && schema[c.name]!.role === 'identifier').map((c) => c.name);
  const keptCols = table.columns.filter((c) => c.name !== pseudonymColumn && !['identifier', 'person-key'].includes(schema[c.name]!.role));
  // pseudonyms: one HMAC per distinct identifier (dictionary code), not per row; FHIR uploads come tokenized by src/health
  const pseudoByCode = keyCol.dictionary.map((label) => (label === null ? null : pseudonymColumn ? label : pseudonymOf(svc.key, label)));
  const pseudonyms: string[] = new Array(table.rowCount);
  const data: string[] = new Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const p = pseudoByCode[keyCol.codes[r]!];
    if (p === null || p === undefined) throw new AnonymatError('invalid-input', `row ${r + 1} has no patient identifier`, [{ path: `row ${r + 1}, column ${keyCol.name}`, message: 'missing' }]);
    pseudonyms[r] = p;
    const o: Record<string, string | null> = {};
    for (const c of keptCols) o[c.name] = c.dictionary[c.codes[r]!]!;
    data[r] = JSON.stringify(o);
  }
  return { pseudonyms, data, kept: keptCols.map((c) => c.name), dropped, pseudonymized: [keyCol.name], patients: new Set(pseudonyms).size };
}

async function insertRecords(svc: Services, tx: Queryable, uploadId: string, practiceId: string, rows: IngestedRows): Promise<void> {
  const failAfter = /^upload-after-batch:(\d+)$/.exec(svc.fault ?? '');
  let batchNo = 0;
  for (let start = 0; start < rows.pseudonyms.length; start += BATCH) {
    const end = Math.min(rows.pseudonyms.length, start + BATCH);
    const params: SqlValue[] = [];
    const tuples: string[] = [];
    for (let r = start; r < end; r++) {
      const o = params.length;
      params.push(uploadId, practiceId, rows.pseudonyms[r]!, r, rows.data[r]!);
      tuples.push(`($${o + 1},$${o + 2},$${o + 3},$${o + 4},$${o + 5})`);
    }
    await tx.run(`INSERT INTO records (upload_id, practice_id, pseudonym, row_no, data) VALUES ${tuples.join(',')}`, params);
    batchNo++;
    // test-only fault injection: die with the transaction open (ANONYMAT_FAULT=upload-after-batch:N)
    if (failAfter && batchNo === Number(failAfter[1])) process.kill(process.pid, 'SIGKILL');
  }
}

export interface UploadResult {
  uploadId: unknown; practiceId: unknown; format: unknown; receivedAt: unknown; records: unknown; patients: unknown;
  droppedColumns: string[]; pseudonymizedColumns: string[]; contentSha256: unknown; status: 'stored' | 'already-stored';
}

function uploadView(r: Record<string, unknown>): Omit<UploadResult, 'status'> {
  return {
    uploadId: r.id, practiceId: r.practice_id, format: r.format, receivedAt: r.received_at, records: r.records, patients: r.patients,
    droppedColumns: parseJson<string[]>(r.dropped_columns, []), pseudonymizedColumns: parseJson<string[]>(r.pseudonymized_columns, []),
    contentSha256: r.content_sha256,
  };
}

async function readBody(req: Request): Promise<Uint8Array> {
  return readLimitedBody(req, MAX_UPLOAD_BYTES, 'the upload', 'split it into several uploads');
}

export async function storeUpload(svc: Services, a: Account, uploadId: string, format: 'csv' | 'fhir-bundle' | 'fhir-ndjson', bytes: Uint8Array): Promise<UploadResult> {
  if (!idSchemaPattern.test(uploadId)) throw new AnonymatError('invalid-input', 'the upload id must be 1–100 characters among A–Z a–z 0–9 . _ -', [{ path: 'uploadId', message: 'bad characters or length' }]);
  const sha = createHash('sha256').update(bytes).digest('hex');
  // (the practice's own uploads only: an id another practice used is no conflict, and its answer tells nothing of them)
  const existing = async (q: Queryable): Promise<UploadResult | null> => {
    const rows = await q.all('SELECT * FROM uploads WHERE practice_id = $1 AND id = $2', [a.practiceId!, uploadId]);
    if (!rows.length) return null;
    const r = rows[0]!;
    if (r.content_sha256 !== sha) {
      throw new AnonymatError('conflict', `upload id ${uploadId} was already used by this practice for different content; choose a new upload id`);
    }
    return { ...uploadView(r), status: 'already-stored' as const };
  };
  const before = await existing(svc.store);
  if (before) return before;
  const active = await svc.store.all('SELECT 1 AS x FROM panel WHERE practice_id = $1 AND left_at IS NULL', [a.practiceId!]);
  if (!active.length) throw new AnonymatError('forbidden', `practice ${a.practiceId} is not enrolled in the panel (or has left): enrol with POST /api/panel/enrol before uploading`);
  const types = Object.fromEntries(Object.entries(svc.schema.columns).map(([n, c]) => [n, c.kind]));
  // (the header is checked before the CSV is read: the reader's own errors name columns — a duplicate name — and the
  // first line of a file without its header holds a patient's values)
  if (format === 'csv') checkColumns(svc, csvHeader(bytes));
  const read = format === 'csv' ? { table: await readCsvUpload(bytes, types, svc.uploadTmp), pseudonymColumn: null, dropped: [] as string[] } : await readFhirUpload(bytes, format, svc.key);
  if (read.table.rowCount === 0) throw new AnonymatError('invalid-input', 'the upload holds no data rows (only a header): nothing to store', [{ path: 'body', message: 'send the records under the header' }]);
  const rows = applySchema(svc, read.table, read.pseudonymColumn);
  rows.dropped.push(...read.dropped);
  return withAudit<UploadResult>(svc, a, 'upload', `upload:${uploadId}`, async (tx) => {
    const raced = await existing(tx);
    if (raced) return { result: raced, detail: { replay: true } };
    const at = iso(svc);
    await tx.run(`INSERT INTO uploads (id, practice_id, format, content_sha256, received_at, records, patients, dropped_columns, pseudonymized_columns)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, [uploadId, a.practiceId!, format, sha, at, rows.pseudonyms.length, rows.patients, JSON.stringify(rows.dropped), JSON.stringify(rows.pseudonymized)]);
    await insertRecords(svc, tx, uploadId, a.practiceId!, rows);
    return {
      result: { uploadId, practiceId: a.practiceId, format, receivedAt: at, records: rows.pseudonyms.length, patients: rows.patients, droppedColumns: rows.dropped, pseudonymizedColumns: rows.pseudonymized, contentSha256: sha, status: 'stored' as const },
      detail: { practiceId: a.practiceId, format, records: rows.pseudonyms.length, patients: rows.patients },
    };
  });
}

export const routes: RouteDef[] = [
  {
    method: 'PUT', path: '/api/uploads/:uploadId', roles: ['practice'], bodyKind: 'raw', query: formatQuery, rate: 'upload',
    summary: 'upload a file (CSV, FHIR R4 bundle or NDJSON) under a client-chosen upload id; atomic and idempotent',
    handler: async ({ svc, account, params, query, c }) => {
      const a = must(account);
      const bytes = await readBody(c.req.raw);
      const out = await storeUpload(svc, a, params.uploadId!, (query as { format: 'csv' }).format, bytes);
      return c.json(out, out.status === 'stored' ? 201 : 200);
    },
  },
  {
    method: 'GET', path: '/api/uploads', roles: ['practice', 'dpo', 'admin'], summary: 'uploads (a practice sees its own)',
    handler: async ({ svc, account }) => {
      const a = must(account);
      const rows = a.role === 'practice'
        ? await svc.store.all('SELECT * FROM uploads WHERE practice_id = $1 ORDER BY received_at DESC, id', [a.practiceId!])
        : await svc.store.all('SELECT * FROM uploads ORDER BY received_at DESC, id');
      return { uploads: rows.map(uploadView) };
    },
  },
  {
    method: 'GET', path: '/api/uploads/:uploadId', roles: ['practice', 'dpo', 'admin'], summary: 'one upload (a practice sees its own; the DPO names the practice with ?practiceId= when several use the id)',
    query: z.object({ practiceId: z.string().regex(idSchemaPattern).optional() }),
    handler: async ({ svc, account, params, query }) => {
      const a = must(account);
      if (a.role === 'practice') {
        return uploadView(await one(svc.store, 'SELECT * FROM uploads WHERE id = $1 AND practice_id = $2', [params.uploadId!, a.practiceId!], `upload ${params.uploadId}`));
      }
      // (upload ids are per practice: two practices may use the same one)
      const practiceId = (query as { practiceId?: string }).practiceId;
      const rows = practiceId
        ? await svc.store.all('SELECT * FROM uploads WHERE id = $1 AND practice_id = $2', [params.uploadId!, practiceId])
        : await svc.store.all('SELECT * FROM uploads WHERE id = $1 ORDER BY practice_id', [params.uploadId!]);
      if (!rows.length) throw new AnonymatError('not-found', `upload ${params.uploadId} does not exist${practiceId ? ` for practice ${practiceId}` : ''}`);
      if (rows.length > 1) {
        throw new AnonymatError('conflict', `${rows.length} practices use upload id ${params.uploadId} (${rows.map((r) => String(r.practice_id)).join(', ')}): name one with ?practiceId=`, [{ path: 'query.practiceId', message: 'required when several practices use the upload id' }]);
      }
      return uploadView(rows[0]!);
    },
  },
];
