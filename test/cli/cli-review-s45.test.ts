/**
 * CLI review s45 (anonymize, verdict, init, assess, policy): all-or-none outputs, nothing written on exit 3, "-" as standard
 * output, init -o over an existing file or a key, a policy without a quasi-identifier, assess --qi without -k, a typo inside
 * a hierarchy builder, assess and a missing hierarchy file, option combinations checked before the data are read, and the
 * README's verdict example.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, runCli } from './helpers.ts';
import { parsePolicy } from '../../src/policy/policy.ts';
import { AnonymatError } from '../../src/errors.ts';

/** Deterministic rows: person id, birth year, sex, postal code, diagnosis. */
function extract(n: number, seed: number, prefix = 'P'): string {
  let s = seed >>> 0;
  const next = (m: number): number => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s % m; };
  const lines = ['person_id,birth_year,sex,zip,dx'];
  for (let i = 0; i < n; i++) lines.push(`${prefix}${seed}-${i},${1940 + next(60)},${next(2) ? 'F' : 'M'},${75001 + next(20)},D${next(12)}`);
  return lines.join('\n') + '\n';
}
const POLICY = `columns:
  person_id: { role: person-key }
  birth_year: { role: quasi, type: integer, hierarchy: { intervals: { width: [10, 20] } } }
  sex: { role: quasi }
  zip: { role: quasi, type: string, hierarchy: { mask: { levels: 5 } } }
  dx: { role: sensitive }
thresholds: { k: 3 }
`;

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-s45-'));
  writeFileSync(join(dir, 'extract.csv'), extract(300, 1));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
  return dir;
}

const linux = process.platform === 'linux' && existsSync('/proc/self');

test('D1 anonymize: -o and --report are written all or none — a report that cannot be written leaves the earlier release as it was', { skip: linux ? false : '/proc is Linux\'s' }, async () => {
  const dir = workdir();
  try {
    // (a file cannot be created in /proc, as root too: the report fails once the release is produced)
    writeFileSync(join(dir, 'release.csv'), 'earlier release\n');
    const r = await runCli(['anonymize', 'extract.csv', '-p', 'policy.yaml', '-o', 'release.csv', '--report', '/proc/anonymat-s45-report.html', '--no-progress'], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /error: cannot .*\/proc\/anonymat-s45-report\.html/);
    assert.equal(readFileSync(join(dir, 'release.csv'), 'utf8'), 'earlier release\n');
    assert.doesNotMatch(r.stderr, /anonymized data written/);
    // (and the other way: a release that cannot be written leaves the earlier report)
    writeFileSync(join(dir, 'report.html'), 'earlier report\n');
    const o = await runCli(['anonymize', 'extract.csv', '-p', 'policy.yaml', '-o', '/proc/anonymat-s45-release.csv', '--report', 'report.html', '--no-progress'], { cwd: dir });
    assert.equal(o.code, 2, o.stderr);
    assert.equal(readFileSync(join(dir, 'report.html'), 'utf8'), 'earlier report\n');
    // (both written when both can be)
    const ok = await runCli(['anonymize', 'extract.csv', '-p', 'policy.yaml', '-o', 'release.csv', '--report', 'report.html', '--no-progress'], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(readFileSync(join(dir, 'release.csv'), 'utf8'), /^birth_year,sex,zip,dx\n/);
    assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /<html/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('D2 anonymize: exit 3 writes nothing — no report either, an earlier one left as it was; the reasons on stderr and in --json', async () => {
  const dir = workdir();
  try {
    writeFileSync(join(dir, 'p1000.yaml'), POLICY.replace('k: 3', 'k: 1000'));
    const r = await runCli(['anonymize', 'extract.csv', '-p', 'p1000.yaml', '-o', 'release.csv', '--report', 'report.html', '--no-progress'], { cwd: dir });
    assert.equal(r.code, 3, r.stderr);
    assert.ok(!existsSync(join(dir, 'report.html')), 'a failed run wrote its report');
    assert.ok(!existsSync(join(dir, 'release.csv')));
    assert.match(r.stderr, /no transformation satisfies the policy \(nothing written\)/);
    writeFileSync(join(dir, 'report.html'), 'earlier report\n');
    const j = await runCli(['anonymize', 'extract.csv', '-p', 'p1000.yaml', '--report', 'report.html', '--json', '--no-progress'], { cwd: dir });
    assert.equal(j.code, 3, j.stderr);
    assert.equal(readFileSync(join(dir, 'report.html'), 'utf8'), 'earlier report\n');
    const out = JSON.parse(j.stdout);
    assert.equal(out.feasible, false);
    assert.ok(out.binding.length > 0);
    // (--help says so)
    const help = await runCli(['anonymize', '--help']);
    assert.match(help.stdout, /nothing is written: neither -o\s+nor --report/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('D3 anonymize -o - and verdict -o - write on standard output (no file named "-"), the summary on stderr; two outputs on stdout are refused', async () => {
  const dir = workdir();
  try {
    const r = await runCli(['anonymize', 'extract.csv', '-p', 'policy.yaml', '-o', '-', '--no-progress'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(dir, '-')), 'a file named "-" was written');
    assert.match(r.stdout, /^birth_year,sex,zip,dx\n/);
    assert.equal(r.stdout.trim().split('\n').length, 301);
    assert.match(r.stderr, /transformation: /);
    assert.match(r.stderr, /anonymized data written to standard output/);
    const rep = await runCli(['anonymize', 'extract.csv', '-p', 'policy.yaml', '-o', 'release.csv', '--report', '-', '--no-progress'], { cwd: dir });
    assert.equal(rep.code, 0, rep.stderr);
    assert.match(rep.stdout, /^<!doctype html>/i);
    for (const args of [['-o', '-', '--json'], ['-o', '-', '--report', '-']]) {
      const both = await runCli(['anonymize', 'extract.csv', '-p', 'policy.yaml', ...args, '--no-progress'], { cwd: dir });
      assert.equal(both.code, 2, both.stderr);
      assert.match(both.stderr, /would all write on standard output/);
    }
    writeFileSync(join(dir, 'control.csv'), extract(300, 2, 'C'));
    const v = await runCli(['verdict', 'extract.csv', 'release.csv', '--control', 'control.csv', '-p', 'policy.yaml', '--attacks', '200', '-o', '-', '--no-progress'], { cwd: dir });
    assert.ok(v.code === 0 || v.code === 3, v.stderr);
    assert.ok(!existsSync(join(dir, '-')), 'verdict wrote a file named "-"');
    assert.equal(typeof JSON.parse(v.stdout).verdict.anonymous, 'boolean');
    assert.match(v.stderr, /limit .* on every upper/);
    const vj = await runCli(['verdict', 'extract.csv', 'release.csv', '-p', 'policy.yaml', '-o', '-', '--json'], { cwd: dir });
    assert.equal(vj.code, 2, vj.stderr);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('D4 init -o: an existing file is refused unless --overwrite, a key file always — before the input is read', async () => {
  const dir = workdir();
  try {
    const reviewed = '# reviewed by the DPO\ncolumns:\n  sex: { role: quasi }\n';
    writeFileSync(join(dir, 'reviewed.yaml'), reviewed);
    const r = await runCli(['init', 'extract.csv', '-o', 'reviewed.yaml', '--no-progress'], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /-o reviewed\.yaml already exists.*\n.*--overwrite/);
    assert.equal(readFileSync(join(dir, 'reviewed.yaml'), 'utf8'), reviewed);
    const o = await runCli(['init', 'extract.csv', '-o', 'reviewed.yaml', '--overwrite', '--no-progress'], { cwd: dir });
    assert.equal(o.code, 0, o.stderr);
    assert.match(readFileSync(join(dir, 'reviewed.yaml'), 'utf8'), /Policy proposed by "anonymat init"/);
    // (a key: by its content — hex, base64 —, or by its name; --overwrite does not replace it)
    const hex = 'beef03'.repeat(11).slice(0, 64) + '\n';
    const b64 = Buffer.from('k'.repeat(16) + 'Zz9'.repeat(6)).toString('base64') + '\n';
    for (const [name, content] of [['secret.txt', hex], ['secret', b64], ['key.pem', 'anything\n'], ['old.key', 'passphrase of more than thirty-two bytes\n']] as const) {
      writeFileSync(join(dir, name), content);
      const k = await runCli(['init', 'missing-input.csv', '-o', name, '--overwrite', '--no-progress'], { cwd: dir });
      assert.equal(k.code, 2, `${name}: ${k.stderr}`);
      assert.match(k.stderr, /holds a key: a policy is never written over it/, name);
      assert.equal(readFileSync(join(dir, name), 'utf8'), content, name);
    }
    // (a new file, and -o - as standard output)
    const n = await runCli(['init', 'extract.csv', '-o', 'new.yaml', '--no-progress'], { cwd: dir });
    assert.equal(n.code, 0, n.stderr);
    const s = await runCli(['init', 'extract.csv', '-o', '-', '--no-progress'], { cwd: dir });
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /^# Policy proposed/);
    assert.ok(!existsSync(join(dir, '-')));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('D5 anonymize: a policy with columns: {} needs a quasi-identifier (not "no data rows"), before the input is read', async () => {
  const dir = workdir();
  try {
    writeFileSync(join(dir, 'empty.yaml'), 'columns: {}\n');
    for (const input of ['extract.csv', 'missing-input.csv']) {
      const r = await runCli(['anonymize', input, '-p', 'empty.yaml', '-o', 'out.csv', '--no-progress'], { cwd: dir });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /anonymize needs at least one quasi-identifier/);
      assert.doesNotMatch(r.stderr, /no data rows/);
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('D6 assess --qi without -k: k = 2 is checked, and said — k = 1 fails (exit 3), as the JSON\'s kThreshold says', async () => {
  const dir = workdir();
  try {
    const r = await runCli(['assess', 'extract.csv', '--qi', 'person_id'], { cwd: dir });
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stderr, /no -k given: k = 2 is checked/);
    assert.match(r.stdout, /verdict: FAILS the policy/);
    assert.doesNotMatch(r.stdout, /thresholds are met/);
    const j = await runCli(['assess', 'extract.csv', '--qi', 'person_id', '--json'], { cwd: dir });
    const a = JSON.parse(j.stdout);
    assert.equal(a.kThreshold, 2);
    assert.equal(a.verdict.passes, false);
    // (-k given: that one, without the note)
    const k1 = await runCli(['assess', 'extract.csv', '--qi', 'sex', '-k', '5'], { cwd: dir });
    assert.equal(k1.code, 0, k1.stderr);
    assert.doesNotMatch(k1.stderr, /no -k given/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('D7 a typo inside a hierarchy builder is named at its path (not "Invalid input")', async () => {
  const issues = (hierarchy: unknown): string[] => {
    try { parsePolicy({ columns: { age: { role: 'quasi', hierarchy } } }, { baseDir: '.', source: 'p.yaml' }); } catch (e) {
      assert.ok(e instanceof AnonymatError);
      return e.issues.map((i) => `${i.path}: ${i.message}`);
    }
    return [];
  };
  assert.ok(issues({ intervals: { widths: [5, 10] } }).includes('columns.age.hierarchy.intervals: unknown key "widths" (did you mean "width"?)'));
  assert.deepEqual(issues({ intervals: { width: '5' } }), ['columns.age.hierarchy.intervals.width: Invalid input: expected number or array, received string']);
  assert.deepEqual(issues({ dates: { levels: ['year', 'decades'] } }).map((m) => m.split(':')[0]), ['columns.age.hierarchy.dates.levels.1']);
  assert.match(issues({ dates: { levels: ['year', 'decades'] } })[0]!, /expected one of "month"\|"quarter"\|"year"\|"5years"\|"decade"/);
  assert.deepEqual(issues({ mask: { levels: 3, chr: '#' } }), ['columns.age.hierarchy.mask: unknown key "chr" (did you mean "char"?)']);
  assert.deepEqual(issues({ map: { level1: { a: 'b' }, level3: { b: 'c' } } }), ['columns.age.hierarchy.map: level2 is missing (levels must be level1..level2)']);
  assert.deepEqual(issues(5), ['columns.age.hierarchy: Invalid input: expected string or object, received number']);
  assert.deepEqual(issues({ dates: true }), []);
  assert.deepEqual(issues('age.csv'), []);
  for (const i of [issues({ intervals: { widths: [5, 10] } }), issues({ intervals: { width: '5' } }), issues({ dates: { levels: ['decades'] } })]) {
    assert.ok(!i.some((m) => /hierarchy: Invalid input$/.test(m)), i.join('\n'));
  }
  // (and on the command line)
  const dir = workdir();
  try {
    writeFileSync(join(dir, 'typo.yaml'), 'columns:\n  sex: { role: quasi }\n  birth_year: { role: quasi, type: integer, hierarchy: { intervals: { widths: [5, 10] } } }\nthresholds: { k: 5 }\n');
    const r = await runCli(['assess', 'extract.csv', '-p', 'typo.yaml'], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /columns\.birth_year\.hierarchy\.intervals: unknown key "widths" \(did you mean "width"\?\)/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('D8 assess checks the hierarchy files anonymize reads (they exist and parse), before the data', async () => {
  const dir = workdir();
  try {
    writeFileSync(join(dir, 'hm.yaml'), 'columns:\n  sex: { role: quasi }\n  birth_year: { role: quasi, type: integer, hierarchy: missing-hierarchy.csv }\nthresholds: { k: 2 }\n');
    const r = await runCli(['assess', 'extract.csv', '-p', 'hm.yaml'], { cwd: dir });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /the hierarchy file of column birth_year cannot be used\n.*missing-hierarchy\.csv: file not found/);
    // (before the data: the input is not even looked at)
    const m = await runCli(['assess', 'missing-input.csv', '-p', 'hm.yaml'], { cwd: dir });
    assert.match(m.stderr, /missing-hierarchy\.csv: file not found/);
    // (a malformed file: a value with two parents)
    writeFileSync(join(dir, 'two.csv'), 'F;a;*\nF;b;*\n');
    writeFileSync(join(dir, 'h2.yaml'), 'columns:\n  sex: { role: quasi, hierarchy: two.csv }\nthresholds: { k: 2 }\n');
    const t = await runCli(['assess', 'extract.csv', '-p', 'h2.yaml'], { cwd: dir });
    assert.equal(t.code, 2, t.stderr);
    assert.match(t.stderr, /two\.csv:2: column sex, level 1: .* a value must have one parent/);
    // (anonymize, the same, before reading the input)
    const a = await runCli(['anonymize', 'missing-input.csv', '-p', 'hm.yaml', '-o', 'out.csv', '--no-progress'], { cwd: dir });
    assert.equal(a.code, 2, a.stderr);
    assert.match(a.stderr, /missing-hierarchy\.csv: file not found/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('D9 option combinations and values are refused (exit 2) before the data are read', async () => {
  const dir = workdir();
  try {
    // (the input does not exist: each refusal comes before it is read)
    const cases: [string[], RegExp][] = [
      [['anonymize', 'missing-input.csv', '-p', 'policy.yaml', '-o', 'out.csv', '--attacks', '0'], /--attacks goes with --verdict/],
      [['anonymize', 'missing-input.csv', '-p', 'policy.yaml', '-o', 'out.csv', '--attacks', 'abc'], /--attacks goes with --verdict/],
      [['anonymize', 'missing-input.csv', '-p', 'policy.yaml', '-o', 'out.csv', '--verdict', '--attacks', 'abc'], /--attacks expects a positive integer/],
      [['anonymize', 'missing-input.csv', '-p', 'policy.yaml', '-o', 'out.csv', '--control', 'x.csv'], /--control goes with --verdict/],
      [['anonymize', 'missing-input.csv', '-p', 'policy.yaml', '-o', 'out.csv', '--holdout', '0.1'], /--holdout goes with --verdict/],
      [['anonymize', 'missing-input.csv', '-p', 'policy.yaml', '-o', 'out.csv', '--verdict', '--holdout', '0.9'], /--holdout expects a fraction/],
      [['anonymize', 'missing-input.csv', '-p', 'policy.yaml', '-o', 'out.csv', '--verdict', '--holdout', '0.1', '--control', 'x.csv'], /either --control or --holdout/],
      [['verdict', 'missing-input.csv', 'missing-release.csv', '-p', 'policy.yaml', '--truth', 'Id:Id'], /--truth scores the links of the linkage attack, which needs --aux/],
      [['assess', 'missing-input.csv', '-p', 'policy.yaml', '--control', 'x.csv'], /--control and --aux need --original/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli([...args, '--no-progress'], { cwd: dir });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.doesNotMatch(r.stderr, /missing-input/, args.join(' '));
    }
    assert.ok(!existsSync(join(dir, 'out.csv')));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('D10 README: the verdict examples run on a release made by anonymize (no truth column it cannot have)', async () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const block = /### `verdict`[^\n]*\n```bash\n([\s\S]*?)```/.exec(readme)![1]!;
  const commands = block.replace(/\\\n\s*/g, '').split('\n').map((l) => l.replace(/\s#.*$/, '').trim()).filter(Boolean);
  assert.equal(commands.length, 2);
  const dir = workdir();
  try {
    writeFileSync(join(dir, 'heldout.csv'), extract(200, 2, 'H'));
    // (the register: identities of the extract's persons and of others)
    const reg = ['person_id,birth_year,sex,zip', ...[readFileSync(join(dir, 'extract.csv'), 'utf8'), extract(200, 3, 'R')]
      .flatMap((t) => t.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 4).join(',')))];
    writeFileSync(join(dir, 'register.csv'), reg.join('\n') + '\n');
    const made = await runCli(['anonymize', 'extract.csv', '--policy', 'policy.yaml', '-o', 'release.csv', '--no-progress'], { cwd: dir });
    assert.equal(made.code, 0, made.stderr);
    const prev = await runCli(['anonymize', 'heldout.csv', '--policy', 'policy.yaml', '-o', 'release-2025.csv', '--no-progress'], { cwd: dir });
    assert.equal(prev.code, 0, prev.stderr);
    for (const c of commands) {
      const args = c.split(/\s+/);
      assert.equal(args[0], 'anonymat');
      const r = await runCli([...args.slice(1), '--attacks', '200', '--no-progress'], { cwd: dir });
      assert.ok(r.code === 0 || r.code === 3, `${c}: exit ${r.code}\n${r.stderr}`);
      if (args.includes('--json')) assert.equal(typeof JSON.parse(r.stdout).linkage, 'object');
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
