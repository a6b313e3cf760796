import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ingest } from '../ingest.ts';
import { AnonymatError } from '../../errors.ts';
import { column, toRecords, type Table } from '../../table/table.ts';
import { jsonErrorOffset, resolveRef } from './reader.ts';
import { decodeAttachment } from './attachment.ts';
import { keyFromText } from '../../pseudonymize/key.ts';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/health/fhir/', import.meta.url));
const ca59 = fileURLToPath(new URL('../../../../shared/data/synthea-ca-59/fhir-r4/', import.meta.url));

function labels(t: Table, name: string): (string | null)[] {
  const c = column(t, name);
  return Array.from(c.codes, (k) => c.dictionary[k]!);
}

test('fixture bundle: rows per table, components, skipped and unmapped resources', async () => {
  const r = await ingest([join(fixtures, 'bundle.json')]);
  assert.equal(r.persons, 2);
  assert.deepEqual(r.resources, {
    Condition: 4, DocumentReference: 1, Encounter: 3, Immunization: 1, MedicationRequest: 1,
    MedicationStatement: 1, Observation: 4, Organization: 1, Patient: 2, Procedure: 1,
  });
  assert.deepEqual(r.unmapped, { Immunization: 1, Organization: 1 });
  assert.deepEqual(r.skipped, { 'Observation without subject': 1 });
  assert.equal(r.tables.encounters!.rowCount, 3);
  assert.equal(r.tables.conditions!.rowCount, 4);
  // blood pressure panel → 2 component rows; HbA1c and smoking status → 1 row each; obs-4 skipped
  assert.equal(r.tables.observations!.rowCount, 4);
  assert.deepEqual(labels(r.tables.observations!, 'panel_code').filter((x) => x === '85354-9').length, 2);
  assert.deepEqual(labels(r.tables.medications!, 'source').sort(), ['MedicationRequest', 'MedicationStatement']);
  const med = toRecords(r.tables.medications!).find((x) => x.source === 'MedicationStatement')!;
  assert.equal(med.start_date, '2021-11-20');
  assert.equal(med.end_date, '2021-11-27');
  // dates are the written local date, not shifted to UTC (2021-11-20T22:10-05:00 is 2021-11-21 in UTC)
  assert.ok(labels(r.tables.encounters!, 'start_date').includes('2021-11-20'));
});

test('fixture bundle: note text decoded from base64 and de-identified', async () => {
  const r = await ingest([join(fixtures, 'bundle.json')]);
  const [note] = toRecords(r.tables.notes!);
  assert.ok(note!.text);
  assert.doesNotMatch(note!.text!, /Dupont|15\/06\/1950|06 12 34 56 78/);
  assert.match(note!.text!, /diabète de type 2/); // clinical content kept
  assert.equal(r.notes.text, 'redacted');
  assert.ok((r.notes.spans.NAME ?? 0) >= 1);
  // explicit opt-out keeps the text and says so
  const raw = await ingest([join(fixtures, 'bundle.json')], { redactNotes: false });
  assert.match(toRecords(raw.tables.notes!)[0]!.text!, /Marie Dupont/);
  assert.equal(raw.notes.text, 'kept');
  assert.ok(raw.warnings.some((w) => /NOT de-identified/.test(w)));
});

test('NDJSON: Patient/<id> references, unmapped Practitioner', async () => {
  const r = await ingest([join(fixtures, 'export.ndjson')]);
  assert.equal(r.persons, 1);
  assert.deepEqual(r.resources, { Condition: 1, Encounter: 2, Patient: 1, Practitioner: 1 });
  assert.deepEqual(r.unmapped, { Practitioner: 1 });
  assert.deepEqual(labels(r.tables.encounters!, 'person_id'), ['P000001', 'P000001']);
});

test('in-memory inputs (parsed bundle, NDJSON text) give the same tables as files', async () => {
  const bundle = JSON.parse(readFileSync(join(fixtures, 'bundle.json'), 'utf8'));
  const nd = readFileSync(join(fixtures, 'export.ndjson'), 'utf8');
  const key = keyFromText('k'.repeat(40)); // a key makes the ids (and so the row order) deterministic
  const a = await ingest([join(fixtures, 'bundle.json'), join(fixtures, 'export.ndjson')], { key });
  const b = await ingest([{ name: 'upload.json', json: bundle }, { name: 'upload.ndjson', text: nd }], { key });
  assert.deepEqual(b.resources, a.resources);
  for (const n of Object.keys(a.tables)) assert.deepEqual(toRecords(b.tables[n]!), toRecords(a.tables[n]!), n);
});

test('invalid resources: invalid-input with file, resource id and JSON path, never the value', async () => {
  const file = join(fixtures, 'invalid.ndjson');
  await assert.rejects(ingest([file]), (e: unknown) => {
    assert.ok(e instanceof AnonymatError);
    assert.equal(e.code, 'invalid-input');
    assert.equal(e.exitCode, 2);
    const paths = e.issues.map((i) => i.path);
    const expect = [
      `${file}:1 Patient/bad-1 $.gender`,
      `${file}:1 Patient/bad-1 $.birthDate`,
      `${file}:1 Patient/bad-1 $.name[0].given`,
      `${file}:2 Encounter/bad-2 $.period.start`,
      `${file}:3 Observation/bad-3 $.valueQuantity.value`,
      `${file}:4`,
    ];
    for (const p of expect) assert.ok(paths.includes(p), `missing issue at ${p}; got ${paths.join(' | ')}`);
    assert.equal(e.issues.length, expect.length);
    const all = e.message + JSON.stringify(e.issues);
    for (const value of ['man', '1990-13-01', 'NotAnArray', 'yesterday', '37.2', 'Secret', 'cut']) {
      assert.ok(!all.includes(`"${value}"`) && !all.includes(` ${value} `) && !all.includes(`:${value}`), `value ${value} leaked`);
    }
    return true;
  });
});

test('invalid JSON document: file:line:column, no snippet', async () => {
  await assert.rejects(ingest([{ name: 'up.json', text: '{\n "resourceType": "Patient",\n "id": SECRET\n}' }]), (e: unknown) => {
    assert.ok(e instanceof AnonymatError && e.code === 'invalid-input');
    assert.doesNotMatch(e.message + JSON.stringify(e.issues), /SECRET/);
    // (recorded with the other inputs' problems: the error lists it with its place)
    assert.ok(e.issues.some((i) => i.path === 'up.json:3:8' && /^not valid JSON/.test(i.message)), JSON.stringify(e.issues));
    return true;
  });
});

test('JSON syntax error offsets agree with V8 where V8 gives one', () => {
  const cases = ['{"a":1,}', '{"a":1', '[1,2', '{"a" 1}', '{"a":"b\n"}', '[1,]', '{,}', '"x" y', '', '01', '{"a":tru}', '{"a":"\\x"}', '[1e]'];
  for (const t of cases) {
    let v8: number | null = null;
    try { JSON.parse(t); } catch (e) { const m = String((e as Error).message).match(/position (\d+)/); v8 = m ? Number(m[1]) : null; }
    const ours = jsonErrorOffset(t);
    assert.ok(ours >= 0, `no error found in ${JSON.stringify(t)}`);
    if (v8 !== null) assert.equal(ours, v8, JSON.stringify(t));
  }
  for (const t of ['{ }', '[ ]', '{"a":[1,{"b":null}],"c":"\\u00e9","d":-1.5e+3}', ' true ']) assert.equal(jsonErrorOffset(t), -1, t);
});

test('reference resolution', () => {
  const urls = new Map([['urn:uuid:abc', 'p1']]);
  assert.equal(resolveRef('urn:uuid:abc', 'Patient', urls), 'p1');
  assert.equal(resolveRef('urn:uuid:zzz', 'Patient', urls), 'zzz');
  assert.equal(resolveRef('Patient/123', 'Patient', urls), '123');
  assert.equal(resolveRef('https://x.org/fhir/Patient/123/_history/2', 'Patient', urls), '123');
  assert.equal(resolveRef('Patient?identifier=x|1', 'Patient', urls), null);
  assert.equal(resolveRef('Group/9', 'Patient', urls), null);
});

/** Independent count of the synthea-ca-59 bundles: plain JSON scan, no reader code. */
function scan(dir: string) {
  const types: Record<string, number> = {};
  let obsRows = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const b = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const e of b.entry) {
      const r = e.resource;
      types[r.resourceType] = (types[r.resourceType] ?? 0) + 1;
      if (r.resourceType === 'Observation') {
        const hasValue = Object.keys(r).some((k) => k.startsWith('value'));
        const comps = r.component?.length ?? 0;
        obsRows += (hasValue || comps === 0 ? 1 : 0) + comps;
      }
    }
  }
  return { types, obsRows };
}

test('synthea-ca-59 FHIR bundles: counts match an independent scan', async (t) => {
  if (!existsSync(ca59)) { t.skip('../shared/data/synthea-ca-59 absent'); return; }
  const { types, obsRows } = scan(ca59);
  const r = await ingest([ca59], { referenceDate: '2022-03-04' });
  assert.deepEqual(r.resources, Object.fromEntries(Object.entries(types).sort()));
  const mapped = new Set(['Patient', 'Encounter', 'Condition', 'Observation', 'MedicationRequest', 'MedicationStatement', 'Procedure', 'DocumentReference']);
  assert.deepEqual(r.unmapped, Object.fromEntries(Object.entries(types).filter(([k]) => !mapped.has(k)).sort()));
  assert.equal(r.persons, types.Patient);
  assert.equal(r.persons, 10); // SOURCE.md
  assert.equal(r.resources.Observation, 1091); // SOURCE.md
  assert.equal(r.tables.encounters!.rowCount, types.Encounter);
  assert.equal(r.tables.conditions!.rowCount, types.Condition);
  assert.equal(r.tables.observations!.rowCount, obsRows);
  assert.equal(r.tables.medications!.rowCount, types.MedicationRequest);
  assert.equal(r.tables.procedures!.rowCount, types.Procedure);
  assert.equal(r.tables.notes!.rowCount, types.DocumentReference);
  assert.deepEqual(r.skipped, {});
  // every note is decoded and redacted: the patients' given names are gone
  const given = readdirSync(ca59).map((f) => f.split('_')[0]!);
  for (const n of toRecords(r.tables.notes!)) {
    assert.ok(n.text && n.text.length > 20);
    for (const g of given) assert.ok(!n.text.includes(g), 'a given name survived in a note');
  }
  // person view: visits add up to the encounters, one row per patient
  const visits = labels(r.tables.person_view!, 'n_visits').reduce((a, b) => a + Number(b), 0);
  assert.equal(visits, types.Encounter);
});

test('synthea-ca-59: the FHIR bundles and the CSV export give the same person view for the 10 bundled patients', async (t) => {
  const csv = fileURLToPath(new URL('../../../../shared/data/synthea-ca-59/csv/', import.meta.url));
  if (!existsSync(ca59) || !existsSync(csv)) { t.skip('../shared/data/synthea-ca-59 absent'); return; }
  const key = keyFromText('k'.repeat(40)); // same raw id → same token in both ingestions
  const f = await ingest([ca59], { key, referenceDate: '2022-03-04', redactNotes: false });
  const c = await ingest([csv], { key, referenceDate: '2022-03-04' });
  const byId = new Map(toRecords(c.tables.person_view!).map((r) => [r.person_id, r]));
  const rows = toRecords(f.tables.person_view!);
  assert.equal(rows.length, 10);
  for (const r of rows) assert.deepEqual(r, byId.get(r.person_id));
  assert.ok(rows.some((r) => r.chronic_conditions !== 'none'));
});

test('a resource without its resourceType: the error gives its id and JSON path, never the value', async () => {
  const nd = '{"resourceType":"Patient","id":"a","gender":"female"}\n{"id":"c","birthDate":"1950-01-01"}\n{"resourceType":"lowercase","id":"d"}\n';
  await assert.rejects(ingest([{ name: 'up.ndjson', text: nd }]), (e: unknown) => {
    assert.ok(e instanceof AnonymatError);
    const paths = e.issues.map((i) => i.path);
    assert.deepEqual(paths, ['up.ndjson:2 (id c) $.resourceType', 'up.ndjson:3 (id d) $.resourceType']);
    assert.ok(!JSON.stringify(e.issues).includes('lowercase'));
    return true;
  });
});

/** A bundle of one patient (Maribelle Zylbersztajn) and one note per attachment given. */
function notesBundle(attachments: { contentType: string; data: Buffer }[]): { name: string; text: string } {
  const patient = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1980-05-05', name: [{ family: 'Zylbersztajn', given: ['Maribelle'] }] };
  const docs = attachments.map((a, i) => ({ resource: {
    resourceType: 'DocumentReference', id: `d${i}`, subject: { reference: 'Patient/p1' },
    content: [{ attachment: { contentType: a.contentType, data: a.data.toString('base64') } }],
  } }));
  // (the notes before their patient: the names of the record are known when the notes are de-identified, in any order)
  return { name: 'notes.json', text: JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [...docs, { resource: patient }] }) };
}

test('notes: HTML read as its text, the declared charset (or a byte-order mark) decodes, MIME types in any case', async () => {
  const html = '<html><head><style>b{}</style></head><body><p>Patiente <b>Maribelle</b>&nbsp;Zylbersztajn, t&eacute;l&nbsp;: 06&nbsp;12&nbsp;34&nbsp;56&nbsp;78</p><p>Vue le 3 mars.</p></body></html>';
  const plain = 'Patient Zylbersztajn, tel 06 12 34 56 78. Madame va bien: caf\u00e9 \u2019 \u20ac.';
  const r = await ingest([notesBundle([
    { contentType: 'text/html; charset=UTF-8', data: Buffer.from(html) },
    { contentType: 'text/plain; charset=utf-16', data: Buffer.from(plain, 'utf16le') },
    { contentType: 'text/plain; charset=utf-16', data: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(plain, 'utf16le').swap16()]) },
    { contentType: 'text/plain; charset=windows-1252', data: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x92, 0x20, 0x80]) },
    { contentType: 'TEXT/PLAIN', data: Buffer.from(plain) },
  ])]);
  const texts = toRecords(r.tables.notes!).map((n) => n.text!);
  // (the markup's name and phone are found once the tags and references are read: they were left in clear)
  assert.equal(texts[0], 'Patiente [NOM], tél\u00a0: [TEL]\nVue le [DATE].');
  for (const t of [texts[1], texts[2], texts[4]]) assert.equal(t, 'Patient [NOM], tel [TEL]. Madame va bien: café ’ €.');
  // (windows-1252's 0x92 and 0x80 are ’ and €, not control characters)
  assert.equal(texts[3], 'café ’ €');
  await assert.rejects(ingest([notesBundle([{ contentType: 'text/plain; charset=klingon', data: Buffer.from('x') }])]),
    (e: unknown) => e instanceof AnonymatError && e.issues.some((i) => /unknown charset "klingon"/.test(i.message)));
});

test("notes: a patient's own names are found in their notes where no rule sees a name", async () => {
  const r = await ingest([notesBundle([{ contentType: 'text/plain', data: Buffer.from('Mme Zylbersztajn revue ce jour. Maribelle va bien, maribelle dort.') }])]);
  assert.equal(toRecords(r.tables.notes!)[0]!.text, 'Mme [NOM] revue ce jour. [NOM] va bien, [NOM] dort.');
});

test('resources that record nothing that happened are skipped and counted; a concept is read by its standard coding', async () => {
  const pat = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1960-01-01' };
  const cond = (id: string, coding: object[], extra: object = {}) => ({ resourceType: 'Condition', id, subject: { reference: 'Patient/p1' }, recordedDate: '2020-01-01', code: { coding }, ...extra });
  const vs = (code: string) => ({ verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code }] } });
  const enc = (id: string, status: string) => ({ resourceType: 'Encounter', id, status, subject: { reference: 'Patient/p1' }, period: { start: '2020-01-01' } });
  const lines = [pat,
    // (a local code first, then SNOMED's diabetes; ICD-10-CM by its OID)
    cond('c1', [{ system: 'urn:oid:1.2.840.114350.1.13.0.1.7.2.696871', code: '12345' }, { system: 'http://snomed.info/sct', code: '44054006' }]),
    cond('c2', [{ system: 'urn:oid:2.16.840.1.113883.6.90', code: 'I10' }]),
    cond('c3', [{ system: 'http://snomed.info/sct', code: '195967001' }], vs('refuted')),
    cond('c4', [{ system: 'http://snomed.info/sct', code: '86406008' }], vs('entered-in-error')),
    enc('e1', 'finished'), enc('e2', 'cancelled'), enc('e3', 'entered-in-error'),
  ];
  const r = await ingest([{ name: 'x.ndjson', text: lines.map((l) => JSON.stringify(l)).join('\n'), format: 'ndjson' }]);
  assert.deepEqual(r.skipped, {
    'Condition entered in error (verificationStatus)': 1, 'Condition refuted (verificationStatus)': 1,
    'Encounter cancelled (status)': 1, 'Encounter entered in error (status)': 1,
  });
  const view = toRecords(r.tables.person_view!)[0]!;
  assert.equal(view.n_visits, '1');
  assert.equal(view.chronic_conditions, 'diabetes;hypertension');
});

test("a patient's current address gives the ZIP3: not an old one, not one whose period has ended, a home one first", async () => {
  const p = (id: string, address: object[]) => ({ resourceType: 'Patient', id, gender: 'male', birthDate: '1960-01-01', address });
  const lines = [
    p('a1', [{ use: 'old', postalCode: '02138', country: 'US' }, { postalCode: '90210', country: 'US' }]),
    p('a2', [{ use: 'home', postalCode: '02138', country: 'US', period: { end: '2015-01-01' } }, { use: 'home', postalCode: '90210', country: 'US', period: { start: '2015-01-01' } },
      { use: 'home', postalCode: '10001', country: 'US', period: { end: '2005-01-01' } }]),
    p('a3', [{ use: 'billing', postalCode: '02138', country: 'US' }, { use: 'temp', postalCode: '90210', country: 'US' }]),
  ];
  const r = await ingest([{ name: 'x.ndjson', text: lines.map((l) => JSON.stringify(l)).join('\n'), format: 'ndjson' }]);
  assert.deepEqual(toRecords(r.tables.person_view!).map((v) => v.zip3), ['902', '902', '902']);
});

test('an Observation value with a comparator is its bound as written, no number; a value type not mapped is said', async () => {
  const obs = (id: string, value: object) => ({ resourceType: 'Observation', id, status: 'final', subject: { reference: 'Patient/p1' }, effectiveDateTime: '2021-01-01', code: { text: 'HbA1c' }, ...value });
  const lines = [{ resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1960-01-01' },
    obs('o1', { valueQuantity: { value: 5, comparator: '<', unit: '%' } }), obs('o2', { valueQuantity: { value: 7.1, unit: '%' } }),
    obs('o3', { valueRange: { low: { value: 1 }, high: { value: 2 } } })];
  const r = await ingest([{ name: 'x.ndjson', text: lines.map((l) => JSON.stringify(l)).join('\n'), format: 'ndjson' }]);
  assert.deepEqual(toRecords(r.tables.observations!).map((o) => [o.value, o.value_number]), [['<5', null], ['7.1', '7.1'], [null, null]]);
  assert.ok(r.warnings.some((w) => /valueRange/.test(w)));
});

test('a resource read again: the same content skipped (search pages each including the patient), a history Bundle read at its newest versions, a Patient of other content a problem', async () => {
  const pat = { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1970-01-01' };
  const enc = { resourceType: 'Encounter', id: 'e1', status: 'finished', subject: { reference: 'Patient/p1' }, period: { start: '2020-01-01' } };
  const page = (entries: object[]) => ({ name: 'page.json', json: { resourceType: 'Bundle', type: 'searchset', entry: entries.map((resource) => ({ resource })) } });
  const pages = await ingest([page([pat, enc]), page([pat, enc])]);
  assert.equal(pages.persons, 1);
  assert.equal(toRecords(pages.tables.person_view!)[0]!.n_visits, '1');
  assert.deepEqual(pages.skipped, { 'Encounter repeated with the same content': 1, 'Patient repeated with the same content': 1 });
  // (history: newest first; the older version of the Patient is skipped, not a duplicate person)
  const history = await ingest([{ name: 'h.json', json: { resourceType: 'Bundle', type: 'history', entry: [
    { resource: { ...pat, gender: 'female', meta: { versionId: '2' } } }, { resource: { ...pat, meta: { versionId: '1' } } }] } }]);
  assert.equal(toRecords(history.tables.person!)[0]!.sex, 'F');
  assert.deepEqual(history.skipped, { 'older version in a history Bundle': 1 });
  await assert.rejects(ingest([page([pat]), page([{ ...pat, gender: 'female' }])]),
    (e: unknown) => e instanceof AnonymatError && e.issues.some((i) => /^page\.json Patient\/p1 \$\.entry\[0\]\.resource$/.test(i.path) && /already read, with other content/.test(i.message)));
});

test('review of the session: HTML elements that are no phrasing start a line, XHTML CDATA is text, every name of the record is looked for', async () => {
  const html = '<details><summary>Personne à prévenir</summary>Jeanne Kowalczyk</details><fieldset><legend>Surnom</legend>Belou va bien</fieldset>';
  const xhtml = '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Vu le <![CDATA[12/03/2024]]>.</p></body></html>';
  const bundle = notesBundle([{ contentType: 'text/html', data: Buffer.from(html) }, { contentType: 'application/xhtml+xml', data: Buffer.from(xhtml) }]);
  // (the patient's usual name and former surname too)
  const doc = JSON.parse(bundle.text);
  doc.entry.at(-1).resource.name.push({ use: 'usual', given: ['Belou'] }, { use: 'old', family: 'Kowalczyk' });
  const r = await ingest([{ name: 'n.json', text: JSON.stringify(doc) }]);
  const [a, b] = toRecords(r.tables.notes!).map((n) => n.text!);
  assert.doesNotMatch(a!, /Jeanne|Kowalczyk|Belou/);
  assert.equal(b, 'Vu le [DATE].');
});

test('review of the session: colliding ids of two patients keep both events; NDJSON remembers nothing (a person repeated is the duplicate error); a history paged; an address ending in the future is current', async () => {
  const pat = (id: string) => ({ resourceType: 'Patient', id, gender: 'male', birthDate: '1970-01-01' });
  const cond = (pid: string, code: string) => ({ resourceType: 'Condition', id: '1', subject: { reference: `Patient/${pid}` }, recordedDate: '2020-01-01', code: { coding: [{ system: 'http://snomed.info/sct', code }] } });
  const bundle = (name: string, entries: object[], type = 'collection') => ({ name, json: { resourceType: 'Bundle', type, entry: entries.map((resource) => ({ resource })) } });
  const two = await ingest([bundle('a.json', [pat('a'), cond('a', '44054006')]), bundle('b.json', [pat('b'), cond('b', '38341003')])]);
  assert.equal(two.tables.conditions!.rowCount, 2);
  assert.ok(two.warnings.some((w) => /Condition ids name resources of different patients/.test(w)));
  const nd = (lines: object[]) => ({ name: 'x.ndjson', text: lines.map((l) => JSON.stringify(l)).join('\n'), format: 'ndjson' as const });
  await assert.rejects(ingest([nd([pat('a')]), nd([pat('a')])]), (e: unknown) => e instanceof AnonymatError && /repeat a person id/.test(e.message));
  const history = await ingest([bundle('h1.json', [{ ...pat('a'), gender: 'female' }], 'history'), bundle('h2.json', [pat('a')], 'history')]);
  assert.equal(toRecords(history.tables.person!)[0]!.sex, 'F');
  const addr = await ingest([nd([{ ...pat('a'), address: [{ use: 'home', postalCode: '90210', country: 'US', period: { end: '2999-01-01' } }, { use: 'temp', postalCode: '02138', country: 'US' }] }])]);
  assert.equal(toRecords(addr.tables.person_view!)[0]!.zip3, '902');
});

test('a Patient merged into another (link replaced-by / replaces) is one person with the events of both, in any order', async () => {
  const lines = [
    { resourceType: 'Encounter', id: 'e1', status: 'finished', subject: { reference: 'Patient/old1' }, period: { start: '2019-01-01' } },
    { resourceType: 'Patient', id: 'old1', gender: 'male', birthDate: '1970-01-01', link: [{ other: { reference: 'Patient/new1' }, type: 'replaced-by' }] },
    { resourceType: 'Patient', id: 'new1', gender: 'male', birthDate: '1970-01-01' },
    { resourceType: 'Encounter', id: 'e2', status: 'finished', subject: { reference: 'Patient/new1' }, period: { start: '2020-01-01' } },
    // (a link to a record not read leaves the person as read)
    { resourceType: 'Patient', id: 'p9', gender: 'female', birthDate: '1980-01-01', link: [{ other: { reference: 'Patient/elsewhere' }, type: 'replaced-by' }] },
  ];
  const r = await ingest([{ name: 'm.ndjson', text: lines.map((l) => JSON.stringify(l)).join('\n'), format: 'ndjson' }]);
  assert.equal(r.persons, 2);
  assert.deepEqual(toRecords(r.tables.person_view!).map((v) => [v.sex, v.n_visits]).sort(), [['F', '0'], ['M', '2']]);
  assert.equal(r.skipped['Patient merged into another (link replaced-by / replaces)'], 1);
});

test('second review of the session: XHTML entities, unknown elements, names as text, colliding ids given twice, a year-only address end', async () => {
  const xhtml = '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Vu par le Dr&nbsp;Kowalczyk, t&eacute;l&nbsp;06&nbsp;12&nbsp;34&nbsp;56&nbsp;78, et <st1:PersonName>Jeanne Durand</st1:PersonName><label>Belou</label>va bien.</p></body></html>';
  const doc = JSON.parse(notesBundle([{ contentType: 'application/xhtml+xml', data: Buffer.from(xhtml) }]).text);
  doc.entry.at(-1).resource.name.push({ use: 'nickname', text: 'Belou' });
  const r = await ingest([{ name: 'x.json', text: JSON.stringify(doc) }]);
  const note = toRecords(r.tables.notes!)[0]!.text!;
  assert.doesNotMatch(note, /Kowalczyk|06|Jeanne|Durand|Belou/);
  const pat = (id: string, extra: object = {}) => ({ resourceType: 'Patient', id, gender: 'male', birthDate: '1970-01-01', ...extra });
  const cond = (pid: string) => ({ resourceType: 'Condition', id: '1', subject: { reference: `Patient/${pid}` }, recordedDate: '2020-01-01', code: { text: 'x' } });
  const b = (name: string, entries: object[]) => ({ name, json: { resourceType: 'Bundle', type: 'collection', entry: entries.map((resource) => ({ resource })) } });
  const two = await ingest([b('a.json', [pat('a'), cond('a')]), b('b.json', [pat('b'), cond('b')]), b('b.json', [pat('b'), cond('b')])]);
  assert.equal(two.tables.conditions!.rowCount, 2);
  // (an address ending in a year is current until that year's end; the reference date is --reference-date's)
  const addr = { address: [{ use: 'home', postalCode: '90210', country: 'US', period: { end: '2026' } }, { use: 'temp', postalCode: '02138', country: 'US' }] };
  const before = await ingest([b('p.json', [pat('a', addr)])], { referenceDate: '2026-06-01' });
  const after = await ingest([b('p.json', [pat('a', addr)])], { referenceDate: '2027-01-02' });
  assert.deepEqual([toRecords(before.tables.person_view!)[0]!.zip3, toRecords(after.tables.person_view!)[0]!.zip3], ['902', '021']);
});

test('merged records: a cycle of links keeps one person, a chain to a record not read merges into the last one read, the notes of the merged person read every name of the group', async () => {
  const P = (id: string, to: string | null, extra: object = {}) => ({ resourceType: 'Patient', id, gender: 'male', birthDate: '1970-01-01', ...extra, ...(to ? { link: [{ type: 'replaced-by', other: { reference: `Patient/${to}` } }] } : {}) });
  const E = (id: string, p: string) => ({ resourceType: 'Encounter', id, status: 'finished', subject: { reference: `Patient/${p}` }, period: { start: '2020-01-01' } });
  const run = (lines: object[]) => ingest([{ name: 'm.ndjson', text: lines.map((l) => JSON.stringify(l)).join('\n'), format: 'ndjson' }]);
  const cycle = await run([P('a', 'b'), P('b', 'a'), E('e1', 'a'), E('e2', 'b')]);
  assert.deepEqual([cycle.persons, toRecords(cycle.tables.person_view!)[0]!.n_visits], [1, '2']);
  const chain = await run([P('a', 'b'), P('b', 'c'), E('e1', 'a'), E('e2', 'b')]);
  assert.deepEqual([chain.persons, toRecords(chain.tables.person_view!)[0]!.n_visits], [1, '2']);
  const doc = (id: string, p: string, t: string) => ({ resourceType: 'DocumentReference', id, subject: { reference: `Patient/${p}` }, content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(t).toString('base64') } }] });
  const notes = await run([P('old', 'new', { name: [{ given: ['Maribelle'], family: 'Zylbersztajn' }] }), P('new', null, { name: [{ given: ['Oanez'], family: 'Kerhervé' }] }),
    doc('d1', 'new', 'Maribelle va bien.'), doc('d2', 'old', 'Oanez va bien.')]);
  assert.deepEqual(toRecords(notes.tables.notes!).map((n) => n.text), ['[NOM] va bien.', '[NOM] va bien.']);
});

test('merged records: ids linked through a record not read are one person too (two records replaced by one of another export)', async () => {
  const P = (id: string, to: string, given: string) => ({ resourceType: 'Patient', id, gender: 'male', birthDate: '1970-01-01', name: [{ given: [given] }], link: [{ type: 'replaced-by', other: { reference: `Patient/${to}` } }] });
  const doc = (id: string, p: string, t: string) => ({ resourceType: 'DocumentReference', id, subject: { reference: `Patient/${p}` }, content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(t).toString('base64') } }] });
  const r = await ingest([{ name: 'm.ndjson', text: [P('a', 'c', 'Maribelle'), P('b', 'c', 'Oanez'), doc('d1', 'a', 'Oanez va bien.'), doc('d2', 'c', 'Maribelle va bien.')].map((l) => JSON.stringify(l)).join('\n'), format: 'ndjson' }]);
  assert.equal(r.persons, 1);
  assert.deepEqual(toRecords(r.tables.notes!).map((n) => n.text), ['[NOM] va bien.', '[NOM] va bien.']);
});

test('notes: an XML or RTF attachment is read as the text it holds (tags, character and named entities; control words, code page, \\uN, font and color tables), other text/* as written', async () => {
  const text = (contentType: string, s: string | Buffer) => {
    const d = decodeAttachment(typeof s === 'string' ? Buffer.from(s) : s, contentType);
    assert.ok('text' in d, JSON.stringify(d));
    return d.text;
  };
  // (a CDA document: every tag a space or a line, references decoded, a CDATA section as written, attributes — ids, telecom — no text)
  const cda = '<?xml version="1.0"?><ClinicalDocument xmlns="urn:hl7-org:v3"><recordTarget><patientRole><id extension="IPP-0042"/><patient><name><given>Zo&#233;</given><family>Lef&#xE8;vre</family></name></patient></patientRole></recordTarget>'
    + '<component><section><title>Suivi</title><text><paragraph>O&apos;Brien &amp; Lef&#101;vre&nbsp;: vue ce jour.</paragraph><paragraph><![CDATA[a < b &amp; c]]></paragraph></text></section></component></ClinicalDocument>';
  assert.equal(text('text/xml; charset=utf-8', cda), 'Zoé Lefèvre\nSuivi\nO\'Brien & Lefevre\u00a0: vue ce jour.\na < b &amp; c');
  // (RTF: the font, color and style tables, the document's information and ignorable destinations dropped; \\'hh in the
  // document's code page, or its font's charset; \\uN with its fallback skipped; paragraphs and tabs kept)
  const rtf = String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}{\f1\fcharset238 Times CE;}}{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}}{\*\generator Msftedit 5.41;}{\info{\author Dr Kowalczyk}}`
    + String.raw`\f0\fs20 Patiente Zo\'e9 Lef\'e8vre,\tab n\u233?e le 3 mars\par {\f1 Ko\'9ailer} va \b bien\b0 .\line \{fin\}}`;
  assert.equal(text('text/rtf', rtf), 'Patiente Zoé Lefèvre,\tnée le 3 mars\nKošiler va bien.\n{fin}');
  assert.equal(text('TEXT/RTF', String.raw`{\rtf1\ansi\ansicpg1251 \'cf\'e5\'f2\'f0\'ee\uc2\u1074??}`), 'Петров');
  // (other text/* stay as written)
  assert.equal(text('text/csv', 'a,<b>,&amp;'), 'a,<b>,&amp;');
  // the notes of the review: no name of the record left
  const r = await ingest([notesBundle([
    { contentType: 'text/xml', data: Buffer.from('<note><patient><given>Maribelle</given><family>Zylbersztajn</family></patient><p>Mme Zylb&#101;rsztajn va bien</p></note>') },
    { contentType: 'text/rtf', data: Buffer.from(String.raw`{\rtf1\ansi{\fonttbl{\f0 Times;}}\f0 Patiente Maribelle Zylbersztajn, n\'e9e le 3 mars.\par Maribelle va mieux.}`) },
  ])]);
  const notes = toRecords(r.tables.notes!).map((n) => n.text!);
  for (const n of notes) assert.doesNotMatch(n, /Maribell|Zylb|&#|\\|[<>{}]/, n);
  assert.ok(notes.every((n) => /\[NOM\]/.test(n)), notes.join(' | '));
});

test('an event read again with its patient written another way (Patient/p, an absolute URL, a urn:uuid fullUrl) is the same event, read once', async () => {
  const pat = { resourceType: 'Patient', id: 'p', gender: 'male', birthDate: '1980-01-01' };
  const enc = (reference: string) => ({ resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, subject: { reference }, period: { start: '2020-01-01' } });
  const bundle = (type: string, entries: [string, object][]) => ({ name: `${type}.json`, json: { resourceType: 'Bundle', type, entry: entries.map(([fullUrl, resource]) => ({ fullUrl, resource })) } });
  const r = await ingest([
    bundle('collection', [['http://s/fhir/Patient/p', pat], ['http://s/fhir/Encounter/e1', enc('Patient/p')]]),
    bundle('searchset', [['http://s/fhir/Patient/p', pat], ['http://s/fhir/Encounter/e1', enc('http://s/fhir/Patient/p')]]),
    bundle('transaction', [['urn:uuid:0b1c', pat], ['urn:uuid:0b1d', enc('urn:uuid:0b1c')]]),
  ]);
  assert.equal(r.tables.encounters!.rowCount, 1);
  assert.equal(toRecords(r.tables.person_view!)[0]!.n_visits, '1');
  assert.ok(!r.warnings.some((w) => /ids name resources of different patients/.test(w)), r.warnings.join(' | '));
});

test("an id out of FHIR's id type (abc_def, 65 characters or more) is an invalid resource, not a Patient whose events are skipped", async () => {
  const long = 'x'.repeat(70);
  const lines = [
    { resourceType: 'Patient', id: 'abc_def', gender: 'male' },
    { resourceType: 'Encounter', id: 'e1', status: 'finished', subject: { reference: 'Patient/abc_def' } },
    { resourceType: 'Patient', id: long, gender: 'male' },
    { resourceType: 'Encounter', id: 'e 2', status: 'finished', subject: { reference: `Patient/${long}` } },
    // (64 characters, dots and dashes are an id; a type not mapped is not validated)
    { resourceType: 'Patient', id: `A-1.${'y'.repeat(60)}`, gender: 'male' },
    { resourceType: 'Practitioner', id: 'dr_who' },
  ];
  await assert.rejects(ingest([{ name: 'x.ndjson', text: lines.map((l) => JSON.stringify(l)).join('\n'), format: 'ndjson' }]), (e: unknown) => {
    assert.ok(e instanceof AnonymatError && e.exitCode === 2);
    assert.deepEqual(e.issues.map((i) => i.path), ['x.ndjson:1 Patient/abc_def $.id', `x.ndjson:3 Patient/${long} $.id`, 'x.ndjson:4 Encounter/e 2 $.id']);
    assert.ok(e.issues.every((i) => /not a FHIR id/.test(i.message)), JSON.stringify(e.issues));
    return true;
  });
  const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'abc_def' } }] };
  await assert.rejects(ingest([{ name: 'b.json', json: bundle }]),
    (e: unknown) => e instanceof AnonymatError && e.issues.length === 1 && e.issues[0]!.path === 'b.json Patient/abc_def $.entry[0].resource.id');
});

test('DocumentReference.context.encounter: a problem says its JSON path as written, and an element that is no Reference is one', async () => {
  const doc = (id: string, encounter: unknown[]) => ({ resource: { resourceType: 'DocumentReference', id, subject: { reference: 'Patient/p1' }, context: { encounter },
    content: [{ attachment: { contentType: 'text/plain', data: 'aGVsbG8=' } }] } });
  const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'p1' } }, doc('d1', [{ reference: 42 }]), doc('d2', ['Encounter/e1']), doc('d3', [{ reference: 'Encounter/e1' }])] };
  await assert.rejects(ingest([{ name: 'b.json', json: bundle }]), (e: unknown) => {
    assert.ok(e instanceof AnonymatError);
    assert.deepEqual(e.issues.map((i) => `${i.path}: ${i.message}`), [
      'b.json DocumentReference/d1 $.entry[1].resource.context.encounter[0].reference: expected a string, found a number',
      'b.json DocumentReference/d2 $.entry[2].resource.context.encounter[0]: expected a Reference object, found a string',
    ]);
    return true;
  });
  const r = await ingest([{ name: 'b.json', json: { ...bundle, entry: [bundle.entry[0], bundle.entry[3]] } }]);
  assert.notEqual(toRecords(r.tables.notes!)[0]!.encounter_id, null);
});
