/**
 * The service's one door to the engines: one function per engine call. Each calls the engine's
 * library API; where an engine had not landed when the service was written, a small stand-in
 * marked STAND-IN keeps the service working, and wiring the real one is a one-line change here.
 * Nothing outside this file imports an engine.
 */
import { keyFromBytes, pseudonym, type PseudonymKey } from '../pseudonymize/index.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnonymatError } from '../errors.ts';
import { groupify } from '../check/groupify.ts';
import { columnFromValues, makeTable, selectRows, type Column, type ColumnKind, type Table } from '../table/table.ts';
import { readTable } from '../io/read.ts';
import { tableToCsv } from '../io/write.ts';
import { sampleDiscreteLaplace } from '../dp/samplers.ts';
import { cryptoSource } from '../dp/random.ts';
import { rat, type Rational } from '../dp/rational.ts';

/** The policy handed to the engines (the shape of src/policy's Policy, built from the observatory schema). */
export interface EnginePolicy {
  columns: Record<string, { role: 'identifier' | 'person-key' | 'quasi' | 'sensitive' | 'insensitive'; type?: ColumnKind; hierarchy?: string }>;
  thresholds: { k: number; maxProsecutorRisk?: number; maxAttackRisk?: number };
  baseDir: string;
  source: string;
}

// ---------------------------------------------------------------------------------------------
// reading uploads

/** CSV upload → Table, through src/io readTable (strict DuckDB CSV reading, line-numbered errors). */
export async function readCsvUpload(bytes: Uint8Array, types: Record<string, ColumnKind>): Promise<Table> {
  const dir = mkdtempSync(join(tmpdir(), 'anonymat-upload-'));
  try {
    const file = join(dir, 'upload.csv');
    writeFileSync(file, bytes);
    const header = csvHeader(bytes);
    const present = Object.fromEntries(Object.entries(types).filter(([n]) => header.includes(n)));
    return await readTable(file, { format: 'csv', header: true, types: present, infer: false, name: 'upload' });
  } finally { rmSync(dir, { recursive: true, force: true }); }
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

/**
 * FHIR R4 bundle (JSON) or NDJSON → a person-level table with the observatory's columns.
 * STAND-IN for src/health `ingest(...)`: reads Patient (identifier, gender, birthDate, address
 * postalCode), Condition (code) and Encounter (period start) and joins them per patient.
 */
export async function readFhirUpload(bytes: Uint8Array, format: 'fhir-bundle' | 'fhir-ndjson'): Promise<Table> {
  const text = Buffer.from(bytes).toString('utf8');
  const resources: Record<string, unknown>[] = [];
  if (format === 'fhir-bundle') {
    let doc: { resourceType?: string; entry?: { resource?: Record<string, unknown> }[] };
    try { doc = JSON.parse(text); } catch { throw new AnonymatError('invalid-input', 'the FHIR bundle is not valid JSON', [{ path: '$', message: 'not JSON' }]); }
    if (doc.resourceType !== 'Bundle') throw new AnonymatError('invalid-input', 'expected a FHIR Bundle', [{ path: '$.resourceType', message: 'must be "Bundle"' }]);
    (doc.entry ?? []).forEach((e) => { if (e.resource) resources.push(e.resource); });
  } else {
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try { resources.push(JSON.parse(line)); } catch { throw new AnonymatError('invalid-input', `NDJSON line ${i + 1} is not valid JSON`, [{ path: `upload.ndjson:${i + 1}`, message: 'not JSON' }]); }
    });
  }
  type P = { id: string; patientId: string | null; sex: string | null; birthYear: string | null; postcode: string | null; conditions: string[]; visits: string[] };
  const patients = new Map<string, P>();
  resources.forEach((r, i) => {
    if (r.resourceType !== 'Patient') return;
    const ids = (r.identifier as { value?: string }[] | undefined) ?? [];
    const addr = ((r.address as { postalCode?: string }[] | undefined) ?? [])[0];
    const birth = typeof r.birthDate === 'string' ? r.birthDate.slice(0, 4) : null;
    const key = String(r.id ?? `#${i}`);
    patients.set(key, { id: key, patientId: ids[0]?.value ?? (r.id as string | undefined) ?? null, sex: (r.gender as string) ?? null, birthYear: birth, postcode: addr?.postalCode ?? null, conditions: [], visits: [] });
  });
  const refOf = (s: unknown) => (typeof s === 'object' && s && typeof (s as { reference?: string }).reference === 'string' ? (s as { reference: string }).reference.replace(/^.*Patient\//, '').replace(/^urn:uuid:/, '') : null);
  for (const r of resources) {
    const p = patients.get(refOf(r.subject) ?? '') ?? patients.get(refOf(r.patient) ?? '');
    if (!p) continue;
    if (r.resourceType === 'Condition') {
      const code = ((r.code as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;
      if (code) p.conditions.push(code);
    } else if (r.resourceType === 'Encounter') {
      const start = (r.period as { start?: string } | undefined)?.start;
      if (start) p.visits.push(start.slice(0, 4));
    }
  }
  const rows: P[] = [...patients.values()];
  if (rows.some((p) => !p.patientId)) throw new AnonymatError('invalid-input', 'a FHIR Patient has neither identifier nor id', [{ path: '$.entry[].resource.identifier', message: 'required' }]);
  const out = { patient_id: [] as (string | null)[], sex: [] as (string | null)[], birth_year: [] as (string | null)[], postcode: [] as (string | null)[], condition: [] as (string | null)[] };
  for (const p of rows) {
    const conds = p.conditions.length ? p.conditions : [null];
    for (const c of conds) {
      out.patient_id.push(p.patientId); out.sex.push(p.sex); out.birth_year.push(p.birthYear); out.postcode.push(p.postcode); out.condition.push(c);
    }
  }
  return makeTable([
    columnFromValues('patient_id', out.patient_id, 'string'), columnFromValues('sex', out.sex, 'string'),
    columnFromValues('birth_year', out.birth_year, 'integer'), columnFromValues('postal_code', out.postcode, 'string'),
    columnFromValues('condition', out.condition, 'string'),
  ]);
}

// ---------------------------------------------------------------------------------------------
// pseudonyms

/**
 * Keyed pseudonym of a patient identifier, through src/pseudonymize: a versioned HMAC-SHA-256
 * token (`v1:` + base32) in the domain "observatory-patient", over the identifier normalised as an
 * identifier (spaces and separators removed, upper case). The same function serves uploads and
 * objections, so an objection matches the patient's records.
 */
const keyObjects = new WeakMap<Uint8Array, PseudonymKey>();
export function pseudonymOf(key: Uint8Array, identifier: string): string {
  let k = keyObjects.get(key);
  if (!k) { k = keyFromBytes(key); keyObjects.set(key, k); }
  return pseudonym(k, identifier, { domain: 'observatory-patient', normalize: 'identifier' });
}

// ---------------------------------------------------------------------------------------------
// assessment, anonymization, attacks (the release gate)

export interface AssessmentJson {
  records: number;
  quasiIdentifiers: string[];
  k: number;
  classes: number;
  classSizeHistogram: Record<string, number>;
  prosecutor: { highest: number; average: number };
  sampleUniques: number;
  engine: string;
}

function quasiOf(policy: EnginePolicy, table: Table): string[] {
  return Object.entries(policy.columns).filter(([n, c]) => c.role === 'quasi' && table.columns.some((x) => x.name === n)).map(([n]) => n);
}

function classesOf(table: Table, qis: string[], include?: Uint8Array) {
  const cols = qis.map((n) => table.columns.find((c) => c.name === n)!);
  return groupify(cols.map((c) => c.codes), cols.map((c) => c.dictionary.length), include);
}

/** Risk assessment of a table. STAND-IN for src/risk `assessTable(table, policy)`. */
export async function assess(table: Table, policy: EnginePolicy): Promise<AssessmentJson> {
  const qis = quasiOf(policy, table);
  const g = classesOf(table, qis);
  const hist: Record<string, number> = {};
  let k = table.rowCount ? Infinity : 0, uniques = 0;
  for (let i = 0; i < g.count; i++) {
    const s = g.sizes[i]!;
    hist[String(s)] = (hist[String(s)] ?? 0) + 1;
    if (s < k) k = s;
    if (s === 1) uniques++;
  }
  return {
    records: table.rowCount, quasiIdentifiers: qis, k: Number.isFinite(k) ? k : 0, classes: g.count, classSizeHistogram: hist,
    prosecutor: { highest: k > 0 && Number.isFinite(k) ? 1 / k : 0, average: table.rowCount ? g.count / table.rowCount : 0 },
    sampleUniques: uniques, engine: 'stand-in (server/engines.ts)',
  };
}

export interface AnonymizedJson { table: Table; transformation: Record<string, string>; suppressedRecords: number; engine: string }

function generalizeColumn(c: Column, level: number): Column {
  if (level === 0) return c;
  const labels = c.dictionary.map((l) => {
    if (l === null) return null;
    if (c.kind === 'integer' || c.kind === 'decimal') {
      const widths = [1, 5, 10, 20, 50];
      if (level >= widths.length) return '*';
      const w = widths[level]!; const v = Math.floor(Number(l)); const lo = v - (((v % w) + w) % w);
      return `${lo}-${lo + w - 1}`;
    }
    if (c.kind === 'date') return level === 1 ? l.slice(0, 7) : level === 2 ? l.slice(0, 4) : level === 3 ? l.slice(0, 3) + '0s' : '*';
    const keep = Math.max(0, l.length - level);
    return level >= 5 || keep === 0 ? '*' : l.slice(0, keep) + '*'.repeat(l.length - keep);
  });
  const values = Array.from(c.codes, (code) => labels[code]!);
  return columnFromValues(c.name, values, 'string');
}

/**
 * Anonymization: uniform generalization of the quasi-identifiers (level 0..5) to the lowest level
 * at which at most 5 % of records must be suppressed, then suppression of the classes below k.
 * STAND-IN for src/search / src/release `anonymize(table, policy)`.
 */
export async function anonymizeTable(table: Table, policy: EnginePolicy): Promise<AnonymizedJson> {
  const qis = quasiOf(policy, table);
  const k = policy.thresholds.k;
  let best: { t: Table; level: number; keep: number[] } | null = null;
  for (let level = 0; level <= 5; level++) {
    const t = makeTable(table.columns.map((c) => (qis.includes(c.name) ? generalizeColumn(c, level) : c)));
    const g = classesOf(t, qis);
    const keep: number[] = [];
    for (let r = 0; r < t.rowCount; r++) if (g.sizes[g.classOf[r]!]! >= k) keep.push(r);
    best = { t, level, keep };
    if (t.rowCount - keep.length <= 0.05 * t.rowCount) break;
  }
  const out = selectRows(best!.t, best!.keep);
  return {
    table: out, suppressedRecords: table.rowCount - best!.keep.length,
    transformation: Object.fromEntries(qis.map((q) => [q, `level ${best!.level}`])), engine: 'stand-in (server/engines.ts)',
  };
}

export interface AttackJson { name: string; risk: number; threshold: number; passes: boolean; explanation: string }
export interface ProofJson { anonymous: boolean; reasons: string[]; attacks: AttackJson[]; engine: string }

/**
 * Attack simulations and the verdict on a release. STAND-IN for src/attack `proveAnonymity({...})`:
 * singling out (share of records unique on the quasi-identifiers) and inference (share of records in
 * a class whose sensitive value is the same for everyone in it).
 */
export async function proveAnonymity(original: Table, release: Table, policy: EnginePolicy): Promise<ProofJson> {
  const qis = quasiOf(policy, release);
  const sens = Object.entries(policy.columns).filter(([n, c]) => c.role === 'sensitive' && release.columns.some((x) => x.name === n)).map(([n]) => n);
  const g = classesOf(release, qis);
  const n = release.rowCount;
  let uniques = 0;
  for (let i = 0; i < g.count; i++) if (g.sizes[i] === 1) uniques++;
  let homogeneous = 0;
  for (const s of sens) {
    const col = release.columns.find((c) => c.name === s)!;
    const seen = new Int32Array(g.count).fill(-2);
    for (let r = 0; r < n; r++) { const k = g.classOf[r]!; const v = col.codes[r]!; seen[k] = seen[k] === -2 ? v : seen[k] === v ? v : -1; }
    let h = 0;
    for (let r = 0; r < n; r++) if (seen[g.classOf[r]!]! >= 0) h++;
    homogeneous = Math.max(homogeneous, h);
  }
  const t = policy.thresholds.maxAttackRisk ?? 0.1;
  const attacks: AttackJson[] = [
    { name: 'singling-out', risk: n ? uniques / n : 0, threshold: t, passes: (n ? uniques / n : 0) <= t, explanation: 'share of released records unique on the quasi-identifiers' },
    { name: 'inference', risk: n ? homogeneous / n : 0, threshold: t, passes: (n ? homogeneous / n : 0) <= t, explanation: 'share of released records whose sensitive value is shared by their whole class' },
  ];
  const reasons: string[] = [];
  if (n === 0) reasons.push('nothing is left to release after suppression');
  for (const a of attacks) if (!a.passes) reasons.push(`${a.name} risk ${a.risk.toFixed(3)} is above ${t}`);
  void original;
  return { anonymous: reasons.length === 0, reasons, attacks, engine: 'stand-in (server/engines.ts)' };
}

export function releaseCsv(table: Table): string { return tableToCsv(table); }

// ---------------------------------------------------------------------------------------------
// differential privacy

export type Fraction = Rational;
export { rat as fraction };

export interface DpCountQuery { kind: 'count'; where?: Record<string, string>; epsilon: Fraction }
export interface DpHistogramQuery { kind: 'histogram'; column: string; bins: string[]; epsilon: Fraction }
export type DpQuery = DpCountQuery | DpHistogramQuery;
export interface DpAnswer { kind: string; epsilon: string; mechanism: string; values: { bin: string | null; noisy: number }[] }

/**
 * Answers a DP query over person-level data (one row per patient: each person contributes once,
 * sensitivity 1), with discrete Laplace noise of scale 1/ε from src/dp's exact sampler and a
 * cryptographic random source. STAND-IN for src/dp `runQuery` (the ledger lives in the service).
 */
export async function answerDp(persons: Record<string, string | null>[], q: DpQuery): Promise<DpAnswer> {
  const scale = rat(q.epsilon.den, q.epsilon.num);
  const src = cryptoSource();
  const noisy = (x: number) => x + Number(sampleDiscreteLaplace(scale, src));
  const eps = q.epsilon.den === 1n ? `${q.epsilon.num}` : `${q.epsilon.num}/${q.epsilon.den}`;
  if (q.kind === 'count') {
    const where = Object.entries(q.where ?? {});
    const count = persons.filter((p) => where.every(([c, v]) => p[c] === v)).length;
    return { kind: 'count', epsilon: eps, mechanism: 'discrete Laplace, scale 1/ε, sensitivity 1', values: [{ bin: null, noisy: noisy(count) }] };
  }
  const counts = new Map(q.bins.map((b) => [b, 0]));
  for (const p of persons) { const v = p[q.column]; if (v !== null && v !== undefined && counts.has(v)) counts.set(v, counts.get(v)! + 1); }
  return { kind: 'histogram', epsilon: eps, mechanism: 'discrete Laplace per bin, scale 1/ε, disjoint bins (parallel composition)', values: q.bins.map((b) => ({ bin: b, noisy: noisy(counts.get(b)!) })) };
}

// exact fractions for the ledger (src/dp rational arithmetic)
import { add as addRat, cmp as cmpRat, parseRational, sub as subRat, toNumber as ratToNumber, toString as ratToString } from '../dp/rational.ts';
export const fractionAdd = addRat;
export const fractionSub = subRat;
export const fractionCmp = cmpRat;
export const fractionToString = ratToString;
export const fractionToNumber = ratToNumber;
/** Parses "1/10", "0.1" or 0.1 into an exact fraction; null when not a number. */
export function parseFraction(v: string | number): Fraction | null { return parseRational(v); }
