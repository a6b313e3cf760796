/**
 * Derives src/text/data/words.bloom: the French and English vocabularies as one Bloom filter of their
 * words folded to upper-case ASCII (fold(), letters only, two letters or more). The recognizers ask it
 * whether a capitalized word of no name list is an ordinary word ("Transports", "Maintenance") or may be
 * a given name the lists lack ("Hetal", "Bronwen").
 *
 *   node --import tsx scripts/derive-text-words.ts --fr-words <index.json> --en-words <index.json>
 *
 * Sources: the MIT-licensed npm packages an-array-of-french-words@2.0.0 and an-array-of-english-words@2.0.0
 * (`npm pack` them, then point at their package/index.json). Same inputs, same file.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BLOOM_HEADER, bloomPositions, fold } from '../src/text/data.ts';

const { values } = parseArgs({ options: { 'fr-words': { type: 'string' }, 'en-words': { type: 'string' }, 'log2-bits': { type: 'string', default: '23' }, hashes: { type: 'string', default: '7' } } });
if (!values['fr-words'] || !values['en-words']) {
  process.stderr.write('usage: derive-text-words.ts --fr-words <an-array-of-french-words/package/index.json> --en-words <an-array-of-english-words/package/index.json>\n');
  process.exit(2);
}
const words = new Set<string>();
for (const p of [values['fr-words'], values['en-words']]) {
  for (const w of JSON.parse(readFileSync(p, 'utf8')) as string[]) {
    const k = fold(w);
    if (/^[A-Z]{2,}$/.test(k)) words.add(k);
  }
}
const log2 = Number(values['log2-bits']), k = Number(values.hashes);
const bits = new Uint8Array(BLOOM_HEADER + (1 << (log2 - 3)));
new DataView(bits.buffer).setUint32(0, log2, true);
new DataView(bits.buffer).setUint32(4, k, true);
const pos = new Uint32Array(k);
for (const w of words) {
  bloomPositions(w, log2, pos);
  for (const p of pos) bits[BLOOM_HEADER + (p >>> 3)]! |= 1 << (p & 7);
}
const target = new URL('../src/text/data/words.bloom', import.meta.url);
const tmp = new URL('../src/text/data/words.bloom.tmp', import.meta.url);
writeFileSync(tmp, bits);
renameSync(tmp, target);
const fill = Math.exp(-k * words.size / 2 ** log2);
process.stderr.write(`${words.size} words, 2^${log2} bits, ${k} hashes: false positives ~${(100 * (1 - fill) ** k).toFixed(2)} %\n`);
