import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupify, classSizeHistogram } from './groupify.ts';

test('groupify: hand-computed classes, ids in order of first appearance', () => {
  const a = Int32Array.from([0, 0, 1, 1, 0]);
  const b = Int32Array.from([2, 2, 0, 0, 1]);
  const g = groupify([a, b], [2, 3]);
  assert.equal(g.count, 3);
  assert.deepEqual([...g.classOf], [0, 0, 1, 1, 2]);
  assert.deepEqual([...g.sizes], [2, 2, 1]);
  assert.deepEqual([...g.first], [0, 2, 4]);
  assert.deepEqual([...classSizeHistogram(g.sizes)], [[1, 1], [2, 2]]);
});

test('groupify: include mask leaves rows out', () => {
  const a = Int32Array.from([0, 0, 1]);
  const g = groupify([a], [2], Uint8Array.from([1, 0, 1]));
  assert.deepEqual([...g.classOf], [0, -1, 1]);
  assert.equal(g.rows, 2);
});

test('groupify: hashed path (radix product over 2^53) agrees with exact path', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5)), { minLength: 1, maxLength: 200 }), (rows) => {
    const cols = [0, 1, 2].map((j) => Int32Array.from(rows.map((r) => r[j]!)));
    const exact = groupify(cols, [6, 6, 6]);
    const hashed = groupify(cols, [2 ** 20, 2 ** 20, 2 ** 20]);
    assert.deepEqual([...hashed.classOf], [...exact.classOf]);
    assert.equal(exact.sizes.reduce((s, x) => s + x, 0), rows.length); // class sizes sum to rows
  }));
});

test('groupify: many classes (table growth and rehash, both paths) match a Map-based reference', () => {
  // 20,000 rows over ~12,000 distinct tuples: the table starts at 1024 slots and must grow several times
  let x = 12345;
  const next = () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x; };
  const n = 20000;
  const cols = [0, 1, 2].map(() => new Int32Array(n));
  for (let i = 0; i < n; i++) { cols[0]![i] = next() % 40; cols[1]![i] = next() % 30; cols[2]![i] = next() % 25; }
  const ref = new Map<string, number>();
  const refOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = `${cols[0]![i]},${cols[1]![i]},${cols[2]![i]}`;
    if (!ref.has(k)) ref.set(k, ref.size);
    refOf[i] = ref.get(k)!;
  }
  for (const cards of [[40, 30, 25], [2 ** 20, 2 ** 20, 2 ** 20]]) {
    const g = groupify(cols, cards);
    assert.equal(g.count, ref.size);
    assert.deepEqual([...g.classOf], [...refOf]); // ids in order of first appearance
    const sizes = new Int32Array(ref.size);
    for (let i = 0; i < n; i++) sizes[refOf[i]!]!++;
    assert.deepEqual([...g.sizes], [...sizes]);
    for (let c = 0; c < g.count; c++) assert.equal(refOf[g.first[c]!], c);
  }
});

test('groupify: the partitioned path (large tables) gives exactly the table path result', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(7), fc.nat(3), fc.nat(50)), { minLength: 1, maxLength: 400 }), fc.boolean(), (rows, masked) => {
    const cols = [0, 1, 2].map((j) => Int32Array.from(rows.map((r) => r[j]!)));
    const include = masked ? Uint8Array.from(rows.map((_, i) => (i % 3 ? 1 : 0))) : undefined;
    const a = groupify(cols, [8, 4, 51], include, { method: 'table' });
    const b = groupify(cols, [8, 4, 51], include, { method: 'partitioned' });
    assert.deepEqual([...b.classOf], [...a.classOf]);
    assert.deepEqual([...b.sizes], [...a.sizes]);
    assert.deepEqual([...b.first], [...a.first]);
    assert.equal(b.count, a.count);
    assert.equal(b.rows, a.rows);
  }), { seed: 11, numRuns: 300 });
});
