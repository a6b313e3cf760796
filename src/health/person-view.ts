/**
 * The person-level view: one row per person with derived quasi-identifiers, so that a risk
 * assessment counts persons, not rows of events.
 *
 * Columns (docs/fhir.md §Person view):
 *   person_id, age (full years at the reference date, or at death if earlier) when a reference date
 *   is given, otherwise birth_year; sex; zip3 (first 3 digits of a US ZIP) or departement (French
 *   postal code → département: 2A/2B for Corsica, 3 digits overseas); deceased; n_visits (rows of
 *   the encounters table); chronic_conditions (sorted set of chronic categories joined by ";",
 *   "none" when there is none).
 *
 * How "chronic" is decided: a condition is chronic when its code is in the committed list below
 * (SNOMED CT codes, ICD-10 prefixes, a few OMOP standard concept ids), each mapped to a category;
 * otherwise when its display contains the word "chronic"/"chronique" (category "other chronic").
 * Categories, not codes, go in the set, to keep the quasi-identifier's domain small.
 */
import { postalCodeToDepartement } from './profiles/fr.ts';
import { column, columnFromCodes, columnFromValues, makeTable, type Column, type Table } from '../table/table.ts';

export interface ChronicCategory { category: string; snomed: string[]; icd10: string[]; omop: string[] }

export const CHRONIC_CATEGORIES: readonly ChronicCategory[] = [
  { category: 'diabetes', snomed: ['44054006', '46635009', '73211009', '422034002', '368581000119106', '127013003', '90781000119102', '157141000119108', '1501000119109', '97331000119101', '1551000119108', '60951000119105'], icd10: ['E10', 'E11', 'E13', 'E14'], omop: ['201826', '201254'] },
  { category: 'prediabetes', snomed: ['15777000', '714628002'], icd10: ['R7303'], omop: [] },
  { category: 'hypertension', snomed: ['59621000', '38341003'], icd10: ['I10', 'I11', 'I12', 'I13', 'I15'], omop: ['320128', '316866'] },
  { category: 'hyperlipidemia', snomed: ['55822004', '302870006', '13644009'], icd10: ['E78'], omop: [] },
  { category: 'asthma', snomed: ['195967001', '233678006'], icd10: ['J45'], omop: ['317009'] },
  { category: 'copd', snomed: ['185086009', '87433001', '13645005'], icd10: ['J43', 'J44'], omop: ['255573'] },
  { category: 'heart failure', snomed: ['88805009', '84114007'], icd10: ['I50'], omop: ['316139'] },
  { category: 'coronary heart disease', snomed: ['53741008', '414545008', '22298006', '399211009'], icd10: ['I20', 'I25'], omop: [] },
  { category: 'atrial fibrillation', snomed: ['49436004'], icd10: ['I48'], omop: ['313217'] },
  { category: 'chronic kidney disease', snomed: ['431855005', '431856006', '433144002', '431857002', '46177005', '709044004'], icd10: ['N18'], omop: ['46271022'] },
  { category: 'obesity', snomed: ['162864005', '408512008'], icd10: ['E66'], omop: ['433736'] },
  { category: 'osteoarthritis', snomed: ['396275006', '239872002', '239873007', '201834006'], icd10: ['M15', 'M16', 'M17', 'M18', 'M19'], omop: [] },
  { category: 'rheumatoid arthritis', snomed: ['69896004'], icd10: ['M05', 'M06'], omop: [] },
  { category: 'osteoporosis', snomed: ['64859006', '443165006'], icd10: ['M80', 'M81'], omop: [] },
  { category: 'dementia', snomed: ['26929004', '230265002', '52448006'], icd10: ['F00', 'F01', 'F02', 'F03', 'G30'], omop: [] },
  { category: 'epilepsy', snomed: ['84757009', '128613002'], icd10: ['G40'], omop: [] },
  { category: 'depression', snomed: ['370143000', '36923009'], icd10: ['F32', 'F33'], omop: [] },
  { category: 'cancer', snomed: ['254637007', '424132000', '254632001', '363406005', '109838007', '126906006', '92691004', '254837009', '93761005', '94260004', '363346000',
    '314994000', '425048006', '422968005', '423121009', '67811000119102', '67831000119107', '67841000119103'], icd10: ['C'], omop: [] },
  { category: 'hiv', snomed: ['86406008', '62479008'], icd10: ['B20', 'B21', 'B22', 'B23', 'B24'], omop: [] },
  { category: 'chronic hepatitis', snomed: ['128302006', '61977001'], icd10: ['B18'], omop: [] },
  { category: 'cystic fibrosis', snomed: ['190905008'], icd10: ['E84'], omop: [] },
  { category: 'lupus', snomed: ['200936003'], icd10: ['M32'], omop: [] },
  { category: 'chronic pain', snomed: ['82423001', '278860009', '1121000119107', '279039007', '203082005', '95417003'], icd10: ['G894', 'M797'], omop: [] },
  { category: 'chronic migraine', snomed: ['124171000119105'], icd10: ['G437'], omop: [] },
  { category: 'opioid use disorder', snomed: ['5602001'], icd10: ['F11'], omop: [] },
  { category: 'adhd', snomed: ['192127007'], icd10: ['F90'], omop: [] },
  { category: 'chronic sinusitis', snomed: ['40055000'], icd10: ['J32'], omop: [] },
];

const BY_SNOMED = new Map<string, string>();
const BY_OMOP = new Map<string, string>();
const ICD_PREFIXES: [string, string][] = [];
for (const c of CHRONIC_CATEGORIES) {
  for (const s of c.snomed) BY_SNOMED.set(s, c.category);
  for (const s of c.omop) BY_OMOP.set(s, c.category);
  for (const p of c.icd10) ICD_PREFIXES.push([p, c.category]);
}
ICD_PREFIXES.sort((a, b) => b[0].length - a[0].length); // longest prefix first

const CHRONIC_WORD = /\bchroni(c|que)s?\b/i;

function icdCategory(code: string): string | null {
  const k = code.replace(/[.\s]/g, '').toUpperCase();
  for (const [p, cat] of ICD_PREFIXES) if (k.startsWith(p)) return cat;
  return null;
}

/**
 * The chronic category of one condition, or null. `system` is the short system of the tables
 * (SNOMED, ICD10, ICD10CM, OMOP); `sourceCode` is an OMOP source value (SNOMED when all digits,
 * ICD-10 when it looks like one).
 */
export function chronicCategory(system: string | null, code: string | null, display: string | null, sourceCode: string | null = null): string | null {
  if (code) {
    if (system === 'SNOMED') { const c = BY_SNOMED.get(code); if (c) return c; }
    else if (system === 'ICD10' || system === 'ICD10CM') { const c = icdCategory(code); if (c) return c; }
    else if (system === 'OMOP') { const c = BY_OMOP.get(code); if (c) return c; }
  }
  if (sourceCode) {
    if (/^\d{6,18}$/.test(sourceCode)) { const c = BY_SNOMED.get(sourceCode); if (c) return c; }
    else if (/^[A-Z]\d\d/i.test(sourceCode)) { const c = icdCategory(sourceCode); if (c) return c; }
  }
  if (display && CHRONIC_WORD.test(display)) return 'other chronic';
  return null;
}

export interface PersonViewOptions {
  /** YYYY-MM-DD: derive `age` at this date instead of `birth_year`. */
  referenceDate?: string;
  /** Country assumed for postal codes whose person has no country (ISO 3166 alpha-2: FR or US). */
  defaultCountry?: string;
}

/** French postal code → département code (2A/2B for Corsica; 3 digits overseas), null when not a postal code. */
export function departementOf(postal: string): string | null {
  return postalCodeToDepartement(postal.replace(/\s/g, ''));
}

/** US ZIP (5 digits or ZIP+4) → its first 3 digits, null otherwise. */
export function zip3Of(postal: string): string | null {
  const p = postal.trim();
  return /^\d{5}(-?\d{4})?$/.test(p) ? p.slice(0, 3) : null;
}

export function normalizeCountry(c: string | null | undefined): 'FR' | 'US' | null {
  if (!c) return null;
  const k = c.trim().toUpperCase();
  if (k === 'FR' || k === 'FRA' || k === 'FRANCE') return 'FR';
  if (k === 'US' || k === 'USA' || k === 'UNITED STATES' || k === 'UNITED STATES OF AMERICA') return 'US';
  return null;
}

/** Full years from birth (YYYY-MM-DD) to `at` (YYYY-MM-DD); null when either is missing or birth is after `at`. */
export function ageAt(birth: string | null, at: string | null): number | null {
  if (!birth || !at) return null;
  const by = +birth.slice(0, 4), bm = +birth.slice(5, 7), bd = +birth.slice(8, 10);
  const ay = +at.slice(0, 4), am = +at.slice(5, 7), ad = +at.slice(8, 10);
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age--;
  return age < 0 ? null : age;
}

/**
 * Builds the person view from the model's person, encounters and conditions tables (before or
 * after pseudonymization: only `person_id` links them, and it must be the same in all three).
 */
export function personView(person: Table, encounters: Table, conditions: Table, options: PersonViewOptions = {}): Table {
  const n = person.rowCount;
  const pid = column(person, 'person_id');
  const index = new Map<string, number>();
  for (let r = 0; r < n; r++) { const id = pid.dictionary[pid.codes[r]!]; if (id != null) index.set(id, r); }
  const rowsOf = (t: Table): Int32Array => {
    // person row of each event row (-1 when its person is not in the person table)
    const c = column(t, 'person_id');
    const byCode = new Int32Array(c.dictionary.length);
    for (let k = 0; k < c.dictionary.length; k++) { const id = c.dictionary[k]; byCode[k] = id == null ? -1 : index.get(id) ?? -1; }
    const out = new Int32Array(t.rowCount);
    for (let r = 0; r < t.rowCount; r++) out[r] = byCode[c.codes[r]!]!;
    return out;
  };
  // visits
  const visits = new Int32Array(n);
  const encRows = rowsOf(encounters);
  for (let r = 0; r < encRows.length; r++) if (encRows[r]! >= 0) visits[encRows[r]!]!++;
  // chronic categories: one category per distinct (system, code, display, source) combination
  const condRows = rowsOf(conditions);
  const sys = column(conditions, 'code_system'), code = column(conditions, 'code'), disp = column(conditions, 'display');
  const src = conditions.columns.find((c) => c.name === 'source_code');
  const catCache = new Map<string, string | null>();
  const sets: (Set<string> | undefined)[] = new Array(n);
  for (let r = 0; r < conditions.rowCount; r++) {
    const p = condRows[r]!;
    if (p < 0) continue;
    const key = `${sys.codes[r]}|${code.codes[r]}|${disp.codes[r]}|${src ? src.codes[r] : -1}`;
    let cat = catCache.get(key);
    if (cat === undefined) {
      cat = chronicCategory(sys.dictionary[sys.codes[r]!] ?? null, code.dictionary[code.codes[r]!] ?? null,
        disp.dictionary[disp.codes[r]!] ?? null, src ? src.dictionary[src.codes[r]!] ?? null : null);
      catCache.set(key, cat);
    }
    if (cat) (sets[p] ??= new Set()).add(cat);
  }
  const chronic = Array.from({ length: n }, (_, r) => (sets[r] ? [...sets[r]!].sort().join(';') : 'none'));
  // demographics
  const birth = column(person, 'birth_date'), death = column(person, 'death_date'), sex = column(person, 'sex');
  const postal = column(person, 'postal_code'), country = column(person, 'country');
  const dead = person.columns.find((c) => c.name === 'deceased');
  const ref = options.referenceDate ?? null;
  const yearOrAge: (number | null)[] = new Array(n);
  const zip3: (string | null)[] = new Array(n), dep: (string | null)[] = new Array(n);
  const deceased: (string | null)[] = new Array(n);
  const defCountry = normalizeCountry(options.defaultCountry);
  for (let r = 0; r < n; r++) {
    const b = birth.dictionary[birth.codes[r]!] ?? null;
    const d = death.dictionary[death.codes[r]!] ?? null;
    if (ref) yearOrAge[r] = ageAt(b, d !== null && d < ref ? d : ref);
    else yearOrAge[r] = b ? Number(b.slice(0, 4)) : null;
    const pc = postal.dictionary[postal.codes[r]!] ?? null;
    // (the default country is for persons with no country: a country given that is neither France nor the US — Germany —
    // gives no département nor ZIP3, whatever the default)
    const given = country.dictionary[country.codes[r]!];
    const ctry = given !== null && given !== undefined && given.trim() !== '' ? normalizeCountry(given) : defCountry;
    zip3[r] = pc && ctry === 'US' ? zip3Of(pc) : null;
    dep[r] = pc && ctry === 'FR' ? departementOf(pc) : null;
    deceased[r] = d !== null || (dead !== undefined && dead.dictionary[dead.codes[r]!] === 'true') ? 'true' : 'false';
  }
  const cols: Column[] = [
    pid,
    columnFromValues(ref ? 'age' : 'birth_year', yearOrAge, 'integer'),
    copyColumn(sex, 'sex'),
    columnFromValues('zip3', zip3, 'string'),
    columnFromValues('departement', dep, 'string'),
    columnFromValues('deceased', deceased, 'boolean'),
    columnFromValues('n_visits', Array.from(visits), 'integer'),
    columnFromValues('chronic_conditions', chronic, 'string'),
  ];
  return makeTable(cols);
}

function copyColumn(c: Column, name: string): Column {
  return columnFromCodes(name, c.kind, c.codes, [...c.dictionary]);
}
