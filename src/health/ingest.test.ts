import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ingest, ingestSummary, writeIngest } from './ingest.ts';
import { AnonymatError } from '../errors.ts';
import { keyFromText } from '../pseudonymize/key.ts';
import { pseudonym } from '../pseudonymize/tokens.ts';
import { pseudonymizeTable } from '../pseudonymize/table.ts';
import { column, tableFromRecords, toRecords } from '../table/table.ts';

const fx = (p: string) => fileURLToPath(new URL(`../../test/fixtures/health/${p}`, import.meta.url));
const KEY = keyFromText('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff');
const OTHER = keyFromText('ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100');

test('with a key: identifiers become tokens, person ids link across tables, same key → same tokens', async () => {
  const a = await ingest([fx('fhir/bundle.json')], { key: KEY });
  assert.equal(a.identifiers.action, 'pseudonymized');
  assert.equal(a.identifiers.keyFingerprint, KEY.fingerprint);
  // rows are sorted by token: find the persons by birth date
  const person = toRecords(a.tables.person!).sort((x, y) => (x.birth_date! < y.birth_date! ? -1 : 1)); // pat-fr, pat-us
  for (const p of person) assert.match(p.person_id!, /^v1:[a-z2-7]{26}$/);
  assert.match(person[0]!.ssn!, /^v1:/);
  assert.match(person[0]!.name_family!, /^v1:/);
  assert.ok(!a.tables.person!.columns.some((c) => c.name === 'latitude' || c.name === 'longitude'));
  // the same person token in the events and the view
  const ids = new Set(person.map((p) => p.person_id));
  for (const t of ['encounters', 'conditions', 'observations', 'notes', 'person_view']) {
    for (const id of column(a.tables[t]!, 'person_id').dictionary) if (id !== null) assert.ok(ids.has(id), t);
  }
  // the same tokens as `anonymat pseudonymize` gives for these columns (pseudonymizeTable, default domain)
  assert.equal(person[0]!.person_id, pseudonym(KEY, 'pat-fr', { normalize: 'trim' }));
  const direct = pseudonymizeTable(tableFromRecords({ ssn: ['250069912345678', '999-12-3456'] }),
    { columns: { ssn: { role: 'identifier', action: 'pseudonymize' } } }, KEY);
  assert.deepEqual(person.map((p) => p.ssn).sort(), toRecords(direct.table).map((p) => p.ssn).sort());
  assert.deepEqual(a.identifiers.dropped, ['latitude', 'longitude']);
  const b = await ingest([fx('fhir/bundle.json')], { key: KEY });
  assert.deepEqual(toRecords(b.tables.person!), toRecords(a.tables.person!)); // byte-for-byte the same
  const c = await ingest([fx('fhir/bundle.json')], { key: OTHER });
  assert.ok(!toRecords(c.tables.person!).some((p) => ids.has(p.person_id)));
  // no raw identifier anywhere
  const all = JSON.stringify(Object.values(a.tables).map((t) => toRecords(t)));
  for (const v of ['pat-fr', 'Dupont', 'Marie', '250069912345678', 'IPP-0042', '+33 6 12 34 56 78', 'marie.dupont@example.fr', '3 rue des Lilas', '999-12-3456', 'enc-1']) {
    assert.ok(!all.includes(v), v);
  }
});

test('without a key: identifiers dropped, ids renumbered, and the result says so', async () => {
  const r = await ingest([fx('fhir/bundle.json')]);
  assert.equal(r.identifiers.action, 'dropped');
  assert.equal(r.identifiers.personId, 'renumbered');
  assert.ok(r.identifiers.columns.includes('ssn') && r.identifiers.columns.includes('name_family'));
  assert.deepEqual(r.tables.person!.columns.map((c) => c.name), [
    'person_id', 'birth_date', 'death_date', 'deceased', 'sex', 'race', 'ethnicity', 'marital_status', 'birth_place',
    'postal_code', 'city', 'county', 'state', 'country',
  ]);
  assert.deepEqual(toRecords(r.tables.person!).map((p) => p.person_id), ['P000001', 'P000002']); // rows sorted by id
  // the numbering is a random permutation per run: over 40 runs both orders of the two persons
  // appear (false alarm probability 2 × 2^-40)
  const seen = new Set<string>();
  for (let i = 0; i < 40 && seen.size < 2; i++) {
    const x = await ingest([fx('fhir/bundle.json')], { redactNotes: false });
    seen.add(toRecords(x.tables.person!)[0]!.birth_date!);
  }
  assert.equal(seen.size, 2);
  assert.ok(r.warnings.some((w) => /no pseudonymization key/.test(w)));
});

test('a person id read twice (the same export given twice, or colliding ids) is an input error, not a silent fusion; FHIR resources read again the same are read once', async () => {
  // (kept once, its visits were counted twice)
  await assert.rejects(ingest([fx('omop'), fx('omop')]), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-input' && /3 person record\(s\) repeat a person id/.test(e.message));
  // (FHIR resources have their type and id: the same resource again is skipped, its events too — not counted twice)
  const once = await ingest([fx('fhir/bundle.json')]), twice = await ingest([fx('fhir/bundle.json'), fx('fhir/bundle.json')]);
  assert.equal(twice.persons, once.persons);
  assert.equal(twice.tables.encounters!.rowCount, once.tables.encounters!.rowCount);
  assert.equal(twice.skipped['Patient repeated with the same content'], 2);
});

test('bad options and inputs are usage/input errors', async () => {
  await assert.rejects(ingest([]), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-usage');
  await assert.rejects(ingest([fx('fhir/bundle.json')], { referenceDate: '04/03/2022' }), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-usage');
  await assert.rejects(ingest([fx('fhir/bundle.json')], { defaultCountry: 'DE' }), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-usage');
  await assert.rejects(ingest([fx('nope.json')]), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-input');
  await assert.rejects(ingest([fx('omop/person.csv')]), (e: unknown) => e instanceof AnonymatError && /folder/.test(e.message));
});

test('writeIngest: all tables + manifest, atomic replace only with overwrite', async () => {
  const base = mkdtempSync(join(tmpdir(), 'anonymat-ingest-'));
  try {
    const r = await ingest([fx('omop')]);
    const out = join(base, 'out');
    const written = await writeIngest(r, out, { format: 'csv' });
    assert.deepEqual(Object.keys(written), ['person', 'person_view', 'encounters', 'conditions', 'observations', 'medications', 'procedures', 'notes']);
    assert.deepEqual(readdirSync(out).sort(), [...Object.keys(written).map((n) => `${n}.csv`), 'ingest.json'].sort());
    assert.equal(written.person_view!.rows, 3);
    const csv = readFileSync(join(out, 'person_view.csv'), 'utf8').trim().split('\n');
    assert.equal(csv.length, 4);
    assert.equal(csv[0], 'person_id,age,sex,zip3,departement,deceased,n_visits,chronic_conditions'.replace('age', 'birth_year'));
    const manifest = JSON.parse(readFileSync(join(out, 'ingest.json'), 'utf8'));
    assert.equal(manifest.persons, 3);
    assert.deepEqual(manifest.unmapped, { 'omop:care_site': 1 });
    assert.deepEqual(manifest.inputs, { 'omop-cdm-5.4': 1 });
    assert.deepEqual(manifest.tables.person_view, { file: 'person_view.csv', rows: 3 });
    assert.ok(!JSON.stringify(manifest).includes('fixtures'), 'input paths must not be written');
    // existing folder: refused, then replaced with overwrite; no temporary folder left behind
    writeFileSync(join(out, 'stale.txt'), 'x');
    await assert.rejects(writeIngest(r, out, { format: 'csv' }), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-usage');
    await writeIngest(r, out, { format: 'parquet', overwrite: true });
    assert.ok(!existsSync(join(out, 'stale.txt')));
    assert.ok(existsSync(join(out, 'person.parquet')));
    assert.deepEqual(readdirSync(base), ['out']);
  } finally { rmSync(base, { recursive: true, force: true }); }
});

test('a failing write leaves no output folder', async () => {
  const base = mkdtempSync(join(tmpdir(), 'anonymat-ingest-'));
  try {
    const r = await ingest([fx('synthea-legacy')]);
    // the last table fails to serialize after the first ones were written to the temporary folder
    const broken = { rowCount: 1, get columns(): never { throw new Error('boom'); } };
    const bad = { ...r, tables: { ...r.tables, zzz: broken } };
    mkdirSync(join(base, 'blocker'));
    await assert.rejects(writeIngest(bad, join(base, 'out'), { format: 'csv' }));
    assert.deepEqual(readdirSync(base), ['blocker']);
  } finally { rmSync(base, { recursive: true, force: true }); }
});

test('free-valued event columns holding identifiers are flagged (no value printed)', async () => {
  const obs = Array.from({ length: 12 }, (_, i) => JSON.stringify({
    resourceType: 'Observation', id: `o${i}`, status: 'final', code: { text: 'contact' },
    subject: { reference: 'Patient/p' }, valueString: `person${i}@example.org`,
  }));
  const text = [JSON.stringify({ resourceType: 'Patient', id: 'p' }), ...obs].join('\n');
  // (by default free-text answers are redacted as notes are: no e-mail is left)
  const redacted = await ingest([{ name: 'x.ndjson', text }]);
  assert.ok(!redacted.tables.observations!.columns.find((c) => c.name === 'value')!.dictionary.some((v) => v?.includes('@')));
  // (with the redaction turned off, the safety net names the column)
  const r = await ingest([{ name: 'x.ndjson', text }], { redactNotes: false });
  const w = r.warnings.find((x) => x.startsWith('observations.value may hold direct identifiers (email'));
  assert.ok(w, r.warnings.join(' | '));
  assert.doesNotMatch(w!, /example\.org/);
  const clean = await ingest([fx('fhir/bundle.json')]);
  assert.ok(!clean.warnings.some((x) => /may hold direct identifiers/.test(x)));
});

test('observation answers: an address question\'s answer is dropped, free-text answers are redacted as notes are', async () => {
  const obs = (id: string, code: object, valueString: string) => JSON.stringify({ resourceType: 'Observation', id, status: 'final', code, subject: { reference: 'Patient/p' }, valueString });
  const text = [JSON.stringify({ resourceType: 'Patient', id: 'p' }),
    obs('a', { coding: [{ system: 'http://loinc.org', code: '56799-0', display: 'What address do you live at?' }] }, '728 Heaney Lock'),
    obs('b', { text: 'Home phone number' }, '617 555 0142'),
    obs('c', { text: 'Living situation' }, 'Lives with her daughter Maria Lopez since 03/2021'),
    obs('d', { coding: [{ system: 'http://loinc.org', code: '93029-7', display: 'How often do you talk to people on the phone?' }] }, '3 to 5 times a week'),
  ].join('\n');
  const r = await ingest([{ name: 'x.ndjson', text }]);
  const values = r.tables.observations!.columns.find((c) => c.name === 'value')!;
  const got = Array.from(values.codes, (c) => values.dictionary[c]);
  assert.equal(got.filter((v) => v === null).length, 2);
  assert.ok(!got.some((v) => v !== null && /Heaney|555|Maria|Lopez|2021/.test(v)), JSON.stringify(got));
  assert.ok(got.includes('3 to 5 times a week'));
  assert.ok(r.warnings.some((w) => /2 observation value\(s\) answering a question about an address/.test(w)), r.warnings.join(' | '));
});

test('folder scan: a JSON file that is not FHIR (Bulk Data manifest) is skipped with a warning', async () => {
  const base = mkdtempSync(join(tmpdir(), 'anonymat-ingest-'));
  try {
    writeFileSync(join(base, 'manifest.json'), JSON.stringify({ transactionTime: '2024-01-01T00:00:00Z', output: [{ type: 'Patient', url: 'Patient.ndjson' }] }));
    writeFileSync(join(base, 'Patient.ndjson'), readFileSync(fx('fhir/export.ndjson'), 'utf8'));
    const r = await ingest([base]);
    assert.equal(r.persons, 1);
    assert.ok(r.warnings.some((w) => /manifest\.json: not a FHIR resource \(no resourceType; a Bulk Data manifest\): skipped/.test(w)));
    // (the summary written to ingest.json and --json names no input file: exports name folders after patients)
    assert.ok(!JSON.stringify(ingestSummary(r)).includes(base));
    // given explicitly, the same file is an error
    await assert.rejects(ingest([join(base, 'manifest.json')]), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-input');
  } finally { rmSync(base, { recursive: true, force: true }); }
});

test('days the calendar does not have, a Synthea gender other than M/F and an OMOP person_id that is no integer are input errors with their place', async () => {
  const base = mkdtempSync(join(tmpdir(), 'anonymat-ingest-cal-'));
  try {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [
      { resource: { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1980-02-30' } },
      { resource: { resourceType: 'Encounter', id: 'e1', subject: { reference: 'Patient/p1' }, period: { start: '2021-04-31T10:00:00Z' } } },
    ] };
    writeFileSync(join(base, 'b.json'), JSON.stringify(bundle));
    await assert.rejects(ingest([join(base, 'b.json')]), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-input'
      && e.issues.some((i) => /entry\[0\]\.resource\.birthDate/.test(i.path) && /calendar/.test(i.message))
      && e.issues.some((i) => /entry\[1\]\.resource\.period\.start/.test(i.path)) && !e.message.includes('1980'));
    // 29 February of a leap year is a day; of 1900 (no leap year) it is not
    bundle.entry[0]!.resource.birthDate = '2000-02-29';
    bundle.entry[1]!.resource.period!.start = '2021-04-30T10:00:00Z';
    writeFileSync(join(base, 'b.json'), JSON.stringify(bundle));
    assert.equal((await ingest([join(base, 'b.json')])).persons, 1);
    bundle.entry[0]!.resource.birthDate = '1900-02-29';
    writeFileSync(join(base, 'b.json'), JSON.stringify(bundle));
    await assert.rejects(ingest([join(base, 'b.json')]), (e: unknown) => e instanceof AnonymatError && e.issues.some((i) => /calendar/.test(i.message)));
    // Synthea: a 13th month and a gender of 'x'; OMOP: month 13 and a person_id "abc"
    mkdirSync(join(base, 'syn'));
    writeFileSync(join(base, 'syn', 'patients.csv'), 'Id,BIRTHDATE,GENDER\nP1,1980-13-45,F\nP2,1981-01-02,x\n');
    await assert.rejects(ingest([join(base, 'syn')]), (e: unknown) => e instanceof AnonymatError
      && e.issues.some((i) => /patients\.csv:2 column BIRTHDATE/.test(i.path)) && e.issues.some((i) => /patients\.csv:3 column GENDER/.test(i.path)));
    mkdirSync(join(base, 'omop'));
    writeFileSync(join(base, 'omop', 'person.csv'), 'person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth\n1,8507,1980,13,40\nabc,8532,1970,1,1\n');
    await assert.rejects(ingest([join(base, 'omop')]), (e: unknown) => e instanceof AnonymatError
      && e.issues.some((i) => /person\.csv:2 columns month_of_birth/.test(i.path)) && e.issues.some((i) => /person\.csv:3 column person_id/.test(i.path)));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('a misspelled Bundle or mapped type is an error naming the type to write; an entry without a resource is counted as skipped', async () => {
  const base = mkdtempSync(join(tmpdir(), 'anonymat-ingest-types-'));
  try {
    const patient = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1980-02-03' };
    writeFileSync(join(base, 'a.json'), JSON.stringify({ resourceType: 'Bundel', type: 'collection', entry: [{ resource: patient }] }));
    await assert.rejects(ingest([join(base, 'a.json')]), (e: unknown) => e instanceof AnonymatError && e.issues.some((i) => /did you mean Bundle\?/.test(i.message)));
    writeFileSync(join(base, 'b.json'), JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { ...patient, resourceType: 'Pateint' } }] }));
    await assert.rejects(ingest([join(base, 'b.json')]), (e: unknown) => e instanceof AnonymatError && e.issues.some((i) => /entry\[0\]\.resource\.resourceType/.test(i.path) && /did you mean Patient\?/.test(i.message)));
    // (a type we do not map stays unmapped and counted: AllergyIntolerance, a made-up FooBar; a DELETE entry has no resource)
    writeFileSync(join(base, 'c.json'), JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient },
      { resource: { resourceType: 'AllergyIntolerance', id: 'a1' } }, { resource: { resourceType: 'FooBar', id: 'f1' } }, { fullUrl: 'urn:uuid:x' },
      { request: { method: 'DELETE', url: 'Patient/p9' } }] }));
    const r = await ingest([join(base, 'c.json')]);
    assert.deepEqual(r.unmapped, { AllergyIntolerance: 1, FooBar: 1 });
    assert.deepEqual(r.skipped, { 'Bundle entry without a resource': 1 });
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('a file that is not UTF-8 is an error with its line and column (FHIR JSON, NDJSON, Synthea CSV); a byte-order mark is read', async () => {
  const base = mkdtempSync(join(tmpdir(), 'anonymat-ingest-utf8-'));
  try {
    const patient = '{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1980-02-03","name":[{"family":"M\u00fcller"}]}';
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    writeFileSync(join(base, 'a.json'), latin1(patient));
    // (a file's encoding is one problem among the others, whole JSON, streamed NDJSON or CSV alike: each says where)
    const said = (e: AnonymatError) => [e.message, ...e.issues.map((i) => `${i.path}: ${i.message}`)].join('\n');
    await assert.rejects(ingest([join(base, 'a.json')]), (e: unknown) => e instanceof AnonymatError && /a\.json:1:\d+: byte 0xFC is not valid UTF-8/.test(said(e)) && !said(e).includes('ller'));
    writeFileSync(join(base, 'b.ndjson'), latin1(`${patient.replace('\u00fc', 'u')}\n${patient.replace('p1', 'p2')}\n`));
    await assert.rejects(ingest([join(base, 'b.ndjson')]), (e: unknown) => e instanceof AnonymatError && /b\.ndjson:2:\d+: byte 0xFC/.test(said(e)));
    mkdirSync(join(base, 'syn'));
    writeFileSync(join(base, 'syn', 'patients.csv'), latin1('Id,BIRTHDATE,GENDER,CITY\nP1,1980-01-02,F,Ch\u00e2teau-Thierry\n'));
    await assert.rejects(ingest([join(base, 'syn')]), (e: unknown) => e instanceof AnonymatError && /patients\.csv:2:\d+: byte 0xE2/.test(said(e)));
    writeFileSync(join(base, 'c.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(patient, 'utf8')]));
    assert.equal((await ingest([join(base, 'c.json')])).persons, 1);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('problems are collected over every input: a file that is not JSON does not hide the others\' problems', async () => {
  const bad = (id: string, field: string) => ({ name: `${id}.json`, text: JSON.stringify({ resourceType: 'Patient', id, gender: 'female', birthDate: '1980-01-01', ...JSON.parse(field) }) });
  await assert.rejects(ingest([bad('a', '{"gender":"x"}'), { name: 'cut.json', text: '{"resourceType": "Bundle", "entry": [' }, bad('b', '{"birthDate":"1980-02-30"}')]),
    (e: unknown) => e instanceof AnonymatError && e.issues.length === 3 && e.issues[1]!.path.startsWith('cut.json:1:') && /gender/.test(e.issues[0]!.path) && /birthDate/.test(e.issues[2]!.path));
});

test('odd inputs: an empty Patient id and cut or non-UTF-8 base64 text are problems; no person, or no age at the reference date, is a warning', async () => {
  const pat = (extra: object) => ({ resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1980-01-01', ...extra });
  await assert.rejects(ingest([{ name: 'a.json', text: JSON.stringify(pat({ id: '' })) }]),
    (e: unknown) => e instanceof AnonymatError && e.issues.some((i) => /Patient\/\(no id\) \$\.id/.test(i.path)));
  const doc = (data: string) => ({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: pat({}) }, { resource: {
    resourceType: 'DocumentReference', id: 'd1', subject: { reference: 'Patient/p1' }, content: [{ attachment: { contentType: 'text/plain', data } }] } }] });
  for (const data of ['abcde', Buffer.from([0xc3, 0x28, 0xff, 0xfe]).toString('base64')]) {
    await assert.rejects(ingest([{ name: 'd.json', text: JSON.stringify(doc(data)) }], { redactNotes: false }),
      (e: unknown) => e instanceof AnonymatError && e.issues.some((i) => /content\[0\]\.attachment\.data/.test(i.path)));
  }
  const empty = await ingest([{ name: 'e.json', text: '{"resourceType":"Bundle","type":"collection","entry":[]}' }]);
  assert.equal(empty.persons, 0);
  assert.ok(empty.warnings.some((w) => /no person was read/.test(w)));
  const early = await ingest([{ name: 'p.json', text: JSON.stringify(pat({})) }], { referenceDate: '1800-01-01' });
  assert.ok(early.warnings.some((w) => /gives no person an age/.test(w)));
  const fine = await ingest([{ name: 'p.json', text: JSON.stringify(pat({})) }], { referenceDate: '2024-01-01' });
  assert.ok(!fine.warnings.some((w) => /gives no person an age|no person was read/.test(w)));
});

test('a pretty-printed JSON file named .ndjson is one problem that says so, not an error per line', async () => {
  const base = mkdtempSync(join(tmpdir(), 'anonymat-ingest-pretty-'));
  try {
    writeFileSync(join(base, 'p.ndjson'), JSON.stringify({ resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1980-01-01' }, null, 2) + '\n');
    await assert.rejects(ingest([join(base, 'p.ndjson')]), (e: unknown) => e instanceof AnonymatError && e.issues.length === 1 && /pretty-printed JSON document, not NDJSON/.test(e.issues[0]!.message));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('ingest reports its progress: the files of a FHIR folder, then each input (counts only)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-progress-'));
  try {
    for (const f of ['bundle.json', 'export.ndjson']) writeFileSync(join(dir, f), readFileSync(fx(`fhir/${f}`)));
    const calls: [number, number, string | undefined][] = [];
    await ingest([dir, fx('omop')], { onProgress: (d, n, s) => calls.push([d, n, s]) });
    const folder = `files of ${dir.split(/[\\/]/).pop()}`;
    // (before each file of the folder; then after each input, with the kind of what it read last)
    assert.deepEqual(calls, [[0, 2, folder], [1, 2, folder], [1, 2, 'fhir-ndjson'], [2, 2, 'omop-cdm-5.4']]);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test("free-text observation answers: the patient's own record names are found as in their notes (FHIR valueString, Synthea VALUE), per person", async () => {
  const obs = (id: string, pid: string, valueString: string) => ({ resourceType: 'Observation', id, status: 'final', code: { text: 'Note' }, subject: { reference: `Patient/${pid}` }, valueString });
  const lines = [
    { resourceType: 'Patient', id: 'p1', name: [{ family: 'Zylbersztajn', given: ['Maribelle'] }] },
    { resourceType: 'Patient', id: 'p2', name: [{ family: 'Kerhervé', given: ['Oanez'] }] },
    obs('o1', 'p1', 'Maribelle va bien'), obs('o2', 'p1', 'Zylbersztajn'), obs('o3', 'p1', 'maribelle zylbersztajn'),
    // (the same answer of another person: her record's names are not Maribelle's, the answer stays — each (value, person) pair is read with its person's names)
    obs('o4', 'p2', 'Maribelle va bien'), obs('o5', 'p2', 'Oanez va bien'),
  ];
  const r = await ingest([{ name: 'x.ndjson', text: lines.map((l) => JSON.stringify(l)).join('\n'), format: 'ndjson' }], { key: KEY });
  const p1 = pseudonym(KEY, 'p1', { normalize: 'id' });
  const got = toRecords(r.tables.observations!).map((o) => `${o.person_id === p1 ? 'p1' : 'p2'} ${o.value}`).sort();
  assert.deepEqual(got, ['p1 [NOM]', 'p1 [NOM] [NOM]', 'p1 [NOM] va bien', 'p2 Maribelle va bien', 'p2 [NOM] va bien']);
  // Synthea's text VALUE too
  const base = mkdtempSync(join(tmpdir(), 'anonymat-ingest-obsnames-'));
  try {
    writeFileSync(join(base, 'patients.csv'), 'Id,BIRTHDATE,GENDER,FIRST,LAST\nP1,1980-01-02,F,Maribelle,Zylbersztajn\n');
    writeFileSync(join(base, 'observations.csv'), 'DATE,PATIENT,ENCOUNTER,CODE,DESCRIPTION,VALUE,UNITS,TYPE\n2020-01-01,P1,,x,Note,maribelle va bien,,text\n');
    const s = await ingest([base]);
    assert.deepEqual(toRecords(s.tables.observations!).map((o) => o.value), ['[NOM] va bien']);
  } finally { rmSync(base, { recursive: true, force: true }); }
});

test('a non-UTF-8 NDJSON or CSV file is one problem among the others: the inputs after it are still checked', async () => {
  const base = mkdtempSync(join(tmpdir(), 'anonymat-ingest-latin1-'));
  try {
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    writeFileSync(join(base, 'bad.ndjson'), '{"resourceType":"Patient","id":"n1","gender":"female"}\n{"resourceType":"Patient","id":"n2",\n'
      + '{"resourceType":"Encounter","id":"n3","subject":{"reference":"Patient/n1"},"period":{"start":"2020-01-01T25:00:00Z"}}\n');
    writeFileSync(join(base, 'latin1.ndjson'), latin1('{"resourceType":"Patient","id":"x","name":[{"family":"Lef\u00e8vre"}]}\n'));
    mkdirSync(join(base, 'syn'));
    writeFileSync(join(base, 'syn', 'patients.csv'), latin1('Id,BIRTHDATE,GENDER,CITY\nP1,1980-01-02,F,Ch\u00e2teau-Thierry\n'));
    writeFileSync(join(base, 'syn', 'encounters.csv'), 'Id,START,PATIENT\ne1,2020-13-01,P1\n');
    mkdirSync(join(base, 'omop'));
    writeFileSync(join(base, 'omop', 'person.csv'), latin1('person_id,gender_concept_id,year_of_birth,gender_source_value\n1,8507,1980,m\u00e2le\n'));
    writeFileSync(join(base, 'last.json'), JSON.stringify({ resourceType: 'Patient', id: 'z', gender: 'x' }));
    await assert.rejects(ingest(['bad.ndjson', 'latin1.ndjson', 'syn', 'omop', 'last.json'].map((f) => join(base, f))), (e: unknown) => {
      assert.ok(e instanceof AnonymatError && e.code === 'invalid-input');
      const said = e.issues.map((i) => `${i.path}: ${i.message}`.slice(base.length + 1));
      assert.deepEqual(said.map((s) => s.replace(/: .*/, '')), ['bad.ndjson:2', 'bad.ndjson:3 Encounter/n3 $.period.start', 'latin1.ndjson:1:58',
        'syn/patients.csv:2:19', 'syn/encounters.csv:2 column START', 'omop/person.csv:2:14', 'last.json Patient/z $.gender'], said.join('\n'));
      assert.match(said[2]!, /byte 0xE8 is not valid UTF-8; the file is probably Latin-1/);
      for (const v of ['Lef', 'teau-Thierry', 'm\u00e2le', 'mle']) assert.ok(!(JSON.stringify(e.issues) + e.message).includes(v), v);
      return true;
    });
  } finally { rmSync(base, { recursive: true, force: true }); }
});
