/**
 * FHIR R4 (JSON Bundles, single resources, arrays, Bulk Data NDJSON) → the common model.
 *
 * Validation is structural and limited to the fields that are mapped (types, date formats, enums,
 * required references), done by hand so that a 15 MB bundle costs little more than JSON.parse.
 * Every problem becomes an issue `<file>[:line] <Type>/<id> <JSON path>: <what is wrong>`; values
 * are never quoted. Resource types that are not mapped are counted in `unmapped`.
 * Mapping table: docs/fhir.md.
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { PieceDecoder, UTF8_ONLY_FIX } from '../../io/text-decode.ts';
import { AnonymatError } from '../../errors.ts';
import { decodeAttachment, isTextType } from './attachment.ts';
import { datePart, shortSystem } from '../model.ts';
import { calendarDay } from '../../util/calendar.ts';
import type { IngestState } from '../state.ts';

/** Resource types mapped to tables. */
export const MAPPED_TYPES: ReadonlySet<string> = new Set([
  'Patient', 'Encounter', 'Condition', 'Observation', 'MedicationRequest', 'MedicationStatement',
  'Procedure', 'DocumentReference',
]);

type Json = Record<string, unknown>;

const DATE_RE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const DATETIME_RE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)(\.\d+)?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?)?)?)?$/;
const GENDERS = new Set(['male', 'female', 'other', 'unknown']);
const BASE64_RE = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;
/** FHIR R4's id type (a resource's logical id; what a reference's `Type/<id>` names). */
const FHIR_ID = '[A-Za-z0-9\\-.]{1,64}';
const FHIR_ID_RE = new RegExp(`^${FHIR_ID}$`);

/** Per-resource context for issue paths. */
class Ctx {
  constructor(readonly st: IngestState, readonly where: string, readonly label: string, readonly base: string) {}
  bad(rel: string, message: string): void {
    this.st.issue(`${this.where} ${this.label} ${this.base}${rel}`, message);
  }
}

function isObj(v: unknown): v is Json { return typeof v === 'object' && v !== null && !Array.isArray(v); }

function str(c: Ctx, o: Json, key: string, rel: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') { c.bad(`${rel}.${key}`, `expected a string, found ${typeOf(v)}`); return undefined; }
  return v;
}

function obj(c: Ctx, o: Json, key: string, rel: string): Json | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) { c.bad(`${rel}.${key}`, `expected an object, found ${typeOf(v)}`); return undefined; }
  return v;
}

function arr(c: Ctx, o: Json, key: string, rel: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) { c.bad(`${rel}.${key}`, `expected an array, found ${typeOf(v)}`); return []; }
  return v;
}

function typeOf(v: unknown): string { return Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`; }

function date(c: Ctx, o: Json, key: string, rel: string): string | null {
  const v = str(c, o, key, rel);
  if (v === undefined) return null;
  if (!DATE_RE.test(v)) { c.bad(`${rel}.${key}`, 'not a FHIR date (expected YYYY, YYYY-MM or YYYY-MM-DD)'); return null; }
  if (v.length >= 10 && !calendarDay(v)) { c.bad(`${rel}.${key}`, 'not a day of the calendar (its month has fewer days)'); return null; }
  return datePart(v);
}

function dateTime(c: Ctx, o: Json, key: string, rel: string): string | null {
  const v = str(c, o, key, rel);
  if (v === undefined) return null;
  if (!DATETIME_RE.test(v)) { c.bad(`${rel}.${key}`, 'not a FHIR dateTime (expected YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)'); return null; }
  if (v.length >= 10 && !calendarDay(v)) { c.bad(`${rel}.${key}`, 'not a day of the calendar (its month has fewer days)'); return null; }
  return datePart(v);
}

function period(c: Ctx, o: Json, key: string, rel: string): [string | null, string | null] {
  const p = obj(c, o, key, rel);
  if (!p) return [null, null];
  return [dateTime(c, p, 'start', `${rel}.${key}`), dateTime(c, p, 'end', `${rel}.${key}`)];
}

interface Coding { system: string | null; code: string | null; display: string | null }
const NO_CODING: Coding = { system: null, code: null, display: null };

/** First coding of a CodeableConcept (display falls back to `text`). */
function concept(c: Ctx, cc: unknown, rel: string): Coding {
  if (cc === undefined || cc === null) return NO_CODING;
  if (!isObj(cc)) { c.bad(rel, `expected a CodeableConcept object, found ${typeOf(cc)}`); return NO_CODING; }
  const codings = arr(c, cc, 'coding', rel);
  const text = str(c, cc, 'text', rel) ?? null;
  // (the first coding of a standard terminology — SNOMED CT, ICD-10, LOINC, RxNorm… —, else the first: a local code
  // written first hid the SNOMED code after it, and the chronic conditions derived from it)
  let chosen: Coding | null = null, standard = false;
  for (let i = 0; i < codings.length; i++) {
    const cd = codings[i];
    if (!isObj(cd)) { c.bad(`${rel}.coding[${i}]`, `expected a Coding object, found ${typeOf(cd)}`); continue; }
    const code = str(c, cd, 'code', `${rel}.coding[${i}]`);
    const system = shortSystem(str(c, cd, 'system', `${rel}.coding[${i}]`));
    const display = str(c, cd, 'display', `${rel}.coding[${i}]`);
    const isStandard = system !== null && STANDARD_SYSTEMS.has(system) && code !== undefined;
    if (chosen === null || (isStandard && !standard)) { chosen = { system, code: code ?? null, display: display ?? text }; standard = isStandard; }
  }
  return chosen ?? { system: null, code: null, display: text };
}
/** The short names (shortSystem) of the standard terminologies, preferred among a concept's codings. */
const STANDARD_SYSTEMS = new Set(['SNOMED', 'ICD10', 'ICD10CM', 'LOINC', 'RXNORM', 'CVX', 'CPT']);

/** First element of an array of CodeableConcepts. */
function firstConcept(c: Ctx, o: Json, key: string, rel: string): Coding {
  const a = arr(c, o, key, rel);
  return a.length ? concept(c, a[0], `${rel}.${key}[0]`) : NO_CODING;
}

/** A Coding (not a CodeableConcept), e.g. Encounter.class. */
function coding(c: Ctx, o: Json, key: string, rel: string): Coding {
  const cd = obj(c, o, key, rel);
  if (!cd) return NO_CODING;
  return {
    system: shortSystem(str(c, cd, 'system', `${rel}.${key}`)),
    code: str(c, cd, 'code', `${rel}.${key}`) ?? null,
    display: str(c, cd, 'display', `${rel}.${key}`) ?? null,
  };
}

/** Bundle-level map fullUrl → resource id, for `urn:uuid:` references. */
type FullUrls = Map<string, string>;

/** Resolves a Reference to the referenced resource id (null when absent or unresolvable). */
function refId(c: Ctx, o: Json, key: string, rel: string, type: string, urls: FullUrls): string | null {
  const r = obj(c, o, key, rel);
  if (!r) return null;
  const ref = str(c, r, 'reference', `${rel}.${key}`);
  if (ref === undefined) return null;
  return resolveRef(ref, type, urls);
}

/** Resolves a Reference that is an array's element, at `rel` (null when absent, unresolvable, or no Reference object: a problem). */
function refElement(c: Ctx, v: unknown, rel: string, type: string, urls: FullUrls): string | null {
  if (v === undefined || v === null) return null;
  if (!isObj(v)) { c.bad(rel, `expected a Reference object, found ${typeOf(v)}`); return null; }
  const ref = str(c, v, 'reference', rel);
  return ref === undefined ? null : resolveRef(ref, type, urls);
}

export function resolveRef(ref: string, type: string, urls: FullUrls): string | null {
  const hit = urls.get(ref);
  if (hit !== undefined) return hit;
  if (ref.startsWith('urn:uuid:')) return ref.slice(9);
  if (ref.startsWith('#') || ref.includes('?')) return null; // contained or conditional reference
  const m = ref.match(new RegExp(`(?:^|/)${type}/(${FHIR_ID})(?:/_history/[^/]*)?$`));
  return m ? m[1]! : null;
}

/** Reads one JSON document: a Bundle, a single resource, or an array of either. */
export function readFhirDocument(doc: unknown, file: string, st: IngestState, line?: number): void {
  const where = line === undefined ? file : `${file}:${line}`;
  if (Array.isArray(doc)) {
    doc.forEach((d, i) => readResource(d, where, `$[${i}]`, st, new Map()));
    return;
  }
  readResource(doc, where, '$', st, new Map());
}

/** Reads Bulk Data NDJSON text (one resource per line; blank lines ignored). */
export function readFhirNdjson(text: string, file: string, st: IngestState): void {
  let start = 0;
  let lineNo = 0;
  const urls: FullUrls = new Map();
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    if (!readNdjsonLine(text.slice(start, end), file, lineNo, st, urls)) return;
    start = end + 1;
    if (end === text.length) break;
  }
}

/**
 * Reads a Bulk Data NDJSON file line by line from disk, so that memory holds one resource at a
 * time (plus the tables being built), not the whole export.
 */
export async function readFhirNdjsonFile(path: string, st: IngestState): Promise<void> {
  // (bytes decoded as UTF-8 piece by piece: invalid UTF-8 is an error with its line and column, not mangled names)
  const dec = new PieceDecoder(path, 'utf-8', UTF8_ONLY_FIX);
  const urls: FullUrls = new Map();
  let lineNo = 0, rest = '', reading = true;
  const lines = (text: string, last: boolean): void => {
    rest += text;
    let start = 0;
    for (let k = rest.indexOf('\n'); k >= 0 && reading; k = rest.indexOf('\n', start)) {
      reading = readNdjsonLine(rest.slice(start, k), path, ++lineNo, st, urls);
      start = k + 1;
    }
    rest = rest.slice(start);
    if (last && rest !== '' && reading) readNdjsonLine(rest, path, ++lineNo, st, urls);
  };
  // (a file that is not UTF-8 stops its own reading, as one problem among the others — its line and column —, so that the
  // inputs after it are still checked: it stopped the run before their problems were found)
  try {
    for await (const chunk of createReadStream(path)) { lines(dec.push(chunk as Buffer), false); if (!reading) break; }
    if (reading) lines(dec.end(), true);
  } catch (e) {
    if (!(e instanceof AnonymatError)) throw e;
    st.issueFrom(e, path);
  }
}

/** Reads one NDJSON line; false when the rest of the file is not to be read (a pretty-printed JSON document). */
function readNdjsonLine(raw: string, file: string, lineNo: number, st: IngestState, urls: FullUrls): boolean {
  const line = raw.trim();
  if (line === '') return true;
  // (a first line of "{" or "[" alone: a pretty-printed JSON document, whose every line would be an error)
  if (lineNo === 1 && (line === '{' || line === '[')) {
    st.issue(`${file}:1`, 'a pretty-printed JSON document, not NDJSON (one complete resource per line): name it .json, or write one resource per line');
    return false;
  }
  let doc: unknown;
  try { doc = JSON.parse(line); } catch {
    st.issue(`${file}:${lineNo}`, `not valid JSON${jsonErrorColumn(line)}; each NDJSON line must be one complete resource`);
    return true;
  }
  readResource(doc, `${file}:${lineNo}`, '$', st, urls);
  return true;
}

/**
 * Offset of the first JSON syntax error in `text` (-1 when it parses), found by a small scanner
 * that builds no value: V8's messages do not always give a position, and they quote the text.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => { while (i < n) { const c = text.charCodeAt(i); if (c === 32 || c === 9 || c === 10 || c === 13) i++; else break; } };
  const fail = (): never => { throw new RangeError(String(i)); };
  const str = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) { i++; return; }
      if (c < 32) fail();
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { i++; fail(); } i += 6; continue; }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) { i++; fail(); }
        i += 2; continue;
      }
      i++;
    }
    fail();
  };
  const NUM = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  // explicit stack instead of recursion: deep documents cannot overflow
  const stack: { obj: boolean; first: boolean }[] = [];
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '"') { str(); return; }
    if (c === '{' || c === '[') { i++; stack.push({ obj: c === '{', first: true }); return; }
    for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) { i += lit.length; return; }
    NUM.lastIndex = i;
    if (c !== undefined && NUM.test(text)) {
      i = NUM.lastIndex;
      if (text[i] === '.' || text[i] === 'e' || text[i] === 'E') { i++; fail(); } // "1." or "1e" without digits
      return;
    }
    fail();
  };
  try {
    value();
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      ws();
      const close = top.obj ? '}' : ']';
      if (text[i] === close) { i++; stack.pop(); continue; }
      if (top.first) top.first = false;
      else { if (text[i] !== ',') fail(); i++; ws(); }
      if (top.obj) { if (text[i] !== '"') fail(); str(); ws(); if (text[i] !== ':') fail(); i++; }
      value();
    }
    ws();
    if (i < n) fail();
    return -1;
  } catch (e) {
    if (e instanceof RangeError) return Number(e.message);
    throw e;
  }
}

function lineCol(text: string, pos: number): string {
  let line = 1, col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; col = 1; } else col++;
  }
  return `:${line}:${col}`;
}

/** Column of a JSON.parse error on one NDJSON line, without quoting the text. */
export function jsonErrorColumn(line: string): string {
  const pos = jsonErrorOffset(line);
  return pos >= 0 ? ` (at character ${pos + 1})` : '';
}

/** `:line:column` of the first JSON syntax error in a whole document, or '' when none is found. */
export function jsonErrorPlace(text: string): string {
  const pos = jsonErrorOffset(text);
  return pos >= 0 ? lineCol(text, pos) : '';
}

function readResource(res: unknown, where: string, path: string, st: IngestState, urls: FullUrls, bundleType: string | null = null): void {
  if (!isObj(res)) { st.issue(`${where} ${path}`, `expected a FHIR resource object, found ${typeOf(res)}`); return; }
  const type = res.resourceType;
  if (typeof type !== 'string' || !/^[A-Z][A-Za-z]+$/.test(type)) {
    // (the resource's id when it has one, as the other errors give it: "id e1 $.entry[1].resource.resourceType")
    const idPart = typeof res.id === 'string' ? ` (id ${res.id})` : '';
    st.issue(`${where}${idPart} ${path}.resourceType`, 'missing or invalid resourceType: give the resource\'s FHIR type, e.g. "Patient"'); return;
  }
  const rawId = res.id;
  const id = typeof rawId === 'string' ? rawId : undefined;
  const label = `${type}/${id || '(no id)'}`;
  if (rawId !== undefined && typeof rawId !== 'string') st.issue(`${where} ${label} ${path}.id`, `expected a string, found ${typeOf(rawId)}`);
  if (type === 'Bundle') { readBundle(res, where, path, label, st); return; }
  st.count(type);
  if (!MAPPED_TYPES.has(type)) {
    // (a misspelled type of ours is an error, not an unmapped type: "Bundel" held 247 entries never read, "Pateint" a person)
    const near = nearType(type);
    if (near !== null) { st.issue(`${where} ${label} ${path}.resourceType`, `unknown resource type: did you mean ${near}?`); return; }
    st.countUnmapped(type);
    return;
  }
  const c = new Ctx(st, where, label, path);
  // (FHIR R4's id type, by which references resolve: an id out of it — `abc_def`, 65 characters — was a Patient whose events
  // were all skipped as naming no Patient. An empty id is the Patient mapper's to say)
  if (id !== undefined && id.trim() !== '' && !FHIR_ID_RE.test(id)) c.bad('.id', "not a FHIR id (1 to 64 letters, digits, '-' or '.'): references to this resource would not resolve");
  // (a Bundle's resource read again — in the next page of a search, each page including the patient; in the next page of
  // a history; a bundle given twice — is skipped when it is the same, or an older version; a Patient with other content
  // under the same id is a problem, an event of the same patient the first kept, of another patient kept too: ids that
  // collide between sources. Outside Bundles — NDJSON, where each resource is written once — nothing is remembered: a
  // person repeated there is the duplicate-person error, and the reading keeps one resource at a time.)
  if (id && bundleType !== null) {
    // (an event is remembered by its id and its patient: two sources' events under one id are two events, each read once.
    // The patient is the id its reference resolves to, not the reference as written: `Patient/p` in one Bundle and
    // `http://s/fhir/Patient/p` or a urn:uuid fullUrl in another are one patient, and the event was counted twice)
    const written = subjectOf(res);
    const subjectRef = written === null ? null : resolveRef(written, 'Patient', urls) ?? written;
    const key = type === 'Patient' ? `Patient/${id}` : `${type}/${id}|${subjectRef ?? ''}`;
    const digest = createHash('sha1').update(JSON.stringify(res)).digest('base64');
    const seen = st.fhirSeen.get(key);
    if (seen !== undefined) {
      if (seen === digest) { st.skip(`${type} repeated with the same content`); return; }
      if (bundleType === 'history') { st.skip('older version in a history Bundle'); return; }
      if (type === 'Patient') {
        st.issue(`${where} ${label} ${path}`, 'a Patient with this id was already read, with other content (in this input or an earlier one): two people under one id, or two versions of one person — ingest one version of each Patient');
        return;
      }
      st.skip(`${type} repeated with other content (the first read kept)`);
      return;
    }
    st.fhirSeen.set(key, digest);
    if (type !== 'Patient') {
      const first = st.fhirSubjects.get(`${type}/${id}`);
      if (first === undefined) st.fhirSubjects.set(`${type}/${id}`, subjectRef ?? '');
      else if (first !== (subjectRef ?? '')) st.warn(`some ${type} ids name resources of different patients (ids that collide between sources): each is kept`);
    }
  }
  const void_ = voided(res);
  if (void_ !== null) { st.skip(`${type} ${void_}`); return; }
  MAPPERS[type]!(c, res, id, urls);
}

/**
 * Why a resource records nothing that happened, or null: entered in error (any type), a cancelled encounter or
 * observation, a procedure not done, a condition refuted or entered in error. Such resources are counted as skipped,
 * not mapped: a cancelled visit or a ruled-out HIV is neither a visit nor a condition of the person.
 */
function voided(r: Json): string | null {
  const status = typeof r.status === 'string' ? r.status : null;
  if (status === 'entered-in-error') return 'entered in error (status)';
  if (status === 'cancelled' && (r.resourceType === 'Encounter' || r.resourceType === 'Observation')) return 'cancelled (status)';
  if (status === 'not-done' && r.resourceType === 'Procedure') return 'not done (status)';
  if (r.resourceType === 'Condition' && isObj(r.verificationStatus) && Array.isArray(r.verificationStatus.coding)) {
    for (const cd of r.verificationStatus.coding) {
      if (isObj(cd) && (cd.code === 'refuted' || cd.code === 'entered-in-error')) return `${cd.code === 'refuted' ? 'refuted' : 'entered in error'} (verificationStatus)`;
    }
  }
  return null;
}

/** The mapped type (or Bundle) that `type` is a misspelling of: at most two letters' edits away, for names of five letters or more. */
function nearType(type: string): string | null {
  if (type.length < 5) return null;
  for (const t of ['Bundle', ...MAPPED_TYPES]) if (Math.abs(t.length - type.length) <= 2 && editDistance(t, type) <= 2) return t;
  return null;
}
/** Edits (insert, delete, replace, or swap two neighbouring letters: "Pateint") from a to b. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function readBundle(b: Json, where: string, path: string, label: string, st: IngestState): void {
  const c = new Ctx(st, where, label, path);
  const entries = arr(c, b, 'entry', '');
  const urls: FullUrls = new Map();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!isObj(e)) continue;
    const r = e.resource;
    if (typeof e.fullUrl === 'string' && isObj(r) && typeof r.id === 'string') urls.set(e.fullUrl, r.id);
  }
  // (a history Bundle lists each resource's versions newest first: the first entry of a resource is its current version —
  // a DELETE the resource deleted —, the others are skipped)
  const history = b.type === 'history' ? new Set<string>() : null;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!isObj(e)) { c.bad(`.entry[${i}]`, `expected an entry object, found ${typeOf(e)}`); continue; }
    if (history) {
      const key = historyKey(e);
      if (key !== null) {
        if (history.has(key)) { st.skip('older version in a history Bundle'); continue; }
        history.add(key);
      }
    }
    // (a DELETE request's entry has no resource; any other entry without one is counted as skipped)
    if (e.resource === undefined) { if (!(isObj(e.request) && e.request.method === 'DELETE')) st.skip('Bundle entry without a resource'); continue; }
    let r = e.resource;
    // a transaction entry without resource.id: use the urn:uuid fullUrl as its id
    if (isObj(r) && r.id === undefined && typeof e.fullUrl === 'string' && e.fullUrl.startsWith('urn:uuid:')) {
      r = { ...r, id: e.fullUrl.slice(9) };
      urls.set(e.fullUrl, (r as Json).id as string);
    }
    readResource(r, where, `${path}.entry[${i}].resource`, st, urls, typeof b.type === 'string' ? b.type : '');
  }
}

/** Today's date (ISO), against which an address's period has ended or not when no reference date is given. */
const TODAY = new Date().toISOString().slice(0, 10);
/** The last day a FHIR date stands for: "2026" → "2026-12-31", "2026-02" → "2026-02-31" (compared as text, a day past the month's is no matter). */
function periodEnd(v: string): string {
  return v.length === 4 ? `${v}-12-31` : v.length === 7 ? `${v}-31` : v.slice(0, 10);
}

/** The reference to an event's patient as written (subject, else patient), or null. */
function subjectOf(r: Json): string | null {
  const ref = isObj(r.subject) ? r.subject.reference : isObj(r.patient) ? r.patient.reference : undefined;
  return typeof ref === 'string' ? ref : null;
}

/** The `Type/id` of a history Bundle's entry: its resource's, else its request's URL (a DELETE), else null. */
function historyKey(e: Json): string | null {
  const r = e.resource;
  if (isObj(r) && typeof r.resourceType === 'string' && typeof r.id === 'string') return `${r.resourceType}/${r.id}`;
  const url = isObj(e.request) && typeof e.request.url === 'string' ? /^([A-Z][A-Za-z]+)\/([^/?#]+)/.exec(e.request.url) : null;
  return url ? `${url[1]}/${url[2]}` : null;
}

type Mapper = (c: Ctx, r: Json, id: string | undefined, urls: FullUrls) => void;

/** Resolves the subject (or patient) of an event; counts the resource as skipped when it has none. */
function subject(c: Ctx, r: Json, urls: FullUrls, key = 'subject'): string | null {
  const pid = refId(c, r, key, '', 'Patient', urls);
  if (pid === null) {
    if (r[key] === undefined) c.st.skip(`${r.resourceType as string} without ${key}`);
    else c.st.skip(`${r.resourceType as string} with a ${key} reference that names no Patient`);
  }
  return pid;
}

const patient: Mapper = (c, r, id, urls) => {
  if (id === undefined || id.trim() === '') { c.bad('.id', 'a Patient needs an id (or a urn:uuid fullUrl) to link its events'); return; }
  const row: Record<string, string | number | null> = { person_id: id };
  row.birth_date = date(c, r, 'birthDate', '');
  const g = str(c, r, 'gender', '');
  if (g !== undefined && !GENDERS.has(g)) c.bad('.gender', 'expected one of male, female, other, unknown');
  row.sex = g === 'male' ? 'M' : g === 'female' ? 'F' : g === 'other' ? 'O' : g === 'unknown' ? 'U' : null;
  if (r.deceasedDateTime !== undefined) row.death_date = dateTime(c, r, 'deceasedDateTime', '');
  if (r.deceasedBoolean !== undefined && typeof r.deceasedBoolean !== 'boolean') c.bad('.deceasedBoolean', 'expected a boolean');
  row.deceased = r.deceasedDateTime !== undefined || r.deceasedBoolean === true ? 'true' : 'false';
  const ms = concept(c, r.maritalStatus, '.maritalStatus');
  row.marital_status = ms.code ?? ms.display;
  // names: official (or first) name; maiden name from use=maiden
  const names = arr(c, r, 'name', '');
  const recordNames: string[] = [];
  let chosen = -1;
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (!isObj(n)) { c.bad(`.name[${i}]`, `expected a HumanName object, found ${typeOf(n)}`); continue; }
    const use = str(c, n, 'use', `.name[${i}]`);
    const family = str(c, n, 'family', `.name[${i}]`) ?? null;
    const given = strList(c, n, 'given', `.name[${i}]`);
    const prefix = strList(c, n, 'prefix', `.name[${i}]`);
    const suffix = strList(c, n, 'suffix', `.name[${i}]`);
    // (every name of the record — usual, nickname, old, anonymous… — is looked for in the person's notes)
    if (family) recordNames.push(family);
    if (given) recordNames.push(given);
    // (a name given as its text only: {"use": "nickname", "text": "Belou"})
    const whole = str(c, n, 'text', `.name[${i}]`);
    if (whole) recordNames.push(whole);
    if (use === 'maiden') { row.maiden_name = family; continue; }
    if (chosen < 0 || use === 'official') {
      chosen = i;
      row.name_family = family; row.name_given = given; row.name_prefix = prefix; row.name_suffix = suffix;
    }
  }
  // identifiers by type code / system
  const other: string[] = [];
  const ids = arr(c, r, 'identifier', '');
  for (let i = 0; i < ids.length; i++) {
    const x = ids[i];
    if (!isObj(x)) { c.bad(`.identifier[${i}]`, `expected an Identifier object, found ${typeOf(x)}`); continue; }
    const value = str(c, x, 'value', `.identifier[${i}]`);
    if (value === undefined) continue;
    const system = str(c, x, 'system', `.identifier[${i}]`) ?? '';
    const t = concept(c, x.type, `.identifier[${i}].type`).code;
    let col: string;
    if (t === 'SS' || system === 'http://hl7.org/fhir/sid/us-ssn' || t === 'NH' || t === 'INS-NIR'
      || system.startsWith('urn:oid:1.2.250.1.213.1.4.')) col = 'ssn';
    else if (t === 'MR' || t === 'PI') col = 'mrn';
    else if (t === 'DL') col = 'drivers_license';
    else if (t === 'PPN') col = 'passport';
    else { if (value !== id) other.push(value); continue; }
    if (row[col] == null) row[col] = value;
  }
  row.other_identifier = other.length ? other.join(';') : null;
  // telecom
  const tel = arr(c, r, 'telecom', '');
  for (let i = 0; i < tel.length; i++) {
    const t = tel[i];
    if (!isObj(t)) { c.bad(`.telecom[${i}]`, `expected a ContactPoint object, found ${typeOf(t)}`); continue; }
    const sys = str(c, t, 'system', `.telecom[${i}]`);
    const v = str(c, t, 'value', `.telecom[${i}]`) ?? null;
    if ((sys === 'phone' || sys === 'sms') && row.phone == null) row.phone = v;
    else if (sys === 'email' && row.email == null) row.email = v;
  }
  // address: the current one — a home address whose period has not ended, else a temporary or unqualified one, else a
  // work or billing one, then those whose period has ended, in the same order; an address of use "old" last (a former
  // address gave a former ZIP3); the first of equals
  const addrs = arr(c, r, 'address', '');
  let aIdx = -1, aRank = -1;
  for (let i = 0; i < addrs.length; i++) {
    const a = addrs[i];
    if (!isObj(a)) { c.bad(`.address[${i}]`, `expected an Address object, found ${typeOf(a)}`); continue; }
    // (an end still to come is no end: "period": {"end": "2099-01-01"}; a year or a month ends at its last day; the day of
    // reference is --reference-date's, else today)
    const ended = isObj(a.period) && typeof a.period.end === 'string' && periodEnd(a.period.end) < (c.st.referenceDate ?? TODAY);
    const rank = a.use === 'old' ? 0 : (a.use === 'home' ? 5 : a.use === 'work' || a.use === 'billing' ? 3 : 4) - (ended ? 2.5 : 0);
    if (rank > aRank) { aIdx = i; aRank = rank; }
  }
  if (aIdx >= 0) {
    const a = addrs[aIdx] as Json, rel = `.address[${aIdx}]`;
    row.address_line = strList(c, a, 'line', rel, ', ');
    row.city = str(c, a, 'city', rel) ?? null;
    row.county = str(c, a, 'district', rel) ?? null;
    row.state = str(c, a, 'state', rel) ?? null;
    row.postal_code = str(c, a, 'postalCode', rel) ?? null;
    row.country = str(c, a, 'country', rel) ?? null;
    const exts = arr(c, a, 'extension', rel);
    for (const e of exts) {
      if (!isObj(e) || e.url !== 'http://hl7.org/fhir/StructureDefinition/geolocation' || !Array.isArray(e.extension)) continue;
      for (const sub of e.extension) {
        if (!isObj(sub) || typeof sub.valueDecimal !== 'number') continue;
        if (sub.url === 'latitude') row.latitude = sub.valueDecimal;
        if (sub.url === 'longitude') row.longitude = sub.valueDecimal;
      }
    }
  }
  // US Core race / ethnicity, birth place, mother's maiden name
  const exts = arr(c, r, 'extension', '');
  for (let i = 0; i < exts.length; i++) {
    const e = exts[i];
    if (!isObj(e)) { c.bad(`.extension[${i}]`, `expected an Extension object, found ${typeOf(e)}`); continue; }
    const url = e.url;
    if (url === 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race') row.race = extText(e);
    else if (url === 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity') row.ethnicity = extText(e);
    else if (url === 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace' && isObj(e.valueAddress)) {
      const a = e.valueAddress;
      row.birth_place = [a.city, a.state, a.country].filter((x) => typeof x === 'string' && x).join(', ') || null;
    } else if (url === 'http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName' && typeof e.valueString === 'string') {
      if (row.maiden_name == null) row.maiden_name = e.valueString;
    }
  }
  // (a record merged into another: "replaced-by" names the record that stays, "replaces" the one merged into this one —
  // one person, not two; the merge is made when the tables are finished, whatever the order of the records)
  const links = arr(c, r, 'link', '');
  for (let i = 0; i < links.length; i++) {
    const l = links[i];
    if (!isObj(l) || (l.type !== 'replaced-by' && l.type !== 'replaces')) continue;
    const other = refId(c, l, 'other', `.link[${i}]`, 'Patient', urls);
    if (other === null || other === id || id === undefined) continue;
    if (l.type === 'replaced-by') c.st.personAliases.set(id, other); else if (!c.st.personAliases.has(other)) c.st.personAliases.set(other, id);
  }
  if (c.st.addPerson(row) && recordNames.length) c.st.addPersonNames(row.person_id as string, recordNames);
};

function extText(e: Json): string | null {
  if (!Array.isArray(e.extension)) return null;
  let omb: string | null = null;
  for (const s of e.extension) {
    if (!isObj(s)) continue;
    if (s.url === 'text' && typeof s.valueString === 'string') return s.valueString;
    if (s.url === 'ombCategory' && isObj(s.valueCoding) && typeof s.valueCoding.display === 'string') omb ??= s.valueCoding.display;
  }
  return omb;
}

function strList(c: Ctx, o: Json, key: string, rel: string, sep = ' '): string | null {
  const a = arr(c, o, key, rel);
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (typeof a[i] !== 'string') { c.bad(`${rel}.${key}[${i}]`, `expected a string, found ${typeOf(a[i])}`); continue; }
    out.push(a[i] as string);
  }
  return out.length ? out.join(sep) : null;
}

const encounter: Mapper = (c, r, id, urls) => {
  const pid = subject(c, r, urls);
  const [start, end] = period(c, r, 'period', '');
  const cls = coding(c, r, 'class', '');
  const type = firstConcept(c, r, 'type', '');
  const reason = firstConcept(c, r, 'reasonCode', '');
  if (pid === null) return;
  c.st.model.tables.encounters.add({
    person_id: pid, encounter_id: id ?? null, start_date: start, end_date: end, class: cls.code,
    code_system: type.system, code: type.code, display: type.display,
    reason_code: reason.code, reason_display: reason.display,
  });
};

const condition: Mapper = (c, r, _id, urls) => {
  const pid = subject(c, r, urls);
  const enc = refId(c, r, 'encounter', '', 'Encounter', urls);
  const code = concept(c, r.code, '.code');
  const onset = r.onsetDateTime !== undefined ? dateTime(c, r, 'onsetDateTime', '')
    : r.onsetPeriod !== undefined ? period(c, r, 'onsetPeriod', '')[0] : dateTime(c, r, 'recordedDate', '');
  const abate = r.abatementDateTime !== undefined ? dateTime(c, r, 'abatementDateTime', '')
    : r.abatementPeriod !== undefined ? period(c, r, 'abatementPeriod', '')[1] : null;
  const status = concept(c, r.clinicalStatus, '.clinicalStatus');
  if (pid === null) return;
  c.st.model.tables.conditions.add({
    person_id: pid, encounter_id: enc, onset_date: onset, abatement_date: abate,
    code_system: code.system, code: code.code, display: code.display, clinical_status: status.code,
  });
};

/** value[x] of an Observation or a component → [value label, number, unit]. */
function obsValue(c: Ctx, o: Json, rel: string): [string | null, number | null, string | null] {
  if (o.valueQuantity !== undefined) {
    const q = obj(c, o, 'valueQuantity', rel);
    if (!q) return [null, null, null];
    const v = q.value;
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) { c.bad(`${rel}.valueQuantity.value`, 'expected a number'); return [null, null, null]; }
    const unit = str(c, q, 'unit', `${rel}.valueQuantity`) ?? str(c, q, 'code', `${rel}.valueQuantity`) ?? null;
    // (a comparator makes the value a bound, "<5": the label keeps it, and the number — which it is not — is left out)
    const comparator = str(c, q, 'comparator', `${rel}.valueQuantity`);
    if (comparator !== undefined && v !== undefined) return [`${comparator}${String(v)}`, null, unit];
    return [v === undefined ? null : String(v), (v as number | undefined) ?? null, unit];
  }
  if (o.valueCodeableConcept !== undefined) {
    const cc = concept(c, o.valueCodeableConcept, `${rel}.valueCodeableConcept`);
    return [cc.code ?? cc.display, null, null];
  }
  if (o.valueString !== undefined) return [str(c, o, 'valueString', rel) ?? null, null, null];
  if (o.valueBoolean !== undefined) {
    if (typeof o.valueBoolean !== 'boolean') { c.bad(`${rel}.valueBoolean`, 'expected a boolean'); return [null, null, null]; }
    return [String(o.valueBoolean), null, null];
  }
  if (o.valueInteger !== undefined) {
    if (!Number.isInteger(o.valueInteger)) { c.bad(`${rel}.valueInteger`, 'expected an integer'); return [null, null, null]; }
    return [String(o.valueInteger), o.valueInteger as number, null];
  }
  if (o.valueDateTime !== undefined) return [dateTime(c, o, 'valueDateTime', rel), null, null];
  // (the value types not mapped — valueRange, valueRatio, valuePeriod, valueTime, valueSampledData, valueAttachment — give
  // an empty value, said once)
  const other = Object.keys(o).find((k) => /^value[A-Z]/.test(k));
  if (other !== undefined) c.st.warn(`some Observation values are of a type not mapped (${other}; mapped: valueQuantity, valueCodeableConcept, valueString, valueBoolean, valueInteger, valueDateTime): their value is empty`);
  return [null, null, null];
}

const observation: Mapper = (c, r, _id, urls) => {
  const pid = subject(c, r, urls);
  const enc = refId(c, r, 'encounter', '', 'Encounter', urls);
  const d = r.effectiveDateTime !== undefined ? dateTime(c, r, 'effectiveDateTime', '')
    : r.effectivePeriod !== undefined ? period(c, r, 'effectivePeriod', '')[0]
    : r.effectiveInstant !== undefined ? dateTime(c, r, 'effectiveInstant', '') : dateTime(c, r, 'issued', '');
  const cat = firstConcept(c, r, 'category', '').code;
  const code = concept(c, r.code, '.code');
  const hasValue = Object.keys(r).some((k) => k.startsWith('value'));
  const [value, num, unit] = obsValue(c, r, '');
  const comps = arr(c, r, 'component', '');
  const rows: [Coding, string | null, number | null, string | null, string | null][] = [];
  if (hasValue || comps.length === 0) rows.push([code, value, num, unit, null]);
  for (let i = 0; i < comps.length; i++) {
    const k = comps[i];
    if (!isObj(k)) { c.bad(`.component[${i}]`, `expected a component object, found ${typeOf(k)}`); continue; }
    const kc = concept(c, k.code, `.component[${i}].code`);
    const [v, n, u] = obsValue(c, k, `.component[${i}]`);
    rows.push([kc, v, n, u, code.code]);
  }
  if (pid === null) return;
  for (const [cd, v, n, u, panel] of rows) {
    c.st.model.tables.observations.add({
      person_id: pid, encounter_id: enc, date: d, category: cat, code_system: cd.system, code: cd.code,
      display: cd.display, panel_code: panel, value: v, value_number: n, unit: u,
    });
  }
};

const medication: Mapper = (c, r, _id, urls) => {
  const pid = subject(c, r, urls);
  const enc = refId(c, r, r.resourceType === 'MedicationStatement' ? 'context' : 'encounter', '', 'Encounter', urls);
  let code = concept(c, r.medicationCodeableConcept, '.medicationCodeableConcept');
  if (r.medicationCodeableConcept === undefined && r.medicationReference !== undefined) {
    const m = obj(c, r, 'medicationReference', '');
    code = { system: null, code: null, display: m ? str(c, m, 'display', '.medicationReference') ?? null : null };
    c.st.warn('some medications use medicationReference: their code is not resolved (display kept)');
  }
  let start: string | null, end: string | null = null;
  if (r.resourceType === 'MedicationRequest') {
    start = dateTime(c, r, 'authoredOn', '');
    const dr = obj(c, r, 'dispenseRequest', '');
    if (dr && dr.validityPeriod !== undefined) end = period(c, dr, 'validityPeriod', '.dispenseRequest')[1];
  } else if (r.effectivePeriod !== undefined) [start, end] = period(c, r, 'effectivePeriod', '');
  else start = dateTime(c, r, 'effectiveDateTime', '') ?? dateTime(c, r, 'dateAsserted', '');
  const status = str(c, r, 'status', '') ?? null;
  if (pid === null) return;
  c.st.model.tables.medications.add({
    person_id: pid, encounter_id: enc, start_date: start, end_date: end, code_system: code.system,
    code: code.code, display: code.display, status, source: r.resourceType as string,
  });
};

const procedure: Mapper = (c, r, _id, urls) => {
  const pid = subject(c, r, urls);
  const enc = refId(c, r, 'encounter', '', 'Encounter', urls);
  const code = concept(c, r.code, '.code');
  let start: string | null = null, end: string | null = null;
  if (r.performedDateTime !== undefined) start = dateTime(c, r, 'performedDateTime', '');
  else if (r.performedPeriod !== undefined) [start, end] = period(c, r, 'performedPeriod', '');
  const reason = firstConcept(c, r, 'reasonCode', '');
  if (pid === null) return;
  c.st.model.tables.procedures.add({
    person_id: pid, encounter_id: enc, start_date: start, end_date: end, code_system: code.system,
    code: code.code, display: code.display, reason_code: reason.code, reason_display: reason.display,
  });
};

const documentReference: Mapper = (c, r, _id, urls) => {
  const pid = subject(c, r, urls);
  const type = concept(c, r.type, '.type');
  const d = dateTime(c, r, 'date', '');
  const ctx = obj(c, r, 'context', '');
  let enc: string | null = null;
  if (ctx) {
    const encs = arr(c, ctx, 'encounter', '.context');
    if (encs.length) enc = refElement(c, encs[0], '.context.encounter[0]', 'Encounter', urls);
  }
  // the first text/* (or XHTML) attachment with inline data
  const content = arr(c, r, 'content', '');
  let text: string | null = null, contentType: string | null = null;
  for (let i = 0; i < content.length; i++) {
    const ct = content[i];
    if (!isObj(ct)) { c.bad(`.content[${i}]`, `expected a content object, found ${typeOf(ct)}`); continue; }
    const att = obj(c, ct, 'attachment', `.content[${i}]`);
    if (!att) continue;
    const rel = `.content[${i}].attachment`;
    const type = str(c, att, 'contentType', rel) ?? null;
    const data = str(c, att, 'data', rel);
    if (contentType === null) contentType = type;
    if (data === undefined) continue;
    if (!BASE64_RE.test(data)) { c.bad(`${rel}.data`, 'not base64'); continue; }
    if (data.replace(/\s+/g, '').length % 4 !== 0) { c.bad(`${rel}.data`, 'not base64 (its length is not a multiple of 4: cut or unpadded)'); continue; }
    if (type !== null && !isTextType(type)) continue;
    const decoded = decodeAttachment(Buffer.from(data, 'base64'), type);
    if ('error' in decoded) { c.bad(`${rel}.data`, decoded.error); continue; }
    text = decoded.text;
    contentType = type;
    break;
  }
  if (pid === null) return;
  if (text === null) c.st.warn('some DocumentReference resources have no inline text attachment: their notes rows have an empty text');
  c.st.addNote({
    person_id: pid, encounter_id: enc, date: d, type_system: type.system, type_code: type.code,
    type_display: type.display, content_type: contentType,
  }, text);
};

const MAPPERS: Record<string, Mapper> = {
  Patient: patient, Encounter: encounter, Condition: condition, Observation: observation,
  MedicationRequest: medication, MedicationStatement: medication, Procedure: procedure,
  DocumentReference: documentReference,
};
