import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Flag, forEachPredecessor, forEachSuccessor, heightOf, idOf, leq, levelsOf, makeLattice, propagate } from './lattice.ts';

test('mixed-radix ids: adult lattice of 12,960, last column fastest', () => {
  const l = makeLattice([1, 4, 1, 2, 3, 2, 2, 2, 1]);
  assert.equal(l.size, 12960);
  assert.equal(idOf(l, [0, 0, 0, 0, 0, 0, 0, 0, 1]), 1);
  assert.equal(idOf(l, [1, 4, 1, 2, 3, 2, 2, 2, 1]), 12959);
  assert.deepEqual([...levelsOf(l, idOf(l, [0, 4, 1, 1, 3, 2, 2, 1, 0]))], [0, 4, 1, 1, 3, 2, 2, 1, 0]);
  assert.equal(heightOf(l, idOf(l, [0, 4, 1, 1, 3, 2, 2, 1, 0])), 14);
});

test('successors and predecessors raise / lower one level', () => {
  const l = makeLattice([2, 1]);
  const succ: number[][] = [];
  forEachSuccessor(l, idOf(l, [1, 0]), (s) => succ.push([...levelsOf(l, s)]));
  assert.deepEqual(succ, [[2, 0], [1, 1]]);
  const pred: number[][] = [];
  forEachPredecessor(l, idOf(l, [1, 1]), (p) => pred.push([...levelsOf(l, p)]));
  assert.deepEqual(pred, [[0, 1], [1, 0]]);
});

test('property: propagate down marks exactly the transformations below', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }), fc.nat(), (max, pick) => {
    const l = makeLattice(max);
    const id = pick % l.size;
    const flags = new Uint8Array(l.size);
    propagate(l, flags, id, Flag.Infeasible, 'down');
    const top = levelsOf(l, id);
    for (let x = 0; x < l.size; x++) assert.equal((flags[x]! & Flag.Infeasible) !== 0, leq(levelsOf(l, x), top));
  }));
});
