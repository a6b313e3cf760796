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
