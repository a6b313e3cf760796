import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ingest } from '../ingest.ts';
import { AnonymatError } from '../../errors.ts';
import { toRecords } from '../../table/table.ts';
import { keyFromText } from '../../pseudonymize/key.ts';

const dir = fileURLToPath(new URL('../../../test/fixtures/health/omop/', import.meta.url));

test('OMOP fixture: tables, counts, unmapped care_site', async () => {
  const r = await ingest([dir], { referenceDate: '2022-03-04' });
  assert.equal(r.sources[0]!.format, 'omop-cdm-5.4');
  assert.equal(r.persons, 3);
  assert.equal(r.tables.encounters!.rowCount, 4);
  assert.equal(r.tables.conditions!.rowCount, 5);
  assert.equal(r.tables.medications!.rowCount, 2);
  assert.equal(r.tables.observations!.rowCount, 5); // 3 measurement + 2 observation
  assert.equal(r.tables.notes!.rowCount, 1);
  assert.deepEqual(r.unmapped, { 'omop:care_site': 1 });
  const person = toRecords(r.tables.person!).sort((x, y) => (x.birth_date! < y.birth_date! ? -1 : 1));
  assert.deepEqual(person.map((p) => [p.birth_date, p.death_date, p.sex, p.postal_code]), [
    ['1948-11-02', '2021-06-30', 'F', '13008'],
    ['1990-01-01', null, 'M', '02118'], // month/day of birth absent → January 1st
    ['2015-04-30', null, 'M', '20200'],
  ]);
  const obs = toRecords(r.tables.observations!);
  assert.deepEqual(obs.map((o) => o.category).sort(), ['measurement', 'measurement', 'measurement', 'observation', 'observation']);
  assert.equal(obs.find((o) => o.unit === '%')!.value_number, '7.9');
  assert.equal(obs.find((o) => o.value === 'never')!.category, 'observation');
  // person_source_value (an MRN) and the address are dropped; the note is redacted
  const all = JSON.stringify(Object.values(r.tables).map((t) => toRecords(t)));
  for (const v of ['MRN-001', '12 avenue Foch', 'Jeanne Durand', '02/11/1948']) assert.ok(!all.includes(v), v);
});

test('OMOP from memory equals OMOP from the folder', async () => {
  const files: Record<string, string> = {};
  for (const f of ['person.csv', 'location.csv', 'death.csv', 'visit_occurrence.csv', 'condition_occurrence.csv', 'drug_exposure.csv', 'measurement.csv', 'observation.csv', 'note.csv', 'care_site.csv']) {
    files[f] = readFileSync(join(dir, f), 'utf8');
  }
  const key = keyFromText('k'.repeat(40));
  const a = await ingest([dir], { key });
  const b = await ingest([{ name: 'upload', omop: files }], { key });
  for (const n of Object.keys(a.tables)) assert.deepEqual(toRecords(b.tables[n]!), toRecords(a.tables[n]!), n);
});

test('OMOP errors: missing column and bad date give file:line and column', async () => {
  await assert.rejects(ingest([{ name: 'up', omop: { 'person.csv': 'person_id,year_of_birth\n1,1950\n' } }]), (e: unknown) => {
    assert.ok(e instanceof AnonymatError && e.code === 'invalid-input');
    assert.deepEqual(e.issues, [{ path: 'up/person.csv:1', message: 'missing column gender_concept_id' }]);
    return true;
  });
  const person = 'person_id,gender_concept_id,year_of_birth\n1,8507,1950\n';
  const visits = 'visit_occurrence_id,person_id,visit_start_date\n9,1,2020-01-01\n10,1,01/02/2020\n';
  await assert.rejects(ingest([{ name: 'up', omop: { 'person.csv': person, 'visit_occurrence.csv': visits } }]), (e: unknown) => {
    assert.ok(e instanceof AnonymatError);
    assert.equal(e.issues[0]!.path, 'up/visit_occurrence.csv:3 column visit_start_date');
    assert.doesNotMatch(JSON.stringify(e.issues), /01\/02\/2020/);
    return true;
  });
});

test('OMOP: an event\'s person_id must be an integer and present; death and location need their keys; year_of_birth is required', async () => {
  const person = 'person_id,gender_concept_id,year_of_birth,location_id\n1,8507,1950,7\n';
  const issuesOf = async (omop: Record<string, string>): Promise<{ path: string; message: string }[]> => {
    try { await ingest([{ name: 'up', omop }]); } catch (e) { assert.ok(e instanceof AnonymatError && e.code === 'invalid-input', String(e)); return e.issues; }
    assert.fail('expected an input error');
  };
  let issues = await issuesOf({ 'person.csv': person, 'condition_occurrence.csv': 'person_id,condition_concept_id,condition_start_date\n,201826,2020-01-01\nX3,201826,2020-01-01\n' });
  assert.deepEqual(issues.map((i) => i.path), ['up/condition_occurrence.csv:2 column person_id', 'up/condition_occurrence.csv:3 column person_id']);
  assert.doesNotMatch(JSON.stringify(issues), /X3/);
  issues = await issuesOf({ 'person.csv': person, 'death.csv': 'person_id,cause_concept_id\n1,0\n', 'location.csv': 'zip,city\n75011,Paris\n' });
  assert.deepEqual(issues.map((i) => i.message).sort(), ['missing column death_date', 'missing column location_id']);
  issues = await issuesOf({ 'person.csv': 'person_id,gender_concept_id,year_of_birth\n1,8507,\n' });
  assert.equal(issues[0]!.path, 'up/person.csv:2 column year_of_birth');
});

test('OMOP: a gender concept of none of the four is read from gender_source_value, else U, and said; a country given is not replaced by the default', async () => {
  const r = await ingest([{ name: 'up', omop: {
    'person.csv': 'person_id,gender_concept_id,gender_source_value,year_of_birth,location_id\n1,0,female,1950,1\n2,8570,A,1960,2\n3,8507,,1970,1\n',
    'location.csv': 'location_id,zip,country_source_value\n1,75011,\n2,10115,Germany\n',
  } }], { defaultCountry: 'FR', referenceDate: '2022-01-01' });
  const people = toRecords(r.tables.person!).sort((a, b) => (a.birth_date! < b.birth_date! ? -1 : 1));
  assert.deepEqual(people.map((p) => p.sex), ['F', 'U', 'M']);
  assert.ok(r.warnings.some((w) => /gender_concept_id other than/.test(w) && /8570 \(1\)/.test(w)));
  const view = toRecords(r.tables.person_view!).sort((a, b) => (String(a.age) > String(b.age) ? -1 : 1));
  // (Germany: no département, even with --country FR; no country: the default)
  assert.deepEqual(view.map((v) => v.departement ?? null), ['75', null, '75']);
});

test('OMOP as exports write it: visit_source_value (a source encounter id) not carried, quotes inside TSV fields, YYYYMMDD days', async () => {
  const files: Record<string, string> = {};
  for (const f of ['person.csv', 'location.csv', 'visit_occurrence.csv', 'condition_occurrence.csv', 'measurement.csv']) files[f] = readFileSync(join(dir, f), 'utf8');
  // (ETL-Synthea writes the Synthea encounter's UUID in visit_source_value: a key to the source records)
  files['visit_occurrence.csv'] = files['visit_occurrence.csv']!.replace(',outpatient', ',3f1a8e52-9c1d-4b7e-a0c2-77d1e0b6c9aa');
  // (PostgreSQL's COPY writes tab-separated text where a quote is a character)
  files['measurement.csv'] = files['measurement.csv']!.replaceAll(',', '\t').replace('4548-4', 'Height 5\' 3"');
  files['condition_occurrence.csv'] = files['condition_occurrence.csv']!.replace('1001,1,201826,2020-01-10', '1001,1,201826,20200110');
  const r = await ingest([{ name: 'up', omop: files }]);
  const all = JSON.stringify(Object.values(r.tables).map((t) => toRecords(t)));
  assert.ok(!all.includes('3f1a8e52'));
  assert.ok(toRecords(r.tables.conditions!).some((c) => c.onset_date === '2020-01-10'));
  assert.equal(r.tables.observations!.rowCount, 3);
});

test('OMOP TSV: a field that opens with a quote not closing it is its text as written ("Big" toe), a quoted field with a tab is quoted', async () => {
  const { tokenizeCsv } = await import('../synthea/csv.ts');
  const r = tokenizeCsv('a\tb\n"Big" toe\tx\n"a\tb"\tz\n5\' 3"\tw\n', '\t');
  assert.ok(!('error' in r));
  if (!('error' in r)) assert.deepEqual(r.rows, [['a', 'b'], ['"Big" toe', 'x'], ['a\tb', 'z'], ['5\' 3"', 'w']]);
});

test("OMOP TSV: a quote opening a field closes on its line only (an inch mark two rows later does not merge the rows between)", async () => {
  const { tokenizeCsv } = await import('../synthea/csv.ts');
  const r = tokenizeCsv('id\tnote\n1\t"Dort mal\n2\tRAS\n3\tHeight 5\' 3"\tx\n', '\t');
  assert.ok(!('error' in r));
  if (!('error' in r)) assert.deepEqual(r.rows.map((x) => x[0]), ['id', '1', '2', '3']);
});
