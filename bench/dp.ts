/**
 * DP benchmarks (issue 6), each beside a baseline measured in the same run:
 *  1. samples/s of each exact sampler (node:crypto, BigInt-exact CKS20) vs a floating-point
 *     inverse-CDF / Box–Muller sampler on Math.random (the UNSAFE textbook baseline, bench only);
 *     goal ≥ 1,000,000/s for discrete Laplace at scale 10;
 *  2. latency of a grouped DP count (distinct patients by age band × sex, public keys, ε = 1/2) over
 *     1,000,000 synthetic patient rows after loading (goal p99 < 50 ms), beside DuckDB's exact
 *     COUNT(DISTINCT) GROUP BY over the same rows.
 * Run: npm run bench -- dp, or node --import tsx bench/dp.ts [--rows N]
 */
import { fileURLToPath } from 'node:url';
import { loadavg, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { rat } from '../src/dp/rational.ts';
import { cryptoSource } from '../src/dp/random.ts';
import { sampleBernoulliExp, sampleDiscreteLaplace, sampleDiscreteGaussian } from '../src/dp/samplers.ts';
import { planQuery } from '../src/dp/queries.ts';
import { preparePatientRows } from '../src/dp/prepare.ts';
import { columnFromCodes, makeTable, type Table } from '../src/table/table.ts';
import { seededRng } from '../src/util/rng.ts';

function rate(f: () => unknown, ms = 400): number {
  for (let i = 0; i < 20_000; i++) f(); // warm-up
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) { for (let i = 0; i < 10_000; i++) f(); n += 10_000; t = performance.now(); }
  return (n / (t - t0)) * 1000;
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

function samplers(): void {
  const src = cryptoSource();
  let sink = 0;
  const floatLaplace = (b: number) => () => { const u = Math.random() - 0.5; sink += -b * Math.sign(u) * Math.log(1 - 2 * Math.abs(u)); };
  const floatGauss = (s: number) => () => { sink += s * Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random()); };
  const rows: { sampler: string; 'exact samples/s': string; 'float baseline samples/s': string; 'ratio exact/float': string }[] = [];
  const add = (name: string, exact: () => unknown, base: () => unknown) => {
    const e = rate(exact), b = rate(base);
    rows.push({ sampler: name, 'exact samples/s': fmt(e), 'float baseline samples/s': fmt(b), 'ratio exact/float': (e / b).toFixed(3) });
    return e;
  };
  add('Bernoulli(exp(−1/3))', () => sampleBernoulliExp(rat(1n, 3n), src), () => { sink += Math.random() < Math.exp(-1 / 3) ? 1 : 0; });
  add('discrete Laplace, scale 1', () => sampleDiscreteLaplace(rat(1n), src), floatLaplace(1));
  const lap10 = add('discrete Laplace, scale 10', () => sampleDiscreteLaplace(rat(10n), src), floatLaplace(10));
  add('discrete Laplace, scale 1000/7', () => sampleDiscreteLaplace(rat(1000n, 7n), src), floatLaplace(1000 / 7));
  add('discrete Gaussian, σ² = 1', () => sampleDiscreteGaussian(rat(1n), src), floatGauss(1));
  add('discrete Gaussian, σ² = 100', () => sampleDiscreteGaussian(rat(100n), src), floatGauss(10));
  add('discrete Gaussian, σ² = 10⁶ (BigInt path)', () => sampleDiscreteGaussian(rat(1_000_000n), src), floatGauss(1000));
  console.table(rows);
  console.log(`discrete Laplace at scale 10: ${fmt(lap10)} samples/s (goal ≥ 1,000,000/s: ${lap10 >= 1e6 ? 'met' : 'NOT met'})`);
  if (sink === 42) console.log('');
}

/** Seeded synthetic patient rows: ~4 rows per patient; sex, age band (5), region (13). */
function synthetic(rows: number): { table: Table; pid: Int32Array; sex: Int32Array; band: Int32Array } {
  const r = seededRng(20261128);
  const patients = Math.floor(rows / 4);
  const pid = new Int32Array(rows), sex = new Int32Array(rows), band = new Int32Array(rows), region = new Int32Array(rows);
  const pSex = new Int32Array(patients), pBand = new Int32Array(patients);
  for (let p = 0; p < patients; p++) { pSex[p] = r.int(2); pBand[p] = Math.min(4, Math.floor(-Math.log(1 - r.next()) * 1.6)); }
  for (let i = 0; i < rows; i++) {
    const p = r.int(patients);
    pid[i] = p; sex[i] = pSex[p]!; band[i] = pBand[p]!; region[i] = r.int(13);
  }
  const pidDict = Array.from({ length: patients }, (_, p) => `P${String(p).padStart(7, '0')}`);
  const table = makeTable([
    columnFromCodes('patient_id', 'string', pid, pidDict),
    columnFromCodes('sex', 'string', sex, ['F', 'M']),
    columnFromCodes('ageBand', 'string', band, ['0-17', '18-39', '40-64', '65-79', '80+']),
    columnFromCodes('region', 'string', region, Array.from({ length: 13 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`)),
  ]);
  return { table, pid, sex, band };
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!; };

async function groupedCount(rows: number, iterations: number): Promise<void> {
  console.log(`\n## grouped DP count over ${fmt(rows)} synthetic patient rows (distinct patients by ageBand × sex, ε = 1/2)`);
  const t0 = performance.now();
  const { table, pid, sex, band } = synthetic(rows);
  const tGen = performance.now() - t0;
  const t1 = performance.now();
  preparePatientRows(table, 'patient_id'); // the one-off per-table index (part of loading)
  const tPrep = performance.now() - t1;
  const dataset = { name: 'patients', privacyUnit: 'patient_id', columns: { sex: { keys: ['F', 'M'] }, ageBand: { keys: ['0-17', '18-39', '40-64', '65-79', '80+'] } } };
  const query = { select: [{ count: 'patients' }], from: 'patients', groupBy: ['ageBand', 'sex'], epsilon: '1/2' };
  const src = cryptoSource();
  const lat: number[] = [], cpu: number[] = [];
  for (let i = 0; i < iterations + 5; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const out = planQuery(table, query, dataset).execute(src);
    const dt = performance.now() - t;
    const dc = process.cpuUsage(c);
    if (out.results[0]!.rows.length !== 10) throw new Error('unexpected result');
    if (i >= 5) { lat.push(dt); cpu.push((dc.user + dc.system) / 1000); }
  }
  // DuckDB baseline: exact COUNT(DISTINCT) GROUP BY on the same rows (no noise, no bounding)
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  await con.run('CREATE TABLE t (pid INTEGER, sex INTEGER, band INTEGER)');
  const app = await con.createAppender('t');
  for (let i = 0; i < rows; i++) { app.appendInteger(pid[i]!); app.appendInteger(sex[i]!); app.appendInteger(band[i]!); app.endRow(); }
  app.closeSync();
  const duck: number[] = [];
  for (let i = 0; i < Math.min(iterations, 50) + 2; i++) {
    const t = performance.now();
    await con.runAndReadAll('SELECT band, sex, COUNT(DISTINCT pid) FROM t GROUP BY band, sex');
    if (i >= 2) duck.push(performance.now() - t);
  }
  con.closeSync(); inst.closeSync();
  console.log(`loading: synthetic generation ${tGen.toFixed(0)} ms, per-table patient index ${tPrep.toFixed(0)} ms (once)`);
  console.table([
    { task: 'anonymat DP grouped count (plan + bound + count + exact noise)', runs: lat.length, 'p50 ms': pct(lat, 0.5).toFixed(1), 'p99 ms': pct(lat, 0.99).toFixed(1), 'p50 CPU ms': pct(cpu, 0.5).toFixed(1), 'p99 CPU ms': pct(cpu, 0.99).toFixed(1) },
    { task: 'DuckDB exact COUNT(DISTINCT pid) GROUP BY (baseline, multi-threaded)', runs: duck.length, 'p50 ms': pct(duck, 0.5).toFixed(1), 'p99 ms': pct(duck, 0.99).toFixed(1), 'p50 CPU ms': '', 'p99 CPU ms': '' },
  ]);
  const p99 = pct(lat, 0.99);
  console.log(`p99 ${p99.toFixed(1)} ms wall-clock (goal < 50 ms: ${p99 < 50 ? 'met' : 'NOT met'}), p99 CPU ${pct(cpu, 0.99).toFixed(1)} ms; ratio p50 anonymat/DuckDB ${(pct(lat, 0.5) / pct(duck, 0.5)).toFixed(2)}; load average now ${loadavg()[0]!.toFixed(1)}`);
}

export async function run(rows = 1_000_000, iterations = 200): Promise<void> {
  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (figures scale with contention)`);
  console.log('\n## exact samplers (node:crypto) vs floating-point Math.random baselines');
  samplers();
  await groupedCount(rows, iterations);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, iterations: { type: 'string' } }, strict: false });
  await run(values.rows ? Number(values.rows) : undefined, values.iterations ? Number(values.iterations) : undefined);
}
