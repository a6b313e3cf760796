/**
 * Small CSV access shared by the Synthea and OMOP readers: parses a whole file (these exports are
 * megabytes, not gigabytes) into header + rows of strings, and gives column lookups by name.
 * Parse errors say file:line and the csv-parse error code, never the offending text.
 */
import { parse } from 'csv-parse/sync';
import type { IngestState } from '../state.ts';

export interface CsvFile {
  file: string;
  header: string[];
  rows: string[][];
  /** index of a column by (case-insensitive) name, -1 when absent */
  col(name: string): number;
}

export function parseCsv(text: string, file: string, st: IngestState): CsvFile | null {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : firstLine.includes('|') && !firstLine.includes(',') ? '|' : ',';
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, relax_quotes: false }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    st.issue(`${file}:${err.lines ?? '?'}`, `CSV parse error (${err.code ?? 'unknown'}): check quoting and the number of fields on this line`);
    return null;
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  return {
    file, header, rows: records.slice(1),
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

/** Date part of a CSV date/timestamp; records an issue (file:line, column) when malformed. */
export function csvDate(f: CsvFile, row: string[], r: number, c: number, st: IngestState): string | null {
  const v = cell(row, c);
  if (v === null) return null;
  if (!DATE_RE.test(v)) {
    st.issue(`${f.file}:${r + 2} column ${f.header[c]}`, 'not a date (expected YYYY-MM-DD or an ISO 8601 timestamp)');
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
