/**
 * sortByStart (the document passes' sort of their name spans) must give the order of a stable sort with
 * (a, b) => a.start - b.start: spans of one start keep their order, whether the insertion sort ends the work or hands
 * it to sort past its budget of moves (long runs that interleave).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortByStart } from './document-names.ts';
import type { Span } from './types.ts';

const spansOf = (starts: number[]): Span[] => starts.map((start, k) => ({ start, end: start + 1, label: 'NAME', score: 0.6, rule: `r${k}` }));

test('sortByStart orders spans as a stable sort by start does', () => {
  // (few distinct starts: many ties; sizes past the move budget too)
  fc.assert(fc.property(fc.array(fc.nat(12), { maxLength: 300 }), (starts) => {
    const got = spansOf(starts), want = spansOf(starts);
    sortByStart(got);
    want.sort((a, b) => a.start - b.start);
    assert.deepEqual(got.map((s) => s.rule), want.map((s) => s.rule));
  }), { numRuns: 500 });
  // (a few sorted runs, as the passes push them, and runs in reverse that spend the budget)
  fc.assert(fc.property(fc.array(fc.array(fc.nat(400), { maxLength: 80 }), { maxLength: 6 }), fc.boolean(), (runs, reverse) => {
    const starts = runs.flatMap((r) => [...r].sort((a, b) => (reverse ? b - a : a - b)));
    const got = spansOf(starts), want = spansOf(starts);
    sortByStart(got);
    want.sort((a, b) => a.start - b.start);
    assert.deepEqual(got.map((s) => s.rule), want.map((s) => s.rule));
  }), { numRuns: 300 });
});
