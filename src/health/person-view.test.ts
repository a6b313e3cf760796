import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { ingest } from './ingest.ts';
import { ageAt, chronicCategory, departementOf, personView, zip3Of } from './person-view.ts';
import { tableFromRecords, toRecords } from '../table/table.ts';

const fx = (p: string) => fileURLToPath(new URL(`../../test/fixtures/health/${p}`, import.meta.url));

test('département from French postal codes (Corsica, overseas)', () => {
  assert.equal(departementOf('75011'), '75');
  assert.equal(departementOf('01000'), '01');
  assert.equal(departementOf('20000'), '2A'); // Ajaccio
  assert.equal(departementOf('20167'), '2A');
  assert.equal(departementOf('20200'), '2B'); // Bastia
  assert.equal(departementOf('20600'), '2B');
  assert.equal(departementOf('97400'), '974'); // La Réunion
  assert.equal(departementOf('98800'), '988');
  assert.equal(departementOf('7501'), null);
  assert.equal(departementOf('ABCDE'), null);
});

test('3-digit ZIP keeps leading zeros', () => {
  assert.equal(zip3Of('02139'), '021');
  assert.equal(zip3Of('02139-4307'), '021');
  assert.equal(zip3Of('2139'), null);
});

test('age in full years (birthday not yet reached, leap day)', () => {
  assert.equal(ageAt('2000-03-05', '2022-03-04'), 21);
  assert.equal(ageAt('2000-03-04', '2022-03-04'), 22);
  assert.equal(ageAt('1960-02-29', '2022-02-28'), 61);
  assert.equal(ageAt('1960-02-29', '2022-03-01'), 62);
  assert.equal(ageAt('2023-01-01', '2022-03-04'), null);
  assert.equal(ageAt(null, '2022-03-04'), null);
});

test('age agrees with a day-count reference (property)', () => {
  const day = 86_400_000;
  fc.assert(fc.property(fc.integer({ min: -20000, max: 20000 }), fc.integer({ min: 0, max: 40000 }), (b, d) => {
    const birth = new Date(b * day).toISOString().slice(0, 10);
    const at = new Date((b + d) * day).toISOString().slice(0, 10);
    // reference: the largest n such that birth + n years (same month/day, Feb 29 → Mar 1) ≤ at
    let n = 0;
    for (;;) {
      const y = Number(birth.slice(0, 4)) + n + 1;
      const anniversary = new Date(Date.UTC(y, Number(birth.slice(5, 7)) - 1, Number(birth.slice(8, 10)))).toISOString().slice(0, 10);
      if (anniversary > at) break;
      n++;
    }
    return ageAt(birth, at) === n;
  }), { seed: 42, numRuns: 300 });
});

test('chronic categories: SNOMED list, ICD-10 prefixes, OMOP ids and source values, the word "chronic"', () => {
  assert.equal(chronicCategory('SNOMED', '44054006', 'Diabetes mellitus type 2'), 'diabetes');
  assert.equal(chronicCategory('ICD10', 'E11.9', null), 'diabetes');
  assert.equal(chronicCategory('ICD10CM', 'I10', null), 'hypertension');
  assert.equal(chronicCategory('ICD10', 'C50.9', null), 'cancer');
  assert.equal(chronicCategory('OMOP', '201826', null), 'diabetes');
  assert.equal(chronicCategory('OMOP', '4112343', '195662009', '195662009'), null);
  assert.equal(chronicCategory('OMOP', '0', null, 'I50.9'), 'heart failure');
  assert.equal(chronicCategory('SNOMED', '124171000119105', 'Chronic intractable migraine without aura'), 'chronic migraine');
  // (an OMOP condition has no display: the code decides, as for FHIR and Synthea CSV — it used to be "none" there)
  assert.equal(chronicCategory('OMOP', '0', null, '124171000119105'), 'chronic migraine');
  // (Synthea's codes: every distinct condition code of the three Synthea sets was read against the list)
  assert.equal(chronicCategory('SNOMED', '201834006', 'Localized, primary osteoarthritis of the hand'), 'osteoarthritis');
  assert.equal(chronicCategory('SNOMED', '423121009', 'Non-small cell carcinoma of lung, TNM stage 4 (disorder)'), 'cancer');
  assert.equal(chronicCategory('SNOMED', '67811000119102', 'Primary small cell malignant neoplasm of lung, TNM stage 1 (disorder)'), 'cancer');
  assert.equal(chronicCategory('SNOMED', '162573006', 'Suspected lung cancer (situation)'), null);
  assert.equal(chronicCategory(null, null, 'Insuffisance rénale chronique'), 'other chronic');
  assert.equal(chronicCategory('SNOMED', '10509002', 'Acute bronchitis (disorder)'), null);
  assert.equal(chronicCategory('SNOMED', '160903007', 'Full-time employment (finding)'), null);
});

test('personView on a hand-made model', () => {
  const person = tableFromRecords({
    person_id: ['a', 'b', 'c'], birth_date: ['1950-06-15', '2000-03-05', null], death_date: ['2020-01-10', null, null],
    sex: ['F', 'M', null], postal_code: ['20167', '02139', '75011'], country: ['FR', 'US', null],
  }, { birth_date: 'date', death_date: 'date' });
  const encounters = tableFromRecords({ person_id: ['a', 'a', 'b', 'zz'] });
  const conditions = tableFromRecords({
    person_id: ['a', 'a', 'a', 'b', 'c'], code_system: ['SNOMED', 'ICD10', 'SNOMED', 'SNOMED', 'ICD10'],
    code: ['44054006', 'I10', '59621000', '10509002', 'J45.9'], display: [null, null, 'Hypertension', null, null],
  });
  const byAge = toRecords(personView(person, encounters, conditions, { referenceDate: '2022-03-04', defaultCountry: 'FR' }));
  assert.deepEqual(byAge, [
    { person_id: 'a', age: '69', sex: 'F', zip3: null, departement: '2A', deceased: 'true', n_visits: '2', chronic_conditions: 'diabetes;hypertension' },
    { person_id: 'b', age: '21', sex: 'M', zip3: '021', departement: null, deceased: 'false', n_visits: '1', chronic_conditions: 'none' },
    { person_id: 'c', age: null, sex: null, zip3: null, departement: '75', deceased: 'false', n_visits: '0', chronic_conditions: 'asthma' },
  ]);
  const byYear = toRecords(personView(person, encounters, conditions));
  assert.deepEqual(byYear.map((r) => [r.birth_year, r.departement]), [['1950', '2A'], ['2000', null], [null, null]]);
});

/** Rows without person_id, in a canonical order (row order follows the random/keyed person ids). */
function sorted<T>(rows: T[]): T[] { return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)); }
function rowsOf(t: Parameters<typeof toRecords>[0]) { return sorted(toRecords(t).map(({ person_id: _, ...r }) => r)); }

test('fixtures end to end: person view values computed by hand', async () => {
  const fhir = await ingest([fx('fhir/bundle.json'), fx('fhir/export.ndjson')], { referenceDate: '2022-03-04', defaultCountry: 'FR' });
  assert.deepEqual(rowsOf(fhir.tables.person_view!), sorted([
    // pat-fr: born 1950-06-15, died 2020-01-10 → 69; 20167 → 2A; enc-1, enc-2; SNOMED T2DM, ICD-10 I10, "Chronic … migraine"
    { age: '69', sex: 'F', zip3: null, departement: '2A', deceased: 'true', n_visits: '2', chronic_conditions: 'chronic migraine;diabetes;hypertension' },
    // pat-us: born 2000-03-05 → 21 on 2022-03-04; 02139 → 021; acute bronchitis only
    { age: '21', sex: 'M', zip3: '021', departement: null, deceased: 'false', n_visits: '1', chronic_conditions: 'none' },
    // nd-1: birthDate "1980" → 1980-01-01 → 42; 75011 without country, --country FR → 75; J45.9 → asthma
    { age: '42', sex: 'U', zip3: null, departement: '75', deceased: 'false', n_visits: '2', chronic_conditions: 'asthma' },
  ]));
  const omop = await ingest([fx('omop')], { referenceDate: '2022-03-04' });
  assert.deepEqual(rowsOf(omop.tables.person_view!), sorted([
    // born 1948-11-02, died 2021-06-30 → 72; 13008 → 13; visits 101-103; 44054006 (source) + I50.9 (source)
    { age: '72', sex: 'F', zip3: null, departement: '13', deceased: 'true', n_visits: '3', chronic_conditions: 'diabetes;heart failure' },
    // born 1990 (no month/day) → 32; US 02118 → 021; concept 317009 → asthma
    { age: '32', sex: 'M', zip3: '021', departement: null, deceased: 'false', n_visits: '1', chronic_conditions: 'asthma' },
    // born 2015-04-30 → 6; "France" 20200 → 2B; no visit; acute bronchitis
    { age: '6', sex: 'M', zip3: null, departement: '2B', deceased: 'false', n_visits: '0', chronic_conditions: 'none' },
  ]));
  const legacy = await ingest([fx('synthea-legacy')], { referenceDate: '2022-03-04' });
  assert.deepEqual(toRecords(legacy.tables.person_view!).map((r) => [r.age, r.zip3, r.n_visits, r.chronic_conditions]).sort(), [
    ['4', '018', '1', 'none'], // born 2010-07-01, died 2015-01-01
    ['62', '016', '2', 'hypertension'], // born 1960-02-29
  ]);
});

test('deceasedBoolean without a date still marks the person deceased; age runs to the reference date', async () => {
  const r = await ingest([{ name: 'p.json', json: [
    { resourceType: 'Patient', id: 'z', deceasedBoolean: true, birthDate: '1950-01-01' },
    { resourceType: 'Patient', id: 'y', deceasedBoolean: false, birthDate: '1950-01-01' },
  ] }], { referenceDate: '2022-03-04' });
  assert.deepEqual(toRecords(r.tables.person_view!).map((x) => [x.deceased, x.age]).sort(), [['false', '72'], ['true', '72']]);
  assert.deepEqual(toRecords(r.tables.person!).map((x) => [x.deceased, x.death_date]).sort(), [['false', null], ['true', null]]);
});
