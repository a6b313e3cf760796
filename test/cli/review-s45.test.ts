/**
 * The CLI review of s45 (cli-review): a header error quoting a patient's value, a ledger path that is a data file, a rate
 * limit of 0, a closed standard error turned into exit 1, and the smaller ones (which key is too short, a Parquet file on
 * stdin, --delimiter beside --format tsv, a misspelled key of the service's schema).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, repo, runCli } from './helpers.ts';
import { writeTable } from '../../src/io/write.ts';
import { tableFromRecords } from '../../src/table/table.ts';

// (made-up values: a record where the header should be)
const RECORD = ['Marie', 'Dupont', 'Dupont', '1954-03-12', 'F'];
const SECOND = ['Jean', 'Martin', 'Durand', '1960-01-02', 'M'];

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-s45-'));
  try { await fn(dir); } finally { await rm(dir, { recursive: true, force: true }); }
}

/** Runs the CLI; kills it after `ms` (a service that started) and says so. */
function runFor(args: string[], ms: number, o: { closeStderr?: boolean } = {}): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repo, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '', stderr = '', killed = false;
    child.stdout.on('data', (d) => (stdout += d));
    if (o.closeStderr) child.stderr.destroy(); else child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, ms);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, killed }); });
    child.stdin.end();
  });
}

test('1. a first line of values whose cells repeat: every command names the columns by their place, never the value', async () => {
  await withDir(async (dir) => {
    const f = join(dir, 'nh2.csv');
    await writeFile(f, `${RECORD.join(',')}\n${SECOND.join(',')}\n`);
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  pid: { role: person-key }\n');
    await writeFile(join(dir, 'k.hex'), 'ab'.repeat(32));
    for (const args of [['assess', f, '--qi', 'Marie', '-k', '2'], ['init', f], ['pseudonymize', f, '--policy', join(dir, 'p.yaml'), '--key-file', join(dir, 'k.hex')]]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
      for (const v of [...RECORD, ...SECOND].filter((x) => x.length > 1)) assert.ok(!r.stderr.includes(v) && !r.stdout.includes(v), `${args[0]} shows ${v}: ${r.stderr}`);
    }
    const a = await runCli(['assess', f, '--qi', 'Marie', '-k', '2']);
    assert.match(a.stderr, /nh2\.csv:1:3: columns 2 and 3 have the same name/);
    assert.match(a.stderr, /header row/);
    const i = await runCli(['init', f]);
    assert.match(i.stderr, /nh2\.csv:1: the first line holds values, not column names/);
    const p = await runCli(['pseudonymize', f, '--policy', join(dir, 'p.yaml'), '--key-file', join(dir, 'k.hex')]);
    assert.match(p.stderr, /nh2\.csv:1: the first line holds values, not column names/);
    assert.equal(p.stdout, '');
  });
});

test('2. dp budget --ledger on an existing CSV, JSON or Parquet file, or a new *.csv: exit 2, nothing printed as allocated, nothing written', async () => {
  await withDir(async (dir) => {
    await writeFile(join(dir, 'patients.csv'), 'pid,age\nP1,30\nP2,40\n');
    await writeFile(join(dir, 'patients.json'), '[{"pid":"P1","age":30}]\n');
    await writeTable(tableFromRecords({ pid: ['P1', 'P2'], age: [30, 40] }), join(dir, 'patients.parquet'));
    const before = new Map<string, Buffer>();
    for (const f of await readdir(dir)) before.set(f, await readFile(join(dir, f)));
    for (const name of ['patients.csv', 'patients.json', 'patients.parquet', 'new-ledger.csv']) {
      const r = await runCli(['dp', 'budget', '--ledger', join(dir, name), '--client', 'lab', '--dataset', 'patients', '--allocate-rho', '1/2']);
      assert.equal(r.code, 2, `${name}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', name);
      assert.match(r.stderr, /--ledger/);
      assert.match(r.stderr, name === 'new-ledger.csv' ? /name of a data file/ : /not a DuckDB ledger/);
    }
    assert.deepEqual((await readdir(dir)).sort(), [...before.keys()].sort());
    for (const [f, b] of before) assert.ok(b.equals(await readFile(join(dir, f))), `${f} changed`);
    // (a ledger of its own is created, and read back)
    const ok = await runCli(['dp', 'budget', '--ledger', join(dir, 'budget.duckdb'), '--client', 'lab', '--dataset', 'patients', '--allocate-rho', '1/2']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match((await runCli(['dp', 'budget', '--ledger', join(dir, 'budget.duckdb')])).stdout, /lab\tpatients/);
  });
});

test('3. serve --rate-limit 0, -5 or 1.5: exit 2 with the option named, before anything starts', { timeout: 120_000 }, async () => {
  await withDir(async (dir) => {
    await writeFile(join(dir, 'k.hex'), 'ab'.repeat(32));
    for (const v of ['0', '-5', '1.5']) {
      const r = await runFor(['serve', '--data', join(dir, 'obs'), '--key-file', join(dir, 'k.hex'), '--port', '0', '--quiet', `--rate-limit=${v}`], 20_000);
      assert.equal(r.killed, false, `--rate-limit ${v}: the service started (${r.stdout.split('\n').filter((l) => l.startsWith('anonymat serve')).join(' ')})`);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /--rate-limit .*whole number of at least 1/);
      assert.equal(r.stdout, '');
    }
    assert.deepEqual(await readdir(dir), ['k.hex']);
  });
});

test('4. a closed standard error keeps the command\'s exit code (2 for a usage error), not 1', async () => {
  await withDir(async (dir) => {
    const f = join(dir, 'x.csv');
    await writeFile(f, 'a,b\n1,2\n');
    const usage = await runFor(['assess', f, '--bogus'], 30_000, { closeStderr: true });
    assert.equal(usage.code, 2);
    const input = await runFor(['assess', join(dir, 'missing.csv'), '--qi', 'a', '-k', '2'], 30_000, { closeStderr: true });
    assert.equal(input.code, 2);
  });
});

test('5. which key is too short or unreadable: --rotate-from is named as such, never --key-file', async () => {
  await withDir(async (dir) => {
    await writeFile(join(dir, 'p.csv'), 'pid,age\nP1,30\nP2,40\n');
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  pid: { role: person-key }\n  age: { role: quasi }\n');
    await writeFile(join(dir, 'cur.key'), 'cd'.repeat(32));
    await writeFile(join(dir, 'short.key'), 'abcde');
    const base = ['pseudonymize', join(dir, 'p.csv'), '--policy', join(dir, 'p.yaml'), '--key-file', join(dir, 'cur.key'), '--correspondence', join(dir, 'c.csv'), '-o', join(dir, 'o.csv')];
    const short = await runCli([...base, '--rotate-from', join(dir, 'short.key')]);
    assert.equal(short.code, 2);
    assert.match(short.stderr, /the previous key \(--rotate-from\) is too short/);
    const material = await runCli([...base, '--rotate-from', 'ef'.repeat(32)]);
    assert.equal(material.code, 2);
    assert.match(material.stderr, /^\s+--rotate-from: unreadable key file/m);
    assert.doesNotMatch(material.stderr, /--key-file|efefefefefefefef/);
    const cur = await runCli(['pseudonymize', join(dir, 'p.csv'), '--policy', join(dir, 'p.yaml'), '--key-file', join(dir, 'short.key'), '-o', join(dir, 'o.csv')]);
    assert.match(cur.stderr, /the pseudonymization key \(--key-file\) is too short/);
    assert.deepEqual((await readdir(dir)).sort(), ['cur.key', 'p.csv', 'p.yaml', 'short.key']);
  });
});

test('5. a Parquet file on stdin is named as one, with --format parquet', async () => {
  await withDir(async (dir) => {
    await writeTable(tableFromRecords({ a: ['x', 'y'], b: [1, 2] }), join(dir, 't.parquet'));
    const r = await runCli(['assess', '-', '--qi', 'a', '-k', '1'], { stdin: await readFile(join(dir, 't.parquet')) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the input is a Parquet file, not CSV text/);
    assert.match(r.stderr, /--format parquet/);
    assert.doesNotMatch(r.stderr, /UTF-16/);
  });
});

test('5. dp query --delimiter with a TSV input (--format tsv or .tsv) is refused, not ignored', async () => {
  await withDir(async (dir) => {
    await writeFile(join(dir, 'q.csv'), 'pid;sex\nP1;F\nP2;M\n');
    await writeFile(join(dir, 'q.dp.json'), '{"name":"q","privacyUnit":"pid","columns":{"sex":{"keys":["F","M"]}}}');
    const ledger = join(dir, 'l.duckdb');
    assert.equal((await runCli(['dp', 'budget', '--ledger', ledger, '--client', 'c', '--dataset', 'q', '--allocate-rho', '1'])).code, 0);
    const query = '{"select":[{"count":"patients"}],"from":"q","groupBy":["sex"],"epsilon":"1/2"}';
    const r = await runCli(['dp', 'query', join(dir, 'q.csv'), '--format', 'tsv', '--delimiter', ';', '--ledger', ledger, '--client', 'c', '--query', query]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /--delimiter applies to CSV input only/);
    // (nothing was spent)
    assert.match((await runCli(['dp', 'budget', '--ledger', ledger, '--json'])).stdout, /"spent": "0"/);
    // (CSV with its delimiter: answered)
    assert.equal((await runCli(['dp', 'query', join(dir, 'q.csv'), '--delimiter', ';', '--ledger', ledger, '--client', 'c', '--query', query])).code, 0);
  });
});

test('5. serve --schema with a misspelled key names it and the nearest valid key (top level and inside)', { timeout: 120_000 }, async () => {
  await withDir(async (dir) => {
    await writeFile(join(dir, 'k.hex'), 'ab'.repeat(32));
    const cases: [string, RegExp][] = [
      ['columns:\n  patient_id: { role: person-key }\ntresholds: { k: 5 }\n', /unknown key "tresholds" \(did you mean "thresholds"\?\)/],
      ['columns:\n  patient_id: { role: person-key }\nthresholds: { k: 5 }\nsuppresionLimit: 0.5\n', /unknown key "suppresionLimit" \(did you mean "suppressionLimit"\?\)/],
      ['columns:\n  patient_id: { role: person-key }\n  sex: { role: quasi, kidn: date }\nthresholds: { k: 5, maxProsecutorrisk: 0.2 }\n', /s\.yaml:\$\.columns\.sex: unknown key "kidn" \(did you mean "kind"\?\)[^]*maxProsecutorrisk" \(did you mean "maxProsecutorRisk"/],
    ];
    for (const [yaml, expected] of cases) {
      await writeFile(join(dir, 's.yaml'), yaml);
      const r = await runFor(['serve', '--schema', join(dir, 's.yaml'), '--data', join(dir, 'obs'), '--key-file', join(dir, 'k.hex'), '--port', '0', '--quiet'], 20_000);
      assert.equal(r.killed, false, `the service started with ${JSON.stringify(yaml)}`);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, expected);
    }
  });
});
