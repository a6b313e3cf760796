import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', input, env: { ...process.env, ANONYMAT_KEY: '' } });
const NOTE = 'Mme Marie DUPONT, née le 12/03/1931, tél. 01 42 21 32 74.\n';
/** The CLI run in another folder (what it may write by mistake lands there, not in the repository), `stdout` a file descriptor when given. */
const cliIn = (cwd: string, args: string[], stdout?: number) =>
  spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'src/cli/main.ts'), ...args],
    { cwd, encoding: 'utf8', stdio: ['pipe', stdout ?? 'pipe', 'pipe'], env: { ...process.env, ANONYMAT_KEY: '' } });

test('anonymat redact: stdin → stdout with French tags', () => {
  const r = cli(['redact', '-', '--lang', 'fr'], NOTE);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'Mme [NOM], née le [DATE_NAISSANCE], tél. [TEL].\n');
});

test('anonymat redact: files to a directory, --json has offsets and labels but no text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-'));
  writeFileSync(join(dir, 'a.txt'), NOTE);
  writeFileSync(join(dir, 'b.txt'), 'Patient John Smith seen on 2020-01-02.\n');
  const out = join(dir, 'out');
  const r = cli(['redact', join(dir, 'a.txt'), join(dir, 'b.txt'), '-o', out, '--replacement', 'mask', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'Mme ***, née le ***, tél. ***.\n');
  const j = JSON.parse(r.stdout);
  assert.equal(j.files.length, 2);
  assert.equal(j.files[1].lang, 'en');
  assert.ok(!r.stdout.includes('DUPONT') && !r.stdout.includes('Smith'));
  assert.deepEqual(j.files[0].counts, { NAME: 1, BIRTHDATE: 1, PHONE: 1 });
});

test('anonymat redact: pseudonym without key → exit 2; bad options → exit 2', () => {
  assert.equal(cli(['redact', '-', '--replacement', 'pseudonym'], NOTE).status, 2);
  assert.equal(cli(['redact', '-', '--lang', 'de'], NOTE).status, 2);
  assert.equal(cli(['redact', '-', '--keep', 'FOO'], NOTE).status, 2);
});

test('anonymat redact: a missing file → exit 2 naming it, and nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-'));
  const r = cli(['redact', join(dir, 'absent.txt'), '-o', join(dir, 'out.txt')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read .*absent\.txt/);
  assert.throws(() => readFileSync(join(dir, 'out.txt')));
});

test('anonymat redact: a Latin-1 file is an error with its line and column (exit 2, no output file); --encoding latin-1 reads it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-enc-'));
  const f = join(dir, 'latin1.txt');
  writeFileSync(f, Buffer.from('Bonjour.\nMme Ren\xe9e DUPONT, t\xe9l. 01 42 21 32 74.\n', 'latin1'));
  const bad = cli(['redact', f, '--lang', 'fr', '-o', join(dir, 'out.txt')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /latin1\.txt:2:8: byte 0xE9 is not valid UTF-8/);
  assert.match(bad.stderr, /--encoding latin-1/);
  assert.ok(!existsSync(join(dir, 'out.txt')), 'no half-written output');
  const ok = cli(['redact', f, '--lang', 'fr', '--encoding', 'latin-1']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, 'Bonjour.\nMme [NOM], tél. [TEL].\n');
});

test('anonymat redact: a file of one part is read whole, a larger one as a stream; both give what the library gives', async () => {
  const { redactText, TextRedactor } = await import('../../text/index.ts');
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-'));
  const small = 'Compte rendu du Dr Paul FONTAINE.\n\n' + NOTE;
  // (over the 1 MB part size: blank-line cuts, parts redacted on their own, one replacer)
  const notes: string[] = [];
  for (let i = 0, length = 0; length < 1.3e6; i++) {
    notes.push(`Mme Marie DUPONT ${i}, née le 12/03/1931, tél. 01 42 21 32 ${String(i % 100).padStart(2, '0')}.\nVue par le Dr Paul FONTAINE au CHU de Rennes.`);
    length += notes[i]!.length + 2;
  }
  const big = notes.join('\n\n') + '\n';
  writeFileSync(join(dir, 'small.txt'), small);
  writeFileSync(join(dir, 'big.txt'), big);
  for (const name of ['small', 'big']) {
    const r = cli(['redact', join(dir, `${name}.txt`), '-o', join(dir, `${name}.out.txt`), '--lang', 'fr']);
    assert.equal(r.status, 0, r.stderr);
  }
  assert.equal(readFileSync(join(dir, 'small.out.txt'), 'utf8'), redactText(small, { lang: 'fr' }).text);
  const r = new TextRedactor({ lang: 'fr' });
  const expected = r.push(big) + r.end();
  const got = readFileSync(join(dir, 'big.out.txt'), 'utf8');
  assert.equal(got.length, expected.length);
  assert.ok(got === expected, 'the streamed file gives the library\'s output');
  assert.ok(!got.includes('DUPONT') && !got.includes('FONTAINE'));
});

test('redact to standard output: a byte that is not UTF-8 in a later input (or a later part) stops the run with nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-'));
  writeFileSync(join(dir, 'ok.txt'), NOTE);
  writeFileSync(join(dir, 'bad.txt'), Buffer.concat([Buffer.from(NOTE), Buffer.from([0xe9, 0x0a])]));
  const r = cli(['redact', join(dir, 'ok.txt'), join(dir, 'bad.txt')]);
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /bad\.txt:2:1: byte 0xE9 is not valid UTF-8/);
});

test('redact into a new folder: a failing input leaves no output and no folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-'));
  writeFileSync(join(dir, 'ok.txt'), NOTE);
  writeFileSync(join(dir, 'bad.txt'), Buffer.from([0x41, 0xe9, 0x0a]));
  const r = cli(['redact', join(dir, 'ok.txt'), join(dir, 'bad.txt'), '-o', join(dir, 'out', 'notes')]);
  assert.equal(r.status, 2, r.stderr);
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('anonymat redact --policy: a policy of free text alone (no columns) is read; a missing key names the policy\'s keyEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-'));
  writeFileSync(join(dir, 'tags.yaml'), 'pseudonymize:\n  textReplacement: mask\n  lang: fr\n');
  const r = cli(['redact', '-', '--policy', join(dir, 'tags.yaml')], NOTE);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'Mme ***, née le ***, tél. ***.\n');
  writeFileSync(join(dir, 'pseudo.yaml'), 'pseudonymize:\n  textReplacement: pseudonym\n  keyEnv: OBSERVATORY_TEXT_KEY\n');
  const k = cli(['redact', '-', '--policy', join(dir, 'pseudo.yaml')], NOTE);
  assert.equal(k.status, 2);
  assert.match(k.stderr, /OBSERVATORY_TEXT_KEY/);
  assert.doesNotMatch(k.stderr, /ANONYMAT_KEY/);
});

test('redact -o through a link to standard output (/dev/stdout, /proc/self/fd/1) writes into the stream, never replaces the link; -o - is standard output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-'));
  writeFileSync(join(dir, 'note.txt'), NOTE);
  symlinkSync('/proc/self/fd/1', join(dir, 'mystdout'));
  // (standard output redirected to a file, as "> captured.txt" does: the temporary file was renamed over the link)
  const fd = openSync(join(dir, 'captured.txt'), 'w');
  const r = cliIn(dir, ['redact', 'note.txt', '-o', 'mystdout'], fd);
  closeSync(fd);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(lstatSync(join(dir, 'mystdout')).isSymbolicLink(), 'the link is still a link');
  assert.equal(readFileSync(join(dir, 'captured.txt'), 'utf8'), 'Mme [NOM], née le [DATE_NAISSANCE], tél. [TEL].\n');
  const dash = cliIn(dir, ['redact', 'note.txt', '-o', '-']);
  assert.equal(dash.status, 0, dash.stderr);
  assert.equal(dash.stdout, 'Mme [NOM], née le [DATE_NAISSANCE], tél. [TEL].\n');
  assert.ok(!existsSync(join(dir, '-')), 'no file named "-"');
});

test('redact -o <key text>: refused (exit 2) without printing it, and no file of that name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-'));
  writeFileSync(join(dir, 'note.txt'), NOTE);
  const k = '3f'.repeat(32);
  const r = cliIn(dir, ['redact', 'note.txt', '-o', k]);
  assert.equal(r.status, 2, r.stderr);
  assert.ok(!r.stderr.includes(k) && !r.stdout.includes(k), r.stderr);
  assert.match(r.stderr, /key material/);
  assert.deepEqual(readdirSync(dir), ['note.txt']);
});

test('redact to standard output: a missing or unreadable later input stops the run before anything is written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-'));
  writeFileSync(join(dir, 'ok.txt'), NOTE);
  const missing = cli(['redact', join(dir, 'ok.txt'), join(dir, 'missing.txt')]);
  assert.equal(missing.status, 2, missing.stderr);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /cannot read .*missing\.txt/);
  const folder = cli(['redact', join(dir, 'ok.txt'), dir]);
  assert.equal(folder.status, 2, folder.stderr);
  assert.equal(folder.stdout, '');
});

test('redact -o <folder>/ or an existing folder with one input writes into the folder; a failed run leaves no folder it made', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-redact-'));
  mkdirSync(join(dir, 'g'));
  writeFileSync(join(dir, 'g', 'n1.txt'), NOTE);
  const slash = cliIn(dir, ['redact', 'g/n1.txt', '-o', 'redacted/']);
  assert.equal(slash.status, 0, slash.stderr);
  assert.equal(readFileSync(join(dir, 'redacted', 'n1.txt'), 'utf8'), 'Mme [NOM], née le [DATE_NAISSANCE], tél. [TEL].\n');
  mkdirSync(join(dir, 'existing'));
  const existing = cliIn(dir, ['redact', 'g/n1.txt', '-o', 'existing']);
  assert.equal(existing.status, 0, existing.stderr);
  assert.ok(existsSync(join(dir, 'existing', 'n1.txt')));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Ren\xe9e DUPONT\n', 'latin1'));
  const failed = cliIn(dir, ['redact', 'latin1.txt', '-o', 'newout/a/b/out.txt']);
  assert.equal(failed.status, 2, failed.stderr);
  assert.ok(!existsSync(join(dir, 'newout')), 'no folder left');
  const failedInto = cliIn(dir, ['redact', 'latin1.txt', '-o', 'newout2/a/']);
  assert.equal(failedInto.status, 2, failedInto.stderr);
  assert.ok(!existsSync(join(dir, 'newout2')), 'no folder left');
});
