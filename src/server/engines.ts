/**
 * The service's one door to the engines: one function per engine call, each a thin adapter over
 * the engine's library API — src/io readTable (CSV), src/health ingest (FHIR), src/pseudonymize
 * (keyed tokens), src/risk assessTable, src/release anonymize, src/attack proveAnonymity, src/dp
 * runQuery and rational arithmetic. Changing an engine's wiring is a change here only: nothing
 * else in src/server imports an engine.
 */
import { keyFromBytes, pseudonym, type PseudonymKey } from '../pseudonymize/index.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnonymatError } from '../errors.ts';
import { columnFromValues, makeTable, type ColumnKind, type Table } from '../table/table.ts';
import { parsePolicy, type Policy } from '../policy/index.ts';
import { assessTable, type Assessment } from '../risk/index.ts';
import { anonymize } from '../release/anonymize.ts';
import { personLevelFormalOf } from '../release/verdict.ts';
import { proveAnonymity as proveAnonymityEngine } from '../attack/index.ts';
import type { ProveInput } from '../attack/verdict.ts';
import { own } from '../util/own.ts';
import { readTable } from '../io/read.ts';
import { onAbort } from '../io/abort.ts';
import { ingest } from '../health/index.ts';
import { tableToCsv } from '../io/write.ts';
import { numericReads, parseQuery, runQuery, type BudgetView, type Charge, type Ledger, type LedgerMeasure, type QueryOutcome, type DatasetDescriptor } from '../dp/index.ts';
import type { Rational } from '../dp/rational.ts';
import { add as addRat, cmp as cmpRat, parseRational, sub as subRat, toNumber as ratToNumber, toString as ratToString } from '../dp/rational.ts';

/** The policy handed to the engines (the shape of src/policy's Policy, built from the observatory schema). */
export interface EnginePolicy {
  columns: Record<string, { role: 'identifier' | 'person-key' | 'quasi' | 'sensitive' | 'insensitive'; type?: ColumnKind; hierarchy?: unknown }>;
  thresholds: { k: number; maxProsecutorRisk?: number; maxAttackRisk?: number };
  suppressionLimit?: number;
  baseDir: string;
  source: string;
}

// ---------------------------------------------------------------------------------------------
// reading uploads

/**
 * CSV upload → Table, through src/io readTable (strict DuckDB CSV reading, line-numbered errors). The raw upload — names,
 * phone numbers — is written for DuckDB into a folder of its own (0700) under `tmpRoot`, the service's private
 * temporary folder (swept when the service starts: a SIGKILL leaves it), and removed when read, or on SIGTERM.
 */
export async function readCsvUpload(bytes: Uint8Array, types: Record<string, ColumnKind>, tmpRoot: string = tmpdir()): Promise<Table> {
  const dir = mkdtempSync(join(tmpRoot, 'anonymat-upload-'));
  const undo = onAbort(() => rmSync(dir, { recursive: true, force: true }));
  try {
    const file = join(dir, 'upload.csv');
    writeFileSync(file, bytes, { mode: 0o600 });
    const header = csvHeader(bytes);
    const present = Object.fromEntries(Object.entries(types).filter(([n]) => header.includes(n)));
    return await readTable(file, { format: 'csv', header: true, types: present, infer: false, name: 'upload' });
  } finally { rmSync(dir, { recursive: true, force: true }); undo(); }
}

/** Column names of a CSV's first line (RFC 4180 quotes). */
export function csvHeader(bytes: Uint8Array): string[] {
  const end = bytes.indexOf(10);
  const line = Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8').replace(/\r$/, '').replace(/^\uFEFF/, '');
  const out: string[] = [];
  let cur = '', q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) { if (ch === '"') { if (line[i + 1] === '"') { cur += '"'; i++; } else q = false; } else cur += ch; }
    else if (ch === '"') q = true;
    else if (ch === ',') { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** Column renames from src/health's person view to the observatory schema. */
const FHIR_RENAME: Record<string, string> = { departement: 'department', chronic_conditions: 'diagnoses' };

/**
 * FHIR R4 bundle (JSON) or Bulk Data NDJSON → one row per patient: src/health `ingest(...)` with the
 * observatory key (identifiers tokenized or dropped, note text redacted), then its person view
 * (birth year, sex, département / 3-digit ZIP, number of visits, chronic conditions). The patient's
 * token (`person_id`) is the same keyed pseudonym `pseudonymOf` gives for the FHIR Patient.id.
 */
export async function readFhirUpload(bytes: Uint8Array, format: 'fhir-bundle' | 'fhir-ndjson', key: Uint8Array): Promise<{ table: Table; pseudonymColumn: string; dropped: string[] }> {
  const text = Buffer.from(bytes).toString('utf8');
  let r: Awaited<ReturnType<typeof ingest>>;
  try {
    r = await ingest([{ name: format === 'fhir-bundle' ? 'upload.json' : 'upload.ndjson', text, format: format === 'fhir-bundle' ? 'json' : 'ndjson' }], { key: keyOf(key), defaultCountry: 'FR' });
  } catch (e) {
    // (the CLI names a resource by type and id, "Patient/8f2…", for its user, who holds the file; the service answers
    // a practice over the network and keeps no identifier: the id, a patient's identifier, is withheld)
    if (!(e instanceof AnonymatError)) throw e;
    throw withholdResourceIds(e);
  }
  const view = r.tables.person_view;
  if (!view || view.rowCount === 0) throw new AnonymatError('invalid-input', 'the FHIR upload holds no Patient resource', [{ path: '$.entry[].resource', message: 'no Patient' }]);
  const table = makeTable(view.columns.map((c) => (FHIR_RENAME[c.name] ? { ...c, name: FHIR_RENAME[c.name]! } : c)));
  // only the person view is kept: the person table's identifier columns never reach the store
  return { table, pseudonymColumn: 'person_id', dropped: [...r.identifiers.columns, ...(r.identifiers.dropped ?? [])] };
}

/**
 * src/health's error with every resource id replaced by `<id>`. Its issue paths name a resource between the input's
 * name and the JSON path — "upload.json Patient/<id> $.entry[0].resource.id", "upload.ndjson:3 (id <id>) $.resourceType"
 * when the type is unreadable — and an id is whatever the file holds: an invalid one is precisely one with spaces, '@' or
 * '/' ("NIR 1 85 05 75 123 456 / DUPONT Jean"). So the whole span is withheld, whatever its characters (a pattern of
 * id characters hid its first run only: "Patient/<id> 1 85 05 75 123 456 / DUPONT Jean"); the input's name has no
 * space and the JSON path none either, being built of field names and indexes. The ids so found are withheld from the
 * messages too.
 */
export function withholdResourceIds(e: AnonymatError): AnonymatError {
  const ids = new Set<string>();
  const path = (p: string): string => {
    const m = /^(\S+) ([^]+) (\$\S*)$/.exec(p);
    if (!m) return p;
    const [, where, label, json] = m as unknown as [string, string, string, string];
    const typed = /^([A-Z][A-Za-z]*)\/([^]*)$/.exec(label);
    if (typed) {
      if (typed[2] === '(no id)') return p;
      ids.add(typed[2]!);
      return `${where} ${typed[1]}/<id> ${json}`;
    }
    const untyped = /^\(id ([^]*)\)$/.exec(label);
    if (untyped) ids.add(untyped[1]!);
    return `${where} ${untyped ? '(id <id>)' : '<id>'} ${json}`;
  };
  const issues = e.issues.map((i) => ({ path: path(i.path), message: i.message }));
  // (longest first: an id inside another is withheld with it)
  const found = [...ids].filter((id) => id !== '').sort((x, y) => y.length - x.length);
  const message = (t: string) => found.reduce((acc, id) => acc.split(id).join('<id>'), t);
  return new AnonymatError(e.code, message(e.message), issues.map((i) => ({ path: i.path, message: message(i.message) })), { cause: e });
}

// ---------------------------------------------------------------------------------------------
// pseudonyms

/**
 * Keyed pseudonym of a patient identifier, through src/pseudonymize: a versioned HMAC-SHA-256
 * token (`v1:` + base32), default domain, the value normalized by its shape as a person's id is (`id`:
 * trimmed, an e-mail lower-cased, a NIR or a phone number without its separators, letters' case kept) — the
 * same token src/health `ingest` gives a FHIR Patient.id and `anonymat pseudonymize` a person key. It serves uploads (CSV patient_id,
 * FHIR Patient.id) and objections alike, so an objection matches the patient's records.
 */
const keyObjects = new WeakMap<Uint8Array, PseudonymKey>();
function keyOf(key: Uint8Array): PseudonymKey {
  let k = keyObjects.get(key);
  if (!k) { k = keyFromBytes(key); keyObjects.set(key, k); }
  return k;
}
export function pseudonymOf(key: Uint8Array, identifier: string): string {
  return pseudonym(keyOf(key), identifier, { normalize: 'id' });
}

// ---------------------------------------------------------------------------------------------
// assessment, anonymization, attacks (the release gate)

/** Builds the engines' Policy (src/policy) from the observatory's column roles and thresholds. */
export function buildPolicy(p: EnginePolicy): Policy {
  return parsePolicy({
    // quasi-identifiers that vary within a person are aggregated per person by their most frequent value
    columns: Object.fromEntries(Object.entries(p.columns).map(([n, c]) => [n, { role: c.role, ...(c.type ? { type: c.type } : {}), ...(c.hierarchy ? { hierarchy: c.hierarchy } : {}), ...(c.role === 'quasi' ? { aggregate: 'mode' } : {}) }])),
    thresholds: p.thresholds,
    anonymize: { suppressionLimit: p.suppressionLimit ?? 0.05 },
  }, { baseDir: p.baseDir, source: p.source });
}

/** Risk assessment of a table: src/risk `assessTable(table, policy)`. */
export async function assess(table: Table, policy: EnginePolicy): Promise<Assessment> {
  return assessTable(table, buildPolicy(policy));
}

export interface AnonymizedJson {
  /** The released table (identifiers and the person key removed), or null when nothing satisfies the policy. */
  table: Table | null;
  transformation: Record<string, string>;
  suppressedRecords: number;
  feasible: boolean;
  binding: string[];
  strategy: string;
  before: Assessment | null;
  after: Assessment | null;
  engine: string;
  /** The release's thresholds judged at person level (ProveInput.personLevelFormal). */
  personLevelFormal?: ProveInput['personLevelFormal'];
}

/** Anonymization: src/release `anonymize(table, policy)` (full-domain search, suppression limit). */
export async function anonymizeTable(table: Table, policy: EnginePolicy): Promise<AnonymizedJson> {
  const full = buildPolicy(policy);
  // (before and after at person level, as the search judges: the release is assessed with its person key, which it
  // then loses; the verdict reads that assessment, since the release alone cannot tell one patient's records)
  const r = await anonymize(table, full);
  const before = r.before ?? assessTable(table, full);
  const after = r.table && r.table.rowCount > 0 ? r.after : null;
  const personLevelFormal = personLevelFormalOf(after);
  return {
    table: r.table, feasible: r.feasible, binding: r.binding, strategy: r.strategy,
    transformation: Object.fromEntries(Object.entries(r.transformation ?? {}).map(([k, v]) => [k, `level ${v}`])),
    suppressedRecords: r.suppressed, before, after, engine: `src/release anonymize (${r.strategy})`, ...(personLevelFormal ? { personLevelFormal } : {}),
  };
}

export interface AttackJson { name: string; risk: number | null; ciHigh: number | null; threshold: number; passes: boolean | null; explanation: string }
export interface ProofJson { anonymous: boolean; label: string; reasons: string[]; attacks: AttackJson[]; warnings: string[]; engine: string }

/**
 * Attack simulations and the verdict on a release: src/attack `proveAnonymity({...})` (singling
 * out, linkability, inference with confidence intervals; direct identifiers and key-like columns).
 * The release has no person key (it never leaves); the original and the control keep theirs, so that the attacks count
 * patients, not records, and the thresholds are the release's person-level ones (`personLevelFormal`, from anonymize).
 */
export async function proveAnonymity(original: Table, release: Table, policy: EnginePolicy, control?: Table, personLevelFormal?: ProveInput['personLevelFormal']): Promise<ProofJson> {
  const cols = Object.fromEntries(Object.entries(policy.columns).filter(([, c]) => c.role !== 'identifier'));
  const keep = (t: Table) => makeTable(t.columns.filter((c) => own(cols, c.name) !== undefined));
  const r = await proveAnonymityEngine({
    original: keep(original), release: makeTable(keep(release).columns.filter((c) => cols[c.name]!.role !== 'person-key')),
    ...(control && control.rowCount > 0 ? { control: keep(control) } : {}), seed: 1, attacks: 500,
    policy: { columns: cols, thresholds: { ...policy.thresholds }, source: policy.source }, ...(personLevelFormal ? { personLevelFormal } : {}),
  });
  const limit = r.verdict.limit;
  const fig = (name: string, a: { evaluated: boolean; risk: number | null; ci: [number, number] | null; reason?: string }, explanation: string): AttackJson => ({
    name, risk: a.evaluated ? a.risk : null, ciHigh: a.evaluated && a.ci ? a.ci[1] : null, threshold: limit,
    passes: a.evaluated && a.ci ? a.ci[1] <= limit : null, explanation: a.evaluated ? explanation : `not evaluated: ${(a as { reason?: string }).reason ?? ''}`,
  });
  return {
    anonymous: r.verdict.anonymous, label: r.verdict.label, reasons: r.verdict.reasons, warnings: r.warnings,
    attacks: [
      fig('singling-out', r.attacks.singlingOut as never, 'an attacker isolates one person with a predicate on the release'),
      fig('linkability', r.attacks.linkability as never, 'an attacker links two records of the same person across column groups'),
      fig('inference', r.attacks.inference as never, 'an attacker infers a sensitive value from the quasi-identifiers'),
    ],
    engine: 'src/attack proveAnonymity',
  };
}

export function releaseCsv(table: Table): string { return tableToCsv(table); }

// ---------------------------------------------------------------------------------------------
// differential privacy

export type Fraction = Rational;
export type { BudgetView, Charge, Ledger, LedgerMeasure, Rational, QueryOutcome, DatasetDescriptor };

/**
 * Answers a DP query (src/dp query language) on a project's person-level data: src/dp `runQuery`,
 * which prices the query, charges the ledger BEFORE drawing any noise, and refuses without
 * spending when the budget cannot pay.
 */
export async function runDpQuery(table: Table, queryDoc: unknown, dataset: DatasetDescriptor, ledger: Ledger, client: string, bucketMs = DP_TIME_BUCKET_MS): Promise<QueryOutcome> {
  // the answer leaves at the next multiple of bucketMs after the call: the samplers' time, which grows with |noise|,
  // does not show in the response time (docs/dp.md "Timing"); answered and refused queries alike
  const started = performance.now();
  const out = await runQuery(table, queryDoc, { dataset, ledger, client });
  const target = Math.ceil(Math.max(performance.now() - started, 1) / bucketMs) * bucketMs;
  for (let wait = target - (performance.now() - started); wait > 0; wait = target - (performance.now() - started)) {
    await new Promise((r) => setTimeout(r, Math.ceil(wait)));
  }
  return out;
}
/**
 * Where a DP query reads a column as numbers (range conditions, histograms, sums, means, variances, quantiles), with its
 * JSON path and what reads it (src/dp `numericReads`); an invalid query is refused as `runQuery` refuses it.
 */
export function dpNumericReads(queryDoc: unknown): { column: string; path: string; what: string }[] {
  return numericReads(parseQuery(queryDoc));
}
/** The service's DP response-time bucket (milliseconds). */
export const DP_TIME_BUCKET_MS = 100;

// exact fractions for the ledger (src/dp rational arithmetic)
export const fractionAdd = addRat;
export const fractionSub = subRat;
export const fractionCmp = cmpRat;
export const fractionToString = ratToString;
export const fractionToNumber = ratToNumber;
/** Parses "1/10", "0.1" or 0.1 into an exact fraction; null when not a number. */
export function parseFraction(v: string | number): Fraction | null { return parseRational(v); }
