/**
 * Replacement policies for recognized spans.
 *
 * - mask:      every span becomes "***" (length and format hidden).
 * - tag:       "[NOM]", "[DATE]"… (French or English tag names, types.ts).
 * - surrogate: a realistic fake of the same type, consistent within a scope: the same value gets
 *              the same surrogate everywhere in the document (scope 'document') or for the same
 *              person across documents (scope 'person': needs a key and a personId). Choices are
 *              HMAC-SHA-256 of the value under the key; without a key, a random function drawn
 *              afresh for each replacer (RandomOracle: the ideal keyed function, and no HMAC per
 *              value). Dates are shifted by one offset per scope (intervals between dates are
 *              preserved); numbers keep their layout with keyed digits. No surrogate is a word of the text's
 *              identifiers (Replacer.readText reads them first).
 * - pseudonym: "[NOM v1:…]" with the keyed HMAC token of the normalized value (needs a key); a name's, of its person in
 *              the text (persons).
 */
import { randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AnonymatError } from '../errors.ts';
import type { PseudonymKey } from '../pseudonymize/key.ts';
import { keyedInt, normalizeValue, pseudonym } from '../pseudonymize/tokens.ts';
import type { Mac } from '../pseudonymize/tokens.ts';
import { dictionaries, fold, lexiconMap, LEX_SUR } from './data.ts';
import { NIR_KEY_APART } from './recognizers.ts';
import { TAGS } from './types.ts';
import { isCalendarDay, withoutZone } from '../util/calendar.ts';
import type { Lang, Span, TextLabel } from './types.ts';

/** "[NOM]", "[DATE]"… per language, built once. */
const TAG_TEXT = Object.fromEntries((Object.keys(TAGS) as Lang[]).map((lang) =>
  [lang, Object.fromEntries(Object.entries(TAGS[lang]).map(([label, tag]) => [label, `[${tag}]`]))])) as Record<Lang, Record<TextLabel, string>>;

export type Replacement = 'mask' | 'tag' | 'surrogate' | 'pseudonym';

export interface ReplaceOptions {
  lang: Lang;
  replacement: Replacement;
  key?: PseudonymKey;
  /** Surrogate scope: 'person' (needs key and personId) or 'document' (default). */
  scope?: 'document' | 'person';
  personId?: string;
  /** Maximum date shift in days for surrogates (default 365). */
  maxShiftDays?: number;
  /**
   * A release's domain (pseudonymize.domain): pseudonyms and surrogates differ from one domain to another, so that two
   * releases cannot be linked through their texts. Default '' (the tokens `anonymat redact` gives).
   */
  domain?: string;
  /** The date shift in days (never 0) instead of the replacer's own draw: the person's offset of a shift-dates column. */
  dateShift?: number;
}

interface SurrogateNames { first: string[]; last: string[]; cities: string[] }
const nameArrays: Partial<Record<Lang, SurrogateNames>> = {};
/**
 * The surrogate pools of a language: French text gets INSEE first names and surnames and French
 * cities; English text gets American ones (from the Synthea exports: scripts/derive-en-surrogates.ts),
 * so that a surrogate reads like the names around it and a name the recognizers missed does not
 * stand out among foreign-looking replacements.
 */
function names(lang: Lang): SurrogateNames {
  let a = nameArrays[lang];
  if (!a) {
    if (lang === 'en') {
      a = JSON.parse(readFileSync(new URL('./data/en-surrogates.json', import.meta.url), 'utf8')) as SurrogateNames;
    } else {
      const d = dictionaries();
      a = {
        first: [...d.firstNames].filter((n) => !d.ambiguous.has(n) && /^[A-Z]{3,}$/.test(n)).sort(),
        last: [...d.surnames].filter((n) => !d.ambiguous.has(n) && /^[A-Z]{4,}$/.test(n)).sort(),
        cities: [...d.cities].sort(),
      };
    }
    nameArrays[lang] = a;
  }
  return a;
}

function titleCase(s: string): string { return s.charAt(0) + s.slice(1).toLowerCase(); }
const PARTICLES = new Set(['DE', 'DU', 'DES', 'LA', 'LE', 'LES', 'EN', 'SUR', 'SOUS', 'AUX', 'ET', "D'", "L'"]);
/** `s` in the case of `model`: upper case, else title case (a pool's own mixed case kept: "McKenzie"). */
function styleLike(model: string, s: string): string {
  if (model.length > 1 && model === model.toUpperCase()) return s.toUpperCase();
  if (s !== s.toUpperCase()) return s;
  // (one word without a hyphen, as most surrogates are: its title case, without the split below)
  if (s.indexOf(' ') < 0 && s.indexOf('-') < 0) return titleCase(s);
  // (a city's particles after its first word stay in lower case: "Saint-Jean-de-Luz", "Segre-en-Anjou Bleu")
  return s.split(/([ \-])/).map((p, i) => (/^[ \-]$/.test(p) ? p : i > 0 && PARTICLES.has(p) ? p.toLowerCase() : titleCase(p))).join('');
}

/** A surrogate of several words written in the case of each word of the value it replaces (same number of words), else as it is. */
function restyle(value: string, surrogate: string): string {
  // (one word: in its case, as the split below would give it, unless the surrogate has several or is blank)
  if (!/\s/.test(value) && !/\s/.test(surrogate) && surrogate !== '') return styleLike(value, surrogate);
  const v = value.split(/(\s+)/), r = surrogate.split(/(\s+)/);
  if (v.length !== r.length) return surrogate;
  return r.map((w, i) => (/^\s*$/.test(w) ? w : styleLike(v[i]!, w))).join('');
}

const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_INDEX = new Map<string, number>();
for (const [i, m] of MONTHS_FR.entries()) { MONTH_INDEX.set(fold(m), i); MONTH_INDEX.set(fold(m.slice(0, 3)), i); }
for (const [i, m] of MONTHS_EN.entries()) { MONTH_INDEX.set(fold(m), i); MONTH_INDEX.set(fold(m.slice(0, 3)), i); }
MONTH_INDEX.set('SEPT', 8); MONTH_INDEX.set('JANV', 0); MONTH_INDEX.set('FEVR', 1); MONTH_INDEX.set('JUIL', 6); MONTH_INDEX.set('AOUT', 7);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A month name or abbreviation written like `model` (case, abbreviated or not, the dot kept by the caller). */
function monthLike(model: string, month: number, lang: Lang): string {
  // the model's language: French when only a French month starts so, English when an English one does ("Jan", "MAR")
  const f = fold(model);
  const inFr = MONTHS_FR.some((m) => fold(m).startsWith(f)), inEn = MONTHS_EN.some((m) => fold(m).startsWith(f));
  const fr = inFr && !inEn ? true : inEn ? false : lang === 'fr';
  const isFull = (fr ? MONTHS_FR : MONTHS_EN).some((m) => fold(m) === f);
  const name = isFull ? (fr ? MONTHS_FR : MONTHS_EN)[month]! : (fr ? ABBR_FR : ABBR_EN)[month]!;
  if (model.length > 1 && model === model.toUpperCase()) return name.toUpperCase();
  if (model.charAt(0) === model.charAt(0).toUpperCase()) return name.charAt(0).toUpperCase() + name.slice(1);
  return name;
}
const ABBR_FR = ['janv', 'févr', 'mars', 'avr', 'mai', 'juin', 'juil', 'août', 'sept', 'oct', 'nov', 'déc'];
const ABBR_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** The abbreviation dot of the original, not after a full month name ("janv." → "mars"). */
function dotAfter(name: string, dot: string): string {
  const l = name.toLowerCase();
  return MONTHS_FR.includes(l) || MONTHS_EN.some((x) => x.toLowerCase() === l) ? '' : dot;
}
/** A time and its zone, or a zone alone, ending a date's text (the tails extendDateZones adds to a DATE span). */
const TIME_OR_ZONE_AFTER = /(?:(T|,? | à | at )(?:\d{1,2}[:h]\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp]\.?[Mm]\.?)?|\d{1,2} ?[AaPp]\.?[Mm]\.?)(?:\s?|, | \()(?:[+-]\d{2}(?::?\d{2})?(?:\[[^\]\n]*\])?|\[[^\]\n]*\]|[A-Z]{2,5}(?:\s?[+-]\d{1,2}(?::?\d{2})?)?)\)?| ?\[[A-Za-z_]+\/[^\]\n]*\]| (?:CES?T|EES?T|WES?T|BST|[ECMP][SD]T))$/;
function ordinal(d: number): string { return d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'; }
function validYmd(y: number, m: number, d: number): boolean {
  // (counted for a year of 100 or more, as the Date below would: it reads years 0-99 as 1900-1999)
  if (y >= 100 && Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d)) return isCalendarDay(y, m, d);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
function shifted(y: number, m0: number, d: number, days: number): Date { return new Date(Date.UTC(y, m0, d + days)); }
const year2 = (yy: string): number => (yy.length === 2 ? 1900 + +yy + (+yy < 50 ? 100 : 0) : +yy);

/**
 * What the text around a date says of it (applyReplacements reads it off the text's other dates): the year of a date
 * written without one, and the day a month and year or a year alone stands for — so that each moves as the full dates
 * beside it do ("mars 2020, le 15 mars 2020": the month moves with its 15 March).
 */
export interface DateContext {
  /** The year of a date without one (default 2000: a leap year, in which "29/02" is a day and an interval across February is kept). */
  year?: number;
  /** The day of its month a month and year stands for (default the 15th). */
  day?: number;
  /** The month (0-11) and day a year alone stands for (default 1 July). */
  monthDay?: readonly [number, number];
}
/** The year of a date without one when the text gives none: a leap year. */
const LEAP_YEAR = 2000;
/** How a date's text reads: a full date, a day and month without a year, a month and year, a year alone. */
type DateKind = 'full' | 'day-month' | 'month-year' | 'year';
interface DateRead { kind: DateKind; y: number; m0: number; d: number }

/**
 * Shifts a date by `days`, written back in its own layout: d/m/y (any of / . - | with spaces),
 * y-m-d and y/m/d, YYYYMMDD and DDMMYYYY, "d month y" ("1er mars 2020", "3-Jan-2020", "01/JAN/2020"),
 * "Month d(th), y", "month y", "d month" and d/m without a year, a year alone. Null when the text cannot be read as a
 * date (the caller then tags it). With a `context` (the replacer always gives one), a date without a year is read in the
 * context's year, a month and year moves to the month the shift takes its day to, a year alone to the year the shift
 * takes its day to. Without one (a date read alone), a date without a year is read in 2001 and a month and year or a
 * year alone moves by one month or one year at least, the way the shift goes.
 */
export function shiftDateText(s: string, days: number, lang: Lang, context?: DateContext): string | null {
  return dateText(s, days, lang, context, undefined);
}

/** How a date's text reads (the layouts shiftDateText reads; a date without a year read in 2000), or null. */
function readDate(s: string, lang: Lang): DateRead | null {
  let read: DateRead | null = null;
  dateText(s, 0, lang, {}, (kind, y, m0, d) => { read = { kind, y, m0, d }; });
  return read;
}

/** shiftDateText, telling `seen` what the date reads as before it is shifted. */
function dateText(s: string, days: number, lang: Lang, context: DateContext | undefined, seen: ((kind: DateKind, y: number, m0: number, d: number) => void) | undefined): string | null {
  // (a date in another layout than ISO with its time and zone after it, as extendDateZones takes them: the date shifted, the
  // time kept, the zone left out — "06/18/2020 10:30 EDT", "18/06/2020 à 10h30 +02:00", "June 18, 2020 at 10:30 AM EDT")
  const tail = TIME_OR_ZONE_AFTER.exec(s);
  if (tail !== null && tail.index > 0 && !/^\d{4}-/.test(s)) {
    const date = dateText(s.slice(0, tail.index), days, lang, context, seen);
    return date === null ? null : date + (tail[1] === undefined ? '' : withoutZone(tail[0]));
  }
  // (a date without its year: in the year the text gives it, else a leap year; read alone, in 2001 as it always was)
  const noYear = context === undefined ? 2001 : context.year ?? LEAP_YEAR;
  // (the layouts below start with a digit or with a letter: only those of the text's first character are tried, in the same order)
  const c0 = s.charCodeAt(0), digit = c0 >= 48 && c0 <= 57;
  let m = !digit ? null : /^(\d{4})([-/])(\d{2})\2(\d{2})(.*)$/.exec(s);
  if (m && validYmd(+m[1]!, +m[3]!, +m[4]!)) {
    seen?.('full', +m[1]!, +m[3]! - 1, +m[4]!);
    const d = shifted(+m[1]!, +m[3]! - 1, +m[4]!, days);
    // (a time's zone left out: the true date's summer or winter offset would tell the shift, pseudonymize/dates.ts)
    return `${d.getUTCFullYear()}${m[2]}${pad(d.getUTCMonth() + 1)}${m[2]}${pad(d.getUTCDate())}${withoutZone(m[5]!)}`;
  }
  m = !digit ? null : /^(\d{1,2})( ?[/.\-|] ?)(\d{1,2})( ?[/.\-|] ?)(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const y = year2(m[5]!);
    if (!validYmd(y, +m[3]!, +m[1]!) && !validYmd(y, +m[1]!, +m[3]!)) return null;
    // month first (US) when the day-first reading is impossible
    const dayFirst = validYmd(y, +m[3]!, +m[1]!) && (lang === 'fr' || !validYmd(y, +m[1]!, +m[3]!));
    const [dd, mm] = dayFirst ? [+m[1]!, +m[3]!] : [+m[3]!, +m[1]!];
    seen?.('full', y, mm - 1, dd);
    const d = shifted(y, mm - 1, dd, days);
    const yy = m[5]!.length === 2 ? pad(d.getUTCFullYear() % 100) : String(d.getUTCFullYear());
    const a = dayFirst ? d.getUTCDate() : d.getUTCMonth() + 1, b = dayFirst ? d.getUTCMonth() + 1 : d.getUTCDate();
    return `${pad(a, m[1]!.length)}${m[2]}${pad(b, m[3]!.length)}${m[4]}${yy}`;
  }
  m = !digit ? null : /^(\d{8})$/.exec(s);
  if (m) {
    const v = m[1]!;
    if (/^(?:19|20)/.test(v) && validYmd(+v.slice(0, 4), +v.slice(4, 6), +v.slice(6))) {
      seen?.('full', +v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6));
      const d = shifted(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6), days);
      return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
    }
    if (validYmd(+v.slice(4), +v.slice(2, 4), +v.slice(0, 2))) {
      seen?.('full', +v.slice(4), +v.slice(2, 4) - 1, +v.slice(0, 2));
      const d = shifted(+v.slice(4), +v.slice(2, 4) - 1, +v.slice(0, 2), days);
      return `${pad(d.getUTCDate())}${pad(d.getUTCMonth() + 1)}${d.getUTCFullYear()}`;
    }
    return null;
  }
  // "12 mars 2020", "1er janv. 2020", "3-Jan-2020", "01/JAN/2020", "12 mars" (no year)
  m = !digit ? null : /^(\d{1,2})(er)?( |-|\/)([\p{L}]+)(\.?)(?:(\3| )(\d{4}|\d{2}))?$/u.exec(s);
  if (m && MONTH_INDEX.has(fold(m[4]!))) {
    const y = m[7] !== undefined ? year2(m[7]) : noYear;
    if (!validYmd(y, MONTH_INDEX.get(fold(m[4]!))! + 1, +m[1]!)) return null;
    seen?.(m[7] !== undefined ? 'full' : 'day-month', y, MONTH_INDEX.get(fold(m[4]!))!, +m[1]!);
    const d = shifted(y, MONTH_INDEX.get(fold(m[4]!))!, +m[1]!, days);
    const day = m[2] && d.getUTCDate() === 1 ? '1er' : m[1]!.length === 2 ? pad(d.getUTCDate()) : String(d.getUTCDate());
    const yy = m[7] === undefined ? '' : m[6]! + (m[7].length === 2 ? pad(d.getUTCFullYear() % 100) : String(d.getUTCFullYear()));
    const mn = monthLike(m[4]!, d.getUTCMonth(), lang);
    return `${day}${m[3]}${mn}${dotAfter(mn, m[5]!)}${yy}`;
  }
  // "March 3, 2020", "Jan 5th 1929", "Mar. 3"
  m = digit ? null : /^([\p{L}]+)(\.?) (\d{1,2})(st|nd|rd|th)?(?:(,? ?)(\d{4}))?$/u.exec(s);
  if (m && MONTH_INDEX.has(fold(m[1]!))) {
    const y = m[6] !== undefined ? +m[6] : noYear;
    if (!validYmd(y, MONTH_INDEX.get(fold(m[1]!))! + 1, +m[3]!)) return null;
    seen?.(m[6] !== undefined ? 'full' : 'day-month', y, MONTH_INDEX.get(fold(m[1]!))!, +m[3]!);
    const d = shifted(y, MONTH_INDEX.get(fold(m[1]!))!, +m[3]!, days);
    const mn = monthLike(m[1]!, d.getUTCMonth(), lang);
    return `${mn}${dotAfter(mn, m[2]!)} ${d.getUTCDate()}${m[4] ? ordinal(d.getUTCDate()) : ''}${m[6] !== undefined ? m[5]! + d.getUTCFullYear() : ''}`;
  }
  // "janvier 2020", "Jan. 2021": the month of its day shifted (the 15th, or the day of a full date of the text in that month)
  m = digit ? null : /^([\p{L}]+)(\.?)( ?)(\d{4})$/u.exec(s);
  if (m && MONTH_INDEX.has(fold(m[1]!))) {
    const mi = MONTH_INDEX.get(fold(m[1]!))!;
    seen?.('month-year', +m[4]!, mi, context?.day ?? 15);
    let d = shifted(+m[4]!, mi, context?.day ?? 15, days);
    // (read alone, it moves by one month at least; in a text it moves as the text's full dates do: "en mars 2020, le 15 mars
    // 2020" shifted by a week was "février 2020, le 08 mars 2020")
    if (context === undefined && d.getUTCMonth() === mi && d.getUTCFullYear() === +m[4]!) d = new Date(Date.UTC(+m[4]!, mi + (days < 0 ? -1 : 1), 15));
    const mn = monthLike(m[1]!, d.getUTCMonth(), lang);
    return `${mn}${dotAfter(mn, m[2]!)}${m[3]}${d.getUTCFullYear()}`;
  }
  // "12/03" (no year: day/month in French, month/day in English, as the full dates of each language are read)
  m = !digit ? null : /^(\d{1,2})([/.])(\d{1,2})$/.exec(s);
  const dayFirst = lang !== 'en';
  if (m && validYmd(noYear, +(dayFirst ? m[3]! : m[1]!), +(dayFirst ? m[1]! : m[3]!))) {
    const day = +(dayFirst ? m[1]! : m[3]!), month = +(dayFirst ? m[3]! : m[1]!);
    seen?.('day-month', noYear, month - 1, day);
    const d = shifted(noYear, month - 1, day, days);
    return dayFirst ? `${pad(d.getUTCDate(), m[1]!.length)}${m[2]}${pad(d.getUTCMonth() + 1, m[3]!.length)}`
      : `${pad(d.getUTCMonth() + 1, m[1]!.length)}${m[2]}${pad(d.getUTCDate(), m[3]!.length)}`;
  }
  // a year alone: the year of its day shifted (1 July, or the day of a full date of the text in that year; read alone, it
  // moves by one year at least)
  m = !digit ? null : /^(19\d{2}|20\d{2})$/.exec(s);
  if (m) {
    const y = +m[1]!, [m0, d0] = context?.monthDay ?? [6, 1];
    seen?.('year', y, m0, d0);
    const moved = shifted(y, m0, d0, days).getUTCFullYear();
    return String(moved !== y || context !== undefined ? moved : y + (days < 0 ? -1 : 1));
  }
  return null;
}

/**
 * The context of each date of a text (DateContext), from its full dates: a date without a year takes the year, of the
 * nearest full date's year and the years before and after it, that puts it closest to that date ("du 25/12 au
 * 05/03/2020": 2019); a month and year stands for the day of the nearest full date in it, a year alone for the month and
 * day of the nearest full date in it. Nearest: in the text, before or after; for a date without a year, a birth date only
 * when the text has no other full date (born decades before, it tells nothing of the year of "vu le 25/02"). `dates`: the
 * dates' texts, offsets and whether they are birth dates.
 */
function dateContexts(dates: readonly { value: string; at: number; birth: boolean }[], lang: Lang): (DateContext | undefined)[] {
  // (a date written several times is read once)
  const seen = new Map<string, DateRead | null>();
  const read = dates.map((x) => { let r = seen.get(x.value); if (r === undefined) seen.set(x.value, r = readDate(x.value, lang)); return r; });
  // (the full dates by offset, in the order of the text: for a date without a year, those that are no birth date when there
  // are some; for a month and year or a year alone, those of that month or year — found by halving, not one by one)
  const byKey = new Map<string, { at: number; r: DateRead }[]>();
  const add = (k: string, at: number, r: DateRead): void => { let l = byKey.get(k); if (!l) byKey.set(k, l = []); l.push({ at, r }); };
  let visits = false;
  for (let i = 0; i < dates.length; i++) if (read[i]?.kind === 'full' && !dates[i]!.birth) visits = true;
  for (let i = 0; i < dates.length; i++) {
    const r = read[i];
    if (r?.kind !== 'full') continue;
    if (!visits || !dates[i]!.birth) add('any', dates[i]!.at, r);
    add(`${r.y}-${r.m0}`, dates[i]!.at, r);
    add(`${r.y}`, dates[i]!.at, r);
  }
  if (byKey.size === 0) return read.map((r) => (r === null ? undefined : {}));
  const nearest = (k: string, at: number): DateRead | undefined => {
    const l = byKey.get(k);
    if (!l) return undefined;
    let lo = 0, hi = l.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (l[mid]!.at < at) lo = mid + 1; else hi = mid; }
    const before = l[lo - 1], after = l[lo];
    return after === undefined || (before !== undefined && at - before.at < after.at - at) ? before?.r : after.r;
  };
  return read.map((r, i) => {
    if (r === null) return undefined;
    const at = dates[i]!.at;
    if (r.kind === 'day-month') {
      const f = nearest('any', at)!;
      const t = Date.UTC(f.y, f.m0, f.d);
      let year: number | undefined, gap = Infinity;
      for (const y of [f.y, f.y - 1, f.y + 1]) {
        if (!validYmd(y, r.m0 + 1, r.d)) continue;
        const g = Math.abs(Date.UTC(y, r.m0, r.d) - t);
        if (g < gap) { gap = g; year = y; }
      }
      return year === undefined ? {} : { year };
    }
    if (r.kind === 'month-year') { const f = nearest(`${r.y}-${r.m0}`, at); return f ? { day: f.d } : {}; }
    if (r.kind === 'year') { const f = nearest(`${r.y}`, at); return f ? { monthDay: [f.m0, f.d] } : {}; }
    return {};
  });
}

/**
 * Random bytes from the system CSPRNG, drawn 4 KB at a time into a new buffer each time: the oracle
 * hands out views of it (no copy), which must never change, so a used buffer is never refilled.
 */
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let poolAt = POOL_SIZE;
/**
 * A random function of messages, sampled lazily: a message's first use draws 32 fresh random
 * bytes, later uses return the same. Distributed as HMAC-SHA-256 under a fresh secret key would
 * be (the ideal keyed function), at the cost of a Map look-up; lives as long as its replacer.
 */
class RandomOracle implements Mac {
  private readonly drawn = new Map<string, Uint8Array>();
  hmac(message: string): Uint8Array {
    let v = this.drawn.get(message);
    if (v === undefined) {
      if (poolAt + 32 > POOL_SIZE) { pool = randomFillSync(new Uint8Array(POOL_SIZE)); poolAt = 0; }
      v = pool.subarray(poolAt, poolAt += 32);
      this.drawn.set(message, v);
    }
    return v;
  }
}

/**
 * A NIR surrogate that reads as a real one: sex 1-2, a year, a month 01-12, a mainland
 * département (01-95, not 20), commune and order numbers 001-999, and the right key when the
 * original has one (97 - body mod 97), written in the original's layout (its spaces, dots,
 * hyphens; a Corsican 2A/2B position takes a digit). Nothing of the original's digits is kept.
 */
function nirSurrogate(key: Mac, scope: string, value: string): string {
  // (a key written apart read as its two digits: "1 85 05 78 006 084 (clé 36)" is the surrogate of "185057800608436")
  const mac = key.hmac(`surrogate\0${scope}\0NIR\0${nirWhole(value).replace(/[\s.\-/]/g, '').toUpperCase()}`);
  const u16 = (i: number, n: number): number => ((mac[i]! << 8) | mac[i + 1]!) % n;
  const dept = 1 + u16(5, 94); // 1-94, then 20 (Corsica, written 2A/2B) → 95
  const body = `${1 + (mac[0]! & 1)}${pad(u16(1, 100), 2)}${pad(1 + u16(3, 12), 2)}${pad(dept === 20 ? 95 : dept, 2)}${pad(1 + u16(7, 999), 3)}${pad(1 + u16(9, 999), 3)}`;
  return intoLayout(value, body + pad(97 - (Number(body) % 97), 2), (ch) => (ch >= '0' && ch <= '9') || ch === 'A' || ch === 'B' || ch === 'a' || ch === 'b');
}

/**
 * A NIR with its key written apart ("… 084 (clé 36)", "…084, key: 36") as the number written whole: the key's words and
 * brackets out. Only those: a NIR after "numéro de sécurité sociale" may be any number, letters too ("AZ1234567"), and
 * keeping the digits alone gave "AY1234567" the same token and surrogate.
 */
function nirWhole(value: string): string {
  return value.replace(NIR_KEY_AT_END, '$1');
}
const NIR_KEY_AT_END = new RegExp(`${NIR_KEY_APART}\\)?$`);

/** A US SSN surrogate that is a valid number (area not 000, 666 or 9xx; group and serial not zero), in the original's layout. */
function ssnSurrogate(key: Mac, scope: string, value: string): string {
  const mac = key.hmac(`surrogate\0${scope}\0SSN\0${value.replace(/\D/g, '')}`);
  const u16 = (i: number, n: number): number => ((mac[i]! << 8) | mac[i + 1]!) % n;
  let area = 1 + u16(0, 898); // 1-898 without 666
  if (area >= 666) area++;
  return intoLayout(value, `${pad(area, 3)}${pad(1 + u16(2, 99), 2)}${pad(1 + u16(4, 9999), 4)}`, (ch) => ch >= '0' && ch <= '9');
}

/** `chars` written one by one into the places of `value` that `slot` accepts (the other characters kept). */
function intoLayout(value: string, chars: string, slot: (ch: string) => boolean): string {
  // (by code unit: a slot is an ASCII character, and the halves of a pair are copied as the pair would be)
  let k = 0, out = '';
  for (let i = 0; i < value.length; i++) { const ch = value[i]!; out += k < chars.length && slot(ch) ? chars[k++] : ch; }
  return out;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', LOWER = 'abcdefghijklmnopqrstuvwxyz';
/**
 * Replaces every digit with a keyed digit (layout kept), and with `letters` every ASCII letter with a keyed letter of
 * its case, for alphanumeric ids (a login "jsmith1957", a plate "AB-123-CD", "2003H847569": the letters are of the id).
 */
function keyedDigits(key: Mac, scope: string, label: string, value: string, keepPrefix = 0, letters = false, attempt = 0): string {
  const mac = key.hmac(`surrogate\0${scope}\0${label}\0${value.replace(/[\s.\-/]/g, '')}${attempt ? `\0${attempt}` : ''}`);
  let i = 0, out = '', kept = 0;
  // (by code unit: a digit is one, and the halves of a pair are copied as the pair would be)
  for (let j = 0; j < value.length; j++) {
    const c = value.charCodeAt(j);
    if (c >= 48 && c <= 57) {
      if (kept < keepPrefix) { out += value[j]; kept++; continue; }
      out += DIGITS[mac[i++ % mac.length]! % 10];
    } else if (letters && c >= 65 && c <= 90) out += UPPER[mac[i++ % mac.length]! % 26];
    else if (letters && c >= 97 && c <= 122) out += LOWER[mac[i++ % mac.length]! % 26];
    else out += value[j];
  }
  return out;
}

/** The E.164 country codes of two digits (1 and 7 have one, the others three: the codes are prefix-free). */
const CC2 = new Set(['20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49', '51', '52', '53', '54',
  '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98']);

/**
 * What a phone number's surrogate keeps of it: the digits kept at its start — with an international prefix ("+", "00"),
 * the prefix, the country code, a trunk 0 written after it ("+33 (0)6") and the first digit of the national number (a
 * French mobile's 6 or 7, a region's 1-5: "+33 6" kept only "33" and drew the 6, giving landlines and "+33 0 …"); a
 * national number of 8 digits or more, its first two (the region, a mobile's 06); a shorter one, nothing — and where a
 * North American number's ten digits start (-1: none), whose area code and exchange must read as such.
 */
function phoneShape(value: string): { keep: number; nanp: number } {
  const d = value.replace(/\D/g, ''), v = value.trimStart();
  if (d.length < 8) return { keep: 0, nanp: -1 };
  const at = v.startsWith('+') ? 0 : v.startsWith('00') ? 2 : -1;
  if (at < 0) {
    // ("(617) 555-0142", "617-555-0142", "1-617-555-0142": no national number of ten digits starts with 1 or 0 there)
    if (d.length === 10 && d.charCodeAt(0) >= 50) return { keep: 2, nanp: 0 };
    if (d.length === 11 && d[0] === '1' && d.charCodeAt(1) >= 50) return { keep: 3, nanp: 1 };
    return { keep: 2, nanp: -1 };
  }
  const cc = d[at] === '1' || d[at] === '7' ? 1 : CC2.has(d.slice(at, at + 2)) ? 2 : 3;
  let j = at + cc;
  if (d[at] === '1' && d.length - j === 10) return { keep: j + 2, nanp: j };
  while (d[j] === '0' && j < d.length - 1) j++;
  return { keep: Math.min(j + 1, d.length), nanp: -1 };
}

/**
 * A North American number's digits made valid from `nanp` on: an area code and an exchange of [2-9]XX, not N11 (611, 911;
 * an exchange 0XX or 1XX does not exist). The drawn digits decide the replacements: still keyed, and no digit of the value.
 */
function nanpValid(digits: string, nanp: number): string {
  const a = [...digits];
  const from = (set: string, i: number, j: number): string => set[(10 * +a[i]! + +a[j]!) % set.length]!;
  // (the area code's first two digits are the original's: its third is drawn again only where it would make an N11 code)
  if (a[nanp + 1] === '1' && a[nanp + 2] === '1') a[nanp + 2] = from('023456789', nanp + 2, nanp + 6);
  if (a[nanp + 3] === '0' || a[nanp + 3] === '1') a[nanp + 3] = from('23456789', nanp + 3, nanp + 7);
  if (a[nanp + 4] === '1' && a[nanp + 5] === '1') a[nanp + 5] = from('023456789', nanp + 5, nanp + 8);
  return a.join('');
}

/** What a span's replacement reads of the rest of its text (Replacer.readText). */
export interface SpanContext {
  /** A date's: the year of a date without one, the day a month and year or a year alone stands for. */
  date?: DateContext;
  /** A name's person (pseudonyms): the words of the fullest name of the text it is a part of (personKey). */
  person?: string;
}

const NOT_LETTERS = /[^\p{L}]+/u;

/** A name's words as a pseudonym reads them (normalized as pseudonym() does: no accents, upper case), each once. */
function nameKeyWords(value: string): string[] {
  return [...new Set(value.split(/[\s,;]+/).filter((w) => w !== '').map((w) => normalizeValue(w, 'name')))];
}
/** A person's name words in the order of the alphabet: "Marie DUPONT" and "DUPONT Marie" are one person, "DUPONT MARIE". */
function personKey(words: readonly string[]): string { return [...words].sort().join(' '); }

/**
 * Each name's person in a text (personKey): the name of several words that holds all its words, when exactly one of the
 * fullest names (those no other name's words hold) does — "Dupont" and "Marie" beside "Marie DUPONT" are her — else its
 * own words ("Dupont" beside "Marie DUPONT" and "Jean DUPONT" is neither). A name of the text is not matched with the
 * names of other texts: across texts, the same full name is the same person.
 */
function persons(names: readonly string[][]): string[] {
  const full = new Map<string, Set<string>>();
  for (const w of names) if (w.length >= 2) full.set(personKey(w), new Set(w));
  const fullest: Set<string>[] = [], keys: string[] = [];
  const within = (a: Set<string>, b: Set<string>): boolean => { for (const x of a) if (!b.has(x)) return false; return true; };
  for (const [k, a] of full) {
    let held = false;
    for (const b of full.values()) if (b !== a && b.size > a.size && within(a, b)) { held = true; break; }
    if (!held) { fullest.push(a); keys.push(k); }
  }
  return names.map((w) => {
    let found = -1;
    for (let i = 0; i < fullest.length; i++) {
      if (!w.every((x) => fullest[i]!.has(x))) continue;
      if (found >= 0) return personKey(w);
      found = i;
    }
    return found >= 0 ? keys[found]! : personKey(w);
  });
}

export class Replacer {
  private readonly opts: ReplaceOptions;
  private keyValue: Mac | undefined;
  private readonly scopeId: string;
  /** The surrogate key: the caller's, or a random function created only when a surrogate is needed. */
  private get key(): Mac { return (this.keyValue ??= new RandomOracle()); }
  /** Surrogates by label, then by folded value (a map per label: no key string built per span). */
  private readonly cache = new Map<TextLabel, Map<string, string>>();
  /** A name word's surrogate by its folded form, in the case of its first mention (restyled at the others). */
  private readonly nameWords = new Map<string, string>();
  private shift: number | undefined;
  /** The digit surrogates given, by label: surrogate → the value it stands for (no two values share one). */
  private readonly givenDigits = new Map<TextLabel, Map<string, string>>();

  /**
   * keyedDigits drawn again while the surrogate is the value itself or another value's (a 4-digit pager came back
   * unchanged for 13 persons in 2,000; "bip 4521" and "bip 4537" shared one); a tag after 50 draws. `shape` makes the
   * drawn digits valid for their kind (a North American number's area code and exchange).
   */
  private digits(label: TextLabel, value: string, keepPrefix: number, letters: boolean, shape?: (digits: string) => string): string {
    let given = this.givenDigits.get(label);
    if (!given) { given = new Map(); this.givenDigits.set(label, given); }
    const norm = value.replace(/[\s.\-/]/g, '');
    for (let attempt = 0; attempt < 50; attempt++) {
      let sur = keyedDigits(this.key, this.scopeId, label, value, keepPrefix, letters, attempt);
      if (shape) sur = intoLayout(sur, shape(sur.replace(/\D/g, '')), (ch) => ch >= '0' && ch <= '9');
      const owner = given.get(sur);
      if (sur.replace(/[\s.\-/]/g, '') !== norm && (owner === undefined || owner === norm)) { given.set(sur, norm); return sur; }
    }
    return this.tag(label);
  }

  constructor(opts: ReplaceOptions) {
    this.opts = opts;
    if (opts.replacement === 'pseudonym' && !opts.key) {
      throw new AnonymatError('invalid-key', 'the pseudonym replacement needs a key (--key-file or ANONYMAT_KEY)');
    }
    if (opts.scope === 'person') {
      if (!opts.key || opts.personId === undefined) throw new AnonymatError('invalid-usage', 'surrogates per person need a key and a personId');
      this.keyValue = opts.key;
      this.scopeId = `${opts.domain ? `${opts.domain}\0` : ''}person\0${opts.personId}`;
    } else {
      // per document: the caller's key makes it reproducible; otherwise a fresh random seed
      this.keyValue = opts.key;
      this.scopeId = `${opts.domain ? `${opts.domain}\0` : ''}document\0${opts.personId ?? ''}`;
    }
    if (opts.dateShift !== undefined) this.shift = opts.dateShift;
  }

  tag(label: TextLabel): string { return TAG_TEXT[this.opts.lang][label]; }

  private dateShift(): number {
    if (this.shift === undefined) {
      const max = this.opts.maxShiftDays ?? 365;
      // (whole weeks when the range allows: a weekday written beside a date stays true of it — "lundi 21 février 2019"
      // was a Thursday once shifted, which told the shift modulo 7 — and a shift is never a whole year, which left a
      // date without its year as written)
      const unit = max >= 7 ? 7 : 1, steps = Math.floor(max / unit);
      const r = keyedInt(this.key, `text-date-shift\0${this.scopeId}`, 2 * steps);
      this.shift = unit * (r < steps ? r - steps : r - steps + 1); // never 0
    }
    return this.shift;
  }

  /**
   * A span's replacement. `context`: what the rest of its text says of it (readText; without it, a date is read alone in
   * the text's stead — a date without a year in a leap year — and a name stands for its own person).
   */
  replace(label: TextLabel, value: string, context?: SpanContext): string {
    const o = this.opts;
    if (o.replacement === 'mask') return '***';
    if (o.replacement === 'tag') return this.tag(label);
    if (o.replacement === 'pseudonym') {
      const normalize = label === 'NAME' || label === 'CITY' || label === 'HOSPITAL' ? 'name' : label === 'EMAIL' ? 'email' : label === 'ADDRESS' ? 'name' : 'identifier';
      // (a name: the token of its person, the same however the name is written — "Marie DUPONT", "DUPONT Marie", "Mme Dupont")
      // (a NIR with its key written apart, "… 084 (clé 36)", is the token of the number written whole, "185057800608436")
      const v = label === 'NAME' ? context?.person ?? personKey(nameKeyWords(value)) : label === 'NIR' ? nirWhole(value) : value;
      return `[${TAGS[o.lang][label]} ${pseudonym(o.key!, v, { domain: o.domain ? `${o.domain}/text:${label}` : `text:${label}`, normalize })}]`;
    }
    const date = label === 'DATE' || label === 'BIRTHDATE' ? context?.date ?? {} : undefined;
    // (a date's surrogate depends on its context too: "25/02" before a date of 2020 and before one of 2021 are not one day)
    const fv = date === undefined ? fold(value) : `${fold(value)}\0${date.year ?? ''}\0${date.day ?? ''}\0${date.monthDay?.join('-') ?? ''}`;
    let byValue = this.cache.get(label);
    if (byValue === undefined) this.cache.set(label, byValue = new Map());
    const hit = byValue.get(fv);
    // (the same value written in another case gets its surrogate in that case: "DUPONT" … "Dupont")
    if (hit !== undefined) return label === 'NAME' || label === 'CITY' || label === 'HOSPITAL' ? restyle(value, hit) : hit;
    const r = this.surrogate(label, value, date);
    byValue.set(fv, r);
    return r;
  }

  /**
   * What each span of a text needs to know of the others, read before any is replaced (applyReplacements): for surrogates,
   * the words of every identifier of the text (no surrogate may be one of them: "Boston" became "Cambridge", the text's
   * other city) and each date's context (dateContexts); for pseudonyms, each name's person (persons). Undefined for tags
   * and masks, which need nothing.
   */
  readText(text: string, spans: readonly Span[]): (SpanContext | undefined)[] | undefined {
    const how = this.opts.replacement;
    if (how === 'tag' || how === 'mask') return undefined;
    const out: (SpanContext | undefined)[] = new Array(spans.length);
    if (how === 'pseudonym') {
      const names: number[] = [];
      for (let i = 0; i < spans.length; i++) if (spans[i]!.label === 'NAME') names.push(i);
      const people = persons(names.map((i) => nameKeyWords(text.slice(spans[i]!.start, spans[i]!.end))));
      for (let k = 0; k < names.length; k++) out[names[k]!] = { person: people[k] };
      return out;
    }
    const dates: number[] = [];
    for (let i = 0; i < spans.length; i++) {
      const sp = spans[i]!;
      if (sp.label === 'DATE' || sp.label === 'BIRTHDATE') dates.push(i);
      else this.noteOriginal(sp.label, text.slice(sp.start, sp.end));
    }
    if (dates.length) {
      const contexts = dateContexts(dates.map((i) => ({ value: text.slice(spans[i]!.start, spans[i]!.end), at: spans[i]!.start, birth: spans[i]!.label === 'BIRTHDATE' })), this.opts.lang);
      for (let k = 0; k < dates.length; k++) out[dates[k]!] = { date: contexts[k] };
    }
    return out;
  }

  /**
   * The folded words (two letters or more) of the identifiers of the texts read so far: a surrogate name, city or street is
   * never one of them. A replacer's texts only (one text, a person's texts, a column's): not the words of texts it never saw.
   */
  private readonly originals = new Set<string>();
  private noteOriginal(label: TextLabel, value: string): void {
    // (a date's month names and an age's words name no one)
    if (label === 'DATE' || label === 'BIRTHDATE' || label === 'AGE') return;
    for (const w of fold(value).split(NOT_LETTERS)) if (w.length >= 2) this.originals.add(w);
  }
  /** Whether a surrogate (folded) holds a word of an original identifier (its particles aside: "Le Mans" after "Le Goff"). */
  private isOriginal(taken: string): boolean {
    if (this.originals.size === 0) return false;
    for (const w of taken.split(NOT_LETTERS)) if (w.length >= 2 && !PARTICLES.has(w) && this.originals.has(w)) return true;
    return false;
  }

  /** Per kind, surrogate words given in this scope (folded) → the original they stand for: two originals never share one. */
  private readonly given = new Map<string, Map<string, string>>();
  private pick(list: string[], label: string, value: string): string {
    // (a surrogate already standing for another value is drawn again: "Jones" and "Moore" never both become "Saldaña"; in a
    // document's scope only — across a person's files the draw must not depend on which names came first)
    const v = fold(value);
    let given = this.given.get(label);
    if (given === undefined) this.given.set(label, given = new Map());
    const initial = label === 'initial';
    // (nor is the original itself ever its own surrogate, nor any word of the text's identifiers: "Boston" drawn for Boston,
    // "Jordan" for the Thomas of "Thomas Jordan", "Abbott" for "12 Abbott Street" are drawn again — a function of the value
    // and of the text's identifiers, in every scope)
    const refused = (t: string): boolean => (initial ? t.charAt(0) === v.charAt(0) : t === v || this.isOriginal(t));
    let w = '', taken = '', at = 0, found = false, fallback: string | undefined;
    for (let attempt = 0; attempt < 32 && !found; attempt++) {
      at = this.draw(label, attempt ? `${v}\0${attempt}` : v, list.length);
      w = list[at]!;
      taken = fold(w);
      if (refused(taken)) continue;
      fallback ??= w;
      const owner = this.opts.scope === 'person' ? undefined : given.get(taken);
      found = owner === undefined || owner === v;
    }
    // (32 draws refused: one that stands for another value, else the next of the pool after the last draw that is no original)
    if (!found && fallback !== undefined) { w = fallback; taken = fold(w); }
    for (let i = 1; i < list.length && refused(taken); i++) { w = list[(at + i) % list.length]!; taken = fold(w); }
    given.set(taken, v);
    return w;
  }

  /**
   * One name word's surrogate. In a document, a word that is both a first name and a surname takes its pool from its
   * place (the last of several words, or in capitals: a surname); across a person's documents the pool is the value's
   * alone (a surname pool for any word a surname may be), so that "Martin" is the same in "Dr Jean Martin" and "Dr Martin".
   */
  private nameWord(tok: string, lastOfSeveral: boolean): string {
    const d = dictionaries();
    const f = fold(tok);
    const cached = this.nameWords.get(f);
    if (cached) return styleLike(tok, cached);
    const lang = this.opts.lang;
    const k = fold(tok.replace(/\d+$/, ''));
    const surname = this.opts.scope === 'person'
      ? !d.firstNames.has(k) || ((lexiconMap(lang).get(k) ?? 0) & LEX_SUR) !== 0
      : (tok.length > 1 && tok === tok.toUpperCase()) || lastOfSeveral || !d.firstNames.has(k);
    const s = styleLike(tok, this.pick(surname ? names(lang).last : names(lang).first, 'name', k));
    this.nameWords.set(f, s);
    return s;
  }

  /** A keyed number in [0, n) for a value of a kind, in this scope (the same value, key and scope: the same number). */
  private draw(kind: string, value: string, n: number): number {
    return keyedInt(this.key, `surrogate\0${this.scopeId}\0${kind}\0${value}`, n);
  }

  private surrogate(label: TextLabel, value: string, date?: DateContext): string {
    const lang = this.opts.lang;
    const d = dictionaries();
    // (its own words, when readText has not seen the text: "Thomas" of "Thomas Jordan" never becomes "Jordan")
    this.noteOriginal(label, value);
    switch (label) {
      case 'NAME': {
        // (split on a captured separator: the even parts are words or '', the odd ones runs of spaces)
        const parts = value.split(/(\s+)/);
        // the last of several name words is a surname ("John Smith": not two first names), and so is a word in upper case
        let lastWord = -1, words = 0;
        for (let p = 0; p < parts.length; p += 2) if (/\p{L}{2}/u.test(parts[p]!)) { lastWord = p; words++; }
        let out = '';
        for (let p = 0; p < parts.length; p++) {
          const tok = parts[p]!;
          if (p & 1 || tok === '') { out += tok; continue; }
          // (an initial: one upper-case letter, two code units when beyond the BMP, and a dot)
          if (tok.length <= 3 && tok.charCodeAt(tok.length - 1) === 46 && /^\p{Lu}\.$/u.test(tok)) {
            out += this.pick(names(lang).first, 'initial', tok).charAt(0) + '.';
            continue;
          }
          const f = fold(tok);
          const cached = this.nameWords.get(f);
          if (cached) { out += styleLike(tok, cached); continue; }
          // (a compound, "Lefebvre-Durand", part by part: "Lefebvre" alone then gets the same surrogate as in the compound)
          const s = tok.split(/(-)/).map((w, i) => (i & 1 || w === '' ? w : this.nameWord(w, words > 1 && p === lastWord))).join('');
          this.nameWords.set(f, s);
          out += s;
        }
        return out;
      }
      case 'DATE': case 'BIRTHDATE':
        return shiftDateText(value, this.dateShift(), lang, date ?? {}) ?? this.tag(label);
      case 'CITY': return styleLike(value, this.pick(names(lang).cities, 'city', value));
      case 'HOSPITAL': return styleLike(value, this.pick(names(lang).last, 'hospital', value));
      // (digits drawn from the value: two e-mails or two URLs never share one surrogate)
      case 'EMAIL': return `${fold(this.pick(names(lang).first, 'email', value)).toLowerCase().replace(/[^a-z]/g, '')}.${this.draw('email', value.toLowerCase(), 9000) + 1000}@example.org`;
      case 'URL': return `https://example.org/${this.draw('url', value, 900000) + 100000}`;
      case 'IP': return `192.0.2.${this.draw('ip', value, 254) + 1}`;
      case 'AGE': return lang === 'fr' ? '90 ans ou plus' : '90 or older';
      case 'ADDRESS': {
        // (its number drawn again when it is the original's, and its street's name no word of the text's identifiers, pick:
        // the name was compared with the whole address and never matched — "12 Abbott Street" came back whole, or as "37 Abbott Street")
        const num = /\d+/.exec(value)?.[0], fv = fold(value);
        let n = this.draw('addr', fv, 120) + 1;
        for (let attempt = 1; attempt < 32 && num !== undefined && n === +num; attempt++) n = this.draw('addr', `${fv}\0${attempt}`, 120) + 1;
        if (num !== undefined && n === +num) n = (n % 120) + 1;
        const street = styleLike('Street', this.pick(names(lang).last, 'street', value));
        return lang === 'fr' ? `${n} rue ${street}` : `${n} ${street} Street`;
      }
      case 'NIR': return nirSurrogate(this.key, this.scopeId, value);
      case 'SSN': return ssnSurrogate(this.key, this.scopeId, value);
      // (a full number keeps its country code and kind, phoneShape: an extension or a pager of four digits kept half of itself)
      case 'PHONE': {
        const { keep, nanp } = phoneShape(value);
        return this.digits(label, value, keep, false, nanp < 0 ? undefined : (digits) => nanpValid(digits, nanp));
      }
      case 'ZIP': return this.digits(label, value, 2, false);
      default: return this.digits(label, value, 0, true);
    }
  }
}

/**
 * Applies a replacer to resolved, non-overlapping spans sorted by start, the text read first (Replacer.readText): a
 * surrogate is no word of the text's identifiers, a date moves as the text's full dates do, a name's pseudonym is its person's.
 */
export function applyReplacements(text: string, spans: Span[], replacer: Replacer): string {
  const contexts = replacer.readText(text, spans);
  let out = '';
  let pos = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    out += text.slice(pos, s.start) + replacer.replace(s.label, text.slice(s.start, s.end), contexts?.[i]);
    pos = s.end;
  }
  return out + text.slice(pos);
}
