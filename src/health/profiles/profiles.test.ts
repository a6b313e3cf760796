import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import {
  SAFE_HARBOR_IDENTIFIERS, safeHarborZip, topCodeAge, safeHarborBirthYear, postalCodeToDepartement, mergeSmallCommune,
  communePopulations, departementPopulations,
} from './index.ts';

test('Safe Harbor lists the 18 identifiers A..R', () => {
  assert.equal(SAFE_HARBOR_IDENTIFIERS.length, 18);
  assert.deepEqual(SAFE_HARBOR_IDENTIFIERS.map((x) => x.letter).join(''), 'ABCDEFGHIJKLMNOPQR');
});

test('Safe Harbor ZIP3, ages and birth years', () => {
  assert.equal(safeHarborZip('90804'), '908');
  assert.equal(safeHarborZip('03601'), '000'); // 036 is restricted
  assert.equal(safeHarborZip('89301-1234'), '000');
  assert.equal(safeHarborZip('ABCDE'), null);
  assert.equal(topCodeAge(89), '89');
  assert.equal(topCodeAge(90), '90+');
  assert.equal(safeHarborBirthYear('1930-05-02', 2022), '90+');
  assert.equal(safeHarborBirthYear('1933-05-02', 2022), '1933');
});

test('French postal codes → départements (Corsica, overseas)', () => {
  assert.equal(postalCodeToDepartement('75013'), '75');
  assert.equal(postalCodeToDepartement('20000'), '2A');
  assert.equal(postalCodeToDepartement('20137'), '2A');
  assert.equal(postalCodeToDepartement('20200'), '2B');
  assert.equal(postalCodeToDepartement('20600'), '2B');
  assert.equal(postalCodeToDepartement('97400'), '974');
  assert.equal(postalCodeToDepartement('7501'), null);
});

test('communes under the threshold are merged per département', () => {
  assert.equal(mergeSmallCommune('33063', 20000), '33063'); // Bordeaux
  assert.equal(mergeSmallCommune('01001', 20000), '01-autres'); // L'Abergement-Clémenciat (860)
  assert.equal(mergeSmallCommune('2A004', 20000), '2A004'); // Ajaccio
  assert.throws(() => mergeSmallCommune('33063', 500), /at least 1000/);
});

test('derived population table agrees with the COG source', (t) => {
  const src = new URL('../../../../shared/data/fr-geo-cog-2026/communes.csv', import.meta.url);
  if (!existsSync(src)) { t.skip('../shared/data/fr-geo-cog-2026 absent'); return; }
  const pops = communePopulations();
  let checked = 0;
  for (const line of readFileSync(src, 'utf8').trim().split('\n').slice(1)) {
    const f = line.split(',');
    if (f[2] !== 'commune-actuelle') continue;
    const p = Number(f[7]);
    if (p >= 1000) { assert.equal(pops.get(f[0]!), p, f[0]); checked++; } else assert.equal(pops.has(f[0]!), false);
  }
  assert.ok(checked > 9000);
  assert.equal(departementPopulations().get('48'), 76486); // Lozère, SOURCE.md
});

test('postal codes whose digits name another département (checked against fr-geo-cog-2026): 94390 → 91, 98799 → 989', async () => {
  const { postalCodeToDepartement } = await import('./fr.ts');
  assert.equal(postalCodeToDepartement('94390'), '91');
  assert.equal(postalCodeToDepartement('98799'), '989');
  assert.equal(postalCodeToDepartement('94300'), '94');
});

test('review D5: unpadded ISO dates have a year; ages written with their unit are top-coded; Unix timestamps have a year', async () => {
  const { dateToYear, topCodeAgeText, epochUnit, epochYear } = await import('./safe-harbor.ts');
  for (const [l, y] of [['2017-9-1', '2017'], ['2016-6-18', '2016'], ['2021-10-9', '2021'], ['2017-9-1 10:00', '2017'], ['2017-09-01', '2017']]) assert.equal(dateToYear(l), y, l);
  for (const l of ['2017-13-1', '2017-9-32', '2017-0-1', '17-9-1']) assert.equal(dateToYear(l), null, l);
  // (years, in English and French, with or without a space, a dot, "old": whole years, 90 and over → 90+)
  for (const [l, a] of [['92 years', '90+'], ['101 years', '90+'], ['95y', '90+'], ['92 ans', '90+'], ['95 yo', '90+'], ['95 y/o', '90+'], ['90 yrs', '90+'],
    ['91 yr.', '90+'], ['93 years old', '90+'], ['92,5 ans', '90+'], ['89 years', '89'], ['45 years', '45'], ['67y', '67'], ['1 an', '1'], ['45.5 Years', '45'],
    ['92', '90+'], ['89.9', '89'], [' 45 ', '45']] as const) assert.equal(topCodeAgeText(l), a, l);
  // (an infant's age in months, weeks or days stays as written; one of 90 years or more is 90+)
  for (const [l, a] of [['6 months', '6 months'], ['3 mois', '3 mois'], ['2 weeks', '2 weeks'], ['10 jours', '10 jours'], ['1100 months', '90+'], ['33000 days', '90+']] as const) assert.equal(topCodeAgeText(l), a, l);
  for (const l of ['92 kg', 'ninety', '', 'adult', '92 years 3 months']) assert.equal(topCodeAgeText(l), null, l);
  // (seconds or milliseconds since 1970, in 1973–2100; not durations)
  assert.equal(epochUnit([1504290840, 1466251080]), 's');
  assert.equal(epochUnit([1645678080000, 1665321565000]), 'ms');
  assert.equal(epochUnit([3600, 7200]), null);
  assert.equal(epochUnit([1504290840, 1645678080000]), null);
  assert.equal(epochYear(1504290840, 's'), 2017);
  assert.equal(epochYear(1645678080000, 'ms'), 2022);
});
