import { test } from 'node:test';
import assert from 'node:assert/strict';
import { personDateOffset, shiftIsoDate } from './dates.ts';
import { keyFromText, loadKey, mayBeKeyText, withoutKeyText } from './key.ts';
import { AnonymatError } from '../errors.ts';

test('a shifted date-time keeps its local time and loses its zone offset, which would tell the season or the shift', () => {
  // (a person's admissions across the start of summer time: +01:00 then +02:00; kept, the switch would date the shift)
  const shifted = ['2021-03-26T09:00:00+01:00', '2021-03-27T09:00:00+01:00', '2021-03-28T09:00:00+02:00', '2021-03-29T09:00:00+02:00'].map((d) => shiftIsoDate(d, 95));
  assert.deepEqual(shifted, ['2021-06-29T09:00:00', '2021-06-30T09:00:00', '2021-07-01T09:00:00', '2021-07-02T09:00:00']);
  assert.equal(shiftIsoDate('2021-03-28T09:00+0200', 95), '2021-07-01T09:00');
  assert.equal(shiftIsoDate('2021-03-28 09:00:00.123 -05', 95), '2021-07-01 09:00:00.123');
  // (UTC has no seasons: kept; a date alone and a local time as they were)
  assert.equal(shiftIsoDate('2021-03-28T09:00:00Z', 95), '2021-07-01T09:00:00Z');
  assert.equal(shiftIsoDate('2021-03-28T09:00:00', -3), '2021-03-25T09:00:00');
  assert.equal(shiftIsoDate('2021-03-28', 1), '2021-03-29');
});

test('a key given in place of its file, its variable\'s name or as an unknown option is never echoed', () => {
  const key = 'd45af4cb9a0e1f2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819a2b3';
  const message = (f: () => unknown): string => { try { f(); } catch (e) { return `${(e as AnonymatError).message} ${JSON.stringify((e as AnonymatError).issues ?? [])}`; } return ''; };
  const m1 = message(() => loadKey({ keyFile: key }));
  assert.match(m1, /cannot read the key file/);
  assert.ok(!m1.includes(key.slice(0, 16)), m1);
  const m2 = message(() => loadKey({ keyEnv: key, env: {} }));
  assert.match(m2, /no pseudonymization key/);
  assert.ok(!m2.includes(key.slice(0, 16)), m2);
  // (a path and a variable's name are quoted, to help)
  assert.match(message(() => loadKey({ keyFile: '/nonexistent/key.txt' })), /\/nonexistent\/key\.txt/);
  assert.match(message(() => loadKey({ keyEnv: 'MY_KEY', env: {} })), /MY_KEY/);
  assert.ok(mayBeKeyText(key) && mayBeKeyText('a passphrase of more than thirty-two characters') && !mayBeKeyText('keys/k1.key'));
  // (passphrases with a '/', a dot or accents; a mistyped file name in an existing folder is shown)
  assert.ok(mayBeKeyText('correct horse/battery staple 2024 très long') && mayBeKeyText('my long passphrase for the key .2024 xx'));
  assert.ok(!mayBeKeyText('/tmp/a-file-that-does-not-exist-here.key'));
  const echoed = withoutKeyText(`error: unknown option '--key=${key}'`);
  assert.ok(!echoed.includes(key.slice(0, 16)), echoed);
  assert.ok(!withoutKeyText("error: unknown option '--key=a short passphrase'").includes('short'));
});

test('a person\'s date offset is a whole number of weeks, never 0 nor a whole year, and covers ±1 to ±52 weeks', () => {
  const key = keyFromText('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
  const seen = new Set<number>();
  for (let i = 0; i < 5000; i++) {
    const o = personDateOffset(key, `p${i}`);
    assert.ok(o !== 0 && o % 7 === 0 && Math.abs(o) <= 364, String(o));
    seen.add(o);
  }
  // (104 offsets; 5,000 draws miss one with probability about 104 × (1 - 1/104)^5000 ≈ 1e-19)
  assert.equal(seen.size, 104);
  // (a range under a week: days)
  for (let i = 0; i < 200; i++) { const o = personDateOffset(key, `p${i}`, 3); assert.ok(o !== 0 && Math.abs(o) <= 3); }
});

test('the CLI prints no key material in any error, wherever the key was given (the input, --policy, --rekey)', async () => {
  const { reportError } = await import('../cli/run.ts');
  const key = 'd45af4cb9a0e1f2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819a2b3';
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  (process.stderr as unknown as { write: (s: string) => boolean }).write = (s: string) => { written.push(s); return true; };
  try {
    reportError(new AnonymatError('invalid-input', `${key}: cannot read the file (ENOENT); check the path`));
    reportError(new Error(`open ${key}`));
  } finally {
    (process.stderr as unknown as { write: typeof write }).write = write;
  }
  assert.equal(written.length, 2);
  for (const w of written) assert.ok(!w.includes(key.slice(0, 16)), w);
});

test('an argument that may be a key is masked wherever an error quotes it: a base64 key starting with "/", a long one, a passphrase (review of 9f83feb)', async () => {
  const { withoutKeyArguments } = await import('./key.ts');
  for (const key of ['/x9Kp2mQ8vT4nR7sL1wZ3yB6cD0eF5gH+jU2iO9aQk=', 'correct horse battery staple is my key', 'ab/Cd/9f/Gh/Tz4kLmNoPqRsTuVwXyZ0123456789a=', `${'Ab1'.repeat(45)}=`]) {
    const m = withoutKeyArguments(`${key}: cannot read the policy file (ENOENT)`, ['pseudonymize', 'a.csv', '--policy', key]);
    assert.ok(!m.includes(key.slice(0, 12)), m);
  }
  // (a path that names no file, in an existing folder, is shown)
  assert.match(withoutKeyArguments('/tmp/does-not-exist-at-all.csv: cannot read the file', ['/tmp/does-not-exist-at-all.csv']), /does-not-exist/);
});

test('masking (review 5): a short accented passphrase and one with a "/" and a dotted word are masked; a long file name and a path in a missing folder are shown', async () => {
  const { withoutKeyArguments } = await import('./key.ts');
  for (const key of ['éléphants à Noël été ôté ùû', 'projet ANR/cle de pseudonymisation v2.final']) {
    assert.ok(!withoutKeyArguments(`error: ${key}: cannot read`, [key]).includes(key), key);
  }
  for (const path of ['Patients_Export_2024_03_15_final_version2.csv', 'data/Exports/2024/patients_export_final_v2.csv']) {
    assert.ok(withoutKeyArguments(`error: ${path}: cannot read`, [path]).includes(path), path);
  }
});

test('masking (review 6): passphrases with "/" or dots and no spaces are masked; data files by their extension are shown', async () => {
  const { mayBeKeyText } = await import('./key.ts');
  for (const a of ['ma/phrase/secrete/de/plus/de/32/octets', 'Mon.Mot.De.Passe.Tres.Long.Et.Secret', 'mot.de.passe.tres.long.et.secret.v2', 'été/à/la/montagne/près/du/lac']) assert.ok(mayBeKeyText(a), a);
  for (const a of ['Patients_Export_2024_03_15_final_version2.csv', 'data/Exports/2024/patients_export_final_v2.csv']) assert.ok(!mayBeKeyText(a), a);
});
