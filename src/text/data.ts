/**
 * Compact dictionaries for the recognizers, derived by scripts/derive-text-names.ts (sources and
 * licences listed there and in docs/text.md). Loaded once, lazily, into Sets of upper-case,
 * accent-free forms.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface Dictionaries {
  firstNames: Set<string>;
  surnames: Set<string>;
  /** Names that are also ordinary French/English words: need a context cue. */
  ambiguous: Set<string>;
  /** Frequent first names that are also words (CLAIRE, ROSE): not ambiguous, but not alone at a sentence start. */
  wordNames: Set<string>;
  cities: Set<string>;
  /** Names of the world (world-*.txt: faker's locales, in no list above): read by the recognizers, never drawn as surrogates. */
  worldFirstNames: Set<string>;
  worldSurnames: Set<string>;
}

let cached: Dictionaries | undefined;

/** The English names added in English text (1990 US census lists, minus the French lists' names). */
interface EnglishNames { firstNames: Set<string>; surnames: Set<string>; ambiguous: Set<string> }

/** Lexicon bits (one Map look-up per token instead of one Set per dictionary). */
export const LEX_FIRST = 1, LEX_SUR = 2, LEX_AMBIG = 4, LEX_CITY = 8, LEX_CITY_PREFIX = 16, LEX_WORDNAME = 32, LEX_CITY_WORD1 = 64;
let lexicon: Map<string, number> | undefined;
let lexiconEn: Map<string, number> | undefined;

/**
 * key (upper case, no accents) → LEX_* bits. English text also reads the English names (a copy of
 * the French lexicon with them added, built on first use).
 */
export function lexiconMap(lang: 'fr' | 'en' = 'fr'): Map<string, number> {
  if (lang === 'en') {
    if (lexiconEn) return lexiconEn;
    const m = new Map(lexiconMap('fr'));
    const add = (k: string, bit: number): void => { m.set(k, (m.get(k) ?? 0) | bit); };
    const en = englishNames();
    for (const k of en.surnames) add(k, LEX_SUR);
    for (const k of en.firstNames) add(k, LEX_FIRST);
    for (const k of en.ambiguous) add(k, LEX_AMBIG);
    lexiconEn = m;
    return m;
  }
  if (lexicon) return lexicon;
  const d = dictionaries();
  const m = new Map<string, number>();
  const add = (k: string, bit: number): void => { m.set(k, (m.get(k) ?? 0) | bit); };
  for (const k of d.surnames) add(k, LEX_SUR);
  for (const k of d.worldSurnames) add(k, LEX_SUR);
  for (const k of d.firstNames) add(k, LEX_FIRST);
  for (const k of d.worldFirstNames) add(k, LEX_FIRST);
  for (const k of d.ambiguous) add(k, LEX_AMBIG);
  for (const k of d.wordNames) add(k, LEX_WORDNAME);
  for (const k of d.cities) {
    add(k, LEX_CITY);
    const sp = k.indexOf(' ');
    if (sp > 0) add(k.slice(0, sp), LEX_CITY_PREFIX);
    // every name of several words also with hyphens only ("LA-CELLE-SAINT-CLOUD"), and its first
    // word marked: a text may write "Nogent sur Marne" for NOGENT-SUR-MARNE (recognizeNames joins the words)
    const words = k.split(/[ -]/);
    if (words.length > 1) { add(words.join('-'), LEX_CITY); add(words[0]!, LEX_CITY_WORD1); }
  }
  lexicon = m;
  return m;
}

const DATA = new URL('./data/', import.meta.url);
/** A data file's lines as a set (a .gz file decompressed). */
function wordSet(file: string): Set<string> {
  const raw = readFileSync(new URL(file, DATA));
  return new Set((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').split('\n').filter((l) => l.length > 0));
}

export function dictionaries(): Dictionaries {
  cached ??= {
    firstNames: wordSet('prenoms.txt'),
    surnames: wordSet('noms.txt.gz'),
    ambiguous: wordSet('ambiguous.txt'),
    wordNames: wordSet('wordnames.txt'),
    cities: wordSet('villes.txt'),
    // (no word of either language: Yoruba, Zulu, Polish, Finnish… names neither INSEE nor the census lists have)
    worldFirstNames: wordSet('world-prenoms.txt'),
    worldSurnames: wordSet('world-noms.txt'),
  };
  return cached;
}

/** The English names (read once, to build the English lexicon: not kept). */
function englishNames(): EnglishNames {
  return { firstNames: wordSet('en-prenoms.txt'), surnames: wordSet('en-noms.txt.gz'), ambiguous: wordSet('en-ambiguous.txt') };
}

/** Bytes before the bits of words.bloom: log2 of its number of bits and its number of hashes (uint32, little-endian). */
export const BLOOM_HEADER = 8;
/** The k bit positions of a folded word in a Bloom filter of 2^log2 bits (double hashing of two FNV-1a hashes). */
export function bloomPositions(key: string, log2: number, out: Uint32Array, start = 0, end = key.length): void {
  let h1 = 0x811c9dc5 | 0, h2 = 0x9747b28c | 0;
  for (let i = start; i < end; i++) { const c = key.charCodeAt(i); h1 = Math.imul(h1 ^ c, 0x01000193); h2 = Math.imul(h2 ^ c, 0x01000193); }
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x2c1b3c6d) | 1;
  const mask = (2 ** log2 - 1) >>> 0;
  for (let i = 0; i < out.length; i++) out[i] = ((h1 + Math.imul(i, h2)) >>> 0) & mask;
}
let vocabulary: { bits: Uint8Array; log2: number; pos: Uint32Array } | undefined;
/**
 * Whether a folded word (fold(): upper case, no accents) is an ordinary French or English word: the vocabularies'
 * Bloom filter (words.bloom, scripts/derive-text-words.ts), so about 1 word in 900 of neither is said to be one.
 */
export function isVocabularyWord(key: string): boolean {
  return isVocabularyRun(key, 0, key.length);
}
/** isVocabularyWord for text[start, end), already folded (upper-case ASCII letters: "CALLER" in capitals), read in place. */
export function isVocabularyRun(text: string, start: number, end: number): boolean {
  if (!vocabulary) {
    const raw = readFileSync(new URL('words.bloom', DATA));
    const bits = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    const view = new DataView(bits.buffer, bits.byteOffset, BLOOM_HEADER);
    vocabulary = { bits: bits.subarray(BLOOM_HEADER), log2: view.getUint32(0, true), pos: new Uint32Array(view.getUint32(4, true)) };
  }
  const v = vocabulary;
  bloomPositions(text, v.log2, v.pos, start, end);
  for (let i = 0; i < v.pos.length; i++) if ((v.bits[v.pos[i]! >>> 3]! & (1 << (v.pos[i]! & 7))) === 0) return false;
  return true;
}

const ACCENTS: Record<string, string> = {
  À: 'A', Â: 'A', Ä: 'A', Á: 'A', Ã: 'A', Å: 'A', Ç: 'C', È: 'E', É: 'E', Ê: 'E', Ë: 'E', Î: 'I', Ï: 'I', Í: 'I', Ì: 'I',
  Ô: 'O', Ö: 'O', Ó: 'O', Ò: 'O', Õ: 'O', Ù: 'U', Û: 'U', Ü: 'U', Ú: 'U', Ÿ: 'Y', Ý: 'Y', Ñ: 'N', Œ: 'OE', Æ: 'AE',
  '’': "'",
  // (letters that NFD does not split: Polish, Croatian, Nordic, Maltese)
  Ł: 'L', Đ: 'D', Ø: 'O', Ħ: 'H', Ŧ: 'T', Ŀ: 'L',
};

/** Upper case without accents (fast path for ASCII). */
export function fold(s: string): string {
  const u = s.toUpperCase();
  let ascii = true;
  for (let i = 0; i < u.length; i++) if (u.charCodeAt(i) > 127) { ascii = false; break; }
  if (ascii) return u;
  let out = '';
  // (letters beyond Latin-1 lose their marks too: "WIŚNIEWSKI" → "WISNIEWSKI"; "Ł" has none)
  for (const ch of u) out += ACCENTS[ch] ?? (ch.charCodeAt(0) > 255 && ch.charCodeAt(0) < 0x2000 ? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : ch);
  return out;
}
