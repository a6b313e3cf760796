import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, shared, hasShared } from './helpers.ts';

const small = ['age,sex,zip,diagnosis', '34,F,75011,E11', '34,F,75011,I10', '35,M,13001,E11', '35,M,13001,E11', '35,M,13001,J45', '70,F,01000,C50', ''].join('\n');
const policy = `columns:
  age: { role: quasi, type: integer }
  sex: { role: quasi }
  zip: { role: quasi, type: string }
  diagnosis: { role: sensitive }
thresholds: { k: 2, l: 2 }
`;

async function tmp(): Promise<string> { return mkdtemp(join(tmpdir(), 'anonymat-cli-')); }

test('assess: JSON fields, hand-computed classes, exit 3 when thresholds fail', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'd.csv'), small);
    await writeFile(join(dir, 'p.yaml'), policy);
    const r = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '--json']);
    assert.equal(r.code, 3, r.stderr);
    const a = JSON.parse(r.stdout);
    assert.equal(a.records, 6);
    assert.equal(a.persons, null);
    assert.deepEqual(a.quasiIdentifiers, ['age', 'sex', 'zip']);
    assert.equal(a.k, 1);
    assert.equal(a.classes, 3);
    assert.deepEqual(a.classSizeHistogram, { 1: 1, 2: 1, 3: 1 });
    assert.equal(a.prosecutor.highest, 1);
    assert.equal(a.prosecutor.average, 0.5);
    assert.equal(a.sampleUniques, 1);
    for (const f of ['pitman', 'zayatz', 'snb', 'dankar']) assert.ok(f in a.populationUniques, f);
    assert.equal(typeof a.individualRisk.expectedReidentifications, 'number');
    assert.equal(a.verdict.passes, false);
    assert.ok(a.verdict.failures.length >= 2); // k (1 < 2) and l (the 75011 class... has 2; the 01000 class has 1)
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess: reads stdin with -, writes an HTML report atomically, exit 0 when thresholds hold', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  sex: { role: quasi }\nthresholds: { k: 2 }\n');
    const r = await runCli(['assess', '-', '--policy', join(dir, 'p.yaml'), '--html', join(dir, 'r.html')], { stdin: small });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /k = 3/);
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    assert.match(html, /<svg/);
    assert.doesNotMatch(html, /<script|https?:\/\//); // self-contained, no network
    assert.deepEqual((await readdir(dir)).sort(), ['p.yaml', 'r.html']);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess: bad input exits 2 with file:line and leaves no report behind', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'd.csv'), 'age,sex\n34,F\n35,M,extra\n');
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  sex: { role: quasi }\n');
    const r = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '--html', join(dir, 'r.html')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /d\.csv:3: .*ragged/);
    assert.deepEqual((await readdir(dir)).sort(), ['d.csv', 'p.yaml']);
    assert.doesNotMatch(r.stderr, /extra/); // the record's content is never echoed
    const bad = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'nope.yaml')]);
    assert.equal(bad.code, 2);
    await writeFile(join(dir, 'd.csv'), 'age,sex\n34,F\n');
    await writeFile(join(dir, 'q.yaml'), 'columns:\n  sexe: { role: quasi }\n');
    const unknown = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'q.yaml')]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /sexe/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess on ARX adult (9 QIs): k and classes as ARX reports', { skip: hasShared ? false : '../shared/data absent' }, async () => {
  const r = await runCli(['assess', join(shared, 'arx/adult.csv'), '--delimiter', ';', '--qi', 'sex,age,race,marital-status,education,native-country,workclass,occupation,salary-class', '--json']);
  // (no -k: k = 2 is checked, and said — k = 1 here, exit 3; review s45: it said the thresholds were met)
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /no -k given: k = 2 is checked/);
  const a = JSON.parse(r.stdout);
  assert.equal(a.verdict.passes, false);
  assert.equal(a.records, 30162);
  assert.equal(a.k, 1);
  // distinct combinations of the 9 attributes in adult.csv (DuckDB: SELECT count(*) FROM (SELECT DISTINCT * …))
  assert.equal(a.classes, 19502);
  assert.equal(a.sampleUniques, 15512);
});

test('assess: population.table (relative to the policy) feeds journalist risk', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'd.csv'), small);
    const { copyFile } = await import('node:fs/promises');
    await copyFile(new URL('../fixtures/population/population.csv', import.meta.url), join(dir, 'pop.csv'));
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  age: { role: quasi, type: integer }\n  sex: { role: quasi }\n  zip: { role: quasi, type: string }\npopulation: { table: pop.csv }\nthresholds: { k: 1 }\n');
    const r = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '--json']);
    // (k: 1 given — without it k = 2 is checked and this sample, k = 1, exits 3)
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout);
    // population class sizes 3, 4, 2 for the sample classes (34,F,75011), (35,M,13001), (70,F,01000):
    // journalist highest risk = 1 / smallest population class among sample classes = 1/2
    assert.equal(a.journalist.highest, 0.5);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess --original runs the anonymity verdict on a release (identical release → pseudonymous, exit 3)', async () => {
  const dir = await tmp();
  try {
    const rows = ['age,sex,zip,diagnosis'];
    for (let i = 0; i < 120; i++) rows.push(`${20 + (i % 60)},${i % 2 ? 'F' : 'M'},${75000 + (i % 17)},${['E11', 'I10', 'J45'][i % 3]}`);
    await writeFile(join(dir, 'orig.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  age: { role: quasi, type: integer }\n  sex: { role: quasi }\n  zip: { role: quasi, type: string }\n  diagnosis: { role: sensitive }\nthresholds: { k: 2 }\n');
    const r = await runCli(['assess', join(dir, 'orig.csv'), '--policy', join(dir, 'p.yaml'), '--original', join(dir, 'orig.csv'), '--json']);
    assert.equal(r.code, 3, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.anonymity.verdict.anonymous, false);
    assert.match(r.stderr, /NO CONTROL SET/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess: t-closeness with the hierarchical distance over the sensitive column\'s hierarchy (Li et al.; 8/27 by hand)', async () => {
  const dir = await tmp();
  try {
    // ARX's test2 diseases; the class sex = F holds {gastritis, flu, bronchitis}: 2·(1/3)(1/9) moves inside the two
    // subtrees and 2/9 across the root = 8/27 (equal distance: 4/9); the class M: 4/27
    const rows = [['M', 'gastric ulcer'], ['M', 'gastritis'], ['M', 'stomach cancer'], ['F', 'gastritis'], ['F', 'flu'], ['F', 'bronchitis'], ['M', 'bronchitis'], ['M', 'pneumonia'], ['M', 'stomach cancer']];
    await writeFile(join(dir, 'd.csv'), ['sex,diagnosis', ...rows.map((r) => r.join(',')), ''].join('\n'));
    await writeFile(join(dir, 'diseases.csv'), [
      'gastric ulcer;stomach disease;digestive system disease;*', 'gastritis;stomach disease;digestive system disease;*',
      'stomach cancer;stomach disease;digestive system disease;*', 'flu;respiratory infection;vascular lung disease;*',
      'bronchitis;respiratory infection;vascular lung disease;*', 'pneumonia;respiratory infection;vascular lung disease;*', ''].join('\n'));
    const pol = (d: string) => `columns:\n  sex: { role: quasi }\n  diagnosis: { role: sensitive, hierarchy: diseases.csv }\nthresholds: { k: 2, t: 0.3, tDistance: ${d} }\n`;
    await writeFile(join(dir, 'h.yaml'), pol('hierarchical'));
    const r = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'h.yaml'), '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const s = JSON.parse(r.stdout).sensitive.diagnosis;
    assert.equal(s.tDistance, 'hierarchical');
    assert.equal(s.note, undefined);
    assert.ok(Math.abs(s.t - 8 / 27) < 1e-9, String(s.t));
    // the equal distance over the same classes: 4/9 > 0.3, exit 3
    await writeFile(join(dir, 'e.yaml'), pol('equal'));
    const e = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'e.yaml'), '--json']);
    assert.equal(e.code, 3);
    assert.ok(Math.abs(JSON.parse(e.stdout).sensitive.diagnosis.t - 4 / 9) < 1e-9);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess: a policy column present under another spelling (a person key "patient_ID" for "patient_id") is an error, not a count by records', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'd.csv'), ['patient_id,age', ...Array.from({ length: 10 }, (_, i) => `P${i % 2},${30 + (i % 2)}`), ''].join('\n'));
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  patient_ID: { role: person-key }\n  age: { role: quasi }\nthresholds: { k: 5 }\n');
    const r = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /patient_ID.*"patient_id"/);
    // init may not write its proposal over its input
    const i = await runCli(['init', join(dir, 'd.csv'), '-o', join(dir, 'd.csv')]);
    assert.equal(i.code, 2);
    assert.match(await readFile(join(dir, 'd.csv'), 'utf8'), /^patient_id,age/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess with a population table: its quasi-identifiers are read in the sample\'s types (a "35.5" among the population\'s ages made "30" and "30.0" two classes)', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 's.csv'), 'age,sex\n30,M\n30,M\n40,F\n50,M\n60,F\n');
    // the population: the sample's classes 5, 1 and 3 times over, and one decimal age
    const pop = ['age,sex', ...Array(5).fill('30,M'), '40,F', ...Array(3).fill('50,M'), '35.5,F'];
    await writeFile(join(dir, 'pop.csv'), pop.join('\n') + '\n');
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  age: { role: quasi }\n  sex: { role: quasi }\nthresholds: { k: 2 }\npopulation: { table: pop.csv }\nrisk: { suda2MaxSize: 0 }\n');
    const r = await runCli(['assess', join(dir, 's.csv'), '--policy', join(dir, 'p.yaml'), '--json']);
    const a = JSON.parse(r.stdout);
    // F = 5, 1, 3 and 0 (the 60-year-old woman is in no population row: raised to her sample count 1, inconsistent)
    assert.equal(a.journalist.inconsistentClasses, 1, r.stdout.slice(0, 400));
    // marketer = (1/n) Σ f/F = (2/5 + 1 + 1/3 + 1)/5
    assert.ok(Math.abs(a.marketer.risk - (2 / 5 + 1 + 1 / 3 + 1) / 5) < 1e-9, String(a.marketer.risk));
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess: the report may not overwrite a file the policy reads (its population table), and says which thresholds it did not evaluate', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'd.csv'), small);
    await writeFile(join(dir, 'pop.csv'), small);
    await writeFile(join(dir, 'p.yaml'), policy.replace('thresholds: { k: 2, l: 2 }', 'thresholds: { k: 1, maxAttackRisk: 0.05 }') + 'population: { table: pop.csv }\n');
    const r = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '--html', join(dir, 'pop.csv')]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(await readFile(join(dir, 'pop.csv'), 'utf8'), small);
    const ok = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '--html', join(dir, 'r.html')]);
    assert.match(await readFile(join(dir, 'r.html'), 'utf8'), /not evaluated by the assessment: maxAttackRisk/, ok.stderr);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('cli: assess refuses a policy without a quasi-identifier (exit 2), as anonymize does', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-noqi-'));
  try {
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  a: { role: insensitive }\n');
    await writeFile(join(dir, 'd.csv'), 'a\n1\n2\n');
    const r = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /at least one quasi-identifier/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess: a column given both as --qi and --sensitive is named in the error (exit 2)', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'd.csv'), small);
    const r = await runCli(['assess', join(dir, 'd.csv'), '--qi', 'age', '--sensitive', 'age']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /column "age" is given both as a quasi-identifier \(--qi\) and as sensitive/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess: a misspelled threshold (K, maxProsecutorrisk) is refused with exit 2 and the nearest name; kMap without a population table too', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'd.csv'), small);
    // (the data have k = 1: the typos were ignored, and the verdict said the thresholds were met, exit 0)
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  age: { role: quasi }\n  sex: { role: quasi }\nthresholds: { K: 5, maxProsecutorrisk: 0.05 }\n');
    const r = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml')]);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /"K" \(did you mean "k"\?\)/);
    assert.match(r.stderr, /"maxProsecutorrisk" \(did you mean "maxProsecutorRisk"\?\)/);
    assert.doesNotMatch(r.stdout, /met/);
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  age: { role: quasi }\n  sex: { role: quasi }\nthresholds: { kMap: 5 }\npopulation: { samplingFraction: 0.1 }\n');
    const m = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml')]);
    assert.equal(m.code, 2, m.stdout);
    assert.match(m.stderr, /thresholds\.kMap: k-map needs population\.table/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess: the terminal summary names the thresholds it did not evaluate instead of calling the policy met', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'd.csv'), small);
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  sex: { role: quasi }\nthresholds: { k: 2, maxAttackRisk: 0.05 }\n');
    const r = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml')]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /the policy thresholds are met/);
    assert.match(r.stdout, /verdict: the thresholds measured here are met/);
    assert.match(r.stdout, /not evaluated by the assessment: maxAttackRisk/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('assess --policy without thresholds.k: k = 2 is checked and said, as with --qi and no -k (review s45: "met", exit 0, on k = 1 data)', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'd.csv'), small);
    await writeFile(join(dir, 'nok.yaml'), 'columns:\n  age: { role: quasi, type: integer }\n  sex: { role: quasi }\n  zip: { role: quasi, type: string }\n');
    const r = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'nok.yaml'), '--json']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /no thresholds\.k: k = 2 is checked/);
    const a = JSON.parse(r.stdout);
    assert.equal(a.k, 1);
    assert.equal(a.kThreshold, 2);
    assert.equal(a.verdict.passes, false);
    assert.ok(a.verdict.failures.some((f: { criterion: string }) => f.criterion === 'k'));
    // the terminal summary says so too
    const t = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'nok.yaml')]);
    assert.equal(t.code, 3, t.stderr);
    assert.doesNotMatch(t.stdout, /thresholds are met/);
    // a policy giving k: no note, its k checked
    await writeFile(join(dir, 'k1.yaml'), 'columns:\n  age: { role: quasi, type: integer }\n  sex: { role: quasi }\n  zip: { role: quasi, type: string }\nthresholds: { k: 1 }\n');
    const k1 = await runCli(['assess', join(dir, 'd.csv'), '--policy', join(dir, 'k1.yaml')]);
    assert.equal(k1.code, 0, k1.stderr);
    assert.doesNotMatch(k1.stderr, /thresholds\.k/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});
