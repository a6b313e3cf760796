/**
 * Reading input files into dictionary-coded Tables, through DuckDB in strict mode.
 *
 * CSV/TSV: the header is read here (BOM stripped, delimiter and quote as declared), then DuckDB
 * parses the file with auto-detection OFF and strict mode ON, every column as text; declared types
 * are then checked value by value so that an error names the line and the column. Undeclared
 * columns get a conservative inferred kind (see inferKinds). Parquet and JSON Lines keep their own
 * types, cast to the declared ones.
 *
 * Errors never quote a record: they say file, line, column, what is wrong and how to fix it.
 */
import { open, readFile, mkdtemp, writeFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, extname, basename } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { AnonymatError, type Issue } from '../errors.ts';
import { columnFromCodes, makeTable, type Column, type ColumnKind, type Table } from '../table/table.ts';
import { isIsoDay } from '../util/calendar.ts';
import { buildDictionaries, dropDictionaries, ident, kindOfSqlType, literal, openDuckDB, sqlType, tableFromDictionaries, type DuckDBConnection } from './duckdb.ts';
import { own } from '../util/own.ts';
import { textEncodingOf } from './text-decode.ts';

export type InputFormat = 'csv' | 'tsv' | 'parquet' | 'jsonl' | 'json';

export interface ReadOptions {
  /** Default: from the extension (.csv .tsv .tab .parquet .jsonl .ndjson .json); stdin: csv. */
  format?: InputFormat;
  /** Field separator (default ',' for csv, tab for tsv). */
  delimiter?: string;
  quote?: string;
  escape?: string;
  /** First line holds column names (default true). Without it, columns are column1..columnN. */
  header?: boolean;
  encoding?: 'utf-8' | 'latin-1';
  /** Cell texts read as missing (default ['']). */
  missing?: string[];
  /** Decimal separator of numbers written as text (default '.'; ',' reads "1,94" as 1.94). */
  decimal?: '.' | ',';
  /** Order of dates written d/m/y or m/d/y (with '/', '.' or '-'): default ymd, ISO dates only. */
  dateOrder?: 'ymd' | 'dmy' | 'mdy';
  /** Declared kinds; columns not listed are inferred (or text when infer is false). */
  types?: Record<string, ColumnKind>;
  /** Infer kinds of undeclared columns (default true): integers without leading zeros, decimals, ISO dates. */
  infer?: boolean;
  /** Only these columns (each must exist, unless listed in `optionalColumns`). */
  columns?: string[];
  /** Columns of `columns` read only when present (a release without the dropped identifiers). */
  optionalColumns?: string[];
  /** Declared types of columns absent from the input are ignored instead of being an error
   * (for files that hold a subset of the policy's columns, such as releases). */
  typesIfPresent?: boolean;
  /** Label for messages when reading stdin. */
  name?: string;
  /**
   * A declared numeric or date column whose every value that does not convert reads as a generalized label ("*",
   * "[20, 30[", "40-49", "90+", "<18"): the column is read as text and this is called (a release read with the
   * originals' policy). Without it, such values are an error like any other.
   */
  onGeneralizedLabels?: (column: string) => void;
  /** Called with every column name of the input, before `columns` selects some. */
  onHeader?: (names: readonly string[]) => void;
  /**
   * CSV/TSV read with a header: 'refuse' stops (invalid-input) when the first line holds values, not column names (see
   * looksLikeValue). Without a header row the first record becomes the column names: a verb that reads every column
   * (init, pseudonymize) would print a patient's NIR or birth date as a column's name, write it as the output's header
   * and lose that patient. Verbs whose policy names the columns stop anyway, on the first name not found.
   */
  valueHeader?: 'refuse';
  /** With valueHeader 'refuse': names a policy declares, column names whatever they look like ("visits_2024-01-01"). */
  declaredColumns?: readonly string[];
  /** With valueHeader 'refuse': how to read such a file with this command (added to the error). */
  noHeaderHint?: string;
}

/** A released label of a generalized numeric or date value: suppressed, an interval, a range, an open bound. */
const GENERALIZED_LABEL = /^(?:\*+|[[\]()].*[[\]()]|-?\d[\d.]*\s*[-–]\s*-?\d[\d.]*|\d[\d.]*\s*\+|[<>≤≥]=?\s*-?\d[\d.]*|\d{4}-\d{2}|\d{4})$/;

const FORMATS: readonly InputFormat[] = ['csv', 'tsv', 'parquet', 'jsonl', 'json'];
export function formatOf(path: string, declared?: InputFormat): InputFormat {
  if (declared) {
    if (!FORMATS.includes(declared)) throw new AnonymatError('invalid-usage', `unknown format ${JSON.stringify(declared)}: use ${FORMATS.join(', ')}`, [{ path: '--format', message: 'a spreadsheet (xls, xlsx, ods) must be saved as CSV first' }]);
    return declared;
  }
  const ext = extname(path.toLowerCase().replace(/\.(gz|zst)$/, '')).toLowerCase();
  if (['.xls', '.xlsx', '.xlsm', '.ods', '.numbers'].includes(ext)) {
    throw new AnonymatError('invalid-usage', `${path}: spreadsheets are not read nor written (${ext})`, [{ path, message: 'save the sheet as CSV (or give a .csv, .tsv, .parquet, .jsonl or .json path)' }]);
  }
  switch (ext) {
    case '.tsv': case '.tab': return 'tsv';
    case '.parquet': case '.pq': return 'parquet';
    case '.jsonl': case '.ndjson': return 'jsonl';
    case '.json': return 'json';
    default: return 'csv';
  }
}

/** Reads a file ('-' for stdin) into a Table. */
export async function readTable(path: string, options: ReadOptions = {}): Promise<Table> {
  if (path === '-') {
    const dir = await mkdtemp(join(tmpdir(), 'anonymat-stdin-'));
    const format = options.format ?? 'csv';
    const file = join(dir, `stdin.${format}`);
    try {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      await writeFile(file, Buffer.concat(chunks));
      return await readTable(file, { ...options, format, name: options.name ?? '<stdin>' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const label = options.name ?? path;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new AnonymatError('invalid-input', `${label}: not a file`);
  } catch (e) {
    if (e instanceof AnonymatError) throw e;
    throw new AnonymatError('invalid-input', `${label}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path`);
  }
  // (an encoding's other names, "windows-1252", "cp1252", "iso-8859-1", are Latin-1's)
  if (options.encoding !== undefined) options = { ...options, encoding: textEncodingOf(options.encoding) };
  const format = formatOf(path, options.format);
  if (options.encoding === 'latin-1' && (format === 'csv' || format === 'tsv')) {
    // (Latin-1 is read as Windows-1252, its superset, as browsers do: DuckDB's latin-1 refuses the bytes 0x80-0x9F that
    // Windows writes for ’, œ, €, …, so the file is decoded here into a private temporary UTF-8 copy, removed after)
    const dir = await mkdtemp(join(tmpdir(), 'anonymat-1252-'));
    const file = join(dir, `input.${format}`);
    try {
      const decoder = new TextDecoder('windows-1252');
      await pipeline(createReadStream(path), new Transform({
        transform(chunk: Buffer, _enc, done) { done(null, decoder.decode(chunk, { stream: true })); },
        flush(done) { done(null, decoder.decode()); },
      }), createWriteStream(file, { mode: 0o600 }));
      return await readTable(file, { ...options, encoding: 'utf-8', format, name: label });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const con = await openDuckDB();
  try {
    return await readWith(con, path, label, options);
  } finally {
    con.closeSync();
  }
}

/**
 * How DuckDB is to decompress a text file: by its name's ending in any case, as formatOf and readHeader read it ("x.CSV.GZ"
 * is gzip too — DuckDB's own guess knows the lower-case ".gz" and ".zst" only, and read the compressed bytes as text).
 */
function compressionOf(path: string): 'gzip' | 'zstd' | undefined {
  const lower = path.toLowerCase();
  return lower.endsWith('.gz') ? 'gzip' : lower.endsWith('.zst') ? 'zstd' : undefined;
}
/** A DuckDB reader's compression argument, or none (its default guess then sees no compressed ending either). */
function compressionArg(path: string): string {
  const c = compressionOf(path);
  return c === undefined ? '' : `, compression=${literal(c)}`;
}

async function readWith(con: DuckDBConnection, path: string, label: string, o: ReadOptions): Promise<Table> {
  const format = formatOf(path, o.format);
  if (o.encoding !== undefined && o.encoding !== 'utf-8' && o.encoding !== 'latin-1') {
    throw new AnonymatError('invalid-usage', `unknown encoding ${JSON.stringify(o.encoding)}: use utf-8 or latin-1`, [{ path: '--encoding', message: 'convert other encodings (UTF-16, …) to UTF-8 first, e.g. with iconv' }]);
  }
  let declared = o.types ?? {};
  let names: string[];
  // (null-prototype records: a column may be named "__proto__" or "constructor")
  let native: Record<string, ColumnKind> = Object.create(null);
  if (format === 'csv' || format === 'tsv') {
    // (a TSV file, by its extension or --format, is tab-separated whatever delimiter a policy declares for CSV)
    const delimiter = format === 'tsv' ? '\t' : o.delimiter ?? ',';
    const quote = o.quote ?? '"';
    const header = o.header ?? true;
    const encoding = o.encoding ?? 'utf-8';
    names = await readHeader(path, label, { delimiter, quote, header, encoding, valueHeader: o.valueHeader, declaredColumns: o.declaredColumns, noHeaderHint: o.noHeaderHint });
    const columnsSpec = '{' + names.map((n) => `${literal(n)}: 'VARCHAR'`).join(', ') + '}';
    const nulls = '[' + (o.missing ?? ['']).map(literal).join(', ') + ']';
    const sql = `CREATE TABLE raw AS SELECT * FROM read_csv(${literal(path)}, header=${header}, auto_detect=false,
      strict_mode=true, delim=${literal(delimiter)}, quote=${literal(quote)}, escape=${literal(o.escape ?? quote)},
      columns=${columnsSpec}, nullstr=${nulls}, encoding=${literal(encoding === 'latin-1' ? 'latin-1' : 'utf-8')}${compressionArg(path)})`;
    try {
      await con.run(sql);
    } catch (e) {
      throw await withUtf8Column(csvError(e, label, names, header), path);
    }
    for (const n of names) native[n] = 'string';
    if (header && o.valueHeader === 'refuse') await refuseValueHeader(con, names, label, o);
  } else if (o.infer === false && format !== 'parquet') {
    // (without inference, JSON values are read as written, each on its own: a column's type unified over the lines made one
    // line's "abc" turn every number of the column into text, one line's 2.5 every 3 into "3.0" — and, past read_json's
    // sample of 20,480 lines, one line's "abc" an error: read_json is not used at all)
    const objects = `read_json_objects(${literal(path)}, format=${literal(format === 'jsonl' ? 'newline_delimited' : 'auto')}${compressionArg(path)})`;
    try {
      // (in the order they first appear: by line, then by place in the object)
      const keys = await con.runAndReadAll(`SELECT k FROM (SELECT unnest(json_keys(json)) AS k, unnest(range(len(json_keys(json)))) AS p, n FROM (SELECT json, row_number() OVER () AS n FROM ${objects} WHERE json_type(json) = 'OBJECT')) GROUP BY k ORDER BY min(n * 1000000 + p), k`);
      // (an empty key names no column a query or a policy could read, and no JSON path reaches it: left out)
      const jsonKeys = (keys.getRows() as [string][]).map(([k]) => k).filter((k) => k !== '');
      // (column names as DuckDB would give them: a name unique without its case — "A" and "a" → "a_1")
      names = [];
      const taken = new Set<string>();
      // (identifiers are compared without their ASCII case, as DuckDB does: "a" after "A" and "a_1" is "a_1_1")
      const lower = (n: string) => n.replace(/[A-Z]/g, (c) => c.toLowerCase());
      for (let j = 0; j < jsonKeys.length; j++) {
        let n = jsonKeys[j]!;
        while (taken.has(lower(n))) n = `${n}_1`;
        taken.add(lower(n));
        names.push(n);
      }
      if (names.length > 0) {
        // (a line that is no object — null, an array — is a row of missing values, as the typed reader reads it)
        const fields = jsonKeys.map((k, j) => `json_extract_string(json, ${literal(`$.${JSON.stringify(k)}`)}) AS ${ident(names[j]!)}`).join(', ');
        await con.run(`CREATE TABLE raw AS SELECT ${fields} FROM ${objects}`);
      }
    } catch (e) {
      throw new AnonymatError('invalid-input', `${label}: cannot read as ${format}: ${await readerMessage(e, path, label)}`, [{ path: label, message: `check that the file is valid ${format}` }]);
    }
    // (no key at all — an empty file, lines of {} — read as the typed reader reads it)
    if (names.length === 0) return readWith(con, path, label, { ...o, infer: true });
    for (const n of names) native[n] = 'string';
  } else {
    const reader = format === 'parquet' ? `read_parquet(${literal(path)})`
      : format === 'jsonl' ? `read_json(${literal(path)}, format='newline_delimited'${compressionArg(path)})`
      : `read_json(${literal(path)}, format='auto'${compressionArg(path)})`;
    try {
      await con.run(`CREATE TABLE raw AS SELECT * FROM ${reader}`);
    } catch (e) {
      throw new AnonymatError('invalid-input', `${label}: cannot read as ${format}: ${await readerMessage(e, path, label)}`, [{ path: label, message: `check that the file is valid ${format}` }]);
    }
    const info = await con.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'raw' ORDER BY ordinal_position`);
    names = [];
    const mixed: string[] = [];
    for (const [n, t] of info.getRows() as [string, string][]) { names.push(n); native[n] = kindOfSqlType(t); if (t.toUpperCase() === 'JSON') mixed.push(n); }
    // JSON text values stay text unless declared. A column whose lines mix types (250, "250") is read_json's JSON type,
    // and its text was each value's JSON: the string kept its quotes, a label '"250"' beside 250's '250'. Each value is
    // its scalar's text instead — a string unquoted and unescaped, a number as written, a nested value its JSON — so a
    // quote never ends up in a label, and a declared integer reads "250" as 250.
    if (mixed.length) {
      await con.run(mixed.map((n) => `ALTER TABLE raw ALTER ${ident(n)} SET DATA TYPE VARCHAR USING json_extract_string(${ident(n)}, '$')`).join(';\n'));
    }
  }

  o.onHeader?.(names);
  if (o.typesIfPresent) declared = Object.fromEntries(Object.entries(declared).filter(([n]) => names.includes(n)));
  // requested and declared columns must exist
  const issues: Issue[] = [];
  const optional = new Set(o.optionalColumns ?? []);
  const wanted = (o.columns ?? names).filter((n) => names.includes(n) || !optional.has(n));
  const missing = [...new Set([...wanted, ...Object.keys(declared)])].filter((n) => !names.includes(n));
  // (none of the columns the policy or the options name is found: the first line is a record, not a header — its fields
  // are counted, not listed)
  const anyNamed = [...(o.columns ?? []), ...Object.keys(declared), ...optional, ...(o.declaredColumns ?? [])];
  if (missing.length && !anyNamed.some((n) => names.includes(n))) {
    issues.push({ path: label, message: `${missing.map((n) => JSON.stringify(n)).join(', ')}: ${noHeaderText(names.length)}; add a header line or fix the names (policy, --qi, --sensitive)` });
  } else {
    for (const n of missing) issues.push({ path: `${label}: column ${JSON.stringify(n)}`, message: `not found in the input (${columnList(names)}); fix the name (policy, --qi, --sensitive) or the file header` });
  }
  if (issues.length) throw new AnonymatError('invalid-input', `${label}: ${missing.length} column(s) named in the policy or the options are not in the input`, issues);

  // kinds: declared > inferred (text columns only) > native
  const kinds: Record<string, ColumnKind> = Object.create(null);
  // only CSV/TSV text is inferred: Parquet and JSON carry their own types (a Parquet VARCHAR '910' stays text)
  const inferFor = format === 'csv' || format === 'tsv' ? wanted.filter((n) => !own(declared, n) && native[n] === 'string') : [];
  // the dictionaries first: a text column's kind is inferred from its distinct values (few), and
  // only the columns whose kind changes get theirs rebuilt after the conversion
  const dicts = await buildDictionaries(con, 'raw', wanted);
  try {
    const inferred: Record<string, ColumnKind> = Object.create(null);
    if (o.infer !== false) for (const n of inferFor) inferred[n] = kindOfValues(dicts[wanted.indexOf(n)]!, o);
    for (const n of wanted) kinds[n] = own(declared, n) ?? own(inferred, n) ?? own(native, n) ?? 'string';
    await convertKinds(con, format, label, o, wanted, kinds, native, issues);
    const changed = wanted.flatMap((n, j) => (kinds[n] === native[n] ? [] : [j]));
    if (changed.length) {
      const rebuilt = await buildDictionaries(con, 'raw', wanted, changed);
      for (const j of changed) dicts[j] = rebuilt[j]!;
    }
    return await tableFromDictionaries(con, 'raw', wanted, kinds, dicts);
  } finally {
    await dropDictionaries(con, wanted.length);
  }
}

/** Checks every declared or inferred conversion (collecting all failures, first rows per column), then converts in place. */
async function convertKinds(
  con: DuckDBConnection, format: InputFormat, label: string, o: ReadOptions, wanted: string[],
  kinds: Record<string, ColumnKind>, native: Record<string, ColumnKind>, issues: Issue[],
): Promise<void> {
  // check every declared conversion, collecting all failures (first rows per column)
  const headerLines = (format === 'csv' || format === 'tsv') && (o.header ?? true) ? 1 : 0;
  for (const n of wanted) {
    const kind = kinds[n]!;
    if (kind === native[n]) continue;
    if (o.onGeneralizedLabels && native[n] === 'string') {
      // (every distinct value that does not convert is a generalized label: the column is a release's, read as text)
      const odd = await con.runAndReadAll(`SELECT DISTINCT trim(${ident(n)}) FROM raw WHERE ${ident(n)} IS NOT NULL AND ${castExpr(n, native[n]!, kind, o)} IS NULL LIMIT 1000`);
      const values = (odd.getRows() as [string][]).map(([v]) => v);
      if (values.length > 0 && values.every((v) => GENERALIZED_LABEL.test(v))) { kinds[n] = 'string'; o.onGeneralizedLabels(n); continue; }
    }
    const bad = await con.runAndReadAll(`SELECT rowid::BIGINT FROM raw WHERE ${ident(n)} IS NOT NULL AND ${castExpr(n, native[n]!, kind, o)} IS NULL ORDER BY rowid LIMIT 5`);
    for (const [rowid] of bad.getRows() as [bigint][]) {
      const rowNo = Number(rowid) + 1;
      const where = format === 'csv' || format === 'tsv' ? `${label}:${rowNo + headerLines}` : `${label}: record ${rowNo}`;
      issues.push({ path: `${where}: column ${JSON.stringify(n)}`, message: `value is not ${article(kind)}${kind === 'date' ? ` (expected ${o.dateOrder === 'dmy' ? 'DD/MM/YYYY or ' : o.dateOrder === 'mdy' ? 'MM/DD/YYYY or ' : ''}YYYY-MM-DD, a day of the calendar${o.dateOrder === undefined || o.dateOrder === 'ymd' ? '; for dates written day first, input.dateOrder dmy' : ''})` : kind === 'decimal' && o.decimal !== ',' ? ' (a decimal comma, "1,94": input.decimal ",")' : ''}; correct the value, mark it missing, or declare the column with another type` });
    }
  }
  if (issues.length) throw new AnonymatError('invalid-input', `${label}: values do not match the declared column types`, issues);

  // convert in place only the columns whose kind changes (text columns are kept exactly as read)
  for (const n of wanted) {
    if (kinds[n] === native[n]) continue;
    await con.run(`ALTER TABLE raw ALTER ${ident(n)} SET DATA TYPE ${sqlType(kinds[n]!)} USING ${castExpr(n, native[n]!, kinds[n]!, o)}`);
  }
}

function castSource(n: string, native: ColumnKind): string {
  return native === 'string' ? `trim(${ident(n)})` : ident(n);
}

/** The conversion of column n to `kind` (NULL where a value does not convert): a decimal comma and day- or month-first dates when asked. */
function castExpr(n: string, native: ColumnKind, kind: ColumnKind, o: Pick<ReadOptions, 'decimal' | 'dateOrder'>): string {
  const src = castSource(n, native);
  if (native === 'string' && kind === 'decimal' && o.decimal === ',') return `TRY_CAST(replace(${src}, ',', '.') AS ${sqlType(kind)})`;
  if (native === 'string' && kind === 'date' && (o.dateOrder === 'dmy' || o.dateOrder === 'mdy')) {
    const [a, b] = o.dateOrder === 'dmy' ? ['%d', '%m'] : ['%m', '%d'];
    const formats = ['/', '-', '.'].map((sep) => `'${a}${sep}${b}${sep}%Y'`).join(', ');
    // (four-digit years only: strptime's %Y reads "54" as the year 54)
    return `COALESCE(TRY_CAST(${src} AS DATE), CASE WHEN regexp_full_match(${src}, '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{4}') THEN CAST(try_strptime(${src}, [${formats}]) AS DATE) END)`;
  }
  return `TRY_CAST(${src} AS ${sqlType(kind)})`;
}

function article(kind: ColumnKind): string {
  return kind === 'integer' ? 'an integer' : kind === 'decimal' ? 'a decimal number' : kind === 'date' ? 'a date' : kind === 'boolean' ? 'a boolean (true/false)' : 'text';
}

/**
 * Conservative kind inference for text columns: integer when every value is a canonical integer
 * (no leading zero, so postal codes such as 01000 stay text), decimal when every value is a plain
 * decimal number, date when every value is an ISO date. Otherwise text.
 */
export async function inferKinds(con: DuckDBConnection, table: string, names: string[]): Promise<Record<string, ColumnKind>> {
  const out: Record<string, ColumnKind> = {};
  for (const n of names) {
    const r = await con.runAndReadAll(`SELECT DISTINCT ${ident(n)} FROM ${ident(table)} WHERE ${ident(n)} IS NOT NULL`);
    out[n] = kindOfValues(r.getRows().map((row) => String(row[0])));
  }
  return out;
}

/**
 * The table readTable would have read from the same CSV with `markers` also read as missing, made from this one (read with
 * '' alone as missing) without reading the file again: each text cell that is exactly a marker becomes missing. Null when
 * some text column would then change kind (its other values all numbers or dates: the file must be read again, with the
 * markers, for that column's conversion).
 */
export function withMissingMarkers(table: Table, markers: readonly string[]): Table | null {
  const isMarker = new Set(markers);
  const columns: Column[] = [];
  for (const c of table.columns) {
    if (c.kind !== 'string' || !c.dictionary.some((l) => l !== null && isMarker.has(l))) { columns.push(c); continue; }
    const kept = c.dictionary.filter((l): l is string => l !== null && !isMarker.has(l));
    if (kindOfValues(kept) !== 'string') return null;
    // (the dictionary's order without the markers, missing last: as the dictionaries of a read are built)
    const dictionary: (string | null)[] = [...kept, null];
    const missing = kept.length;
    const codeOf = new Int32Array(c.dictionary.length);
    for (let code = 0, k = 0; code < c.dictionary.length; code++) {
      const l = c.dictionary[code];
      codeOf[code] = l === null || l === undefined || isMarker.has(l) ? missing : k++;
    }
    const codes = new Int32Array(c.codes.length);
    for (let r = 0; r < codes.length; r++) codes[r] = codeOf[c.codes[r]!]!;
    columns.push(columnFromCodes(c.name, 'string', codes, dictionary));
  }
  return makeTable(columns);
}

const INTEGER_TEXT = /^-?(?:0|[1-9][0-9]{0,17})$/;
const DECIMAL_TEXT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
/**
 * The kind of a text column from its values (missing ones null, ignored): each value trimmed of
 * spaces as the conversion does (trim(), spaces only), then integer, decimal or date when every
 * value reads as one, else string (also when there is no value).
 */
export function kindOfValues(values: readonly (string | null)[], o: Pick<ReadOptions, 'decimal' | 'dateOrder'> = {}): ColumnKind {
  let nonNull = 0, ints = 0, decs = 0, dates = 0;
  for (const raw of values) {
    if (raw === null) continue;
    let a = 0, b = raw.length;
    while (a < b && raw.charCodeAt(a) === 32) a++;
    while (b > a && raw.charCodeAt(b - 1) === 32) b--;
    const v = a === 0 && b === raw.length ? raw : raw.slice(a, b);
    nonNull++;
    if (INTEGER_TEXT.test(v)) ints++;
    if (DECIMAL_TEXT.test(o.decimal === ',' && v.indexOf(',') === v.lastIndexOf(',') ? v.replace(',', '.') : v)) decs++;
    // ("YYYY-MM-DD" and a day of the proleptic Gregorian calendar: what DuckDB's date cast accepts; d/m/y or m/d/y when asked)
    if (isIsoDay(v) || (o.dateOrder !== undefined && o.dateOrder !== 'ymd' && isOrderedDay(v, o.dateOrder))) dates++;
  }
  if (nonNull === 0) return 'string';
  return ints === nonNull ? 'integer' : decs === nonNull ? 'decimal' : dates === nonNull ? 'date' : 'string';
}

/** "04/08/2004", "4-8-2004", "04.08.2004" read day first (dmy) or month first (mdy): a day of the calendar. */
function isOrderedDay(v: string, order: 'dmy' | 'mdy'): boolean {
  const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(v);
  if (!m) return false;
  const [d, mo] = order === 'dmy' ? [+m[1]!, +m[3]!] : [+m[3]!, +m[1]!];
  return isIsoDay(`${m[4]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

async function readHeader(path: string, label: string, o: { delimiter: string; quote: string; header: boolean; encoding: string } & Pick<ReadOptions, 'valueHeader' | 'declaredColumns' | 'noHeaderHint'>): Promise<string[]> {
  let buf: Buffer;
  if (compressionOf(path) === 'gzip') buf = await gunzipHead(path, 1 << 16);
  else {
    const fh = await open(path, 'r');
    try {
      const b = Buffer.alloc(1 << 16);
      const { bytesRead } = await fh.read(b, 0, b.length, 0);
      buf = b.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }
  if (buf.length === 0) throw new AnonymatError('invalid-input', `${label}: the file is empty`, [{ path: `${label}:1`, message: 'expected a header line with the column names' }]);
  // (a binary file read as CSV — stdin is CSV unless --format says otherwise — named by its magic bytes; "PAR1" and "DUCK"
  // with NUL bytes only: a text header may begin so)
  const nul = buf.subarray(0, Math.min(buf.length, 4096)).includes(0);
  const binary = nul && buf.subarray(0, 4).equals(Buffer.from('PAR1')) ? 'a Parquet file'
    : buf[0] === 0x1f && buf[1] === 0x8b ? 'a gzip-compressed file'
    : buf.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])) ? 'a zstd-compressed file'
    : buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'a ZIP archive (a spreadsheet: .xlsx, .ods)'
    : nul && buf.subarray(8, 12).equals(Buffer.from('DUCK')) ? 'a DuckDB database'
    : null;
  if (binary) {
    throw new AnonymatError('invalid-input', `${label}: the input is ${binary}, not CSV text`, [{ path: label, message:
      binary === 'a Parquet file' ? 'give --format parquet (stdin and names without .parquet are read as CSV), or name the file with .parquet'
      : binary === 'a gzip-compressed file' ? 'name the file with .csv.gz (stdin is read uncompressed), or decompress it (gunzip -c)'
      // (Node 20 reads no zstd, and the header is read here before DuckDB reads the rest: a JSON Lines .zst file is read)
      : binary === 'a zstd-compressed file' ? 'decompress it (zstd -d) or compress it with gzip (.csv.gz): a zstd-compressed CSV is not read'
      : binary.startsWith('a ZIP') ? 'save the sheet as CSV first' : 'give a CSV, TSV, Parquet or JSON Lines file' }]);
  }
  // (UTF-16 or UTF-32, with or without a byte-order mark: NUL bytes in the header; no CSV reader takes them)
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff) || nul) {
    throw new AnonymatError('invalid-input', `${label}:1: the file is UTF-16 or UTF-32 (or holds NUL bytes), not UTF-8 text`, [{ path: `${label}:1`, message: 'save it as UTF-8 (e.g. iconv -f utf-16 -t utf-8)' }]);
  }
  // only the header line is decoded here; DuckDB checks the rest and reports the line
  const nlByte = buf.indexOf(0x0a);
  const headBytes = nlByte === -1 ? buf : buf.subarray(0, nlByte);
  let text: string;
  if (o.encoding === 'latin-1') text = headBytes.toString('latin1');
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(headBytes);
    } catch {
      throw new AnonymatError('invalid-input', `${label}:1: the header line is not valid UTF-8`, [{ path: `${label}:1`, message: 'save the file as UTF-8, or declare input.encoding: latin-1 in the policy' }]);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nl = text.search(/\r?\n/);
  const firstLineText = nl === -1 ? text : text.slice(0, nl);
  let fields: string[];
  try {
    const recs = parseCsv(firstLineText, { delimiter: o.delimiter, quote: o.quote, relax_column_count: true, to_line: 1 }) as string[][];
    fields = recs[0] ?? [];
  } catch {
    throw new AnonymatError('invalid-input', `${label}:1: cannot read the header line`, [{ path: `${label}:1`, message: `check the delimiter (${JSON.stringify(o.delimiter)}) and the quotes of the header` }]);
  }
  if (!o.header) return fields.map((_, i) => `column${i + 1}`);
  // A header's errors name its columns by their place, never by their text: a file without its header row has a record
  // for its first line ("Marie,Dupont,Dupont,1954-03-12" is two columns of the same name), and the place is all the fix needs.
  const names = fields.map((f) => f.trim());
  const issues: Issue[] = [];
  // (DuckDB compares column names without their ASCII case: "Id" and "ID" cannot both be read)
  const firstAt = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') { issues.push({ path: `${label}:1:${i + 1}`, message: `column ${i + 1} has no name; give every column a name` }); return; }
    const key = name.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const first = firstAt.get(key);
    if (first === undefined) { firstAt.set(key, i); return; }
    issues.push({ path: `${label}:1:${i + 1}`, message: `columns ${first + 1} and ${i + 1} have the same name${names[first] === name ? '' : ', but for letter case (column names are compared without it)'}; rename one: column names must be unique` });
  });
  if (issues.length) {
    // (a first line of values is the likelier cause, and its own error says so: checked on the lines read with the header)
    const places = await valueLikePlaces(names, o.declaredColumns, sampleColumns(buf, nlByte, o.delimiter, o.quote));
    if (places.length > 0 && o.valueHeader === 'refuse') throw valueHeaderError(label, places, names.length, o);
    const lookLike = places.length > 0 ? places : names.flatMap((n, i) => (looksLikeValue(n) ? [i + 1] : []));
    if (lookLike.length > 0) issues.push({ path: `${label}:1`, message: `field${lookLike.length > 1 ? 's' : ''} ${lookLike.join(', ')} of ${names.length} look${lookLike.length > 1 ? '' : 's'} like a date, an identifier or an e-mail address: has the file a header row? If not, add a header line with the column names` });
    throw new AnonymatError('invalid-input', `${label}:1: invalid header (its columns are named by their place: the line may be a record)`, issues);
  }
  const others = fields.length === 1 ? [',', ';', '\t', '|'].filter((d) => d !== o.delimiter && firstLineText.includes(d)) : [];
  if (others.length > 0) {
    throw new AnonymatError('invalid-input', `${label}:1: the header has a single column`, [{ path: `${label}:1`, message: `the delimiter is ${JSON.stringify(o.delimiter)} but the header contains ${others.map((d) => JSON.stringify(d)).join(', ')}: declare input.delimiter in the policy (or --delimiter, or --format tsv for tabs, where the command has them)` }]);
  }
  return names;
}

/**
 * The values of each column in the lines read with the header (`buf`, the file's first bytes; the header ends at byte
 * `nl`): at most 50 lines, the last one cut short left out; none when they do not parse. Only to tell a first line of
 * values from a header (valueLikePlaces).
 */
function sampleColumns(buf: Buffer, nl: number, delimiter: string, quote: string): (i: number) => string[] {
  let rows: string[][] = [];
  const end = buf.lastIndexOf(0x0a);
  if (nl !== -1 && end > nl) {
    try {
      rows = parseCsv(buf.subarray(nl + 1, end).toString('utf8'), { delimiter, quote, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to_line: 50 }) as string[][];
    } catch { rows = []; }
  }
  return (i) => rows.flatMap((r) => (r[i] !== undefined && r[i]!.trim() !== '' ? [r[i]!] : []));
}

/** The first bytes of a gzip file, decompressed (DuckDB reads the rest itself). */
async function gunzipHead(path: string, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = createReadStream(path).pipe(createGunzip());
  try {
    for await (const c of stream) { chunks.push(c as Buffer); size += (c as Buffer).length; if (size >= max) break; }
  } catch {
    throw new AnonymatError('invalid-input', `${path}: not a valid gzip file`);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, max);
}

/** Turns DuckDB's CSV error into a message with the line and the fix, without the line's content. */
function csvError(e: unknown, label: string, names: string[], header: boolean): AnonymatError {
  const msg = String((e as Error)?.message ?? e);
  const line = /CSV Error on Line: (\d+)/.exec(msg)?.[1];
  const where = line ? `${label}:${line}` : label;
  let what: string;
  let fix: string;
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (cols) {
    what = `the row has ${cols[2]} fields, the header has ${cols[1]} (ragged row)`;
    fix = 'check the delimiter, quote fields that contain it, or add the missing fields';
  } else if (/unterminated quote/i.test(msg)) {
    what = 'a quoted field is never closed (unclosed quote)';
    fix = 'close the quote, or double any quote character inside a quoted field';
  } else if (/unicode|utf-?8|byte sequence/i.test(msg)) {
    what = 'the line is not valid UTF-8';
    fix = 'save the file as UTF-8, or declare input.encoding: latin-1 in the policy (or --encoding latin-1, where the command has it)';
  } else if (/quote/i.test(msg)) {
    what = 'a quote character appears inside an unquoted field, or text follows a closing quote';
    fix = 'quote the whole field and double the quote characters inside it';
  } else {
    what = 'the file cannot be parsed as CSV';
    fix = `check the delimiter, quote and header settings (${names.length} columns expected${header ? ' from the header' : ''})`;
  }
  return new AnonymatError('invalid-input', `${where}: ${what}`, [{ path: where, message: fix }], { cause: undefined });
}

/**
 * A UTF-8 error at `file:line` gets its column, as `redact` gives it ("latin1.csv:2:4"): the line's bytes are read
 * again from a plain (not compressed) file of at most 256 MB, and the first byte that does not decode is found.
 */
async function withUtf8Column(err: AnonymatError, path: string): Promise<AnonymatError> {
  const m = /^(.*):(\d+): the line is not valid UTF-8$/.exec(err.message);
  if (!m || path === '-' || compressionOf(path) !== undefined) return err;
  try {
    if ((await stat(path)).size > 256 * 1024 * 1024) return err;
    const buf = await readFile(path);
    let start = 0;
    for (let line = 1; line < Number(m[2]); line++) { const nl = buf.indexOf(0x0a, start); if (nl < 0) return err; start = nl + 1; }
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    const bytes = buf.subarray(start, end);
    // the first byte that starts no valid sequence (lead byte, then its continuation bytes); characters before it + 1 is the column
    const cont = (k: number): boolean => k < bytes.length && (bytes[k]! & 0xc0) === 0x80;
    let at = 0, column = 1;
    while (at < bytes.length) {
      const b = bytes[at]!;
      const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      let ok = n > 0;
      for (let k = 1; ok && k < n; k++) ok = cont(at + k);
      if (!ok) break;
      at += n; column++;
    }
    if (at >= bytes.length) return err;
    const where = `${m[1]}:${m[2]}:${column}`;
    return new AnonymatError('invalid-input', `${where}: byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')} is not valid UTF-8`, err.issues.map((i) => ({ ...i, path: where })));
  } catch { return err; }
}

/**
 * DuckDB's message for a JSON or Parquet file that cannot be read, without the file's content: its first line only, and
 * nothing DuckDB quotes but the file's own name — a duplicate key's error quotes the whole object ("Object {"nom":
 * "Dupont", …} has duplicate key"), a conversion error the value — with the file's own line numbers (withFileLines).
 */
async function readerMessage(e: unknown, path: string, label: string): Promise<string> {
  const FILE = '\u0000file\u0000';
  let s = String((e as Error)?.message ?? e).split('\n')[0]!;
  s = s.split(`"${path}"`).join(FILE).split(`'${path}'`).join(FILE);
  // (the object, cut short by DuckDB with "…" and its quotes left open, up to the last " has ": its content may hold " has ")
  s = s.replace(/\bObject .*(?= has )/, 'an object').replace(/[{[].*$/, '…');
  s = s.replace(/"[^"]*"?/g, '"…"').replace(/'[^']*'?/g, "'…'");
  // (the numbers rewritten while the file's name is a placeholder — a name may hold "in line 9" — and before the cut)
  s = await withFileLines(s, FILE, path);
  return s.split(FILE).join(JSON.stringify(label)).slice(0, 300);
}

/**
 * DuckDB's message with the file's own line numbers. DuckDB counts a newline-delimited file's records, not its lines — a
 * blank line is no record — and one too many after a syntax error: "Malformed JSON in file …, at byte 6 in line 4: …" is
 * the third record, "JSON transform error in file …, in line 2: …" the second. The record's line is found by reading the
 * file again (an error's path only). A file of JSON values not one per line (an array's elements, objects written over
 * several lines) is told by "record/value N", one too many after a syntax error too: "value N − 1". Only the number
 * right after the file's name (`file`, its placeholder in the message) is read.
 */
async function withFileLines(message: string, file: string, path: string): Promise<string> {
  const m = new RegExp(`${file}, (at byte \\d+ )?in (line|record/value) (\\d+):`).exec(message);
  if (m === null) return message;
  const n = Number(m[3]) - (m[1] ? 1 : 0);
  let where = `in value ${n}`;
  if (m[2] === 'line') {
    const line = n >= 1 ? await lineOfRecord(path, n).catch(() => undefined) : undefined;
    where = line === undefined ? `in record ${n} (blank lines not counted)` : `in line ${line}`;
  }
  return `${message.slice(0, m.index)}${file}, ${m[1] ?? ''}${where}:${message.slice(m.index + m[0].length)}`;
}
/**
 * The 1-based line of the file where its n-th line holding more than whitespace (DuckDB's: space, tab, CR, vertical tab,
 * form feed) is, or undefined. The bytes DuckDB read: a gzip file (compressionOf) decompressed, a zstd one not counted at
 * all (Node reads no zstd).
 */
async function lineOfRecord(path: string, n: number): Promise<number | undefined> {
  if (compressionOf(path) === 'zstd') return undefined;
  let line = 1, records = 0, filled = false;
  const source = createReadStream(path);
  let bytes: AsyncIterable<Buffer> = source;
  if (compressionOf(path) === 'gzip') {
    const gunzip = createGunzip();
    // (the file's own errors end the loop too: a pipe does not pass them on)
    source.on('error', (err) => gunzip.destroy(err));
    bytes = source.pipe(gunzip);
  }
  try {
    for await (const chunk of bytes) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === 10) { if (filled && ++records === n) return line; line++; filled = false; }
        else if (b !== 32 && b !== 9 && b !== 13 && b !== 11 && b !== 12) filled = true;
      }
    }
  } finally { source.destroy(); }
  return filled && records + 1 === n ? line : undefined;
}

export { basename };

/**
 * Whether a column name looks like a value (a file without a header row, or a key file given as the input, has a record
 * or a secret for its header): 5 digits in a row, a date, an e-mail address, a long code of letters and digits, or
 * digits written in groups, 8 or more making at least half the name — a NIR or a phone number with its spaces
 * ("2 55 08 14 168 025 38", "+33 (0)8 82 88 30 05"), where no 5 digits are in a row.
 */
export function looksLikeValue(n: string): boolean {
  if (/\d{5}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|@/.test(n) || n.length > 64) return true;
  if (n.length >= 16 && /^[A-Za-z0-9+/=:-]+$/.test(n) && /\d/.test(n) && /[A-Za-z]/.test(n)) return true;
  const digits = n.replace(/\D/g, '').length;
  return digits >= 8 && 2 * digits >= n.replace(/\s/g, '').length;
}

/**
 * When none of the columns a policy or the options name is in the input, its first line is most likely a record (a file
 * without a header row): its fields are counted, by place, never listed.
 */
export function noHeaderText(count: number): string {
  return `none of the named columns was found — has the file a header row? (its first line has ${count} field(s), columns 1 to ${count} by place; they are not shown: they may be a record)`;
}

/**
 * "columns are: "a", "b"" for an error message, unless a name looks like a value (looksLikeValue). Errors never show a
 * record's values (DESIGN.md), so such a header is not printed.
 */
export function columnList(names: readonly string[]): string {
  if (names.some(looksLikeValue)) return `the first line holds values, not column names — has the file a header row? (its ${names.length} field(s) are not shown: they may be a record)`;
  return `columns are: ${names.map((x) => JSON.stringify(x)).join(', ')}`;
}

/**
 * The kind of value a text has, to compare a header's name with its column's values: a date, an e-mail address, digits (5
 * in a row, or 8 and more making half of it), a long code of letters and digits, a long text; null for none of these.
 */
function valueKind(v: string): string | null {
  const t = v.trim();
  if (/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.test(t)) return 'date';
  if (t.includes('@')) return 'email';
  const digits = t.replace(/\D/g, '').length;
  if (/\d{5}/.test(t) || (digits >= 8 && 2 * digits >= t.replace(/\s/g, '').length)) return 'digits';
  if (t.length >= 16 && /^[A-Za-z0-9+/=:-]+$/.test(t) && /\d/.test(t) && /[A-Za-z]/.test(t)) return 'code';
  if (t.length > 64) return 'long';
  return null;
}
/**
 * Stops when a header's names look like values of their own columns and no policy declares them: the file has no header
 * row, most likely — a birth date over a column of dates, a NIR over NIRs. A real header may look like a value over other
 * values ("2024-01-01" over counts in a wide table, "loinc_14749-6" over measures, a questionnaire's long question over its
 * answers): it is read. The fields are named by their place only — they may be a patient's NIR, name or birth date.
 */
async function refuseValueHeader(con: DuckDBConnection, names: readonly string[], label: string, o: Pick<ReadOptions, 'declaredColumns' | 'noHeaderHint'>): Promise<void> {
  const places = await valueLikePlaces(names, o.declaredColumns, async (i) =>
    ((await con.runAndReadAll(`SELECT ${ident(names[i]!)} FROM raw WHERE ${ident(names[i]!)} IS NOT NULL LIMIT 50`)).getRows() as [string][]).map(([v]) => String(v)));
  if (places.length > 0) throw valueHeaderError(label, places, names.length, o);
}

/** The places (from 1) of the names that look like values of their own column (`valuesOf(i)`: some of its values) and no policy declares. */
async function valueLikePlaces(names: readonly string[], declaredColumns: readonly string[] | undefined, valuesOf: (i: number) => string[] | Promise<string[]>): Promise<number[]> {
  const declared = new Set(declaredColumns ?? []);
  const places: number[] = [];
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    if (!looksLikeValue(n) || declared.has(n)) continue;
    const kind = valueKind(n);
    const values = await valuesOf(i);
    // (a file of one line: the line alone says it)
    if (values.length === 0 || (kind !== null && values.filter((v) => valueKind(v) === kind).length >= values.length / 2)) places.push(i + 1);
  }
  return places;
}

function valueHeaderError(label: string, places: readonly number[], count: number, o: Pick<ReadOptions, 'declaredColumns' | 'noHeaderHint'>): AnonymatError {
  const where = `${label}:1`;
  return new AnonymatError('invalid-input', `${where}: the first line holds values, not column names — the file seems to have no header row (field${places.length > 1 ? 's' : ''} ${places.join(', ')} of ${count} look${places.length > 1 ? '' : 's'} like a date, an identifier or an e-mail address; the line is not shown: it may be a record)`, [
    { path: where, message: `add a header line with the column names${o.noHeaderHint ? `, or ${o.noHeaderHint}` : ''}` },
    { path: where, message: `a column really named like a value (a date, 5 digits or more): rename it in the file${o.declaredColumns ? ', or declare it under that name in the policy' : ''}` },
  ]);
}
export async function readText(path: string): Promise<string> { return readFile(path, 'utf8'); }
