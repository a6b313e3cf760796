/**
 * Compact dictionaries for the recognizers, derived by scripts/derive-text-names.ts (sources and
 * licences listed there and in docs/text.md), in upper case without accents. Read once, lazily: the recognizers'
 * lexicon (a table over the files' bytes, key → LEX_* bits) and, for the surrogates and the column detector, Sets.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isAscii } from 'node:buffer';

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

/** Lexicon bits (one look-up per token instead of one Set per dictionary). */
export const LEX_FIRST = 1, LEX_SUR = 2, LEX_AMBIG = 4, LEX_CITY = 8, LEX_CITY_PREFIX = 16, LEX_WORDNAME = 32, LEX_CITY_WORD1 = 64;
/** A town of communes.txt.gz (a small French commune, a merged one, a city without its article) or world-villes.txt.gz: a CITY after a strong cue only. */
export const LEX_TOWN = 128;

/**
 * key (upper case, no accents) → LEX_* bits, read straight from the data files' bytes: an open-addressing table of
 * their ASCII lines (FNV-1a hashes, linear probing), with no string made per word — a Map of the same 245,000 keys
 * took ~0.4 s to build, and most of a short `anonymat redact`'s time. Keys with a code above 127 (a few cities,
 * "HŒNHEIM", added from villes.txt's strings) and keys added that the files lack go to a Map beside it. get, has and
 * add answer as a Map<string, number> whose add ORs bits would.
 */
export class Lexicon {
  private readonly bytes: Buffer;
  /** Four numbers per slot, side by side (one cache line per probe): a key's offset in `bytes` + 1 (0: empty), length, hash, bits. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /**
   * One bit per hash of the table's keys (2^21 bits, 256 KB: it stays in a core's cache, where the table's 8-16 MB do not):
   * most words the table lacks are answered without a probe.
   */
  private readonly seen = new Int32Array(1 << 16);
  private readonly extra = new Map<string, number>();
  /** `sources`: the data files' bytes, ASCII, and the bits each line of one gets. */
  constructor(sources: readonly (readonly [Buffer, number])[]) {
    const all = Buffer.concat(sources.map(([b]) => b));
    if (!isAscii(all)) throw new Error('Lexicon: a data file has a code above 127 (add its keys with add)');
    // (the loops over the bytes run once, at start-up: the line breaks counted by indexOf, no loop to empty the slots, and
    // the hashing loop a method of its own — as loops of the constructor, each was compiled on its own and sent the
    // constructor's compiled code back to the interpreter at the next loop, a recompilation each time)
    let lines = sources.length;
    for (let i = all.indexOf(10); i >= 0; i = all.indexOf(10, i + 1)) lines++;
    let size = 1024;
    while (size < 1.5 * lines) size *= 2;
    this.slots = new Int32Array(4 * size);
    this.mask = size - 1;
    this.bytes = all;
    let at = 0;
    for (const [b, bit] of sources) {
      this.addLines(at, at + b.length, bit);
      at += b.length;
    }
  }
  /** Adds the lines of bytes[at, end) (one pass: each line hashed as it is read, then added). */
  private addLines(at: number, end: number, bit: number): void {
    const all = this.bytes;
    let s = at, h = 0x811c9dc5 | 0;
    for (let i = at; i <= end; i++) {
      const c = i < end ? all[i]! : 10;
      if (c !== 10) { h = Math.imul(h ^ c, 0x01000193); continue; }
      if (i > s) this.addHashed(s, i, h, bit);
      s = i + 1; h = 0x811c9dc5 | 0;
    }
  }
  /** Adds the key bytes[s, e) of FNV-1a hash h. */
  private addHashed(s: number, e: number, h: number, bit: number): void {
    const b = this.bytes, t = this.slots;
    const n = e - s;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const q = 4 * slot, a = t[q]! - 1;
      if (a < 0) { t[q] = s + 1; t[q + 1] = n; t[q + 2] = h; t[q + 3] = bit; this.seen[(h >>> 5) & 0xffff]! |= 1 << (h & 31); return; }
      if (t[q + 2] === h && t[q + 1] === n) {
        let k = 0;
        while (k < n && b[a + k] === b[s + k]) k++;
        if (k === n) { t[q + 3]! |= bit; return; }
      }
    }
  }
  private addExtra(key: string, bit: number): void { this.extra.set(key, (this.extra.get(key) ?? 0) | bit); }
  /** The index of an ASCII key's bits in `slots`, -1 when absent, -2 when the key has a code above 127 (the Map's). */
  private slotOf(key: string): number {
    const n = key.length;
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < n; i++) { const c = key.charCodeAt(i); if (c > 127) return -2; h = Math.imul(h ^ c, 0x01000193); }
    return this.probe(h, key, 0, n, 0);
  }
  /**
   * The index of the bits of the key of hash h whose codes are those of text[s, s + n) less `shift` (32: a lower-case run
   * read as its upper case), -1 when the table lacks it.
   */
  private probe(h: number, text: string, s: number, n: number, shift: number): number {
    if ((this.seen[(h >>> 5) & 0xffff]! & (1 << (h & 31))) === 0) return -1;
    const b = this.bytes, t = this.slots;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const q = 4 * slot, a = t[q]! - 1;
      if (a < 0) return -1;
      if (t[q + 2] === h && t[q + 1] === n) {
        let k = 0;
        while (k < n && b[a + k] === text.charCodeAt(s + k) - shift) k++;
        if (k === n) return q + 3;
      }
    }
  }
  get(key: string): number | undefined {
    const at = this.slotOf(key);
    return at >= 0 ? this.slots[at] : this.extra.get(key);
  }
  /**
   * The table's bits of text[s, e) in upper case, for a run of ASCII lower-case letters (no string made), or 0: the bits of
   * the keys the data files hold (with those added to them later), not of keys only added (the Map's: no surname among them).
   */
  lowerRunBits(text: string, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ (text.charCodeAt(i) - 32), 0x01000193);
    const at = this.probe(h, text, s, e - s, 32);
    return at >= 0 ? this.slots[at]! : 0;
  }
  has(key: string): boolean { return this.get(key) !== undefined; }
  /** ORs `bit` into the key's bits (the key added when absent). */
  add(key: string, bit: number): void {
    const at = this.slotOf(key);
    if (at >= 0) this.slots[at]! |= bit; else this.addExtra(key, bit);
  }
}

let lexicon: Lexicon | undefined;
let lexiconEn: Lexicon | undefined;
/** Set by withoutSurnames (an evaluation's option): the French lexicon is built without the surname lists. */
let noSurnames = false;

/** The bytes of a data file (a .gz file decompressed). */
function fileBytes(file: string): Buffer {
  const raw = readFileSync(new URL(file, DATA));
  return file.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/**
 * key (upper case, no accents) → LEX_* bits. English text also reads the English names (a lexicon of the French
 * lists and the English ones, built on first use).
 */
export function lexiconMap(lang: 'fr' | 'en' = 'fr'): Lexicon {
  if (lang === 'en') return lexiconEn ??= buildLexicon(true);
  return lexicon ??= buildLexicon(false);
}
function buildLexicon(en: boolean): Lexicon {
  const sources: [Buffer, number][] = [];
  if (!noSurnames) sources.push([fileBytes('noms.txt.gz'), LEX_SUR], [fileBytes('world-noms.txt'), LEX_SUR]);
  sources.push([fileBytes('prenoms.txt'), LEX_FIRST], [fileBytes('world-prenoms.txt'), LEX_FIRST],
    [fileBytes('ambiguous.txt'), LEX_AMBIG], [fileBytes('wordnames.txt'), LEX_WORDNAME],
    [fileBytes('communes.txt.gz'), LEX_TOWN], [fileBytes('world-villes.txt.gz'), LEX_TOWN]);
  if (en) sources.push([fileBytes('en-noms.txt.gz'), LEX_SUR], [fileBytes('en-prenoms.txt'), LEX_FIRST], [fileBytes('en-ambiguous.txt'), LEX_AMBIG]);
  const m = new Lexicon(sources);
  for (const k of wordSet('villes.txt')) {
    m.add(k, LEX_CITY);
    const sp = k.indexOf(' ');
    if (sp > 0) m.add(k.slice(0, sp), LEX_CITY_PREFIX);
    // every name of several words also with hyphens only ("LA-CELLE-SAINT-CLOUD"), and its first
    // word marked: a text may write "Nogent sur Marne" for NOGENT-SUR-MARNE (recognizeNames joins the words)
    const words = k.split(/[ -]/);
    if (words.length > 1) { m.add(words.join('-'), LEX_CITY); m.add(words[0]!, LEX_CITY_WORD1); }
  }
  return m;
}
/** Leaves the French surname lists out of the dictionaries and of the lexicon (eval:text's --without-surnames); call before either is read. */
export function withoutSurnames(): void {
  if (lexicon !== undefined || lexiconEn !== undefined) throw new Error('withoutSurnames: the lexicon is already built');
  noSurnames = true;
  dictionaries().surnames.clear(); dictionaries().worldSurnames.clear();
}

const DATA = new URL('./data/', import.meta.url);
/** A data file's lines as a set (a .gz file decompressed). */
function wordSet(file: string): Set<string> {
  return new Set(fileBytes(file).toString('utf8').split('\n').filter((l) => l.length > 0));
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
