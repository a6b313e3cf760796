/**
 * `ingest`: health exports (FHIR R4 Bundles / NDJSON, Synthea CSV, OMOP CDM v5.4 CSV) → the common
 * model's tables + the person-level view, with direct identifiers dropped or pseudonymized and
 * note text de-identified. `writeIngest` writes the tables into a folder atomically.
 *
 * Inputs are paths (files or folders, '-' for stdin) or in-memory documents, so the observatory
 * service can ingest uploads without touching the disk.
 */
import { readdir, readFile, stat, rename, rm, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { constants } from 'node:buffer';
import { onAbort } from '../io/abort.ts';
import { decodeUtf8 } from '../io/text-decode.ts';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { AnonymatError } from '../errors.ts';
import { columnFromCodes, makeTable, selectRows, type Column, type Table } from '../table/table.ts';
import { DIRECT_IDENTIFIER_COLUMNS, TABLE_NAMES, type TableName } from './model.ts';
import { isIsoDay } from '../util/calendar.ts';
import { IngestState, sortedCounts } from './state.ts';
import { jsonErrorPlace, readFhirDocument, readFhirNdjson, readFhirNdjsonFile } from './fhir/reader.ts';
import { readSynthea, type SyntheaLayout } from './synthea/reader.ts';
import { readOmop } from './omop/reader.ts';
import { normalizeCountry, personView } from './person-view.ts';
import type { PseudonymKey } from '../pseudonymize/key.ts';
import { pseudonym } from '../pseudonymize/tokens.ts';
import { pseudonymizeTable, type PseudonymizePolicy } from '../pseudonymize/table.ts';
import { redactText } from '../text/index.ts';
import { detectIdentifierColumn, DIRECT_KINDS } from './identifiers/index.ts';

/** One input: a path (file, folder, '-' = stdin) or an in-memory document. */
export type IngestInput =
  | string
  /** A parsed FHIR document: a Bundle, one resource, or an array of them. */
  | { name: string; json: unknown }
  /** FHIR JSON or Bulk Data NDJSON text (format guessed from the text when absent). */
  | { name: string; text: string; format?: 'json' | 'ndjson' }
  /** A Synthea CSV export: file name (patients.csv, …) → CSV text. */
  | { name: string; synthea: Record<string, string> }
  /** OMOP CDM tables: file name (person.csv, …) → CSV/TSV text. */
  | { name: string; omop: Record<string, string> };

export interface IngestOptions {
  /** YYYY-MM-DD: the person view has `age` at this date instead of `birth_year`. */
  referenceDate?: string;
  /** Pseudonymization key (src/pseudonymize/key.ts `loadKey`): identifiers become keyed tokens. Without it they are dropped. */
  key?: PseudonymKey;
  /** De-identify note text (default true). false keeps the raw text and is reported as unsafe. */
  redactNotes?: boolean;
  /** Language of the notes for the redactor (default 'auto'). */
  lang?: 'fr' | 'en' | 'auto';
  /** Country assumed for postal codes of persons without one (FR → département, US → 3-digit ZIP). */
  defaultCountry?: string;
  /** Called after each input is read (inputs read, inputs in all, the input's kind): a progress bar's feed, never data. */
  onProgress?: (done: number, total: number, step?: string) => void;
}

export interface IngestResult {
  /** person, person_view, encounters, conditions, observations, medications, procedures, notes */
  tables: Record<string, Table>;
  /** Rows of the person table (= rows of person_view). */
  persons: number;
  /** Count of resources / records read per type (FHIR resourceType, synthea:<file>, omop:<table>). */
  resources: Record<string, number>;
  /** Count per type read but not mapped to any table. */
  unmapped: Record<string, number>;
  /** Resources of mapped types that could not be placed, per reason (e.g. no subject). */
  skipped: Record<string, number>;
  identifiers: {
    /** What happened to the direct identifiers of the person table. */
    action: 'dropped' | 'pseudonymized';
    columns: string[];
    /** With a key: the columns dropped all the same (coordinates). */
    dropped?: string[];
    /** person_id / encounter_id: keyed tokens (with a key) or sequence numbers (without). */
    personId: 'pseudonymized' | 'renumbered';
    keyFingerprint?: string;
  };
  notes: { rows: number; withText: number; text: 'redacted' | 'kept' | 'dropped'; spans: Record<string, number> };
  sources: { name: string; format: string }[];
  /** Files of an input folder skipped as no FHIR resource (a Bulk Data manifest): named in warnings, as sources are. */
  skippedFiles: string[];
  warnings: string[];
}

/** Columns dropped even with a key (precise coordinates have no use as tokens). */
const ALWAYS_DROPPED = new Set(['latitude', 'longitude']);

export async function ingest(inputs: IngestInput[], options: IngestOptions = {}): Promise<IngestResult> {
  if (inputs.length === 0) throw new AnonymatError('invalid-usage', 'ingest needs at least one input (a FHIR bundle, an NDJSON file, or a Synthea/OMOP folder)');
  if (options.referenceDate !== undefined && !isIsoDay(options.referenceDate)) {
    throw new AnonymatError('invalid-usage', `--reference-date expects a calendar date YYYY-MM-DD (${JSON.stringify(options.referenceDate)} is none)`);
  }
  if (options.defaultCountry !== undefined && normalizeCountry(options.defaultCountry) === null) {
    throw new AnonymatError('invalid-usage', '--country expects FR or US (the countries whose postal codes the person view generalizes)');
  }
  const st = new IngestState();
  st.progress = options.onProgress;
  st.referenceDate = options.referenceDate;
  if (options.redactNotes === false) {
    st.noteMode = 'kept';
    st.warn('note text was NOT de-identified (redaction disabled explicitly): the notes table may contain names, dates and identifiers');
  } else {
    st.noteMode = 'redacted';
    const lang = options.lang ?? 'auto';
    st.redact = (text, personId, names) => redactText(text, {
      lang, replacement: 'tag', key: options.key, personId: personId ?? undefined, names,
    });
  }
  for (let i = 0; i < inputs.length; i++) {
    await readInput(inputs[i]!, st);
    options.onProgress?.(i + 1, inputs.length, st.sources[st.sources.length - 1]?.format);
  }
  // (records merged by their links, once every person is read: a merged person's notes are redacted with the names of
  // every record merged into them, and the tables are merged at the end)
  const aliasOf = personAliasesOf(st.personAliases, st.personIds);
  st.flushNotes(aliasOf ?? undefined);
  if (st.issueCount > 0) {
    const more = st.issueCount > st.issues.length ? ` (first ${st.issues.length} listed)` : '';
    throw new AnonymatError('invalid-input',
      `${st.issueCount} problem(s) in the input${more}: fix the listed resources/fields (paths are JSON paths in the resource or file:line and column) or remove them`,
      st.issues);
  }
  const result = finish(st, options, aliasOf);
  flagIdentifierValues(result);
  return result;
}

/** Event columns whose values are free (not codes or dates): checked for direct identifiers. */
const FREE_VALUE_COLUMNS: [table: string, column: string][] = [
  ['observations', 'value'], ['notes', 'type_display'], ['encounters', 'reason_display'],
];

/**
 * Safety net for free-valued event columns (FHIR valueString, OMOP value_as_string, note titles,
 * reason texts): a sample of their values goes through the identifier detector and a warning
 * names the column when it looks like direct identifiers (values are never printed).
 */
function flagIdentifierValues(result: IngestResult): void {
  for (const [t, c] of FREE_VALUE_COLUMNS) {
    const col = result.tables[t]?.columns.find((x) => x.name === c);
    if (!col) continue;
    const sample = col.dictionary.filter((v): v is string => v !== null && !/^-?\d+(\.\d+)?$/.test(v)).slice(0, 300);
    if (sample.length < 10) continue; // too few distinct values to judge (a note type, a few codes)
    const hit = detectIdentifierColumn(c, sample);
    if (hit && DIRECT_KINDS.has(hit.kind) && hit.confidence >= 0.5) {
      result.warnings.push(`${t}.${c} may hold direct identifiers (${hit.kind}: ${hit.reason}): review it before any release`);
    }
  }
}

async function readInput(input: IngestInput, st: IngestState): Promise<void> {
  if (typeof input !== 'string') {
    if ('json' in input) { st.sources.push({ name: input.name, format: 'fhir-json' }); readFhirDocument(input.json, input.name, st); }
    else if ('text' in input) readFhirText(input.text, input.name, st, input.format);
    else if ('synthea' in input) {
      const files = new Map(Object.entries(input.synthea).map(([k, v]) => [basename(k), () => v] as const));
      const layout = readSynthea(files, input.name, st);
      if (layout === null) throw new AnonymatError('invalid-input', `${input.name}: a Synthea export needs patients.csv`);
      st.sources.push({ name: input.name, format: `synthea-${layout}` });
    } else if ('omop' in input) {
      const files = new Map(Object.entries(input.omop).map(([k, v]) => [basename(k), () => v] as const));
      if (!readOmop(files, input.name, st)) throw new AnonymatError('invalid-input', `${input.name}: OMOP tables need person.csv`);
      st.sources.push({ name: input.name, format: 'omop-cdm-5.4' });
    }
    return;
  }
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    const text = utf8Text(Buffer.concat(chunks), 'stdin', st);
    if (text !== null) readFhirText(text, 'stdin', st);
    return;
  }
  let s;
  try { s = await stat(input); } catch {
    throw new AnonymatError('invalid-input', `${input}: no such file or folder`);
  }
  if (s.isDirectory()) { await readFolder(input, st); return; }
  const ext = extname(input).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') {
    throw new AnonymatError('invalid-input', `${input}: Synthea and OMOP CSV files are read as a folder; pass the folder that holds patients.csv or person.csv`);
  }
  if (ext === '.ndjson' || ext === '.jsonl') {
    st.sources.push({ name: input, format: 'fhir-ndjson' });
    await readFhirNdjsonFile(input, st);
    return;
  }
  const text = utf8Text(await readFile(input), input, st);
  if (text !== null) readFhirText(text, input, st);
}

/**
 * Reads FHIR JSON or NDJSON text. `inFolder`: the file was found by a folder scan, so a JSON
 * document that is not FHIR (no resourceType: a Bulk Data manifest, Synthea's run-metadata.json)
 * is skipped with a warning instead of being an error.
 */
function readFhirText(text: string, name: string, st: IngestState, format?: 'json' | 'ndjson', inFolder = false): void {
  if (format === undefined) {
    // NDJSON: several lines, each starting with '{'
    const t = text.trimStart();
    const nl = t.indexOf('\n');
    format = nl > 0 && t[0] === '{' && t.slice(nl + 1).trimStart().startsWith('{') && !looksLikeOneDocument(t) ? 'ndjson' : 'json';
  }
  if (format === 'ndjson') {
    st.sources.push({ name, format: 'fhir-ndjson' });
    readFhirNdjson(text, name, st);
    return;
  }
  let doc: unknown;
  try { doc = JSON.parse(text); } catch {
    // (recorded with the other inputs' problems, all reported at the end; the hint fits what the text looks like)
    const where = `${name}${jsonErrorPlace(text)}`;
    const head = text.trimStart();
    const hint = head.startsWith('<') ? 'XML is not read: export FHIR as JSON (a Bundle, a resource) or NDJSON'
      : name === 'stdin' ? 'a FHIR Bundle or resource, or NDJSON lines, was expected'
        : 'a FHIR Bundle or resource was expected; NDJSON files should end in .ndjson';
    st.issue(where, `not valid JSON (${hint})`);
    return;
  }
  if (inFolder && typeof doc === 'object' && doc !== null && !Array.isArray(doc) && !('resourceType' in doc)) {
    st.skippedFiles.push(name);
    st.warn(`${name}: not a FHIR resource (no resourceType${'output' in doc ? '; a Bulk Data manifest' : ''}): skipped`);
    return;
  }
  st.sources.push({ name, format: 'fhir-json' });
  readFhirDocument(doc, name, st);
}

/** A file's bytes as UTF-8 text; a file that is not UTF-8 is one problem among the others (its line and column), and null. */
function utf8Text(bytes: Uint8Array, label: string, st: IngestState): string | null {
  // (a JSON document is read whole, as one string, and a string holds at most ~512 MiB: past it the decoder failed with a
  // false "not valid utf-8")
  if (bytes.length > MAX_STRING_LENGTH) {
    const size = `${Math.round(bytes.length / 2 ** 20)} MiB, more than can be read whole (${Math.floor(MAX_STRING_LENGTH / 2 ** 20)} MiB)`;
    st.issue(label, label === 'stdin'
      ? `standard input holds ${size}: save NDJSON to a file ending in .ndjson, which is read as a stream, line by line, and give its path`
      : `the file is ${size} as one JSON document: export it as NDJSON (FHIR Bulk Data, one resource per line, read as a stream) or split the Bundle`);
    return null;
  }
  return utf8OrIssue(bytes, label, st);
}

/** Bytes decoded as UTF-8, or null when they are not UTF-8: one problem among the others (its line and column). */
function utf8OrIssue(bytes: Uint8Array, label: string, st: IngestState): string | null {
  try { return decodeUtf8(bytes, label); } catch (e) {
    if (!(e instanceof AnonymatError)) throw e;
    st.issueFrom(e, label);
    return null;
  }
}

const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/** A pretty-printed JSON document has a first line of just "{" (NDJSON lines are complete objects). */
function looksLikeOneDocument(t: string): boolean {
  const first = t.slice(0, t.indexOf('\n')).trim();
  return first === '{' || !first.endsWith('}');
}

async function readFolder(dir: string, st: IngestState): Promise<void> {
  const names = (await readdir(dir)).sort();
  const lower = new Set(names.map((n) => n.toLowerCase()));
  // (a CSV file that is not UTF-8 is one problem among the others, as a JSON file's: it was an error that stopped the run
  // before the next inputs' problems were found)
  const loaders = (filter: (n: string) => boolean) =>
    new Map(names.filter(filter).map((n) => [n, () => utf8OrIssue(readFileSync(join(dir, n)), join(dir, n), st)] as const));
  if (lower.has('patients.csv')) {
    const layout: SyntheaLayout | null = readSynthea(loaders((n) => n.toLowerCase().endsWith('.csv')), dir, st);
    // (a folder taken for a Synthea export that gives nothing is a problem, never an input read as empty)
    if (layout === null) { st.issue(dir, 'a Synthea export needs patients.csv, which was not read'); return; }
    st.sources.push({ name: dir, format: `synthea-${layout}` });
    return;
  }
  if (lower.has('person.csv') || lower.has('person.tsv')) {
    if (!readOmop(loaders((n) => /\.(csv|tsv)$/i.test(n)), dir, st)) { st.issue(dir, 'OMOP tables need person.csv, which was not read'); return; }
    st.sources.push({ name: dir, format: 'omop-cdm-5.4' });
    return;
  }
  const fhir = names.filter((n) => /\.(json|ndjson|jsonl)$/i.test(n));
  const sub: string[] = [];
  for (const n of names) if ((await stat(join(dir, n))).isDirectory()) sub.push(n);
  if (fhir.length === 0 && sub.length === 0) {
    throw new AnonymatError('invalid-input', `${dir}: no FHIR (.json, .ndjson), Synthea (patients.csv) or OMOP (person.csv) files found`);
  }
  for (let k = 0; k < fhir.length; k++) {
    const n = fhir[k]!, p = join(dir, n);
    st.progress?.(k, fhir.length, `files of ${basename(dir)}`);
    const ext = extname(n).toLowerCase();
    if (ext === '.ndjson' || ext === '.jsonl') {
      st.sources.push({ name: p, format: 'fhir-ndjson' });
      await readFhirNdjsonFile(p, st);
    } else {
      const text = utf8Text(await readFile(p), p, st);
      if (text !== null) readFhirText(text, p, st, undefined, true);
    }
  }
  for (const n of sub) await readFolder(join(dir, n), st);
}

/** Date column that orders each table's rows within a person. */
const SORT_DATE: Record<TableName, string | undefined> = {
  person: undefined, encounters: 'start_date', conditions: 'onset_date', observations: 'date',
  medications: 'start_date', procedures: 'start_date', notes: 'date',
};

/** Rows ordered by person_id, then by the date column, then by their input position. */
function sortRows(t: Table, dateColumn: string | undefined): Table {
  const p = t.columns.find((c) => c.name === 'person_id')!;
  const d = dateColumn ? t.columns.find((c) => c.name === dateColumn) : undefined;
  const order = Array.from({ length: t.rowCount }, (_, i) => i);
  order.sort((a, b) => p.codes[a]! - p.codes[b]! || (d ? d.codes[a]! - d.codes[b]! : 0) || a - b);
  return selectRows(t, Int32Array.from(order));
}

/** prefix + 6-digit numbers assigned to the distinct ids of `column` (all tables) in a uniformly random order. */
function randomNumbering(tables: Record<TableName, Table>, column: string, prefix: string): (id: string) => string {
  const ids = new Set<string>();
  for (const n of TABLE_NAMES) {
    const c = tables[n].columns.find((x) => x.name === column);
    if (c) for (const l of c.dictionary) if (l !== null) ids.add(l);
  }
  const list = [...ids];
  for (let i = list.length - 1; i > 0; i--) { // Fisher–Yates with a CSPRNG
    const j = randomInt(i + 1);
    const x = list[i]!; list[i] = list[j]!; list[j] = x;
  }
  const width = Math.max(6, String(list.length).length);
  const map = new Map(list.map((id, i) => [id, prefix + String(i + 1).padStart(width, '0')] as const));
  return (id: string) => map.get(id)!;
}

/** The id a person id stands for once the linked records are merged (each group of linked ids one person: the record read that stays), or null without links. */
export function personAliasesOf(aliases: ReadonlyMap<string, string>, present: ReadonlySet<string>): ((id: string) => string) | null {
  if (aliases.size === 0) return null;
  // (every id the links connect, read or not, is one group — union-find —: "a" and "b" both replaced by a record "c" of
  // another export are one person; a chain or a cycle too)
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    for (let y = x; y !== r;) { const next = parent.get(y)!; parent.set(y, r); y = next; }
    return r;
  };
  for (const [a, b] of aliases) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  // (the group's person: a record that was read and is replaced by no record read — the one that stays —, else, in a
  // cycle, any read one; the smallest such id, for a result that does not depend on the order of the inputs)
  const stays = new Map<string, string>(), any = new Map<string, string>();
  for (const x of parent.keys()) {
    if (!present.has(x)) continue;
    const r = find(x), next = aliases.get(x);
    if (any.get(r) === undefined || x < any.get(r)!) any.set(r, x);
    if ((next === undefined || !present.has(next)) && (stays.get(r) === undefined || x < stays.get(r)!)) stays.set(r, x);
  }
  return (id) => {
    if (!parent.has(id)) return id;
    const r = find(id);
    return stays.get(r) ?? any.get(r) ?? id;
  };
}

/** Maps a string column's labels through `f` (injective on the labels present), re-sorting the dictionary. */
function relabel(c: Column, f: (label: string) => string | null, name = c.name): Column {
  const labels = c.dictionary.map((l) => (l === null ? null : f(l)));
  const present = [...new Set(labels.filter((l): l is string => l !== null))].sort();
  const pos = new Map(present.map((l, i) => [l, i]));
  const hasMissing = labels.some((l) => l === null);
  const m = present.length;
  const remap = Int32Array.from(labels, (l) => (l === null ? m : pos.get(l)!));
  const codes = new Int32Array(c.codes.length);
  for (let r = 0; r < codes.length; r++) codes[r] = remap[c.codes[r]!]!;
  const dictionary: (string | null)[] = [...present];
  if (hasMissing) dictionary.push(null);
  return columnFromCodes(name, c.kind, codes, dictionary);
}

/**
 * Observations whose answer is a direct identifier: the code (LOINC 56799-0 "What address do you live at?", PRAPARE and
 * Synthea's survey; 45401-7 postal code) or the question's text names an address, a postal code, a phone, an e-mail or a
 * social security number. Their values are dropped.
 */
const IDENTIFYING_OBSERVATION_CODES = new Set(['56799-0', '45401-7']);
const IDENTIFYING_OBSERVATION_TEXT = /\b(?:address|street name|zip ?code|postal code|(?:tele)?phone number|e-?mail|social security number|adresse|code postal|num[ée]ro de t[ée]l[ée]phone|courriel|num[ée]ro de s[ée]curit[ée] sociale)\b/i;
/**
 * The observations' values, before anything is written: an identifying question's answer is dropped, and (when notes are
 * de-identified) every other free-text answer goes through the same redaction as the notes, with the names of its person's
 * record ("lives with daughter Maria", "Maribelle va bien").
 */
function screenObservations(t: Table, st: IngestState, aliasOf: ((id: string) => string) | null): Table {
  const col = (n: string) => t.columns.find((c) => c.name === n)!;
  const person = col('person_id'), code = col('code'), display = col('display'), value = col('value'), num = col('value_number');
  const identifyingCode = code.dictionary.map((l) => l !== null && IDENTIFYING_OBSERVATION_CODES.has(l));
  const identifyingText = display.dictionary.map((l) => l !== null && IDENTIFYING_OBSERVATION_TEXT.test(l));
  const drop = new Uint8Array(t.rowCount);
  let dropped = 0;
  for (let r = 0; r < t.rowCount; r++) {
    if ((identifyingCode[code.codes[r]!] || identifyingText[display.codes[r]!]) && value.codes[r] !== value.missing) { drop[r] = 1; dropped++; }
  }
  if (dropped === 0 && !st.redact) return t;
  // (a free-text answer is read with the names of its person's record, as their notes are: "Maribelle va bien",
  // "zylbersztajn" hold no name any rule sees. Each distinct value is redacted once per person whose record has names and
  // once for all the persons without, so the cost is that of the distinct (value, person) pairs, not of the rows)
  const namesOf = st.recordNames(aliasOf ?? undefined);
  const personNames = person.dictionary.map((p) => (p === null ? undefined : namesOf(p)));
  const done: (Map<number, string> | undefined)[] = new Array(value.dictionary.length);
  const redactedValues = new Set<number>();
  const redactValue = (v: number, p: number): string => {
    const l = value.dictionary[v]!;
    if (!st.redact || /^-?\d+(?:[.,]\d+)?$/.test(l)) return l;
    const names = personNames[p]?.length ? personNames[p] : undefined;
    const k = names ? p : -1;
    const seen = (done[v] ??= new Map()).get(k);
    if (seen !== undefined) return seen;
    const r = st.redact(l, names ? person.dictionary[p]! : null, names);
    if (r.spans.length) redactedValues.add(v);
    done[v]!.set(k, r.text);
    return r.text;
  };
  // (only the values some kept row holds: a dropped address is not redacted first)
  const labels: (string | null)[] = new Array(t.rowCount);
  for (let r = 0; r < t.rowCount; r++) {
    const v = value.codes[r]!;
    labels[r] = drop[r] || value.dictionary[v] === null || value.dictionary[v] === undefined ? null : redactValue(v, person.codes[r]!);
  }
  const redacted = redactedValues.size;
  const distinct = [...new Set(labels.filter((l): l is string => l !== null))].sort();
  const pos = new Map(distinct.map((l, i) => [l, i]));
  const missing = distinct.length;
  const codes = new Int32Array(t.rowCount);
  for (let r = 0; r < t.rowCount; r++) { const l = labels[r]; codes[r] = l === null || l === undefined ? missing : pos.get(l)!; }
  const numCodes = Int32Array.from(num.codes, (c, r) => (drop[r] ? (num.missing >= 0 ? num.missing : num.dictionary.length) : c));
  const numDict = num.missing >= 0 || !dropped ? [...num.dictionary] : [...num.dictionary, null];
  if (dropped) st.warn(`${dropped} observation value(s) answering a question about an address, a postal code, a phone or an e-mail (such as LOINC 56799-0) were dropped: direct identifiers`);
  if (redacted) st.warn(`${redacted} distinct free-text observation value(s) held names, dates or identifiers: redacted as the notes are`);
  return makeTable(t.columns.map((c) => (c === value ? columnFromCodes('value', value.kind, codes, [...distinct, null])
    : c === num ? columnFromCodes('value_number', num.kind, numCodes, numDict) : c)));
}

function finish(st: IngestState, options: IngestOptions, aliasOf: ((id: string) => string) | null): IngestResult {
  const raw = {} as Record<TableName, Table>;
  for (const n of TABLE_NAMES) raw[n] = st.model.tables[n].finish();
  raw.observations = screenObservations(raw.observations, st, aliasOf);
  const key = options.key;

  // (records merged into another by a FHIR Patient.link: their person rows out, their events the person's that stays)
  if (aliasOf) {
    const pid = raw.person.columns.find((c) => c.name === 'person_id')!;
    const keep: number[] = [];
    for (let r = 0; r < pid.codes.length; r++) { const l = pid.dictionary[pid.codes[r]!]; if (l === null || l === undefined || aliasOf(l) === l) keep.push(r); else st.skip('Patient merged into another (link replaced-by / replaces)'); }
    raw.person = selectRows(raw.person, Int32Array.from(keep));
    for (const n of TABLE_NAMES) raw[n] = makeTable(raw[n].columns.map((c) => (c.name === 'person_id' ? relabel(c, aliasOf) : c)));
  }

  // Ids. With a key: keyed tokens as `anonymat pseudonymize` makes them for a person key (default
  // domain, the id normalized by its shape, `id`: for FHIR's ids, the trimmed value). Without: P000001…/E000001… in a random order drawn per run (node:crypto),
  // because any deterministic numbering (input order, which follows file names such as Synthea's
  // First_Last_uuid.json; a hash of the raw id) could be recomputed or ordered back to the persons.
  const personOf = key ? (id: string) => pseudonym(key, id, { normalize: 'id' }) : randomNumbering(raw, 'person_id', 'P');
  const encounterOf = key ? (id: string) => pseudonym(key, id, { normalize: 'id' }) : randomNumbering(raw, 'encounter_id', 'E');
  // Rows are then sorted by the new person id (and event date), so that row order carries no
  // trace of the input order either.
  const rekeyed = {} as Record<TableName, Table>;
  for (const n of TABLE_NAMES) {
    const t = makeTable(raw[n].columns.map((c) =>
      c.name === 'person_id' ? relabel(c, personOf) : c.name === 'encounter_id' ? relabel(c, encounterOf) : c));
    rekeyed[n] = sortRows(t, SORT_DATE[n]);
  }
  // persons referenced by events but absent from the person table
  // (the ids of the person rows kept: a merged record's id stays in the column's dictionary)
  const keptIds = raw.person.columns.find((c) => c.name === 'person_id')!;
  const known = new Set(Array.from(keptIds.codes, (k) => keptIds.dictionary[k]));
  let orphans = 0;
  for (const n of TABLE_NAMES) {
    if (n === 'person') continue;
    const c = raw[n].columns.find((x) => x.name === 'person_id')!;
    const counts = new Int32Array(c.dictionary.length);
    for (let r = 0; r < c.codes.length; r++) counts[c.codes[r]!]!++;
    c.dictionary.forEach((l, i) => { if (l !== null && !known.has(l)) orphans += counts[i]!; });
  }
  if (orphans) st.warn(`${orphans} event row(s) refer to persons absent from the inputs' Patient/patients/person records; they are kept but not in person_view`);
  // (an id read twice is the same export given twice — its events would count twice — or ids that collide between exports
  // — OMOP person_id, Synthea and FHIR ids are local to one system — which would fuse two people: neither can be undone
  // once the tables are written)
  if (st.duplicatePersons) {
    throw new AnonymatError('invalid-input', `${st.duplicatePersons} person record(s) repeat a person id already read, in the same input or an earlier one: the same export given twice (its events would be counted twice) or exports whose ids collide (two people would be fused). Ingest each export once, in a run of its own (ids are local to one export)`,
      [{ path: 'inputs', message: 'a person id appears in several person/Patient/patients records' }]);
  }

  const view = personView(rekeyed.person, rekeyed.encounters, rekeyed.conditions, {
    referenceDate: options.referenceDate, defaultCountry: options.defaultCountry,
  });

  // direct identifiers of the person table: dropped, or keyed tokens, by the pseudonymization
  // module (same tokens as `anonymat pseudonymize` with the same key; normalizer per detected kind)
  const idPolicy: PseudonymizePolicy = { columns: {} };
  for (const c of rekeyed.person.columns) {
    idPolicy.columns[c.name] = DIRECT_IDENTIFIER_COLUMNS.includes(c.name)
      ? { role: 'identifier', action: key && !ALWAYS_DROPPED.has(c.name) ? 'pseudonymize' : 'drop' }
      // (person_id: tokenized or renumbered above — no identifier in clear, kept as it is, as the other columns)
      : { role: 'quasi', action: 'keep' };
  }
  const pseudo = pseudonymizeTable(rekeyed.person, idPolicy, key ?? null);
  const person = pseudo.table;
  for (const w of pseudo.report.warnings) st.warn(w);
  const idCols = pseudo.report.columns.filter((c) => c.action !== 'keep').map((c) => c.column);

  const tables: Record<string, Table> = {
    person, person_view: view, encounters: rekeyed.encounters, conditions: rekeyed.conditions,
    observations: rekeyed.observations, medications: rekeyed.medications, procedures: rekeyed.procedures,
    notes: rekeyed.notes,
  };
  if (person.rowCount === 0) st.warn('no person was read: every table is empty (the inputs hold no Patient resource, patients.csv row or person.csv row)');
  else if (options.referenceDate !== undefined) {
    // (a reference date before every birth leaves no age: a mistyped century)
    const ages = view.columns.find((c) => c.name === 'age');
    if (ages !== undefined && ages.dictionary.every((v) => v === null)) st.warn(`--reference-date ${options.referenceDate} gives no person an age (it comes before their births or they have none)`);
  }
  if (!key) st.warn('no pseudonymization key: direct identifiers were dropped and person/encounter ids renumbered at random (pass --key-file or set ANONYMAT_KEY for keyed tokens, stable across runs)');
  return {
    tables,
    persons: person.rowCount,
    resources: sortedCounts(st.resources),
    unmapped: sortedCounts(st.unmapped),
    skipped: sortedCounts(st.skipped),
    identifiers: {
      action: key ? 'pseudonymized' : 'dropped',
      columns: key ? idCols.filter((c) => !ALWAYS_DROPPED.has(c)) : idCols,
      ...(key ? { dropped: pseudo.report.dropped } : {}),
      personId: key ? 'pseudonymized' : 'renumbered',
      ...(key ? { keyFingerprint: key.fingerprint } : {}),
    },
    notes: { rows: st.notes.rows, withText: st.notes.withText, text: st.noteMode, spans: sortedCounts(st.notes.spans) },
    sources: st.sources, skippedFiles: st.skippedFiles,
    warnings: st.warnings,
  };
}

export interface WrittenTable { path: string; rows: number }

/**
 * Whether the output folder exists (true), refusing what cannot be written before any work: an existing folder
 * without `overwrite`, and anything that is not a folder (a file is never replaced by a folder).
 */
export async function checkIngestOutput(folder: string, overwrite: boolean): Promise<boolean> {
  let s;
  try { s = await stat(resolve(folder)); } catch { return false; }
  if (!s.isDirectory()) throw new AnonymatError('invalid-usage', `${folder} is a file, not a folder: choose an output folder (--overwrite replaces folders only)`);
  if (!overwrite) throw new AnonymatError('invalid-usage', `${folder} already exists: choose another output folder or pass --overwrite to replace it`);
  return true;
}

/**
 * What an ingestion says of itself, for the written manifest and `--json`: counts, identifiers, notes, the number of
 * inputs per format and the warnings — never the input file names, which exports make of patients' names (Synthea:
 * First_Last_uuid.json): the warnings name them `<input>`.
 */
export function ingestSummary(result: IngestResult) {
  const inputs: Record<string, number> = {};
  for (const s of result.sources) inputs[s.format] = (inputs[s.format] ?? 0) + 1;
  return {
    persons: result.persons, resources: result.resources, unmapped: result.unmapped, skipped: result.skipped,
    identifiers: result.identifiers, notes: result.notes, inputs,
    // (the longest names first: a folder's name inside its files' names leaves none of them half replaced)
    warnings: result.warnings.map((w) => [...result.sources.map((src) => src.name), ...result.skippedFiles].sort((a, b) => b.length - a.length)
      .reduce((acc, name) => acc.replaceAll(name, '<input>'), w)),
  };
}

/**
 * Writes every table of an ingest result into `folder` (Parquet by default), atomically: the
 * tables go to a temporary sibling folder that replaces `folder` only once all are written.
 * An existing `folder` is replaced only when `overwrite` is set.
 */
export async function writeIngest(result: IngestResult, folder: string, options: { format?: 'parquet' | 'csv'; overwrite?: boolean } = {}): Promise<Record<string, WrittenTable>> {
  const { writeTable, writeFileAtomic } = await import('../io/write.ts');
  const format = options.format ?? 'parquet';
  const target = resolve(folder);
  const exists = await checkIngestOutput(folder, options.overwrite === true);
  await mkdir(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const written: Record<string, WrittenTable> = {};
  // (stopped by a signal: the temporary folder goes; a replaced folder half-way through its swap comes back)
  const old = `${tmp}.old`;
  const done = onAbort(() => {
    rmSync(tmp, { recursive: true, force: true });
    if (existsSync(old)) { if (!existsSync(target)) renameSync(old, target); else rmSync(old, { recursive: true, force: true }); }
  });
  try {
    await mkdir(tmp);
    for (const [name, table] of Object.entries(result.tables)) {
      const file = `${name}.${format}`;
      await writeTable(table, join(tmp, file), { format });
      written[name] = { path: join(folder, file), rows: table.rowCount };
    }
    const manifest = {
      ...ingestSummary(result),
      tables: Object.fromEntries(Object.entries(written).map(([n, t]) => [n, { file: basename(t.path), rows: t.rows }])),
    };
    await writeFileAtomic(join(tmp, 'ingest.json'), JSON.stringify(manifest, null, 2) + '\n');
    if (exists) {
      await rename(target, old);
      await rename(tmp, target);
      await rm(old, { recursive: true, force: true });
    } else await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    done();
  }
  return written;
}
