/**
 * Every exported make* constructor has a proof beside it (constructors/<name>.proof.md) with the
 * four parts (statement, preconditions, pseudo-code, proof). Fails when one is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import * as dp from './index.ts';

test('each exported make* constructor has a *.proof.md with statement, preconditions, pseudo-code and proof', () => {
  const names = Object.keys(dp).filter((n) => /^make[A-Z]/.test(n) && typeof (dp as Record<string, unknown>)[n] === 'function');
  assert.ok(names.length >= 10, `found ${names.length} constructors`);
  const missing: string[] = [];
  for (const n of names) {
    const file = n.startsWith('makeChain') ? new URL('./makeChain.proof.md', import.meta.url) : new URL(`./constructors/${n}.proof.md`, import.meta.url);
    if (!existsSync(file)) { missing.push(n); continue; }
    const text = readFileSync(file, 'utf8');
    for (const h of ['## Statement', '## Preconditions', '## Pseudo-code', '## Proof']) assert.ok(text.includes(h), `${n}.proof.md lacks "${h}"`);
    assert.ok(/\[[A-Z][A-Za-z]+\d\d/.test(text) || /arXiv|NeurIPS|TCC|STOC|PoPETs/.test(text), `${n}.proof.md cites no source`);
  }
  assert.deepEqual(missing, [], `constructors without a proof: ${missing.join(', ')}`);
});
