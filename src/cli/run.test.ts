import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { reportError, systemError } from './run.ts';

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
