import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, shared, hasShared } from './helpers.ts';

// An ingestion stopped by Ctrl-C while it writes: the temporary folder (partial patient tables) is removed, exit 130.
test('ingest stopped by SIGINT while writing leaves no temporary output', { skip: hasShared ? false : 'needs ../shared/data (synthea-ca-59)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-sig-'));
  try {
    const input = join(shared, 'synthea-ca-59', 'fhir-r4');
    assert.ok(existsSync(input), input);
    const child = spawn(process.execPath, [bin, 'ingest', input, '-o', join(dir, 'out')], { stdio: 'ignore' });
    let seen = false;
    const poll = setInterval(() => {
      if (!seen && readdirSync(dir).some((f) => f.endsWith('.tmp'))) { seen = true; child.kill('SIGINT'); }
    }, 2);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => { clearInterval(poll); resolve(c); }));
    assert.ok(seen, 'the temporary folder was never seen: the write finished before the poll');
    assert.equal(code, 130);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
