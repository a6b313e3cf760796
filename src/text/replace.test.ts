import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactText, redactTexts, recognize } from './index.ts';
import { fold } from './data.ts';
import { keyFromText } from '../pseudonymize/key.ts';

const K1 = keyFromText('01'.repeat(32));
const key = (i: number) => keyFromText(i.toString(16).padStart(8, '0').repeat(8));
/** The folded words of two letters or more of a text. */
const words = (s: string): string[] => fold(s).split(/[^\p{L}]+/u).filter((w) => w.length >= 2);

test('surrogates never give back an original: no word of any identifier of the text, an address\'s street and number changed', () => {
  // (the reviewer's cases under K1: "12 Abbott Street" kept whole or as "37 Abbott Street", "Thomas Jordan" → "Jordan Jurado",
  // "Boston … Cambridge" → "Cambridge … Quincy", "Cambridge" → "East Boston")
  const cases = [
    'Patient lives at 12 Abbott Street with his wife, visit 158.',
    'Patient lives at 12 Abbott Street with his wife, visit 16178.',
    'Patient Thomas Jordan was seen with his wife, visit 3940.',
    'He was born in Boston and lives in Cambridge, visit 527.',
    'He was born in Boston and lives in Cambridge, visit 318.',
  ];
  for (const t of cases) {
    const out = redactText(t, { lang: 'en', replacement: 'surrogate', key: K1 }).text;
    for (const w of ['Abbott', 'Thomas', 'Jordan', 'Boston', 'Cambridge']) assert.ok(!out.includes(w) || !t.includes(w), `${t} → ${out}`);
    if (t.includes('Abbott')) assert.doesNotMatch(out, /\b12 /, out);
  }
  // (over keys and documents: the replaced text holds no word of an original identifier that the text around them lacks)
  const texts = [
    'Patient Thomas Jordan lives at 12 Abbott Street, Boston, with Mary Jordan; born in Cambridge, seen by Dr Jordan Miller.',
    'Mme Marie DUPONT, née à Lyon, habite 12 rue Victor Hugo à Villeurbanne ; vue par le Dr Hugo MARTIN, de Lyon.',
  ];
  for (let i = 0; i < 150; i++) {
    for (const t of texts) {
      const lang = t.startsWith('Mme') ? 'fr' : 'en';
      const spans = recognize(t, { lang });
      const originals = new Set(spans.flatMap((s) => words(t.slice(s.start, s.end))));
      let around = '';
      for (let k = 0, pos = 0; k <= spans.length; k++) { around += ' ' + t.slice(pos, spans[k]?.start ?? t.length); pos = spans[k]?.end ?? 0; }
      const context = new Set(words(around));
      const out = redactText(t, { lang, replacement: 'surrogate', key: key(i) }).text;
      const back = words(out).filter((w) => originals.has(w) && !context.has(w) && !['DE', 'DU', 'LA', 'LE', 'DR', 'RUE', 'STREET'].includes(w));
      assert.deepEqual(back, [], `key ${i}: ${out}`);
    }
  }
});

test('redactTexts with a key: each text its own scope (its own date shift and surrogates, as redactText gives it); with a personId one scope for all', () => {
  const a = 'Vu le 15/03/2020 par Dr Paul Durand.', b = 'Patient né le 01/01/1960, autre colonne, autre patient. Dr Paul Durand.';
  const [ra, rb] = redactTexts([a, b], { lang: 'fr', replacement: 'surrogate', key: K1 });
  assert.equal(ra, redactText(a, { lang: 'fr', replacement: 'surrogate', key: K1 }).text);
  assert.equal(rb, redactText(b, { lang: 'fr', replacement: 'surrogate', key: K1 }).text);
  // (over many texts: the shifts are not one; a true date known in one text gives away no other)
  const texts = Array.from({ length: 20 }, (_, i) => `Note ${i}, vu le 15/03/2020.`);
  const shifts = new Set(redactTexts(texts, { lang: 'fr', replacement: 'surrogate', key: K1 }).map((t) => t!.slice(-11)));
  assert.ok(shifts.size >= 10, [...shifts].join(' '));
  // (one person's texts: one scope, their shift and names shared)
  const p = redactTexts(texts, { lang: 'fr', replacement: 'surrogate', key: K1, personId: 'p1' });
  assert.equal(new Set(p.map((t) => t!.slice(-11))).size, 1, p.join(' '));
});

test('dates without their year take the year of the nearest full date (else a leap year); intervals across 29 February kept', () => {
  const fr = redactText('Hospitalisé du mardi 25/02 au jeudi 05/03/2020.', { lang: 'fr', replacement: 'surrogate', dateShift: 7 }).text;
  assert.equal(fr, 'Hospitalisé du mardi 03/03 au jeudi 12/03/2020.');
  const en = redactText('Admitted Tuesday, Feb 25 and discharged Thursday, March 5, 2020.', { lang: 'en', replacement: 'surrogate', dateShift: 7 }).text;
  assert.equal(en, 'Admitted Tuesday, Mar 3 and discharged Thursday, March 12, 2020.');
  // (the year of the day closest to the full date: 25 December before 5 March 2020 is of 2019, and 70 days later is 4 March)
  assert.equal(redactText('Du 25/12 au 05/03/2020.', { lang: 'fr', replacement: 'surrogate', dateShift: 70 }).text, 'Du 04/03 au 14/05/2020.');
  // (no full date: a leap year, in which a 29 February is a day)
  assert.equal(redactText('Vu le 29/02, revu le 07/03.', { lang: 'fr', replacement: 'surrogate', dateShift: 7 }).text, 'Vu le 07/03, revu le 14/03.');
});

test('a month and year or a year alone moves with the shift, as the full dates of the text in that month or year', () => {
  const t = 'Première consultation en mars 2020, le 15 mars 2020. Diabète connu depuis 2019, découvert le 20/12/2019.';
  assert.equal(redactText(t, { lang: 'fr', replacement: 'surrogate', dateShift: -7 }).text,
    'Première consultation en mars 2020, le 08 mars 2020. Diabète connu depuis 2019, découvert le 13/12/2019.');
  assert.equal(redactText(t, { lang: 'fr', replacement: 'surrogate', dateShift: 14 }).text,
    'Première consultation en mars 2020, le 29 mars 2020. Diabète connu depuis 2020, découvert le 03/01/2020.');
  // (alone: the month's 15th, the year's 1 July)
  assert.equal(redactText('Opérée en mars 2020 et en 2015.', { lang: 'fr', replacement: 'surrogate', dateShift: -7 }).text, 'Opérée en mars 2020 et en 2015.');
  assert.equal(redactText('Opérée en mars 2020 et en 2015.', { lang: 'fr', replacement: 'surrogate', dateShift: 21 }).text, 'Opérée en avril 2020 et en 2015.');
});

test('phone surrogates keep their country code and kind: a French mobile stays a mobile, a North American number valid (area and exchange [2-9]XX, not N11)', () => {
  for (let i = 0; i < 80; i++) {
    const fr = redactText(`Note ${i}. Tél : +33 6 12 34 56 78, fixe 0033 (0)1 42 21 32 74.`, { lang: 'fr', replacement: 'surrogate', key: K1 }).text;
    assert.match(fr, /Tél : \+33 6 \d\d \d\d \d\d \d\d, fixe 0033 \(0\)1 \d\d \d\d \d\d \d\d\.$/, fr);
    const en = redactText(`Note ${i}. Phone (617) 555-0142, cell +1 212-555-0199.`, { lang: 'en', replacement: 'surrogate', key: K1 }).text;
    const m = /Phone \((\d{3})\) (\d{3})-\d{4}, cell \+1 (\d{3})-(\d{3})-\d{4}\.$/.exec(en);
    assert.ok(m, en);
    for (const code of [m![1]!, m![2]!, m![3]!, m![4]!]) assert.ok(/^[2-9]\d\d$/.test(code) && !/^\d11$/.test(code), en);
    assert.ok(m![1]!.startsWith('61') && m![3]!.startsWith('21'), en);
  }
});

test('pseudonym: one token for one person in a text, however the name is written; the same full name, the same token across texts', () => {
  const t = 'Mme Marie DUPONT, vue ce jour. Mme Dupont va bien. DUPONT Marie revient. Marie a appelé.';
  const tokens = [...redactText(t, { lang: 'fr', replacement: 'pseudonym', key: K1 }).text.matchAll(/\[NOM (v1:[a-z2-7]{26})\]/g)].map((m) => m[1]);
  assert.equal(tokens.length, 4);
  assert.equal(new Set(tokens).size, 1, tokens.join(' '));
  const other = redactText('Revue : Marie Dupont.', { lang: 'fr', replacement: 'pseudonym', key: K1 }).text;
  assert.ok(other.includes(tokens[0]!), other);
  // (two persons of one surname: the surname alone stands for neither, the first names for their own person)
  const two = redactText('Marie DUPONT et son mari Jean DUPONT. Jean va bien ; Dupont est inquiet.', { lang: 'fr', replacement: 'pseudonym', key: K1 }).text;
  const [marie, jean, jean2, dupont] = [...two.matchAll(/v1:[a-z2-7]{26}/g)].map((m) => m[0]);
  assert.ok(marie !== jean && jean === jean2 && dupont !== marie && dupont !== jean, two);
});
