/**
 * Column actions on a table: drop | pseudonymize | shift-dates | generalize | keep, plus free-text
 * redaction for columns marked `text: true`. Work is done per dictionary code (one token per
 * distinct value) and rows are remapped with typed arrays; only date shifting is per row (the
 * offset depends on the person).
 *
 * Defaults when a column has no `action`: role identifier → drop; person-key → pseudonymize;
 * other roles → kept, unless a profile (safe-harbor, fr) generalizes them; columns that are not in
 * the policy are run through the identifier detector and dropped when they hold direct
 * identifiers (a warning says so). Reports name columns and counts, never values, keys or tokens.
 */
import { AnonymatError } from '../errors.ts';
import { columnFromCodes, columnFromValues, isPlaceholder, makeTable, sampleValues } from '../table/table.ts';
import type { Column, ColumnKind, Table } from '../table/table.ts';
import { detectIdentifierColumn, DIRECT_KINDS, isAddressPartHeader, isNameHeader } from '../health/identifiers/detect.ts';
import { normalizedHeaderWords } from '../util/headers.ts';
import type { IdentifierKind } from '../health/identifiers/detect.ts';
import { safeHarborZip, safeHarborBirthYear, topCodeAgeText, ageInYears, ageBand, century, dateToYear, monthNameDate, monthNumber, epochUnit, epochYear, compactDateTimeYear, RESTRICTED_ZIP3 } from '../health/profiles/safe-harbor.ts';
import { postalCodeToDepartement, mergeSmallCommune, departementUnit, DEFAULT_COMMUNE_THRESHOLD } from '../health/profiles/fr.ts';
import { recognize, redactTexts, applyReplacements, detectLanguage, Replacer } from '../text/index.ts';
import type { Span, TextLabel } from '../text/index.ts';
import { proseShape } from '../policy/init.ts';
import type { PseudonymKey } from './key.ts';
import { isToken, normalizeValue, pseudonym, TOKEN_VERSION } from './tokens.ts';
import type { Normalizer } from './tokens.ts';
import { personDateOffset, daysToIso, shiftIsoDate, whyNotShiftable, DEFAULT_SHIFT_DAYS } from './dates.ts';
import { own } from '../util/own.ts';
import { isCalendarDay } from '../util/calendar.ts';

/** Lines named in an error about values, at most (then a count). */
const MAX_LINES_SHOWN = 5;

export type Action = 'drop' | 'pseudonymize' | 'shift-dates' | 'generalize' | 'keep';

/** Up to `max` of a column's distinct values that are neither missing nor placeholders (a few notes among many empty cells too). */
function filledLabels(c: Column, max = 200): string[] {
  const out: string[] = [];
  for (const v of c.dictionary) { if (v !== null && !isPlaceholder(v)) out.push(v); if (out.length === max) break; }
  return out;
}

/** The subset of a Policy (src/policy) this module reads. */
export interface PseudonymizePolicy {
  columns: Record<string, { role: string; type?: string; action?: Action; text?: boolean; birthDate?: boolean }>;
  /** The policy's input section: the order of dates written day or month first (dmy, mdy) tells a birth date's month. */
  input?: { dateOrder?: 'ymd' | 'dmy' | 'mdy'; [k: string]: unknown };
  pseudonymize?: {
    profile?: 'safe-harbor' | 'fr';
    dateShiftDays?: number;
    domain?: string;
    communeThreshold?: number;
    referenceDate?: string;
    textReplacement?: 'mask' | 'tag' | 'surrogate' | 'pseudonym';
    lang?: 'fr' | 'en' | 'auto';
    [k: string]: unknown;
  };
}

export interface PseudonymizeOptions {
  /** When rotating keys: the previous key; the result then carries the old→new correspondence. */
  previousKey?: PseudonymKey;
  /** Where a row stands in the input, for error messages (0-based row → "patients.csv:12"); default "row 13". */
  where?: (row: number) => string;
  /** The input's name, for error messages (default "the input"). */
  source?: string;
  /** Called as free text is redacted (texts done, texts to redact in all, the column): a progress bar's feed, never data. */
  onProgress?: (done: number, total: number, step?: string) => void;
}

export interface ColumnReport {
  column: string;
  action: Action | 'redact' | 'redact-identifiers';
  reason: string;
  /** Detector kind, when the detector was consulted. */
  detected?: string;
  distinctBefore: number;
  distinctAfter?: number;
  /** An identifier or the person key kept in clear (action keep): present and true only then. */
  unsafe?: true;
}

export interface PseudonymizeReport {
  tokenVersion: string;
  profile: string | null;
  rows: number;
  columns: ColumnReport[];
  dropped: string[];
  warnings: string[];
  dateShiftDays?: number;
  referenceDate?: string;
  /** Columns of direct identifiers or the person key kept in clear (action keep): present only when there are some. */
  unsafe?: string[];
}

export interface PseudonymizeResult {
  table: Table;
  report: PseudonymizeReport;
  /** Key rotation only: columns column, old_token, new_token (for the data controller, never to release). */
  correspondence?: Table;
}

function naturalSort(labels: string[], kind: ColumnKind): string[] {
  if (kind === 'integer' || kind === 'decimal') return labels.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  return labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Maps every dictionary label through f (null → missing) and remaps the codes with a gather. */
export function mapColumn(c: Column, f: (label: string, code: number) => string | null, kind: ColumnKind, name = c.name): Column {
  const mapped: (string | null)[] = c.dictionary.map((l, code) => (l === null ? null : f(l, code)));
  const distinct = naturalSort([...new Set(mapped.filter((x): x is string => x !== null))], kind);
  const index = new Map(distinct.map((l, i) => [l, i] as const));
  const hasMissing = mapped.some((x) => x === null) && c.codes.length > 0;
  const missing = distinct.length;
  const codeMap = new Int32Array(c.dictionary.length);
  for (let code = 0; code < mapped.length; code++) { const m = mapped[code]; codeMap[code] = m === null ? missing : index.get(m)!; }
  const codes = new Int32Array(c.codes.length);
  let usedMissing = false;
  for (let r = 0; r < codes.length; r++) { const v = codeMap[c.codes[r]!]!; codes[r] = v; if (v === missing) usedMissing = true; }
  const dictionary: (string | null)[] = [...distinct];
  if (hasMissing && usedMissing) dictionary.push(null);
  return columnFromCodes(name, kind, codes, dictionary);
}

/** Builds a date column from per-row day numbers (NaN = missing). */
function dateColumnFromDays(name: string, days: Float64Array): Column {
  const distinct = [...new Set(Array.from(days).filter((d) => !Number.isNaN(d)))].sort((a, b) => a - b);
  const index = new Map(distinct.map((d, i) => [d, i] as const));
  const codes = new Int32Array(days.length);
  let hasMissing = false;
  for (let r = 0; r < days.length; r++) {
    const d = days[r]!;
    if (Number.isNaN(d)) { codes[r] = distinct.length; hasMissing = true; } else codes[r] = index.get(d)!;
  }
  const dictionary: (string | null)[] = distinct.map(daysToIso);
  if (hasMissing) dictionary.push(null);
  return columnFromCodes(name, 'date', codes, dictionary);
}

/**
 * The date ages are counted at: pseudonymize.referenceDate, else today (UTC). Not the table's latest date: in a list
 * of patients that is the youngest one's birth date, and everyone older than 89 today would keep a birth year (the
 * safe choice is the later date; set referenceDate for output that does not change with the run's date).
 */
function referenceYear(policy: PseudonymizePolicy): { year: number; date: string; today: boolean } {
  const ref = policy.pseudonymize?.referenceDate;
  if (ref) return { year: Number(ref.slice(0, 4)), date: ref, today: false };
  const date = new Date().toISOString().slice(0, 10);
  return { year: Number(date.slice(0, 4)), date, today: true };
}

// (a word of the header, "age_at_visit", "age at admission": no \b, which '_' would defeat)
const AGE_HEADER = /^(age|âge|age_?years|age_?at|patient_?age)(?![a-z0-9])/i;
/** An age by any word of its header ("current_age", "AgeInYears", "ageAtDeath", "age (years)"), not a stage or a page. */
function ageHeader(name: string): boolean {
  // (an age in months, weeks or days is no age in years: "age_months" 1111 is 92 years, and 196 is no 90+)
  if (ageUnitDays(name) !== null) return false;
  if (AGE_HEADER.test(name) || yearsOldHeader(name)) return true;
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z]+/);
  return words.includes('age') && !words.some((w) => w === 'gestational' || w === 'gestationnel' || w === 'group' || w === 'groupe' || w === 'class' || w === 'classe');
}
/** An age in another unit than years by its header ("age_months", "age_in_weeks", "age_jours"): the unit's days, else null. */
function ageUnitDays(name: string): number | null {
  const w = normalizedHeaderWords(name);
  if (!w.includes('age')) return null;
  if (w.some((x) => x === 'months' || x === 'month' || x === 'mos' || x === 'mo' || x === 'mois')) return 365.2425 / 12;
  if (w.some((x) => x === 'weeks' || x === 'week' || x === 'wks' || x === 'wk' || x === 'semaines' || x === 'semaine')) return 7;
  if (w.some((x) => x === 'days' || x === 'day' || x === 'jours' || x === 'jour')) return 1;
  return null;
}
/** An age in months, weeks or days (ageUnitDays) over 89 years → "90+"; the others stay as written. Null when it is no number. */
function topCodeAgeInUnit(label: string, days: number): string | null {
  const t = label.trim();
  if (!/^\d+(?:\.\d+)?$/.test(t)) return null;
  return Math.floor((Number(t) * days) / 365.2425) > 89 ? '90+' : t;
}
/** Headers of ages in years without the word age: "years_old", "yrs", "patient_yrs" (not a duration's: "yrs_since_dx"). */
function yearsOldHeader(name: string): boolean {
  const w = normalizedHeaderWords(name);
  return (w.includes('yrs') || w.includes('yearsold') || (w.includes('years') && w.includes('old'))) && w.every((x) => ['yrs', 'years', 'old', 'yearsold', 'patient', 'pt', 'pat'].includes(x));
}
/** Words of an age band's header beside the word age ("age_band", "age_group", "AgeRange", "tranche_age", "classe_age"). */
const AGE_BAND_WORDS = new Set(['band', 'bands', 'group', 'groupe', 'grp', 'range', 'class', 'classe', 'bracket', 'cat', 'category', 'categorie', 'tranche', 'bin', 'interval']);
/**
 * A column of age bands: under an age band's header, 80 % of its values (placeholders aside) bands ("95-99", "100+",
 * "[90-100)") or ages. Their ends told ages over 89 ("95-99" and "100+" were kept).
 */
function ageBandColumn(c: Column): boolean {
  if (c.kind !== 'string') return false;
  const w = normalizedHeaderWords(c.name);
  // (or an age's header over bands, UCI's "age" holding "[90-100)")
  if (!(w.includes('age') && w.some((x) => AGE_BAND_WORDS.has(x))) && !ageHeader(c.name)) return false;
  if (w.some((x) => x === 'gestational' || x === 'gestationnel')) return false;
  let n = 0, bands = 0, seen = 0;
  for (const l of c.dictionary) {
    if (l === null || isPlaceholder(l)) continue;
    n++;
    if (ageBand(l)) { bands++; seen++; } else if (ageInYears(l) !== null) bands++;
  }
  return seen > 0 && bands >= 0.8 * n;
}
/**
 * The label of a column's bands that reach above 89: "90+" when every such band starts at 90 or later ("95-99", "100+"); when
 * one straddles 90 ("85-94": a 93-year-old's), the lowest such band's lower end and "+" for all of them ("85-94", "95-99",
 * "100+" → "85+"), so that no label tells an age over 89 apart — a "90+" beside "85+" would say the 85+ are under 95.
 */
function ageBandTop(c: Column): string {
  let floor = 90;
  for (const l of c.dictionary) {
    const b = l === null ? null : ageBand(l);
    if (b && b.lo < 90 && b.hi >= 90) floor = Math.min(floor, b.lo);
  }
  return `${floor}+`;
}
/** An age band or an age as written, its band over 89 → `top` (ageBandTop), an age over 89 too; null when it is neither. */
function topCodeAgeBand(label: string, top: string): string | null {
  const b = ageBand(label);
  if (b) return b.hi >= 90 ? top : label.trim();
  const a = topCodeAgeText(label);
  return a === '90+' ? top : a;
}
/** Birth dates by their headers: a part of the header ("birthdate", "DateOfBirth", "date_naissance", "dob", "ddn"; "date_nais" in birthHeader). */
const BIRTH_HEADER = /birth|naiss|dob|ddn/i;
/**
 * Words of a birth date's header in English, French and Spanish besides BIRTH_HEADER's: "born_on", "bday", "b_day",
 * "fecha_nacimiento", "fec_nac", "nacido_el", "née le", "natalicio" (a birth date under them kept its year: 1930 beside
 * a birth date's "90+").
 */
const BIRTH_WORDS = new Set(['born', 'bday', 'bdate', 'nacimiento', 'nacim', 'nacido', 'nacida', 'natalicio', 'cumpleanos', 'nascimento', 'geburtsdatum']);
function birthHeader(name: string): boolean {
  if (BIRTH_HEADER.test(name)) return true;
  const w = headerWords(name.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  if (w.some((x) => BIRTH_WORDS.has(x))) return true;
  // ("b_day", "fecha_nac", "fec_nac", "f_nac", "ne_le", "nee_le": abbreviations that are a birth's only beside their other word)
  // ("date_nais", "dt_nais", "dat_nais", "dnais", "datenais", "d_nais": naissance cut after one 's', as "date_naiss" is after two)
  if (w.some((x) => /^(?:d|dt|dat|date)?nais$/.test(x))) return true;
  const has = (x: string): boolean => w.includes(x);
  return (has('b') && has('day')) || (has('nac') && (has('fecha') || has('fec') || has('f') || has('date'))) || ((has('ne') || has('nee')) && has('le'));
}
/** Birth years as numbers ("birth_year", "YOB", "année de naissance", "año_nacimiento"): over 89 years before the reference → 90+. */
const BIRTH_YEAR_HEADER = /^(birth_?year|year_?of_?birth|yob|ann[ée]e_?(?:de_?)?naissance|an_?naiss(?:ance)?|ann[ée]e_?naiss|year_?birth|birth_?yr|year_?born|born_?year|a[ñn]o_?(?:de_?)?nacimiento|anio_?(?:de_?)?nacimiento)$/i;
/** A column of years (4 digits, 1850-2099) under a birth header ("ddn", "dob" holding 1920) or declared birthDate: birth years. */
function yearsUnderBirthHeader(c: Column, declared = false): boolean {
  return (declared || birthHeader(c.name)) && (c.kind === 'integer' || c.kind === 'string') && everyLabel(c, /^\s*(?:18[5-9]\d|19\d\d|20\d\d)\s*$/);
}
/**
 * An age at an event by its header ("age_at_visit", "ageAtDeath", "age_a_l_admission", "age_lors_du_diagnostic",
 * "age_of_onset"), not a current one ("age", "current_age"): beside that event's year, it tells the birth year.
 */
const EVENT_AGE_WORDS = new Set(['at', 'when', 'upon', 'au', 'lors', 'onset', 'admission', 'admit', 'visit', 'visite', 'diagnosis', 'diagnostic', 'death', 'deces',
  'event', 'encounter', 'consultation', 'sejour', 'stay', 'discharge', 'surgery', 'intervention', 'entree', 'sortie', 'hospitalisation']);
function eventAgeHeader(name: string): boolean {
  const w = headerWords(name.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  return ageHeader(name) && !w.some((x) => x === 'current' || x === 'now' || x === 'today' || x === 'actuel' || x === 'actual') && w.some((x) => EVENT_AGE_WORDS.has(x));
}
/**
 * An integer column of compact dates, 19300504 (every value a day of the calendar, yyyymmdd), or of HL7's compact
 * date-times, 202408280615 and 20240828061500 (yyyymmddhhmm[ss], a day of the calendar and a time): dates.
 */
function compactDates(c: Column): boolean {
  if (c.kind !== 'integer') return false;
  let n = 0;
  for (const l of c.dictionary) {
    if (l === null || isPlaceholder(l)) continue;
    if (!/^\s*(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s*$/.test(l) && compactDateTimeYear(l) === null) return false;
    n++;
  }
  return n > 0;
}
/** A header's words, lower case ("patient_zip3" → patient, zip3; "ZipCode3" → zip, code3). */
function headerWords(name: string): string[] {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
/** A header of 3-digit ZIPs: a ZIP's word and a 3 ("zip3", "zip3_code", "patient_zip3", "zip_code_3"), or a ZIP prefix. */
function zip3Header(name: string): boolean {
  const w = headerWords(name);
  if (w.includes('zip3') || (w.includes('prefix') && w.some((x) => x.startsWith('zip')))) return true;
  return w.some((x) => x === 'zip' || x === 'zipcode') && (w.includes('3') || w.includes('three'));
}
/** A column of 3-digit ZIPs already (every value 1-3 digits, under a ZIP3 header): kept, or 000 when restricted. */
function zip3Column(c: Column): boolean {
  return everyLabel(c, /^\s*\d{1,3}\s*$/);
}
/** Headers of postal codes, whatever their values' shape (ZIP+4 without a dash, a number that lost its zeros). */
const ZIP_HEADER = /^(zip|zip_?code|zipcode|postal_?code|post_?code|code_?postal|cp|zip5|zip_?plus_?4|zip_?3|zip_?4|zip_?9|zip4_?code)$/i;
/** A postal code's header: one of ZIP_HEADER, or a ZIP3's (zip3Header), or words with zip/zip3/zip5/zip9 ("patient_zip", "zip_code_3"). */
function zipHeader(name: string): boolean {
  return ZIP_HEADER.test(name) || zip3Header(name) || headerWords(name).some((x) => /^(?:zip|zipcode|zip[3459])$/.test(x));
}
/** HIPAA's other named items by their headers: geographic subdivisions (B), health plan and account numbers (I, J). */
const SAFE_HARBOR_DROP_HEADER = /^(county|county_?name|county_?fips|fips|census_?tract|tract|block_?group|precinct|plan_?id|health_?plan(?:_?(?:id|number|no))?|member_?(?:id|number|no)|beneficiary_?(?:id|number|no)|subscriber_?(?:id|number|no)|policy_?(?:id|number|no)|account(?:_?(?:id|number|no))?|acct(?:_?(?:id|number|no))?)$/i;
/**
 * The same items written without separators or with more words ("PRIMARYPATIENTINSURANCEID", "insurance_id", "payer_member_id"),
 * and HIPAA's device identifiers (M: "udi", "device_id", "serial_number"): the header's letters and digits, lower case, hold one.
 */
const SAFE_HARBOR_DROP_PARTS = ['insuranceid', 'insurancenumber', 'insuranceno', 'memberid', 'membernumber', 'subscriberid', 'subscribernumber', 'beneficiaryid',
  'beneficiarynumber', 'policyid', 'policynumber', 'planid', 'healthplanid', 'accountid', 'accountnumber', 'accountno', 'acctno', 'acctnumber', 'deviceid',
  'deviceidentifier', 'serialnumber', 'serialno', 'censustract', 'countyfips'];
function safeHarborDropHeader(name: string): boolean {
  if (SAFE_HARBOR_DROP_HEADER.test(name)) return true;
  const k = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return k === 'udi' || k === 'deviceudi' || SAFE_HARBOR_DROP_PARTS.some((p) => k.includes(p));
}
/**
 * HIPAA's items by a word of their header, whatever the values: health plan numbers (I: "Medicaid ID", "Medicare #", "MBI"),
 * accounts (J: "billing_account"), biometric identifiers (P: "fingerprint_hash", "voiceprint_id"), photographs (Q: "photo_path",
 * "face_image"), other unique codes (R: "wristband_id") and employers, whose names item A lists ("Employer"). Returns the
 * item's words for the reason, or null. (Not a count of them: "n_photos", "photo_count".)
 */
const NOT_ITEM_WORDS = new Set(['count', 'nb', 'nbr', 'n', 'num', 'number_of', 'total', 'size', 'color', 'colour', 'type', 'kind', 'category', 'cat', 'status',
  'flag', 'consent', 'eligible', 'eligibility', 'industry', 'sector', 'taken', 'available', 'has', 'is', 'yn', 'indicator', 'ind']);
/** A column of yes/no values only (Y/N, oui/non, true/false, 0/1): a flag, no identifier. */
function yesNoColumn(c: Column): boolean {
  let n = 0;
  for (const l of c.dictionary) {
    if (l === null) continue;
    if (!/^\s*(?:y|n|yes|no|o|oui|non|t|f|true|false|vrai|faux|0|1)\s*$/i.test(l)) return false;
    n++;
  }
  return n > 0;
}
const SAFE_HARBOR_ITEM_WORDS: Record<string, string> = {
  medicaid: 'a health plan number', medicare: 'a health plan number', mbi: 'a health plan number', hicn: 'a health plan number', medi: 'a health plan number',
  fingerprint: 'a biometric identifier', fingerprints: 'a biometric identifier', voiceprint: 'a biometric identifier', faceprint: 'a biometric identifier',
  retina: 'a biometric identifier', biometric: 'a biometric identifier', biometrics: 'a biometric identifier',
  photo: 'a photograph', photos: 'a photograph', photograph: 'a photograph', picture: 'a photograph', portrait: 'a photograph', headshot: 'a photograph', selfie: 'a photograph',
  wristband: 'a unique identifying code', bracelet: 'a unique identifying code', badge: 'a unique identifying code',
  employer: 'an employer\'s name', employeur: 'an employer\'s name',
};
function safeHarborItemHeader(c: Column): string | null {
  const w = normalizedHeaderWords(c.name);
  // (nor a count, a size, a kind, a flag or a consent about them — "n_photos", "employer_size", "badge_color",
  // "photo_consent", "medicare_eligible" —, nor a column of yes/no values: "insurance_medicaid" Y/N names no number)
  if (w.some((x) => NOT_ITEM_WORDS.has(x)) || yesNoColumn(c)) return null;
  // (an account's under its qualifier alone, "billing_account", "hospital_acct"; a face's image, "face_image", "face_img")
  if (w.length === 2 && NUMBER_QUALIFIERS.has(w[0]!) && (w[1] === 'account' || w[1] === 'acct')) return 'an account number';
  if (w.includes('face') && w.some((x) => x === 'image' || x === 'img' || x === 'picture' || x === 'pic' || x === 'scan')) return 'a photograph';
  for (const x of w) if (SAFE_HARBOR_ITEM_WORDS[x]) return SAFE_HARBOR_ITEM_WORDS[x]!;
  return null;
}
/**
 * Whose number a header names, as exports abbreviate it: a thing numbered (an account, a policy, a member, a medical record,
 * a visit, a patient…) and a number's word or sign ("Acct #", "Account #", "acct_num", "AcctNum", "Policy #", "Med Rec #",
 * "Visit #", "Pt ID", "num_patient", "N° dossier"), or a number known by its acronym alone (Cerner's FIN, Epic's CSN and
 * HAR: "FIN", "pat_enc_csn_id"). The header is normalized (normalizedHeaderWords: case, accents, '_', '#', camelCase) and
 * every word must be one of these or a qualifier ("primary", "hospital", "billing"…): "patient_no_show",
 * "num_visits" (a count: plural), "visit_type" or "patient_id_hash" name no number. Returns the thing numbered, or null.
 */
function numberHeader(name: string): string | null {
  const words = normalizedHeaderWords(name);
  // (a number's sign: '#' — which normalizeHeader drops or reads as "number" —, '№', and "n°", the word "n" once normalized)
  let thing: string | null = null, numbered = /[#№]/.test(name), selfNumbered = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (NUMBER_WORDS.has(w)) { numbered = true; continue; }
    if (SELF_NUMBERED.has(w)) { selfNumbered = true; thing ??= w; continue; }
    if (w === 'med' && (words[i + 1] === 'rec' || words[i + 1] === 'record')) { thing = 'medical record'; i++; continue; }
    if (w === 'medical' && (words[i + 1] === 'record' || words[i + 1] === 'rec')) { thing = 'medical record'; i++; continue; }
    // (a hospital's number, "hospital_number", is the patient's there: a medical record's)
    if ((w === 'hospital' || w === 'hosp') && NUMBER_WORDS.has(words[i + 1] ?? '') && words.length === 2) { thing = 'medical record'; numbered = true; i++; continue; }
    if (NUMBERED_THINGS.has(w)) { thing ??= w; continue; }
    if (NUMBER_QUALIFIERS.has(w) || /^\d+$/.test(w)) continue;
    return null;
  }
  return thing !== null && (numbered || selfNumbered) ? thing : null;
}
/** Things numbered in the order of a person's stays, whose number may be a rank ("visit_no" 1, 2, 3 in a study): no identifier then. */
const RANKED_THINGS = new Set(['visit', 'encounter', 'enc', 'admission', 'adm', 'episode', 'venue', 'sejour']);
/**
 * A column Safe Harbor drops as a number by its header (numberHeader): an account's, a policy's, a medical record's, a visit's
 * — but not a visit's rank, every value a whole number below 1000 ("visit_no" 1 to 12 in a study), nor a column of dates.
 */
function numberColumn(c: Column, isDate: boolean): boolean {
  const thing = numberHeader(c.name);
  if (thing === null || isDate) return false;
  if (RANKED_THINGS.has(thing) && everyLabel(c, /^\s*\d{1,3}\s*$/)) return false;
  // (and its values an identifier's: codes of letters and digits with 4 digits or more, most of them — not a count, a rank, a
  // flag, a plan's letter or a time: "n_claim" 0-12, "VISIT_NUM" 1.1, "no_contact" Y/N, "Plan #" A/B/C, "Fin" 12:30)
  let n = 0, idLike = 0;
  for (const l of c.dictionary) {
    if (l === null || isPlaceholder(l)) continue;
    n++;
    if (/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/.test(l.trim()) && (l.match(/\d/g)?.length ?? 0) >= 4) idLike++;
  }
  return n > 0 && idLike >= 0.8 * n;
}
/** Words of a number ("num", "no", "nbr", "id", "numero"). */
const NUMBER_WORDS = new Set(['number', 'num', 'no', 'nbr', 'nr', 'nro', 'numero', 'id', 'identifier', 'ident', 'n', 'sn']);
/** Numbers known by their acronym alone: Cerner's FIN (financial number), Epic's CSN (contact serial number) and HAR (hospital account record), the MRN. */
const SELF_NUMBERED = new Set(['fin', 'csn', 'har', 'mrn']);
/** Things whose number identifies a person or their stay (HIPAA items H, I, J, R): singular words only ("num_visits" is a count). */
const NUMBERED_THINGS = new Set(['account', 'acct', 'acc', 'policy', 'member', 'mbr', 'subscriber', 'beneficiary', 'bene', 'insurance', 'insured', 'claim', 'chart',
  'visit', 'encounter', 'enc', 'admission', 'adm', 'patient', 'pt', 'pat', 'case', 'guarantor', 'plan', 'dossier', 'sejour', 'venue', 'episode', 'contact',
  // (and a record's unit (H: "Unit No"), an invoice (J), a licence or a certificate (K: "DL#", "birth_certificate_no"), a
  // vehicle's tag (L: "Tag Number"), an implant or a device (M: "implant_sn"), a wristband (R))
  'unit', 'invoice', 'bill', 'dl', 'license', 'licence', 'certificate', 'cert', 'tag', 'implant', 'pacemaker', 'device', 'wristband']);
/** Words that qualify a number without changing what it numbers ("primary", "hospital", "billing", "health"). */
const NUMBER_QUALIFIERS = new Set(['primary', 'secondary', 'tertiary', 'hospital', 'hosp', 'hsp', 'billing', 'financial', 'health', 'medical', 'med', 'record', 'rec',
  'the', 'of', 'de', 'du', 'd', 'le', 'la', 'current', 'old', 'new', 'previous', 'prior', 'external', 'ext', 'internal', 'local', 'enterprise', 'unique',
  'ehr', 'emr', 'epic', 'cerner', 'source', 'src', 'original', 'orig', 'main', 'group', 'grp', 'payer', 'payor', 'insurance', 'ins', 'dossier', 'hospitalisation',
  'birth', 'death', 'driver', 'drivers', 'vehicle', 'serial']);
/**
 * A part of a street address by its header, whatever its values: a second line ("adresse2", "adr2", "address2",
 * "address_line_2", "Address Line 2", "complement_adresse", "street_2"), an apartment ("Apt/Suite", "appartement"), a
 * post-office box ("po_box", "boite_postale"), a locality ("lieu_dit") — values such as "Unit 12", "Bât. B escalier 3" or
 * "chez Mme Roux" are no street address for the detector, and Safe Harbor keeps none of it (item B). Not a state's or a
 * country's header ("address_state", "adresse_pays"): a state is released.
 */
function addressHeader(name: string): boolean {
  // (the detector's address parts: a second line, an apartment, a box, a locality — "adresse2", "Apt/Suite", "lieu_dit")
  if (isAddressPartHeader(name)) return true;
  // (or a street address's header of address words only: "address", "Patient Street Address", "adresse domicile"; not "ADR", an
  // adverse drug reaction, nor "street_drug_use": a word of anything else)
  const w = normalizedHeaderWords(name);
  return w.some((x) => ADDRESS_WORDS.has(x)) && w.every((x) => ADDRESS_WORDS.has(x) || ADDRESS_QUALIFIERS.has(x) || /^\d$/.test(x));
}
/** Words that may go with an address's in its header ("home address", "adresse du domicile", "address line 1"). */
const ADDRESS_QUALIFIERS = new Set(['line', 'ligne', 'patient', 'pat', 'pt', 'home', 'domicile', 'mailing', 'postal', 'postale', 'residence', 'current', 'de', 'du', 'd', 'la', 'of', 'full', 'complete']);
/** Words of a street address's header (not "adr" alone: an adverse drug reaction's too; "adr2" is the detector's). */
const ADDRESS_WORDS = new Set(['address', 'adresse', 'adress', 'addr', 'street', 'rue', 'streetaddress']);
/** A commune's code by its header, INSEE's own variable names among them ("CODGEO", "DEPCOM", "com_insee"). */
const COMMUNE_HEADER = /(commune|code_?insee|^insee$|cog|insee_?code|city_?code|code_?commune|codgeo|code_?geo|depcom|com_?insee|insee_?com)/i;
/**
 * Words of a header naming a place where a commune's code may stand ("insee_naissance", "code_lieu_naissance", "lieu_naiss",
 * "code_residence", "com"): under them a column of commune codes is one, though COMMUNE_HEADER does not name it.
 */
const PLACE_WORDS = new Set(['commune', 'communes', 'com', 'lieu', 'place', 'birthplace', 'naissance', 'naiss', 'nais', 'residence', 'resid', 'domicile',
  'insee', 'cog', 'geo', 'city', 'ville', 'localite', 'town', 'municipality']);
/** An INSEE commune code's shape: a département (01-95 without 20, 2A/2B, 971-976) and the commune's number. */
const COMMUNE_CODE = /^\s*(?:(?:0[1-9]|1\d|[3-8]\d|9[0-5])\d{3}|2[AB]\d{3}|97[1-6]\d{2})\s*$/i;
/**
 * A column of commune codes: by its header (COMMUNE_HEADER), or 80 % of its values (placeholders aside) commune codes under a
 * header naming a place, a birthplace or a residence — not a postal code's ("cp_naissance": same shape, another rule).
 * Tiny communes' codes under "insee_naissance" or "com" were kept in clear by both profiles.
 */
function communeColumn(c: Column): boolean {
  if (COMMUNE_HEADER.test(c.name)) return true;
  const w = normalizedHeaderWords(c.name);
  if (!w.some((x) => PLACE_WORDS.has(x)) || zipHeader(c.name) || w.some((x) => x === 'cp' || x === 'postal' || x === 'postale' || x === 'zip')) return false;
  let n = 0, codes = 0;
  for (const l of c.dictionary) {
    if (l === null || isPlaceholder(l)) continue;
    n++;
    if (COMMUNE_CODE.test(l)) codes++;
  }
  return n > 0 && codes >= 0.8 * n;
}
/** Whether every value of a column is a token already ("v1:…"): pseudonymized upstream, no identifier in clear. */
function allTokens(c: Column): boolean {
  let n = 0;
  for (const v of c.dictionary) { if (v === null) continue; if (!isToken(v)) return false; n++; }
  return n > 0;
}
/**
 * A text with every full date in it cut to its year — a day of the calendar with a four-digit year, ISO ("2019-01-01",
 * "2017-9-1", with its time and zone) or day and month first ("12/03/2020", "3.4.2019", "12-03-2020"): "RDV le 12/03/2020"
 * → "RDV le 2020", "2019-01-01 appel famille" → "2019 appel famille"; a range's two dates, "2020-03-12-2020-03-15" →
 * "2020-2020". A two-digit year, its century guessed as for date columns (this one up to the current year, else the last),
 * with '/' ("12/03/20", "3/4/19"), two-digit days and months between dots ("12.03.20") or a month's name between dashes
 * ("12-Mar-20") → "2020". Codes are left as written: versions ("1.2.10"), lots ("12-34-56"), days the calendar lacks
 * ("2019-99-99", "31/02/20") and compact digits ("20190315"). A day and a month's name without a year have no year to keep:
 * "RDV le 12 mars", "seen March 12th", "1er avril à 10h" → "RDV le [DATE]", "seen [DATE]", "[DATE] à 10h". Limit: a day and a
 * month in digits without a year ("12/03") stay — as digits they are fractions and scores as often —, and so does a day and
 * a month's name before two digits ("12 mars 20": a two-digit year or a count).
 */
export function yearsOfDatesIn(text: string): string {
  // (every layout has a four-digit year, a digit on each side of a '/' or a '.', or a two-digit year after a dash: the values
  // without any, "12 ans", "3 fois", most of a column's, are left at once)
  if (!/\d{4}|\d[/.]\d|-\d\d/.test(text) && !DAY_AND_MONTH_NAME.test(text)) return text;
  const year = (m: string, y: string, mo: number, d: number): string => (isCalendarDay(+y, mo, d) ? y : m);
  // (a word that is a month's name, its number; else 0, and the match is left as written)
  const month = (w: string): number => monthNumber(w) ?? 0;
  return text
    // (with dots or slashes, inside a chain on both sides only, a version's: "1.2019.01.01.3"; a range's or a path's dates are
    // dates, "2019.01.01/2019.02.01", "archive/2020/03/12/0045.dcm")
    .replace(ISO_IN_TEXT, (m, y: string, sep: string, mo: string, d: string, at: number, all: string) =>
      (sep !== '-' && /\d[./]$/.test(all.slice(Math.max(0, at - 2), at)) && /^[./]\d/.test(all.slice(at + m.length, at + m.length + 2)) ? m : year(m, y, +mo, +d)))
    .replace(DMY_IN_TEXT, (m, a: string, _s: string, b: string, y: string) => (isCalendarDay(+y, +b, +a) || isCalendarDay(+y, +a, +b) ? y : m))
    .replace(SHORT_DMY_IN_TEXT, (m, a1: string | undefined, b1: string | undefined, a2: string | undefined, b2: string | undefined, yy: string, at: number, all: string) => {
      const y = century(+yy), a = +(a1 ?? a2!), b = +(b1 ?? b2!);
      const before = all.slice(Math.max(0, at - 24), at);
      // (a measure's or a version's figures are no date: "TA 12/8/10", "version 10.11.12", "Chrome 12.10.20")
      if (SHORT_DATE_NOT_AFTER.test(before)) return m;
      return isCalendarDay(y, b, a) || isCalendarDay(y, a, b) ? String(y) : m;
    })
    .replace(SHORT_DAY_MONTH_NAME_IN_TEXT, (m, d: string, mon: string, yy: string) => year(m, String(century(+yy)), month(mon), +d))
    .replace(DAY_MONTH_NAME_IN_TEXT, (m, d: string, mon: string, y: string) => year(m, y, month(mon), +d))
    .replace(MONTH_NAME_DAY_IN_TEXT, (m, mon: string, d: string, y: string) => year(m, y, month(mon), +d))
    .replace(MONTH_NAME_YEAR_IN_TEXT, (m, mon: string, y: string) => (month(mon) ? y : m))
    .replace(MONTH_YEAR_IN_TEXT, (_m, y: string) => y)
    .replace(YEAR_MONTH_IN_TEXT, (_m, y: string) => y)
    // (no year left to keep: the day and the month go)
    .replace(DAY_MONTH_NAME_NO_YEAR, (m, d: string, mon: string) => (dayOfMonth(d, mon, NOT_MONTH_AFTER_DAY) ? '[DATE]' : m))
    .replace(MONTH_NAME_DAY_NO_YEAR, (m, mon: string, d: string) => (EN_MONTH_FIRST.test(mon) && !/^[A-Z]{3,4}$/.test(mon) && dayOfMonth(d, mon, NOT_MONTH_BEFORE_DAY) ? '[DATE]' : m));
}
/** Whether a day's figure and a word are a day of a month: 1-31 and a month's name, not one of `unless`'s words. */
function dayOfMonth(d: string, word: string, unless: RegExp): boolean {
  const n = +d;
  return n >= 1 && n <= 31 && monthNumber(word) !== undefined && !unless.test(word);
}
/** Lower-case words that are no month after a day: a verb ("3 may be"); French "3 mai" is one. */
const NOT_MONTH_AFTER_DAY = /^may$/;
/** Lower-case words that are no month before a day: a verb ("may 2"), "mar" for a Tuesday. */
const NOT_MONTH_BEFORE_DAY = /^(?:may|mar)$/;
/**
 * The month names that come before their day: English ones ("March 12"; French writes the day first — "Mars 12", "Mai 3" are
 * no dates), and not an abbreviation in capitals, an acronym as often: "SEP 10 ans" (multiple sclerosis), "OCT 3 mois".
 */
const EN_MONTH_FIRST = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)$/i;
/** yearsOfDatesIn's quick test for a day beside a month's name (the values with none are left at once; linear: bounded runs). */
const DAY_AND_MONTH_NAME = /\d(?:er|st|nd|rd|th)?[ \-\u00a0]{0,2}(?:of[ \u00a0])?(?:jan|f[eé]v|feb|mar|av|apr|ma[iy]|ju|ao|aug|sep|oct|nov|d[eé]c)|(?<!\p{L})(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}{0,6}\.?[ \u00a0]\d/iu;
/**
 * A day and a month's name, no year after them: "12 mars", "1er avril", "12-Mar", "3 May" — not before a figure that may be
 * a two-digit year ("12 mars 20"); an hour, another day and month or a measure may follow ("12 mars 14h30", "12 mars, 14
 * avril", "3 mai 20 mg").
 */
const DAY_MONTH_NAME_NO_YEAR = /(?<![\p{L}\d])(\d{1,2})(?:er|st|nd|rd|th)?(?:[ \-\u00a0]{1,2}(?:of[ \u00a0]+)?)?(\p{L}{3,9})\.?(?![\p{L}\d]|[ \u00a0,.\-]*\d+(?![\dh:]| ?\p{L}))/giu;
/**
 * A month's name and a day, no year after them: "March 12", "Mar 12th", "on June 3." — not a day's figure before it ("12
 * avril 20": the day first, and a year or a count), and the day ends the phrase or an hour, a list or a range follows it
 * ("May 3, 10:30", "June 3 and 4"; not "May 3 be given").
 */
const MONTH_NAME_DAY_NO_YEAR = /(?<![\p{L}\d])(?<!\d[ \u00a0\-])(\p{L}{3,9})\.?[ \u00a0](\d{1,2})(?:st|nd|rd|th)?(?=$|[ \u00a0]*[,.;:)\]/\n]|[ \u00a0]+(?:at|and|to|or|through|\d{1,2}[h:])(?![\p{L}]))(?![ \u00a0,.\-/]*\d+(?![\dh:]| ?\p{L}))/giu;
// (yearsOfDatesIn's layouts, compiled once: it runs on every distinct value of a column)
/** ISO, year first with '-', '/' or '.', with its time and zone: "2019-01-01", "2020/03/12", "2019-01-01/2019-02-01". */
// (with dots or slashes, a date inside a longer chain is a version's or a code's, "1.2019.01.01.3"; with dashes, a day of the
// calendar is a date even in a code — "lot 12-2020-03-15-A", a range "2020-03-12-2020-03-15" —: Safe Harbor keeps its year)
const ISO_IN_TEXT = /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|\s?[+-]\d{2}(?::?\d{2})?)?)?(?!\d)/g;
/** Day or month first: "12/03/2020", "3.4.2019", "12-03-2020", before a sentence's stop too, and a range's dates ("12/03/2020-15/03/2020"). */
const DMY_IN_TEXT = /(?<!\d|\d[./])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d|[./]\d)/g;
/** Day or month first with a two-digit year: with '/' ("12/03/20", "3/4/19"), or two digits each between dots ("12.03.20"; not a version's "1.2.10"). */
const SHORT_DMY_IN_TEXT = /(?<!\d|\d[./])(?:(\d{1,2})\/(\d{1,2})\/|(\d{2})\.(\d{2})\.)(\d{2})(?!\d|[./]\d)/g;
/** Words before figures that are a measure or a version, not a date with a two-digit year ("TA 12/8/10", "v 12.10.20"). */
const SHORT_DATE_NOT_AFTER = /(?:\b(?:TA|PA|BP|EVA|ENS|score|grade|stade|stage|cure|cycle|dose|version|vers\.?|v|release|build|logiciel|software|firmware|Chrome|Firefox|Safari|Edge|Windows|iOS|Android)|\d|[A-Za-z]\d*\.)\s*:?\s*$/i;
/** A day, a month's name and a two-digit year between dashes: "12-Mar-20", "05-MAR-24". */
const SHORT_DAY_MONTH_NAME_IN_TEXT = /(?<![\p{L}\d-])(\d{1,2})-(\p{L}{3,9})-(\d{2})(?![\p{L}\d]|-\d)/giu;
/** A day, a month's name, a year: "12 mars 2020", "1er avril 2021", "12-Mar-2020", "12 Mar. 2020", "12 mars, 2020". */
const DAY_MONTH_NAME_IN_TEXT = /(?<![\p{L}\d])(\d{1,2})(?:er|st|nd|rd|th)?(?:[ \-\u00a0]{1,2}(?:of[ \u00a0]+)?)?(\p{L}{3,9})\.?,?[ \-\u00a0]{1,2}(\d{4})(?!\d)/giu;
/** A month's name, a day, a year: "March 12, 2020", "Mar 12th 2020". */
const MONTH_NAME_DAY_IN_TEXT = /(?<![\p{L}\d])(\p{L}{3,9})\.?[ \u00a0](\d{1,2})(?:st|nd|rd|th)?,?[ \u00a0](\d{4})(?!\d)/giu;
/** A month's name and its year — an element of a date finer than the year: "mars 2020", "March 2020", "mars-2020", "mars de 2020". */
const MONTH_NAME_YEAR_IN_TEXT = /(?<![\p{L}\d])(\p{L}{3,9})\.?(?:,?[ \u00a0]|-|[ \u00a0](?:de|of)[ \u00a0])((?:19|20)\d{2})(?!\d)/giu;
/** A month and its year in digits, a year of 1900-2099 ("03/2020", "03/2020-04/2020"; not "ANCA 1/1280", "v1.2020"). */
const MONTH_YEAR_IN_TEXT = /(?<![\dA-Za-zÀ-ÿ]|\d[./])(?:0?[1-9]|1[0-2])[/.-]((?:19|20)\d{2})(?!\d|[./]\d)/g;
/** A year and its month ("2020-03", "2020/03"; not "R4127-12", an hour's "2020-10h30" nor a code's "2020-03-12-15"). */
const YEAR_MONTH_IN_TEXT = /(?<!\d|\d\.)((?:19|20)\d{2})[-/.](?:0[1-9]|1[0-2])(?![\dA-Za-zÀ-ÿ]|[./\-]\d)/g;
/**
 * A birth date's year and month, "YYYY-MM": ISO ("1955-08-14", "1955-8-14", "1955-08"), year first with slashes or dots,
 * compact ("19550814", HL7's "195508140930"), a month's name, a month and its year ("08/1955"), and a day and a month before
 * the year in the column's order ("14/08/1955" day first, "08/14/1955" month first: `order`, input.dateOrder or what the
 * column's values show; without one, only a value whose day is over 12 or equal to its month tells its month). Null when the
 * month cannot be known: never an impossible month ("1/16/1958" read day first was month 16) nor a day taken for one.
 */
function birthMonth(label: string, order: 'dmy' | 'mdy' | null): string | null {
  const t = label.trim();
  const ym = (y: string | number, m: number, d: number | null): string | null =>
    (d === null ? m >= 1 && m <= 12 : isCalendarDay(Number(y), m, d)) ? `${y}-${String(m).padStart(2, '0')}` : null;
  // (ISO, with its time; without its zeros, "1955-8-14"; year first with slashes or dots, "1955/08/14"; a month, "1955-08")
  const iso = /^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?(?=$|[T ])/.exec(t);
  if (iso) return iso[4] === undefined && iso[2] !== '-' ? null : ym(iso[1]!, Number(iso[3]), iso[4] === undefined ? null : Number(iso[4]));
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?=$|[T ,])/.exec(t);
  if (dmy) {
    const a = Number(dmy[1]), b = Number(dmy[2]);
    const o = order ?? (a === b ? 'dmy' : a > 12 && b <= 12 ? 'dmy' : b > 12 && a <= 12 ? 'mdy' : null);
    if (o === null) return null;
    return o === 'dmy' ? ym(dmy[3]!, b, a) : ym(dmy[3]!, a, b);
  }
  const my = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  if (my) return ym(my[2]!, Number(my[1]), null);
  const compact = /^((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{4}(?:\d{2})?)?$/.exec(t);
  if (compact && (t.length === 8 || compactDateTimeYear(t) !== null)) return ym(compact[1]!, Number(compact[2]), Number(compact[3]));
  const w = monthNameDate(t);
  return w ? ym(w.year, w.month, w.day) : null;
}
/**
 * The order of a column's dates written with a day and a month before the year: input.dateOrder when it says dmy or mdy,
 * else the column's own — day first when some value's first number is over 12 and none's second is, month first the other
 * way round —, else null (each value then tells its own, or not).
 */
function columnDateOrder(c: Column, declared: string | undefined): 'dmy' | 'mdy' | null {
  if (declared === 'dmy' || declared === 'mdy') return declared;
  let dayFirst = false, monthFirst = false;
  for (const l of c.dictionary) {
    const m = l === null ? null : /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}/.exec(l);
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  return dayFirst && !monthFirst ? 'dmy' : monthFirst && !dayFirst ? 'mdy' : null;
}
/**
 * Whether a text column's values are numbers but for placeholders ("NA", "?"): an age or a birth year read as text
 * because of them.
 */
function numbersAsText(c: Column): boolean {
  return c.kind === 'string' && everyLabel(c, /^\s*\d+(?:\.\d+)?\s*$/);
}
/** Whether a column has a value, and every value but the missing and the placeholders ("NA", "?") has the shape `re`. */
function everyLabel(c: Column, re: RegExp): boolean {
  let n = 0;
  for (const l of c.dictionary) {
    if (l === null || isPlaceholder(l)) continue;
    if (!re.test(l)) return false;
    n++;
  }
  return n > 0;
}
/**
 * Whether sampled text values read as dates (ISO date-times, day or month first): Safe Harbor keeps their year only. 90%
 * of them for a profile to take the column for dates; half when the policy asks to generalize it (the others become
 * missing, counted).
 */
function datesAsText(c: Column, share = 0.9): boolean {
  const sample = sampleValues(c, 50);
  return sample.length > 0 && sample.filter((v) => dateToYear(v) !== null).length >= share * sample.length;
}
/**
 * Ages written with their unit ("92 years", "95y", "92 ans", "6 months"), or numbers among them: 80% of the distinct values
 * that are neither missing nor placeholders. Under an age header, generalized as numeric ages are; a value that is no age
 * ("1 year 6 months") becomes missing and is counted — kept, the column kept its ages over 89 in clear.
 */
function agesAsText(c: Column): boolean {
  if (c.kind !== 'string') return false;
  let n = 0, ages = 0;
  for (const l of c.dictionary) {
    if (l === null || isPlaceholder(l)) continue;
    n++;
    if (ageInYears(l) !== null) ages++;
  }
  return n > 0 && ages >= 0.8 * n;
}
/** Words of a header naming a point in time ("discharge_ts", "createdAt", "event_time_ms", "admit_datetime", "horodatage"). */
const TIME_WORDS = new Set(['ts', 'timestamp', 'tstamp', 'time', 'datetime', 'date', 'dt', 'epoch', 'unix', 'horodatage', 'heure']);
/** Words of a header naming a duration ("wait_time", "time_to_event", "length_of_stay"): no point in time. */
const DURATION_WORDS = new Set(['duration', 'wait', 'waiting', 'delay', 'elapsed', 'length', 'los', 'since', 'until', 'to', 'spent', 'interval', 'duree', 'delai', 'attente', 'temps']);
function timeHeader(name: string): boolean {
  const w = headerWords(name.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  if (w.some((x) => DURATION_WORDS.has(x))) return false;
  return w.some((x) => TIME_WORDS.has(x)) || (w.length > 1 && w[w.length - 1] === 'at');
}
/**
 * A column of Unix times under a header naming a time: the unit of its values (epochUnit: seconds or milliseconds, 1900 to
 * 2100, not a duration's small numbers), else null. Safe Harbor keeps their year only.
 */
function epochColumn(c: Column): 's' | 'ms' | null {
  if (!(c.kind === 'integer' || c.kind === 'decimal' || numbersAsText(c)) || !timeHeader(c.name)) return null;
  const values: number[] = [];
  for (const l of c.dictionary) if (l !== null && !isPlaceholder(l)) values.push(Number(l));
  return epochUnit(values);
}

/**
 * A column of Excel's serial dates (days since 1899-12-30, 1900 system) under a date's header ("admit_date" = 43224, a day of
 * 2018): every value a whole number of 1-73050 (1900-2100), most of them 20000-60000 (1954-2064). Kept as numbers, they were
 * a day in clear. Not under a time's or a duration's header alone ("wait_time", "los_days").
 */
function excelSerialColumn(c: Column): boolean {
  if (!(c.kind === 'integer' || numbersAsText(c))) return false;
  const w = headerWords(c.name.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  if (w.some((x) => DURATION_WORDS.has(x)) || !(w.some((x) => x === 'date' || x === 'dt' || x === 'dte' || x === 'dob' || x === 'ddn') || birthHeader(c.name))) return false;
  let n = 0, mid = 0;
  for (const l of c.dictionary) {
    if (l === null || isPlaceholder(l)) continue;
    if (!/^\s*\d{1,5}\s*$/.test(l)) return false;
    const v = Number(l);
    if (v < 1 || v > 73050) return false;
    n++;
    if (v >= 20000 && v <= 60000) mid++;
  }
  return n > 0 && mid > 0.5 * n;
}
/** An Excel serial date's year (1900 system: 1-60 are days of early 1900, 60 its false 29 February). */
function excelSerialYear(label: string): string {
  const v = Number(label);
  return v <= 60 ? '1900' : String(new Date(Date.UTC(1899, 11, 30) + v * 86400000).getUTCFullYear());
}
/**
 * A number whose last digits a spreadsheet lost: written in scientific notation ("1,55088E+14", "1.55088E+14", as Excel
 * shows a long number in a narrow cell), or read so as a floating-point number whose integer part, 11 digits or more, ends
 * in five zeros or more ("155088000000000.0"). As an identifier, two people's numbers become one.
 */
function lostDigits(label: string, kind: ColumnKind): boolean {
  if (/^\s*-?\d(?:[.,]\d+)?[eE]\+\d{1,3}\s*$/.test(label)) return true;
  return kind === 'decimal' && /^\d{6,}0{5}(?:\.0*)?$/.test(label.trim());
}

/**
 * Applies the policy's column actions to a table. `key` may be null when no column needs one
 * (drop/keep/generalize only); otherwise a missing key is an 'invalid-key' error (exit 2).
 */
export function pseudonymizeTable(table: Table, policy: PseudonymizePolicy, key: PseudonymKey | null, options: PseudonymizeOptions = {}): PseudonymizeResult {
  const ps = policy.pseudonymize ?? {};
  const profile = ps.profile ?? null;
  const domain = ps.domain ?? '';
  const maxShift = ps.dateShiftDays ?? DEFAULT_SHIFT_DAYS;
  const report: PseudonymizeReport = { tokenVersion: TOKEN_VERSION, profile, rows: table.rowCount, columns: [], dropped: [], warnings: [] };
  const issues: { path: string; message: string }[] = [];
  // (values the actions cannot take: the input's fault, not the policy's — invalid-input, with file and line)
  const dataIssues: { path: string; message: string }[] = [];
  const where = options.where ?? ((row: number) => `row ${row + 1}`);
  const personKeyName = Object.entries(policy.columns).find(([, c]) => c.role === 'person-key')?.[0];
  const personCol = personKeyName ? table.columns.find((c) => c.name === personKeyName) : undefined;
  for (const name of Object.keys(policy.columns)) {
    if (!table.columns.some((c) => c.name === name)) report.warnings.push(`column "${name}" is in the policy but not in the input`);
  }
  // (a placeholder for a missing id — "-", "inconnu", "NA", "?" — is no person: its rows are rows whose person key is
  // missing, never one person with one token and one date offset; counted once in a warning)
  const personPlaceholder = personCol ? Uint8Array.from(personCol.dictionary, (v) => (v !== null && isPlaceholder(v) ? 1 : 0)) : new Uint8Array(0);
  const personMissing = (code: number): boolean => personCol!.dictionary[code] === null || personPlaceholder[code] === 1;
  const placeholderWarned = new Set<string>();
  const warnPlaceholders = (col: Column): void => {
    if (placeholderWarned.has(col.name)) return;
    placeholderWarned.add(col.name);
    const ph = Uint8Array.from(col.dictionary, (v) => (v !== null && isPlaceholder(v) ? 1 : 0));
    let rows = 0;
    for (let r = 0; r < col.codes.length; r++) rows += ph[col.codes[r]!]!;
    if (rows) {
      report.warnings.push(`column "${col.name}": ${rows} row(s) hold a placeholder for a missing value ("-", "inconnu", "NA", "?"…), not an id: made missing${col === personCol ? ' (their rows have no person: no token, no date offset, no shared surrogates)' : ''} — one token for all of them would link different people`);
    }
  };
  // (an id a spreadsheet wrote in scientific notation lost its last digits: two people's "1,55088E+14" would share one token
  // and one date offset — refused, with file and line, never the value)
  const lostChecked = new Set<string>();
  const refuseLostDigits = (col: Column): void => {
    if (lostChecked.has(col.name)) return;
    lostChecked.add(col.name);
    const lost = Uint8Array.from(col.dictionary, (v) => (v !== null && lostDigits(v, col.kind) ? 1 : 0));
    if (!lost.includes(1)) return;
    let n = 0;
    const what = 'a number in scientific notation (as a spreadsheet shows a long number, "1,55E+14"): its last digits are lost, and different people would share one token';
    for (let r = 0; r < col.codes.length; r++) {
      if (lost[col.codes[r]!] && ++n <= MAX_LINES_SHOWN) dataIssues.push({ path: `${where(r)}: column ${JSON.stringify(col.name)}`, message: `${what}; export the column as text from the source system (or format it as Text before the spreadsheet saves it), or mark the value missing` });
    }
    if (n > MAX_LINES_SHOWN) dataIssues.push({ path: `column ${JSON.stringify(col.name)}`, message: `${n} value(s) in all are in scientific notation (the first ${MAX_LINES_SHOWN} above)` });
  };

  // 1. decide an action per column
  interface Plan { c: Column; action: Action | 'redact' | 'redact-identifiers'; reason: string; detected?: IdentifierKind; found?: Map<number, Span[]>; monthYear?: boolean; unsafe?: boolean; datesInText?: boolean }
  const plans: Plan[] = [];
  for (const c of table.columns) {
    const cp = own(policy.columns, c.name);
    const path = `columns.${c.name}`;
    if (cp?.text && cp.action !== 'drop' && cp.action !== 'keep') { plans.push({ c, action: 'redact', reason: 'free text (text: true): names, dates and identifiers replaced' }); continue; }
    // (a person key of tokens already — ingest's, pseudonymized upstream — is no identifier in clear)
    if (cp?.action === 'keep' && (cp.role === 'identifier' || cp.role === 'person-key') && !allTokens(c)) {
      // (the unsafe choice is explicit and reported: a name, a NIR or a person's raw id released in clear)
      plans.push({ c, action: 'keep', reason: `UNSAFE: role ${cp.role} kept in clear (action keep set in the policy)`, unsafe: true });
      report.warnings.push(`column "${c.name}" is declared ${cp.role === 'identifier' ? 'a direct identifier (role identifier)' : 'the person key'} and kept in clear (action: keep): UNSAFE, its values identify persons; use action: pseudonymize or drop unless this output stays with the data controller`);
      continue;
    }
    if (cp?.action === 'keep') {
      // (kept as declared, but the values are a direct identifier's — a NIR under role quasi —: the unsafe choice is reported)
      const det = detectIdentifierColumn(c.name, sampleValues(c));
      // (a FINESS names an establishment, no person)
      if (det && DIRECT_KINDS.has(det.kind) && det.kind !== 'finess' && !allTokens(c)) {
        plans.push({ c, action: 'keep', reason: `UNSAFE: holds ${det.kind} values (detector), kept in clear (action keep set in the policy)`, unsafe: true, detected: det.kind });
        report.warnings.push(`column "${c.name}" holds direct identifiers (${det.kind}) and is kept in clear (action: keep): UNSAFE, its values identify persons; use action: pseudonymize or drop unless this output stays with the data controller`);
        continue;
      }
    }
    if (cp?.action) { plans.push({ c, action: cp.action, reason: 'action set in the policy' }); continue; }
    if (cp?.role === 'identifier') { plans.push({ c, action: 'drop', reason: 'role identifier (default action: drop)' }); continue; }
    if (cp?.role === 'person-key') { plans.push({ c, action: 'pseudonymize', reason: 'person key (default action: keyed pseudonym)' }); continue; }
    const det = c.kind === 'string' || profile || !cp ? detectIdentifierColumn(c.name, sampleValues(c)) : null;
    const kind = det?.kind;
    if (kind && DIRECT_KINDS.has(kind) && (!cp || profile)) {
      plans.push({ c, action: 'drop', reason: `${cp ? `role ${cp.role}` : 'not in the policy'} but holds ${kind} values (detector): dropped`, detected: kind });
      report.warnings.push(`column "${c.name}" holds direct identifiers (${kind}) but is ${cp ? `declared ${cp.role}` : 'not declared'}: dropped; declare it role identifier with an action to change this`);
      continue;
    }
    if (profile) {
      // (an undeclared column the profile generalizes or drops is reported, as any undeclared column is)
      const byProfile = (plan: Plan): void => {
        plans.push(plan);
        if (!cp) report.warnings.push(`column "${c.name}" is not in the policy: ${plan.action === 'drop' ? 'dropped' : 'generalized'} by the profile (${plan.reason}); declare it to say so`);
      };
      // (a column declared birthDate: true is a birth date whatever its header: half its values dates, as an explicit generalize asks)
      const declaredBirth = cp?.birthDate === true;
      const isDate = c.kind === 'date' || kind === 'birth-date' || (c.kind === 'string' && datesAsText(c, declaredBirth ? 0.5 : 0.9)) || compactDates(c);
      const birth = declaredBirth || kind === 'birth-date' || birthHeader(c.name);
      if (profile === 'safe-harbor' && safeHarborDropHeader(c.name)) { byProfile({ c, action: 'drop', reason: 'a geographic subdivision, a health plan, account or device number by its header (profile safe-harbor)' }); continue; }
      // (health plan numbers, accounts, biometrics, photographs, wristbands and employers by a word of their header: "MBI", "photo_path")
      const item = profile === 'safe-harbor' ? safeHarborItemHeader(c) : null;
      if (item) { byProfile({ c, action: 'drop', reason: `${item} by its header (profile safe-harbor)` }); continue; }
      // (an account's, a policy's, a medical record's or a visit's number by its header however abbreviated: "Acct #", "Med Rec #", "FIN")
      if (profile === 'safe-harbor' && numberColumn(c, isDate)) { byProfile({ c, action: 'drop', reason: 'an account, health plan, medical record or visit number by its header (profile safe-harbor)' }); continue; }
      // (a commune's code is a subdivision smaller than a state: Safe Harbor keeps none, where the French profile merges the small ones)
      if (profile === 'safe-harbor' && communeColumn(c)) { byProfile({ c, action: 'drop', reason: 'commune code: a geographic subdivision smaller than a state (profile safe-harbor)' }); continue; }
      if (kind === 'postal-code' || (zipHeader(c.name) && c.kind !== 'date')) { byProfile({ c, action: 'generalize', reason: profile === 'fr' ? 'postal code → département (profile fr)' : '5-digit ZIP → 3-digit ZIP, 000 under 20,000 people (profile safe-harbor)', detected: kind }); continue; }
      // (a second address line, an apartment: part of the street address, whatever its values — "Unit 12", "chez Mme Roux")
      if (profile === 'safe-harbor' && addressHeader(c.name) && !isDate) { byProfile({ c, action: 'drop', reason: 'a part of a street address by its header (profile safe-harbor)', detected: kind }); continue; }
      if (profile === 'fr' && communeColumn(c)) { byProfile({ c, action: 'generalize', reason: 'commune code: small communes merged (profile fr)' }); continue; }
      if (profile === 'safe-harbor' && isDate) { byProfile({ c, action: 'generalize', reason: birth ? 'birth date → year, 90+ over 89 at the reference date (profile safe-harbor)' : 'date → year (profile safe-harbor; ages over 89 → 90+ for birth dates)', detected: kind }); continue; }
      if (profile === 'safe-harbor' && !isDate && excelSerialColumn(c)) { byProfile({ c, action: 'generalize', reason: `Excel serial date → year (profile safe-harbor${birth ? '; a birth\'s, 90+ over 89 at the reference date' : ''})`, detected: kind }); continue; }
      const epoch = profile === 'safe-harbor' && !isDate ? epochColumn(c) : null;
      if (epoch) { byProfile({ c, action: 'generalize', reason: `Unix timestamp (${epoch === 's' ? 'seconds' : 'milliseconds'}) → year (profile safe-harbor; ages over 89 → 90+ for birth dates)`, detected: kind }); continue; }
      if (profile === 'fr' && isDate && birth) { byProfile({ c, action: 'generalize', reason: 'birth date → month and year (profile fr)', detected: kind, monthYear: true }); continue; }
      // (ages and birth years over 89 → 90+ in every profile, as birth dates are: a birth year of 1934 beside a birth date's
      // "90+" would undo it)
      // (and ages written with their unit, "92 years", "95y", "92 ans": reached only as numbers, they were kept in clear)
      if ((c.kind === 'integer' || c.kind === 'decimal' || numbersAsText(c) || agesAsText(c)) && ageHeader(c.name)) { byProfile({ c, action: 'generalize', reason: `age over 89 → 90+ (profile ${profile})` }); continue; }
      if ((c.kind === 'integer' || c.kind === 'decimal' || numbersAsText(c)) && ageUnitDays(c.name) !== null) { byProfile({ c, action: 'generalize', reason: `age in months, weeks or days over 89 years → 90+ (profile ${profile})` }); continue; }
      if (ageBandColumn(c)) { byProfile({ c, action: 'generalize', reason: `age band reaching above 89 → ${ageBandTop(c)} (profile ${profile})` }); continue; }
      if (((c.kind === 'integer' || numbersAsText(c)) && BIRTH_YEAR_HEADER.test(c.name)) || yearsUnderBirthHeader(c, declaredBirth)) { byProfile({ c, action: 'generalize', reason: `birth year of an age over 89 → 90+ (profile ${profile})` }); continue; }
      if (kind === 'city' || kind === 'address') { byProfile({ c, action: 'drop', reason: `${kind} (profile ${profile}): geographic unit smaller than allowed`, detected: kind }); continue; }
    }
    // an undeclared column of prose (notes pasted into an export): redacted, never kept as written — even with a few
    // values only (a column filled in 3 rows of 100 is still 3 notes)
    // (judged on its values, one by one: one note among stock sentences and codes is still a note)
    if (!cp && c.kind === 'string' && (proseShape(filledLabels(c), 1) !== null || filledLabels(c, Infinity).some((v) => proseShape([v], 1) !== null))) {
      plans.push({ c, action: 'redact', reason: 'not in the policy, reads as free text: names, dates and identifiers replaced' });
      report.warnings.push(`column "${c.name}" is not in the policy and reads as free text: redacted with the text recognizers; declare it (text: true) to say so`);
      continue;
    }
    // a kept text column whose values hold phone numbers, e-mails, NIRs… among other words ("Rappeler au
    // 06 12 34 56 78"): those are replaced, the rest kept (the column is not free text, so nothing else is touched)
    // (under Safe Harbor, also what its items B and C name inside the values: ages over 89 written with their unit, "93 y/o",
    // "94 ans"; street addresses, ZIP codes and towns, "12 Elm St Boston MA 02139"; birth dates, to their year or 90+)
    const safeHarbor = profile === 'safe-harbor';
    const embedded = c.kind === 'string' ? embeddedIdentifiers(c.dictionary, ps.lang, safeHarbor) : null;
    if (embedded) {
      const direct = embedded.labels.filter((l) => EMBEDDED.includes(l) || CUED.includes(l));
      const shWhat = SAFE_HARBOR_EMBEDDED.filter((l) => embedded.counts.has(l)).map((l) => `${SAFE_HARBOR_WHAT[l]} in ${embedded.counts.get(l)} distinct value(s)${l === 'BIRTHDATE' ? ' (→ their year, 90+ over 89)' : ''}`);
      // (the dates left once the spans are replaced: a birth date's is the span's)
      const dated = safeHarbor ? c.dictionary.filter((v, code) => {
        if (v === null) return false;
        const blank = (embedded.found.get(code) ?? []).reduce((t, x) => t.slice(0, x.start) + ' '.repeat(x.end - x.start) + t.slice(x.end), v);
        return yearsOfDatesIn(blank) !== blank;
      }).length : 0;
      const what = `${embedded.values} of ${distinctCount(c)} distinct value(s) hold ${embedded.labels.join(', ')}`;
      plans.push({ c, action: 'redact-identifiers', reason: `${cp ? `role ${cp.role}` : 'not in the policy'}; ${what}: replaced in the values, the rest kept${shWhat.length ? ' (profile safe-harbor)' : ''}`, detected: kind, found: embedded.found, datesInText: dated > 0 });
      report.warnings.push(`column "${c.name}": ${what}${direct.length ? ' (direct identifiers inside the text)' : ''}${shWhat.length ? ` — under Safe Harbor, ${shWhat.join(', ')}` : ''}: they were replaced${dated ? `, and ${dated} distinct value(s) hold dates, cut to their year ([DATE] for a day and a month without one)` : ''}; declare the column text: true to redact names and dates too, action: drop to drop it, or action: keep to keep it as written`);
      continue;
    }
    // (Safe Harbor keeps no date element finer than the year: dates too few for a date column, among other values — "voir
    // dossier" beside them — go to their year one by one, the other values kept; said with counts only)
    if (profile === 'safe-harbor' && c.kind === 'string') {
      const dated = c.dictionary.filter((v) => v !== null && yearsOfDatesIn(v) !== v).length;
      if (dated > 0) {
        plans.push({ c, action: 'generalize', datesInText: true, reason: `${cp ? `role ${cp.role}` : 'not in the policy'}; ${dated} distinct value(s) hold dates: each date → its year ([DATE] for a day and a month without one), the rest of the values kept (profile safe-harbor)`, detected: kind });
        report.warnings.push(`column "${c.name}"${cp ? '' : ' is not in the policy'}: ${dated} of ${distinctCount(c)} distinct value(s) hold dates, cut to their year ([DATE] for a day and a month without one), the rest of the values kept (Safe Harbor keeps no date element finer than the year); declare action: drop to drop the column`);
        continue;
      }
    }
    if (!cp) report.warnings.push(`column "${c.name}" is not in the policy: kept as it is`);
    plans.push({ c, action: 'keep', reason: cp ? `role ${cp.role}` : 'not in the policy, no identifier detected', detected: kind });
    void path;
  }

  const needsKey = plans.some((p) => p.action === 'pseudonymize' || p.action === 'shift-dates' || ((p.action === 'redact' || p.action === 'redact-identifiers') && (ps.textReplacement === 'pseudonym')));
  if (needsKey && !key) throw new AnonymatError('invalid-key', 'this policy pseudonymizes or shifts dates: a key is required (--key-file <file> or the environment variable named by pseudonymize.keyEnv, default ANONYMAT_KEY)');

  // 2. apply (free text, the long part, reports its progress: each distinct text redacted once)
  const textsInAll = options.onProgress ? plans.reduce((n, p) => n + (p.action === 'redact' ? p.c.dictionary.filter((v) => v !== null).length : 0), 0) : 0;
  let textsDone = 0;
  const tick = (column: string): void => { textsDone++; if ((textsDone & 63) === 0 || textsDone === textsInAll) options.onProgress?.(textsDone, textsInAll, column); };
  const out: Column[] = [];
  const corr: { column: string; old: string; neu: string }[] = [];
  let ref: { year: number; date: string; today: boolean } | undefined;
  const useRef = (): number => {
    if (!ref) {
      ref = referenceYear(policy);
      report.referenceDate = ref.date;
      if (ref.today) report.warnings.push(`ages are counted at today's date (${ref.date}): set pseudonymize.referenceDate for output that does not change with the run's date`);
    }
    return ref.year;
  };
  // (dates released as their year, and ages at an event: together they tell a birth year — see topCodeEventAges)
  const eventYears: Column[] = [];
  const eventAges: { source: Column; at: number }[] = [];
  for (const p of plans) {
    const c = p.c;
    const distinctBefore = distinctCount(c);
    const rep: ColumnReport = { column: c.name, action: p.action, reason: p.reason, distinctBefore };
    if (p.detected) rep.detected = p.detected;
    if (p.unsafe) { rep.unsafe = true; (report.unsafe ??= []).push(c.name); }
    report.columns.push(rep);
    switch (p.action) {
      case 'drop': report.dropped.push(c.name); continue;
      case 'keep': out.push(c); rep.distinctAfter = distinctBefore; continue;
      case 'pseudonymize': {
        // (each value normalized by its own shape, never by its column's: an e-mail address is lower-cased, a phone number
        // reduced to its digits, a name folded, whatever the other rows hold — a person's id by the same rule as its date
        // offset, its letters' case kept)
        // (words fold to a name's form — accents, spaces, case — in a column whose header names a name only: elsewhere a code
        // keeps its case as in the person key, so that a mother's "pat-fr" or "Pat-Fr" gets that patient's token; by the
        // header, not by the values, so that the same column gives the same tokens in every file and row order)
        const normalize: Normalizer = c === personCol || !isNameHeader(c.name) ? 'id' : 'auto';
        // (a placeholder, "-", "inconnu", "NA", is missing, never a token that every such row would share)
        refuseLostDigits(c);
        warnPlaceholders(c);
        const col = mapColumn(c, (l) => (isPlaceholder(l) ? null : pseudonym(key!, l, { domain, normalize })), 'string');
        if (options.previousKey) {
          for (const l of c.dictionary) if (l !== null && !isPlaceholder(l)) corr.push({ column: c.name, old: pseudonym(options.previousKey, l, { domain, normalize }), neu: pseudonym(key!, l, { domain, normalize }) });
        }
        out.push(col); rep.distinctAfter = distinctCount(col);
        continue;
      }
      case 'shift-dates': {
        if (!personCol) { issues.push({ path: `columns.${c.name}.action`, message: 'shift-dates needs a column with role person-key in the input (one offset per person)' }); continue; }
        refuseLostDigits(personCol);
        warnPlaceholders(personCol);
        const offsets = new Int32Array(personCol.dictionary.length);
        const known = new Uint8Array(personCol.dictionary.length);
        // (the person's id normalized as its token is, by its own shape: "2 55 08 …", "255081…" and "p1 " are one person,
        // one offset, and so are "Marie@Example.org" and "marie@example.org" in any file)
        const offsetOf = (pc: number): number => {
          if (!known[pc]) { const id = personCol.dictionary[pc]; offsets[pc] = id === null || id === undefined ? 0 : personDateOffset(key!, normalizeValue(id, 'id'), maxShift, domain); known[pc] = 1; }
          return offsets[pc]!;
        };
        if (c.kind === 'date' && c.numbers) {
          const days = new Float64Array(table.rowCount);
          for (let r = 0; r < days.length; r++) {
            const d = c.numbers[c.codes[r]!]!;
            const pc = personCol.codes[r]!;
            days[r] = Number.isNaN(d) || personMissing(pc) ? NaN : d + offsetOf(pc);
          }
          const col = dateColumnFromDays(c.name, days);
          out.push(col); rep.distinctAfter = distinctCount(col);
        } else {
          // text dates (ISO date-times): shift per row, keep the time part
          const labels: (string | null)[] = new Array(table.rowCount);
          let bad = 0;
          for (let r = 0; r < labels.length; r++) {
            const l = c.dictionary[c.codes[r]!];
            const pc = personCol.codes[r]!;
            if (l === null || l === undefined || personMissing(pc)) { labels[r] = null; continue; }
            const s = shiftIsoDate(l, offsetOf(pc));
            if (s !== null) { labels[r] = s; continue; }
            labels[r] = null;
            // (a value that cannot be shifted is bad data, said where it stands — file and line — and why, never quoted: the
            // first few, then a count)
            if (++bad <= MAX_LINES_SHOWN) dataIssues.push({ path: `${where(r)}: column ${JSON.stringify(c.name)}`, message: `cannot shift this value (action shift-dates): ${whyNotShiftable(l)}` });
          }
          if (bad > MAX_LINES_SHOWN) dataIssues.push({ path: `column ${JSON.stringify(c.name)}`, message: `${bad} value(s) in all cannot be shifted (the first ${MAX_LINES_SHOWN} above)` });
          const distinct = [...new Set(labels.filter((x): x is string => x !== null))].sort();
          const idx = new Map(distinct.map((l, i) => [l, i] as const));
          const codes = new Int32Array(labels.length);
          let miss = false;
          for (let r = 0; r < labels.length; r++) { const l = labels[r]; if (l === null || l === undefined) { codes[r] = distinct.length; miss = true; } else codes[r] = idx.get(l)!; }
          const col = columnFromCodes(c.name, 'string', codes, miss ? [...distinct, null] : distinct);
          out.push(col); rep.distinctAfter = distinct.length;
        }
        report.dateShiftDays = maxShift;
        continue;
      }
      case 'generalize': {
        const kind = p.detected ?? detectIdentifierColumn(c.name, sampleValues(c))?.kind;
        let col: Column | null = null;
        let bad = 0;
        const count = <T>(v: T | null): T | null => { if (v === null) bad++; return v; };
        // (a placeholder, "NA", "?", becomes missing without counting as a value that could not be generalized)
        const generalized = (col: Column, f: (label: string) => string | null, kind: ColumnKind): Column => mapColumn(col, (l) => (isPlaceholder(l) ? null : f(l)), kind);
        const declaredBirth = own(policy.columns, c.name)?.birthDate === true;
        const birth = declaredBirth || kind === 'birth-date' || birthHeader(c.name) || BIRTH_YEAR_HEADER.test(c.name);
        const zip = kind === 'postal-code' || zipHeader(c.name);
        const frThreshold = ps.communeThreshold ?? DEFAULT_COMMUNE_THRESHOLD;
        if (p.datesInText) {
          // (a text column with some dates: each date → its year, every other value as written)
          col = mapColumn(c, (l) => yearsOfDatesIn(l), 'string');
        } else if (zip && c.kind !== 'date') {
          // (before the numbers: a ZIP read as an integer is still a ZIP)
          // (a French postal code read as a number lost its leading zero: "1000" is 01000, Ain)
          // (a column named a ZIP3 whose values have 3 digits or fewer is one already: "100" stays 100; under another header, 3
          // digits are a ZIP5 that lost its zeros when read as a number — Puerto Rico's 00601 is 601 — and go to their ZIP3, 006)
          const zip3 = profile === 'safe-harbor' && zip3Header(c.name) && zip3Column(c);
          col = generalized(c, (l) => count(zip3 ? (RESTRICTED_ZIP3.has(l.trim().padStart(3, '0')) ? '000' : l.trim().padStart(3, '0'))
            : profile === 'safe-harbor' ? safeHarborZip(l) : departementUnit(postalCodeToDepartement(/^\d{4}$/.test(l.trim()) ? `0${l.trim()}` : l), frThreshold)), 'string');
        } else if (c.kind === 'date' || kind === 'birth-date' || (c.kind === 'string' && datesAsText(c, 0.5)) || compactDates(c)) {
          // (a birth date in any profile: a person over 89 at the reference date becomes "90+", as ages and birth years do —
          // a birth year of 1930 beside an age of "90+" would undo it)
          if (birth && !p.monthYear) {
            const y = useRef();
            col = generalized(c, (l) => count(safeHarborBirthYear(l, y)), 'string');
          } else if (p.monthYear) {
            // (the month and the year: "1955-08-14" → "1955-08"; the day is what singles people out most)
            const y = useRef();
            // (no birth year to release — a two-digit year, "05-MAR-30", may be a century older — no month either: missing)
            // (the month in the column's order — input.dateOrder, or what its values show —; a month that cannot be known,
            // "04/08/1955" with no order, or impossible in the order, "1/16/1958" day first, is missing and counted)
            const declaredOrder = policy.input?.dateOrder;
            const order = columnDateOrder(c, declaredOrder);
            let unknownMonth = 0;
            col = generalized(c, (l) => {
              const b = safeHarborBirthYear(l, y);
              if (b === null || b === '90+') return count(b);
              const m = birthMonth(l, order);
              if (m === null) unknownMonth++;
              return m;
            }, 'string');
            if (unknownMonth) {
              report.warnings.push(`column "${c.name}": ${unknownMonth} distinct birth date(s) whose month cannot be known made missing — ${declaredOrder === 'dmy' || declaredOrder === 'mdy' ? `a month over 12 or a day the calendar lacks when read ${declaredOrder === 'dmy' ? 'day' : 'month'} first (input.dateOrder ${declaredOrder}): check input.dateOrder or correct the values` : 'a day and a month both 12 or less with no input.dateOrder and no value telling the column\'s order (or values of both orders), or a month over 12: declare input.dateOrder (dmy or mdy) or correct the values'}`);
            }
          } else { col = generalized(c, (l) => count(dateToYear(l) ?? (/^\d{4}$/.test(l) ? l : null)), 'integer'); eventYears.push(col); }
        } else if (excelSerialColumn(c)) {
          // (an Excel serial date → its year; a birth's → 90+ over 89 at the reference date, as birth dates)
          if (birth) { const y = useRef(); col = generalized(c, (l) => count(safeHarborBirthYear(excelSerialYear(l), y)), 'string'); }
          else { col = generalized(c, (l) => excelSerialYear(l), 'integer'); eventYears.push(col); }
        } else if (epochColumn(c)) {
          // (a Unix time → its year, UTC; a birth's → 90+ over 89 at the reference date, as birth dates)
          const unit = epochColumn(c)!;
          const year = (l: string): string | null => { const n = Number(l); return Number.isFinite(n) ? String(epochYear(n, unit)) : null; };
          if (birth) { const y = useRef(); col = generalized(c, (l) => { const yr = year(l); return count(yr === null ? null : safeHarborBirthYear(yr, y)); }, 'string'); }
          else { col = generalized(c, (l) => count(year(l)), 'integer'); eventYears.push(col); }
        } else if (((c.kind === 'integer' || numbersAsText(c)) && (BIRTH_YEAR_HEADER.test(c.name) || declaredBirth)) || yearsUnderBirthHeader(c, declaredBirth)) {
          const y = useRef();
          col = generalized(c, (l) => count(safeHarborBirthYear(l.trim(), y)), 'string');
        } else if ((c.kind === 'integer' || c.kind === 'decimal' || numbersAsText(c) || agesAsText(c)) && ageHeader(c.name)) {
          col = generalized(c, (l) => count(topCodeAgeText(l)), 'string');
          if (eventAgeHeader(c.name)) eventAges.push({ source: c, at: out.length });
        } else if ((c.kind === 'integer' || c.kind === 'decimal' || numbersAsText(c)) && ageUnitDays(c.name) !== null) {
          const days = ageUnitDays(c.name)!;
          col = generalized(c, (l) => count(topCodeAgeInUnit(l, days)), 'string');
        } else if (ageBandColumn(c)) {
          const top = ageBandTop(c);
          col = generalized(c, (l) => count(topCodeAgeBand(l, top)), 'string');
        } else if (kind === 'postal-code') {
          col = generalized(c, (l) => count(profile === 'safe-harbor' ? safeHarborZip(l) : departementUnit(postalCodeToDepartement(l), frThreshold)), 'string');
        } else if (communeColumn(c)) {
          const th = ps.communeThreshold ?? DEFAULT_COMMUNE_THRESHOLD;
          col = generalized(c, (l) => count(mergeSmallCommune(l, th)), 'string');
        }
        if (!col) { issues.push({ path: `columns.${c.name}.action`, message: notGeneralizable(c) }); continue; }
        if (bad) report.warnings.push(`column "${c.name}": ${bad} distinct value(s) could not be generalized and became missing`);
        out.push(col); rep.distinctAfter = distinctCount(col);
        continue;
      }
      case 'redact-identifiers': {
        // only the identifiers found (the same spans), each value replaced in its own language (one replacer per language)
        const replacers = new Map<string, Replacer>();
        const replacerOf = (lang: 'fr' | 'en', k: PseudonymKey | undefined): Replacer => {
          const rk = `${lang}\0${k === key ? 'new' : 'old'}`;
          let r = replacers.get(rk);
          if (!r) { r = new Replacer({ lang, replacement: ps.textReplacement ?? 'tag', key: k, domain }); replacers.set(rk, r); }
          return r;
        };
        // (Safe Harbor: a birth date in the text goes to its year, 90+ over 89 at the reference date — by the replacer when it has
        // no year to release — and every other date to its year)
        const birthYear = profile === 'safe-harbor' && [...p.found!.values()].some((spans) => spans.some((x) => x.label === 'BIRTHDATE')) ? useRef() : null;
        const replaced = (v: string, spans: Span[], r: Replacer): string => {
          if (birthYear === null) return applyReplacements(v, spans, r);
          let text = '', pos = 0;
          for (const x of spans) {
            const part = v.slice(x.start, x.end);
            text += v.slice(pos, x.start) + (x.label === 'BIRTHDATE' ? safeHarborBirthYear(part, birthYear) ?? r.replace(x.label, part) : r.replace(x.label, part));
            pos = x.end;
          }
          return text + v.slice(pos);
        };
        const col = mapColumn(c, (v, code) => {
          const spans = p.found!.get(code);
          if (!spans) return p.datesInText ? yearsOfDatesIn(v) : v;
          const lang = ps.lang && ps.lang !== 'auto' ? ps.lang : detectLanguage(v);
          const text = replaced(v, spans, replacerOf(lang, key ?? undefined));
          // (key rotation: the tokens inside the text are listed too, old beside new — the same spans, so the same order)
          if (options.previousKey && ps.textReplacement === 'pseudonym') pairTextTokens(c.name, text, replaced(v, spans, replacerOf(lang, options.previousKey)), corr);
          return p.datesInText ? yearsOfDatesIn(text) : text;
        }, 'string');
        out.push(col); rep.distinctAfter = distinctCount(col);
        continue;
      }
      case 'redact': {
        const replacement = ps.textReplacement ?? 'tag';
        if (options.previousKey && replacement === 'surrogate' && key) {
          report.warnings.push(`column "${c.name}": its surrogates (made-up names, shifted dates) are drawn with the key and are not tokens: the correspondence cannot list them and --rekey leaves them as the previous key made them; to re-key such a table, pseudonymize the originals with the new key`);
        }
        if (replacement === 'surrogate' && key && personCol) {
          refuseLostDigits(personCol);
          warnPlaceholders(personCol);
          // (surrogates per person: a person's notes share their surrogates and the date offset of the shift-dates columns —
          // a note's "12/03/2020" moves with the visit_date beside it — and the release's domain; each distinct text is
          // recognized once)
          const spansOf = new Map<number, { lang: 'fr' | 'en'; spans: Span[] }>();
          const replacers = new Map<string, Replacer>();
          const labels: (string | null)[] = new Array(table.rowCount);
          for (let r = 0; r < table.rowCount; r++) {
            const code = c.codes[r]!, v = c.dictionary[code];
            if (v === null || v === undefined) { labels[r] = null; continue; }
            let rec = spansOf.get(code);
            if (!rec) {
              tick(c.name);
              const lang = ps.lang && ps.lang !== 'auto' ? ps.lang : detectLanguage(v);
              rec = { lang, spans: recognize(v, { lang }) };
              spansOf.set(code, rec);
            }
            const pc = personCol.codes[r]!, pid = personCol.dictionary[pc];
            const id = pid === null || pid === undefined || personMissing(pc) ? null : normalizeValue(pid, 'id');
            const rk = `${rec.lang}\0${id ?? ''}`;
            let rp = replacers.get(rk);
            if (!rp) {
              rp = new Replacer(id === null
                ? { lang: rec.lang, replacement, key, domain }
                : { lang: rec.lang, replacement, key, domain, scope: 'person', personId: id, dateShift: personDateOffset(key, id, maxShift, domain) });
              replacers.set(rk, rp);
            }
            labels[r] = applyReplacements(v, rec.spans, rp);
          }
          const col = columnFromValues(c.name, labels, 'string');
          out.push(col); rep.distinctAfter = distinctCount(col);
          continue;
        }
        const texts = redactTexts(c.dictionary, { lang: ps.lang ?? 'auto', replacement, key: key ?? undefined, domain }, () => tick(c.name));
        if (options.previousKey && replacement === 'pseudonym') {
          // (key rotation: the notes' tokens, old beside new, in the correspondence — --rekey replaces them inside the text;
          // the texts are redacted a second time with the previous key, which doubles the rotation's cost for them)
          const oldTexts = redactTexts(c.dictionary, { lang: ps.lang ?? 'auto', replacement, key: options.previousKey, domain });
          for (let code = 0; code < texts.length; code++) { const t = texts[code], o = oldTexts[code]; if (t && o) pairTextTokens(c.name, t, o, corr); }
        }
        const col = mapColumn(c, (_l, code) => texts[code] ?? null, 'string');
        out.push(col); rep.distinctAfter = distinctCount(col);
        continue;
      }
    }
  }
  if (issues.length) throw new AnonymatError('invalid-policy', `the pseudonymization policy cannot be applied (${issues.length} problem(s))`, [...issues, ...dataIssues]);
  if (dataIssues.length) throw new AnonymatError('invalid-input', `${options.source ?? 'the input'}: some values cannot be pseudonymized as the policy asks`, dataIssues);
  if (eventAges.length && eventYears.length) {
    if (!ref) { ref = referenceYear(policy); report.referenceDate = ref.date; if (ref.today) report.warnings.push(`ages are counted at today's date (${ref.date}): set pseudonymize.referenceDate for output that does not change with the run's date`); }
    for (const { source, at } of eventAges) {
      const { column, made } = topCodeEventAges(out[at]!, source, eventYears, ref.year);
      if (!made) continue;
      out[at] = column;
      const rep = report.columns.find((x) => x.column === source.name);
      if (rep) rep.distinctAfter = distinctCount(column);
      report.warnings.push(`column "${source.name}": ${made} age(s) at an event beside a year released in the same row tell a birth year 90 years or more before the reference date (an age over 89, which Safe Harbor aggregates): made missing`);
    }
  }
  const result: PseudonymizeResult = { table: makeTable(out), report };
  if (options.previousKey) result.correspondence = correspondenceTable(corr);
  return result;
}

/**
 * Direct identifiers that the text recognizers find, with a high score, inside the values of a
 * column that is not free text: phone numbers, e-mail addresses, NIRs with a valid key, valid US
 * SSNs, IBANs (not IP addresses: "10.2.0.1" may be a version). Names and dates are left out on purpose (a category such as "Maladie de Parkinson"
 * or a date column is no leak); a column of prose is redacted whole instead (text: true).
 */
const EMBEDDED_MIN_SCORE: Partial<Record<TextLabel, number>> = { PHONE: 0.8, EMAIL: 0.8, NIR: 1, SSN: 0.8, IBAN: 0.8 };
const EMBEDDED = Object.keys(EMBEDDED_MIN_SCORE) as TextLabel[];
/** Numbers of a person or a stay that their cue names right before them, whatever their score or key (CUE_BEFORE). */
const CUED: TextLabel[] = ['NIR', 'SSN', 'IPP', 'NDA', 'MRN', 'RPPS'];
/** A cue ending the text before a number: "secu", "sécurité sociale", "NIR", "NSS", "INS", "IPP", "NDA", "RPPS", "MRN", "SSN", with ":", "n°", "#". */
const CUE_BEFORE = /(?<!\p{L})(?:s[ée]cu(?:rit[ée] sociale)?|nir|nia|nss|ins|ipp|nip|nda|rpps|adeli|mrn|ssn)(?:\s*(?:n°|no\.?|num[ée]ro|#|:|=|-))*\s*$/iu;
/**
 * Under Safe Harbor, also what its items B and C name, as the recognizers find it (their AGE spans are ages over 89 only):
 * ages over 89 written in words or with their unit ("93 y/o", "94 ans", "nonagénaire"), street addresses, ZIP codes, towns,
 * and birth dates (replaced by their year, 90+ over 89 at the reference date). Every span the recognizers give: in a
 * kept column, a false one costs a word of a value; a true one missed releases it.
 */
// (and every identifier's label the recognizers give, whatever its score, as HIPAA's items D-R name them: a URL, an IP address,
// a record's, a licence's, a vehicle's, an account's or a plan's number, a fax — "MRN 00123456", "DL S12345678", "fax
// 6175550199", "Medicare 1EG4TE5MK73" were kept; not names nor hospitals, which categories and places share)
const SAFE_HARBOR_MIN_SCORE: Partial<Record<TextLabel, number>> = { AGE: 0, ADDRESS: 0, ZIP: 0, CITY: 0, BIRTHDATE: 0,
  PHONE: 0, EMAIL: 0, NIR: 0, SSN: 0, IBAN: 0, IPP: 0, NDA: 0, MRN: 0, RPPS: 0, ID: 0, URL: 0, IP: 0 };
const SAFE_HARBOR_EMBEDDED = Object.keys(SAFE_HARBOR_MIN_SCORE) as TextLabel[];
const SAFE_HARBOR_WHAT: Partial<Record<TextLabel, string>> = { AGE: 'ages over 89', ADDRESS: 'street addresses', ZIP: 'ZIP codes', CITY: 'towns', BIRTHDATE: 'birth dates',
  PHONE: 'phone or fax numbers', EMAIL: 'e-mail addresses', NIR: 'NIRs', SSN: 'SSNs', IBAN: 'IBANs', IPP: 'patient numbers', NDA: 'stay numbers', MRN: 'medical record numbers',
  RPPS: 'practitioner numbers', ID: 'other identifying numbers', URL: 'URLs', IP: 'IP addresses' };
/**
 * A birth's cue before a date or a year ("née 12/03/1931", "b. 03/12/1931", "born 1931", "YOB 1930", "birth: 1931"): the date
 * is a birth date, the year a birth year — kept as "née 1931", 94 at the reference date, where "né le …" gave 90+.
 */
const BIRTH_CUE = /(?<!\p{L})(?:n[ée]e?|n[ée]\(e\)|b\.|born|birth|dob|yob|ddn|naissance)\s*(?:le|on|in|en)?\s*:?\s*$/iu;
/** A year after a birth's cue (BIRTH_CUE). */
const CUED_BIRTH_YEAR = /(?<!\p{L})(?:n[ée]e?|n[ée]\(e\)|b\.|born|birth|dob|yob|ddn|naissance)\s*(?:le|on|in|en)?\s*:?\s*((?:18|19|20)\d{2})(?![\d/.-]\d|\d)/giu;
/** A word right before an ID's code: its cue ("DL", "fax", "acct #", "n°:"). */
const ID_CUE_BEFORE = /\p{L}{2,}\.?\s*(?:#|n°|no\.?)?\s*:?\s+$/iu;
/** Under Safe Harbor, a date after a birth's cue is a birth date, and so is a year after one (a span of its own). */
function birthCued(v: string, spans: Span[]): Span[] {
  const out = spans.map((s) => (s.label === 'DATE' && BIRTH_CUE.test(v.slice(Math.max(0, s.start - 24), s.start)) ? { ...s, label: 'BIRTHDATE' as TextLabel } : s));
  for (const m of v.matchAll(CUED_BIRTH_YEAR)) {
    const start = m.index! + m[0].length - m[1]!.length, end = start + 4;
    if (!out.some((s) => s.start < end && start < s.end)) out.push({ start, end, label: 'BIRTHDATE', score: 0.9, rule: 'safe-harbor-birth-cue' });
  }
  return out.sort((a, b) => a.start - b.start);
}
function embeddedIdentifiers(dictionary: readonly (string | null)[], lang: 'fr' | 'en' | 'auto' | undefined, safeHarbor = false): { values: number; labels: TextLabel[]; counts: Map<TextLabel, number>; found: Map<number, Span[]> } | null {
  const counts = new Map<TextLabel, number>();
  const found = new Map<number, Span[]>();
  for (let code = 0; code < dictionary.length; code++) {
    const v = dictionary[code];
    // (a value too short for any of these identifiers is not read; the rest only when a digit or an '@' is in it — under
    // Safe Harbor every value of 3 characters or more: a town or an age in words has no digit)
    if (v === null || v === undefined || (safeHarbor ? v.length < 3 || isPlaceholder(v) : v.length < 7 || !/[0-9@]/.test(v))) continue;
    // (a NIR without its cue only with a valid key: a 15-digit number has a 1 in 97 chance of one; an SSN only with a valid area and group)
    // (after its cue, "secu", "NIR", "IPP", "RPPS", a number is one whatever its key: check keys never gate detection in text —
    // "nir 2550814168025", "NIR 185022A00412309" were kept)
    const all = recognize(v, { lang: lang ?? 'auto' });
    // (an ID the recognizers are unsure of, a long number or a code, only after a word: "DL S12345678", "fax 6175550199" — a
    // code alone, "2019-99-99", "2020-03-2020-04", is as often no one's)
    const spans = (safeHarbor ? birthCued(v, all) : all).filter((s) => (s.label !== 'ID' || s.score >= 0.8 || ID_CUE_BEFORE.test(v.slice(Math.max(0, s.start - 24), s.start)))
      && s.score >= (EMBEDDED_MIN_SCORE[s.label] ?? (safeHarbor ? SAFE_HARBOR_MIN_SCORE[s.label] : undefined) ?? Infinity)
      || (CUED.includes(s.label) && CUE_BEFORE.test(v.slice(Math.max(0, s.start - 40), s.start))));
    if (!spans.length) continue;
    found.set(code, spans);
    for (const l of new Set(spans.map((s) => s.label))) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return found.size ? { values: found.size, labels: [...new Set([...EMBEDDED, ...CUED, ...SAFE_HARBOR_EMBEDDED])].filter((l) => counts.has(l)), counts, found } : null;
}
/**
 * Why generalize does not apply to a column, and what it applies to: a column the user meant as dates or ages hears which
 * of its values were not (counts only), not that generalize applies to dates and ages.
 */
function notGeneralizable(c: Column): string {
  const what = 'generalize applies to dates (→ year: half the sampled values or more read as dates — YYYY-MM-DD, 2017-9-1, DD/MM/YYYY, MM/DD/YYYY, month names), '
    + 'Unix timestamps under a header naming a time (→ year), ages under a header naming an age (→ 90+ over 89: numbers, or with their unit, "92 years", "95y", "92 ans"), '
    + 'postal codes (→ département or ZIP3) and commune codes (small communes merged); use a hierarchy in anonymize for other columns';
  const filled = c.dictionary.filter((l): l is string => l !== null && !isPlaceholder(l));
  if (ageHeader(c.name)) {
    const bad = filled.filter((l) => ageInYears(l) === null).length;
    return `the header names an age, but ${bad} of ${filled.length} distinct value(s) are neither a number nor an age with its unit (80% must be); ${what}`;
  }
  const words = headerWords(c.name.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  if (words.some((x) => TIME_WORDS.has(x)) && (c.kind === 'integer' || c.kind === 'decimal' || numbersAsText(c))) {
    return timeHeader(c.name)
      ? `the header names a time, but its numbers are not Unix timestamps (seconds or milliseconds since 1970, from 1900 to 2100, all of one unit, the largest after March 1973); ${what}`
      : `the header names a duration ("${words.find((x) => DURATION_WORDS.has(x))}"), not a point in time: its numbers are no dates; ${what}`;
  }
  if (c.kind === 'string') {
    const sample = sampleValues(c, 50);
    const dates = sample.filter((v) => dateToYear(v) !== null).length;
    if (dates > 0) return `only ${dates} of ${sample.length} sampled values read as dates; ${what}`;
  }
  return `column of ${c.kind === 'string' ? 'text' : c.kind} values that are none of these; ${what}`;
}

/**
 * Ages at an event beside years released in the same row: the age 74 at a visit in 2005 tells a birth in 1930 or 1931, a
 * person of 95 at a reference date in 2026, whose birth date the profile made "90+". An age whose event year minus the age
 * (the latest birth year it allows, less one: the earliest) is 90 years or more before the reference year becomes missing —
 * the same rule, conservative at the year's boundary, as a birth year's. Every released year of the row is read (which
 * event the age belongs to is not known: an earlier event only makes it more cautious). Returns the column and the count.
 */
function topCodeEventAges(generalizedAge: Column, source: Column, years: readonly Column[], referenceYear: number): { column: Column; made: number } {
  const labels: (string | null)[] = new Array(source.codes.length);
  let made = 0;
  for (let r = 0; r < labels.length; r++) {
    const out = generalizedAge.dictionary[generalizedAge.codes[r]!] ?? null;
    labels[r] = out;
    const raw = source.dictionary[source.codes[r]!];
    if (out === null || out === '90+' || raw === null || raw === undefined) continue;
    const age = ageInYears(raw);
    if (age === null) continue;
    for (const y of years) {
      const year = Number(y.dictionary[y.codes[r]!] ?? NaN);
      if (Number.isFinite(year) && referenceYear - (year - age - 1) > 89) { labels[r] = null; made++; break; }
    }
  }
  return { column: made ? columnFromValues(generalizedAge.name, labels, 'string') : generalizedAge, made };
}

/** A token inside a text ("[NOM v1:…]"), not a part of a longer word. */
const TOKEN_IN_TEXT = /(?<![A-Za-z0-9])v\d+:[a-z2-7]{26}(?![a-z2-7])/g;
/**
 * The tokens of one text redacted with the new key and with the previous one, in order, as correspondence rows: the spans and
 * the words around them are the same, only the tokens differ.
 */
function pairTextTokens(column: string, neu: string, old: string, corr: { column: string; old: string; neu: string }[]): void {
  const a = neu.match(TOKEN_IN_TEXT) ?? [], b = old.match(TOKEN_IN_TEXT) ?? [];
  if (a.length !== b.length) throw new Error(`key rotation: column ${column}: a text redacted with the two keys holds ${a.length} and ${b.length} tokens`);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) corr.push({ column, old: b[i]!, neu: a[i]! });
}

/** Distinct values of a column, missing not counted. */
function distinctCount(c: Column): number { return c.dictionary.length - (c.missing >= 0 ? 1 : 0); }

function correspondenceTable(rows: { column: string; old: string; neu: string }[]): Table {
  const seen = new Set<string>();
  const uniq = rows.filter((r) => { const k = `${r.column}\0${r.old}`; if (seen.has(k)) return false; seen.add(k); return true; });
  uniq.sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : a.old < b.old ? -1 : a.old > b.old ? 1 : 0));
  const col = (name: string, vals: string[]): Column => {
    const distinct = [...new Set(vals)].sort();
    const idx = new Map(distinct.map((v, i) => [v, i] as const));
    return columnFromCodes(name, 'string', Int32Array.from(vals, (v) => idx.get(v)!), distinct);
  };
  return makeTable([col('column', uniq.map((r) => r.column)), col('old_token', uniq.map((r) => r.old)), col('new_token', uniq.map((r) => r.neu))]);
}

/**
 * Re-keys an already pseudonymized table with a correspondence table (old_token → new_token),
 * without the original values: the columns named (their whole values are tokens), and the tokens
 * inside the text of every other column ("[NOM v1:…]" in notes redacted with textReplacement
 * pseudonym, and in columns whose identifiers were replaced). Tokens missing from the
 * correspondence are an error (counted, not printed): a re-keyed table never keeps a token of the
 * previous key. `found.text` receives the text columns whose tokens were re-keyed.
 */
export function rekeyTable(table: Table, columns: readonly string[], correspondence: Table, found: { text: string[] } = { text: [] }): Table {
  const get = (n: string): Column => {
    const c = correspondence.columns.find((x) => x.name === n);
    if (!c) throw new AnonymatError('invalid-input', `the correspondence table has no column ${n} (expected column, old_token, new_token)`);
    return c;
  };
  const oldC = get('old_token'), newC = get('new_token');
  const map = new Map<string, string>();
  for (let r = 0; r < correspondence.rowCount; r++) map.set(oldC.dictionary[oldC.codes[r]!]!, newC.dictionary[newC.codes[r]!]!);
  const issues: { path: string; message: string }[] = [];
  const cols = table.columns.map((c) => {
    if (!columns.includes(c.name)) {
      if (c.kind !== 'string' || !c.dictionary.some((l) => l !== null && /v\d+:/.test(l) && new RegExp(TOKEN_IN_TEXT.source).test(l))) return c;
      // (tokens inside a text: each replaced where it stands, the words around it kept)
      let missingTokens = 0;
      const col = mapColumn(c, (l) => l.replace(TOKEN_IN_TEXT, (t) => { const v = map.get(t); if (v === undefined) { missingTokens++; return t; } return v; }), 'string');
      if (missingTokens) issues.push({ path: `columns.${c.name}`, message: `${missingTokens} token(s) inside its text are not in the correspondence table (was it written by this version, which lists the tokens of notes? else pseudonymize the originals with the new key)` });
      found.text.push(c.name);
      return col;
    }
    let missingTokens = 0;
    const col = mapColumn(c, (l) => { const v = map.get(l); if (v === undefined) missingTokens++; return v ?? null; }, 'string');
    if (missingTokens) issues.push({ path: `columns.${c.name}`, message: `${missingTokens} token(s) are not in the correspondence table` });
    return col;
  });
  if (issues.length) throw new AnonymatError('invalid-input', 'cannot re-key: some tokens have no correspondence (was the table pseudonymized with the previous key and the same domain?)', issues);
  return makeTable(cols);
}
