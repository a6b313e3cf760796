/**
 * A header's errors never quote its cells (a file without its header row has a patient's record for its first line), and
 * a JSON or Parquet reader's error never quotes the file's content (review s45, cli-review).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTable } from './read.ts';
import { writeTable } from './write.ts';
import { tableFromRecords } from '../table/table.ts';
import { AnonymatError } from '../errors.ts';

async function failure(p: Promise<unknown>): Promise<AnonymatError> {
  try { await p; } catch (e) { assert.ok(e instanceof AnonymatError, String(e)); return e; }
  assert.fail('expected an error');
}

// (made-up values, as a record without its header row would show them)
const RECORD = ['Marie', 'Dupont', 'Dupont', '1954-03-12', 'F'];
const SECOND = ['Jean', 'Martin', 'Durand', '1960-01-02', 'M'];
const notShown = (text: string) => { for (const v of [...RECORD, ...SECOND]) assert.ok(!text.includes(`"${v}"`) && (v.length === 1 || !text.includes(v)), `${v} shown: ${text}`); };

test('a first line whose cells repeat: the columns named by their place, never by the value; the first line of values said so', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-hdr-'));
  try {
    const f = join(dir, 'nh2.csv');
    await writeFile(f, `${RECORD.join(',')}\n${SECOND.join(',')}\n`);
    // every command (no valueHeader): the duplicate by its places, and the value-like field by its place
    const e = await failure(readTable(f, { columns: ['Marie'] }));
    assert.equal(e.exitCode, 2);
    notShown(e.format());
    assert.match(e.format(), /nh2\.csv:1:3: columns 2 and 3 have the same name/);
    assert.match(e.format(), /field 4 of 5 looks like a date.*header row/);
    // init, pseudonymize (valueHeader 'refuse'): the first line of values is the error, before the duplicate
    const r = await failure(readTable(f, { valueHeader: 'refuse' }));
    notShown(r.format());
    assert.match(r.message, /nh2\.csv:1: the first line holds values, not column names/);
    // (a file of that one line: the line alone says it)
    const one = join(dir, 'one.csv');
    await writeFile(one, `${RECORD.join(',')}\n`);
    const o = await failure(readTable(one, { valueHeader: 'refuse' }));
    notShown(o.format());
    assert.match(o.message, /the first line holds values/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a real header with a repeated, an empty or a case-folded name: place and fix, no name quoted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-hdr-'));
  try {
    const cases: [string, string, RegExp][] = [
      ['dup.csv', 'id,sex,id\n1,F,2\n', /dup\.csv:1:3: columns 1 and 3 have the same name; rename one/],
      ['empty.csv', 'id,,sex\n1,2,F\n', /empty\.csv:1:2: column 2 has no name; give every column a name/],
      // (DuckDB reads column names without their ASCII case: "Id" and "ID" failed as "the file cannot be parsed as CSV")
      ['case.csv', 'Id,ID,x\n1,2,3\n', /case\.csv:1:2: columns 1 and 2 have the same name, but for letter case/],
    ];
    for (const [name, text, expected] of cases) {
      await writeFile(join(dir, name), text);
      const e = await failure(readTable(join(dir, name)));
      assert.equal(e.exitCode, 2);
      assert.match(e.format(), expected);
      assert.doesNotMatch(e.format(), /"id"|"Id"|"ID"|"sex"/, e.format());
      assert.doesNotMatch(e.format(), /looks? like a date/);
    }
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a JSON object with a repeated key: DuckDB quotes the whole object, the error does not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-hdr-'));
  try {
    const f = join(dir, 'dup.jsonl');
    await writeFile(f, '{"nom":"Dupont","nom":"Martin","nir":"1540375123456"}\n');
    const e = await failure(readTable(f));
    assert.equal(e.exitCode, 2);
    for (const v of ['Dupont', 'Martin', '1540375123456']) assert.ok(!e.format().includes(v), e.format());
    assert.match(e.message, /dup\.jsonl: cannot read as jsonl: .*in file "[^"]*dup\.jsonl", in line 1: an object has duplicate key/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a Parquet file read as CSV (stdin, a name without .parquet) is named so, with --format parquet, not "UTF-16 or UTF-32"', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-hdr-'));
  try {
    const pq = join(dir, 't.parquet');
    await writeTable(tableFromRecords({ a: ['x', 'y'], b: [1, 2] }), pq);
    const asCsv = join(dir, 't.csv');
    await copyFile(pq, asCsv);
    const e = await failure(readTable(asCsv, { name: '<stdin>' }));
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /<stdin>: the input is a Parquet file, not CSV text/);
    assert.match(e.format(), /--format parquet/);
    assert.doesNotMatch(e.format(), /UTF-16/);
    assert.equal((await readTable(asCsv, { format: 'parquet' })).rowCount, 2);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a text header that begins like a magic number ("PAR1", "DUCK" at byte 8) is a header', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-hdr-'));
  try {
    await writeFile(join(dir, 'p.csv'), 'PAR1,PAR2\n1,2\n');
    await writeFile(join(dir, 'd.csv'), 'patient,DUCKS\n1,2\n');
    for (const f of ['p.csv', 'd.csv']) assert.equal((await readTable(join(dir, f))).rowCount, 1);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a JSON error names the line of the file: DuckDB counts records (no blank line) and one too many after a syntax error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-hdr-'));
  try {
    const { gzipSync } = await import('node:zlib');
    const cases: [string, string, RegExp][] = [
      // (a syntax error on the file's 5th line, the 3rd record: DuckDB says "line 4")
      ['blank.jsonl', '{"a":1}\n\n   \n{"a":2}\n{"a" 3}\n', /at byte \d+ in line 5: unexpected/],
      ['crlf.jsonl', '{"a":1}\r\n{"a":2}\r\n{"a" 3}\r\n', /at byte \d+ in line 3: unexpected/],
      // (a repeated key on the 3rd line, the 2nd record: DuckDB says "line 2")
      ['dup.jsonl', '{"a":1}\n\n{"a":3,"a":4}\n{"a":5}\n', /in line 3: an object has duplicate key/],
      ['arr.json', '[{"a":1},\n\n{"a":2},{"a" 2}]\n', /at byte \d+ in value 3: unexpected/],
      ['objs.json', '{\n  "a": 1\n}\n{\n  "a": 2, "a": 3\n}\n', /in value 2: an object has duplicate key/],
      // (a line of a form feed or a vertical tab is blank to DuckDB too)
      ['ff.jsonl', '{"a":1}\n\f\n{"a":2}\n\v\n{"a" 3}\n', /at byte \d+ in line 5: unexpected/],
      // (only the number after the file's name is DuckDB's: a name may hold "in line 9")
      ['in line 9.jsonl', '{"a":1}\n\n\n{"a" 2}\n', /in line 9\.jsonl", at byte \d+ in line 4: unexpected/],
    ];
    for (const [name, body, expected] of cases) {
      await writeFile(join(dir, name), body);
      assert.match((await failure(readTable(join(dir, name)))).message, expected, name);
    }
    // (a compressed file's lines are its decompressed ones)
    await writeFile(join(dir, 'blank.jsonl.gz'), gzipSync('{"a":1}\n\n   \n{"a":2}\n{"a" 3}\n'));
    assert.match((await failure(readTable(join(dir, 'blank.jsonl.gz')))).message, /at byte \d+ in line 5: unexpected/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a compressed file is read by its name in any case: ".CSV.GZ" and ".JSONL.GZ" are gzip, a zstd CSV is refused clearly', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-hdr-'));
  try {
    const { gzipSync } = await import('node:zlib');
    // (DuckDB's own guess knows ".gz" in lower case only, and read the compressed bytes as text)
    await writeFile(join(dir, 'T.CSV.GZ'), gzipSync('a,b\n1,2\n3,4\n'));
    const csv = await readTable(join(dir, 'T.CSV.GZ'));
    assert.deepEqual([csv.rowCount, csv.columns.map((c) => c.name)], [2, ['a', 'b']]);
    await writeFile(join(dir, 'T.JSONL.GZ'), gzipSync('{"a":1}\n{"a":2}\n{"a":3}\n'));
    assert.equal((await readTable(join(dir, 'T.JSONL.GZ'))).rowCount, 3);
    // (and an error's line is the decompressed file's)
    await writeFile(join(dir, 'B.JSONL.GZ'), gzipSync('{"a":1}\n\n{"a" 2}\n'));
    assert.match((await failure(readTable(join(dir, 'B.JSONL.GZ')))).message, /at byte \d+ in line 3: unexpected/);
    // (zstd magic bytes: the header is read before DuckDB, and Node 20 reads no zstd)
    await writeFile(join(dir, 'z.csv.zst'), Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x08, 0x41, 0x00, 0x00]));
    const e = await failure(readTable(join(dir, 'z.csv.zst')));
    assert.match(e.message, /the input is a zstd-compressed file, not CSV text/);
    assert.match(e.issues.map((i) => i.message).join(), /zstd -d/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});
