/**
 * DuckDB plumbing: one place that opens connections and moves query results into dictionary-coded
 * typed arrays. Codes are read chunk by chunk straight from DuckDB's vectors (no boxing per value).
 */
import { createRequire } from 'node:module';
import type { DuckDBConnection } from '@duckdb/node-api';
import type * as NodeApi from '@duckdb/node-api';
import type Bindings from '@duckdb/node-bindings';

// DuckDB's packages are CommonJS: loading them with require() skips the ESM loader's export
// scan of every file they re-export (about 0.1 s of start-up on each CLI run). They are loaded on
// first use, not with this module: a command that only writes files (redact) never opens a database,
// and loading the native library costs ~0.15 s.
const require = createRequire(import.meta.url);
let nodeApi: typeof NodeApi | undefined;
let bindings: typeof Bindings | undefined;
function duckdb(): typeof Bindings { return bindings ??= require('@duckdb/node-bindings') as typeof Bindings; }
function duckdbApi(): typeof NodeApi { return nodeApi ??= require('@duckdb/node-api') as typeof NodeApi; }
import { columnFromCodes, makeTable, type Column, type ColumnKind, type Table } from '../table/table.ts';

export type { DuckDBConnection };

/** Opens a connection on a new DuckDB database (in memory by default, or a file). */
export async function openDuckDB(path = ':memory:'): Promise<DuckDBConnection> {
  const instance = await duckdbApi().DuckDBInstance.create(path);
  return instance.connect();
}

/** Quotes an identifier for SQL (column names with spaces, brackets, quotes). */
export function ident(name: string): string { return '"' + name.replaceAll('"', '""') + '"'; }

/** Quotes a string literal for SQL. */
export function literal(s: string): string { return "'" + s.replaceAll("'", "''") + "'"; }

/**
 * Reads INTEGER columns of a query into Int32Arrays, in result order, without boxing values.
 * NULLs must have been replaced (COALESCE) by the caller: the validity mask is not read.
 */
export async function readIntColumns(con: DuckDBConnection, sql: string, columns: number, rows: number): Promise<Int32Array[]> {
  const out = Array.from({ length: columns }, () => new Int32Array(rows));
  const res = await con.run(sql);
  const d = duckdb();
  let off = 0;
  for (;;) {
    const chunk = await res.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    for (let c = 0; c < columns; c++) {
      const vec = d.data_chunk_get_vector(chunk.chunk, c);
      const u8 = d.vector_get_data(vec, n * 4);
      out[c]!.set(new Int32Array(u8.buffer, u8.byteOffset, n), off);
    }
    off += n;
  }
  if (off !== rows) throw new Error(`expected ${rows} rows, read ${off}`);
  return out;
}

const CAST: Record<ColumnKind, string> = {
  string: 'VARCHAR', integer: 'BIGINT', decimal: 'DOUBLE', date: 'DATE', boolean: 'BOOLEAN',
};

/** The DuckDB type a column kind is stored as. */
export function sqlType(kind: ColumnKind): string { return CAST[kind]; }

/** Maps a DuckDB type name to a column kind. */
export function kindOfSqlType(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t)) return 'integer';
  if (/^(FLOAT|DOUBLE|REAL)$/.test(t) || t.startsWith('DECIMAL')) return 'decimal';
  if (t === 'DATE') return 'date';
  if (t === 'BOOLEAN') return 'boolean';
  return 'string';
}

/**
 * Dictionary-encodes columns of a DuckDB table into a Table. `kinds[name]` gives each column's
 * kind; the table's values must already be of the kind's SQL type (see sqlType).
 * Dictionaries are sorted in natural order; missing (NULL) is the last code.
 */
export async function encodeTable(
  con: DuckDBConnection, tableName: string, names: string[], kinds: Record<string, ColumnKind>,
): Promise<Table> {
  const dicts = await buildDictionaries(con, tableName, names);
  try {
    return await tableFromDictionaries(con, tableName, names, kinds, dicts);
  } finally {
    await dropDictionaries(con, names.length);
  }
}

/**
 * Builds the dictionaries of columns of a table (temporary tables __d0, __d1… of (value, code),
 * values in natural order, NULL last when present) and returns their labels (values as text, NULL
 * as null). With `only`, rebuilds those columns' dictionaries and returns theirs alone (the
 * others' entries are empty). One statement builds them all and one query reads them back.
 */
export async function buildDictionaries(con: DuckDBConnection, tableName: string, names: string[], only?: number[]): Promise<(string | null)[][]> {
  const t = ident(tableName);
  const which = only ?? names.map((_, j) => j);
  const dicts: (string | null)[][] = names.map(() => []);
  if (which.length === 0) return dicts;
  await con.run(which.map((j) => `CREATE OR REPLACE TEMP TABLE __d${j} AS
      SELECT v, (row_number() OVER (ORDER BY v NULLS LAST) - 1)::INTEGER AS code
      FROM (SELECT DISTINCT ${ident(names[j]!)} AS v FROM ${t})`).join(';\n'));
  const all = await con.runAndReadAll(which.map((j) => `SELECT ${j} AS j, code, CAST(v AS VARCHAR) AS label FROM __d${j}`).join(' UNION ALL ') + ' ORDER BY j, code');
  for (const [j, , label] of all.getRows() as [number, number, string | null][]) dicts[Number(j)]!.push(label);
  return dicts;
}

/** Drops the temporary dictionary tables of buildDictionaries. */
export async function dropDictionaries(con: DuckDBConnection, count: number): Promise<void> {
  if (count > 0) await con.run(Array.from({ length: count }, (_, j) => `DROP TABLE IF EXISTS __d${j}`).join('; '));
}

/**
 * The Table of columns whose dictionaries buildDictionaries made (labels `dicts`): each row's
 * codes read in one joined query, in row order. `kinds[name]` gives each column's kind; the
 * table's values must be of the kind's SQL type (see sqlType).
 */
/** Columns whose dictionaries one query joins (tableFromDictionaries, loadTable). */
const JOIN_GROUP = 16;
export async function tableFromDictionaries(
  con: DuckDBConnection, tableName: string, names: string[], kinds: Record<string, ColumnKind>, dicts: (string | null)[][],
): Promise<Table> {
  const t = ident(tableName);
  if (names.length === 0) return makeTable([]);
  const countRes = await con.runAndReadAll(`SELECT count(*)::BIGINT FROM ${t}`);
  const rows = Number(countRes.getRows()[0]![0]);
  // a NULL matches no dictionary entry: it gets the last code, the dictionary's null
  // (JOIN_GROUP columns per query: one query joining every column's dictionary took DuckDB 100 s on 400 columns — its join
  // planning grows faster than the joins — against under a second in groups)
  // (a column of the data named "rowid" hides DuckDB's row number, which orders every group's rows alike: the columns are
  // then read from a copy whose names are ours — a table's copy keeps its rows' order)
  const hidden = names.some((n) => n.toLowerCase() === 'rowid');
  const src = hidden ? '__enc' : t;
  const col = (j: number): string => (hidden ? `__c${j}` : ident(names[j]!));
  if (hidden) await con.run(`CREATE OR REPLACE TEMP TABLE __enc AS SELECT ${names.map((n, j) => `${ident(n)} AS __c${j}`).join(', ')} FROM ${t}`);
  const codes: Int32Array[] = [];
  try {
    for (let g = 0; g < names.length; g += JOIN_GROUP) {
      const js = names.slice(g, g + JOIN_GROUP).map((_, k) => g + k);
      const selects = js.map((j) => `COALESCE(__d${j}.code, ${dicts[j]!.length - 1})::INTEGER`);
      const joins = js.map((j) => `LEFT JOIN __d${j} ON ${src}.${col(j)} = __d${j}.v`);
      codes.push(...await readIntColumns(con, `SELECT ${selects.join(', ')} FROM ${src} ${joins.join(' ')} ORDER BY ${src}.rowid`, js.length, rows));
    }
  } finally {
    if (hidden) await con.run('DROP TABLE IF EXISTS __enc');
  }
  const columns: Column[] = names.map((name, j) => columnFromCodes(name, kinds[name] ?? 'string', codes[j]!, dicts[j]!));
  return makeTable(columns);
}

/** Runs a query and dictionary-encodes its result into a Table (column kinds from the result types). */
export async function tableFromSql(con: DuckDBConnection, sql: string): Promise<Table> {
  const name = `__q${Date.now().toString(36)}${Math.floor(performance.now() * 1000).toString(36)}`;
  await con.run(`CREATE TEMP TABLE ${name} AS ${sql}`);
  try {
    const info = await con.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ${literal(name)} ORDER BY ordinal_position`);
    const names: string[] = [];
    const kinds: Record<string, ColumnKind> = {};
    const casts: string[] = [];
    for (const [n, type] of info.getRows() as [string, string][]) {
      names.push(n);
      const kind = kindOfSqlType(type);
      kinds[n] = kind;
      casts.push(`CAST(${ident(n)} AS ${sqlType(kind)}) AS ${ident(n)}`);
    }
    const typed = `${name}_t`;
    await con.run(`CREATE TEMP TABLE ${typed} AS SELECT ${casts.join(', ') || '1 AS __x'} FROM ${name} ORDER BY rowid`);
    try { return await encodeTable(con, typed, names, kinds); } finally { await con.run(`DROP TABLE IF EXISTS ${typed}`); }
  } finally {
    await con.run(`DROP TABLE IF EXISTS ${name}`);
  }
}

/**
 * Loads a Table into DuckDB as a typed table `name`, in row order: the codes go in as INTEGER
 * columns by whole data chunks (no value boxing), each dictionary as a small (code, label) table,
 * and a join turns codes back into typed values (or keeps the labels as text with `asText`).
 * Used to write large outputs through DuckDB.
 */
export async function loadTable(con: DuckDBConnection, table: Table, name: string, o: { asText?: boolean } = {}): Promise<void> {
  const m = table.columns.length;
  const codesName = `${name}__codes`;
  const cols = table.columns.map((_, j) => `c${j} INTEGER`).concat(['__r INTEGER']).join(', ');
  await con.run(`CREATE OR REPLACE TEMP TABLE ${ident(codesName)} (${cols})`);
  const { DuckDBDataChunk, INTEGER } = duckdbApi();
  const appender = await con.createAppender(codesName);
  const CHUNK = 2048;
  const chunk = DuckDBDataChunk.create(Array.from({ length: m + 1 }, () => INTEGER));
  const rowIndex = new Int32Array(CHUNK);
  for (let off = 0; off < table.rowCount; off += CHUNK) {
    const n = Math.min(CHUNK, table.rowCount - off);
    chunk.rowCount = n;
    for (let j = 0; j <= m; j++) {
      const vec = chunk.getColumnVector(j) as unknown as { items: Int32Array; flush(): void };
      if (j < m) vec.items.set(table.columns[j]!.codes.subarray(off, off + n));
      else { for (let i = 0; i < n; i++) rowIndex[i] = off + i; vec.items.set(rowIndex.subarray(0, n)); }
      vec.flush();
    }
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  const selects: string[] = [];
  const joins: string[] = [];
  const groups: string[] = [];
  // (each JOIN_GROUP columns' dictionaries joined in a table of their own, in row order, then the groups side by side)
  const flush = async (): Promise<void> => {
    const g = `${name}__g${groups.length}`;
    await con.run(`CREATE OR REPLACE TEMP TABLE ${ident(g)} AS SELECT ${selects.join(', ')} FROM ${ident(codesName)} ${joins.join(' ')} ORDER BY ${ident(codesName)}.__r`);
    groups.push(g);
    selects.length = 0; joins.length = 0;
  };
  for (let j = 0; j < m; j++) {
    const c = table.columns[j]!;
    const d = `${name}__d${j}`;
    await con.run(`CREATE OR REPLACE TEMP TABLE ${ident(d)} (code INTEGER, label VARCHAR)`);
    const da = await con.createAppender(d);
    c.dictionary.forEach((label, code) => {
      da.appendInteger(code);
      if (label === null) da.appendNull(); else da.appendVarchar(label);
      da.endRow();
    });
    da.closeSync();
    selects.push(o.asText ? `${ident(d)}.label AS ${ident(c.name)}` : `CAST(${ident(d)}.label AS ${sqlType(c.kind)}) AS ${ident(c.name)}`);
    joins.push(`LEFT JOIN ${ident(d)} ON ${ident(codesName)}.c${j} = ${ident(d)}.code`);
    if (selects.length === JOIN_GROUP) await flush();
  }
  if (m === 0) await con.run(`CREATE OR REPLACE TEMP TABLE ${ident(name)} AS SELECT 1 AS __none FROM ${ident(codesName)}`);
  else {
    if (selects.length > 0) await flush();
    // (a positional join pairs the groups' rows by place: each was written in the same row order)
    // (each column named with its group's table: a column named "rowid" would be ambiguous with the other groups' row numbers)
    await con.run(`CREATE OR REPLACE TEMP TABLE ${ident(name)} AS SELECT ${table.columns.map((c, j) => `${ident(groups[Math.floor(j / JOIN_GROUP)]!)}.${ident(c.name)}`).join(', ')} FROM ${groups.map(ident).join(' POSITIONAL JOIN ')}`);
  }
  await con.run(`DROP TABLE ${ident(codesName)}`);
  for (const g of groups) await con.run(`DROP TABLE ${ident(g)}`);
  for (let j = 0; j < m; j++) await con.run(`DROP TABLE ${ident(`${name}__d${j}`)}`);
}
