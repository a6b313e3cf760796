import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers.ts';

// The YAML files the commands read on demand (a DP descriptor and query, the service's schema), through the bin script: in
// a built clone it runs the bundle, where a dynamic import of the yaml package held no `parse` (it was "parse is not a function").
test('dp query reads a YAML descriptor and a YAML query; serve reads a YAML schema (and says what does not validate)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-yaml-'));
  try {
    const rows = ['pid,age', ...Array.from({ length: 50 }, (_, i) => `P${i},${20 + i}`)];
    await writeFile(join(dir, 'p.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'd.dp.yaml'), 'name: patients\nprivacyUnit: pid\ncolumns:\n  age:\n    bounds: [0, 110]\n');
    await writeFile(join(dir, 'q.yaml'), 'select:\n  - count: patients\nfrom: patients\nrho: 1/8\n');
    const ledger = join(dir, 'l.duckdb');
    const b = await runCli(['dp', 'budget', '--ledger', ledger, '--client', 'lab', '--dataset', 'patients', '--allocate-rho', '1/2']);
    assert.equal(b.code, 0, b.stderr);
    const q = await runCli(['dp', 'query', join(dir, 'p.csv'), '--dataset', join(dir, 'd.dp.yaml'), '--query', join(dir, 'q.yaml'),
      '--ledger', ledger, '--client', 'lab', '--json']);
    assert.equal(q.code, 0, q.stderr);
    assert.match(q.stdout, /"patients"|count/);
    // a schema that is YAML but no schema: exit 2 naming the file, no internal error
    await writeFile(join(dir, 'k.hex'), 'ab'.repeat(32));
    await writeFile(join(dir, 's.yaml'), 'tables: 3\n');
    const s = await runCli(['serve', '--schema', join(dir, 's.yaml'), '--data', join(dir, 'obs'), '--key-file', join(dir, 'k.hex'), '--port', '0']);
    assert.equal(s.code, 2, s.stderr);
    assert.match(s.stderr, /s\.yaml/);
    assert.doesNotMatch(s.stderr, /internal error|is not a function/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('dp query on a data file that is not there says so (not that its descriptor is missing), exit 2, no ledger made', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-dp-nofile-'));
  try {
    const r = await runCli(['dp', 'query', join(dir, 'nope.csv'), '--ledger', join(dir, 'b.duckdb'), '--client', 'c', '--query', '{"select":[{"count":"patients"}],"from":"patients","epsilon":"1/10"}']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope\.csv: cannot read the file \(ENOENT\)/);
    assert.doesNotMatch(r.stderr, /descriptor/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});
