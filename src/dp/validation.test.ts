/**
 * A query is validated completely before any budget is charged: a column read as numbers (sum, mean, variance, quantile,
 * histogram, range condition) must be declared numeric — by the descriptor or by the data's own schema — and the
 * refusal depends on declarations only, never on the values (no oracle), names no value, and leaves the ledger as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tableFromRecords } from '../table/table.ts';
import { AnonymatError } from '../errors.ts';
import { openLedger, parseDescriptor, planQuery, parseQuery, rat, runQuery, runSuppression, testSource } from './index.ts';

const N = 60;
const pid = Array.from({ length: N }, (_, i) => `p${i}`);
const DIAG = ['E11', 'I10', 'J45', 'E78'];
const diagnosis = pid.map((_, i) => DIAG[i % 4]!);
const age = pid.map((_, i) => (i % 10 === 0 ? '' : String(20 + (i % 50)))); // a few empty cells
const smoker = pid.map((_, i) => (i % 3 === 0 ? 'true' : 'false'));
// (as `anonymat dp query` reads a CSV: every column text, each value on its own)
const asCsv = (cols: Record<string, string[]>) => tableFromRecords(cols, Object.fromEntries(Object.keys(cols).map((k) => [k, 'string' as const])));
const table = asCsv({ pid, diagnosis, age, smoker });
const bare = parseDescriptor({ name: 'p', privacyUnit: 'pid' });

const numericQueries = (col: string): [string, Record<string, unknown>][] => [
  [`$.select[0].mean`, { select: [{ mean: col }], bounds: { [col]: [0, 100] } }],
  [`$.select[0].sum`, { select: [{ sum: col }], bounds: { [col]: [0, 100] } }],
  [`$.select[0].variance`, { select: [{ variance: col }], bounds: { [col]: [0, 100] } }],
  [`$.select[0].quantile`, { select: [{ quantile: col, q: ['1/4', '1/2'] }], bounds: { [col]: [0, 100] } }],
  [`$.select[0].histogram`, { select: [{ histogram: col, bins: [0, 50, 100] }] }],
  [`$.where[${JSON.stringify(col)}]`, { select: [{ count: 'patients' }], where: { [col]: { gte: 18 } } }],
  // (after partition selection: groups from the data, then a mean over them)
  [`$.select[0].mean`, { select: [{ mean: col }], groupBy: ['smoker'], bounds: { [col]: [0, 100] }, delta: '1e-9' }],
];

const refusedFor = (col: string, path: string) => (e: unknown) => {
  assert.ok(e instanceof AnonymatError, String(e));
  assert.equal(e.code, 'invalid-query');
  assert.equal(e.exitCode, 2);
  assert.equal(e.httpStatus, 400);
  assert.match(e.message, new RegExp(`"${col}" is not declared numeric \\(nothing was charged\\)`));
  assert.ok(e.issues.some((i) => i.path === path && /needs numbers/.test(i.message)), JSON.stringify(e.issues));
  // (no value of the data in the error: the column's name and the query's paths only)
  const text = e.format() + JSON.stringify(e.toJSON());
  for (const v of [...DIAG, 'abc', 'true', 'false']) assert.ok(!text.includes(v), `the error names the value ${v}: ${text}`);
  assert.doesNotMatch(text, /\b[2-6]\d\b/, 'the error names an age');
  return true;
};

test('a numeric statistic over a text column is refused before any charge: nothing spent, nothing written', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-valid-'));
  try {
    const ledger = await openLedger(join(dir, 'l.duckdb'));
    await ledger.allocate('c', 'p', { measure: 'zcdp', total: rat(1n), delta: rat(1n, 1000n) });
    const before = await ledger.get('c', 'p');
    for (const [path, q] of numericQueries('diagnosis')) {
      await assert.rejects(runQuery(table, { ...q, from: 'p', epsilon: '1/2' }, { dataset: bare, ledger, client: 'c', rng: testSource(1) }), refusedFor('diagnosis', path), JSON.stringify(q));
      // (the pricing path refuses it too: nothing to price)
      assert.throws(() => planQuery(table, { ...q, from: 'p', epsilon: '1/2' }, bare), refusedFor('diagnosis', path));
    }
    assert.deepEqual(await ledger.get('c', 'p'), before, 'the ledger is unchanged');
    // the descriptor's word wins over the table's: a column declared text is refused even when typed as numbers
    const typed = tableFromRecords({ pid, code: pid.map((_, i) => i % 7) }, { code: 'integer' });
    const declaredText = parseDescriptor({ name: 'p', privacyUnit: 'pid', columns: { code: { type: 'string' } } });
    await assert.rejects(runQuery(typed, { select: [{ mean: 'code' }], from: 'p', bounds: { code: [0, 10] }, epsilon: '1/2' }, { dataset: declaredText, ledger, client: 'c' }),
      (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-query' && e.issues.some((i) => i.path === '$.select[0].mean' && /declares "code" text/.test(i.message)));
    // bounds for a column no statistic clamps (a misspelt name): refused, not silently ignored
    await assert.rejects(runQuery(table, { select: [{ count: 'patients' }], from: 'p', bounds: { agee: [0, 100] }, epsilon: '1/2' }, { dataset: bare, ledger, client: 'c' }),
      (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-query' && e.issues.some((i) => i.path === '$.bounds["agee"]'));
    assert.deepEqual(await ledger.get('c', 'p'), before, 'the ledger is unchanged');
    // small-cell suppression reads a range condition as numbers too
    const supp = parseDescriptor({ name: 'p', privacyUnit: 'pid', suppression: { allowed: true } });
    assert.throws(() => runSuppression(table, parseQuery({ select: [{ count: 'patients' }], from: 'p', where: { diagnosis: { gte: 1 } }, mechanism: 'small-cell-suppression' }), supp), refusedFor('diagnosis', '$.where["diagnosis"]'));
    ledger.close();
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('the refusal reads declarations, never values: neighbours differing in one patient\'s value get the same outcome', () => {
  // (one more patient whose age is "abc", or 42: "refused because a row is text" would tell which)
  const withValue = (v: string) => asCsv({ pid: [...pid, 'px'], diagnosis: [...diagnosis, 'E11'], age: [...age, v], smoker: [...smoker, 'true'] });
  const q = { select: [{ mean: 'age' }, { quantile: 'age', q: '1/2' }], from: 'p', bounds: { age: [0, 100] }, epsilon: '1/2' };
  const neighbours = [table, withValue('abc'), withValue('42'), withValue('')];
  // undeclared text: refused for every neighbour alike
  for (const t of neighbours) assert.throws(() => planQuery(t, q, bare), refusedFor('age', '$.select[0].mean'));
  // declared numeric (by its type, or its bounds): priced alike for every neighbour; a value that is no number, and an
  // empty cell, are missing (as before)
  for (const columns of [{ age: { type: 'integer' as const } }, { age: { bounds: [0, 100] as [number, number] } }]) {
    const d = parseDescriptor({ name: 'p', privacyUnit: 'pid', columns });
    const charges = neighbours.map((t) => planQuery(t, q, d).charge('zcdp'));
    for (const c of charges) assert.deepEqual(c, charges[0]);
    const mean = planQuery(table, { ...q, select: [{ mean: 'age' }], epsilon: 1e9 }, d).execute(testSource(1)).results[0]!.rows[0]!.value!;
    const present = age.filter((a) => a !== '').map(Number);
    assert.ok(Math.abs(mean - present.reduce((s, x) => s + x, 0) / present.length) < 0.01, `mean ${mean}: empty cells are missing, not zeros`);
  }
});

test('a column declared boolean reads true/false as 1/0; a descriptor cannot give a text column bounds', () => {
  const d = parseDescriptor({ name: 'p', privacyUnit: 'pid', columns: { smoker: { type: 'boolean' } } });
  const out = planQuery(table, { select: [{ mean: 'smoker' }], from: 'p', bounds: { smoker: [0, 1] }, epsilon: 1e9 }, d).execute(testSource(2));
  const truth = smoker.filter((s) => s === 'true').length / N;
  assert.ok(Math.abs(out.results[0]!.rows[0]!.value! - truth) < 0.01, `proportion ${out.results[0]!.rows[0]!.value} vs ${truth}`);
  assert.throws(() => parseDescriptor({ name: 'p', privacyUnit: 'pid', columns: { diagnosis: { type: 'string', bounds: [0, 1] } } }),
    (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-input' && e.issues.some((i) => i.path === '$.columns.diagnosis.type'));
  assert.throws(() => parseDescriptor({ name: 'p', privacyUnit: 'pid', columns: { age: { type: 'number' } } }), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-input');
});

test('CLI: a mean over a text column with bounds in the query exits 2, names the column, and leaves the ledger file as it was', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-valid-cli-'));
  try {
    const rows = ['pid,age,diagnosis', ...pid.map((p, i) => `${p},${age[i]},${diagnosis[i]}`)];
    await writeFile(join(dir, 'v.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'v.dp.json'), JSON.stringify({ name: 'v', privacyUnit: 'pid', columns: { age: { bounds: [0, 110] } } }));
    const main = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', main, 'dp', ...args], { encoding: 'utf8' });
    const ledger = join(dir, 'b.duckdb');
    assert.equal(cli('budget', '--ledger', ledger, '--client', 'c', '--dataset', 'v', '--allocate-rho', '1').status, 0);
    const hash = async () => createHash('sha256').update(await readFile(ledger)).digest('hex');
    const h0 = await hash();
    const bad = cli('query', join(dir, 'v.csv'), '--ledger', ledger, '--client', 'c', '--query', '{"select":[{"mean":"diagnosis"}],"from":"v","bounds":{"diagnosis":[0,100]},"epsilon":"1/2"}');
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /column "diagnosis" is not declared numeric \(nothing was charged\)/);
    assert.match(bad.stderr, /\$\.select\[0\]\.mean: a mean needs numbers/);
    for (const v of DIAG) assert.ok(!bad.stderr.includes(v), `stderr names the value ${v}`);
    assert.equal(bad.stdout, '');
    assert.equal(await hash(), h0, 'the ledger file is byte for byte unchanged');
    const budget = cli('budget', '--ledger', ledger, '--json');
    assert.equal(JSON.parse(budget.stdout).allocations[0].spent, '0');
    // the declared column is answered and charged
    const ok = cli('query', join(dir, 'v.csv'), '--ledger', ledger, '--client', 'c', '--query', '{"select":[{"mean":"age"}],"from":"v","bounds":{"age":[0,100]},"epsilon":"1/2"}', '--json');
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).cost.amount, '1/16'); // (two parts of ε = 1/4: ρ = 2 · (1/4)²/2)
  } finally { await rm(dir, { recursive: true, force: true }); }
});
