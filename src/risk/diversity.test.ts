import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diversity } from './diversity.ts';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

// Two classes. Class 0: values a,a,a,b (codes 0,0,0,1). Class 1: values b,c (codes 1,2).
const classOf = Int32Array.from([0, 0, 0, 0, 1, 1]);
const codes = Int32Array.from([0, 0, 0, 1, 1, 2]);

test('distinct, entropy and recursive (c,l) by hand', () => {
  const d = diversity(classOf, 2, codes, 3, { c: 2, lThreshold: 3 });
  assert.equal(d.distinctL, 2);
  // class 0: H = −(¾ ln ¾ + ¼ ln ¼); class 1: H = ln 2 → exp = 2
  close(d.entropyL, Math.min(Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25))), 2));
  // class 0: r = (3,1); l = 2 needs 3 < 2·1: no → l = 1. class 1: r = (1,1); 1 < 2·1 → l = 2. min = 1
  assert.equal(d.recursiveCL, 1);
  assert.equal(diversity(classOf, 2, codes, 3, { c: 4 }).recursiveCL, 2); // 3 < 4·1
  assert.equal(d.classesBelowL, 2);
  assert.equal(d.recordsBelowL, 6);
});

test('t-closeness, equal and ordered distance, by hand', () => {
  // overall p = (3/6, 2/6, 1/6). class 0: q = (3/4, 1/4, 0); class 1: q = (0, 1/2, 1/2)
  // equal: class 0 ½(¼ + 1/12 + 1/6) = 1/4; class 1 ½(½ + 1/6 + 1/3) = ½ → t = ½
  close(diversity(classOf, 2, codes, 3, { tDistance: 'equal' }).t, 0.5);
  // ordered: cumulative differences class 0: (¼, 1/6, 0) → (5/12)/2 = 5/24; class 1: (−½, −1/3, 0) → (5/6)/2 = 5/12
  close(diversity(classOf, 2, codes, 3, { tDistance: 'ordered' }).t, 5 / 12);
});

test('unused dictionary codes do not count as values (ordered distance over present values)', () => {
  // same data, codes spread out with gaps (cardinality 10)
  const spread = Int32Array.from([0, 0, 0, 4, 4, 9]);
  close(diversity(classOf, 2, spread, 10, { tDistance: 'ordered' }).t, 5 / 12);
  assert.equal(diversity(classOf, 2, spread, 10).values, 3);
});

function naiveOrderedT(cls: number[], vals: number[]): number {
  const n = cls.length;
  const distinct = [...new Set(vals)].sort((a, b) => a - b);
  const m = distinct.length;
  const p = distinct.map((v) => vals.filter((x) => x === v).length / n);
  let t = 0;
  for (const c of new Set(cls)) {
    const rows = cls.map((x, i) => (x === c ? vals[i]! : null)).filter((x): x is number => x !== null);
    const q = distinct.map((v) => rows.filter((x) => x === v).length / rows.length);
    let cum = 0, s = 0;
    for (let i = 0; i < m; i++) { cum += q[i]! - p[i]!; s += Math.abs(cum); }
    t = Math.max(t, m > 1 ? s / (m - 1) : 0);
  }
  return t;
}

test('property: the O(pairs·log) ordered distance equals the direct O(classes × values) sum', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(6), fc.nat(12)), { minLength: 1, maxLength: 80 }), (rows) => {
    const ids = new Map<number, number>();
    const cls = rows.map((r) => { if (!ids.has(r[0])) ids.set(r[0], ids.size); return ids.get(r[0])!; });
    const vals = rows.map((r) => r[1]);
    const d = diversity(Int32Array.from(cls), ids.size, Int32Array.from(vals), 13, { tDistance: 'ordered' });
    close(d.t, naiveOrderedT(cls, vals), 1e-9);
    assert.ok(d.t >= 0 && d.t <= 1 + 1e-12);
    assert.ok(d.entropyL <= d.distinctL + 1e-9 && d.recursiveCL <= d.distinctL); // entropy l ≤ distinct l
  }));
});
