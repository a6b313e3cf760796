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
