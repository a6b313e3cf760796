import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTable, kindOfValues, withMissingMarkers } from './read.ts';
import { writeFileSync } from 'node:fs';
import { writeTable } from './write.ts';
import { AnonymatError } from '../errors.ts';
import { toRecords, tableFromRecords, column } from '../table/table.ts';

const fx = (f: string) => new URL(`../../test/fixtures/csv/${f}`, import.meta.url).pathname;

async function failure(p: Promise<unknown>): Promise<AnonymatError> {
  try { await p; } catch (e) { assert.ok(e instanceof AnonymatError, String(e)); return e; }
  assert.fail('expected an error');
}

test('ragged row: line 3, exit code 2, no record content in the message', async () => {
  const e = await failure(readTable(fx('ragged.csv')));
  assert.equal(e.exitCode, 2);
  assert.match(e.format(), /ragged\.csv:3: .*ragged row/);
  assert.doesNotMatch(e.format(), /13001/);
});

test('unclosed quote is reported at the line where it opens', async () => {
  const e = await failure(readTable(fx('unclosed.csv')));
  assert.match(e.message, /unclosed\.csv:3: .*unclosed quote/);
});

test('invalid UTF-8 is reported with its line, its column and the latin-1 fix', async () => {
  const e = await failure(readTable(fx('bad-utf8.csv')));
  // ("2,Andr" then the Latin-1 é: the 7th character of line 3)
  assert.match(e.message, /bad-utf8\.csv:3:7: byte 0xE9 is not valid UTF-8/);
  assert.match(e.format(), /latin-1/);
});

test('latin-1 encoding, BOM, delimiter, missing values and leading zeros', async () => {
  const t = await readTable(fx('latin1.csv'), { encoding: 'latin-1' });
  assert.equal(toRecords(t)[0]!.name, 'André');
  const u = await readTable(fx('bom-semicolon.csv'), { delimiter: ';' });
  assert.deepEqual(u.columns.map((c) => c.name), ['id', 'age', 'zip']);
  assert.equal(column(u, 'zip').kind, 'string'); // 01000 keeps its leading zero
  assert.equal(toRecords(u)[0]!.zip, '01000');
  const age = column(u, 'age');
  assert.equal(age.kind, 'string'); // 'x' makes it text when undeclared
  assert.equal(age.dictionary[age.codes[1]!], null); // empty cell → missing code
  assert.equal(age.missing, age.dictionary.length - 1);
});

test('value not of the declared type: file, line and column, every failure', async () => {
  const e = await failure(readTable(fx('bom-semicolon.csv'), { delimiter: ';', types: { age: 'integer' } }));
  assert.equal(e.issues.length, 1);
  assert.match(e.issues[0]!.path, /bom-semicolon\.csv:4: column "age"/);
});

test('unknown column named by the policy', async () => {
  const e = await failure(readTable(fx('latin1.csv'), { encoding: 'latin-1', types: { id: 'string', birth_year: 'integer' } }));
  assert.match(e.format(), /birth_year.*not found/);
});

test('kind inference from distinct values: canonical integers, plain decimals, real ISO dates; spaces trimmed, not tabs', () => {
  assert.equal(kindOfValues(['12', '-3', ' 7 ', null]), 'integer');
  assert.equal(kindOfValues(['01000', '75013']), 'string'); // postal codes keep their leading zero
  assert.equal(kindOfValues(['1.5', '2', '-0.25e3']), 'decimal');
  assert.equal(kindOfValues(['2000-02-29', '2024-12-31']), 'date');
  assert.equal(kindOfValues(['2000-02-29', '1900-02-29']), 'string'); // 1900 is no leap year
  assert.equal(kindOfValues(['2020-02-30']), 'string');
  assert.equal(kindOfValues(['\t12']), 'string'); // the conversion trims spaces only
  assert.equal(kindOfValues(['12345678901234567890']), 'decimal'); // beyond 18 digits: no BIGINT
  assert.equal(kindOfValues([null]), 'string');
  assert.equal(kindOfValues([]), 'string');
});

test('integers are ordered numerically in the dictionary', async () => {
  const t = tableFromRecords({ a: [10, 9, 100, null] });
  assert.deepEqual(column(t, 'a').dictionary, ['9', '10', '100', null]);
});

test('round trip through CSV, Parquet and JSON Lines; atomic writes leave no temp file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-io-'));
  try {
    const t = tableFromRecords({ zip: ['01000', '75011', null], age: [34, null, 50], note: ['a,"b"', 'x', 'y'] }, { zip: 'string' });
    for (const ext of ['csv', 'parquet', 'jsonl', 'json']) {
      const p = join(dir, `out.${ext}`);
      await writeTable(t, p);
      const back = await readTable(p, { types: { zip: 'string', age: 'integer' } });
      assert.deepEqual(toRecords(back), toRecords(t), ext);
    }
    assert.deepEqual((await readdir(dir)).filter((f) => f.includes('.tmp')), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('gzip-compressed CSV is read like the plain file', async () => {
  const t = await readTable(fx('gzipped.csv.gz'));
  assert.deepEqual(toRecords(t), [{ id: '1', age: '34' }, { id: '2', age: '50' }]);
});

test('Parquet text columns stay text (no inference on typed formats)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-io-'));
  try {
    const t = tableFromRecords({ zip3: ['910', '021'] }, { zip3: 'string' });
    await writeTable(t, join(dir, 'z.parquet'));
    const back = await readTable(join(dir, 'z.parquet'));
    assert.equal(column(back, 'zip3').kind, 'string');
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('large CSV through DuckDB gives the same text as the JS writer', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-io-'));
  try {
    const n = 100_050;
    const vals = ['a,b', 'say "hi"', 'plain', '', 'x\ny', 'é', '01000'];
    const t = tableFromRecords({
      s: Array.from({ length: n }, (_, i) => vals[i % vals.length]!),
      k: Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : i % 97)),
      d: Array.from({ length: n }, (_, i) => (i % 3) + 0.5),
    });
    const p = join(dir, 'big.csv');
    await writeTable(t, p);
    const { readFile } = await import('node:fs/promises');
    const { tableToCsv } = await import('./write.ts');
    assert.equal(await readFile(p, 'utf8'), tableToCsv(t));
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a private output (mode 0o600, the key rotation\'s correspondence table) is its owner\'s alone from its creation on, small or large', { timeout: 60_000 }, async () => {
  const { mkdtempSync, statSync, watch } = await import('node:fs');
  const { writeTable, writeFileAtomic } = await import('./write.ts');
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-mode-'));
  const old = process.umask(0o022);
  // every file that appears in the folder (the temporary ones too) is checked as soon as it is seen
  const loose: string[] = [];
  const w = watch(dir, (_e, f) => {
    if (!f) return;
    try { const m = statSync(join(dir, f)).mode & 0o777; if (m & 0o077) loose.push(`${f} ${m.toString(8)}`); } catch { /* gone already */ }
  });
  try {
    await writeFileAtomic(join(dir, 'a.txt'), 'secret\n', { mode: 0o600 });
    await writeTable(tableFromRecords({ v: ['1', '2'] }), join(dir, 'small.csv'), { format: 'csv', mode: 0o600 });
    await writeTable(tableFromRecords({ v: Array.from({ length: 100_001 }, (_, i) => String(i % 7)) }), join(dir, 'large.csv'), { format: 'csv', mode: 0o600 });
    await writeTable(tableFromRecords({ v: ['1', '2'] }), join(dir, 'p.parquet'), { mode: 0o600 });
    for (const f of ['a.txt', 'small.csv', 'large.csv', 'p.parquet']) assert.equal(statSync(join(dir, f)).mode & 0o777, 0o600, f);
    // without a mode, the umask's usual permissions
    await writeFileAtomic(join(dir, 'public.txt'), 'x\n');
    assert.equal(statSync(join(dir, 'public.txt')).mode & 0o777, 0o644);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(loose.filter((l) => !l.startsWith('public.txt') && !l.startsWith('.public.txt')), []);
  } finally { w.close(); process.umask(old); await rm(dir, { recursive: true, force: true }); }
});

test('a target that is not a regular file (a named pipe, /dev/null) is written in place, never renamed over', { timeout: 60_000 }, async (t) => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, statSync, createReadStream: reader } = await import('node:fs');
  const { writeFileAtomic, writeTable } = await import('./write.ts');
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-fifo-'));
  const fifo = join(dir, 'out.csv');
  try { execFileSync('mkfifo', [fifo]); } catch { t.skip('mkfifo is not available'); return; }
  const drain = () => new Promise<string>((resolve, reject) => {
    let text = '';
    reader(fifo, 'utf8').on('data', (c) => { text += c; }).on('end', () => resolve(text)).on('error', reject);
  });
  let got = drain();
  await writeFileAtomic(fifo, 'a,b\n1,2\n');
  assert.equal(await got, 'a,b\n1,2\n');
  assert.ok(statSync(fifo).isFIFO(), 'still a named pipe');
  // a large table goes through DuckDB's writer into a temporary file, then is copied into the pipe
  const n = 100_001;
  const big = tableFromRecords({ v: Array.from({ length: n }, (_, i) => String(i % 7)) });
  got = drain();
  await writeTable(big, fifo, { format: 'csv' });
  const lines = (await got).trim().split('\n');
  assert.equal(lines.length, n + 1);
  assert.ok(statSync(fifo).isFIFO(), 'still a named pipe after the large write');
});

test('a CSV in UTF-16 (with or without its byte-order mark) is an error that says so, not an unclosed quote', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { readTable } = await import('./read.ts');
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-u16-'));
  try {
    writeFileSync(join(dir, 'a.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]));
    writeFileSync(join(dir, 'b.csv'), Buffer.from('a,b\n1,2\n', 'utf16le'));
    for (const f of ['a.csv', 'b.csv']) await assert.rejects(readTable(join(dir, f)), /:1: the file is UTF-16 or UTF-32/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a column not found: the header is listed, unless the first line holds values (no header row, a key file): never printed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-io-'));
  try {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'h.csv'), 'id,sex\n1,F\n');
    assert.match((await failure(readTable(join(dir, 'h.csv'), { columns: ['id', 'age'] }))).format(), /columns are: "id", "sex"/);
    // a record for a header: a NIR, a name, a birth date; a hex key for a header
    await writeFile(join(dir, 'n.csv'), 'P0000,219077507584176,Jean Dupont,1990-08-13\nP0001,119077507584176,Ana Roux,1991-01-02\n');
    const e = (await failure(readTable(join(dir, 'n.csv'), { columns: ['age'] }))).format();
    for (const v of ['219077507584176', 'Jean Dupont', '1990-08-13']) assert.ok(!e.includes(v), e);
    assert.match(e, /header row/);
    await writeFile(join(dir, 'k.csv'), '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n');
    const k = (await failure(readTable(join(dir, 'k.csv'), { columns: ['age'] }))).format();
    assert.ok(!k.includes('9f86d081884c7d65'), k);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('none of the named columns found (a file without a header row): the first line is not listed, only counted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-io-'));
  try {
    const { writeFile } = await import('node:fs/promises');
    // (plain words for a header: nothing looks like a value, yet it is the first patient's record)
    await writeFile(join(dir, 'nh.csv'), 'Marie,Dupont,F,Lyon,diabete\nJean,Martin,M,Paris,asthme\n');
    const e = (await failure(readTable(join(dir, 'nh.csv'), { columns: ['sex', 'city'] }))).format();
    for (const v of ['Marie', 'Dupont', 'Lyon', 'diabete']) assert.ok(!e.includes(v), e);
    assert.match(e, /none of the named columns was found — has the file a header row\? \(its first line has 5 field\(s\)/);
    assert.match(e, /2 column\(s\) named/);
    // one of them found: the first line is a header, listed as before
    await writeFile(join(dir, 'h.csv'), 'sex,town\nF,Lyon\n');
    assert.match((await failure(readTable(join(dir, 'h.csv'), { columns: ['sex', 'city'] }))).format(), /column "city": not found in the input \(columns are: "sex", "town"\)/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a system error while writing names the output (ENOSPC and the like carry no path of their own)', async () => {
  const { writeFileAtomic } = await import('./write.ts');
  // /dev/full: every write fails with ENOSPC
  const { existsSync } = await import('node:fs');
  if (!existsSync('/dev/full')) return;
  await assert.rejects(writeFileAtomic('/dev/full', 'x'), (e: NodeJS.ErrnoException) => e.code === 'ENOSPC' && e.path === '/dev/full');
});

test('withMissingMarkers gives the table a second read with the markers as missing would give, or null when a column changes kind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-markers-'));
  try {
    const f = join(dir, 'm.csv');
    // (race: "?" among words; dx: "NA" and "?" among codes, one " ?" with a space that is no marker; n: numbers only;
    // note: a marker inside a longer text)
    writeFileSync(f, 'race,dx,n,note\nWhite,250.8,1,ok ?\n?,NA,2,\nBlack,V57,3,?\n?, ?,4,NA\nAsian,?,5,fine\n');
    const markers = ['?', 'NA'];
    const once = withMissingMarkers(await readTable(f), markers);
    const twice = await readTable(f, { missing: ['', ...markers] });
    assert.ok(once);
    assert.deepEqual(toRecords(once), toRecords(twice));
    for (const c of twice.columns) {
      const o = column(once, c.name);
      assert.equal(o.kind, c.kind, c.name);
      assert.deepEqual([...o.dictionary], [...c.dictionary], c.name);
      assert.deepEqual([...o.codes], [...c.codes], c.name);
      assert.equal(o.missing, c.missing, c.name);
    }
    assert.equal(toRecords(once)[3]!.dx, ' ?');
    // (age is text while "?" is read, integers once it is missing: only a second read converts it)
    writeFileSync(f, 'age,sex\n34,F\n?,M\n51,F\n');
    assert.equal(withMissingMarkers(await readTable(f), ['?']), null);
    assert.equal(column(await readTable(f, { missing: ['', '?'] }), 'age').kind, 'integer');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('French exports: a decimal comma and day-first dates are read when the input says so (input.decimal, input.dateOrder); init proposes them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-fr-'));
  try {
    const p = join(dir, 'f.csv');
    writeFileSync(p, 'id;naissance;poids;vu\n1;04/08/1954;72,5;2024-01-02\n2;23/11/1961;80,1;2024-02-03\n3;1.2.1970;65;\n');
    // (without the options: text, and a declared type is an error that names the option)
    const plain = await readTable(p, { delimiter: ';' });
    assert.equal(column(plain, 'poids').kind, 'string');
    const e = await failure(readTable(p, { delimiter: ';', types: { naissance: 'date' } }));
    assert.match(e.issues[0]!.message, /input\.dateOrder dmy/);
    const t = await readTable(p, { delimiter: ';', decimal: ',', dateOrder: 'dmy' });
    assert.equal(column(t, 'naissance').kind, 'date');
    assert.equal(column(t, 'poids').kind, 'decimal');
    assert.deepEqual(toRecords(t).map((r) => [r.naissance, r.poids, r.vu]), [['1954-08-04', '72.5', '2024-01-02'], ['1961-11-23', '80.1', '2024-02-03'], ['1970-02-01', '65.0', null]]);
    // (a day that is no day of the calendar stays an error)
    writeFileSync(p, 'd\n31/02/2004\n');
    await failure(readTable(p, { types: { d: 'date' }, dateOrder: 'dmy' }));
    const { textFormats } = await import('../policy/init.ts');
    assert.deepEqual(textFormats(plain, ';'), { decimal: ',', dateOrder: 'dmy' });
    // (a comma file: "5,120" is a thousands separator, "1,2" a list — no decimal comma; days up to 12 tell no order)
    assert.deepEqual(textFormats(tableFromRecords({ charges: ['5,120', '6,964', '812'], d: ['04/08/2004', '01/02/2003', '12/11/2001'] }), ','), { ambiguousDates: true });
    assert.deepEqual(textFormats(tableFromRecords({ charges: ['5,120', '6,964', '812'] }), ';'), {});
    // (a two-digit year is no date: strptime read 54 as the year 54)
    writeFileSync(p, 'd\n04/08/54\n');
    await failure(readTable(p, { types: { d: 'date' }, dateOrder: 'dmy' }));
  } finally { await rm(dir, { recursive: true, force: true }); }
});
test('without inference, JSON values are read as written, each on its own, past any sample: one line\'s "abc" after 25,000 numbers is no error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-json-raw-'));
  try {
    const lines = Array.from({ length: 25000 }, (_, i) => JSON.stringify({ pid: `p${i}`, score: 3.0 }));
    lines.push(JSON.stringify({ pid: 'x', score: 'abc' }), '{"A":1,"a":2}');
    writeFileSync(join(dir, 'a.jsonl'), lines.join('\n') + '\n');
    const t = await readTable(join(dir, 'a.jsonl'), { infer: false });
    assert.deepEqual(t.columns.map((c) => c.name), ['pid', 'score', 'A', 'a_1']);
    const score = t.columns.find((c) => c.name === 'score')!;
    assert.deepEqual([...score.dictionary].sort((x, y) => String(x).localeCompare(String(y))), ['3', 'abc', null]);
    assert.deepEqual(t.columns.find((c) => c.name === 'a_1')!.dictionary.filter((v) => v !== null), ['2']);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('fourth review: JSON read as written keeps a line that is no object as a row of missing values, names case clashes as DuckDB does, and reads a file of no key as the typed reader', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-json-raw2-'));
  try {
    writeFileSync(join(dir, 'n.jsonl'), '{"a":1}\nnull\n{"a":3}\n');
    assert.equal((await readTable(join(dir, 'n.jsonl'), { infer: false })).rowCount, 3);
    writeFileSync(join(dir, 'c.jsonl'), '{"a_1":0,"A":1,"a":2,"É":3,"é":4}\n');
    assert.deepEqual((await readTable(join(dir, 'c.jsonl'), { infer: false })).columns.map((c) => c.name), ['a_1', 'A', 'a_1_1', 'É', 'é']);
    writeFileSync(join(dir, 'e.jsonl'), '');
    assert.equal((await readTable(join(dir, 'e.jsonl'), { infer: false })).rowCount, 0);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a file without a header row: with valueHeader "refuse" the first record is never taken for the column names, nor shown (review D1)', async () => {
  const { columnList, looksLikeValue } = await import('./read.ts');
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-noheader-'));
  try {
    // (a NIR and a phone written with spaces, a surname, a birth date: the first patient, no header line)
    const f = join(dir, 'noheader.csv');
    writeFileSync(f, '2 55 08 14 168 025 38,DURAND,Aline,06 12 34 56 78,14/08/1955,E11\n1 85 02 2A 004 123 08,MARTIN,Jean,01 42 21 32 74,02/02/1985,I10\n');
    const e = await failure(readTable(f, { valueHeader: 'refuse' }));
    assert.equal(e.code, 'invalid-input');
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /noheader\.csv:1: the first line holds values, not column names/);
    assert.match(e.format(), /header/);
    for (const v of ['2 55 08', 'DURAND', 'Aline', '06 12 34', '14/08/1955', 'E11']) assert.ok(!e.format().includes(v), v);
    // (no option: read as before, for the verbs whose policy names the columns — they fail on the first name not found)
    assert.equal((await readTable(f)).rowCount, 1);
    // (declared without a header: column1..N, both rows)
    const t = await readTable(f, { valueHeader: 'refuse', header: false });
    assert.deepEqual(t.columns.map((c) => c.name), ['column1', 'column2', 'column3', 'column4', 'column5', 'column6']);
    assert.equal(t.rowCount, 2);
    // (a header that looks like a value over values of another kind is a header: a wide table's dates over counts, codes
    // over measures, a questionnaire's long question over its answers — review of 2c63a16)
    const w = join(dir, 'wide2.csv');
    writeFileSync(w, `2024-01-01,2024-02-01,loinc_14749-6,snomed_22298006,hba1c_v1.2.3,${'How often in the last two weeks have you felt down, depressed or hopeless?'.replaceAll(',', ';')}\n3,4,5.4,yes,6.1,rarely\n5,6,5.9,no,7.2,often\n`);
    assert.equal((await readTable(w, { valueHeader: 'refuse' })).rowCount, 2);
    // (a column really named like a value of its own kind — a date over dates — declared so by a policy, is a column name)
    const g = join(dir, 'wide.csv');
    writeFileSync(g, 'id,2024-01-01\n1,2024-01-03\n2,2024-01-09\n');
    await failure(readTable(g, { valueHeader: 'refuse' }));
    assert.equal((await readTable(g, { valueHeader: 'refuse', declaredColumns: ['2024-01-01'] })).rowCount, 2);
    // (a header without dates: spaced NIRs and phones are values too)
    assert.ok(looksLikeValue('2 55 08 14 168 025 38') && looksLikeValue('+33 (0)8 82 88 30 05') && looksLikeValue('06 12 34 56 78'));
    for (const n of ['patient_id', 'age', 'code_postal', 'ICD10', 'visit_date', 'Q1 2024']) assert.ok(!looksLikeValue(n), n);
    assert.match(columnList(['1 53 12 2B 326 289 85', 'LACAL']), /are not shown/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a Windows-1252 export (’, œ, € in the bytes 0x80-0x9F, CRLF) is read with encoding latin-1 or its other names (review of exports, s43)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-1252-test-'));
  try {
    const f = join(dir, 'cp1252.csv');
    writeFileSync(f, Buffer.from('ipp;nom;commentaire\r\n1;N\x92DIAYE;\x9cd\xe8me 5\x80\r\n2;DUPONT;RAS\r\n', 'latin1'));
    for (const encoding of ['latin-1', 'windows-1252', 'cp1252']) {
      const t = await readTable(f, { encoding: encoding as 'latin-1', delimiter: ';' });
      assert.deepEqual(toRecords(t).map((r) => [r.nom, r.commentaire]), [['N’DIAYE', 'œdème 5€'], ['DUPONT', 'RAS']], encoding);
    }
    await assert.rejects(readTable(f, { encoding: 'utf-16' as 'latin-1', delimiter: ';' }), /expects utf-8 or latin-1/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a wide table (40 columns, more than one group of joined dictionaries) reads and writes through DuckDB with every cell in its row (review of exports, s43: 400 columns took 100 s)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-wide-'));
  try {
    const cols = Array.from({ length: 40 }, (_, j) => `c${j}`);
    const rows = Array.from({ length: 300 }, (_, i) => cols.map((_, j) => (j % 7 === 3 && i % 5 === 0 ? '' : `r${i}c${j}`)));
    const f = join(dir, 'wide.csv');
    writeFileSync(f, [cols.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
    const t = await readTable(f);
    const recs = toRecords(t);
    for (let i = 0; i < rows.length; i++) for (let j = 0; j < cols.length; j++) assert.equal(recs[i]![cols[j]!] ?? '', rows[i]![j], `row ${i} column ${j}`);
    const out = join(dir, 'wide.parquet');
    await writeTable(t, out);
    const back = toRecords(await readTable(out));
    assert.deepEqual(back, recs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a column named "rowid" neither reorders the rows nor splits them, and a wide table holding one is written (final review, s43)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-rowid-'));
  try {
    const cols = ['rowid', ...Array.from({ length: 19 }, (_, j) => `c${j}`)];
    const n = 2000;
    const rows = Array.from({ length: n }, (_, i) => [String(n - i), ...cols.slice(1).map((c) => `r${i}${c}`)]);
    const f = join(dir, 'rowid.csv');
    writeFileSync(f, [cols.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
    const t = await readTable(f, { types: { rowid: 'string' } });
    const recs = toRecords(t);
    for (let i = 0; i < n; i++) assert.deepEqual(cols.map((c) => recs[i]![c]), rows[i], `row ${i}`);
    const out = join(dir, 'rowid.parquet');
    await writeTable(t, out);
    assert.deepEqual(toRecords(await readTable(out, { types: { rowid: 'string' } })), recs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('JSON: a column mixing strings and numbers gives a string its unquoted value and a number its text: a quote never ends up in a label', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-json-mixed-'));
  try {
    // (read_json gave the column DuckDB's JSON type, and its text kept the JSON quotes: "250" and 250 were two values)
    writeFileSync(join(dir, 'dx.jsonl'), '{"sex":"F","dx":250}\n{"sex":"F","dx":"250"}\n{"sex":"F","dx":250.0}\n{"sex":"F","dx":"a \\"b\\""}\n{"sex":"F","dx":null}\n{"sex":"F","dx":{"c":"x"}}\n');
    for (const types of [{ dx: 'string' as const }, undefined]) {
      const t = await readTable(join(dir, 'dx.jsonl'), types ? { types } : {});
      const dx = column(t, 'dx');
      assert.equal(dx.kind, 'string');
      assert.deepEqual(toRecords(t).map((r) => r.dx), ['250', '250', '250.0', 'a "b"', null, '{"c":"x"}']);
    }
    // (a declared integer reads the string "250" as 250: it was refused as no integer)
    writeFileSync(join(dir, 'n.jsonl'), '{"n":250}\n{"n":"250"}\n');
    assert.deepEqual(column(await readTable(join(dir, 'n.jsonl'), { types: { n: 'integer' } }), 'n').dictionary, ['250']);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('withAtomicFiles: a device that fails leaves the files as they were (devices are written before the renames)', async () => {
  const { withAtomicFiles } = await import('./write.ts');
  const { mkdtempSync, writeFileSync: wf, readFileSync: rf, existsSync: ex } = await import('node:fs');
  const { tmpdir: td } = await import('node:os');
  const { join: jn } = await import('node:path');
  if (!ex('/dev/full')) return;
  const dir = mkdtempSync(jn(td(), 'anonymat-atomic-'));
  const file = jn(dir, 'release.csv');
  wf(file, 'old\n');
  await assert.rejects(withAtomicFiles([file, '/dev/full'], async (_i, tmp) => { wf(tmp, 'new\n'); }));
  assert.equal(rf(file, 'utf8'), 'old\n');
  assert.deepEqual((await import('node:fs')).readdirSync(dir), ['release.csv']);
});
