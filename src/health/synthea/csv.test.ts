import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { tokenizeCsv } from './csv.ts';

function quote(f: string): string {
  return /[",\n\r]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f;
}

test('tokenizer hand cases', () => {
  assert.deepEqual(tokenizeCsv('a,b\n1,2\n'), { rows: [['a', 'b'], ['1', '2']], lines: Int32Array.from([1, 2]) });
  assert.deepEqual(tokenizeCsv('\ufeffa,b\r\n"x,1","say ""hi""\nthere"\r\n\r\n3,\n'), {
    rows: [['a', 'b'], ['x,1', 'say "hi"\nthere'], ['3', '']], lines: Int32Array.from([1, 2, 5]),
  });
  assert.deepEqual(tokenizeCsv('a\tb\n1\t"2"', '\t'), { rows: [['a', 'b'], ['1', '2']], lines: Int32Array.from([1, 2]) });
  assert.deepEqual(tokenizeCsv('a,b\n1,"2\n'), { error: { line: 2, reason: 'a quoted field is never closed' } });
  assert.deepEqual(tokenizeCsv('a,b\n\n1,"2"x\n'), { error: { line: 3, reason: 'characters after a closing quote' } });
  assert.deepEqual(tokenizeCsv('a,b\n1,2"3\n"q"\n'), { error: { line: 2, reason: 'a quote inside an unquoted field' } });
});

test('tokenizer equals csv-parse on random RFC 4180 tables (property)', () => {
  const field = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', '"', '\n', '\r\n', '1', '-'), maxLength: 8 });
  const table = fc.integer({ min: 1, max: 4 }).chain((w) => fc.array(fc.array(field, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 }));
  fc.assert(fc.property(table, fc.boolean(), fc.boolean(), (rows, crlf, trailing) => {
    const eol = crlf ? '\r\n' : '\n';
    const text = rows.map((r) => r.map(quote).join(',')).join(eol) + (trailing ? eol : '');
    const ref = parse(text, { skip_empty_lines: true }) as string[][];
    const ours = tokenizeCsv(text);
    assert.ok('rows' in ours);
    assert.deepEqual(ours.rows, ref);
  }), { seed: 7, numRuns: 500 });
});
