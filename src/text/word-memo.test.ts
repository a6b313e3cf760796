/**
 * WordMemo keeps its words' code units in a typed array (no string per word): it must answer as a Map keyed by the
 * words' strings that is emptied when half full and when the source changes — on random words of few letters (many
 * collisions and repeats), surrogate halves, combining marks, empty words, and tables small enough to fill.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WordMemo } from './recognizers.ts';

const UNITS = ['a', 'b', 'A', 'é', 'É', '\u0301', '\ud83d', '\ude00', '-', "'", ' ', '\u00a0', 'ß', 'Œ'];
const word = fc.array(fc.constantFrom(...UNITS), { maxLength: 6 }).map((a) => a.join(''));

test('WordMemo answers as a Map emptied when half full or when its source changes', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.tuple(word, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 ** 20 })), { maxLength: 300 }),
    (bits, steps) => {
      const memo = new WordMemo(bits);
      const sources = [{}, {}, {}];
      const model = new Map<string, number>();
      let source: unknown = null;
      for (const [w, si, v] of steps) {
        // (the word inside a longer text, as the recognizers ask about a token's range)
        const text = `x${w}y`;
        if (sources[si] !== source) { model.clear(); source = sources[si]; }
        const got = memo.find(sources[si], text, 1, 1 + w.length);
        assert.equal(got, model.get(w) ?? -1);
        if (got < 0) {
          if (model.size >= (1 << bits) >> 1) model.clear();
          model.set(w, v);
          assert.equal(memo.remember(w, v), v);
        }
      }
    }), { numRuns: 500 });
});
