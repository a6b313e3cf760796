import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fx = (p: string) => join(root, 'test/fixtures/health', p);

function run(args: string[], env: Record<string, string> = {}) {
  const { ANONYMAT_KEY: _, ...base } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'ingest', ...args], {
    cwd: root, encoding: 'utf8', env: { ...base, ...env },
  });
}

test('anonymat ingest --json: persons, resources, unmapped, tables; exit 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-cli-ingest-'));
  try {
    const out = join(dir, 'out');
    // --keep-note-text: the redactor's dictionaries take seconds to load in a fresh process; the
    // library tests cover redaction, this one checks that the unsafe choice is reported
    const p = run([fx('fhir/bundle.json'), fx('fhir/export.ndjson'), '-o', out, '--format', 'csv', '--reference-date', '2022-03-04', '--keep-note-text', '--json']);
    assert.equal(p.status, 0, p.stderr);
    const j = JSON.parse(p.stdout);
    assert.equal(j.persons, 3);
    assert.equal(j.resources.Observation, 4);
    assert.deepEqual(j.unmapped, { Immunization: 1, Organization: 1, Practitioner: 1 });
    assert.deepEqual(j.tables.person_view, { path: join(out, 'person_view.csv'), rows: 3 });
    assert.ok(existsSync(join(out, 'notes.csv')));
    assert.equal(j.identifiers.action, 'dropped');
    assert.match(p.stderr, /no pseudonymization key/);
    assert.equal(j.notes.text, 'kept');
    // inputs counted per format, never named (exports name files after patients)
    assert.deepEqual(j.inputs, { 'fhir-json': 1, 'fhir-ndjson': 1 });
    assert.ok(!p.stdout.includes('bundle.json') && !p.stdout.includes('export.ndjson'));
    assert.match(p.stderr, /NOT de-identified/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('anonymat ingest with --key-file: tokens; the key never printed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-cli-ingest-'));
  try {
    const key = 'a'.repeat(64);
    writeFileSync(join(dir, 'key.txt'), key);
    const p = run([fx('omop'), '-o', join(dir, 'out'), '--format', 'csv', '--keep-note-text', '--key-file', join(dir, 'key.txt'), '--json']);
    assert.equal(p.status, 0, p.stderr);
    const j = JSON.parse(p.stdout);
    assert.equal(j.identifiers.action, 'pseudonymized');
    assert.ok(!(p.stdout + p.stderr).includes(key));
    const short = run([fx('omop'), '-o', join(dir, 'out2'), '--json'], { ANONYMAT_KEY: 'short' });
    assert.equal(short.status, 2);
    assert.match(short.stderr, /too short/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('anonymat ingest on invalid resources: exit 2, paths on stderr, no output folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-cli-ingest-'));
  try {
    const p = run([fx('fhir/invalid.ndjson'), '-o', join(dir, 'out')]);
    assert.equal(p.status, 2);
    assert.match(p.stderr, /invalid\.ndjson:1 Patient\/bad-1 \$\.birthDate/);
    assert.doesNotMatch(p.stderr, /1990-13-01/);
    assert.ok(!existsSync(join(dir, 'out')));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
