/**
 * The common health model every reader (FHIR R4, Synthea CSV, OMOP CDM v5.4) fills:
 * one `person` table (one row per person, with the direct identifiers as separate columns so that
 * they can be dropped or pseudonymized) and event tables keyed by `person_id` (+ `encounter_id`).
 *
 * Readers append rows to a `ModelBuilder`; values are dictionary-encoded as they arrive (one Map
 * lookup per cell, codes in a growable Int32Array), and `finish()` sorts each dictionary into the
 * column's natural order and remaps the codes, giving the engine's `Table` layout directly.
 * The column lists below are the contract documented in docs/fhir.md.
 */
import { columnFromCodes, makeTable, type ColumnKind, type Table } from '../table/table.ts';

export type TableName =
  | 'person' | 'encounters' | 'conditions' | 'observations' | 'medications' | 'procedures' | 'notes';

export const TABLE_NAMES: readonly TableName[] = [
  'person', 'encounters', 'conditions', 'observations', 'medications', 'procedures', 'notes',
];

type Schema = readonly (readonly [name: string, kind: ColumnKind])[];

const S = 'string' as const;
const D = 'date' as const;
const N = 'decimal' as const;

/** Columns of the person table that identify a person directly (dropped or pseudonymized on output). */
export const DIRECT_IDENTIFIER_COLUMNS: readonly string[] = [
  'name_prefix', 'name_given', 'name_family', 'name_suffix', 'maiden_name',
  'ssn', 'mrn', 'drivers_license', 'passport', 'other_identifier',
  'phone', 'email', 'address_line', 'latitude', 'longitude',
];

export const SCHEMAS: Record<TableName, Schema> = {
  person: [
    ['person_id', S], ['birth_date', D], ['death_date', D], ['deceased', 'boolean'], ['sex', S], ['race', S], ['ethnicity', S],
    ['marital_status', S], ['birth_place', S], ['postal_code', S], ['city', S], ['county', S], ['state', S],
    ['country', S],
    ['name_prefix', S], ['name_given', S], ['name_family', S], ['name_suffix', S], ['maiden_name', S],
    ['ssn', S], ['mrn', S], ['drivers_license', S], ['passport', S], ['other_identifier', S],
    ['phone', S], ['email', S], ['address_line', S], ['latitude', N], ['longitude', N],
  ],
  encounters: [
    ['person_id', S], ['encounter_id', S], ['start_date', D], ['end_date', D], ['class', S],
    ['code_system', S], ['code', S], ['display', S], ['reason_code', S], ['reason_display', S],
  ],
  conditions: [
    ['person_id', S], ['encounter_id', S], ['onset_date', D], ['abatement_date', D],
    ['code_system', S], ['code', S], ['display', S], ['source_code', S], ['clinical_status', S],
  ],
  observations: [
    ['person_id', S], ['encounter_id', S], ['date', D], ['category', S],
    ['code_system', S], ['code', S], ['display', S], ['panel_code', S],
    ['value', S], ['value_number', N], ['unit', S],
  ],
  medications: [
    ['person_id', S], ['encounter_id', S], ['start_date', D], ['end_date', D],
    ['code_system', S], ['code', S], ['display', S], ['status', S], ['source', S],
  ],
  procedures: [
    ['person_id', S], ['encounter_id', S], ['start_date', D], ['end_date', D],
    ['code_system', S], ['code', S], ['display', S], ['reason_code', S], ['reason_display', S],
  ],
  notes: [
    ['person_id', S], ['encounter_id', S], ['date', D], ['type_system', S], ['type_code', S], ['type_display', S],
    ['content_type', S], ['text', S],
  ],
};

export type Cell = string | number | null | undefined;
export type Row = Record<string, Cell>;

/** One column being built: interned labels in arrival order + codes. */
class ColumnBuilder {
  readonly name: string;
  readonly kind: ColumnKind;
  private readonly index = new Map<string, number>();
  private readonly labels: string[] = [];
  private codes = new Int32Array(1024);
  length = 0;
  constructor(name: string, kind: ColumnKind) { this.name = name; this.kind = kind; }

  push(v: Cell): void {
    let code = -1; // -1 = missing until finish()
    if (v !== null && v !== undefined && v !== '' && !(typeof v === 'number' && !Number.isFinite(v))) {
      const label = typeof v === 'number' ? String(v) : v;
      let c = this.index.get(label);
      if (c === undefined) { c = this.labels.length; this.labels.push(label); this.index.set(label, c); }
      code = c;
    }
    if (this.length === this.codes.length) {
      const next = new Int32Array(this.codes.length * 2);
      next.set(this.codes);
      this.codes = next;
    }
    this.codes[this.length++] = code;
  }

  finish() {
    const n = this.labels.length;
    const order = Array.from({ length: n }, (_, i) => i);
    const labels = this.labels;
    if (this.kind === 'integer' || this.kind === 'decimal') {
      const nums = labels.map(Number);
      order.sort((a, b) => nums[a]! - nums[b]! || cmp(labels[a]!, labels[b]!));
    } else {
      // dates are ISO YYYY-MM-DD: code-point order is chronological order
      order.sort((a, b) => cmp(labels[a]!, labels[b]!));
    }
    const remap = new Int32Array(n);
    order.forEach((old, i) => { remap[old] = i; });
    let hasMissing = false;
    const codes = new Int32Array(this.length);
    for (let r = 0; r < this.length; r++) {
      const c = this.codes[r]!;
      if (c < 0) { hasMissing = true; codes[r] = n; } else codes[r] = remap[c]!;
    }
    const dictionary: (string | null)[] = order.map((i) => labels[i]!);
    if (hasMissing) dictionary.push(null);
    return columnFromCodes(this.name, this.kind, codes, dictionary);
  }
}

function cmp(a: string, b: string): number { return a < b ? -1 : a > b ? 1 : 0; }

/** Builds one table of the model row by row. Unknown column names are a programming error. */
export class TableBuilder {
  readonly name: TableName;
  readonly columns: ColumnBuilder[];
  private readonly byName = new Map<string, ColumnBuilder>();
  rowCount = 0;
  constructor(name: TableName) {
    this.name = name;
    this.columns = SCHEMAS[name].map(([n, k]) => new ColumnBuilder(n, k));
    for (const c of this.columns) this.byName.set(c.name, c);
  }
  add(row: Row): void {
    for (const k in row) if (!this.byName.has(k)) throw new Error(`table ${this.name} has no column ${k}`);
    for (const c of this.columns) c.push(row[c.name]);
    this.rowCount++;
  }
  column(name: string): ColumnBuilder {
    const c = this.byName.get(name);
    if (!c) throw new Error(`table ${this.name} has no column ${name}`);
    return c;
  }
  finish(): Table { return makeTable(this.columns.map((c) => c.finish())); }
}

/** All tables of the model, filled by the readers. */
export class ModelBuilder {
  readonly tables: Record<TableName, TableBuilder>;
  constructor() {
    this.tables = Object.fromEntries(TABLE_NAMES.map((n) => [n, new TableBuilder(n)])) as Record<TableName, TableBuilder>;
  }
}

/** Code systems by URI → the short names used in the tables (others are kept as given). */
const SYSTEMS: Record<string, string> = {
  'http://snomed.info/sct': 'SNOMED',
  'http://loinc.org': 'LOINC',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RXNORM',
  'http://hl7.org/fhir/sid/icd-10': 'ICD10',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD10CM',
  'http://hl7.org/fhir/sid/icd-10-fr': 'ICD10',
  'https://mos.esante.gouv.fr/NOS/TRE_R38-CIM10/FHIR/TRE-R38-CIM10': 'ICD10',
  'http://hl7.org/fhir/sid/cvx': 'CVX',
  'http://www.ama-assn.org/go/cpt': 'CPT',
  'http://unitsofmeasure.org': 'UCUM',
  'http://terminology.hl7.org/CodeSystem/v3-ActCode': 'ActCode',
  // (the same systems by their HL7 OIDs, as CDA-derived and older exports write them)
  'urn:oid:2.16.840.1.113883.6.96': 'SNOMED',
  'urn:oid:2.16.840.1.113883.6.1': 'LOINC',
  'urn:oid:2.16.840.1.113883.6.88': 'RXNORM',
  'urn:oid:2.16.840.1.113883.6.3': 'ICD10',
  'urn:oid:2.16.840.1.113883.6.90': 'ICD10CM',
  'urn:oid:2.16.840.1.113883.12.292': 'CVX',
  'urn:oid:2.16.840.1.113883.6.12': 'CPT',
};

export function shortSystem(uri: string | undefined | null): string | null {
  if (!uri) return null;
  return SYSTEMS[uri] ?? uri;
}

/** The date part (YYYY-MM-DD) of a FHIR date/dateTime/instant or a CSV timestamp, as written (no time-zone shift). */
export function datePart(v: unknown): string | null {
  if (typeof v !== 'string' || v.length < 4) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  if (/^\d{4}-\d{2}$/.test(v)) return v + '-01';
  if (/^\d{4}$/.test(v)) return v + '-01-01';
  return null;
}
