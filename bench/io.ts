/**
 * Reading and writing wide tables (the review of exports, session 43): a seeded CSV of 2,000 rows × 400 columns read into a
 * dictionary-encoded Table (readTable) and written to Parquet through DuckDB (writeTable), side by side with DuckDB reading
 * the same CSV and copying it to Parquet by itself, in the same run; ratios reported. One query joining every column's
 * dictionary took minutes at 400 columns; goal: within 10× DuckDB's own time for each step.
 * Run: npm run bench -- io, or node --import tsx bench/io.ts [--rows N] [--cols N]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readTable } from '../src/io/read.ts';
import { writeTable } from '../src/io/write.ts';
import { literal, openDuckDB } from '../src/io/duckdb.ts';

/** A seeded CSV: an id column and `cols` columns of measures with one decimal, a few missing. */
function wideCsv(rows: number, cols: number): string {
  let s = 0x2545f491;
  const next = (): number => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 2 ** 32; };
  const lines = [['id', ...Array.from({ length: cols }, (_, j) => `lab_${j}`)].join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = [String(100000 + i)];
    for (let j = 0; j < cols; j++) cells.push(next() < 0.02 ? '' : (next() * 100).toFixed(1));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

async function best(n: number, f: () => Promise<void>): Promise<number> {
  let b = Infinity;
  for (let i = 0; i < n; i++) { const t = performance.now(); await f(); b = Math.min(b, performance.now() - t); }
  return b;
}

export async function run(rows = 2000, cols = 400): Promise<void> {
  console.log(`\n## wide table: ${rows.toLocaleString('en-US')} rows × ${cols + 1} columns (seeded CSV)`);
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-bench-io-'));
  try {
    const csv = join(dir, 'wide.csv');
    await writeFile(csv, wideCsv(rows, cols));
    let table = await readTable(csv);
    const readMs = await best(3, async () => { table = await readTable(csv); });
    const con = await openDuckDB();
    let duckReadMs: number, duckWriteMs: number;
    try {
      duckReadMs = await best(3, async () => { await con.runAndReadAll(`SELECT * FROM read_csv(${literal(csv)}, header=true)`); });
      duckWriteMs = await best(3, async () => { await con.run(`COPY (SELECT * FROM read_csv(${literal(csv)}, header=true)) TO ${literal(join(dir, 'duck.parquet'))} (FORMAT parquet)`); });
    } finally {
      con.closeSync();
    }
    const writeMs = await best(3, async () => { await writeTable(table, join(dir, 'out.parquet')); });
    console.table([
      { task: 'readTable (typed, dictionary-encoded)', ms: readMs.toFixed(0), baseline: 'DuckDB read_csv, rows fetched', 'baseline ms': duckReadMs.toFixed(0), ratio: (readMs / duckReadMs).toFixed(1) },
      { task: 'writeTable → Parquet', ms: writeMs.toFixed(0), baseline: 'DuckDB read_csv → COPY Parquet', 'baseline ms': duckWriteMs.toFixed(0), ratio: (writeMs / duckWriteMs).toFixed(1) },
    ]);
    const ok = readMs / duckReadMs <= 10 && writeMs / duckWriteMs <= 10;
    console.log(`goal: each within 10× DuckDB's own time: ${ok ? 'met' : 'NOT met'}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { rows: { type: 'string' }, cols: { type: 'string' } }, allowPositionals: true, strict: false });
if (process.argv[1] === fileURLToPath(import.meta.url)) await run(values.rows ? Number(values.rows) : undefined, values.cols ? Number(values.cols) : undefined);
