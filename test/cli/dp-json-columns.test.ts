/**
 * dp query on JSON Lines / JSON input: a table's columns are the keys its records hold, so a key only one patient has
 * decided whether a query on it was answered and charged (that patient present) or refused "unknown column" for free
 * (absent). A column the query names that the records lack is read as a column with every value missing: both
 * neighbours get the same outcome and the same charge (review s45).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers.ts';

test('dp query on JSON input: a key only one patient has → the same outcome and charge with or without that patient', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anonymat-dpjson-'));
  try {
    const recs = ['{"pid":"P1","age":30}', '{"pid":"P2","age":40}'];
    const withHim = [...recs, '{"pid":"P3","age":50,"hiv":"pos"}'];
    const without = [...recs, '{"pid":"P3","age":50}'];
    const files: Record<string, string> = {
      'j1.jsonl': withHim.join('\n') + '\n', 'j2.jsonl': without.join('\n') + '\n',
      'a1.json': `[${withHim.join(',')}]`, 'a2.json': `[${without.join(',')}]`,
    };
    for (const [f, text] of Object.entries(files)) {
      await writeFile(join(dir, f), text);
      await writeFile(join(dir, f.replace(/\.jsonl?$/, '.dp.json')), '{"name":"t","privacyUnit":"pid"}');
    }
    const ledger = join(dir, 'l.duckdb');
    assert.equal((await runCli(['dp', 'budget', '--ledger', ledger, '--client', 'c', '--dataset', 't', '--allocate-rho', '10'])).code, 0);
    const queries = [
      '{"select":[{"count":"patients"}],"from":"t","where":{"hiv":"pos"},"epsilon":"1/2"}',
      '{"select":[{"count":"rows"}],"from":"t","groupBy":["hiv"],"keys":{"hiv":["pos","neg"]},"epsilon":"1/2"}',
    ];
    for (const [a, b] of [['j1.jsonl', 'j2.jsonl'], ['a1.json', 'a2.json']] as const) {
      for (const q of queries) {
        const outcome = async (f: string) => {
          const r = await runCli(['dp', 'query', join(dir, f), '--ledger', ledger, '--client', 'c', '--query', q, '--json']);
          assert.doesNotMatch(r.stderr, /unknown column/, `${f} ${q}`);
          const o = JSON.parse(r.stdout);
          return { code: r.code, status: o.status, cost: o.cost, statistics: o.results?.length };
        };
        const x = await outcome(a);
        assert.equal(x.code, 0, `${a} ${q}`);
        assert.equal(x.status, 'answered');
        assert.deepEqual(await outcome(b), x, `${b} ${q}`);
      }
    }
    // (every one of the 8 queries charged: 8 × ρ = 1/8)
    assert.match((await runCli(['dp', 'budget', '--ledger', ledger, '--json'])).stdout, /"spent": "1"/);
  } finally { await rm(dir, { recursive: true, force: true }); }
});
