/** Test helpers: reads a small CSV from ../shared/data into a Table (numbers as integers/decimals). */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { columnFromValues, makeTable, type Table } from '../table/table.ts';

export const anonymeterDir = new URL('../../../shared/data/anonymeter/', import.meta.url);

export function readCsvTable(url: URL, limit = Infinity): Table | null {
  if (!existsSync(url)) return null;
  const rows = parse(readFileSync(url, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const take = rows.slice(0, limit);
  const names = Object.keys(take[0] ?? {});
  return makeTable(names.map((n) => {
    const vals = take.map((r) => r[n]!);
    const numeric = vals.every((v) => v === '' || /^-?\d+(\.\d+)?$/.test(v));
    return columnFromValues(n, numeric ? vals.map((v) => (v === '' ? null : Number(v))) : vals);
  }));
}
