/**
 * Derives the English surrogate lists (src/text/data/en-surrogates.json): the first names,
 * surnames and cities that `--replacement surrogate` puts in ENGLISH text, so that
 * a replaced name reads like the names around it (a French name in an American note would show
 * which words were replaced — and a name the recognizers missed would stand out among them).
 *
 *   node --import tsx scripts/derive-en-surrogates.ts
 *
 * Sources (read from ../shared/data, never shipped whole): the patients, providers and
 * organizations of the Synthea exports (synthea-ma-1k-apr2020-partial, synthea-ca-59/csv,
 * synthea-ma-285-legacy/csv; fully synthetic people, Synthea is Apache-2.0; see their SOURCE.md).
 * Kept: the given names and surnames without Synthea's digits (one word, 3 letters or more, no
 * ordinary word of src/text/data/ambiguous.txt) and the cities (title case). Sorted, deduplicated: the output only depends on the inputs.
 */
import { readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = `${root}../shared/data`;
const SOURCES = ['synthea-ma-1k-apr2020-partial', 'synthea-ca-59/csv', 'synthea-ma-285-legacy/csv'];

function fold(s: string): string { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase(); }
function titleCase(s: string): string { return s.toLowerCase().replace(/(^|[ \-'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()); }

const ambiguous = new Set(readFileSync(`${root}src/text/data/ambiguous.txt`, 'utf8').split('\n').filter(Boolean));
const NAME = /^\p{Lu}[\p{L}'’-]{2,}$/u;
const first = new Set<string>(), last = new Set<string>(), cities = new Set<string>();

function addName(set: Set<string>, raw: string | undefined): void {
  const v = (raw ?? '').replace(/\d+$/, '').trim();
  if (NAME.test(v) && !ambiguous.has(fold(v))) set.add(v);
}
function rows(file: string): Record<string, string>[] {
  return existsSync(file) ? parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[] : [];
}

let read = 0;
for (const src of SOURCES) {
  const dir = `${data}/${src}`;
  if (!existsSync(`${dir}/patients.csv`)) { process.stderr.write(`${dir}/patients.csv absent: skipped\n`); continue; }
  read++;
  for (const r of rows(`${dir}/patients.csv`)) {
    addName(first, r.FIRST); addName(last, r.LAST);
    if (r.CITY) cities.add(titleCase(r.CITY));
  }
  for (const r of rows(`${dir}/providers.csv`)) {
    const parts = (r.NAME ?? '').split(' ');
    if (parts.length === 2) { addName(first, parts[0]); addName(last, parts[1]); }
    if (r.CITY) cities.add(titleCase(r.CITY));
  }
  for (const r of rows(`${dir}/organizations.csv`)) if (r.CITY) cities.add(titleCase(r.CITY));
}
if (!read) { process.stderr.write(`no Synthea export under ${data}: nothing derived\n`); process.exit(1); }

const sorted = (s: Set<string>): string[] => [...s].filter((v) => v.length >= 3).sort();
const out = { first: sorted(first), last: sorted(last), cities: sorted(cities) };
const target = `${root}src/text/data/en-surrogates.json`;
writeFileSync(`${target}.tmp`, `${JSON.stringify(out, null, 0)}\n`);
renameSync(`${target}.tmp`, target);
console.log(`en-surrogates.json: ${out.first.length} first names, ${out.last.length} surnames, ${out.cities.length} cities`);
