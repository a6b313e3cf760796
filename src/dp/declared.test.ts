/**
 * Whether a query may read a column as numbers depends on declarations only — the data-set descriptor's `type`, bounds or
 * scale — never on the table's types: a reader that infers types from the values (readTable's default, or a Parquet
 * writer's) makes them the data's, and one patient's "abc" turned an answered, charged query into a free refusal (an
 * oracle the neighbouring data set does not give).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readTable } from '../io/read.ts';
import { writeTable } from '../io/write.ts';
import { tableFromRecords } from '../table/table.ts';
import { AnonymatError } from '../errors.ts';
import { openLedger, parseDescriptor, planQuery, rat, runQuery, testSource, type DatasetDescriptor } from './index.ts';
import type { Table } from '../table/table.ts';

const csv = (target: string) => ['pid,age', ...Array.from({ length: 50 }, (_, i) => `p${i},${20 + i}`), `target,${target}`].join('\n') + '\n';
const histogram = { select: [{ histogram: 'age', bins: [0, 50, 120] }], from: 'p', epsilon: '1/2' };
const undeclared = parseDescriptor({ name: 'p', privacyUnit: 'pid' });
const declared = parseDescriptor({ name: 'p', privacyUnit: 'pid', columns: { age: { type: 'integer' } } });

/** The outcome the client sees, and what it spent: "refused <code>" or "answered", and the ledger's spent. */
async function outcome(dir: string, tag: string, table: Table, dataset: DatasetDescriptor): Promise<string> {
  const ledger = await openLedger(join(dir, `l-${tag}.duckdb`));
  try {
    await ledger.allocate('c', 'p', { measure: 'zcdp', total: rat(1n), delta: rat(0n) });
    let status: string;
    try { status = (await runQuery(table, histogram, { dataset, ledger, client: 'c' })).status; } catch (e) {
      assert.ok(e instanceof AnonymatError, String(e));
      status = `refused ${e.code}`;
    }
    return `${status}, spent ${(await ledger.get('c', 'p'))!.spent}`;
  } finally { ledger.close(); }
}

test('the reviewer\'s oracle: readTable with inferred types, neighbours 42 and abc, get the same outcome (refused if undeclared, answered if declared)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-declared-'));
  try {
    const tables: Table[] = [];
    for (const v of ['42', 'abc']) {
      await writeFile(join(dir, `d-${v}.csv`), csv(v));
      tables.push(await readTable(join(dir, `d-${v}.csv`))); // the library's default read: types inferred from the values
    }
    // (the premise: inference typed the two neighbours' columns differently)
    assert.deepEqual(tables.map((t) => t.columns.find((c) => c.name === 'age')!.kind), ['integer', 'string']);
    const bare = await Promise.all(tables.map((t, i) => outcome(dir, `u${i}`, t, undeclared)));
    assert.deepEqual(bare, ['refused invalid-query, spent 0', 'refused invalid-query, spent 0']);
    const typed = await Promise.all(tables.map((t, i) => outcome(dir, `d${i}`, t, declared)));
    assert.equal(typed[0], typed[1]);
    assert.match(typed[0]!, /^answered, spent 1\/8$/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('Parquet\'s schema is no declaration: a writer may have inferred it from the values (neighbours 42 and abc written by one)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-declared-pq-'));
  try {
    const tables: Table[] = [];
    for (const v of ['42', 'abc']) {
      await writeFile(join(dir, `d-${v}.csv`), csv(v));
      await writeTable(await readTable(join(dir, `d-${v}.csv`)), join(dir, `d-${v}.parquet`));
      tables.push(await readTable(join(dir, `d-${v}.parquet`), { infer: false })); // as `anonymat dp query` reads it
    }
    assert.deepEqual(tables.map((t) => t.columns.find((c) => c.name === 'age')!.kind), ['integer', 'string']);
    for (const t of tables) {
      assert.throws(() => planQuery(t, histogram, undeclared), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-query'
        && /"age" is not declared numeric/.test(e.message)
        && e.issues.some((i) => i.path === '$.select[0].histogram' && /declares no type for "age"/.test(i.message) && !/text in the data/.test(i.message)));
      assert.deepEqual(planQuery(t, histogram, declared).charge('zcdp'), planQuery(tables[0]!, histogram, declared).charge('zcdp'));
    }
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a table\'s own types never declare: an integer, date or boolean column needs the descriptor\'s type, bounds or scale', () => {
  const pid = Array.from({ length: 40 }, (_, i) => `p${i}`);
  const t = tableFromRecords({
    pid, n: pid.map((_, i) => i % 9), day: pid.map((_, i) => `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`), flag: pid.map((_, i) => (i % 3 === 0 ? 'true' : 'false')),
  }, { n: 'integer', day: 'date', flag: 'boolean' });
  const queries = [
    { select: [{ mean: 'n' }], bounds: { n: [0, 10] } },
    { select: [{ count: 'patients' }], where: { day: { gte: 18271 } } }, // (2020-01-10 as days since 1970-01-01)
    { select: [{ mean: 'flag' }], bounds: { flag: [0, 1] } },
  ];
  for (const q of queries) {
    assert.throws(() => planQuery(t, { ...q, from: 'p', epsilon: '1/2' }, undeclared), (e: unknown) => e instanceof AnonymatError && /not declared numeric/.test(e.message), JSON.stringify(q));
  }
  const d = parseDescriptor({ name: 'p', privacyUnit: 'pid', columns: { n: { type: 'integer' }, day: { type: 'date' }, flag: { type: 'boolean' } } });
  for (const q of queries) assert.ok(planQuery(t, { ...q, from: 'p', epsilon: '1/2' }, d).charge('zcdp'), JSON.stringify(q));
  // (bounds or a scale in the descriptor declare numbers too)
  assert.ok(planQuery(t, { ...queries[0], from: 'p', epsilon: '1/2' }, parseDescriptor({ name: 'p', privacyUnit: 'pid', columns: { n: { scale: 0 } } })).charge('zcdp'));
});

test('`dp query --help` lists the descriptor\'s type among its fields', () => {
  const main = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, 'dp', 'query', '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.replace(/\s+/g, ' '), /data-set descriptor \(JSON\/YAML: name, privacyUnit, type, bounds, keys\)/);
});

test('a value\'s number depends on its label only: true/false read 1/0 under any numeric declaration, whether the table inferred booleans or text', () => {
  const pid = Array.from({ length: 60 }, (_, i) => `p${i}`);
  const flags = pid.map((_, i) => (i % 3 === 0 ? 'true' : 'false'));
  const asBoolean = tableFromRecords({ pid, flag: flags }, { flag: 'boolean' });
  // (the same labels typed as text — as inference gives them when one neighbour wrote "yes")
  const asText = tableFromRecords({ pid, flag: flags }, { flag: 'string' });
  const query = { select: [{ sum: 'flag' }, { mean: 'flag' }], where: { flag: { gte: 1 } }, from: 'p', epsilon: 100 };
  for (const type of ['integer', 'decimal', 'boolean'] as const) {
    const d = parseDescriptor({ name: 'p', privacyUnit: 'pid', columns: { flag: { type, bounds: [0, 1] } } });
    const answers = [asBoolean, asText].map((t) => JSON.stringify(planQuery(t, query, d).execute(testSource(7)).results));
    assert.equal(answers[1], answers[0], type);
    // (and the answer counts the 20 true flags: a sum near 20, not near 0 — ε = 100 leaves little noise)
    const sum = planQuery(asText, query, d).execute(testSource(7)).results[0]!.rows[0]!.value!;
    assert.ok(Math.abs(sum - 20) <= 2, `${type}: ${sum}`);
  }
});
