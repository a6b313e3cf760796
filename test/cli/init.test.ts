import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers.ts';

test('cli: init reads "?" as missing once, from standard input too, and profiles the columns with it missing', async () => {
  // (race holds "?" in 2 of 5 rows: a marker; from stdin the table cannot be read again, it is recoded in memory)
  const csv = 'race,dx\nWhite,250.8\n?,V57\nBlack,401\n?,250.8\nAsian,V57\n';
  const r = await runCli(['init', '-', '--json'], { stdin: csv });
  assert.equal(r.code, 0, r.stderr);
  const race = (JSON.parse(r.stdout) as { name: string; missingShare: number; distinct: number }[]).find((p) => p.name === 'race')!;
  assert.equal(race.missingShare, 0.4);
  assert.match(r.stderr, /missing values are written "\?" in this file: read as missing \(input\.missing/);
  // (a column of numbers once "?" is missing needs a second read for its conversion: not possible from stdin)
  const ages = 'age,sex\n34,F\n?,M\n51,F\n60,M\n';
  const a = await runCli(['init', '-', '--json'], { stdin: ages });
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stderr, /read as missing when the policy is used/);
});

test('cli: init --encoding cp1252 reads a Windows export and proposes input.encoding latin-1, a name every command accepts (final review, s43)', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-init-1252-'));
  try {
    const f = join(dir, 'w.csv');
    await writeFile(f, Buffer.from('ipp;nom;motif\r\n1;N\x92DIAYE;\x9cd\xe8me\r\n2;DUPONT;HTA\r\n', 'latin1'));
    const r = await runCli(['init', f, '--encoding', 'cp1252', '--delimiter', ';']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /encoding: latin-1/);
    assert.doesNotMatch(r.stdout, /cp1252/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
