/**
 * HIPAA Safe Harbor, 45 CFR §164.514(b)(2): the 18 identifiers and the rules for ZIP codes, dates
 * and ages (../shared/reference/identifiers.md §3).
 *
 * ZIP codes: the initial 3 digits may be kept only if the geographic unit formed by all ZIP codes
 * with those 3 digits has more than 20,000 people (current Census data); otherwise they become 000.
 * POPULATION TABLE: no US ZIP3 population table is available offline here. We use the list of 17
 * restricted prefixes published by HHS for the 2000 Census (67 FR 53182): 036, 059, 063, 102, 203,
 * 556, 692, 790, 821, 823, 830, 831, 878, 879, 884, 890, 893 — recorded from secondary sources and
 * not re-verified against the Federal Register text, and based on 2000 populations. Users with the
 * current Census ZCTA populations should pass their own list (`restrictedZip3`).
 */
import { isCalendarDay } from '../../util/calendar.ts';

export interface SafeHarborIdentifier { letter: string; name: string; kinds: string[] }

/** The 18 identifiers (A–R) and the detector kinds (src/health/identifiers) that cover them. */
export const SAFE_HARBOR_IDENTIFIERS: readonly SafeHarborIdentifier[] = [
  { letter: 'A', name: 'names', kinds: ['name', 'first-name', 'last-name'] },
  { letter: 'B', name: 'geographic subdivisions smaller than a state (street, city, county, ZIP except 3 digits, geocodes)', kinds: ['address', 'city', 'postal-code', 'geocode'] },
  { letter: 'C', name: 'all elements of dates (except year) related to the individual; ages over 89', kinds: ['birth-date'] },
  { letter: 'D', name: 'telephone numbers', kinds: ['phone'] },
  { letter: 'E', name: 'fax numbers', kinds: ['phone'] },
  { letter: 'F', name: 'e-mail addresses', kinds: ['email'] },
  { letter: 'G', name: 'social security numbers', kinds: ['ssn', 'nir', 'nia', 'ins'] },
  { letter: 'H', name: 'medical record numbers', kinds: ['mrn'] },
  { letter: 'I', name: 'health plan beneficiary numbers', kinds: ['nir', 'mrn'] },
  { letter: 'J', name: 'account numbers', kinds: ['iban'] },
  { letter: 'K', name: 'certificate/license numbers', kinds: ['rpps', 'adeli', 'license'] },
  { letter: 'L', name: 'vehicle identifiers and serial numbers, including license plates', kinds: ['license'] },
  { letter: 'M', name: 'device identifiers and serial numbers', kinds: ['license'] },
  { letter: 'N', name: 'web URLs', kinds: ['url'] },
  { letter: 'O', name: 'IP addresses', kinds: ['ip'] },
  { letter: 'P', name: 'biometric identifiers, including finger and voice prints', kinds: [] },
  { letter: 'Q', name: 'full-face photographs and comparable images', kinds: [] },
  { letter: 'R', name: 'any other unique identifying number, characteristic or code', kinds: ['uuid', 'finess'] },
];

/** 3-digit ZIPs of 20,000 people or fewer (2000 Census, HHS list; see the module comment). */
export const RESTRICTED_ZIP3: ReadonlySet<string> = new Set([
  '036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893',
]);

/** ZIP → its first 3 digits, or '000' when that prefix covers 20,000 people or fewer; null if not a ZIP. */
export function safeHarborZip(zip: string, restricted: ReadonlySet<string> = RESTRICTED_ZIP3): string | null {
  // (ZIP+4 with or without its dash, "036011234"; a ZIP read as a number that lost its leading zeros, "3601" → 03601)
  const t = zip.trim();
  const m = /^(\d{3,5})(?:-?(\d{4}))?$/.exec(t);
  if (!m || (m[2] === undefined && t.length > 5)) return null;
  const five = m[1]!.padStart(5, '0');
  const zip3 = five.slice(0, 3);
  return restricted.has(zip3) ? '000' : zip3;
}

/** Ages over 89 → "90+" (one category); other ages unchanged. */
export function topCodeAge(age: number): string {
  return age > 89 ? '90+' : String(age);
}

/**
 * An age written with its unit, English or French: years ("92 years", "95y", "95 yo", "95 y/o", "93 years old", "92 ans",
 * "1 an"), or an infant's months, weeks or days ("6 months", "3 mois", "2 weeks", "10 jours"). A decimal comma or point.
 */
const AGE_TEXT = /^(\d{1,5}(?:[.,]\d+)?)\s*(years?(?:[\s-]+old)?|yrs?|y|yo|y\/o|y\.o|ans?|months?|mos?|mois|m|weeks?|wks?|w|semaines?|sem|days?|d|jours?|j)\.?$/i;
/** Days in a unit (of AGE_TEXT), by the unit's first letters. */
function unitDays(unit: string): number {
  const u = unit.toLowerCase();
  return /^(y|an)/.test(u) ? 365.2425 : /^(mo|m$)/.test(u) ? 365.2425 / 12 : /^(w|se)/.test(u) ? 7 : 1;
}
/** An age as written → its whole years (the unit's, a number's); null when it is no age. */
export function ageInYears(label: string): number | null {
  const t = label.trim();
  if (t !== '' && /^-?\d+(?:\.\d+)?$/.test(t)) return Math.floor(Number(t));
  const m = AGE_TEXT.exec(t);
  if (!m) return null;
  const n = Number(m[1]!.replace(',', '.'));
  // (years as written: 92 × 365.2425 / 365.2425 is 91.99… in floating point)
  const days = unitDays(m[2]!);
  return Math.floor(days >= 365 ? n : (n * days) / 365.2425);
}
/**
 * An age as written, a number or a number and its unit ("92 years", "95y", "92 ans"), top-coded as topCodeAge does: over 89
 * → "90+", an age in years → its whole years ("45 years" → "45", as "45.5" → "45": one column of numbers and "90+", the
 * unit said by the header); an infant's months, weeks or days stay as written (converted to "0", a study of infants would
 * lose them). Null when it is no age ("92 kg", "adult", "92 years 3 months").
 */
export function topCodeAgeText(label: string): string | null {
  const t = label.trim();
  const years = ageInYears(t);
  if (years === null) return null;
  if (years > 89) return '90+';
  const m = AGE_TEXT.exec(t);
  return m && unitDays(m[2]!) < 365 ? t : String(years);
}

/**
 * An age band as written, its lower and upper ends in whole years (upper inclusive; Infinity when open): "95-99", "90 - 94",
 * "90 to 94", "100+", "≥ 90", "[90-100)" (upper end excluded: 99), "[85, 95]". Null when it is no band.
 */
export function ageBand(label: string): { lo: number; hi: number } | null {
  const t = label.trim();
  let m = /^(?:>=|≥)\s*(\d{1,3})$|^(\d{1,3})\s*(?:\+|and (?:over|older)|ou plus|et plus)$/i.exec(t);
  if (m) return { lo: Number(m[1] ?? m[2]), hi: Infinity };
  m = /^([[(]?)\s*(\d{1,3})\s*(?:-|–|,|to|à|a)\s*(\d{1,3})\s*([\])]?)$/i.exec(t);
  if (!m) return null;
  const lo = Number(m[2]), hi = Number(m[3]) - (m[4] === ')' ? 1 : 0);
  return lo <= hi ? { lo, hi } : null;
}

/**
 * Unix times: the unit every value of a column is in — seconds or milliseconds since 1970-01-01 — or null. Values from
 * 1900 to 2100 (a birth before 1970 is negative), the largest at least 1e8 seconds (March 1973) or 1e11 milliseconds: a
 * duration in seconds ("wait_time", 3600) is none. Milliseconds are all beyond the seconds' range: a column that mixes
 * both is neither (read as one, the other's years would be false).
 */
export function epochUnit(values: Iterable<number>): 's' | 'ms' | null {
  let s = true, ms = true, max = 0, n = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) return null;
    // (an HL7 date-time, 202408280615 — YYYYMMDDHHMM, a day of the calendar and a time —, is no count of milliseconds:
    // read so, it was a day of 1976; a column holding one is no column of Unix times)
    if (compactDateTimeYear(String(v)) !== null) return null;
    n++;
    max = Math.max(max, Math.abs(v));
    if (v < EPOCH_MIN_S || v > EPOCH_MAX_S) s = false;
    if (v < EPOCH_MIN_S * 1000 || v > EPOCH_MAX_S * 1000 || (v >= EPOCH_MIN_S && v <= EPOCH_MAX_S)) ms = false;
  }
  if (n === 0) return null;
  return s && max >= 1e8 ? 's' : ms && max >= 1e11 ? 'ms' : null;
}
/** 1900-01-01 and 2100-01-01 in seconds since 1970. */
const EPOCH_MIN_S = -2208988800, EPOCH_MAX_S = 4102444800;
/**
 * A compact date-time as HL7 v2 and many exports write it, YYYYMMDDHHMM or YYYYMMDDHHMMSS, with HL7's fraction of a second
 * and zone ("20240901120000.1234", "20240828061500-0500"; a day of the calendar from 1900 to 2099, hours 00-23, minutes and
 * seconds 00-59): its year; null otherwise.
 */
export function compactDateTimeYear(label: string): number | null {
  const m = /^((?:19|20)\d{2})(\d{2})(\d{2})([01]\d|2[0-3])([0-5]\d)(?:[0-5]\d(?:\.\d{1,4})?)?(?:[+-](?:[01]\d|2[0-3])[0-5]\d)?$/.exec(label.trim());
  return m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) ? Number(m[1]) : null;
}
/** A Unix time's year (UTC). */
export function epochYear(value: number, unit: 's' | 'ms'): number {
  return new Date(unit === 's' ? value * 1000 : value).getUTCFullYear();
}

/**
 * A date → its year; null when it is not a date. ISO dates and date-times ("2025-03-01T10:00:00Z", "2017-9-1"), day or month first
 * with slashes, dots or dashes ("15/06/2024", "06/15/1930": the year is the same either way), year first with slashes
 * ("2024/06/15"), compact "20240615" and HL7's compact date-times "202406150930", "20240615093000".
 */
export function dateToYear(label: string): string | null {
  const d = dateYear(label);
  return d === null ? null : String(d.year);
}

/** A time after a date: "10:00", "10:00:00+01:00", "10.00.00.000000 AM", "T10:00Z", "10:00 AM EST", "10:00:00 GMT+0100 (CET)". */
const TIME = String.raw`(?:[ T]\d{1,2}[:h.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?: ?[AaPp]\.?[Mm]\.?)?(?: ?(?:Z|[A-Z]{2,5}(?:[+-]\d{2}:?\d{2})?|[+-]\d{2}:?\d{2}))?(?: \([^()]{1,60}\))?)?`;
const NUMERIC_DATES: RegExp[] = [
  new RegExp(String.raw`^(\d{4})-\d{2}-\d{2}(?:$|[T ])`),
  // (ISO without its zeros, "2017-9-1", as some exports write it: a month and a day that exist)
  new RegExp(String.raw`^(\d{4})-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?:$|[T ])`),
  new RegExp(String.raw`^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})(?:$|[T ,])`),
  new RegExp(String.raw`^(\d{4})[/.]\d{1,2}[/.]\d{1,2}(?:$|[T ])`),
  /^((?:19|20)\d{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/,
  // (a month and a year: "2024-01", "01/2024")
  /^(\d{4})-(?:0[1-9]|1[0-2])$/, /^(?:0?[1-9]|1[0-2])[/.-](\d{4})$/,
];
/** Day and month first with a two-digit year ("15/01/24", "01/15/24 10:00"): the century is guessed. */
const SHORT_YEAR = new RegExp(String.raw`^\d{1,2}[/.-]\d{1,2}[/.-](\d{2})${TIME}$`);
/**
 * A date's year, and whether it was written with two digits (its century guessed: this one up to the current year, else
 * the last — a birth date so written may be a century older, and is no year to release); null when it is no date.
 */
export function dateYear(label: string): { year: number; twoDigit: boolean } | null {
  const t = label.trim();
  for (const re of NUMERIC_DATES) { const m = re.exec(t); if (m) return { year: Number(m[1]), twoDigit: false }; }
  // (HL7's YYYYMMDDHHMM[SS]: "20240828061500" kept the discharge's day and time in clear)
  const dt = compactDateTimeYear(t);
  if (dt !== null) return { year: dt, twoDigit: false };
  const sy = SHORT_YEAR.exec(t);
  if (sy) return { year: century(Number(sy[1])), twoDigit: true };
  const w = monthNameDate(t);
  return w ? { year: w.year, twoDigit: w.twoDigit } : null;
}
/** A two-digit year's full year: this century up to the current year, else the last ("24" → 2024, "45" → 1945 in 2026). */
export function century(yy: number): number {
  const now = new Date().getUTCFullYear();
  return yy + (yy <= now % 100 ? now - (now % 100) : now - (now % 100) - 100);
}

/** Month names and their abbreviations, English and French, folded (lower case, no accents), to their number. */
const MONTH_WORDS = new Map<string, number>();
for (const [n, words] of [[1, 'january jan janvier janv'], [2, 'february feb febr fevrier fevr fev'], [3, 'march mar mars'], [4, 'april apr avril avr'],
  [5, 'may mai'], [6, 'june jun juin'], [7, 'july jul juillet juil'], [8, 'august aug aout'], [9, 'september sep sept septembre'],
  [10, 'october oct octobre'], [11, 'november nov novembre'], [12, 'december dec decembre']] as const) for (const w of words.split(' ')) MONTH_WORDS.set(w, n);
const MONTH_DATE = new RegExp(String.raw`^(?:\p{L}{3,9}\.?,? )?(?:(\d{1,2})(?:er|st|nd|rd|th)?[\s.\-/]*)?(\p{L}{3,9})\.?[\s.\-/,'’]*(?:(\d{1,2})(?:st|nd|rd|th)?,?[\s.\-/]+)?(\d{4}|\d{2})${TIME}$`, 'u');
/** Year first: "2024-Jan-15", "2024 janv. 15". */
const YEAR_MONTH_DATE = new RegExp(String.raw`^(\d{4})[\s.\-/]+(\p{L}{3,9})\.?[\s.\-/]+(\d{1,2})${TIME}$`, 'u');
/** A month's name or its abbreviation, English or French, in any case and with or without accents → its number; undefined otherwise. */
export function monthNumber(word: string): number | undefined {
  return MONTH_WORDS.get(word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
}
/**
 * A date written with its month's name, English or French, with or without its day: "15-Jan-2024", "January 15, 2024",
 * "15 janv. 2024", "1er mars 1950", "14 août 1930", "Jan 2024", "janvier 2024"; null otherwise.
 */
export function monthNameDate(label: string): { year: number; month: number; day: number | null; twoDigit: boolean } | null {
  const t = label.trim();
  const monthOf = monthNumber;
  const ym = YEAR_MONTH_DATE.exec(t);
  if (ym) {
    const month = monthOf(ym[2]!), day = Number(ym[3]);
    return month === undefined || day < 1 || day > 31 ? null : { year: Number(ym[1]), month, day, twoDigit: false };
  }
  const m = MONTH_DATE.exec(t);
  if (!m || (m[1] !== undefined && m[3] !== undefined)) return null;
  const month = monthOf(m[2]!);
  if (month === undefined) return null;
  const day = m[1] ?? m[3];
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) return null;
  // (a year of two digits only after a day written first — "15 Jan 24", Oracle's "01-JAN-24" — not "Jan 24", a day; its
  // century guessed: this one's up to the current year, else the last's)
  if (m[4]!.length === 2) {
    // (no day: a month and a year only when a dash, a slash or an apostrophe joins them — Excel's "Mar-30", "Jan/24" — as
    // "Jan 24" is a day of January)
    if (m[1] === undefined && m[3] === undefined) {
      const joint = t.charAt(t.search(/\d/) - 1);
      if (joint !== '-' && joint !== '/' && joint !== "'" && joint !== '’') return null;
      return { year: century(Number(m[4])), month, day: null, twoDigit: true };
    }
    if (m[1] === undefined) return null;
    return { year: century(Number(m[4])), month, day: Number(day), twoDigit: true };
  }
  return { year: Number(m[4]), month, day: day === undefined ? null : Number(day), twoDigit: false };
}

/**
 * Birth year under Safe Harbor: kept unless it reveals an age over 89 at the reference date, then
 * the single category "90+" (dates "indicative of such age" must be aggregated too).
 */
export function safeHarborBirthYear(label: string, referenceYear: number): string | null {
  const d = dateYear(label);
  // (a birth date with a two-digit year, "05-MAR-20", may be 1920's: no year to release — it becomes missing, counted)
  if (d?.twoDigit) return null;
  const y = d !== null ? String(d.year) : /^\d{4}$/.test(label.trim()) ? label.trim() : null;
  if (y === null) return null;
  return referenceYear - Number(y) > 89 ? '90+' : y;
}
