/**
 * Small CSV access shared by the Synthea and OMOP readers: parses a whole file (these exports are
 * megabytes, not gigabytes) into header + rows of strings, and gives column lookups by name.
 * Parse errors say file:line and what is wrong, never the offending text.
 */
import type { IngestState } from '../state.ts';
import { calendarDay } from '../../util/calendar.ts';

export interface CsvFile {
  file: string;
  header: string[];
  rows: string[][];
  /** physical line (1-based) where data row r starts */
  lines: Int32Array;
  /** index of a column by (case-insensitive) name, -1 when absent */
  col(name: string): number;
}

export type CsvParse =
  | { rows: string[][]; lines: Int32Array }
  | { error: { line: number; reason: string } };

/**
 * RFC 4180 CSV tokenizer: quoted fields ("" for a quote, delimiters and newlines inside quotes),
 * LF or CRLF line ends, a UTF-8 BOM, empty lines skipped. Lines without a quote take a split()
 * fast path (about 5× csv-parse on Synthea files). Tested against csv-parse in csv.test.ts.
 */
/** Whether the quoted field opening at i closes, on its line, with a quote followed by the delimiter, a line's end or the text's. */
function quotedFieldEnds(text: string, i: number, d: number): boolean {
  let nl = text.indexOf('\n', i);
  if (nl < 0) nl = text.length;
  for (let j = i + 1; ;) {
    const q = text.indexOf('"', j);
    if (q < 0 || q > nl) return false;
    if (text.charCodeAt(q + 1) === 34) { j = q + 2; continue; }
    const c = text.charCodeAt(q + 1);
    return q + 1 >= text.length || c === d || c === 10 || (c === 13 && text.charCodeAt(q + 2) === 10);
  }
}

export function tokenizeCsv(text: string, delimiter = ','): CsvParse {
  const rows: string[][] = [];
  let lines = new Int32Array(1024);
  const n = text.length;
  const D = delimiter.charCodeAt(0);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const push = (fields: string[], at: number) => {
    if (rows.length === lines.length) { const next = new Int32Array(lines.length * 2); next.set(lines); lines = next; }
    lines[rows.length] = at;
    rows.push(fields);
  };
  let q = -2; // position of the next quote at or after i (-1: none left); cached, else the scan is quadratic
  while (i < n) {
    let nl = text.indexOf('\n', i);
    if (nl < 0) nl = n;
    if (q !== -1 && q < i) q = text.indexOf('"', i);
    if (q < 0 || q > nl) {
      let end = nl;
      if (end > i && text.charCodeAt(end - 1) === 13) end--;
      if (end > i) push(text.slice(i, end).split(delimiter), line);
      i = nl + 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      // (in tab-separated text a field that opens with a quote is quoted only if its closing quote ends it: `"Big" toe` is
      // the field's text as written)
      if (text.charCodeAt(i) === 34 && (D !== 9 || quotedFieldEnds(text, i, D))) {
        i++;
        let buf = '';
        for (;;) {
          const j = text.indexOf('"', i);
          if (j < 0) return { error: { line: start, reason: 'a quoted field is never closed' } };
          for (let k = i; k < j; k++) if (text.charCodeAt(k) === 10) line++;
          buf += text.slice(i, j);
          if (text.charCodeAt(j + 1) === 34) { buf += '"'; i = j + 2; continue; }
          i = j + 1;
          break;
        }
        fields.push(buf);
        if (i >= n) break;
        const c = text.charCodeAt(i);
        if (c === D) { i++; if (i >= n) { fields.push(''); break; } continue; }
        if (c === 10) { i++; line++; break; }
        if (c === 13 && text.charCodeAt(i + 1) === 10) { i += 2; line++; break; }
        return { error: { line, reason: 'characters after a closing quote' } };
      }
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === D || c === 10) break;
        // (in tab-separated text — PostgreSQL's COPY, OMOP's TSV exports — a quote inside a field is a character: `5' 3"`)
        if (c === 34 && D !== 9) return { error: { line, reason: 'a quote inside an unquoted field' } };
        j++;
      }
      let end = j;
      if ((j >= n || text.charCodeAt(j) === 10) && end > i && text.charCodeAt(end - 1) === 13) end--;
      fields.push(text.slice(i, end));
      if (j >= n) { i = n; break; }
      if (text.charCodeAt(j) === D) { i = j + 1; if (i >= n) { fields.push(''); break; } continue; }
      i = j + 1;
      line++;
      break;
    }
    push(fields, start);
  }
  return { rows, lines: lines.subarray(0, rows.length) };
}

export function parseCsv(text: string, file: string, st: IngestState): CsvFile | null {
  const nl = text.indexOf('\n');
  const firstLine = nl < 0 ? text : text.slice(0, nl);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : firstLine.includes('|') && !firstLine.includes(',') ? '|' : ',';
  const res = tokenizeCsv(text, delimiter);
  if ('error' in res) {
    st.issue(`${file}:${res.error.line}`, `CSV syntax error: ${res.error.reason}; check the quoting on this line`);
    return null;
  }
  const header = (res.rows[0] ?? []).map((h) => h.trim());
  const rows = res.rows.slice(1);
  const lines = res.lines.subarray(1);
  let bad = 0;
  for (let r = 0; r < rows.length; r++) {
    if (rows[r]!.length !== header.length) {
      if (bad++ < 20) st.issue(`${file}:${lines[r]}`, `${rows[r]!.length} fields where the header has ${header.length}`);
    }
  }
  if (bad) return null;
  const lower = header.map((h) => h.toLowerCase());
  return {
    file, header, rows, lines,
    col: (name: string) => lower.indexOf(name.toLowerCase()),
  };
}

/** Reads the cell of row r (0-based data row) at column index c; '' and out-of-range → null. */
export function cell(row: string[], c: number): string | null {
  if (c < 0) return null;
  const v = row[c];
  return v === undefined || v === '' ? null : v;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
/** ISO 8601's basic format of a day, as some OMOP exports write it: 20200101. */
const BASIC_DAY = /^\d{8}$/;

/** Date part of a CSV date/timestamp (ISO 8601, extended or basic: 2020-01-01, 20200101); records an issue (file:line, column) when malformed. */
export function csvDate(f: CsvFile, row: string[], r: number, c: number, st: IngestState): string | null {
  let v = cell(row, c);
  if (v === null) return null;
  if (BASIC_DAY.test(v)) v = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}`;
  if (!DATE_RE.test(v) || !calendarDay(v)) {
    st.issue(`${f.file}:${f.lines[r]} column ${f.header[c]}`, DATE_RE.test(v) ? 'not a day of the calendar (a month 01-12, a day its month has)'
      : 'not a date (expected YYYY-MM-DD, YYYYMMDD or an ISO 8601 timestamp)');
    return null;
  }
  return v.slice(0, 10);
}

/** Number of a CSV cell, or null when empty / not a number. */
export function csvNumber(row: string[], c: number): number | null {
  const v = cell(row, c);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) && v.trim() !== '' ? n : null;
}

/** Records an issue for each required column absent from the header; returns false when any is missing. */
export function requireColumns(f: CsvFile, names: (string | string[])[], st: IngestState): boolean {
  let ok = true;
  for (const n of names) {
    const alts = Array.isArray(n) ? n : [n];
    if (alts.every((a) => f.col(a) < 0)) {
      st.issue(`${f.file}:1`, `missing column ${alts.join(' or ')}`);
      ok = false;
    }
  }
  return ok;
}

/** First present column among alternatives. */
export function colOf(f: CsvFile, ...names: string[]): number {
  for (const n of names) { const c = f.col(n); if (c >= 0) return c; }
  return -1;
}
