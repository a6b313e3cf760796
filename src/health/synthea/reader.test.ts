import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ingest } from '../ingest.ts';
import { column, toRecords, type Table } from '../../table/table.ts';
import { syntheaLayout } from './reader.ts';

const data = (p: string) => fileURLToPath(new URL(`../../../../shared/data/${p}`, import.meta.url));
const fixture = fileURLToPath(new URL('../../../test/fixtures/health/synthea-legacy/', import.meta.url));

function labels(t: Table, name: string): (string | null)[] {
  const c = column(t, name);
  return Array.from(c.codes, (k) => c.dictionary[k]!);
}

/** Data rows of a Synthea CSV counted as non-empty lines minus the header (Synthea quotes no newline). */
function lines(file: string): number {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').length - 1;
}

test('layout detection from the patients header', () => {
  assert.equal(syntheaLayout(['Id', 'BIRTHDATE', 'ZIP']), 'v3');
  assert.equal(syntheaLayout(['ID', 'BIRTHDATE', 'ADDRESS']), 'legacy');
});

test('legacy fixture: ZIP and state parsed from ADDRESS, single DATE columns, unmapped files counted', async () => {
  const r = await ingest([fixture], { referenceDate: '2022-03-04' });
  assert.equal(r.sources[0]!.format, 'synthea-legacy');
  assert.deepEqual(labels(r.tables.person!, 'postal_code').sort(), ['01609', '01852']);
  assert.deepEqual(labels(r.tables.person!, 'state'), ['MA', 'MA']);
  // persons are numbered in a random order without a key (so input order cannot leak names): compare as a set
  assert.deepEqual(labels(r.tables.encounters!, 'start_date').sort(), ['2012-10-20', '2013-05-13', '2014-01-01']);
  assert.deepEqual(r.unmapped, { 'synthea:immunizations': 1 });
  assert.ok(r.warnings.some((w) => /medications\.csv, observations\.csv, procedures\.csv/.test(w)));
  // no direct identifier column survives, and no value of one appears anywhere
  const names = r.tables.person!.columns.map((c) => c.name);
  for (const c of ['ssn', 'name_given', 'name_family', 'address_line', 'drivers_license', 'passport']) assert.ok(!names.includes(c));
  const everything = JSON.stringify(Object.values(r.tables).map((t) => toRecords(t)));
  for (const v of ['999-11-2222', 'Turing34', 'Alan12', 'Elm Street', 'S999', 'a1', 'e1']) assert.ok(!everything.includes(`"${v}"`), v);
});

test('synthea-ca-59 CSV (v3 layout): row counts equal the files', async (t) => {
  const dir = data('synthea-ca-59/csv');
  if (!existsSync(dir)) { t.skip('../shared/data/synthea-ca-59 absent'); return; }
  const r = await ingest([dir]);
  assert.equal(r.sources[0]!.format, 'synthea-v3');
  assert.equal(r.persons, 59);
  const map: Record<string, string> = { encounters: 'encounters', conditions: 'conditions', medications: 'medications', observations: 'observations', procedures: 'procedures' };
  for (const [table, file] of Object.entries(map)) assert.equal(r.tables[table]!.rowCount, lines(join(dir, `${file}.csv`)), table);
  assert.equal(r.tables.observations!.rowCount, 21697); // SOURCE.md
  for (const f of readdirSync(dir)) {
    const base = f.replace(/\.csv$/, '');
    assert.equal(r.resources[`synthea:${base}`], lines(join(dir, f)), f);
    if (!['patients', ...Object.keys(map)].includes(base)) assert.equal(r.unmapped[`synthea:${base}`], lines(join(dir, f)));
  }
  assert.equal(labels(r.tables.person_view!, 'n_visits').reduce((a, b) => a + Number(b), 0), 2590);
});

test('synthea-ma-285-legacy: 285 persons, ZIPs from ADDRESS with leading zeros', async (t) => {
  const dir = data('synthea-ma-285-legacy/csv');
  if (!existsSync(dir)) { t.skip('../shared/data/synthea-ma-285-legacy absent'); return; }
  const r = await ingest([dir]);
  assert.equal(r.sources[0]!.format, 'synthea-legacy');
  assert.equal(r.persons, 285);
  assert.equal(r.tables.encounters!.rowCount, 1785);
  assert.equal(r.tables.conditions!.rowCount, 874);
  assert.equal(r.tables.medications!.rowCount, 775);
  assert.equal(r.tables.observations!.rowCount, 7019);
  assert.equal(r.tables.procedures!.rowCount, 854);
  // independent: ZIPs at the end of ADDRESS in the raw file
  const raw = readFileSync(join(dir, 'patients.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
  const zips = raw.map((l) => l.match(/ (\d{5}) US"?\s*$/)?.[1] ?? null);
  assert.deepEqual(labels(r.tables.person!, 'postal_code').sort(), [...zips].sort());
  assert.ok(zips.every((z) => z !== null && z.startsWith('0')));
  assert.deepEqual(labels(r.tables.person_view!, 'zip3').sort(), zips.map((z) => z!.slice(0, 3)).sort());
});

test('synthea-ma-1k-apr2020-partial: persons and conditions, absent files reported', async (t) => {
  const dir = data('synthea-ma-1k-apr2020-partial');
  if (!existsSync(dir)) { t.skip('../shared/data/synthea-ma-1k-apr2020-partial absent'); return; }
  const r = await ingest([dir], { referenceDate: '2020-04-01' });
  assert.equal(r.persons, 1171);
  assert.equal(r.tables.conditions!.rowCount, 8376);
  assert.equal(r.tables.encounters!.rowCount, 0);
  assert.ok(r.warnings.some((w) => /encounters\.csv, medications\.csv, observations\.csv, procedures\.csv/.test(w)));
  assert.equal(labels(r.tables.person_view!, 'zip3').filter((z) => z === null).length, 543); // SOURCE.md: 543 empty ZIPs
  assert.equal(labels(r.tables.person_view!, 'sex').filter((s) => s === 'F').length, 609);
  assert.equal(labels(r.tables.person_view!, 'deceased').filter((s) => s === 'true').length, 171);
});

test('an event row without its PATIENT is a problem with its file, line and column, not a row of no person', async () => {
  const files: Record<string, string> = {};
  for (const f of ['patients.csv', 'encounters.csv', 'conditions.csv']) files[f] = readFileSync(join(fixture, f), 'utf8');
  files['conditions.csv'] = files['conditions.csv']!.replace('2012-10-20,,a1,', '2012-10-20,,,');
  await assert.rejects(ingest([{ name: 'up', synthea: files }]), (e: unknown) => {
    const issues = (e as { issues?: { path: string; message: string }[] }).issues ?? [];
    return issues.length === 1 && issues[0]!.path === 'up/conditions.csv:2 column PATIENT' && /empty PATIENT/.test(issues[0]!.message);
  });
});

test('file names in another case (Patients.csv, Encounters.csv) are read as Synthea\'s, not silently ignored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-synthea-case-'));
  try {
    for (const f of readdirSync(fixture)) copyFileSync(join(fixture, f), join(dir, f[0]!.toUpperCase() + f.slice(1)));
    const r = await ingest([dir]);
    assert.equal(r.persons, 2);
    assert.equal(r.sources[0]!.format, 'synthea-legacy');
    assert.equal(r.tables.encounters!.rowCount, 3);
    assert.equal(r.tables.conditions!.rowCount, 2);
    // (counted under the names Synthea gives them, the mapped ones not as unmapped)
    assert.deepEqual(r.unmapped, { 'synthea:immunizations': 1 });
    assert.equal(r.resources['synthea:encounters'], 3);
    // in memory too, and a problem names the file as it is named
    const text = (f: string) => readFileSync(join(fixture, f), 'utf8');
    const mem = await ingest([{ name: 'up', synthea: { 'PATIENTS.CSV': text('patients.csv'), 'Encounters.csv': text('encounters.csv') } }]);
    assert.deepEqual([mem.persons, mem.tables.encounters!.rowCount], [2, 3]);
    await assert.rejects(ingest([{ name: 'up', synthea: { 'Patients.csv': 'Id,BIRTHDATE,GENDER\nP1,1980-02-30,F\n' } }]),
      (e: unknown) => e instanceof Error && 'issues' in e && (e.issues as { path: string }[]).some((i) => i.path === 'up/Patients.csv:2 column BIRTHDATE'));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
