import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers.ts';

test('anonymize drops the person key and identifiers from the release and assesses it without them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-anon-'));
  try {
    const rows = ['pid,name,age,sex'];
    for (let i = 0; i < 40; i++) rows.push(`P${i},N${i},${20 + (i % 8)},${i % 2 ? 'F' : 'M'}`);
    await writeFile(join(dir, 'd.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'p.yaml'), `columns:
  pid: { role: person-key }
  name: { role: identifier }
  age: { role: quasi, type: integer, hierarchy: { intervals: { width: [10, 20], start: 0 } } }
  sex: { role: quasi, hierarchy: { map: [{ F: '*', M: '*' }] } }
thresholds: { k: 5 }
`);
    const r = await runCli(['anonymize', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '-o', join(dir, 'out.csv'), '--json', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.ok(j.after.k >= 5);
    const header = (await readFile(join(dir, 'out.csv'), 'utf8')).split('\n')[0]!;
    assert.deepEqual(header.split(','), ['age', 'sex']);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('anonymize --verdict attacks the release; a pseudonymous result writes nothing and exits 3', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-anon-'));
  try {
    const rows = ['age,sex,diagnosis'];
    for (let i = 0; i < 80; i++) rows.push(`${20 + (i % 40)},${i % 2 ? 'F' : 'M'},${['E11', 'I10', 'J45', 'C50', 'B20'][(i % 40) % 5]}`);
    await writeFile(join(dir, 'd.csv'), rows.join('\n') + '\n');
    // every (age, sex) pair occurs twice with the same diagnosis: 2-anonymous as it is, so the
    // release is the data itself — and the diagnosis of each class is plain to infer
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  age: { role: quasi, type: integer }\n  sex: { role: quasi }\n  diagnosis: { role: sensitive }\nthresholds: { k: 2 }\n');
    const r = await runCli(['anonymize', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '-o', join(dir, 'out.csv'), '--verdict', '--json', '--no-progress']);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(JSON.parse(r.stdout).anonymity.verdict.anonymous, false);
    assert.match(r.stderr, /NO CONTROL SET/);
    const { readdir } = await import('node:fs/promises');
    assert.deepEqual((await readdir(dir)).sort(), ['d.csv', 'p.yaml']);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('anonymize with suppressed: local keeps every record, masks cells, and the release passes k', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-anon-'));
  try {
    const rows = ['zip,sex'];
    for (let i = 0; i < 30; i++) rows.push(`${['75011', '75012', '13001'][i % 3]},${i % 2 ? 'F' : 'M'}`);
    // five unique postal codes, same sex: suppressed by the transformation, kept by local suppression
    // (their masked zip '*' makes one class of 5 with '*' as a value of its own)
    for (const z of ['69001', '33000', '59000', '67000', '06000']) rows.push(`${z},F`);
    await writeFile(join(dir, 'd.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'p.yaml'), `columns:
  zip: { role: quasi, type: string, hierarchy: { mask: { levels: 5 } } }
  sex: { role: quasi, hierarchy: { map: [{ F: '*', M: '*' }] } }
thresholds: { k: 5 }
anonymize: { suppressionLimit: 0.2, suppressed: local }
`);
    const r = await runCli(['anonymize', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '-o', join(dir, 'out.csv'), '--json', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.records, 35);
    assert.equal(j.suppressed, 5);
    assert.deepEqual(j.transformation, { zip: 0, sex: 0 });
    assert.equal(j.localSuppression.recordsKept, 5);
    assert.deepEqual(j.localSuppression.cells, { zip: 5, sex: 0 });
    assert.ok(j.after.k >= 5);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('with several records per person, every strategy counts persons: Mondrian classes hold k persons, mdav refuses, the after-k is by person', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-anon-'));
  try {
    // 34 persons; P1 has 8 records, all M, age 41: by records a class of 8, by persons a class of one
    const rows = ['pid,age,sex'];
    for (let i = 0; i < 8; i++) rows.push('P1,41,M');
    for (let i = 2; i <= 34; i++) rows.push(`P${i},${20 + (i % 30)},${i % 2 ? 'F' : 'M'}`);
    await writeFile(join(dir, 'd.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  pid: { role: person-key }\n  age: { role: quasi, type: integer }\n  sex: { role: quasi }\nthresholds: { k: 5 }\n');
    const r = await runCli(['anonymize', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '-o', join(dir, 'out.csv'), '--strategy', 'mondrian', '--json', '--no-progress', '--keep-order']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.after.unit, 'person');
    assert.ok(j.after.k >= 5, `after k ${j.after.k}`);
    // each released class, counted on the originals' person keys (rows are in the input's order), holds 5 persons or more
    const out = (await readFile(join(dir, 'out.csv'), 'utf8')).trim().split('\n').slice(1);
    const persons = new Map<string, Set<string>>();
    out.forEach((line, i) => { const s = persons.get(line) ?? new Set<string>(); s.add(rows[i + 1]!.split(',')[0]!); persons.set(line, s); });
    for (const [cls, s] of persons) assert.ok(s.size >= 5, `class ${cls}: ${s.size} persons`);
    const m = await runCli(['anonymize', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '-o', join(dir, 'm.csv'), '--strategy', 'mdav', '--no-progress']);
    assert.equal(m.code, 2);
    assert.match(m.stderr, /groups records.*several records per person/s);
    const o = await runCli(['anonymize', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '-o', join(dir, 'o.csv'), '--json', '--no-progress']);
    assert.equal(o.code, 0, o.stderr);
    const oj = JSON.parse(o.stdout);
    assert.equal(oj.before.unit, 'person');
    assert.equal(oj.after.unit, 'person');
    assert.ok(oj.after.k >= 5);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('columns the policy does not declare are said to be left out (warning, notReleased in --json); a header alone is exit 2', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-anon-'));
  try {
    const rows = ['age,sex,salary,disease'];
    for (let i = 0; i < 40; i++) rows.push(`${20 + (i % 8)},${i % 2 ? 'F' : 'M'},${1000 + i},D${i % 3}`);
    await writeFile(join(dir, 'd.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  age: { role: quasi, type: integer }\n  sex: { role: quasi }\nthresholds: { k: 5 }\n');
    const r = await runCli(['anonymize', join(dir, 'd.csv'), '--policy', join(dir, 'p.yaml'), '-o', join(dir, 'out.csv'), '--json', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /2 column\(s\) not declared in the policy are left out of the release: "salary", "disease"/);
    assert.deepEqual(JSON.parse(r.stdout).notReleased, { undeclared: ['salary', 'disease'], dropped: [] });
    await writeFile(join(dir, 'h.csv'), 'age,sex\n');
    const h = await runCli(['anonymize', join(dir, 'h.csv'), '--policy', join(dir, 'p.yaml'), '-o', join(dir, 'h-out.csv'), '--no-progress']);
    assert.equal(h.code, 2);
    assert.match(h.stderr, /no data rows/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('anonymize --strategy mondrian says that a suppression limit or mode does not apply to it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-anon-'));
  try {
    const rows = ['age,sex'];
    for (let i = 0; i < 40; i++) rows.push(`${20 + (i % 8)},${i % 2 ? 'F' : 'M'}`);
    await writeFile(join(dir, 'd.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  age: { role: quasi, type: integer }\n  sex: { role: quasi }\nthresholds: { k: 5 }\nanonymize: { suppressionLimit: 0.05, suppressed: local }\n');
    const r = await runCli(['anonymize', join(dir, 'd.csv'), '-p', join(dir, 'p.yaml'), '-o', join(dir, 'o.csv'), '--strategy', 'mondrian']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: strategy mondrian does not suppress records/);
    const plain = await runCli(['anonymize', join(dir, 'd.csv'), '-p', join(dir, 'p.yaml'), '-o', join(dir, 'o2.csv')]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.doesNotMatch(plain.stderr, /does not suppress/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('anonymize writes the release\'s rows in a random order (the input\'s kept a person\'s records side by side); --keep-order keeps it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-anon-'));
  try {
    // 300 rows, a witness column released as it is (insensitive) that increases with the input's order
    const rows = ['n,age,sex'];
    for (let i = 0; i < 300; i++) rows.push(`${i},${20 + (i % 10)},${i % 2 ? 'F' : 'M'}`);
    await writeFile(join(dir, 'd.csv'), rows.join('\n') + '\n');
    await writeFile(join(dir, 'p.yaml'), 'columns:\n  n: { role: insensitive }\n  age: { role: quasi, type: integer }\n  sex: { role: quasi }\nthresholds: { k: 5 }\n');
    const order = async (extra: string[]): Promise<number[]> => {
      const r = await runCli(['anonymize', join(dir, 'd.csv'), '-p', join(dir, 'p.yaml'), '-o', join(dir, 'o.csv'), '--no-progress', ...extra]);
      assert.equal(r.code, 0, r.stderr);
      return (await readFile(join(dir, 'o.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
    };
    const shuffled = await order([]);
    assert.deepEqual([...shuffled].sort((a, b) => a - b), Array.from({ length: 300 }, (_, i) => i));
    // (in a random order, about 2 neighbours of 299 stay neighbours; more than 20: false alarm below 1e-12)
    let kept = 0;
    for (let i = 1; i < shuffled.length; i++) if (Math.abs(shuffled[i]! - shuffled[i - 1]!) === 1) kept++;
    assert.ok(kept < 20, `${kept} neighbours kept`);
    assert.deepEqual(await order(['--keep-order']), Array.from({ length: 300 }, (_, i) => i));
  } finally { await rm(dir, { recursive: true, force: true }); }
});
