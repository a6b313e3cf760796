/**
 * A ledger path that is no ledger is refused before DuckDB opens it: an existing CSV, JSON or Parquet file was opened by
 * DuckDB as an in-memory database over its data, where an allocation was printed as made and never saved (review s45).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from './ledger.ts';
import { rat } from './rational.ts';
import { AnonymatError } from '../errors.ts';

async function refused(path: string, expected: RegExp): Promise<void> {
  await assert.rejects(openLedger(path), (e: unknown) => {
    assert.ok(e instanceof AnonymatError, String(e));
    assert.equal(e.exitCode, 2);
    assert.match(e.format(), expected);
    assert.match(e.format(), /--ledger/);
    return true;
  });
}

test('an existing data file given as the ledger is refused, unchanged, nothing written beside it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-ledger-path-'));
  try {
    const files: Record<string, string> = {
      'data.csv': 'pid,age\nP1,30\nP2,40\n',
      'data.json': '[{"pid":"P1"}]\n',
      'data.ndjson': '{"pid":"P1"}\n',
      'notes.duckdb': 'this is a text file, not a database\n',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    for (const [name, text] of Object.entries(files)) {
      await refused(join(dir, name), /exists and is not a DuckDB ledger/);
      assert.equal(await readFile(join(dir, name), 'utf8'), text);
    }
    // (a short data file too: left to DuckDB, it was opened as a view of its data)
    await writeFile(join(dir, 'short.csv'), 'a\n1\n');
    await refused(join(dir, 'short.csv'), /exists and is not a DuckDB ledger/);
    await mkdir(join(dir, 'folder'));
    await refused(join(dir, 'folder'), /not a file/);
    assert.deepEqual((await readdir(dir)).sort(), [...Object.keys(files), 'folder', 'short.csv'].sort());
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('a new ledger is not created under a data file\'s name; a .duckdb ledger is, and reopens under any name', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dp-ledger-path-'));
  try {
    for (const name of ['new.csv', 'new.parquet', 'new.jsonl', 'new.tsv', 'new.csv.gz']) {
      await refused(join(dir, name), /would be created under the name of a data file/);
    }
    assert.deepEqual(await readdir(dir), []);
    const l = await openLedger(join(dir, 'budget.duckdb'));
    await l.allocate('c', 'd', { measure: 'zcdp', total: rat(1n, 2n) });
    l.close();
    // (a ledger an earlier version created under a data file's name still opens: its header says it is a database)
    await copyFile(join(dir, 'budget.duckdb'), join(dir, 'old.csv'));
    const o = await openLedger(join(dir, 'old.csv'));
    assert.equal((await o.get('c', 'd'))!.total, '1/2');
    o.close();
  } finally { await rm(dir, { recursive: true, force: true }); }
});
