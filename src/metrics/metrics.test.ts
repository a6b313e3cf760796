import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arxAggregate, arxAttributeLoss, createMetric } from './metrics.ts';
import { compileHierarchy, parseArxHierarchy } from '../hierarchy/hierarchy.ts';
import { columnFromValues } from '../table/table.ts';
import type { NodeStats } from './metrics.ts';

// a 4-row hierarchy (one value absent from the data) and 4 data rows a, a, b, c
const h = parseArxHierarchy('a;ab;*\nb;ab;*\nc;cd;*\nd;cd;*', 'x');
const col = columnFromValues('x', ['a', 'a', 'b', 'c']);
const ch = compileHierarchy(h, col);
const groundCounts = [Int32Array.from([2, 1, 1, 0])];
const ctx = { n: 4, qi: [ch], groundCounts };

function stats(level: number, suppressedClasses: number[] = []): NodeStats {
  // classes at the level, in order of the level's codes present
  const map = ch.levelOfGround[level]!;
  const sizes = new Map<number, number>();
  [0, 0, 1, 2].forEach((g) => sizes.set(map[g]!, (sizes.get(map[g]!) ?? 0) + 1));
  const codes = [...sizes.keys()];
  const sup = Uint8Array.from(codes, (_, i) => (suppressedClasses.includes(i) ? 1 : 0));
  let rows = 0; codes.forEach((c, i) => { if (sup[i]) rows += sizes.get(c)!; });
  return { levels: Int32Array.of(level), classes: codes.length, sizes: Int32Array.from(codes, (c) => sizes.get(c)!), codes: [Int32Array.from(codes)], suppressed: sup, suppressedRows: rows };
}

test('ARX Loss by hand: level 1 shares 2/4, S = 4·½ = 2, L = (2 − 1)/(4 − 1) = 1/3', () => {
  const m = createMetric('loss', ctx);
  assert.equal(arxAttributeLoss(2, 4, 4), Math.floor(1e10 / 3) / 1e10);
  // one attribute: Loss = (1 + L)^(1/1) − 1 (= L up to rounding)
  assert.ok(Math.abs(m.lowerBound!([1]) - Math.floor(1e10 / 3) / 1e10) < 1e-15);
  assert.equal(m.lowerBound!([0]), 0);   // S = 4·¼ = N/R
  assert.equal(m.lowerBound!([2]), 1);   // S = 4
  assert.equal(m.evaluate(stats(1)), m.lowerBound!([1]));
});

test('ARX Loss with suppression: suppressed rows count 1 (level 1, class "cd" of 1 row suppressed)', () => {
  const m = createMetric('loss', ctx);
  // kept: a,a,b at share ½ → 1.5; suppressed 1 → S = 2.5, L = (2.5 − 1)/3 = 0.5
  const s = stats(1, [1]);
  assert.equal(s.suppressedRows, 1);
  assert.ok(Math.abs(m.evaluate(s) - 0.5) < 1e-15);
  assert.ok(m.evaluate(s) >= m.lowerBound!([1]));
});

test('ARX aggregation: product of n-th roots of (1 + w·L), minus 1', () => {
  assert.equal(arxAggregate([0, 0]), 0);
  assert.ok(Math.abs(arxAggregate([1, 1]) - 1) < 1e-15);
  assert.ok(Math.abs(arxAggregate([1, 0]) - (Math.SQRT2 - 1)) < 1e-15);
  assert.ok(Math.abs(arxAggregate([1, 0], [0.5, 1]) - (Math.sqrt(1.5) - 1)) < 1e-15);
});

test('precision, discernibility, AECS, non-uniform entropy by hand', () => {
  const prec = createMetric('precision', ctx);
  assert.equal(prec.evaluate(stats(1)), 0.5);                 // level 1 of max 2
  assert.equal(prec.evaluate(stats(1, [1])), (3 * 0.5 + 1) / 4);
  const dm = createMetric('discernibility', ctx);
  assert.equal(dm.evaluate(stats(1)), 3 * 3 + 1);             // classes ab (3), cd (1)
  assert.equal(dm.evaluate(stats(1, [1])), 9 + 1 * 4);        // suppressed row costs N
  const aecs = createMetric('aecs', ctx);
  assert.equal(aecs.evaluate(stats(0)), 4 / 3);
  const ent = createMetric('entropy', ctx);
  // level 1: rows a,a: log2(3/2) each; b: log2(3/1); c: log2(1/1) = 0
  const expect = 2 * Math.log2(3 / 2) + Math.log2(3);
  assert.ok(Math.abs(ent.evaluate(stats(1)) - expect) < 1e-12);
  // suppress class cd (row c): + log2(N / count(cd)) = log2(4)
  assert.ok(Math.abs(ent.evaluate(stats(1, [1])) - (expect + 2)) < 1e-12);
});
