/**
 * `anonymat init`: profiles every column and proposes a policy, with the reason for each role.
 * The proposal leans to the safe side: an unknown categorical column is proposed as a
 * quasi-identifier (an adversary may know it), never silently as insensitive.
 */
import type { Column, Table } from '../table/table.ts';
import { isPlaceholder, MISSING_MARKERS, sampleValues } from '../table/table.ts';
import { calendarDay } from '../util/calendar.ts';
import { GROUP_KEY_HEADER, normalizeHeader, normalizedHeaderWords } from '../util/headers.ts';

export interface ColumnProfile {
  name: string;
  type: Column['kind'];
  distinct: number;
  uniqueShare: number;
  missingShare: number;
  /** Content or header detections: name, nir, email, phone, date, postal-code, … */
  looksLike: string[];
  role: 'identifier' | 'person-key' | 'quasi' | 'sensitive' | 'insensitive' | 'weight';
  reason: string;
  /**
   * With a person key: how a quasi-identifier that varies between the rows of one person is
   * reduced to one value per person (the assessment requires it; see docs/policy.md).
   */
  aggregate?: 'min' | 'max' | 'set';
  /**
   * A proposed generalization hierarchy for a quasi-identifier (a builder of docs/hierarchies.md,
   * as inline YAML), so that `anonymize` can coarsen it level by level instead of only suppressing it.
   */
  hierarchy?: string;
  /** Free text (prose in most values): de-identified with the text recognizers (`text: true`). */
  text?: boolean;
}

export type IdentifierDetector = (name: string, sample: string[]) => { kind: string; confidence?: number; reason?: string } | null;

const QUASI = /^(birth|dob|date_?of_?birth|naiss|ddn|age|sex|gender|genre|sexe|zip|postal|post_?code|code_?postal|cp|commune|city|ville|dep|departement|region|county|state|race|ethnic|marital|matrimon|education|diplome|occupation|profession|pcs|csp|job|work|nationality|country|pays|native|language|religion|height|taille|weight_kg|poids|bmi|imc)/i;
const SENSITIVE = /(diag|icd|cim|cim10|condition|disease|maladie|patholog|drug|medic|treatment|traitement|prescri|procedure|acte|hiv|vih|salary|income|revenu|salaire|cancer|result|outcome|sensitive)/i;
const PERSON_KEY = /^(patient|person|personne|subject|sujet|member|individu|beneficiaire)[-_ ]?(id|key|num|number|nbr|nr|nb|no|code|ref|identifier|pseudo|pseudonym)?$|^(patient|person)_?id$|^(ipp|pid|nip)$/i;
/**
 * A patient's medical record number, the patient number of US EHRs as the IPP is of French ones ("MRN", "Patient MRN",
 * "Med Rec #", "medical_record_number"): compared by words, lower case, '#' read as "number".
 */
const MRN_KEY = /^(?:(?:patient|pt|pat) )?(?:mrn|(?:medical|med) (?:record|rec)(?: (?:number|num|no|nbr|nr|id))?)$/;
/** Whether a header names the person key: a patient's or a person's number, an IPP, a medical record number. */
function personKeyHeader(name: string): boolean {
  return PERSON_KEY.test(foldHeader(name)) || MRN_KEY.test(normalizeHeader(name));
}
/** Words of a header naming persons (headers are compared without accents), for a key-like column whose values repeat (one value per person, several rows each). */
const PERSONISH = /(patient|person|personne|subject|sujet|member|membre|individu|beneficiaire|client|assure|enrollee|pat)/i;
const WEIGHT = /^(w|wt|wgt|wght|pweight|perwt|hhwt|final_?weight|weight_?final|survey_?weight|design_?weight|expansion_?factor|weight_?sample|sampling_?weight|sample_?weight|poids_?sondage|pondera|ponderation)$/i;
/**
 * Headers of numeric codes — categories written with digits, no quantities ("REASONCODE" of SNOMED, "DEPARTMENTID",
 * "chapter", "region", "COMPCODE"): typed as text, so that no interval or minimum is proposed for them.
 */
const CODE_WORDS = new Set(['code', 'codes', 'id', 'chapter', 'chapitre', 'region', 'dept', 'departement', 'category', 'categorie', 'status', 'statut']);
/** Whether a header names a code: its first or last word is a code's ("reason_code", "departmentId", "REGION"), or it is one word in capitals ending in CODE or ID ("REASONCODE", "DEPARTMENTID"; not "COVID", "FLUID"). */
function codeHeader(header: string): boolean {
  const words = header.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[_\s.\-]+/).filter(Boolean).map((w) => w.toLowerCase());
  if (words.length && (CODE_WORDS.has(words[0]!) || CODE_WORDS.has(words[words.length - 1]!))) return true;
  return /^[A-Z]+$/.test(header) && ((header.length > 4 && header.endsWith('CODE')) || (header.length >= 6 && header.endsWith('ID')));
}
// (ISO, and day or month first as exports write them: "15/06/2024", "06-15-1930")
const DATE_LABEL = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})$/;
/** ISO 8601 dates and date-times ("2021-08-23T03:26:50Z", "2021-08-23 03:26"), which `type: date` reads as their day. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const POSTAL = /^\d{5}$/;

/** Profiles a table's columns and proposes roles. `detect` is the shared identifier detector. */
export function profileTable(table: Table, detect?: IdentifierDetector, sampleSize = 200, directKinds?: ReadonlySet<string>): ColumnProfile[] {
  // kinds that are direct identifiers (the rest — birth dates, cities, postal codes — are quasi-identifiers)
  const isDirect = (kind: string) => (directKinds ? directKinds.has(kind) : !['date', 'birth-date', 'postal-code', 'zip', 'city', 'commune', 'departement', 'age', 'sex', 'gender'].includes(kind));
  const profiles = table.columns.map((c) => {
    const n = table.rowCount;
    const counts = new Int32Array(c.dictionary.length);
    for (let i = 0; i < n; i++) counts[c.codes[i]!]!++;
    let singles = 0;
    for (let code = 0; code < counts.length; code++) if (counts[code] === 1 && code !== c.missing) singles++;
    const missing = c.missing >= 0 ? counts[c.missing]! : 0;
    const nonMissing = n - missing;
    const distinct = c.dictionary.length - (c.missing >= 0 ? 1 : 0);
    // a deterministic sample of non-missing values (evenly spaced rows)
    const sample = sampleValues(c, sampleSize);
    const looksLike: string[] = [];
    // (a text column of ISO dates or date-times — an export's timestamps — is a date: typed so, never a key)
    // (each a day of the calendar: "2021-02-30" is no date, and the column stays text)
    const isoDates = c.kind === 'string' && sample.length > 0 && sample.every((v) => ISO_DATE_TIME.test(v) && calendarDay(v));
    const numericCode = c.kind === 'integer' && codeHeader(foldHeader(c.name)) && !WEIGHT.test(foldHeader(c.name));
    if (c.kind === 'date' || isoDates || (sample.length && sample.every((v) => DATE_LABEL.test(v)))) looksLike.push('date');
    if (sample.length && sample.filter((v) => POSTAL.test(v)).length / sample.length > 0.9 && /zip|post|cp|code/i.test(c.name)) looksLike.push('postal-code');
    const detected = detect?.(c.name, sample) ?? null;
    if (detected && !looksLike.includes(detected.kind)) looksLike.push(detected.kind);
    const uniqueShare = nonMissing ? singles / nonMissing : 0;
    // prose (notes, comments), judged as pseudonymize judges an undeclared column, even in a small extract; a few repeated labels stay categories
    const prose = c.kind === 'string' && nonMissing > 0 ? proseColumn(c, distinct, nonMissing, sample) : null;
    if (numericCode) looksLike.push('code');
    const p: ColumnProfile = { name: c.name, type: isoDates ? 'date' : numericCode ? 'string' : c.kind, distinct, uniqueShare, missingShare: n ? missing / n : 0, looksLike, role: 'quasi', reason: '' };
    const stats = `${distinct} distinct, ${(uniqueShare * 100).toFixed(0)}% unique, ${(p.missingShare * 100).toFixed(0)}% missing`;
    const header = foldHeader(c.name);
    if (nonMissing === 0) {
      // (a column empty in this extract, or a file of a header only, is judged by its header: "nom_usage" or "ipp" filled in the
      // next extract are a name and the person key — proposed insensitive, they were released as written)
      const judged = `every value is missing (${stats}): judged by its header, since it has no values`;
      if (personKeyHeader(c.name)) { p.role = 'person-key'; p.reason = `${judged} — it names a patient/person identifier; it will be pseudonymized or dropped, and risk counts persons`; }
      else if (detected && isDirect(detected.kind)) { p.role = 'identifier'; p.reason = `${judged} — it names a direct identifier (${detected.kind}): dropped or pseudonymized in the extracts where it has values`; }
      else if (detected) { p.role = 'quasi'; p.reason = `${judged} — it names a quasi-identifier (${detected.kind}) an adversary may know`; }
      else { p.role = 'insensitive'; p.reason = `every value is missing (${stats}): it carries nothing — declare it if it may hold values in other extracts`; }
    }
    else if (WEIGHT.test(header) && (c.kind === 'decimal' || c.kind === 'integer')) { p.role = 'weight'; p.reason = `numeric column named like a sampling weight (${stats})`; }
    else if (GROUP_KEY_HEADER.test(header) && distinct >= 20) { p.role = 'identifier'; p.reason = `header names a household's or a group's key (${stats}): it links the persons of one group, and a person to the others — dropped, or pseudonymized as an identifier`; }
    else if (personKeyHeader(c.name)) { p.role = 'person-key'; p.reason = `header names a patient/person identifier (${stats}); it will be pseudonymized or dropped, and risk counts persons`; }
    else if (detected && isDirect(detected.kind)) { p.role = 'identifier'; p.reason = `values look like ${detected.kind}${detected.reason ? ` (${detected.reason})` : ''}: a direct identifier (${stats})`; }
    // (a number's, an id's header over values nearly all unique is a unique code before any word of a quasi or a sensitive
    // attribute in it: "birth_certificate_no", "job_badge_id", "cpam_immatriculation" were quasi, "medicaid_number",
    // "specimen_id", "result_accession" sensitive — released as written)
    else if (numberNamingHeader(c.name) && uniqueShare >= 0.9 && distinct >= 20 && c.kind !== 'decimal' && !looksLike.includes('date') && !looksLike.includes('postal-code') && detected === null) {
      p.role = 'identifier'; p.reason = `header names a number or an id and ${uniqueShare >= 0.99 ? 'every value is unique' : `${distinct} values for ${nonMissing} rows`}: a unique code, which links records to a person (${stats}); if it identifies persons, declare it person-key`;
    }
    else if (QUASI.test(header) || looksLike.includes('postal-code') || (detected !== null && !isDirect(detected.kind)) || (looksLike.includes('date') && /birth|naiss|dob|ddn/i.test(c.name))) { p.role = 'quasi'; p.reason = `demographic or geographic attribute an adversary may know (${stats})`; }
    else if (SENSITIVE.test(header)) {
      p.role = 'sensitive'; p.reason = `header names health or financial information (${stats})`;
      if (prose) { p.text = true; p.reason += `; free text (${prose}): names, dates and identifiers in it are redacted by pseudonymize`; }
    }
    else if (prose) {
      // notes and comments: not a category an adversary could match, but full of names and dates
      p.role = 'insensitive'; p.text = true;
      p.reason = `free text (${prose}, ${stats}): names, dates and identifiers in it are redacted by pseudonymize (text: true); not measured as a quasi-identifier — review a sample of the redacted text`;
    }
    else if (keyLike(p.type, distinct, nonMissing, uniqueShare, PERSONISH.test(header), c.kind !== 'integer' || KEY_HEADER.test(header) || integerCodes(c))) {
      // a code with (almost) one value per row or per person: a record or person key, never a measurement
      if (uniqueShare < 0.9 && PERSONISH.test(header)) { p.role = 'person-key'; p.reason = `a key-like code whose values repeat (${distinct} values for ${nonMissing} rows), named like a person: a person identifier (${stats}); it will be pseudonymized or dropped, and risk counts persons`; }
      else { p.role = 'identifier'; p.reason = `${uniqueShare >= 0.99 ? 'every value is unique' : `${distinct} values for ${nonMissing} rows`}: behaves like a record or person key, which links records to a person (${stats}); if it identifies persons, declare it person-key`; }
    }
    else if ((c.kind === 'decimal' || c.kind === 'integer') && distinct > 100) { p.role = 'insensitive'; p.reason = `a measurement with many values (${stats}); declare it quasi if an adversary may know it`; }
    else if (looksLike.includes('date')) { p.role = 'quasi'; p.reason = `a date (${stats}): dates of events can be known to others`; }
    else { p.role = 'quasi'; p.reason = `categorical column (${stats}); proposed as quasi-identifier to be safe — set insensitive if no adversary could know it`; }
    return p;
  });
  // one person key: the first proposed (a header naming it wins over content, a column with values over an empty one); others are identifiers
  const keys = profiles.filter((p) => p.role === 'person-key');
  const filled = (p: ColumnProfile): boolean => p.missingShare < 1 && table.rowCount > 0;
  const key = keys.find((p) => filled(p) && personKeyHeader(p.name)) ?? keys.find(filled) ?? keys.find((p) => personKeyHeader(p.name)) ?? keys[0];
  for (const p of keys) if (p !== key) { p.role = 'identifier'; p.reason += '; another column is proposed as the person key'; }
  // (columns by name, once, rather than searched for each column)
  const byName = new Map(table.columns.map((c) => [c.name, c] as const));
  if (key) proposeAggregates(table, profiles, key.name, byName);
  for (const p of profiles) if (p.role === 'quasi' && p.aggregate !== 'set') p.hierarchy = proposeHierarchy(byName.get(p.name)!, p);
  return profiles;
}

/**
 * A builder for a quasi-identifier: dates → day, month, quarter, year, 5 years, decade; numbers
 * with more than 12 values → nested intervals of widths w, 2w, 4w with w the round number (1, 2, 5
 * × 10^k) nearest above range / 16; 5-digit postal codes → masked from the right. Other columns
 * get none (value or `*`).
 */
function proposeHierarchy(col: Column, p: ColumnProfile): string | undefined {
  if (p.type === 'date') return '{ dates: true }';
  if (p.looksLike.includes('postal-code')) return '{ mask: { levels: 5 } }';
  if ((p.type === 'integer' || p.type === 'decimal') && p.distinct > 12) {
    let lo = Infinity, hi = -Infinity;
    for (const label of col.dictionary) {
      if (label === null) continue;
      const v = Number(label);
      if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
    if (!(hi > lo)) return undefined;
    const w = niceWidth((hi - lo) / 16, p.type === 'integer');
    return `{ intervals: { width: [${w}, ${2 * w}, ${4 * w}] } }`;
  }
  return undefined;
}

/** The smallest of 1, 2, 5 × 10^k at or above x (at least 1 for integers). */
function niceWidth(x: number, integer: boolean): number {
  if (integer && x <= 1) return 1;
  const e = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 5, 10]) if (m * e >= x - 1e-12) return Number((m * e).toPrecision(6));
  return 10 * e;
}

/**
 * A record or person key: an integer or text code with at least 50 values of which at least 90 %
 * are unique (a record number, an encounter id), or, for a header naming a person, with at least 50
 * values covering half the rows (a patient number repeated over the stays). Dates and decimal
 * measurements are not codes; a column of ages or years repeats too much to be one.
 */
/** Headers of codes and keys ("id", "record_no", "num_dossier", "ref"). */
const KEY_HEADER = /(^|[_ ])(id|ids|no|num|nr|nbr|number|numero|code|key|ref|reference|dossier|record|rec|recid|seq)([_ ]|$)|id$/i;
/**
 * Integers that read as codes rather than measurements: every value non-negative with the same number of digits
 * ("100482", "100871"), or a sequence (range at most twice the number of values). Amounts and counts (an income,
 * a tax) spread over magnitudes: many unique values, yet no key.
 */
function integerCodes(c: Column): boolean {
  let lo = Infinity, hi = -Infinity, width = -1, sameWidth = true, n = 0;
  for (const label of c.dictionary) {
    if (label === null) continue;
    const v = Number(label);
    if (!Number.isInteger(v) || v < 0) return false;
    n++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    const w = label.trim().length;
    if (width < 0) width = w; else if (w !== width) sameWidth = false;
  }
  return n > 0 && ((sameWidth && width >= 3) || hi - lo + 1 <= 2 * n);
}
function keyLike(kind: Column['kind'], distinct: number, nonMissing: number, uniqueShare: number, personish: boolean, codeShaped = true): boolean {
  if (kind !== 'integer' && kind !== 'string') return false;
  if (distinct < 50 || !codeShaped) return false;
  return uniqueShare >= 0.9 || (personish && distinct >= 0.5 * nonMissing);
}

/**
 * Whether sampled values read as prose: at least half of them have 4 words or more and they
 * average 20 characters or more. Returns a description ("mean 41 characters, 80 % with 4+ words"), else null.
 * Fewer than `minValues` values (default 5: too few to propose a role) are no prose.
 */
export function proseShape(sample: string[], minValues = 5): string | null {
  if (sample.length < Math.max(1, minValues)) return null;
  let chars = 0, wordy = 0;
  for (const v of sample) {
    chars += v.length;
    let spaces = 0;
    for (let k = 1; k < v.length; k++) if (v.charCodeAt(k) === 32 && v.charCodeAt(k - 1) !== 32) spaces++;
    if (spaces >= 3) wordy++;
  }
  const mean = chars / sample.length;
  if (wordy < sample.length / 2 || mean < 20) return null;
  return `mean ${Math.round(mean)} characters, ${Math.round((100 * wordy) / sample.length)} % with 4+ words`;
}

/**
 * Whether a text column is free text (notes, comments), by the test pseudonymize applies to an undeclared column — its distinct
 * values read as prose together (proseShape), or one of them on its own —, in a small extract as in a large one (13 notes in
 * 15 rows were proposed as a category, and accepted, released the names in them), unless it is a few repeated labels: fewer
 * distinct values than a tenth of its filled rows ("Diabète sucré de type 2 sans complication" on a third of the rows, Synthea's
 * DESCRIPTION codes' labels, are categories). Returns a description, else null.
 */
function proseColumn(c: Column, distinct: number, nonMissing: number, sample: string[]): string | null {
  if (distinct < 0.1 * nonMissing) return null;
  const filled: string[] = [];
  let proseValues = 0;
  for (const v of c.dictionary) {
    if (v === null || v === undefined || isPlaceholder(v)) continue;
    if (filled.length < 200) filled.push(v);
    if (proseShape([v], 1) !== null) proseValues++;
  }
  // (and a sample of the rows that reads as prose, as before)
  const sampled = proseShape(sample, 1), together = proseShape(filled, 1);
  if (sampled === null && together === null && proseValues === 0) return null;
  return sampled ?? together ?? `${proseValues} of ${distinct} distinct values read as prose on their own`;
}

/** A header without accents, for the header patterns ("âge" → "age", "prénom" → "prenom"). */
/** Words of a header naming a number or an id ("no", "number", "id", "#", "numero", "n°", "immatriculation", "accession", "case"). */
// (not "n" nor "nbr": "n_steps", "nbr_enfants" are counts; nor "case" alone: "case_weight_g" — review of s44)
const NUMBER_NAMING_WORDS = new Set(['no', 'number', 'num', 'nr', 'nro', 'numero', 'id', 'ids', 'identifier', 'ident', 'immatriculation', 'accession', 'matricule', 'sn', 'serial']);
/** Words of a measure or an amount: a header holding one names a quantity, whatever else it says ("total_charges_num"). */
const MEASURE_WORDS = new Set(['total', 'sum', 'mean', 'avg', 'average', 'weight', 'charge', 'charges', 'amount', 'cost', 'price', 'count', 'size', 'length',
  'duration', 'dose', 'value', 'score', 'rate', 'level', 'ratio', 'pct', 'percent', 'g', 'kg', 'mg', 'ml', 'cm', 'mm']);
function numberNamingHeader(name: string): boolean {
  const w = normalizedHeaderWords(name);
  return w.some((x) => NUMBER_NAMING_WORDS.has(x)) && !w.some((x) => MEASURE_WORDS.has(x));
}

function foldHeader(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * With a person key, a quasi-identifier that takes several values within one person needs an
 * aggregation (the assessment fails without one): ordered demographic values and dates → min (e.g.
 * the age at the first stay), codes and text → set (the set of values: what a release of all the
 * rows tells an adversary).
 */
function proposeAggregates(table: Table, profiles: ColumnProfile[], personKey: string, byName: ReadonlyMap<string, Column>): void {
  const key = byName.get(personKey)!;
  const n = table.rowCount;
  for (const p of profiles) {
    if (p.role !== 'quasi') continue;
    const col = byName.get(p.name)!;
    // first code seen per person; a second, different code means the column varies
    const firstOf = new Int32Array(key.dictionary.length).fill(-1);
    let varies = false;
    for (let i = 0; i < n && !varies; i++) {
      const k = key.codes[i]!;
      if (k === key.missing) continue;
      const v = col.codes[i]!;
      if (firstOf[k] === -1) firstOf[k] = v;
      else if (firstOf[k] !== v) varies = true;
    }
    if (!varies) continue;
    // an ordered demographic value (age, birth year, height, a date) → its lowest value; another number (a stay's length,
    // a count of visits) → its highest, which an interval hierarchy coarsens (a set of numbers, "3 | 5 | 7", is nearly
    // always unique, and no hierarchy coarsens it); codes and text → the set
    // (an integer named as a code — admission_type_id, discharge_code — is a category: its set)
    const numeric = (p.type === 'integer' || p.type === 'decimal') && !/(?:^|[_ -])(?:id|code|type|cat|category|class)$/i.test(p.name);
    const ordered = p.type === 'date' || (numeric && QUASI.test(foldHeader(p.name)));
    p.aggregate = ordered ? 'min' : numeric ? 'max' : 'set';
    const others = (['first', 'min', 'max', 'mode', 'set'] as const).filter((x) => x !== p.aggregate);
    p.reason += `; varies between the rows of one person: aggregate ${p.aggregate} proposed (or ${others.join(', ')})`;
  }
}

/**
 * The missing-value markers of a table read with only '' as missing: a marker is proposed when it is at least 1 % of
 * some text column's cells (diabetic's weight: "?" in 97 % of the rows).
 */
export function missingMarkers(table: Table): string[] {
  const found = new Set<string>();
  for (const c of table.columns) {
    if (c.kind !== 'string') continue;
    const counts = new Int32Array(c.dictionary.length);
    for (let i = 0; i < table.rowCount; i++) counts[c.codes[i]!]!++;
    c.dictionary.forEach((l, code) => { if (l !== null && MISSING_MARKERS.includes(l.trim()) && counts[code]! >= 0.01 * table.rowCount) found.add(l.trim()); });
  }
  return MISSING_MARKERS.filter((m) => found.has(m));
}

/** Renders the proposed policy as commented YAML. */
/**
 * How a text file writes its numbers and dates, read from the columns that stayed text: a decimal comma ("1,94") when
 * 90 % of a column's values are numbers, integers or with one comma (some with it), and day-first (or month-first) dates when 90 % of a column's
 * values are d/m/y dates and a first (second) part above 12 tells the order (none above 12: ambiguousDates, nothing
 * proposed). Undefined fields: nothing to change.
 */
export function textFormats(table: Table, delimiter = ','): { decimal?: ','; dateOrder?: 'dmy' | 'mdy'; ambiguousDates?: true } {
  let decimal = false, dmy = false, mdy = false, ambiguous = false;
  // (a decimal comma only in files whose fields are not separated by commas — French exports use ';' — and only from a
  // comma followed by other than three digits: "5,120" in a comma file is a thousands separator, "1,2" a list)
  const commaFile = delimiter === ',';
  for (const c of table.columns) {
    if (c.kind !== 'string') continue;
    const sample = sampleValues(c, 200);
    if (sample.length === 0) continue;
    const share = (re: RegExp): number => sample.filter((v) => re.test(v.trim())).length / sample.length;
    if (!commaFile && share(/^-?\d+(?:,\d+)?$/) >= 0.9 && sample.some((v) => /^-?\d+,(?:\d{1,2}|\d{4,})$/.test(v.trim()))) decimal = true;
    if (share(/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/) >= 0.9) {
      let first = false, second = false;
      for (const v of sample) { const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}$/.exec(v.trim()); if (m) { if (+m[1]! > 12) first = true; if (+m[2]! > 12) second = true; } }
      if (first && !second) dmy = true; else if (second && !first) mdy = true; else ambiguous = true;
    }
  }
  // (no day above 12 in any column: the order is not told — nothing is proposed, and the caller says so)
  return { ...(decimal ? { decimal: ',' as const } : {}), ...(dmy && !mdy ? { dateOrder: 'dmy' as const } : mdy && !dmy ? { dateOrder: 'mdy' as const } : {}), ...(ambiguous && !dmy && !mdy ? { ambiguousDates: true as const } : {}) };
}

/** Above this many quasi-identifiers, init warns: every combination is rare, and a k-anonymous release keeps little. */
export const MANY_QUASI = 10;
/**
 * What the proposal's reader should know before using it: more than MANY_QUASI quasi-identifiers (the "curse of
 * dimensionality" of k-anonymity, Aggarwal 2005: with many columns almost every record is unique, and generalization
 * empties the release), naming the ones proposed only to be safe — categorical columns that no header names as
 * demographic or geographic, which the reader is best placed to judge.
 */
export function proposalWarnings(profiles: ColumnProfile[]): string[] {
  const quasi = profiles.filter((p) => p.role === 'quasi');
  if (quasi.length <= MANY_QUASI) return [];
  const safe = quasi.filter((p) => p.reason.startsWith('categorical column')).map((p) => p.name);
  const list = (names: string[]) => `${names.slice(0, 12).join(', ')}${names.length > 12 ? `, … (${names.length - 12} more)` : ''}`;
  return [`${quasi.length} quasi-identifiers proposed: with more than ${MANY_QUASI}, almost every combination is rare and a k-anonymous release keeps little (many become *)`
    + (safe.length ? `; ${safe.length} of them only to be safe, categorical columns no header names as demographic or geographic (${list(safe)}): declare sensitive or insensitive those no adversary could know` : '; declare sensitive or insensitive those no adversary could know')];
}

export function proposePolicyYaml(profiles: ColumnProfile[], o: { input: string; delimiter?: string; encoding?: string; missing?: string[]; decimal?: ','; dateOrder?: 'dmy' | 'mdy' }): string {
  const w = Math.max(...profiles.map((p) => JSON.stringify(p.name).length), 4);
  const lines = [
    `# Policy proposed by "anonymat init" for ${o.input}.`,
    '# Review every role: the proposal leans to the safe side. Reference: docs/policy.md',
    ...proposalWarnings(profiles).map((w) => `# warning: ${w}`),
    'columns:',
  ];
  for (const p of profiles) {
    const key = /^[A-Za-z_][\w-]*$/.test(p.name) ? p.name : JSON.stringify(p.name);
    const parts = [`role: ${p.role}`];
    // (a person key is a code, whatever its digits: read as a number, a later extract's "00123" became 123 and got 123's token)
    if (p.role === 'person-key' && (p.type === 'integer' || p.type === 'decimal')) parts.push('type: string');
    else if (p.role !== 'identifier' && p.type !== 'string' && !(p.role === 'quasi' && p.looksLike.includes('postal-code'))) parts.push(`type: ${p.type}`);
    // postal codes are codes, not numbers (75001 is no larger than 69001 in any useful sense; 01000 keeps its 0)
    if (p.role === 'quasi' && p.looksLike.includes('postal-code')) parts.push('type: string');
    // (and numeric codes: categories, whatever their digits)
    else if (p.role !== 'identifier' && p.looksLike.includes('code')) parts.push('type: string');
    if (p.aggregate) parts.push(`aggregate: ${p.aggregate}`);
    if (p.hierarchy) parts.push(`hierarchy: ${p.hierarchy}`);
    if (p.text) parts.push('text: true');
    lines.push(`  # ${p.reason}${p.looksLike.length ? `; looks like: ${p.looksLike.join(', ')}` : ''}`);
    lines.push(`  ${(key + ':').padEnd(w + 1)} { ${parts.join(', ')} }`);
  }
  lines.push(
    'thresholds:',
    '  k: 5                    # every combination of quasi-identifiers shared by at least 5 units',
    '  maxProsecutorRisk: 0.2  # = 1/k',
    '  maxAverageRisk: 0.05',
  );
  if (profiles.some((p) => p.role === 'sensitive')) lines.push('  l: 2                    # at least 2 distinct sensitive values per class', '  t: 0.2');
  lines.push('population:', '  samplingFraction: 0.1   # share of the population in the data: adjust (used for journalist risk and uniqueness)');
  if (o.delimiter || o.encoding || o.missing || o.decimal || o.dateOrder) {
    lines.push('input:');
    if (o.decimal) lines.push(`  decimal: ${JSON.stringify(o.decimal)}        # numbers written with a decimal comma`);
    if (o.dateOrder) lines.push(`  dateOrder: ${o.dateOrder}         # dates written ${o.dateOrder === 'dmy' ? 'day' : 'month'} first`);
    if (o.delimiter) lines.push(`  delimiter: ${JSON.stringify(o.delimiter)}`);
    if (o.encoding) lines.push(`  encoding: ${o.encoding}`);
    if (o.missing) lines.push(`  missing: [${o.missing.map((m) => JSON.stringify(m)).join(', ')}]   # cells read as missing values`);
  }
  return lines.join('\n') + '\n';
}
