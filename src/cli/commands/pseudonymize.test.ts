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

test('anonymat pseudonymize: a file without a header row, none of the policy\'s columns in it → its first line (a record) is not printed', () => {
  writeFileSync(join(dir, 'nh.csv'), 'Marie,Dupont,F,Lyon,diabete\nJean,Martin,M,Paris,asthme\n');
  const r = cli(['pseudonymize', join(dir, 'nh.csv'), '--policy', join(dir, 'policy.yaml'), '--key-file', join(dir, 'key'), '-o', join(dir, 'nh.out.csv')]);
  assert.equal(r.status, 2, r.stderr);
  for (const v of ['Marie', 'Dupont', 'Lyon', 'diabete']) assert.ok(!r.stderr.includes(v) && !r.stdout.includes(v), r.stderr);
  assert.match(r.stderr, /none of the named columns was found — has the file a header row\? \(its first line has 5 field\(s\)/);
  // (a policy declaring no type: the read passes, the policy's own check finds the columns absent)
  writeFileSync(join(dir, 'untyped.yaml'), 'columns:\n  pid: { role: person-key }\n  name: { role: identifier }\n  dx: { role: sensitive }\n');
  const u = cli(['pseudonymize', join(dir, 'nh.csv'), '--policy', join(dir, 'untyped.yaml'), '--key-file', join(dir, 'key'), '-o', join(dir, 'nh.out.csv')]);
  assert.equal(u.status, 2, u.stderr);
  for (const v of ['Marie', 'Dupont', 'Lyon', 'diabete']) assert.ok(!u.stderr.includes(v) && !u.stdout.includes(v), u.stderr);
  assert.match(u.stderr, /none of the named columns was found — has the file a header row\?/);
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

test('review D6: key rotation lists the tokens inside notes and --rekey replaces them there; a token it cannot re-key stops the run (exit 2)', () => {
  const NEW = 'beef02'.repeat(11).slice(0, 64);
  writeFileSync(join(dir, 'd6.key'), NEW + '\n');
  writeFileSync(join(dir, 'd6.csv'), 'pid,note,motif\np1,Patient vu par le Dr Jean Martin le 12/03/2020.,Rappeler au 06 12 34 56 78\np2,Appeler Mme Sophie Durand au 06 11 22 33 44.,RAS\n');
  writeFileSync(join(dir, 'd6.yaml'), 'columns:\n  pid: { role: person-key }\n  note: { role: sensitive, text: true }\n  motif: { role: sensitive }\npseudonymize: { textReplacement: pseudonym, lang: fr }\n');
  const run = (key: string, out: string, more: string[] = []) => cli(['pseudonymize', join(dir, 'd6.csv'), '--policy', join(dir, 'd6.yaml'), '--key-file', join(dir, key), '-o', join(dir, out), ...more]);
  assert.equal(run('key', 'd6.old.csv').status, 0);
  const rot = run('d6.key', 'd6.new.csv', ['--rotate-from', join(dir, 'key'), '--correspondence', join(dir, 'd6.rot.csv')]);
  assert.equal(rot.status, 0, rot.stderr);
  const corr = readFileSync(join(dir, 'd6.rot.csv'), 'utf8');
  // (2 person ids, 4 tokens in the notes — 2 names, a date, a phone — and the phone in the kept column's value)
  assert.deepEqual(corr.trim().split('\n').slice(1).map((l) => l.split(',')[0]).sort(), ['motif', ...Array(4).fill('note'), 'pid', 'pid']);
  const rekey = cli(['pseudonymize', join(dir, 'd6.old.csv'), '--policy', join(dir, 'd6.yaml'), '--rekey', join(dir, 'd6.rot.csv'), '-o', join(dir, 'd6.rekeyed.csv'), '--json']);
  assert.equal(rekey.status, 0, rekey.stderr);
  assert.deepEqual(JSON.parse(rekey.stdout).rekeyedText, ['note', 'motif']);
  const NEWOUT = readFileSync(join(dir, 'd6.new.csv'), 'utf8');
  assert.equal(readFileSync(join(dir, 'd6.rekeyed.csv'), 'utf8'), NEWOUT, 'the re-keyed table is the one the new key gives');
  // (a correspondence of the person ids alone, as an earlier version wrote it: refused, nothing written, no token shown)
  writeFileSync(join(dir, 'd6.pid.csv'), corr.split('\n').filter((l) => !/^(note|motif),/.test(l)).join('\n'));
  const partial = cli(['pseudonymize', join(dir, 'd6.old.csv'), '--policy', join(dir, 'd6.yaml'), '--rekey', join(dir, 'd6.pid.csv'), '-o', join(dir, 'd6.partial.csv')]);
  assert.equal(partial.status, 2, partial.stderr);
  assert.match(partial.stderr, /columns\.note: 4 token\(s\) inside its text are not in the correspondence table/);
  assert.ok(!/v\d+:/.test(partial.stderr));
  assert.equal(statSync(join(dir, 'd6.partial.csv'), { throwIfNoEntry: false }), undefined);
});

test('review D9: a shift-dates value that is no date is named by its file and line, with what to do; dates without their zeros shift', () => {
  writeFileSync(join(dir, 'd9.csv'), 'pid,ts\np1,2020-05\np1,2020\np2,2021-02-30\np2,2020-01-01\np3,15/03/2020\np3,2017-9-1\n');
  writeFileSync(join(dir, 'd9.yaml'), 'columns:\n  pid: { role: person-key }\n  ts: { role: quasi, action: shift-dates }\n');
  const r = cli(['pseudonymize', join(dir, 'd9.csv'), '--policy', join(dir, 'd9.yaml'), '--key-file', join(dir, 'key'), '-o', join(dir, 'd9.out.csv')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /d9\.csv:2: column "ts": cannot shift this value .*a partial date .*cannot be shifted by days.*action: generalize/);
  assert.match(r.stderr, /d9\.csv:3: column "ts"/);
  assert.match(r.stderr, /d9\.csv:4: column "ts": .*not a day of the calendar/);
  assert.match(r.stderr, /d9\.csv:6: column "ts": .*day or month first: declare the column type: date with input\.dateOrder dmy/);
  assert.ok(!/d9\.csv:[57]/.test(r.stderr), 'the dates that shift are not named');
  assert.ok(!/2020-05|15\/03|2021-02-30/.test(r.stderr), 'no value quoted');
  assert.equal(statSync(join(dir, 'd9.out.csv'), { throwIfNoEntry: false }), undefined);
  // (the ISO dates, with or without their zeros, shift: one person, one offset)
  writeFileSync(join(dir, 'd9b.csv'), 'pid,ts\np1,2017-09-01\np1,2017-9-8\n');
  const ok = cli(['pseudonymize', join(dir, 'd9b.csv'), '--policy', join(dir, 'd9.yaml'), '--key-file', join(dir, 'key'), '-o', join(dir, 'd9b.out.csv')]);
  assert.equal(ok.status, 0, ok.stderr);
  const [a, b] = readFileSync(join(dir, 'd9b.out.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]!);
  const day = (s: string) => { const [y, m, d] = s.split('-').map(Number); return Date.UTC(y!, m! - 1, d!) / 86_400_000; };
  assert.equal(day(b!) - day(a!), 7);
  assert.notEqual(a, '2017-09-01');
  assert.match(b!, /^\d{4}-\d{1,2}-\d{1,2}$/);
});

test('review D10: the output, the correspondence and the report are written all or none; a file too large is a clear error, exit 2', { skip: process.platform === 'win32' ? 'ulimit is a POSIX shell\'s' : false }, () => {
  const NEW = 'beef03'.repeat(11).slice(0, 64);
  writeFileSync(join(dir, 'd10.key'), NEW + '\n');
  const rows = Array.from({ length: 4000 }, (_, i) => `p${i},2020-01-${String(1 + (i % 28)).padStart(2, '0')},I10`).join('\n');
  writeFileSync(join(dir, 'd10.csv'), `pid,visit,dx\n${rows}\n`);
  writeFileSync(join(dir, 'd10.yaml'), 'columns:\n  pid: { role: person-key }\n  visit: { role: quasi, type: date, action: shift-dates }\n  dx: { role: sensitive }\n');
  const out = join(dir, 'd10', 'out.csv'), rot = join(dir, 'd10', 'rot.csv'), rep = join(dir, 'd10', 'r.json');
  // (a limit of 100 KB on the files written: the correspondence fits, the output of 4,000 rows does not)
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'pseudonymize', join(dir, 'd10.csv'), '--policy', join(dir, 'd10.yaml'), '--key-file', join(dir, 'd10.key'),
    '--rotate-from', join(dir, 'key'), '--correspondence', rot, '--report', rep, '-o', out, '--no-progress'].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('sh', ['-c', `ulimit -f 200; exec '${process.execPath}' ${args}`], { cwd: root, encoding: 'utf8', env: { ...process.env, ANONYMAT_KEY: '', NO_COLOR: '1' } });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /error: cannot write .*d10\/(out|rot)\.csv: the file is larger than the file system or the limit on file sizes allows/);
  assert.ok(!/internal error|token correspondence written/.test(r.stderr), r.stderr);
  for (const f of [out, rot, rep]) assert.equal(statSync(f, { throwIfNoEntry: false }), undefined, f);
});
