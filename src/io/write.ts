/**
 * Writing outputs atomically: everything goes to a temporary file in the target's folder, which is
 * renamed over the target only once complete. On failure the temporary file is removed, so no
 * half-written output is ever left behind. A target that is not a regular file (`/dev/null`,
 * `/dev/stdout`, a named pipe, a link to one) is written through: renaming over it would replace the device or the link.
 */
import { writeFile, rename, rm, mkdir, mkdtemp, stat, lstat, readlink, chmod } from 'node:fs/promises';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { onAbort } from './abort.ts';
import { pipeline } from 'node:stream/promises';
import { dirname, basename, join, extname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Table } from '../table/table.ts';
import { literal, loadTable, openDuckDB } from './duckdb.ts';
import { formatOf, type InputFormat } from './read.ts';

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** A process's file descriptor by its path: /proc/self/fd/N (or /proc/<pid>/fd/N, /dev/fd/N), /dev/stdin, /dev/stdout, /dev/stderr. */
const FD_PATH = /^\/(?:proc\/(self|thread-self|\d+)\/fd|dev\/fd)\/(\d+)$|^\/dev\/std(in|out|err)$/;

/**
 * How an output is written when it is not a file to replace (null: a regular file, a link to one, or nothing yet): this
 * process's standard output or error ('stdout', 'stderr': `/dev/stdout`, `/proc/self/fd/1` or a link to them, written into
 * the stream — opened anew, a file behind it would be truncated, and what the process prints after it written over it),
 * or 'through' — a device, a pipe, a socket, another descriptor, or a link to one: opened and written, never renamed over.
 * The links are followed one by one: stat() followed them all, so a link to /proc/self/fd/1 with standard output
 * redirected to a file was a regular file, and the link — /dev/stdout itself, for the whole machine when run as root —
 * was replaced.
 */
type PassThrough = 'stdout' | 'stderr' | 'through' | null;
async function passThrough(path: string): Promise<PassThrough> {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const fd = FD_PATH.exec(p);
    if (fd !== null) {
      const own = fd[1] === undefined || fd[1] === 'self' || fd[1] === 'thread-self' || fd[1] === String(process.pid);
      const n = fd[3] === 'out' ? '1' : fd[3] === 'err' ? '2' : own ? fd[2] : undefined;
      return n === '1' ? 'stdout' : n === '2' ? 'stderr' : 'through';
    }
    let s;
    try { s = await lstat(p); } catch { return null; }
    if (!s.isSymbolicLink()) return s.isCharacterDevice() || s.isBlockDevice() || s.isFIFO() || s.isSocket() ? 'through' : null;
    p = resolve(dirname(p), await readlink(p));
  }
  return null;
}

/** Writes data or a finished temporary file into an output written through (passThrough). */
async function writeThrough(how: Exclude<PassThrough, null>, path: string, data: { tmp: string } | { data: string | Uint8Array }): Promise<void> {
  if (how === 'through') {
    if ('tmp' in data) await pipeline(createReadStream(data.tmp), createWriteStream(path));
    else await writeFile(path, data.data);
    return;
  }
  const out = how === 'stdout' ? process.stdout : process.stderr;
  const write = async (chunk: string | Uint8Array): Promise<void> => { if (!out.write(chunk)) await once(out, 'drain'); };
  if ('tmp' in data) for await (const chunk of createReadStream(data.tmp)) await write(chunk as Buffer);
  else await write(data.data);
}

/**
 * Creates the folder of an output when it is missing, and only then. A folder that exists is only
 * looked at: a mkdir still running when Ctrl-C removes a writer's temporary folder (ingest's tables
 * go into one) would make that folder again, empty, after its removal.
 */
/** Creates the folder when absent; returns the first folder it created (to remove on a failure), or null. */
async function ensureFolder(dir: string): Promise<string | null> {
  try {
    if ((await stat(dir)).isDirectory()) return null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return (await mkdir(dir, { recursive: true })) ?? null;
}

/** Options of the atomic writers: `mode`, the file's permissions from its creation on (0o600: its owner alone). */
export interface AtomicOptions { mode?: number }

/** Writes data to path atomically (temp file + rename). Creates the folder if needed. */
/**
 * A system error of writing (ENOSPC, EIO, EDQUOT…) names no path: the output's is added, so the message says which file
 * could not be written ("cannot write out.csv: no space left…").
 */
function withPath(e: unknown, path: string): unknown {
  if (e !== null && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' && (e as { path?: unknown }).path === undefined) {
    (e as { path?: string }).path = path;
  }
  return e;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicOptions = {}): Promise<void> {
  const through = await passThrough(path);
  if (through !== null) { try { await writeThrough(through, path, { data }); } catch (e) { throw withPath(e, path); } return; }
  // (a folder made for the output is removed again when nothing is written)
  const made = await ensureFolder(dirname(path));
  const tmp = tempPathFor(path);
  const done = onAbort(() => rmSync(tmp, { force: true }));
  try {
    // (created with its mode: a private file is never readable by others, not even before the rename)
    await writeFile(tmp, data, options.mode === undefined ? {} : { mode: options.mode });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    if (made !== null) await rm(made, { recursive: true, force: true }).catch(() => undefined);
    throw withPath(e, path);
  } finally {
    done();
  }
}

/**
 * Several outputs, all or none: each is produced into a temporary file beside it, and they are renamed
 * over their paths only once every one has succeeded (on a failure, every temporary file is removed).
 * A device or a pipe among them, or a link to one (`-o /dev/stdout`), is produced in the system's temporary folder and
 * written into it before the renames: when it fails, no file is replaced.
 */
export async function withAtomicFiles(paths: string[], produce: (i: number, tmp: string) => Promise<void>): Promise<void> {
  const tmps: string[] = [];
  const done = onAbort(() => { for (const t of tmps) rmSync(t, { force: true }); });
  let at = 0;
  // (folders made for the outputs: removed again when nothing is written — "-o notes/" of a run that fails leaves no folder)
  const made: string[] = [];
  const special: PassThrough[] = [];
  try {
    for (let i = 0; i < paths.length; i++) {
      at = i;
      special.push(await passThrough(paths[i]!));
      const m = special[i] !== null ? null : await ensureFolder(dirname(paths[i]!));
      if (m !== null) made.push(m);
      const tmp = special[i] !== null ? join(tmpdir(), basename(tempPathFor(paths[i]!)) + extname(paths[i]!)) : tempPathFor(paths[i]!) + extname(paths[i]!);
      tmps.push(tmp);
      await produce(i, tmp);
    }
    // (devices and pipes first, then the renames: a device that fails — "--report /dev/full" — leaves every file as it was;
    // written after the renames, it left a new release behind a failed report. A rename fails far more rarely than a write)
    for (let i = 0; i < paths.length; i++) {
      const how = special[i];
      if (how === null || how === undefined) continue;
      at = i;
      await writeThrough(how, paths[i]!, { tmp: tmps[i]! });
      await rm(tmps[i]!, { force: true });
    }
    for (let i = 0; i < paths.length; i++) { at = i; if (special[i] === null) await rename(tmps[i]!, paths[i]!); }
  } catch (e) {
    for (const t of tmps) await rm(t, { force: true });
    for (const m of made.reverse()) await rm(m, { recursive: true, force: true }).catch(() => undefined);
    throw withPath(e, paths[at]!);
  } finally {
    done();
  }
}

/**
 * Runs `produce(tmpPath)` and renames the temp file over `path` when it succeeds. A private output
 * (`mode`) is produced inside a folder of its owner's alone (0o700), beside the target: a producer
 * that makes its own files (DuckDB writes a file, then renames it) never leaves the data readable
 * by others, not even for a moment.
 */
export async function withAtomicFile(path: string, produce: (tmp: string) => Promise<void>, options: AtomicOptions = {}): Promise<void> {
  const ext = extname(path);
  const special = await passThrough(path);
  // (a folder made for the output is removed again when nothing is written: "-o new/a/b/out.txt" of a run that fails leaves no folder)
  const made = special === null ? await ensureFolder(dirname(path)) : null;
  const privateDir = options.mode !== undefined && special === null ? await mkdtemp(join(dirname(path), `.${basename(path)}.`)) : null;
  // a device or a pipe: the temporary file goes to the system's temporary folder, then is written into it
  const tmp = privateDir !== null ? join(privateDir, 'out' + ext) : special !== null ? join(tmpdir(), basename(tempPathFor(path)) + ext) : tempPathFor(path) + ext;
  const done = onAbort(() => rmSync(privateDir ?? tmp, { force: true, recursive: true }));
  try {
    await produce(tmp);
    if (privateDir !== null) await chmod(tmp, options.mode!);
    if (special !== null) { await writeThrough(special, path, { tmp }); await rm(tmp, { force: true }); }
    else await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    if (made !== null) await rm(made, { recursive: true, force: true }).catch(() => undefined);
    throw withPath(e, path);
  } finally {
    if (privateDir !== null) await rm(privateDir, { recursive: true, force: true });
    done();
  }
}

function csvField(v: string | null, delimiter: string): string {
  if (v === null) return '';
  if (v.includes(delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r')) {
    return '"' + v.replaceAll('"', '""') + '"';
  }
  return v;
}

/** Rows from which CSV/TSV is written by DuckDB's writer instead of in JS (same text, faster). */
const LARGE = 100_000;

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
export async function writeTable(table: Table, path: string, options: { format?: InputFormat; delimiter?: string } & AtomicOptions = {}): Promise<void> {
  const format = formatOf(path, options.format);
  // (CSV in the delimiter given, the input's: a release reads back with the policy it was made with)
  const delimiter = format === 'tsv' ? '\t' : options.delimiter ?? ',';
  if ((format === 'csv' || format === 'tsv') && table.rowCount < LARGE) {
    await writeFileAtomic(path, tableToCsv(table, delimiter), options);
    return;
  }
  if (format === 'csv' || format === 'tsv') {
    // large tables: DuckDB's CSV writer, labels written as text exactly as tableToCsv would
    await withAtomicFile(path, async (tmp) => {
      const con = await openDuckDB();
      try {
        await loadTable(con, table, 'out', { asText: true });
        await con.run(`COPY out TO ${literal(tmp)} (FORMAT csv, HEADER true, DELIMITER ${literal(delimiter)}, QUOTE '"', ESCAPE '"', NULLSTR '')`);
      } finally {
        con.closeSync();
      }
    }, options);
    return;
  }
  if (format === 'json' || format === 'jsonl') {
    const rows: string[] = [];
    for (let r = 0; r < table.rowCount; r++) {
      const o: Record<string, unknown> = {};
      for (const c of table.columns) o[c.name] = jsonValue(c.kind, c.dictionary[c.codes[r]!]!);
      rows.push(JSON.stringify(o));
    }
    await writeFileAtomic(path, format === 'jsonl' ? rows.join('\n') + (rows.length ? '\n' : '') : '[\n' + rows.join(',\n') + '\n]\n', options);
    return;
  }
  // Parquet (and large CSV/TSV, below) through DuckDB: codes loaded by whole chunks, decoded by a join, COPY
  await withAtomicFile(path, async (tmp) => {
    const con = await openDuckDB();
    try {
      await loadTable(con, table, 'out');
      await con.run(`COPY out TO ${literal(tmp)} (FORMAT parquet)`);
    } finally {
      con.closeSync();
    }
  }, options);
}
