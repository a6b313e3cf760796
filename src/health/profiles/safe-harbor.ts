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
 * A date → its year; null when it is not a date. ISO dates and date-times ("2025-03-01T10:00:00Z"), day or month first
 * with slashes, dots or dashes ("15/06/2024", "06/15/1930": the year is the same either way), year first with slashes
 * ("2024/06/15"), compact "20240615".
 */
export function dateToYear(label: string): string | null {
  const t = label.trim();
  const m = /^(\d{4})-\d{2}-\d{2}(?:$|[T ])/.exec(t) ?? /^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})(?:$|[T ,])/.exec(t)
    ?? /^(\d{4})[/.]\d{1,2}[/.]\d{1,2}(?:$|[T ])/.exec(t) ?? /^((?:19|20)\d{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.exec(t)
    // (a month and a year: "2024-01", "01/2024")
    ?? /^(\d{4})-(?:0[1-9]|1[0-2])$/.exec(t) ?? /^(?:0?[1-9]|1[0-2])[/.-](\d{4})$/.exec(t);
  if (m) return m[1]!;
  const w = monthNameDate(t);
  return w ? String(w.year) : null;
}

/** Month names and their abbreviations, English and French, folded (lower case, no accents), to their number. */
const MONTH_WORDS = new Map<string, number>();
for (const [n, words] of [[1, 'january jan janvier janv'], [2, 'february feb febr fevrier fevr fev'], [3, 'march mar mars'], [4, 'april apr avril avr'],
  [5, 'may mai'], [6, 'june jun juin'], [7, 'july jul juillet juil'], [8, 'august aug aout'], [9, 'september sep sept septembre'],
  [10, 'october oct octobre'], [11, 'november nov novembre'], [12, 'december dec decembre']] as const) for (const w of words.split(' ')) MONTH_WORDS.set(w, n);
const MONTH_DATE = /^(?:(\d{1,2})(?:er|st|nd|rd|th)?[\s.\-/]*)?(\p{L}{3,9})\.?[\s.\-/,]*(?:(\d{1,2})(?:st|nd|rd|th)?,?[\s.\-/]+)?(\d{4}|(?<=[\-/])\d{2})(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?)?$/u;
/**
 * A date written with its month's name, English or French, with or without its day: "15-Jan-2024", "January 15, 2024",
 * "15 janv. 2024", "1er mars 1950", "14 août 1930", "Jan 2024", "janvier 2024"; null otherwise.
 */
export function monthNameDate(label: string): { year: number; month: number; day: number | null } | null {
  const m = MONTH_DATE.exec(label.trim());
  if (!m || (m[1] !== undefined && m[3] !== undefined)) return null;
  const month = MONTH_WORDS.get(m[2]!.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
  if (month === undefined) return null;
  const day = m[1] ?? m[3];
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) return null;
  // (a year of two digits, Oracle's "01-JAN-24": this century's up to the current year, else the last's)
  let year = Number(m[4]);
  if (m[4]!.length === 2) { const now = new Date().getUTCFullYear(); year += year <= now % 100 ? now - (now % 100) : now - (now % 100) - 100; }
  return { year, month, day: day === undefined ? null : Number(day) };
}

/**
 * Birth year under Safe Harbor: kept unless it reveals an age over 89 at the reference date, then
 * the single category "90+" (dates "indicative of such age" must be aggregated too).
 */
export function safeHarborBirthYear(label: string, referenceYear: number): string | null {
  const y = dateToYear(label) ?? (/^\d{4}$/.test(label.trim()) ? label.trim() : null);
  if (y === null) return null;
  return referenceYear - Number(y) > 89 ? '90+' : y;
}
