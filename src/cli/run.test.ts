import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { reportError, systemError, systemReason } from './run.ts';

test('a file-system error is one clear line (what, which path, what to do), exit 2; an internal error masks quoted values', async () => {
  const e = await mkdir('/proc/anonymat-cannot-be-here').catch((x: unknown) => x);
  const line = systemError(e);
  assert.ok(line !== null && /^cannot mkdir \/proc\/anonymat-cannot-be-here: /.test(line), String(line));
  assert.equal(systemError(new Error('plain')), null);
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => { written.push(s); return true; }) as typeof process.stderr.write;
  try {
    assert.equal(reportError(e), 2);
    assert.equal(reportError(new Error('Conversion Error: date field value out of range: "1980-02-30" when casting')), 1);
  } finally {
    process.stderr.write = write;
  }
  assert.doesNotMatch(written.join(''), /1980-02-30|\n\s+at .*\n.*internal error/);
  assert.match(written[0]!, /^.*error.*: cannot mkdir/);
  assert.match(written[1]!, /internal error.*Conversion Error: date field value out of range: "…" when casting/);
});

test('outputs never overwrite an input, a key or another output; an output folder never holds an input', async () => {
  const { mkdtempSync, writeFileSync, symlinkSync, mkdirSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { refuseOverwrites, refuseOutputHoldingInputs } = await import('./run.ts');
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-paths-'));
  try {
    writeFileSync(join(dir, 'in.csv'), 'a\n1\n');
    writeFileSync(join(dir, 'k.key'), 'ab'.repeat(32));
    symlinkSync(join(dir, 'in.csv'), join(dir, 'link.csv'));
    mkdirSync(join(dir, 'sub'));
    const inputs: [string, string][] = [['input', join(dir, 'in.csv')], ['--key-file', join(dir, 'k.key')]];
    assert.throws(() => refuseOverwrites([['-o', join(dir, 'in.csv')]], inputs), /-o .*in\.csv is the same file as input/);
    assert.throws(() => refuseOverwrites([['-o', join(dir, 'sub', '..', 'in.csv')]], inputs), /same file as input/);
    assert.throws(() => refuseOverwrites([['-o', join(dir, 'link.csv')]], inputs), /same file as input/);
    assert.throws(() => refuseOverwrites([['-o', join(dir, 'k.key')]], inputs), /same file as --key-file/);
    assert.throws(() => refuseOverwrites([['-o', join(dir, 'new.csv')], ['--report', join(dir, 'new.csv')]], inputs), /two outputs would be this one file/);
    refuseOverwrites([['-o', join(dir, 'new.csv')], ['--report', join(dir, 'r.json')], ['-o', '-'], ['-o', '/dev/null']], [...inputs, ['input', '-']]);
    assert.throws(() => refuseOverwrites([['-o', join(dir, 'sub')]], inputs), /-o .*sub is a folder/);
    assert.throws(() => refuseOutputHoldingInputs(dir, [join(dir, 'in.csv')]), /holds the input/);
    assert.throws(() => refuseOutputHoldingInputs(dir, [dir]), /is or holds the input/);
    refuseOutputHoldingInputs(join(dir, 'sub'), [join(dir, 'in.csv')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file-system error on an output\'s temporary file names the output the user gave', () => {
  const e = Object.assign(new Error('ENOENT'), { code: 'ENOENT', syscall: 'open', path: '/proc/.out.csv.14935.cf6ac894.tmp' });
  assert.equal(systemError(e), 'cannot open /proc/out.csv: no such file or folder: check the path');
  const other = Object.assign(new Error('ENOENT'), { code: 'ENOENT', syscall: 'open', path: '/data/.hidden.csv' });
  assert.equal(systemError(other), 'cannot open /data/.hidden.csv: no such file or folder: check the path');
});

test('cli (review D1): init and pseudonymize stop with exit 2 on a file without a header row, never showing its first record, and write nothing; --no-header and input.header: false read it', async () => {
  const { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { runCli } = await import('../../test/cli/helpers.ts');
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-noheader-'));
  const record = ['2 55 08 14 168 025 38', 'DURAND', 'Aline', '06 12 34 56 78', '14/08/1955'];
  const clean = (s: string) => { for (const v of record) assert.ok(!s.includes(v), `${v} shown in: ${s}`); };
  try {
    const csv = join(dir, 'noheader.csv');
    writeFileSync(csv, `${record.join(',')},E11\n1 85 02 2A 004 123 08,MARTIN,Jean,01 42 21 32 74,02/02/1985,I10\n1 63 11 2B 032 001 54,LEROY,Paul,07 11 22 33 44,12/11/1963,J45\n`);
    writeFileSync(join(dir, 'fr.yaml'), 'columns: {}\npseudonymize:\n  profile: fr\n  referenceDate: 2026-01-01\n');
    const init = await runCli(['init', csv, '--no-progress', '-o', join(dir, 'policy.yaml')]);
    assert.equal(init.code, 2, init.stderr);
    assert.match(init.stderr, /the first line holds values, not column names/);
    assert.match(init.stderr, /--no-header/);
    clean(init.stdout + init.stderr);
    assert.ok(!existsSync(join(dir, 'policy.yaml')));
    const ps = await runCli(['pseudonymize', csv, '--policy', join(dir, 'fr.yaml'), '--no-progress', '-o', join(dir, 'out.csv'), '--report', join(dir, 'r.json')]);
    assert.equal(ps.code, 2, ps.stderr);
    assert.match(ps.stderr, /the first line holds values, not column names/);
    assert.match(ps.stderr, /input\.header: false/);
    clean(ps.stdout + ps.stderr);
    assert.ok(!existsSync(join(dir, 'out.csv')) && !existsSync(join(dir, 'r.json')));
    // (from standard input too)
    const stdin = await runCli(['pseudonymize', '-', '--policy', join(dir, 'fr.yaml'), '--no-progress'], { stdin: readFileSync(csv) });
    assert.equal(stdin.code, 2, stdin.stderr);
    clean(stdin.stdout + stdin.stderr);
    // (the file declared without a header: every row read, the columns named column1..N, the proposal says so)
    const ok = await runCli(['init', csv, '--no-header', '--no-progress']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /column1: +\{ role: identifier \}/);
    assert.match(ok.stdout, /\ninput:\n(?: .*\n)*  header: false/);
    assert.ok(!/^ +"?(?:2 55 08|DURAND|Aline|06 12|14\/08)/m.test(ok.stdout), ok.stdout);
    writeFileSync(join(dir, 'fr-noheader.yaml'), 'columns: {}\ninput: { header: false }\npseudonymize:\n  profile: fr\n  referenceDate: 2026-01-01\n');
    const out = await runCli(['pseudonymize', csv, '--policy', join(dir, 'fr-noheader.yaml'), '--no-progress']);
    assert.equal(out.code, 0, out.stderr);
    // (every patient kept; the NIR and the phone numbers, found by their values, dropped)
    assert.equal(out.stdout.trim().split('\n').length, 4);
    assert.ok(!out.stdout.includes('2 55 08') && !out.stdout.includes('06 12 34'), out.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file name longer than the file system allows is a user error with its reason, not an internal failure', () => {
  const e = Object.assign(new Error("ENAMETOOLONG: name too long, open '/tmp/xxx'"), { code: 'ENAMETOOLONG' });
  assert.match(systemReason(e) ?? '', /longer than the file system allows/);
});
