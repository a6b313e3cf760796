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

/** Li et al.'s hierarchical EMD of one class, naively: extras propagated up the levels, min(pos, neg) at each node. */
function naiveHierarchicalT(classOf: Int32Array, codes: Int32Array, levels: Int32Array[], cls: number): number {
  const H = levels.length - 1, n = codes.length;
  let size = 0;
  for (let i = 0; i < n; i++) if (classOf[i] === cls) size++;
  const nodes = levels.map((lv) => Math.max(...lv) + 1);
  let extra = new Float64Array(nodes[0]!);
  for (let i = 0; i < n; i++) { extra[levels[0]![codes[i]!]!]! -= 1 / n; if (classOf[i] === cls) extra[levels[0]![codes[i]!]!]! += 1 / size; }
  let cost = 0;
  for (let h = 1; h <= H; h++) {
    const up = new Float64Array(nodes[h]!), pos = new Float64Array(nodes[h]!), neg = new Float64Array(nodes[h]!);
    // parent of each level-(h−1) node, read through any code that reaches it
    const parent = new Int32Array(nodes[h - 1]!);
    for (let v = 0; v < levels[0]!.length; v++) parent[levels[h - 1]![v]!] = levels[h]![v]!;
    for (let x = 0; x < extra.length; x++) { const e = extra[x]!, pa = parent[x]!; up[pa]! += e; if (e > 0) pos[pa]! += e; else neg[pa]! -= e; }
    for (let x = 0; x < up.length; x++) cost += (h / H) * Math.min(pos[x]!, neg[x]!);
    extra = up;
  }
  return cost;
}

test('hierarchical t: ARX test2 disease hierarchy by hand (4/9 and 8/27, as the t-closeness model), a two-level tree (5/8)', () => {
  // codes: gastric ulcer 0, gastritis 1, stomach cancer 2 (stomach → digestive); flu 3, bronchitis 4, pneumonia 5
  // (respiratory infection → vascular lung); one root
  const levels = [Int32Array.from([0, 1, 2, 3, 4, 5]), Int32Array.from([0, 0, 0, 1, 1, 1]), Int32Array.from([0, 0, 0, 1, 1, 1]), Int32Array.from([0, 0, 0, 0, 0, 0])];
  const codes9 = Int32Array.from([0, 1, 2, 1, 3, 4, 4, 5, 2]);
  // {gastric ulcer, gastritis, stomach cancer}: all its excess crosses the root, 4/9
  const first = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1, 1]);
  close(naiveHierarchicalT(first, codes9, levels, 0), 4 / 9);
  const a = diversity(first, 2, codes9, 6, { tDistance: 'hierarchical', levels });
  close(a.t, Math.max(4 / 9, naiveHierarchicalT(first, codes9, levels, 1)));
  assert.equal(a.tDistance, 'hierarchical');
  // {gastritis, flu, bronchitis}: 2·(1/3)(1/9) inside the two subtrees + 2/9 across the root, 8/27
  const second = Int32Array.from([1, 1, 1, 0, 0, 0, 1, 1, 1]);
  close(naiveHierarchicalT(second, codes9, levels, 0), 8 / 27);
  close(diversity(second, 2, codes9, 6, { tDistance: 'hierarchical', levels }).t, Math.max(8 / 27, naiveHierarchicalT(second, codes9, levels, 1)));
  // a1, a2 under A; b1, b2 under B; uniform overall; the class {a1, a1}: 1/4 moves inside A (cost 1/2 each), 1/2
  // crosses the root (1): 5/8; the other class {a2, a2, b1, b1, b2, b2}: 1/12 inside A, 1/6 across: 5/24
  const two = [Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 0, 1, 1]), Int32Array.from([0, 0, 0, 0])];
  close(diversity(Int32Array.from([0, 0, 1, 1, 1, 1, 1, 1]), 2, Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]), 4, { tDistance: 'hierarchical', levels: two }).t, 5 / 8);
  close(diversity(Int32Array.from([1, 1, 0, 0, 0, 0, 0, 0]), 2, Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]), 4, { tDistance: 'hierarchical', levels: two }).t, 5 / 8);
  close(naiveHierarchicalT(Int32Array.from([1, 1, 0, 0, 0, 0, 0, 0]), Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]), two, 0), 5 / 24);
  assert.throws(() => diversity(classOf, 2, codes, 3, { tDistance: 'hierarchical' }), RangeError);
});

test('property: hierarchical t equals the naive propagation of Li et al. on random trees and classes', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1e6 }), (values, depth, classes, seed) => {
    let x = seed;
    const rnd = (k: number) => { x = (x * 1103515245 + 12345) % 2147483648; return x % k; };
    // levels: each level merges the previous level's nodes into fewer groups (a function of the previous level), root last
    const levels: Int32Array[] = [Int32Array.from({ length: values }, (_, v) => v)];
    for (let h = 1; h <= depth; h++) {
      const prev = levels[h - 1]!, prevNodes = Math.max(...prev) + 1;
      const groups = h === depth ? 1 : 1 + rnd(prevNodes);
      const map = Array.from({ length: prevNodes }, () => rnd(groups));
      // renumber densely
      const dense = new Map<number, number>();
      levels.push(Int32Array.from(prev, (p) => { const g = map[p]!; if (!dense.has(g)) dense.set(g, dense.size); return dense.get(g)!; }));
    }
    const n = 5 + rnd(40);
    const codes = Int32Array.from({ length: n }, () => rnd(values));
    const classOf = Int32Array.from({ length: n }, (_, i) => (i < classes ? i : rnd(classes)));
    const got = diversity(classOf, classes, codes, values, { tDistance: 'hierarchical', levels }).t;
    let want = 0;
    for (let c = 0; c < classes; c++) want = Math.max(want, naiveHierarchicalT(classOf, codes, levels, c));
    return Math.abs(got - want) < 1e-9;
  }), { seed: 42, numRuns: 300 });
});
