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
