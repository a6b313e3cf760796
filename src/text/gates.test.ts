import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognize } from './index.ts';

const names = (t: string) => recognize(t, { lang: 'en' }).filter((s) => s.label === 'NAME').map((s) => t.slice(s.start, s.end));

test('a person introduced by their age: the name read backwards keeps letters beyond the Basic Multilingual Plane (surrogate pairs)', () => {
  assert.deepEqual(names('\u{10400}\u{10428} Kowalczyk is a 54 year old man'), ['\u{10400}\u{10428} Kowalczyk']);
  assert.deepEqual(names('Cd Ab\u{1D400}c Kowalczyk is a 54 year old man'), ['Cd Ab\u{1D400}c Kowalczyk']);
  // (a digit before the first word: the name starts at the next word, as the pattern it replaced read it)
  assert.deepEqual(names('3Ab Cd Ef is a 54 year old man'), ['Cd Ef']);
});
