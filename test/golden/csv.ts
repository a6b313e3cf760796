/**
 * A tiny CSV reader for the reference-data tests of the risk layer (test/golden/risk-*.test.ts,
 * src/risk/*.test.ts). It exists so those tests do not depend on src/io (written in parallel);
 * it handles quoted fields, CRLF and a header row — enough for the files in ../shared/data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tableFromRecords, type ColumnKind, type Table } from '../../src/table/table.ts';

/** Absolute path of a file under ../shared/data (resolved from the repository root). */
export function sharedData(relative: string): string {
  return fileURLToPath(new URL(`../../../shared/data/${relative}`, import.meta.url));
}

export function present(path: string): boolean {
  return existsSync(path);
}

export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"') { quoted = true; continue; }
    if (ch === delimiter) { row.push(field); field = ''; continue; }
    if (ch === '\r') continue;
    if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; continue; }
    field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** Reads a CSV with a header into a Table (columns listed in `kinds` get that kind; others are strings). */
export function readCsvTable(path: string, delimiter = ',', kinds: Record<string, ColumnKind> = {}): Table {
  const rows = parseCsv(readFileSync(path, 'utf8'), delimiter);
  const header = rows[0]!;
  const data: Record<string, (string | number | null)[]> = {};
  header.forEach((h) => { data[h] = []; });
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length === 1 && row[0] === '') continue;
    header.forEach((h, j) => {
      const v = row[j] ?? '';
      const kind = kinds[h];
      data[h]!.push(v === '' ? null : kind === 'integer' || kind === 'decimal' ? Number(v) : v);
    });
  }
  const allKinds: Record<string, ColumnKind> = {};
  for (const h of header) allKinds[h] = kinds[h] ?? 'string';
  return tableFromRecords(data, allKinds);
}
