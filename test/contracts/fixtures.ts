/** Small seeded tables and hierarchies for the contract suite and property tests. */
import type { Hierarchy } from '../../src/hierarchy/hierarchy.ts';
import { tableFromRecords } from '../../src/table/table.ts';
import type { Table } from '../../src/table/table.ts';
import { seededRng } from '../../src/util/rng.ts';

/** Age 0..99 → 5-year → 10-year → 20-year → *. */
export function ageHierarchy(): Hierarchy {
  const v = Array.from({ length: 100 }, (_, i) => i);
  const band = (w: number) => v.map((a) => `${Math.floor(a / w) * w}-${Math.floor(a / w) * w + w - 1}`);
  return { column: 'age', levels: [v.map(String), band(5), band(10), band(20), v.map(() => '*')] };
}

/** 5-digit zip codes 75000..75019 masked digit by digit. */
export function zipHierarchy(): Hierarchy {
  const v = Array.from({ length: 20 }, (_, i) => String(75000 + i));
  return { column: 'zip', levels: [0, 1, 2, 3].map((k) => v.map((z) => k === 0 ? z : z.slice(0, 5 - k) + '*'.repeat(k))).concat([v.map(() => '*****')]) };
}

export function sexHierarchy(): Hierarchy {
  return { column: 'sex', levels: [['F', 'M'], ['*', '*']] };
}

export const DISEASES = ['flu', 'asthma', 'diabetes', 'cancer', 'hiv', 'bronchitis'];

/** A seeded table: age, zip, sex, disease (skewed so that some classes are small). */
export function smallTable(seed: number, n: number): { table: Table; rows: string[][]; disease: string[] } {
  const rng = seededRng(seed);
  const age: number[] = [], zip: string[] = [], sex: string[] = [], disease: string[] = [];
  for (let i = 0; i < n; i++) {
    age.push(Math.min(99, Math.max(0, Math.round(45 + 18 * rng.normal()))));
    zip.push(String(75000 + Math.min(19, Math.floor(rng.next() * rng.next() * 20))));
    sex.push(rng.next() < 0.5 ? 'F' : 'M');
    disease.push(DISEASES[Math.floor(rng.next() * rng.next() * DISEASES.length)]!);
  }
  const table = tableFromRecords({ age: age.map(String), zip, sex, disease }, { age: 'string' });
  const rows = age.map((a, i) => [String(a), zip[i]!, sex[i]!]);
  return { table, rows, disease };
}

/** Values 0..7 → pairs → quads → * (every label at a level covers the same number of rows). */
export function octalHierarchy(column: string): Hierarchy {
  const v = Array.from({ length: 8 }, (_, i) => i);
  const band = (w: number) => v.map((x) => `${Math.floor(x / w) * w}-${Math.floor(x / w) * w + w - 1}`);
  return { column, levels: [v.map(String), band(2), band(4), v.map(() => '*')] };
}

/**
 * Three columns a, b, c of values 0..7 with identical uniform hierarchies: ARX Loss without
 * suppression depends only on the levels, so permuted level vectors tie exactly (tests the tie-break).
 */
export function symmetricTable(seed: number, n: number): { table: Table; rows: string[][] } {
  const rng = seededRng(seed);
  const cols: string[][] = [[], [], []];
  for (let i = 0; i < n; i++) {
    const base = rng.int(8);
    for (let j = 0; j < 3; j++) cols[j]!.push(String(rng.next() < 0.6 ? base : rng.int(8)));
  }
  const table = tableFromRecords({ a: cols[0]!, b: cols[1]!, c: cols[2]! }, { a: 'string', b: 'string', c: 'string' });
  return { table, rows: cols[0]!.map((_, i) => [cols[0]![i]!, cols[1]![i]!, cols[2]![i]!]) };
}
