import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { bin, repo } from './helpers.ts';

// A standard output that fails (a full disk) is one line on stderr and exit 2, not a stack trace.
test('redact to a full standard output: one clear line, exit 2', { skip: existsSync('/dev/full') ? false : 'no /dev/full on this system' }, () => {
  const full = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [bin, 'redact', '-', '--lang', 'fr'], { cwd: repo, input: 'Mme Jeanne DUPONT, 06 12 34 56 78.\n', stdio: ['pipe', full, 'pipe'], encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cannot write to standard output: no space left/);
    assert.doesNotMatch(r.stderr, /\n\s+at |internal error|DUPONT/);
  } finally {
    closeSync(full);
  }
});
