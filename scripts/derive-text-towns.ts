/**
 * Derives src/text/data/communes.txt.gz: the French place names a note may give as a patient's town without a postal code
 * next to it, beyond villes.txt (communes of ≥ 10,000 inhabitants, scripts/derive-text-names.ts).
 *
 *   node --import tsx scripts/derive-text-towns.ts
 *
 * Source: ../shared/data/fr-geo-cog-2026/communes.csv (INSEE COG 2026 via Etalab, Licence Ouverte): every current commune
 * of fewer than 10,000 inhabitants, and every delegated or associated commune (a merged village keeps its name on people's
 * lips: "Évry", "Sainte-Foy"), plus the names of villes.txt and of these without their leading article ("Petit-Quevilly"
 * for LE PETIT-QUEVILLY, "Abymes" for LES ABYMES). Folded (upper case, no accents), 4 letters or more, and none that is an
 * ordinary French or English word (words.bloom: "RUE", "PLAN", "BONNES", "L'HOPITAL"), a first name (prenoms.txt: "FLORENCE") or a name
 * listed as ambiguous: the recognizer reads a town of this list only after a strong cue ("à Gauchy", "Fait à Sfax, le …").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { fold, isVocabularyWord } from '../src/text/data.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = `${root}src/text/data`;
const lines = (file: string) => new Set(readFileSync(`${dataDir}/${file}`, 'utf8').split('\n').filter((l) => l.length > 0));
const villes = lines('villes.txt');
const firstNames = lines('prenoms.txt');
const ambiguous = lines('ambiguous.txt');

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
const towns = new Set<string>();
for (const k of names) {
  for (const key of [k, k.replace(/^(?:LE|LA|LES) |^L'/, '')]) {
    // (one word, or words joined by hyphens: the recognizer looks a town up a token at a time)
    if (key.length < 4 || villes.has(key) || !/^[A-Z][A-Z'-]*[A-Z]$/.test(key)) continue;
    // (nor an article and a word: "À L'HÔPITAL", "monter à l'échelle" — L'HOPITAL and L'ECHELLE are communes too)
    const bare = key.replace(/^[LD]'/, '');
    if (isVocabularyWord(key) || isVocabularyWord(bare) || firstNames.has(key) || ambiguous.has(key)) continue;
    towns.add(key);
  }
}
writeFileSync(`${dataDir}/communes.txt.gz`, gzipSync(Buffer.from([...towns].sort().join('\n') + '\n'), { level: 9 }));
process.stderr.write(`towns ${towns.size} (communes of fewer than 10,000 inhabitants, delegated and associated ones, article-less forms)\n`);
