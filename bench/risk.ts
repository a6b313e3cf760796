/**
 * Risk-profile benchmarks (issue 2):
 *  1. classes, k, prosecutor risks and sample uniques of a seeded synthetic table of N rows × 8
 *     quasi-identifiers (default 10,000,000), side by side with DuckDB's GROUP BY over the same 8
 *     columns in the same run; ratio (goal ≤ 1.5) and extra peak memory over the code arrays
 *     (goal ≤ 2× their bytes), measured in a child process from its peak RSS (getrusage maxrss);
 *  2. whole-process `anonymat assess` on ../shared/data/arx/adult.csv (goal ≤ 0.5 s).
 * Run: npm run bench (all) or node --import tsx bench/risk.ts [--rows N]
 */
import { fork, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const CARDS = [100, 2, 1000, 12, 8, 22, 5, 10]; // age, sex, zip, birth month, pcs, icd chapter, marital, nationality

export async function run(rows = 10_000_000): Promise<void> {
  console.log(`\n## risk profile: ${rows.toLocaleString('en-US')} rows × ${CARDS.length} quasi-identifiers (seeded)`);
  const res = await new Promise<Record<string, number>>((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', String(rows)], { execArgv: ['--import', 'tsx', '--max-old-space-size=8192'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (m) => resolve(m as Record<string, number>));
    child.on('error', reject);
    child.on('exit', (code) => { if (code) reject(new Error(`bench child exited ${code}`)); });
  });
  const codeBytes = rows * CARDS.length * 4;
  console.table([
    { task: 'anonymat risk profile (groupify + prosecutor + uniques)', ms: res.jsMs!.toFixed(0), classes: res.classes, k: res.k },
    { task: 'DuckDB SELECT COUNT(*) GROUP BY 8 columns (summarised)', ms: res.duckMs!.toFixed(0), classes: res.duckClasses, k: res.duckK },
  ]);
  console.log(`ratio anonymat / DuckDB: ${(res.jsMs! / res.duckMs!).toFixed(2)} (goal ≤ 1.5)`);
  console.log(`code arrays: ${(codeBytes / 2 ** 20).toFixed(0)} MiB · extra peak RSS during the profile: ${(res.extraPeak! / 2 ** 20).toFixed(0)} MiB = ${(res.extraPeak! / codeBytes).toFixed(2)}× (goal ≤ 2×)`);

  const adult = fileURLToPath(new URL('../../shared/data/arx/adult.csv', import.meta.url));
  if (!existsSync(adult)) { console.log('adult.csv absent (../shared/data/arx): whole-process assess skipped'); return; }
  console.log('\n## whole process: anonymat assess adult.csv (30,162 rows, 9 QIs)');
  const bin = fileURLToPath(new URL('../bin/anonymat.js', import.meta.url));
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, 'assess', adult, '--delimiter', ';', '--qi', 'sex,age,race,marital-status,education,native-country,workclass,occupation,salary-class', '-k', '5', '--json'], { encoding: 'utf8' });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 3) { console.log(`assess failed (exit ${r.status}): ${r.stderr.slice(0, 300)}`); return; }
  }
  times.sort((a, b) => a - b);
  console.log(`median of 5 runs: ${(times[2]! / 1000).toFixed(3)} s (min ${(times[0]! / 1000).toFixed(3)} s; goal ≤ 0.5 s)`);
}

async function child(rows: number): Promise<void> {
  const { openDuckDB, readIntColumns } = await import('../src/io/duckdb.ts');
  const { groupify } = await import('../src/check/groupify.ts');
  const { prosecutorRisk } = await import('../src/risk/attacker.ts');
  const con = await openDuckDB();
  // skewed, seeded codes: (hash(i, j) mod card) with a squared draw for realistic skew
  const cols = CARDS.map((c, j) => `(floor(((hash(i * 8 + ${j}) % 1000000) / 1000000.0) ^ 2 * ${c}))::INTEGER AS q${j}`);
  await con.run(`CREATE TABLE t AS SELECT ${cols.join(', ')} FROM range(${rows}) r(i)`);
  const codes = await readIntColumns(con, `SELECT ${CARDS.map((_, j) => `q${j}`).join(', ')} FROM t`, CARDS.length, rows);
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.resourceUsage().maxRSS * 1024;
  const rssBefore = process.memoryUsage().rss;
  let t = performance.now();
  const g = groupify(codes, CARDS);
  const pr = prosecutorRisk(g.sizes);
  let uniques = 0;
  for (let i = 0; i < g.count; i++) if (g.sizes[i] === 1) uniques++;
  const jsMs = performance.now() - t;
  const peak = process.resourceUsage().maxRSS * 1024;
  const extraPeak = Math.max(0, peak - Math.max(base, rssBefore));
  t = performance.now();
  const r = await con.runAndReadAll(`SELECT count(*)::BIGINT, min(c)::BIGINT FROM (SELECT COUNT(*) AS c FROM t GROUP BY ${CARDS.map((_, j) => `q${j}`).join(', ')})`);
  const duckMs = performance.now() - t;
  const [duckClasses, duckK] = r.getRows()[0]!.map(Number) as [number, number];
  if (duckClasses !== g.count) throw new Error(`class counts differ: ${g.count} vs DuckDB ${duckClasses}`);
  process.send!({ jsMs, duckMs, classes: g.count, k: Math.round(1 / pr.highest), duckClasses, duckK, extraPeak, uniques });
  con.closeSync();
}

const { values, positionals } = parseArgs({ options: { child: { type: 'boolean' }, rows: { type: 'string' } }, allowPositionals: true });
if (values.child) await child(Number(positionals[0]));
else if (process.argv[1] === fileURLToPath(import.meta.url)) await run(values.rows ? Number(values.rows) : undefined);
