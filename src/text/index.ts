/**
 * Clinical free-text de-identification (French and English): recognize → resolve overlaps →
 * replace. Library API; the CLI verb is `anonymat redact`.
 */
import { markBirthDates, markDayLists, labelIdentifiers, recognizeEmails, recognizeHospitals, recognizePlaces, recognizeLooseZips, recognizeNames, recognizePatterns } from './recognizers.ts';
import { resolveOverlaps } from './resolve.ts';
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
}

export interface RedactResult {
  text: string;
  /** Spans in the ORIGINAL text (start/end offsets), sorted, non-overlapping. */
  spans: Span[];
  lang: Lang;
}

const FR_WORDS = /\b(?:le|la|les|des|est|et|du|une|avec|pour|dans|sur|pas|au|aux|née?|vu|vue|depuis|sans)\b/gi;
const EN_WORDS = /\b(?:the|and|is|of|with|for|was|were|has|his|her|to|in|no|on|seen|at|by|he|she)\b/gi;

/** French or English from function-word counts over the first 4,000 characters (ties → French). */
export function detectLanguage(text: string): Lang {
  const sample = text.slice(0, 4000);
  const fr = sample.match(FR_WORDS)?.length ?? 0;
  const en = sample.match(EN_WORDS)?.length ?? 0;
  return en > fr ? 'en' : 'fr';
}

/** Recognized, resolved spans (no replacement). */
export function recognize(text: string, options: { lang?: Lang | 'auto'; keep?: TextLabel[]; minScore?: number } = {}): Span[] {
  const lang = !options.lang || options.lang === 'auto' ? detectLanguage(text) : options.lang;
  const spans: Span[] = [];
  recognizePatterns(text, spans, lang);
  recognizeEmails(text, spans);
  recognizeHospitals(text, spans);
  recognizePlaces(text, spans);
  recognizeNames(text, spans, lang);
  recognizeLooseZips(text, spans);
  markDayLists(text, spans);
  markBirthDates(text, spans);
  labelIdentifiers(text, spans);
  let resolved = resolveOverlaps(spans, text);
  const keep = options.keep?.length ? new Set(options.keep) : undefined;
  const min = options.minScore ?? 0;
  if (keep || min > 0) resolved = resolved.filter((s) => !(keep?.has(s.label)) && s.score >= min);
  return resolved;
}

/**
 * Redacts one text. Default replacement: type tags ([NOM], [DATE]…). Same text, options and key
 * → same output (surrogates without a key use a fresh random seed per call).
 */
export function redactText(text: string, options: RedactOptions = {}): RedactResult {
  const lang = !options.lang || options.lang === 'auto' ? detectLanguage(text) : options.lang;
  const spans = recognize(text, { lang, keep: options.keep, minScore: options.minScore });
  const replacement = options.replacement ?? 'tag';
  // tags and masks keep no state: one shared replacer per language (no construction per call)
  const replacer = replacement === 'tag' || replacement === 'mask' ? statelessReplacer(lang, replacement) : new Replacer({
    lang, replacement, key: options.key,
    scope: options.personId !== undefined && options.key ? 'person' : 'document',
    personId: options.personId, maxShiftDays: options.maxShiftDays,
  });
  return { text: applyReplacements(text, spans, replacer), spans, lang };
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
 * Redacts many texts with ONE replacer (consistent surrogates across them, e.g. all notes of a
 * column or of one person). `personIds[i]` (optional) selects per-person surrogates with a key.
 */
export function redactTexts(texts: readonly (string | null)[], options: RedactOptions = {}): (string | null)[] {
  const replacers = new Map<string, Replacer>();
  return texts.map((t) => {
    if (t === null) return null;
    const lang = !options.lang || options.lang === 'auto' ? detectLanguage(t) : options.lang;
    const spans = recognize(t, { lang, keep: options.keep, minScore: options.minScore });
    const rk = `${lang}\0${options.personId ?? ''}`;
    let r = replacers.get(rk);
    if (!r) {
      r = new Replacer({ lang, replacement: options.replacement ?? 'tag', key: options.key, scope: options.personId !== undefined && options.key ? 'person' : 'document', personId: options.personId, maxShiftDays: options.maxShiftDays });
      replacers.set(rk, r);
    }
    return applyReplacements(t, spans, r);
  });
}

export { resolveOverlaps, shiftDateText, Replacer, applyReplacements, TAGS, PRIORITY };
export type { Span, TextLabel, Lang, Replacement, ReplaceOptions };
