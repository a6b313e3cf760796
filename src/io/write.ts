/**
 * Writing outputs atomically: everything goes to a temporary file in the target's folder, which is
 * renamed over the target only once complete. On failure the temporary file is removed, so no
 * half-written output is ever left behind.
 */
import { writeFile, rename, rm, mkdir } from 'node:fs/promises';
import { dirname, basename, join, extname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Table } from '../table/table.ts';
import { ident, literal, openDuckDB, sqlType } from './duckdb.ts';
import { formatOf, type InputFormat } from './read.ts';

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes data to path atomically (temp file + rename). Creates the folder if needed. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Runs `produce(tmpPath)` and renames the temp file over `path` when it succeeds. */
export async function withAtomicFile(path: string, produce: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const ext = extname(path);
  const tmp = tempPathFor(path) + ext;
  try {
    await produce(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

function csvField(v: string | null, delimiter: string): string {
  if (v === null) return '';
  if (v.includes(delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r') || v !== v.trim()) {
    return '"' + v.replaceAll('"', '""') + '"';
  }
  return v;
}

/** Serializes a table to CSV text (labels; missing as empty cells). */
export function tableToCsv(table: Table, delimiter = ','): string {
  const parts: string[] = [table.columns.map((c) => csvField(c.name, delimiter)).join(delimiter)];
  const cols = table.columns;
  const rendered = cols.map((c) => c.dictionary.map((l) => csvField(l, delimiter)));
  for (let r = 0; r < table.rowCount; r++) {
    let line = '';
    for (let j = 0; j < cols.length; j++) {
      if (j) line += delimiter;
      line += rendered[j]![cols[j]!.codes[r]!]!;
    }
    parts.push(line);
  }
  return parts.join('\n') + '\n';
}

function jsonValue(kind: string, label: string | null): unknown {
  if (label === null) return null;
  if (kind === 'integer' || kind === 'decimal') { const n = Number(label); return Number.isFinite(n) ? n : label; }
  if (kind === 'boolean') return label === 'true';
  return label;
}

/** Writes a table as CSV, TSV, Parquet, JSON (array of objects) or JSON Lines, by extension. */
export async function writeTable(table: Table, path: string, options: { format?: InputFormat } = {}): Promise<void> {
  const format = formatOf(path, options.format);
  if (format === 'csv' || format === 'tsv') {
    await writeFileAtomic(path, tableToCsv(table, format === 'tsv' ? '\t' : ','));
    return;
  }
  if (format === 'json' || format === 'jsonl') {
    const rows: string[] = [];
    for (let r = 0; r < table.rowCount; r++) {
      const o: Record<string, unknown> = {};
      for (const c of table.columns) o[c.name] = jsonValue(c.kind, c.dictionary[c.codes[r]!]!);
      rows.push(JSON.stringify(o));
    }
    await writeFileAtomic(path, format === 'jsonl' ? rows.join('\n') + (rows.length ? '\n' : '') : '[\n' + rows.join(',\n') + '\n]\n');
    return;
  }
  // Parquet through DuckDB: CSV staging (all text), typed casts, COPY into the temp file.
  await withAtomicFile(path, async (tmp) => {
    const staging = tmp + '.csv';
    await writeFile(staging, tableToCsv(table));
    const con = await openDuckDB();
    try {
      const spec = '{' + table.columns.map((c) => `${literal(c.name)}: 'VARCHAR'`).join(', ') + '}';
      const casts = table.columns.map((c) => `CAST(${ident(c.name)} AS ${sqlType(c.kind)}) AS ${ident(c.name)}`).join(', ');
      await con.run(`COPY (SELECT ${casts} FROM read_csv(${literal(staging)}, header=true, auto_detect=false, strict_mode=true, delim=',', quote='"', escape='"', columns=${spec}, nullstr='')) TO ${literal(tmp)} (FORMAT parquet)`);
    } finally {
      con.closeSync();
      await rm(staging, { force: true });
    }
  });
}
