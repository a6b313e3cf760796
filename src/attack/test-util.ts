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

import { seededRng } from '../util/rng.ts';

/** A seeded synthetic population: id, name, birth date, sex, postal code, diagnosis, age. */
export function syntheticPeople(n: number, seed: number): { id: string[]; name: string[]; birth: string[]; sex: string[]; zip: string[]; diagnosis: string[]; age: number[] } {
  const rng = seededRng(seed);
  const out = { id: [] as string[], name: [] as string[], birth: [] as string[], sex: [] as string[], zip: [] as string[], diagnosis: [] as string[], age: [] as number[] };
  const diag = ['E11', 'I10', 'J45', 'F32', 'C50', 'M54', 'K21', 'N18'];
  for (let i = 0; i < n; i++) {
    const y = 1930 + rng.int(80), m = 1 + rng.int(12), d = 1 + rng.int(28);
    out.id!.push(`P${i}`);
    out.name!.push(`N${(i * 7919) % 100003}`);
    out.birth!.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    out.sex!.push(rng.int(2) ? 'F' : 'M');
    out.zip!.push(String(75001 + rng.int(20)));
    out.diagnosis!.push(diag[rng.int(diag.length)]!);
    out.age!.push(2026 - y);
  }
  return out;
}

/**
 * Seeded random records from one fixed distribution (independent columns), with awkward column
 * names: `age (years)` integer, `zip [code]` text, `sex` text, `birth date` date, `income` text.
 */
export function randomRecords(n: number, seed: number): Table {
  const rng = seededRng(seed);
  const age: number[] = [], zip: string[] = [], sex: string[] = [], birth: string[] = [], income: string[] = [];
  const incomes = ['<10k', '10-20k', '20-40k', '40-80k', '>80k'];
  for (let i = 0; i < n; i++) {
    age.push(18 + rng.int(70));
    zip.push(String(75001 + rng.int(20)));
    sex.push(rng.int(2) ? 'F' : 'M');
    const d = Date.UTC(1940, 0, 1) + rng.int(60 * 365) * 86_400_000;
    birth.push(new Date(d).toISOString().slice(0, 10));
    income.push(incomes[rng.int(5)]!);
  }
  return makeTable([
    columnFromValues('age (years)', age, 'integer'), columnFromValues('zip [code]', zip, 'string'),
    columnFromValues('sex', sex, 'string'), columnFromValues('birth date', birth, 'date'), columnFromValues('income', income, 'string'),
  ]);
}
