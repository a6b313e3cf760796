import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictionaries, lexiconMap, Lexicon, LEX_AMBIG, LEX_CITY, LEX_CITY_PREFIX, LEX_CITY_WORD1, LEX_FIRST, LEX_SUR, LEX_WORDNAME } from './data.ts';

test('Lexicon: a small table answers as a Map whose add ORs bits (duplicates across files, absent keys, keys added later)', () => {
  const m = new Lexicon([[Buffer.from('DUPONT\nMARTIN\n\nROSE'), 2], [Buffer.from('ROSE\nMARIE\n'), 1]]);
  assert.equal(m.get('DUPONT'), 2);
  assert.equal(m.get('ROSE'), 3); // in both files, the last one without a final line break
  assert.equal(m.get('MARIE'), 1);
  assert.equal(m.get('DUPON'), undefined);
  assert.equal(m.get(''), undefined); // (an empty line is no key)
  assert.equal(m.has('MARTIN'), true);
  m.add('MARTIN', 8); m.add('HŒNHEIM', 8); m.add('ZZZ', 16); m.add('ZZZ', 32);
  assert.equal(m.get('MARTIN'), 10);
  assert.equal(m.get('HŒNHEIM'), 8);
  assert.equal(m.get('ZZZ'), 48);
  // a lower-case run read in place, as its upper case
  assert.equal(m.lowerRunBits('x dupont.', 2, 8), 2);
  assert.equal(m.lowerRunBits('x dupon', 2, 7), 0);
  assert.throws(() => new Lexicon([[Buffer.from('HŒNHEIM\n'), 1]]), /above 127/);
});

test('lexiconMap: the bits of every name of the dictionaries, as the Sets give them (and none for other words)', () => {
  // the reference: the dictionaries' Sets folded into a Map, as the lexicon was built before it read the files' bytes
  const d = dictionaries();
  const ref = new Map<string, number>();
  const add = (k: string, bit: number): void => { ref.set(k, (ref.get(k) ?? 0) | bit); };
  for (const [set, bit] of [[d.surnames, LEX_SUR], [d.worldSurnames, LEX_SUR], [d.firstNames, LEX_FIRST], [d.worldFirstNames, LEX_FIRST],
    [d.ambiguous, LEX_AMBIG], [d.wordNames, LEX_WORDNAME]] as const) for (const k of set) add(k, bit);
  for (const k of d.cities) {
    add(k, LEX_CITY);
    const sp = k.indexOf(' ');
    if (sp > 0) add(k.slice(0, sp), LEX_CITY_PREFIX);
    const words = k.split(/[ -]/);
    if (words.length > 1) { add(words.join('-'), LEX_CITY); add(words[0]!, LEX_CITY_WORD1); }
  }
  const lex = lexiconMap('fr');
  // (the recognizers add their word lists' bits to the same lexicon: compare the dictionaries' bits only)
  const NAME_BITS = LEX_SUR | LEX_FIRST | LEX_AMBIG | LEX_WORDNAME | LEX_CITY | LEX_CITY_PREFIX | LEX_CITY_WORD1;
  let checked = 0;
  for (const [k, v] of ref) {
    assert.equal((lex.get(k) ?? 0) & NAME_BITS, v, k);
    // (near misses are other keys or none, as in the Map)
    for (const q of [k + 'X', k.slice(1), k.toLowerCase()]) assert.equal((lex.get(q) ?? 0) & NAME_BITS, ref.get(q) ?? 0, q);
    checked++;
  }
  assert.ok(checked > 240_000, `${checked} keys`);
});
