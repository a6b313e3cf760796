/**
 * Synthea CSV exports → the common model. Two layouts are recognised from patients.csv:
 * - "v3" (Synthea 2020+): `Id`, START/STOP timestamps, CITY/STATE/COUNTY/ZIP/LAT/LON columns,
 *   ENCOUNTERCLASS, observation CATEGORY/TYPE (also the partial April-2020 sample, which lacks
 *   encounters/medications/observations/procedures: absent files give empty tables and a warning);
 * - "legacy" (2017): `ID`, single DATE columns, ADDRESS as one string "street city ST zip US".
 * Files not mapped (immunizations, allergies, careplans, claims, …) are counted in `unmapped`.
 */
import type { IngestState } from '../state.ts';
import { cell, colOf, csvDate, csvNumber, parseCsv, requireColumns, type CsvFile } from './csv.ts';

export const SYNTHEA_MAPPED = ['patients', 'encounters', 'conditions', 'medications', 'observations', 'procedures'] as const;

export type SyntheaLayout = 'v3' | 'legacy';

export function syntheaLayout(patientsHeader: string[]): SyntheaLayout {
  return patientsHeader.includes('ZIP') || patientsHeader.includes('Id') ? 'v3' : 'legacy';
}

/**
 * Reads a Synthea export given as file name (e.g. "patients.csv") → loader of its text (null: not readable, a problem
 * already recorded). File names are read in any case
 * ("Patients.csv", as the folder's detection does: a case-sensitive lookup ignored such an export silently); problems name
 * the file as it is named. `where` names the folder (for messages). Null when there is no patients.csv.
 */
export function readSynthea(files: Map<string, () => string | null>, where: string, st: IngestState): SyntheaLayout | null {
  const byName = new Map<string, [string, () => string | null]>();
  for (const [file, get] of [...files.entries()].sort()) {
    const lower = file.toLowerCase();
    const other = byName.get(lower);
    if (other) { st.issue(`${where}/${file}`, `the same file name as ${other[0]} in another case: keep one of them`); continue; }
    byName.set(lower, [file, get]);
  }
  const load = (name: string): CsvFile | null => {
    const e = byName.get(`${name}.csv`);
    const text = e ? e[1]() : null;
    return e && text !== null ? parseCsv(text, `${where}/${e[0]}`, st) : null;
  };
  if (!byName.has('patients.csv')) return null;
  const patients = load('patients');
  // (a patients.csv that cannot be decoded or parsed is a problem already recorded with its line: the other files are still
  // read, so that their problems are listed too)
  const layout = patients ? syntheaLayout(patients.header) : 'v3';
  if (patients) readPatients(patients, layout, st);
  const missing: string[] = [];
  for (const name of SYNTHEA_MAPPED) {
    if (name === 'patients') continue;
    if (!byName.has(`${name}.csv`)) { missing.push(`${name}.csv`); continue; }
    const f = load(name);
    if (!f) continue;
    st.count(`synthea:${name}`, f.rows.length);
    READERS[name](f, st);
  }
  if (missing.length) st.warn(`${where}: Synthea files absent (their tables are empty for this input): ${missing.join(', ')}`);
  for (const [lower, [file, get]] of byName) {
    const base = lower.replace(/\.csv$/, '');
    if ((SYNTHEA_MAPPED as readonly string[]).includes(base)) continue;
    const text = get();
    const f = text === null ? null : parseCsv(text, `${where}/${file}`, st);
    if (!f) continue;
    st.count(`synthea:${base}`, f.rows.length);
    st.countUnmapped(`synthea:${base}`, f.rows.length);
  }
  return layout;
}

const US_STATES: Record<string, string> = { California: 'CA', Massachusetts: 'MA' };

function readPatients(f: CsvFile, layout: SyntheaLayout, st: IngestState): void {
  st.count('synthea:patients', f.rows.length);
  if (!requireColumns(f, [['Id', 'ID'], 'BIRTHDATE', 'GENDER'], st)) return;
  const c = {
    id: colOf(f, 'Id', 'ID'), birth: f.col('BIRTHDATE'), death: f.col('DEATHDATE'), ssn: f.col('SSN'),
    drivers: f.col('DRIVERS'), passport: f.col('PASSPORT'), prefix: f.col('PREFIX'), first: f.col('FIRST'),
    last: f.col('LAST'), suffix: f.col('SUFFIX'), maiden: f.col('MAIDEN'), marital: f.col('MARITAL'),
    race: f.col('RACE'), ethnicity: f.col('ETHNICITY'), gender: f.col('GENDER'), birthplace: f.col('BIRTHPLACE'),
    address: f.col('ADDRESS'), city: f.col('CITY'), state: f.col('STATE'), county: f.col('COUNTY'),
    zip: f.col('ZIP'), lat: f.col('LAT'), lon: f.col('LON'),
  };
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    const id = cell(row, c.id);
    if (id === null) { st.issue(`${f.file}:${f.lines[r]} column ${f.header[c.id]}`, 'empty patient id'); continue; }
    let postal = cell(row, c.zip), state = cell(row, c.state);
    const address = cell(row, c.address);
    if (layout === 'legacy' && address) {
      // "1059 Cyrus Points Berlin MA 01503 US": state and ZIP are the last tokens before the country
      const m = address.match(/\b([A-Z]{2})\s+(\d{5})(?:-\d{4})?\s+US\s*$/);
      if (m) { state = m[1]!; postal = m[2]!; }
    }
    if (state && US_STATES[state]) state = US_STATES[state]!;
    const g = cell(row, c.gender);
    const birth = csvDate(f, row, r, c.birth, st), death = csvDate(f, row, r, c.death, st);
    // (Synthea writes M or F)
    if (g !== null && g !== 'M' && g !== 'F') { st.issue(`${f.file}:${f.lines[r]} column ${f.header[c.gender]}`, 'not a gender of Synthea (expected M or F)'); continue; }
    st.addPerson({
      person_id: id, birth_date: birth, death_date: death,
      deceased: cell(row, c.death) !== null ? 'true' : 'false',
      sex: g, race: cell(row, c.race), ethnicity: cell(row, c.ethnicity),
      marital_status: cell(row, c.marital), birth_place: cell(row, c.birthplace)?.replace(/\s{2,}/g, ', ') ?? null,
      postal_code: postal, city: cell(row, c.city), county: cell(row, c.county), state, country: 'US',
      name_prefix: cell(row, c.prefix), name_given: cell(row, c.first), name_family: cell(row, c.last),
      name_suffix: cell(row, c.suffix), maiden_name: cell(row, c.maiden), ssn: cell(row, c.ssn),
      mrn: null, drivers_license: cell(row, c.drivers), passport: cell(row, c.passport),
      address_line: address, latitude: csvNumber(row, c.lat), longitude: csvNumber(row, c.lon),
    });
  }
}

function readEncounters(f: CsvFile, st: IngestState): void {
  if (!requireColumns(f, [['Id', 'ID'], ['START', 'DATE'], 'PATIENT'], st)) return;
  const id = colOf(f, 'Id', 'ID'), start = colOf(f, 'START', 'DATE'), stop = f.col('STOP'), pat = f.col('PATIENT');
  const cls = f.col('ENCOUNTERCLASS'), code = f.col('CODE'), desc = f.col('DESCRIPTION');
  const rc = f.col('REASONCODE'), rd = f.col('REASONDESCRIPTION');
  const t = st.model.tables.encounters;
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    if (!hasPatient(f, row, r, pat, st)) continue;
    t.add({
      person_id: cell(row, pat), encounter_id: cell(row, id), start_date: csvDate(f, row, r, start, st),
      end_date: csvDate(f, row, r, stop, st), class: cell(row, cls), code_system: code >= 0 ? 'SNOMED' : null,
      code: cell(row, code), display: cell(row, desc), reason_code: cell(row, rc), reason_display: cell(row, rd),
    });
  }
}

/** Whether an event row names its patient; an empty PATIENT is a problem (file:line, column), as in OMOP. */
function hasPatient(f: CsvFile, row: string[], r: number, pat: number, st: IngestState): boolean {
  if (cell(row, pat) !== null) return true;
  st.issue(`${f.file}:${f.lines[r]} column ${f.header[pat]}`, 'empty PATIENT (every event row names the Id of its patient in patients.csv)');
  return false;
}

function readConditions(f: CsvFile, st: IngestState): void {
  if (!requireColumns(f, ['START', 'PATIENT', 'CODE'], st)) return;
  const start = f.col('START'), stop = f.col('STOP'), pat = f.col('PATIENT'), enc = f.col('ENCOUNTER');
  const code = f.col('CODE'), desc = f.col('DESCRIPTION'), sys = f.col('SYSTEM');
  const t = st.model.tables.conditions;
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    const system = cell(row, sys);
    if (!hasPatient(f, row, r, pat, st)) continue;
    t.add({
      person_id: cell(row, pat), encounter_id: cell(row, enc), onset_date: csvDate(f, row, r, start, st),
      abatement_date: csvDate(f, row, r, stop, st),
      code_system: system === null || /snomed/i.test(system) ? 'SNOMED' : /icd/i.test(system) ? 'ICD10' : system,
      code: cell(row, code), display: cell(row, desc), source_code: null,
      clinical_status: cell(row, stop) === null ? 'active' : 'resolved',
    });
  }
}

function readMedications(f: CsvFile, st: IngestState): void {
  if (!requireColumns(f, ['START', 'PATIENT', 'CODE'], st)) return;
  const start = f.col('START'), stop = f.col('STOP'), pat = f.col('PATIENT'), enc = f.col('ENCOUNTER');
  const code = f.col('CODE'), desc = f.col('DESCRIPTION');
  const t = st.model.tables.medications;
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    if (!hasPatient(f, row, r, pat, st)) continue;
    t.add({
      person_id: cell(row, pat), encounter_id: cell(row, enc), start_date: csvDate(f, row, r, start, st),
      end_date: csvDate(f, row, r, stop, st), code_system: 'RXNORM', code: cell(row, code), display: cell(row, desc),
      status: cell(row, stop) === null ? 'active' : 'stopped', source: 'synthea',
    });
  }
}

function readObservations(f: CsvFile, st: IngestState): void {
  if (!requireColumns(f, ['DATE', 'PATIENT', 'CODE'], st)) return;
  const date = f.col('DATE'), pat = f.col('PATIENT'), enc = f.col('ENCOUNTER'), cat = f.col('CATEGORY');
  const code = f.col('CODE'), desc = f.col('DESCRIPTION'), val = f.col('VALUE'), units = f.col('UNITS'), type = f.col('TYPE');
  const t = st.model.tables.observations;
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    const ty = cell(row, type);
    const num = ty === null || ty === 'numeric' ? csvNumber(row, val) : null;
    if (!hasPatient(f, row, r, pat, st)) continue;
    t.add({
      person_id: cell(row, pat), encounter_id: cell(row, enc), date: csvDate(f, row, r, date, st),
      category: cell(row, cat), code_system: 'LOINC', code: cell(row, code), display: cell(row, desc),
      panel_code: null, value: cell(row, val), value_number: num, unit: cell(row, units),
    });
  }
}

function readProcedures(f: CsvFile, st: IngestState): void {
  if (!requireColumns(f, [['START', 'DATE'], 'PATIENT', 'CODE'], st)) return;
  const start = colOf(f, 'START', 'DATE'), stop = f.col('STOP'), pat = f.col('PATIENT'), enc = f.col('ENCOUNTER');
  const code = f.col('CODE'), desc = f.col('DESCRIPTION'), rc = f.col('REASONCODE'), rd = f.col('REASONDESCRIPTION');
  const t = st.model.tables.procedures;
  for (let r = 0; r < f.rows.length; r++) {
    const row = f.rows[r]!;
    if (!hasPatient(f, row, r, pat, st)) continue;
    t.add({
      person_id: cell(row, pat), encounter_id: cell(row, enc), start_date: csvDate(f, row, r, start, st),
      end_date: csvDate(f, row, r, stop, st), code_system: 'SNOMED', code: cell(row, code), display: cell(row, desc),
      reason_code: cell(row, rc), reason_display: cell(row, rd),
    });
  }
}

const READERS: Record<Exclude<typeof SYNTHEA_MAPPED[number], 'patients'>, (f: CsvFile, st: IngestState) => void> = {
  encounters: readEncounters, conditions: readConditions, medications: readMedications,
  observations: readObservations, procedures: readProcedures,
};
