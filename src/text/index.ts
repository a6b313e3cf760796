/**
 * Clinical free-text de-identification (French and English): recognize → resolve overlaps →
 * replace. Library API; the CLI verb is `anonymat redact`.
 */
import { createHash } from 'node:crypto';
import { markAgesAfterNames, markNirKeys, markBirthDates, markDayLists, markNumberedIds, recognizeHashIds, markPairPhones, markWordDates, labelIdentifiers, recognizeAgeWords, recognizeAccessCodes, recognizeFirmNames, recognizeIntroNames, recognizeStreetsEn, recognizeAddressFields, recognizeEmails, recognizeHl7, recognizeHospitals, recognizePlaces, recognizeLooseZips, recognizeNames, recognizePatterns, recognizeOcrDigits, plainSpaces, TYPO_FOUND, extendArabicSurnames, recognizePipeHeaders } from './recognizers.ts';
import { recognizeDocumentNames } from './document-names.ts';
import { recognizePlacesAfter } from './places-after.ts';
import { resolveOverlaps } from './resolve.ts';
import { fold, isVocabularyWord } from './data.ts';
import { Replacer, applyReplacements, shiftDateText } from './replace.ts';
import type { Replacement, ReplaceOptions } from './replace.ts';
import type { Lang, Span, TextLabel } from './types.ts';
import { TAGS, PRIORITY } from './types.ts';
import type { PseudonymKey } from '../pseudonymize/key.ts';

export interface RedactOptions {
  lang?: Lang | 'auto';
  replacement?: Replacement;
  key?: PseudonymKey;
  /** With a key: surrogates and date shifts consistent for this person across documents. */
  personId?: string;
  /** Labels to leave in place (e.g. ['HOSPITAL', 'CITY']). */
  keep?: TextLabel[];
  /** Drop spans scoring below this (default 0: everything recognized is replaced). */
  minScore?: number;
  maxShiftDays?: number;
  /** A release's domain: pseudonyms and surrogates differ per domain (ReplaceOptions.domain). */
  domain?: string;
  /** The date shift in days for surrogates (ReplaceOptions.dateShift). */
  dateShift?: number;
  /**
   * The person's own names, from their record (given, family and maiden names): each of their words found in the text is
   * a NAME even where the rules see no name ("Maribelle va bien") — see withRecordNames.
   */
  names?: readonly string[];
}

export interface RedactResult {
  text: string;
  /** Spans in the ORIGINAL text (start/end offsets), sorted, non-overlapping. */
  spans: Span[];
  lang: Lang;
}

const FR_WORDS = /\b(?:le|la|les|des|est|et|du|une|avec|pour|dans|sur|pas|au|aux|née?|vu|vue|depuis|sans)\b/gi;
const EN_WORDS = /\b(?:the|and|is|of|with|for|was|were|has|his|her|to|in|no|on|seen|at|by|he|she)\b/gi;

/**
 * French or English from function-word counts over the first 4,000 characters. A tie (a short note: "Pt stable. Next
 * visit 04/13/2023. Call 617-555-0142.") goes by the numbers' layouts — a US phone or a month-first date is English, a
 * French phone or an accented letter French — and else to French.
 */
export function detectLanguage(text: string): Lang {
  const sample = text.slice(0, 4000);
  const fr = sample.match(FR_WORDS)?.length ?? 0;
  const en = sample.match(EN_WORDS)?.length ?? 0;
  if (en !== fr) return en > fr ? 'en' : 'fr';
  if (/[àâçéèêëîïôùûœ]/i.test(sample) || /(?<!\d)0[1-9](?:[ .]\d{2}){4}(?!\d)/.test(sample)) return 'fr';
  return /(?<!\d)(?:\(\d{3}\) ?|\d{3}-)\d{3}-\d{4}(?!\d)/.test(sample) || /(?<!\d)(?:0?[1-9]|1[0-2])\/(?:1[3-9]|2\d|3[01])\/\d{2,4}(?!\d)/.test(sample) ? 'en' : 'fr';
}

/**
 * Recognized, resolved spans (no replacement). The text is read with its typographic spaces and
 * hyphens as plain ones (one code unit for one: the offsets are the original text's).
 */
export function recognize(original: string, options: RecognizeOptions = {}): Span[] {
  // (decomposed accents, as macOS and some exports write them — "He\u0301le\u0300ne": the rules read the composed text, the
  // spans come back in the original's offsets)
  if (COMBINING.test(original)) {
    const { text, toOriginal, endOf } = composed(original);
    // (a span's end is the end of the cluster of its last character: mapped as a start, "Ọ̀" — a letter and a mark with no
    // composed form — lost its mark or the span became empty, and the name stayed in clear)
    return recognizeComposed(text, options).map((sp) => ({ ...sp, start: toOriginal[sp.start]!, end: sp.end > sp.start ? endOf[sp.end - 1]! : toOriginal[sp.end]! }))
      .filter((sp) => sp.end > sp.start);
  }
  return recognizeComposed(original, options);
}
const COMBINING = /[\u0300-\u036f]/;
/**
 * The text in NFC, each base character composed with the combining marks after it — the marks with no composed form
 * ("Ọ̀", "ẹ́" in Yoruba names) left out, so that the rules read the letter — and for every offset of the composed text
 * (its length too) the offset in the original where its character's cluster starts (`toOriginal`) and ends (`endOf`).
 */
function composed(original: string): { text: string; toOriginal: Int32Array; endOf: Int32Array } {
  let text = '';
  const starts: number[] = [], ends: number[] = [];
  for (let i = 0; i < original.length;) {
    let j = i + 1;
    // (a surrogate pair, then its combining marks)
    if (original.charCodeAt(i) >= 0xd800 && original.charCodeAt(i) <= 0xdbff && j < original.length) j++;
    while (j < original.length && COMBINING.test(original[j]!)) j++;
    let cluster = original.slice(i, j).normalize('NFC');
    // (a mark left after composition has no composed form: the letter alone is read; a mark alone keeps itself)
    if (cluster.length > 1 && COMBINING.test(cluster)) { const base = cluster.replace(COMBINING_G, ''); if (base) cluster = base; }
    for (let k = 0; k < cluster.length; k++) { starts.push(i); ends.push(j); }
    text += cluster;
    i = j;
  }
  starts.push(original.length);
  return { text, toOriginal: Int32Array.from(starts), endOf: Int32Array.from(ends) };
}
const COMBINING_G = /[\u0300-\u036f]/g;

/** recognize()'s options: RedactOptions' `lang`, `keep`, `minScore` and `names`. */
export type RecognizeOptions = Pick<RedactOptions, 'lang' | 'keep' | 'minScore' | 'names'>;

function recognizeComposed(original: string, options: RecognizeOptions): Span[] {
  let text = original;
  const lang = !options.lang || options.lang === 'auto' ? detectLanguage(text) : options.lang;
  const spans: Span[] = [];
  // (the character pass notices them: only a text that holds some is copied and passed again)
  if (recognizePatterns(text, spans, lang, true) === TYPO_FOUND) { text = plainSpaces(original); recognizePatterns(text, spans, lang); }
  recognizeOcrDigits(text, spans, lang);
  recognizeEmails(text, spans);
  recognizeHl7(text, spans);
  recognizeHospitals(text, spans);
  recognizePlaces(text, spans);
  recognizeNames(text, spans, lang);
  recognizeLooseZips(text, spans);
  recognizeAgeWords(text, spans);
  recognizeAccessCodes(text, spans);
  recognizeFirmNames(text, spans);
  recognizeIntroNames(text, spans);
  recognizeStreetsEn(text, spans);
  recognizeAddressFields(text, spans);
  recognizeDocumentNames(text, spans);
  extendArabicSurnames(text, spans);
  recognizePipeHeaders(text, spans);
  recognizePlacesAfter(text, spans);
  markDayLists(text, spans);
  markWordDates(text, spans, lang);
  markNumberedIds(text, spans);
  recognizeHashIds(text, spans);
  markPairPhones(text, spans);
  markBirthDates(text, spans);
  markAgesAfterNames(text, spans);
  markNirKeys(text, spans);
  labelIdentifiers(text, spans);
  extendDateZones(text, spans);
  let resolved = resolveOverlaps(spans, text);
  if (options.names?.length) resolved = withRecordNames(text, resolved, options.names);
  const keep = options.keep?.length ? new Set(options.keep) : undefined;
  const min = options.minScore ?? 0;
  if (keep || min > 0) resolved = resolved.filter((s) => !(keep?.has(s.label)) && s.score >= min);
  return resolved;
}

/**
 * A date followed by its time and a time zone takes them into its span ("2020-06-18 10:30 CEST", "18/06/2020 10:30
 * +02:00"): a zone's summer or winter offset beside a shifted date tells the shift, so a surrogate date is written
 * without it (shiftDateText). Spans: not yet resolved; each DATE span is extended in place.
 */
function extendDateZones(text: string, spans: Span[]): void {
  for (const sp of spans) {
    if (sp.label !== 'DATE') continue;
    const c = text.charCodeAt(sp.end);
    if (c !== 32 && c !== 84 && c !== 43 && c !== 45 && c !== 91 && !(c === 44 && text.charCodeAt(sp.end + 1) === 32)) continue;
    // (after a space, a time's digit, a zone's capital or '[', "à" or "at": most dates are followed by a word; after a comma, a
    // time: "June 18, 2020, 10:30 PM PDT")
    if (c === 32) { const d = text.charCodeAt(sp.end + 1); if (!((d >= 48 && d <= 57) || (d >= 65 && d <= 90) || d === 224 || d === 97 || d === 91)) continue; }
    DATE_ZONE_AFTER.lastIndex = sp.end;
    const m = DATE_ZONE_AFTER.exec(text);
    if (m !== null) sp.end += m[0].length;
  }
}
const ZONE_NAME = String.raw`(?:\[[A-Za-z_]+\/[A-Za-z_\/+-]+\]|(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?|CES?T|EES?T|WES?T|BST|[ECMP][SD]T)`;
/**
 * After a date: its time then a zone, or a zone's name alone. A numeric offset only after an ISO time ("T10:30+02:00"), a
 * time with its seconds ("14:03:55-08:00") or a space ("10:30 +02:00"): "09:00-09:18" is a range of times, "10/2019-08/2021"
 * one of months.
 */
const DATE_ZONE_AFTER = new RegExp(String.raw`(?:(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?|(?: | à | at )\d{1,2}[:h]\d{2}:\d{2}(?:\.\d+)?)\s?[+-]\d{2}(?::?\d{2})?(?:\[[^\]\n]*\])?|(?:[T ]|, | à | at )(?:\d{1,2}[:h]\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp]\.?[Mm]\.?)?|\d{1,2} ?[AaPp]\.?[Mm]\.?)(?: [+-]\d{2}(?::?\d{2})?(?:\[[^\]\n]*\])?|(?:\s?|, | \()${ZONE_NAME}\)?)| ${ZONE_NAME}|\[[A-Za-z_]+\/[A-Za-z_\/+-]+\])(?![A-Za-z0-9])`, 'y');

/**
 * The spans with the words of a person's record names added where no span covers them: every word of those names (each
 * part of a compound, Synthea's digits left out, two letters or more) found as a whole word or as a part of a compound
 * in the text ("Oanez-Maëlys"), after an elision ("d'Oanez"), an English possessive's "'s" left outside — in capitals or
 * Title case, or in lower case when it is no word of the vocabularies; a name of three letters or fewer in Title case only
 * ("Ng", not "NG tube"). A name that is also a word ("Rose", "Petit", "Will") counts only in Title case and not at a
 * sentence's start ("Rose va mieux" after a comma or a word; not "Petit à petit"). Spans: resolved (sorted, apart); so is
 * the result.
 */
export function withRecordNames(text: string, spans: Span[], names: readonly string[]): Span[] {
  const words = new Set<string>();
  for (const n of names) {
    for (const w of n.replace(/\d+/g, ' ').split(/[^\p{L}\p{M}'’-]+/u)) {
      const t = w.replace(/^['’-]+|['’-]+$/g, '');
      if (t.length < 2) continue;
      words.add(fold(t));
      if (/[-'’]/.test(t)) for (const p of t.split(/[-'’]/)) if (p.length >= 2) words.add(fold(p));
    }
  }
  if (words.size === 0) return spans;
  const added: Span[] = [];
  let k = 0;
  const consider = (a: number, word: string): void => {
    let w = fold(word);
    if (!words.has(w) && /['’]S$/.test(w)) { word = word.slice(0, -2); w = w.slice(0, -2); }
    if (!words.has(w)) return;
    const b = a + word.length;
    const upper = word === word.toUpperCase() && word !== word.toLowerCase();
    const title = !upper && word[0] === word[0]!.toUpperCase() && word.slice(1) === word.slice(1).toLowerCase();
    // (a short name in Title case, or in capitals unless a clinical abbreviation: "Ng", "VO", not "NG tube", "OR"; never in lower case)
    if (w.length <= 3 && !title && (!upper || SHORT_ABBREVIATIONS.has(w))) return;
    if (isVocabularyWord(w)) {
      if (!title || sentenceStart(text, a)) return;
    }
    while (k < spans.length && spans[k]!.end <= a) k++;
    if (k < spans.length && spans[k]!.start < b) return;
    added.push({ start: a, end: b, label: 'NAME', score: 0.9, rule: 'name-of-record' });
  };
  for (const m of text.matchAll(/(?<![\p{L}\p{N}'’-])\p{L}[\p{L}\p{M}'’-]*(?![\p{L}\p{N}])/gu)) {
    let a = m.index!, word = m[0].replace(/['’-]+$/, '');
    // (after an elision, the name: "la mère d'Oanez", "l'Oanez", "qu'Oanez"; not when the name itself has it: "N'Diaye", "D'Angelo")
    const el = words.has(fold(word)) ? null : /^(?:[dlnjmtsc]|qu|lorsqu|puisqu|jusqu|quoiqu)['’](?=\p{L})/iu.exec(word);
    if (el) { a += el[0].length; word = word.slice(el[0].length); }
    if (words.has(fold(word)) || /['’][sS]$/.test(word) || !word.includes('-')) { consider(a, word); continue; }
    // (each part of a compound the record does not hold whole: "Oanez-Maëlys")
    let at = 0;
    for (const part of word.split('-')) { if (part.length >= 2) consider(a + at, part); at += part.length + 1; }
  }
  return added.length ? [...spans, ...added].sort((x, y) => x.start - y.start) : spans;
}
/** Clinical abbreviations of three letters or fewer written in capitals, no record's short name there ("NG tube", "OR", "IV"). */
const SHORT_ABBREVIATIONS = new Set(['NG', 'OR', 'ED', 'ER', 'IV', 'IM', 'PO', 'PR', 'BP', 'HR', 'RR', 'OD', 'OS', 'OU', 'OG', 'GI', 'GU', 'ENT', 'CT',
  'MRI', 'IRM', 'ECG', 'EKG', 'EEG', 'ICU', 'CCU', 'RN', 'MD', 'DO', 'NP', 'PA', 'PT', 'OT', 'ST', 'SC', 'SQ', 'TA', 'FC', 'FR', 'SAT', 'VS', 'AVC', 'IDM',
  'HTA', 'BPM', 'LE', 'LA', 'DE', 'DU', 'AU', 'EN', 'ET', 'UN', 'NO', 'ON', 'IN', 'AT', 'TO', 'US', 'MR', 'MS', 'DR', 'MME', 'AN', 'AM',
  'PM', 'AS', 'IS', 'IT', 'OF', 'BY', 'RAS', 'SAU', 'CHU', 'CH', 'HOP', 'USA', 'UK', 'VIH', 'HIV', 'HBV', 'HCV', 'TB', 'CMV', 'EBV', 'DVT', 'PE', 'MI']);
/** Whether a word at `a` starts a sentence: the text's or a line's start, or after '.', '!', '?' or ':' (spaces between). */
function sentenceStart(text: string, a: number): boolean {
  let i = a - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 160)) i--;
  return i < 0 || /[\n\r.!?:•*-]/.test(text[i]!);
}

/**
 * Redacts one text. Default replacement: type tags ([NOM], [DATE]…). Same text, options and key
 * → same output (surrogates without a key use a fresh random seed per call).
 */
export function redactText(text: string, options: RedactOptions = {}): RedactResult {
  const lang = !options.lang || options.lang === 'auto' ? detectLanguage(text) : options.lang;
  // (a text of several megabytes is read in parts, as the CLI reads a file: the document-level rules — a name found again,
  // a table's columns — cost in proportion to the text times its names, which one 16 MB text would make quadratic)
  if (text.length > LARGE_TEXT) {
    const r = new TextRedactor({ ...options, lang, keepSpans: true });
    const out = r.push(text) + r.end();
    return { text: out, spans: r.spans, lang };
  }
  const spans = recognize(text, { lang, keep: options.keep, minScore: options.minScore, names: options.names });
  return { text: applyReplacements(text, spans, replacerFor(lang, options, text)), spans, lang };
}

/**
 * The replacer of a text, a column or an input for these options: tags and masks keep no state
 * (one shared replacer per language, no construction per call); surrogates and pseudonyms get a
 * new one (per person with a key and a personId).
 */
function replacerFor(lang: Lang, options: RedactOptions, document?: string): Replacer {
  const replacement = options.replacement ?? 'tag';
  if (replacement === 'tag' || replacement === 'mask') return statelessReplacer(lang, replacement);
  const person = options.personId !== undefined && options.key !== undefined;
  return new Replacer({
    lang, replacement, key: options.key,
    scope: person ? 'person' : 'document',
    // (a document's surrogates with a key are the document's own — drawn from its text: the same text gives the same
    // output, and a true date known in one note does not give away the shift of every other note under the key)
    personId: person ? options.personId : options.key && document !== undefined ? `doc:${createHash('sha256').update(document).digest('hex').slice(0, 32)}` : options.personId,
    maxShiftDays: options.maxShiftDays, domain: options.domain, dateShift: options.dateShift,
  });
}

const STATELESS = new Map<string, Replacer>();
/** The tag or mask replacer of a language (their replace() reads only the language and the policy). */
function statelessReplacer(lang: Lang, replacement: 'tag' | 'mask'): Replacer {
  const k = replacement === 'tag' ? lang : `${lang}\0mask`;
  let r = STATELESS.get(k);
  if (!r) { r = new Replacer({ lang, replacement, scope: 'document' }); STATELESS.set(k, r); }
  return r;
}

/**
 * Redacts many texts (the distinct notes of a column), each as redactText does: surrogates and a date shift of its own
 * (with a key, a function of the key and of the text — one scope for every text made a column's shifts one, so that a true
 * date known in one note gave away every other), pseudonyms of the key alone. With a key and `options.personId`, the texts
 * are that person's: one replacer for all, their surrogates and date shift shared. Surrogates per person of a column of
 * notes beside a person column: pseudonymizeTable's replacers per person.
 */
export function redactTexts(texts: readonly (string | null)[], options: RedactOptions = {}, onEach?: () => void): (string | null)[] {
  const person = options.personId !== undefined && options.key !== undefined;
  const replacers = new Map<string, Replacer>();
  return texts.map((t) => {
    if (t === null) return null;
    onEach?.();
    const lang = !options.lang || options.lang === 'auto' ? detectLanguage(t) : options.lang;
    const spans = recognize(t, { lang, keep: options.keep, minScore: options.minScore, names: options.names });
    let r = person ? replacers.get(lang) : undefined;
    if (!r) { r = replacerFor(lang, options, t); if (person) replacers.set(lang, r); }
    return applyReplacements(t, spans, r);
  });
}

/**
 * Redacts a long text that arrives in pieces (a large file, standard input) in bounded memory: the
 * text is cut at blank lines into parts of about `partSize` characters (default 1 MB), each
 * recognized on its own, with one replacer for the whole text (consistent surrogates) and the
 * language of the first part. A text shorter than `partSize` is one part, redacted exactly as
 * redactText does; a longer one only differs where a span or a cue would straddle a cut: a blank
 * line, else a line break, else (no line break in 8 parts) a space. The parts depend on the text
 * alone, not on how it arrives in pieces.
 */
export class TextRedactor {
  private buf = '';
  private offset = 0;
  private replacer: Replacer | undefined;
  private readonly partSize: number;
  /** The folded words of the names found in the parts emitted so far. */
  private readonly names = new Set<string>();
  lang: Lang | undefined;
  /** Spans with offsets in the whole text (kept only with `keepSpans`: they take memory in proportion to the text). */
  readonly spans: Span[] = [];
  /** Spans replaced, per label. */
  readonly counts: Partial<Record<TextLabel, number>> = {};

  constructor(private readonly options: RedactOptions & { partSize?: number; keepSpans?: boolean } = {}) {
    this.partSize = options.partSize ?? 1 << 20;
  }

  /** Adds a piece of the text; returns the redacted text of the parts it completed. */
  push(piece: string): string {
    this.buf += piece;
    let out = '';
    for (let cut; (cut = partCut(this.buf, this.partSize)) > 0;) {
      // (the part is read with what follows the cut, so that an identifier across it — a phone wrapped over the line break,
      // a NIR across the space — is found whole: the part then ends after it, and the spans after the cut wait for the next part)
      const spans = this.recognizePart(this.buf.slice(0, cut + CUT_MARGIN));
      cut = settledCut(spans, cut);
      out += this.emit(this.buf.slice(0, cut), spans.filter((sp) => sp.end <= cut));
      this.buf = this.buf.slice(cut);
    }
    return out;
  }

  /** The redacted rest of the text. */
  end(): string {
    const out = this.buf ? this.emit(this.buf, this.recognizePart(this.buf)) : '';
    this.buf = '';
    return out;
  }

  private recognizePart(text: string): Span[] {
    const o = this.options;
    this.lang ??= !o.lang || o.lang === 'auto' ? detectLanguage(text) : o.lang;
    const spans = recognize(text, { lang: this.lang, keep: o.keep, minScore: o.minScore, names: o.names });
    return this.names.size && !o.keep?.includes('NAME') ? this.withEarlierNames(text, spans) : spans;
  }

  /**
   * The names of earlier parts, found again in this one (a part is recognized alone; its name pass finds again only the
   * names of its own text): each capitalized word that is a word of an earlier part's names, in capitals, or in Title case
   * and no word of the vocabularies ("Kerboul a appelé" after "Mme Zulmira KERBOUL" a megabyte before; not "Petit à petit").
   */
  private withEarlierNames(text: string, spans: Span[]): Span[] {
    const added: Span[] = [];
    let k = 0;
    for (const m of text.matchAll(/(?<![\p{L}\p{N}'’-])\p{Lu}[\p{L}'’-]{2,}(?![\p{L}\p{N}])/gu)) {
      const a = m.index!, b = a + m[0].length, w = fold(m[0]);
      if (!this.names.has(w)) continue;
      if (m[0] !== m[0].toUpperCase() && isVocabularyWord(w)) continue;
      while (k < spans.length && spans[k]!.end <= a) k++;
      if (k < spans.length && spans[k]!.start < b) continue;
      added.push({ start: a, end: b, label: 'NAME', score: 0.6, rule: 'name-earlier-part' });
    }
    return added.length ? [...spans, ...added].sort((x, y) => x.start - y.start) : spans;
  }

  private emit(text: string, spans: Span[]): string {
    const o = this.options;
    const lang = this.lang!;
    this.replacer ??= replacerFor(lang, o, text);
    for (const s of spans) this.counts[s.label] = (this.counts[s.label] ?? 0) + 1;
    // (the words of this part's names, three letters or more, looked for in the parts that follow)
    for (const s of spans) if (s.label === 'NAME') for (const w of text.slice(s.start, s.end).match(/\p{L}[\p{L}'’]{2,}/gu) ?? []) this.names.add(fold(w));
    if (o.keepSpans) for (const s of spans) this.spans.push({ ...s, start: s.start + this.offset, end: s.end + this.offset });
    this.offset += text.length;
    return applyReplacements(text, spans, this.replacer);
  }
}

/**
 * Where the part at the start of `rest` ends (0: the rest is not yet a whole part): at its cut
 * point once `rest` holds the cut and the margin read past it. The rule only grows truer as text is
 * added, so the parts are the text's own, however it arrives.
 */
function partCut(rest: string, size: number): number {
  if (rest.length < size) return 0;
  const cut = cutPoint(rest, size);
  return cut > 0 && rest.length >= cut + CUT_MARGIN ? cut : 0;
}

/** A part's cut moved to the end of the spans that straddle it. */
function settledCut(spans: readonly Span[], cut: number): number {
  for (let moved = true; moved;) {
    moved = false;
    for (const sp of spans) if (sp.start < cut && sp.end > cut) { cut = sp.end; moved = true; }
  }
  return cut;
}

/** Above this length (characters), redactText reads its text in TextRedactor's parts. */
const LARGE_TEXT = 2 << 20;
/** Characters read past a part's cut, for the identifiers that straddle it. */
const CUT_MARGIN = 512;
/**
 * Where to end a part of `buf` (0: wait for more text): after the last blank line within the first
 * `size` characters, else after the last line break there; with no line break, once 8 parts are
 * buffered, after the last space (else at 8 parts). Reads at most the first 8 parts: linear overall.
 */
function cutPoint(buf: string, size: number): number {
  let lastBreak = -1;
  for (let nl = buf.lastIndexOf('\n', size - 1); nl > 0;) {
    if (lastBreak < 0) lastBreak = nl + 1;
    let k = nl - 1;
    while (k >= 0 && (buf.charCodeAt(k) === 32 || buf.charCodeAt(k) === 9 || buf.charCodeAt(k) === 13)) k--;
    if (k >= 0 && buf.charCodeAt(k) === 10) return nl + 1;
    nl = k >= 0 ? buf.lastIndexOf('\n', k) : -1;
  }
  if (lastBreak > 0) return lastBreak;
  if (buf.length < 8 * size) return 0;
  const sp = buf.lastIndexOf(' ', 8 * size - 1);
  if (sp > 0) return sp + 1;
  // (never between the two halves of a character beyond the BMP: an emoji cut in two would be two U+FFFD in the output)
  const c = buf.charCodeAt(8 * size - 1);
  return c >= 0xd800 && c <= 0xdbff ? 8 * size - 1 : 8 * size;
}

export { resolveOverlaps, shiftDateText, Replacer, applyReplacements, TAGS, PRIORITY };
export type { Span, TextLabel, Lang, Replacement, ReplaceOptions };
