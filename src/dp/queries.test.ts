/**
 * The query language and engine: invalid queries rejected with JSON paths; known answers with a
 * seeded source (noise-free checks via structure); refusal spends nothing; CLI exit codes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tableFromRecords } from '../table/table.ts';
import { AnonymatError } from '../errors.ts';
import { planQuery, runQuery, runSuppression, parseQuery, openLedger, parseDescriptor, testSource, rat, suppressCounts } from './index.ts';

const ds = parseDescriptor({ name: 'patients', privacyUnit: 'pid', columns: { age: { bounds: [0, 100] }, sex: { keys: ['F', 'M'] } }, suppression: { allowed: true } });
const pid: string[] = [], sex: string[] = [], age: number[] = [];
for (let i = 0; i < 400; i++) { pid.push(`p${i % 300}`); sex.push(i % 4 === 0 ? 'M' : 'F'); age.push(i % 101); }
const table = tableFromRecords({ pid, sex, age });

test('invalid queries are rejected with every issue and its JSON path', () => {
  const cases: [unknown, string][] = [
    [{ select: [{ count: 'people' }], from: 'patients', epsilon: 1 }, '$.select[0]'],
    [{ select: [{ count: 'rows' }], from: 'patients', epsilon: '-1' }, '$.epsilon'],
    [{ select: [{ count: 'rows' }], from: 'patients' }, '$'],
    [{ select: [{ count: 'rows' }], from: 'patients', epsilon: 1, rho: 1 }, '$'],
    [{ select: [{ count: 'rows' }], from: 'patients', epsilon: 1, limit: 3 }, '$'],
    [{ select: [{ sum: 'age' }], from: 'patients', epsilon: 1, bounds: { age: [0] } }, '$.bounds.age'],
    [{ select: [{ count: 'rows' }], from: 'other', epsilon: 1 }, '$.from'],
    [{ select: [{ count: 'rows' }], from: 'patients', groupBy: ['nope'], epsilon: 1 }, '$.groupBy[0]'],
    [{ select: [{ count: 'rows' }], from: 'patients', groupBy: ['age'], epsilon: 1 }, '$.delta'],
    [{ select: [{ mean: 'sex' }], from: 'patients', epsilon: 1 }, '$.select[0]'],
    [{ select: [{ histogram: 'age', bins: [0, 10, 5] }], from: 'patients', epsilon: 1 }, '$.select[0].bins[2]'],
  ];
  for (const [q, path] of cases) {
    assert.throws(() => planQuery(table, q, ds), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-query' && e.issues.some((i) => i.path.startsWith(path)), JSON.stringify(q));
  }
});

test('counts, sums and quantiles: structure, noise scales and intervals are as declared', () => {
  const out = planQuery(table, { select: [{ count: 'patients' }, { count: 'rows' }, { sum: 'age' }], from: 'patients', groupBy: ['sex'], epsilon: '3/2' }, ds).execute(testSource(3));
  assert.equal(out.randomness, 'test-seeded');
  const [cp, cr, s] = out.results;
  assert.deepEqual(cp!.rows.map((r) => r.key), [{ sex: 'F' }, { sex: 'M' }]);
  assert.equal(cp!.noise.scale, '2'); // ε/3 = 1/2 per item, sensitivity 1
  assert.equal(s!.sensitivity['sum.l1'], '100'); // max(|0|, |100|) · k · m
  assert.equal(s!.noise['sum.scale'], '200');
  // exact answers: F has 300 rows from 225 patients … (pids p0..p99 appear twice)
  const trueRowsF = sex.filter((x) => x === 'F').length;
  const truePatientsF = new Set(pid.filter((_, i) => sex[i] === 'F')).size;
  assert.ok(Math.abs(cp!.rows[0]!.value! - truePatientsF) <= 40, 'noise of scale 2 is small');
  assert.ok(cr!.rows[0]!.value! <= trueRowsF + 40, 'rows per group bounded at 1 ⇒ at most the patients');
  for (const r of [cp!, cr!]) for (const row of r.rows) assert.ok(row.ci![0] <= row.value! && row.value! <= row.ci![1]);
  const qo = planQuery(table, { select: [{ quantile: 'age', q: '1/2', grid: 1 }], from: 'patients', epsilon: 10 }, ds).execute(testSource(4));
  const med = qo.results[0]!.rows[0]!.value!;
  assert.ok(med >= 35 && med <= 65, `median ${med}`);
  assert.equal(qo.results[0]!.noise.candidates, 101);
});

test('runQuery charges the ledger exactly, refuses when the budget is short and spends nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-q-'));
  try {
    const ledger = await openLedger(join(dir, 'l.duckdb'));
    await ledger.allocate('c', 'patients', { measure: 'zcdp', total: rat(1n, 4n) });
    const q = { select: [{ count: 'patients' }], from: 'patients', epsilon: '1/2' }; // ρ = 1/8
    const a = await runQuery(table, q, { dataset: ds, ledger, client: 'c', rng: testSource(1) });
    assert.equal(a.status, 'answered');
    assert.equal((a as any).cost.amount, '1/8');
    const b = await runQuery(table, { ...q, epsilon: '3/4' }, { dataset: ds, ledger, client: 'c' }); // ρ = 9/32 > 1/8
    assert.equal(b.status, 'refused');
    assert.equal((b as any).budget.remaining, '1/8');
    assert.equal((await ledger.get('c', 'patients'))!.spent, '1/8');
    const t0 = performance.now();
    await runQuery(table, { ...q, epsilon: '1/100' }, { dataset: ds, ledger, client: 'c', padMs: 150 });
    assert.ok(performance.now() - t0 >= 149, 'padded response time');
    await assert.rejects(runQuery(table, q, { dataset: ds, ledger, client: 'nobody' }), (e: unknown) => e instanceof AnonymatError && e.code === 'budget-exhausted');
    // a budget whose noise no answer can hold is refused before any charge (not answered with ±Infinity)
    const spent = (await ledger.get('c', 'patients'))!.spent;
    await assert.rejects(runQuery(table, { ...q, epsilon: '1e-400' }, { dataset: ds, ledger, client: 'c' }), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-query' && /too small/.test(e.message));
    assert.equal((await ledger.get('c', 'patients'))!.spent, spent);
    ledger.close();
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('small-cell suppression: primary and secondary suppression leave no line with one hidden cell', () => {
  // 2×3 table with one small cell: its row and column each need a second suppression
  const r = suppressCounts([50, 3, 40, 60, 30, 20], 2, 3, 11, { statistic: 'count', rowLabels: ['F', 'M'], colLabels: ['a', 'b', 'c'], rowColumn: 'sex', colColumn: 'g' });
  assert.equal(r.suppressedCells.primary, 1);
  const hidden = r.cells.map((c) => c.value === null);
  assert.deepEqual(hidden, [false, true, false, false, true, false].map((x, i) => x || hidden[i]!) && hidden);
  for (let row = 0; row < 2; row++) assert.notEqual(hidden.slice(row * 3, row * 3 + 3).filter(Boolean).length, 1);
  for (let col = 0; col < 3; col++) assert.notEqual([hidden[col], hidden[3 + col]].filter(Boolean).length, 1);
  assert.equal(r.cells[1]!.suppressed, 'primary');
  assert.equal(r.differentialPrivacy, false);
  // 1-D with a total: a single small cell forces a second one
  const one = suppressCounts([100, 5, 30], 1, 3, 11, { statistic: 'count', rowLabels: [null], colLabels: ['a', 'b', 'c'], rowColumn: null, colColumn: 'g' });
  assert.deepEqual(one.cells.map((c) => c.suppressed), [null, 'primary', 'secondary']);
});

test('CLI: dp query answers, a refused query exits 3 and says what remains', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-cli-'));
  try {
    const csv = ['pid,sex', ...pid.map((p, i) => `${p},${sex[i]}`)].join('\n') + '\n';
    await writeFile(join(dir, 'patients.csv'), csv);
    await writeFile(join(dir, 'patients.dp.json'), JSON.stringify({ name: 'patients', privacyUnit: 'pid', columns: { sex: { keys: ['F', 'M'] } } }));
    const main = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', main, 'dp', ...args], { encoding: 'utf8' });
    const ledger = join(dir, 'b.duckdb');
    assert.equal(cli('budget', '--ledger', ledger, '--client', 'c', '--dataset', 'patients', '--allocate-epsilon', '1').status, 0);
    const q = '{"select":[{"count":"patients"}],"from":"patients","groupBy":["sex"],"epsilon":"3/4"}';
    const ok = cli('query', join(dir, 'patients.csv'), '--ledger', ledger, '--client', 'c', '--query', q, '--json');
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).budget.remaining, '1/4');
    const refused = cli('query', join(dir, 'patients.csv'), '--ledger', ledger, '--client', 'c', '--query', q);
    assert.equal(refused.status, 3);
    assert.match(refused.stderr, /remaining .* ε = 1\/4/);
    const invalid = cli('query', join(dir, 'patients.csv'), '--ledger', ledger, '--client', 'c', '--query', '{"select":[]}');
    assert.equal(invalid.status, 2);
    assert.match(invalid.stderr, /\$\.select/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('real data (Synthea conditions): partition selection releases frequent conditions, counts near the bounded truth', async (t) => {
  const { existsSync } = await import('node:fs');
  const file = fileURLToPath(new URL('../../../shared/data/synthea-ma-1k-apr2020-partial/conditions.csv', import.meta.url));
  if (!existsSync(file)) { t.skip('../shared/data/synthea-ma-1k-apr2020-partial absent'); return; }
  const { readTable } = await import('../io/read.ts');
  const conditions = await readTable(file);
  const dataset = parseDescriptor({ name: 'conditions', privacyUnit: 'PATIENT', contributions: { groupsPerPatient: 5 } });
  const out = planQuery(conditions, { select: [{ count: 'patients' }], from: 'conditions', groupBy: ['DESCRIPTION'], epsilon: 1, delta: '1e-7' }, dataset).execute(testSource(9));
  const sel = out.partitionSelection!;
  assert.equal(sel.threshold, '172'); // b = 5/(1/2) = 10, δ = 1e-7, k = 5
  assert.ok(sel.groupsReleased >= 5, `released ${sel.groupsReleased}`);
  const rows = out.results[0]!.rows;
  const labels = rows.map((r) => r.key.DESCRIPTION!);
  // independent truth: the count is measured over the released keys, each patient keeping the
  // first 5 distinct released conditions in file order
  const released = new Set(labels);
  const pcol = conditions.columns.find((c) => c.name === 'PATIENT')!, dcol = conditions.columns.find((c) => c.name === 'DESCRIPTION')!;
  const per = new Map<number, Set<number>>(), truth = new Map<string, number>();
  for (let r = 0; r < conditions.rowCount; r++) {
    const p = pcol.codes[r]!, d = dcol.codes[r]!;
    const label = dcol.dictionary[d]!;
    if (!released.has(label)) continue;
    let s = per.get(p); if (!s) per.set(p, (s = new Set()));
    if (s.has(d) || s.size === 5) continue;
    s.add(d); truth.set(label, (truth.get(label) ?? 0) + 1);
  }
  assert.deepEqual(labels, [...labels].sort(), 'released keys are in label order, not file order');
  for (const r of rows) {
    const trueN = truth.get(r.key.DESCRIPTION!)!;
    assert.ok(trueN >= 100, `a released condition has ${trueN} patients (threshold 172 − noise)`);
    assert.ok(Math.abs(r.value! - trueN) <= 2 * (r.ci![1] - r.value!), `${r.value} vs ${trueN}`);
  }
});

test('chaining refuses steps whose domains or metrics do not fit', async () => {
  const c = await import('./index.ts');
  const base = { kind: 'patient-rows' as const };
  const bound = c.makeBoundedContributions(base, 'patient', { cells: 2, assign: (t) => ({ cell: new Int32Array(t.rowCount), cells: 2 }), rowsPerCell: 1, cellsPerPatient: 1 });
  assert.throws(() => c.makeSum(bound.outputDomain as any, 'patient', { metric: 'l1' }), /clamped value/);
  const count = c.makeCount(bound.outputDomain as any, 'patient', { distinct: true, metric: 'l1' });
  const gauss = c.makeDiscreteGaussian({ kind: 'int-vector', length: 2 }, 'l2sq', rat(1n));
  assert.throws(() => c.makeChainMT(gauss, count), /metrics do not match/);
  const lap3 = c.makeDiscreteLaplace({ kind: 'int-vector', length: 3 }, 'l1', rat(1n));
  assert.throws(() => c.makeChainMT(lap3, count), /domains do not match/);
  const ok = c.makeChainMT(c.makeDiscreteLaplace({ kind: 'int-vector', length: 2 }, 'l1', rat(2n)), c.makeChainTT(count, bound));
  assert.deepEqual(ok.privacyMap(rat(1n)), { measure: 'pure-dp', epsilon: rat(1n, 2n) });
});

test('groups from the data: a missing value and the text "null" are two groups (their counts are not merged)', () => {
  const d = parseDescriptor({ name: 'p', privacyUnit: 'pid' });
  const ids: string[] = [], g: (string | null)[] = [];
  for (let i = 0; i < 40; i++) { ids.push(`m${i}`, `s${i}`, `a${i}`); g.push(null, 'null', 'A'); }
  const out = planQuery(tableFromRecords({ pid: ids, g }), { select: [{ count: 'patients' }], from: 'p', groupBy: ['g'], epsilon: 200, delta: '1e-9' }, d).execute(testSource(3));
  const rows = out.results[0]!.rows;
  assert.equal(rows.length, 3);
  // ε = 200: the noise is a few hundredths of a patient, so each group's count is its own 40
  for (const r of rows) assert.ok(Math.abs(r.value! - 40) <= 1, `${JSON.stringify(r.key)}: ${r.value}`);
});

test('a column\'s type is the query\'s, not the data\'s: one patient\'s "abc" in an age column does not turn the query into an error', () => {
  // (the neighbour with "abc" made the column text and the query an error at planning — an outcome its neighbour never
  // had, at no charge: ε = ∞ for that pair. The value is now missing, as a value outside any number)
  const ds = parseDescriptor({ name: 'p', privacyUnit: 'pid', columns: { age: { bounds: [0, 100] } } });
  const pid = Array.from({ length: 200 }, (_, i) => `p${i}`), age = pid.map((_, i) => String(20 + (i % 20)));
  const D = tableFromRecords({ pid, age }), D1 = tableFromRecords({ pid: [...pid, 'px'], age: [...age, 'abc'] });
  for (const query of [
    { select: [{ count: 'patients' }], from: 'p', where: { age: { gte: 200 } }, epsilon: '1/1000000' },
    { select: [{ sum: 'age' }, { mean: 'age' }], from: 'p', epsilon: '1/2' },
    { select: [{ histogram: 'age', bins: [0, 50, 100] }], from: 'p', epsilon: '1/2' },
  ]) {
    const a = planQuery(D, query, ds), b = planQuery(D1, query, ds);
    assert.deepEqual(b.charge('zcdp'), a.charge('zcdp'), JSON.stringify(query));
    assert.ok(b.execute(testSource(1)).results.length > 0);
  }
  // equal bounds (a zero sensitivity) and bounds of 13 decimals: clear errors, not a constructor's precondition
  assert.throws(() => planQuery(D, { select: [{ sum: 'age' }], from: 'p', bounds: { age: [0, 0] }, epsilon: '1/2' }, ds), /bounds are equal/);
  assert.throws(() => planQuery(D, { select: [{ mean: 'age' }], from: 'p', bounds: { age: ['0', '1.0000000000001'] }, epsilon: '1/2' }, ds), /more than 12 decimal/);
});

test('partition selection: the threshold found by bisection is the smallest certified one; a δ below what can be certified is refused', async () => {
  const { thresholdFor, thresholdDelta } = await import('./constructors/makeLaplaceThreshold.ts');
  for (const [scale, delta, k] of [[rat(2n), rat(1n, 10n ** 9n), 1], [rat(10n), rat(1n, 10n ** 6n), 3], [rat(1n, 2n), rat(1n, 10n ** 12n), 2], [rat(1000n), rat(1n, 10n ** 9n), 1]] as const) {
    const t = thresholdFor(scale, delta, k);
    const ok = (x: bigint) => { const d = thresholdDelta(scale, x, k); return d.num * delta.den <= delta.num * d.den; };
    assert.ok(ok(t) && (t === 2n || !ok(t - 1n)), `scale ${scale.num}/${scale.den}, T ${t}`);
  }
  // (1e-60 searched for ever: the certified bounds' precision is 2^-192)
  const D = tableFromRecords({ pid: ['a', 'b'], region: ['R1', 'R2'] });
  assert.throws(() => planQuery(D, { select: [{ count: 'patients' }], from: 'p', groupBy: ['region'], epsilon: '1/2', delta: '1e-60' }, parseDescriptor({ name: 'p', privacyUnit: 'pid' })), /too small to certify/);
});

test('a value\'s label and number do not depend on how its column was typed: keys, equality and ranges alike (one neighbour\'s "2.5" or "2020-02-30" changed every row)', () => {
  const n = 300;
  const pids = Array.from({ length: n }, (_, i) => `p${i}`);
  const wards = Array.from({ length: n }, (_, i) => 1 + (i % 5));
  const days = Array.from({ length: n }, (_, i) => `2020-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`);
  // (admitted is read as numbers by a range and a histogram: declared a date, whatever the table's type says)
  const d = parseDescriptor({ name: 'w', privacyUnit: 'pid', columns: { ward: { keys: [1, 2, 3, 4, 5] }, admitted: { type: 'date' } } });
  const typed = [
    tableFromRecords({ pid: pids, ward: wards, admitted: days }, { ward: 'integer', admitted: 'date' }),
    // (as a decimal column prints them, and as text)
    tableFromRecords({ pid: pids, ward: wards.map((w) => `${w}.0`), admitted: days }, { ward: 'decimal', admitted: 'string' }),
    tableFromRecords({ pid: pids, ward: wards.map(String), admitted: days }, { ward: 'string', admitted: 'string' }),
  ];
  const queries = [
    { select: [{ count: 'patients' }], from: 'w', groupBy: ['ward'], epsilon: 1 },
    { select: [{ count: 'patients' }], from: 'w', where: { ward: 3 }, epsilon: 1 },
    { select: [{ count: 'patients' }], from: 'w', where: { ward: { in: [3, ' 4'] } }, epsilon: 1 },
    { select: [{ count: 'patients' }], from: 'w', where: { admitted: { gte: 18262, lt: 18444 } }, epsilon: 1 },
    { select: [{ histogram: 'admitted', bins: [18262, 18353, 18444, 18536, 18628] }], from: 'w', epsilon: 1 },
  ];
  const dataKeys = { select: [{ count: 'patients' }], from: 'w', groupBy: ['ward'], epsilon: 1, delta: '1e-6' };
  const answers = (t: typeof typed[number]) => [
    ...queries.map((q) => planQuery(t, q, d).execute(testSource(5)).results.map((r) => r.rows)),
    planQuery(t, dataKeys, parseDescriptor({ name: 'w', privacyUnit: 'pid' })).execute(testSource(6)).results.map((r) => r.rows),
  ];
  const first = answers(typed[0]!);
  for (const t of typed.slice(1)) assert.deepEqual(answers(t), first);
  // (the released keys from the data read as the numbers: "3", not "3.0"; the date range counts half a year of patients)
  assert.deepEqual((first[5]![0] as { key: Record<string, unknown> }[]).map((r) => r.key.ward).sort(), ['1', '2', '3', '4', '5']);
  assert.ok((first[3]![0] as { value: number }[])[0]!.value > 120, JSON.stringify(first[3]));
});

test('dp query reads every value on its own: one patient\'s impossible date leaves the others\' dates counted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-dp-types-'));
  try {
    const rows = ['pid,admitted'];
    for (let i = 0; i < 200; i++) rows.push(`p${i},2020-0${1 + (i % 6)}-1${i % 9}`);
    rows.push('p999,2020-02-30');
    await writeFile(join(dir, 'adm.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'adm.dp.json'), JSON.stringify({ name: 'adm', privacyUnit: 'pid', columns: { admitted: { type: 'date' } } }));
    const main = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', main, 'dp', ...args], { encoding: 'utf8' });
    const ledger = join(dir, 'b.duckdb');
    assert.equal(cli('budget', '--ledger', ledger, '--client', 'c', '--dataset', 'adm', '--allocate-epsilon', '1').status, 0);
    const q = '{"select":[{"count":"patients"}],"from":"adm","where":{"admitted":{"gte":18262,"lt":18444}},"epsilon":1}';
    const out = cli('query', join(dir, 'adm.csv'), '--ledger', ledger, '--client', 'c', '--query', q, '--json');
    assert.equal(out.status, 0, out.stderr);
    // (200 patients in range, discrete Laplace noise of scale 1: below 150 with probability under e^-50)
    assert.ok(JSON.parse(out.stdout).results[0].rows[0].value > 150, out.stdout);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('keys match a text column\'s labels as written, trimmed: ICD-9 "250" and "250.00" stay two codes; " 30" is 30', () => {
  const d = parseDescriptor({ name: 'c', privacyUnit: 'pid', suppression: { allowed: true } });
  const t = tableFromRecords({ pid: Array.from({ length: 100 }, (_, i) => `p${i}`), diag: Array.from({ length: 100 }, (_, i) => ['250', '250.00', '250.1', '250.10'][i % 4]!),
    age: Array.from({ length: 100 }, (_, i) => (i % 2 ? ' 30' : '31 ')) }, { diag: 'string', age: 'string' });
  const out = runSuppression(t, parseQuery({ select: [{ count: 'patients' }], from: 'c', groupBy: ['diag'], mechanism: 'small-cell-suppression' }), d);
  assert.deepEqual(out.results[0]!.cells.map((c) => [c.key.diag, c.value]).sort(), [['250', 25], ['250.00', 25], ['250.1', 25], ['250.10', 25]]);
  const ages = runSuppression(t, parseQuery({ select: [{ count: 'patients' }], from: 'c', groupBy: ['age'], keys: { age: [30, 31] }, mechanism: 'small-cell-suppression' }), d);
  assert.deepEqual(ages.results[0]!.cells.map((c) => c.value), [50, 50]);
});

test('a key given as a number matches every plain number of that value ("3", "3.0", " 3"), whatever the column\'s type; dp query reads JSON values as written (one line\'s "abc" made every 3.0 text)', async () => {
  const t = tableFromRecords({ pid: ['a', 'b', 'c', 'd'], score: ['3.0', '3', ' 3', '30'] }, { score: 'string' });
  const out = runSuppression(t, parseQuery({ select: [{ count: 'rows' }], from: 'c', where: { score: 3 }, mechanism: 'small-cell-suppression', suppression: { threshold: 1 } } as never), parseDescriptor({ name: 'c', privacyUnit: 'pid', suppression: { allowed: true, threshold: 1 } }));
  assert.equal(out.results[0]!.total.value, 3);
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-dp-json-'));
  try {
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ pid: `p${i}`, score: 3.0 }));
    await writeFile(join(dir, 'a.jsonl'), lines.join('\n') + '\n');
    await writeFile(join(dir, 'b.jsonl'), [...lines, JSON.stringify({ pid: 'x', score: 'abc' })].join('\n') + '\n');
    await writeFile(join(dir, 'a.dp.json'), JSON.stringify({ name: 's', privacyUnit: 'pid' }));
    await writeFile(join(dir, 'b.dp.json'), JSON.stringify({ name: 's', privacyUnit: 'pid' }));
    const main = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', main, 'dp', ...args], { encoding: 'utf8' });
    const ledger = join(dir, 'l.duckdb');
    assert.equal(cli('budget', '--ledger', ledger, '--client', 'c', '--dataset', 's', '--allocate-epsilon', '100').status, 0);
    const q = '{"select":[{"count":"patients"}],"from":"s","where":{"score":3},"epsilon":40}';
    for (const f of ['a.jsonl', 'b.jsonl']) {
      const r = cli('query', join(dir, f), '--ledger', ledger, '--client', 'c', '--query', q, '--json');
      assert.equal(r.status, 0, r.stderr);
      // (40 patients, noise of scale 1/40: within 1 with probability above 1 - 1e-17)
      assert.ok(Math.abs(JSON.parse(r.stdout).results[0].rows[0].value - 40) <= 1, `${f}: ${r.stdout}`);
    }
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('review of s44: a patient\'s key is read without its spaces; dates in a text column are days for a sum as for a where; the privacy unit is no histogram; a huge ρ or a fine grid is priced and sampled at once', () => {
  // (one patient written "p1", " p1", "p1 ": one patient, whose rows are bounded together)
  const t = tableFromRecords({ pid: ['p1', ' p1', 'p1 ', 'p2'], d: ['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-04'], age: ['30', '30', '30', '40'] });
  const dsd = parseDescriptor({ name: 'w', privacyUnit: 'pid', columns: { d: { bounds: [17897, 18628] }, age: { bounds: [0, 100] } } });
  const rows = planQuery(t, { select: [{ count: 'rows' }], from: 'w', epsilon: 1e9 }, dsd).execute(testSource(1));
  assert.equal(Math.round(rows.results[0]!.rows[0]!.value!), 2, 'p1 and p2: one row each (rowsPerGroup 1)');
  // (2020-01-01 is day 18262; with one row per patient kept: p1's first row and p2's)
  const sum = planQuery(t, { select: [{ sum: 'd' }], from: 'w', epsilon: 1e9 }, dsd).execute(testSource(1));
  assert.equal(Math.round(sum.results[0]!.rows[0]!.value!), 18262 + 18265);
  assert.throws(() => planQuery(t, { select: [{ histogram: 'pid', bins: [0, 10] }], from: 'w', epsilon: 1 }, dsd), (e: unknown) => e instanceof AnonymatError && /privacy-unit/.test(e.message));
  const t0 = performance.now();
  planQuery(t, { select: [{ quantile: 'age', q: '1/2' }], from: 'w', rho: '1e41' }, dsd);
  const v = planQuery(t, { select: [{ variance: 'age' }], bounds: { age: ['0', '1000.000000000000'] }, from: 'w', rho: '1/8' }, dsd).execute(testSource(2));
  assert.ok(v.results[0]!.rows.length === 1);
  assert.ok(performance.now() - t0 < 20_000, 'square roots of huge integers take O(log) steps');
});
