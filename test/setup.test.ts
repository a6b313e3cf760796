import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

test('property tests run with the fixed seed of test/setup.ts (scripts/test.sh preloads it)', (t) => {
  const seed = fc.readConfigureGlobal().seed;
  if (seed === undefined) { t.skip('run through npm test (scripts/test.sh preloads test/setup.ts)'); return; }
  assert.equal(seed, Number(process.env.FC_SEED ?? 20261128));
});
