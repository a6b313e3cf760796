/**
 * OMOP CDM v5.4 tables (CSV/TSV, one file per table, column names case-insensitive) → the common model.
 * Mapped: person (+ location, death when present), visit_occurrence, condition_occurrence,
 * drug_exposure, measurement, observation, procedure_occurrence, note. Other tables are counted in
 * `unmapped`. Codes are OMOP concept ids (code_system "OMOP"); source values are kept
 * (conditions.source_code, display) so that chronic conditions can be recognised. docs/fhir.md §OMOP.
 */
import type { IngestState } from '../state.ts';
import { isIsoDay } from '../../util/calendar.ts';
import { cell, csvDate, csvNumber, parseCsv, requireColumns, type CsvFile } from '../synthea/csv.ts';

export const OMOP_MAPPED = [
  'person', 'location', 'death', 'visit_occurrence', 'condition_occurrence', 'drug_exposure',
  'measurement', 'observation', 'procedure_occurrence', 'note',
] as const;

const GENDER: Record<string, string> = { '8507': 'M', '8532': 'F', '8551': 'U', '8521': 'O' };
const VISIT_CLASS: Record<string, string> = { '9201': 'inpatient', '9202': 'outpatient', '9203': 'emergency', '262': 'emergency-inpatient', '581477': 'home' };

/**
 * Reads OMOP tables given as file name ("person.csv", "measurement.tsv") → loader of its text (null: not readable, a problem
 * already recorded). False when there is no person table.
 */
export function readOmop(files: Map<string, () => string | null>, where: string, st: IngestState): boolean {
  const byTable = new Map<string, [string, () => string | null]>();
  for (const [name, get] of files) byTable.set(name.replace(/\.(csv|tsv|txt)$/i, '').toLowerCase(), [name, get]);
  const load = (table: string): CsvFile | null => {
    const e = byTable.get(table);
    const text = e ? e[1]() : null;
    return e && text !== null ? parseCsv(text, `${where}/${e[0]}`, st) : null;
  };
  if (!byTable.has('person')) return false;
  // (a person table that cannot be decoded or parsed is a problem already recorded with its line: the other tables are still
  // read, so that their problems are listed too)
  const person = load('person');
  const location = load('location');
  const death = load('death');
  if (person) readPerson(person, location, death, st);
  for (const [table, f] of [['visit_occurrence', visits], ['condition_occurrence', conditions], ['drug_exposure', drugs],
    ['measurement', measurements], ['observation', observations], ['procedure_occurrence', procedures], ['note', notes]] as const) {
    const file = load(table);
    if (!file) continue;
    st.count(`omop:${table}`, file.rows.length);
    f(file, st);
  }
  for (const [table, [name, get]] of [...byTable.entries()].sort()) {
    if ((OMOP_MAPPED as readonly string[]).includes(table)) continue;
    const text = get();
    const f = text === null ? null : parseCsv(text, `${where}/${name}`, st);
    if (!f) continue;
    st.count(`omop:${table}`, f.rows.length);
    st.countUnmapped(`omop:${table}`, f.rows.length);
  }
  return true;
}

function pad2(s: string | null): string | null { return s === null ? null : s.padStart(2, '0'); }

/** The row's person_id, an integer (OMOP CDM: NOT NULL, a foreign key to person); an issue and null otherwise. */
function personOf(f: CsvFile, row: string[], r: number, col: number, st: IngestState): string | null {
  const id = cell(row, col);
  if (id === null) { st.issue(`${f.file}:${f.lines[r]} column person_id`, 'empty person_id (OMOP requires it in every event table)'); return null; }
  if (!/^\d+$/.test(id)) { st.issue(`${f.file}:${f.lines[r]} column person_id`, 'not an integer (OMOP person_id is an integer key)'); return null; }
  return id;
}

/** Sex from a gender_source_value when the concept is none of the four mapped ("female", "F", "homme"); else U. */
function sexFromSource(v: string | null): string {
  const k = (v ?? '').trim().toLowerCase();
  return /^(f|female|femme|woman)$/.test(k) ? 'F' : /^(m|male|homme|man)$/.test(k) ? 'M' : 'U';
}

function readPerson(f: CsvFile, loc: CsvFile | null, death: CsvFile | null, st: IngestState): void {
  const unknownGender = new Map<string, number>();
  let birthConflicts = 0;
  st.count('omop:person', f.rows.length);
  if (!requireColumns(f, ['person_id', 'gender_concept_id', 'year_of_birth'], st)) return;
  const locations = new Map<string, string[]>();
  let lz = -1, lc = -1, ls = -1, lco = -1, lcountry = -1, la1 = -1, la2 = -1, llat = -1, llon = -1;
  if (loc && !requireColumns(loc, ['location_id'], st)) loc = null;
  if (death && !requireColumns(death, ['person_id', 'death_date'], st)) death = null;
  if (loc) {
    st.count('omop:location', loc.rows.length);
    const id = loc.col('location_id');
    lz = loc.col('zip'); lc = loc.col('city'); ls = loc.col('state'); lco = loc.col('county');
    lcountry = loc.col('country_source_value'); la1 = loc.col('address_1'); la2 = loc.col('address_2');
    llat = loc.col('latitude'); llon = loc.col('longitude');
    for (const row of loc.rows) { const k = cell(row, id); if (k !== null) locations.set(k, row); }
  }
  const deaths = new Map<string, string>();
  if (death) {
    st.count('omop:death', death.rows.length);
    const p = death.col('person_id'), d = death.col('death_date');
    death.rows.forEach((row, r) => { const k = cell(row, p); const v = csvDate(death, row, r, d, st); if (k !== null) deaths.set(k, v ?? ''); });
  }
  const c = {
    id: f.col('person_id'), g: f.col('gender_concept_id'), gs: f.col('gender_source_value'), y: f.col('year_of_birth'),
    m: f.col('month_of_birth'), d: f.col('day_of_birth'), bdt: f.col('birth_datetime'), race: f.col('race_concept_id'),
    rs: f.col('race_source_value'), eth: f.col('ethnicity_concept_id'), es: f.col('ethnicity_source_value'),
    loc: f.col('location_id'), src: f.col('person_source_value'),
  };
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    const id = cell(row, c.id);
    if (id === null) { st.issue(`${f.file}:${f.lines[r]} column person_id`, 'empty person_id'); continue; }
    // (OMOP CDM v5.4: person_id is an integer)
    if (!/^\d+$/.test(id)) { st.issue(`${f.file}:${f.lines[r]} column person_id`, 'not an integer (OMOP person_id is an integer key)'); continue; }
    let birth = csvDate(f, row, r, c.bdt, st);
    const yb = cell(row, c.y);
    // (birth_datetime wins, as documented; a year_of_birth that contradicts it is counted)
    if (birth && yb !== null && birth.slice(0, 4) !== yb) birthConflicts++;
    if (!birth) {
      const y = yb;
      if (y === null) st.issue(`${f.file}:${f.lines[r]} column year_of_birth`, 'empty (OMOP requires year_of_birth; give it, or birth_datetime)');
      else if (!/^\d{4}$/.test(y)) st.issue(`${f.file}:${f.lines[r]} column year_of_birth`, 'not a 4-digit year');
      else if (y !== null) {
        const b = `${y}-${pad2(cell(row, c.m)) ?? '01'}-${pad2(cell(row, c.d)) ?? '01'}`;
        if (isIsoDay(b)) birth = b;
        else st.issue(`${f.file}:${f.lines[r]} columns month_of_birth, day_of_birth`, 'not a day of the calendar (a month 1-12, a day its month has)');
      }
    }
    const g = cell(row, c.g);
    const mapped = g !== null ? GENDER[g] : undefined;
    if (mapped === undefined) unknownGender.set(g ?? '(empty)', (unknownGender.get(g ?? '(empty)') ?? 0) + 1);
    const l = locations.get(cell(row, c.loc) ?? '');
    const addr = l ? [cell(l, la1), cell(l, la2)].filter((x) => x !== null).join(', ') || null : null;
    st.addPerson({
      person_id: id, birth_date: birth, death_date: deaths.get(id) || null, deceased: deaths.has(id) ? 'true' : 'false',
      sex: mapped ?? sexFromSource(cell(row, c.gs)),
      race: cell(row, c.rs) ?? cell(row, c.race), ethnicity: cell(row, c.es) ?? cell(row, c.eth),
      postal_code: l ? cell(l, lz) : null, city: l ? cell(l, lc) : null, state: l ? cell(l, ls) : null,
      county: l ? cell(l, lco) : null, country: l ? cell(l, lcountry) : null,
      mrn: cell(row, c.src), address_line: addr,
      latitude: l ? csvNumber(l, llat) : null, longitude: l ? csvNumber(l, llon) : null,
    });
  }
  if (unknownGender.size) {
    const list = [...unknownGender.entries()].map(([k, n]) => `${k} (${n})`).join(', ');
    st.warn(`${f.file}: gender_concept_id other than 8507, 8532, 8551, 8521 — ${list}: sex read from gender_source_value (F or M), else U`);
  }
  if (birthConflicts) st.warn(`${f.file}: ${birthConflicts} person(s) whose birth_datetime and year_of_birth differ: birth_datetime is used`);
}

function visits(f: CsvFile, st: IngestState): void {
  if (!requireColumns(f, ['visit_occurrence_id', 'person_id', 'visit_start_date'], st)) return;
  const id = f.col('visit_occurrence_id'), p = f.col('person_id'), s = f.col('visit_start_date'), e = f.col('visit_end_date');
  // (visit_source_value is not read: the source system's own value, which ETLs fill with its encounter id — ETL-Synthea
  // writes the Synthea encounter's UUID there —, a key to the source records that the keyed encounter_id replaces)
  const cc = f.col('visit_concept_id');
  const unknown = new Map<string, number>();
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    const concept = cell(row, cc);
    if (concept !== null && VISIT_CLASS[concept] === undefined) unknown.set(concept, (unknown.get(concept) ?? 0) + 1);
    const pid = personOf(f, row, r, p, st);
    if (pid === null) continue;
    st.model.tables.encounters.add({
      person_id: pid, encounter_id: cell(row, id), start_date: csvDate(f, row, r, s, st),
      end_date: csvDate(f, row, r, e, st), class: concept !== null ? VISIT_CLASS[concept] ?? concept : null,
      code_system: concept !== null ? 'OMOP' : null, code: concept, display: null,
    });
  }
  if (unknown.size) st.warn(`${f.file}: visit_concept_id other than ${Object.keys(VISIT_CLASS).join(', ')} — ${[...unknown.entries()].map(([k, n]) => `${k} (${n})`).join(', ')}: the class is the concept id`);
}

function conditions(f: CsvFile, st: IngestState): void {
  if (!requireColumns(f, ['person_id', 'condition_concept_id', 'condition_start_date'], st)) return;
  const p = f.col('person_id'), v = f.col('visit_occurrence_id'), s = f.col('condition_start_date'), e = f.col('condition_end_date');
  const cc = f.col('condition_concept_id'), sv = f.col('condition_source_value'), status = f.col('condition_status_source_value');
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    const pid = personOf(f, row, r, p, st);
    if (pid === null) continue;
    st.model.tables.conditions.add({
      person_id: pid, encounter_id: cell(row, v), onset_date: csvDate(f, row, r, s, st),
      abatement_date: csvDate(f, row, r, e, st), code_system: 'OMOP', code: cell(row, cc),
      display: cell(row, sv), source_code: cell(row, sv), clinical_status: cell(row, status),
    });
  }
}

function drugs(f: CsvFile, st: IngestState): void {
  if (!requireColumns(f, ['person_id', 'drug_concept_id', 'drug_exposure_start_date'], st)) return;
  const p = f.col('person_id'), v = f.col('visit_occurrence_id'), s = f.col('drug_exposure_start_date');
  const e = f.col('drug_exposure_end_date'), cc = f.col('drug_concept_id'), sv = f.col('drug_source_value');
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    const pid = personOf(f, row, r, p, st);
    if (pid === null) continue;
    st.model.tables.medications.add({
      person_id: pid, encounter_id: cell(row, v), start_date: csvDate(f, row, r, s, st),
      end_date: csvDate(f, row, r, e, st), code_system: 'OMOP', code: cell(row, cc), display: cell(row, sv),
      status: null, source: 'drug_exposure',
    });
  }
}

function valueRows(f: CsvFile, st: IngestState, kind: 'measurement' | 'observation'): void {
  if (!requireColumns(f, ['person_id', `${kind}_concept_id`, `${kind}_date`], st)) return;
  const p = f.col('person_id'), v = f.col('visit_occurrence_id'), d = f.col(`${kind}_date`);
  const cc = f.col(`${kind}_concept_id`), sv = f.col(`${kind}_source_value`), num = f.col('value_as_number');
  const vs = f.col('value_as_string'), vc = f.col('value_as_concept_id'), unit = f.col('unit_source_value');
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    const n = csvNumber(row, num);
    const pid = personOf(f, row, r, p, st);
    if (pid === null) continue;
    st.model.tables.observations.add({
      person_id: pid, encounter_id: cell(row, v), date: csvDate(f, row, r, d, st), category: kind,
      code_system: 'OMOP', code: cell(row, cc), display: cell(row, sv), panel_code: null,
      value: n !== null ? String(n) : cell(row, vs) ?? cell(row, vc), value_number: n, unit: cell(row, unit),
    });
  }
}

function measurements(f: CsvFile, st: IngestState): void { valueRows(f, st, 'measurement'); }
function observations(f: CsvFile, st: IngestState): void { valueRows(f, st, 'observation'); }

function procedures(f: CsvFile, st: IngestState): void {
  if (!requireColumns(f, ['person_id', 'procedure_concept_id', 'procedure_date'], st)) return;
  const p = f.col('person_id'), v = f.col('visit_occurrence_id'), s = f.col('procedure_date'), e = f.col('procedure_end_date');
  const cc = f.col('procedure_concept_id'), sv = f.col('procedure_source_value');
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    const pid = personOf(f, row, r, p, st);
    if (pid === null) continue;
    st.model.tables.procedures.add({
      person_id: pid, encounter_id: cell(row, v), start_date: csvDate(f, row, r, s, st),
      end_date: csvDate(f, row, r, e, st), code_system: 'OMOP', code: cell(row, cc), display: cell(row, sv),
    });
  }
}

function notes(f: CsvFile, st: IngestState): void {
  if (!requireColumns(f, ['person_id', 'note_date', 'note_text'], st)) return;
  const p = f.col('person_id'), v = f.col('visit_occurrence_id'), d = f.col('note_date');
  const tc = f.col('note_type_concept_id'), title = f.col('note_title'), text = f.col('note_text');
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    const pid = personOf(f, row, r, p, st);
    if (pid === null) continue;
    st.addNote({
      person_id: pid, encounter_id: cell(row, v), date: csvDate(f, row, r, d, st),
      type_system: 'OMOP', type_code: cell(row, tc), type_display: cell(row, title), content_type: 'text/plain',
    }, cell(row, text));
  }
}
