import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { suda2 } from './suda2.ts';

const cols = (rows: number[][]) => rows[0]!.map((_, j) => Int32Array.from(rows.map((r) => r[j]!)));
const cards = (rows: number[][]) => rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!)) + 1);

test('hand example: MSUs and scores (M = 3, (M − s)! per MSU)', () => {
  // rows (a, b, c):
  // r0 (0,0,0), r1 (0,0,0) duplicates → score 0
  // r2 (1,0,1): a=1 unique → MSU {a} (2! = 2); b=0,c=1: rows r2,r4? r4 is (0,0,1) → not unique; → score 2
  // r3 (0,1,0): b=1 unique → {b} = 2; a=0,c=0: r0,r1,r3 → no. score 2
  // r4 (0,0,1): {a,c}=(0,1) unique? r4 only (r2 has a=1) → yes; {b,c}=(0,1): r2,r4 → no; {a,b}=(0,0): r0,r1,r4 → no → score 1! = 1
  const rows = [[0, 0, 0], [0, 0, 0], [1, 0, 1], [0, 1, 0], [0, 0, 1]];
  const r = suda2(cols(rows), cards(rows), { maxSize: 3 });
  assert.deepEqual([...r.scores], [0, 0, 2, 2, 1]);
  assert.deepEqual(r.summary.msuBySize, { 1: 2, 2: 1 });
  assert.equal(r.summary.recordsWithMsu, 3);
  // DIS by the formula: U = 3 uniques, P = 2 (one pair), f = 0.01, M = 3 → Q = 1.25
  const U = 3, P = 2, f = 0.01, Q = 1 + (8 - 3) / 20;
  const Dis = (U * f) / (U * f + P * (1 - f));
  const adj = 2 * Math.pow(2, -Q) + Math.pow(1, -Q);
  const dis = (s: number) => 1 / (1 + (U / Dis - U) / (Math.pow(s, Q) * adj));
  assert.ok(Math.abs(r.dis[2]! - dis(2)) < 1e-12 && Math.abs(r.dis[4]! - dis(1)) < 1e-12);
  assert.equal(r.dis[0], 0);
  // contributions: a in {a} and {a,c} = 2 + 1, b: 2, c: 1; total score 5 → 60 %, 40 %, 20 %
  assert.deepEqual(r.summary.contributions.map((x) => Math.round(x * 1e9) / 1e9), [60, 40, 20]);
});

test('maxSize bounds the search: scores are lower bounds, complete only at maxSize ≥ M', () => {
  const rows = [[0, 0, 0], [0, 0, 0], [1, 0, 1], [0, 1, 0], [0, 0, 1]];
  const r = suda2(cols(rows), cards(rows), { maxSize: 1 });
  assert.deepEqual([...r.scores], [0, 0, 2, 2, 0]);
  assert.equal(r.summary.complete, false);
});

// brute force: every subset, check uniqueness and minimality directly
function bruteScores(rows: number[][], maxSize = Infinity): number[] {
  const M = rows[0]!.length;
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const uniqueOn = (i: number, mask: number) => rows.filter((r) => [...Array(M).keys()].every((j) => !(mask >> j & 1) || r[j] === rows[i]![j])).length === 1;
  return rows.map((_, i) => {
    let s = 0;
    for (let mask = 1; mask < 1 << M; mask++) {
      if (popcount(mask) > maxSize || !uniqueOn(i, mask)) continue;
      let minimal = true;
      for (let j = 0; j < M; j++) if (mask >> j & 1 && (mask & ~(1 << j)) && uniqueOn(i, mask & ~(1 << j))) minimal = false;
      if (minimal) s += fact(M - popcount(mask));
    }
    return s;
  });
}
function popcount(x: number): number { let c = 0; while (x) { c += x & 1; x >>= 1; } return c; }

test('property: scores equal a brute-force enumeration of minimal sample uniques', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(2), fc.nat(3), fc.nat(1), fc.nat(2)), { minLength: 1, maxLength: 30 }), (t) => {
    const rows = t.map((r) => [...r]);
    const r = suda2(cols(rows), [3, 4, 2, 3], { maxSize: 4 });
    assert.deepEqual([...r.scores], bruteScores(rows));
  }), { numRuns: 60 });
});

test('more than 30 variables (subset keys are not bit masks): constant columns add no MSU', () => {
  // the hand example's 3 columns, then 33 constant columns interleaved: the same MSUs are found
  // (a constant column never makes a record unique), each weighted (M − s)! with M = 36
  const rows = [[0, 0, 0], [0, 0, 0], [1, 0, 1], [0, 1, 0], [0, 0, 1]];
  const wide = rows.map((r) => [...Array.from({ length: 11 }, () => 0), r[0]!, ...Array.from({ length: 11 }, () => 0), r[1]!, ...Array.from({ length: 11 }, () => 0), r[2]!]);
  const r = suda2(cols(wide), cards(wide), { maxSize: 3 });
  assert.equal(r.summary.variables, 36);
  assert.deepEqual(r.summary.msuBySize, { 1: 2, 2: 1 });
  const f = (k: number): number => (k <= 1 ? 1 : k * f(k - 1));
  assert.deepEqual([...r.scores], [0, 0, f(35), f(35), f(34)]);
  assert.equal(r.summary.contributions.filter((x) => x > 0).length, 3);
});

test('property: with maxSize < M (pruned enumeration), scores equal brute force over subsets of at most maxSize', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(2), fc.nat(3), fc.nat(1), fc.nat(2), fc.nat(1), fc.nat(4)), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (t, maxSize) => {
    const rows = t.map((r) => [...r]);
    const r = suda2(cols(rows), [3, 4, 2, 3, 2, 5], { maxSize });
    assert.deepEqual([...r.scores], bruteScores(rows, maxSize));
  }), { numRuns: 80 });
});

test('an enumeration beyond reach is an invalid-policy error naming risk.suda2MaxSize, not a crash', async () => {
  const { AnonymatError } = await import('../errors.ts');
  const rows = [[0, 1], [1, 0]].map((r) => [...r, ...Array.from({ length: 38 }, (_, j) => (j + r[0]!) % 2)]);
  assert.throws(() => suda2(cols(rows), cards(rows), { maxSize: 12 }),
    (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-policy' && e.issues[0]!.path === 'risk.suda2MaxSize');
});
