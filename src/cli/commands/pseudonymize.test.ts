import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = (args: string[], env: Record<string, string> = {}, input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ANONYMAT_KEY: '', ...env }, input });

const dir = mkdtempSync(join(tmpdir(), 'anonymat-pseudo-'));
const KEY = 'c0ffee'.repeat(11).slice(0, 64);
writeFileSync(join(dir, 'key'), KEY + '\n');
writeFileSync(join(dir, 'short.key'), 'tooshort\n');
writeFileSync(join(dir, 'in.csv'), 'pid,name,visit,dx\np1,Marie Curie,2020-01-01,I10\np1,Marie Curie,2020-01-11,E11\np2,Jean Dupont,2021-06-30,J45\n');
writeFileSync(join(dir, 'policy.yaml'), 'columns:\n  pid: { role: person-key }\n  name: { role: identifier }\n  visit: { role: quasi, type: date, action: shift-dates }\n  dx: { role: sensitive }\n');

test('anonymat pseudonymize: same input + key + policy → same bytes; key never printed', () => {
  const a = cli(['pseudonymize', join(dir, 'in.csv'), '--policy', join(dir, 'policy.yaml'), '--key-file', join(dir, 'key'), '-o', join(dir, 'a.csv'), '--json']);
  assert.equal(a.status, 0, a.stderr);
  const b = cli(['pseudonymize', join(dir, 'in.csv'), '--policy', join(dir, 'policy.yaml'), '-o', join(dir, 'b.csv')], { ANONYMAT_KEY: KEY });
  assert.equal(b.status, 0, b.stderr);
  const A = readFileSync(join(dir, 'a.csv'), 'utf8');
  assert.equal(A, readFileSync(join(dir, 'b.csv'), 'utf8'));
  assert.match(A, /^pid,visit,dx\nv1:[a-z2-7]{26},/);
  assert.ok(!A.includes('Marie'));
  for (const out of [a.stdout, a.stderr, b.stdout, b.stderr]) assert.ok(!out.includes(KEY.slice(0, 16)));
  const report = JSON.parse(a.stdout);
  assert.deepEqual(report.dropped, ['name']);
});

test('anonymat pseudonymize: missing or short key → exit 2 invalid-key', () => {
  const none = cli(['pseudonymize', join(dir, 'in.csv'), '--policy', join(dir, 'policy.yaml'), '-o', join(dir, 'c.csv')]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /key is required/);
  const short = cli(['pseudonymize', join(dir, 'in.csv'), '--policy', join(dir, 'policy.yaml'), '--key-file', join(dir, 'short.key'), '-o', join(dir, 'c.csv')]);
  assert.equal(short.status, 2);
  assert.match(short.stderr, /too short/);
  assert.ok(!short.stderr.includes('tooshort'));
});

test('anonymat pseudonymize --rotate-from: the correspondence is its owner\'s alone (0600), and re-keying the old output with it gives the new output', () => {
  const NEW = 'beef01'.repeat(11).slice(0, 64);
  writeFileSync(join(dir, 'new.key'), NEW + '\n');
  const old = cli(['pseudonymize', join(dir, 'in.csv'), '--policy', join(dir, 'policy.yaml'), '--key-file', join(dir, 'key'), '-o', join(dir, 'old.csv')]);
  assert.equal(old.status, 0, old.stderr);
  const rot = cli(['pseudonymize', join(dir, 'in.csv'), '--policy', join(dir, 'policy.yaml'), '--key-file', join(dir, 'new.key'), '--rotate-from', join(dir, 'key'),
    '--correspondence', join(dir, 'rotation.csv'), '-o', join(dir, 'new.csv')]);
  assert.equal(rot.status, 0, rot.stderr);
  assert.equal(statSync(join(dir, 'rotation.csv')).mode & 0o777, 0o600);
  for (const out of [rot.stdout, rot.stderr]) { assert.ok(!out.includes(KEY.slice(0, 16))); assert.ok(!out.includes(NEW.slice(0, 16))); }
  const corr = readFileSync(join(dir, 'rotation.csv'), 'utf8').trim().split('\n');
  assert.equal(corr.length, 1 + 2, 'one row per person');
  const rekey = cli(['pseudonymize', join(dir, 'old.csv'), '--policy', join(dir, 'policy.yaml'), '--rekey', join(dir, 'rotation.csv'), '-o', join(dir, 'rekeyed.csv')]);
  assert.equal(rekey.status, 0, rekey.stderr);
  const col = (f: string) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => l.split(',')[0]);
  assert.deepEqual(col('rekeyed.csv'), col('new.csv'));
  assert.notDeepEqual(col('old.csv'), col('new.csv'));
});
