/**
 * The verdict pipeline: read the original, the release and the optional control, auxiliary and
 * previous-release files as the policy declares, resolve the policy's hierarchies (so the attacks
 * read generalized labels), and run every check of src/attack (docs/verdict.md).
 * Used by `anonymat verdict`, and by `assess --original` and `anonymize --verdict`.
 */
import { readTable, type ReadOptions } from '../io/read.ts';
import { readOptionsOf, type Policy } from '../policy/policy.ts';
import { selectRows, type ColumnKind, type Table } from '../table/table.ts';
import { AnonymatError } from '../errors.ts';
import { seededRng } from '../util/rng.ts';
import { personsOf } from '../risk/person.ts';
import { proveAnonymity, type VerdictReport } from '../attack/index.ts';
import { resolveHierarchies } from './anonymize.ts';
import type { Assessment } from '../risk/assess.ts';

export interface VerdictFiles { original: string; release: string; control?: string; aux?: string; previousRelease?: string }
type PersonLevelFormal = NonNullable<import('../attack/verdict.ts').ProveInput['personLevelFormal']>;
/**
 * The verdict's formal thresholds read from a release's own assessment when it was made at person level (anonymize's
 * `after`, with the person key the release then loses); undefined otherwise.
 */
export function personLevelFormalOf(after: Assessment | null | undefined): PersonLevelFormal | undefined {
  if (!after || after.unit !== 'person') return undefined;
  return { passes: after.verdict.passes, failures: after.verdict.failures.map((f) => ({ criterion: f.criterion, message: f.message, value: f.value, threshold: f.threshold, ...(f.column ? { column: f.column } : {}) })) };
}

export interface VerdictTables { original: Table; release: Table; control?: Table; aux?: Table; previousRelease?: Table }
export interface VerdictRunOptions {
  overrides?: ReadOptions;
  seed?: number;
  attacks?: number;
  truth?: { release: string; aux: string };
  /** Called for a hierarchy that cannot be built (its labels are then read by their form only). */
  onWarning?: (message: string) => void;
  /** Progress of the verdict's steps (done of total, the step about to run). */
  onProgress?: (done: number, total: number, step: string) => void;
  /** The formal thresholds' verdict at person level (ProveInput.personLevelFormal). */
  personLevelFormal?: PersonLevelFormal;
}

/** Reads the files and runs the verdict. Declared types apply to raw files; released and auxiliary
 * files may hold generalized labels, so only text types apply there. */
export async function verdictOfFiles(files: VerdictFiles, policy: Policy, o: VerdictRunOptions = {}): Promise<VerdictReport> {
  const clean = Object.fromEntries(Object.entries(o.overrides ?? {}).filter(([, v]) => v !== undefined)) as ReadOptions;
  const base = readOptionsOf(policy, clean);
  const allTypes = base.types ?? {};
  const textTypes = Object.fromEntries(Object.entries(allTypes).filter(([, k]) => k === 'string')) as Record<string, ColumnKind>;
  const read = (path: string, types: Record<string, ColumnKind>) => readTable(path, { ...base, types, typesIfPresent: true });
  const tables: VerdictTables = {
    original: await read(files.original, allTypes),
    release: await read(files.release, textTypes),
    ...(files.control ? { control: await read(files.control, allTypes) } : {}),
    ...(files.aux ? { aux: await read(files.aux, textTypes) } : {}),
    ...(files.previousRelease ? { previousRelease: await read(files.previousRelease, textTypes) } : {}),
  };
  return verdictOfTables(tables, policy, o);
}

/** Runs the verdict on tables already read, with the policy's hierarchies. */
export async function verdictOfTables(t: VerdictTables, policy: Policy, o: VerdictRunOptions = {}): Promise<VerdictReport> {
  // (as assess and anonymize: a quasi-identifier or a sensitive column the original lacks is a misspelt policy — attacked
  // under its real name as an undeclared column, the verdict would still run, on a policy that is not the one meant)
  const issues = Object.entries(policy.columns).filter(([n, c]) => (c.role === 'quasi' || c.role === 'sensitive') && !t.original.columns.some((x) => x.name === n))
    .map(([n]) => ({ path: `columns.${n}`, message: `column ${n} is not in the original data` }));
  if (issues.length) throw new AnonymatError('invalid-policy', 'the policy names columns that are not in the data', issues);
  const hierarchies: { column: string; levels: readonly (readonly string[])[] }[] = [];
  const withHierarchy = Object.entries(policy.columns)
    .filter(([n, c]) => c.hierarchy !== undefined && t.original.columns.some((x) => x.name === n)).map(([n]) => n);
  for (const name of withHierarchy) {
    try {
      hierarchies.push(...(await resolveHierarchies(t.original, policy, [name])));
    } catch {
      o.onWarning?.(`the hierarchy of column ${name} could not be built; its released labels are read by their form only`);
    }
  }
  return proveAnonymity({
    original: t.original, release: t.release, policy, hierarchies,
    ...(t.control ? { control: t.control } : {}), ...(t.aux ? { aux: t.aux } : {}), ...(t.previousRelease ? { previousRelease: t.previousRelease } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}), ...(o.attacks !== undefined ? { attacks: o.attacks } : {}), ...(o.truth ? { truth: o.truth } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}), ...(o.personLevelFormal ? { personLevelFormal: o.personLevelFormal } : {}),
  });
}

export interface HoldOut {
  /** The records to release (anonymize these). */
  release: Table;
  /** The records held out: the control set of the attacks, never released. */
  control: Table;
  /** Units held out: persons with a person key (all their records), else records. */
  heldOut: number;
  unit: 'person' | 'record';
}

/**
 * Splits the originals into the records to release and a control set held out of the release
 * (Anonymeter's method: the control measures what the attacks achieve on people who are not in the
 * release). A seeded random `fraction` of the persons (every record of a held-out person, when
 * `personKey` names a column) or of the records. The same table, fraction and seed give the same split.
 */
export function holdOut(table: Table, fraction: number, o: { personKey?: string; seed?: number } = {}): HoldOut {
  if (!(fraction > 0 && fraction < 1)) throw new AnonymatError('invalid-usage', `the held-out fraction must be in (0, 1), got ${fraction}`);
  const key = o.personKey ? table.columns.find((c) => c.name === o.personKey) : undefined;
  const n = table.rowCount;
  // unit of each row: its person (a row without a key is its own unit) or itself
  let unitOf: Int32Array, units: number;
  if (key) ({ personOf: unitOf, persons: units } = personsOf(key));
  else { unitOf = Int32Array.from({ length: n }, (_, i) => i); units = n; }
  if (units < 2) throw new AnonymatError('invalid-input', `cannot hold out a control set from ${units} ${key ? 'person' : 'record'}(s)`);
  const order = seededRng((o.seed ?? 0) ^ 0x6a09e667).shuffle(Array.from({ length: units }, (_, i) => i));
  const held = new Uint8Array(units);
  const heldOut = Math.max(1, Math.min(units - 1, Math.round(units * fraction)));
  for (let j = 0; j < heldOut; j++) held[order[j]!] = 1;
  const rel: number[] = [], ctl: number[] = [];
  for (let i = 0; i < n; i++) (held[unitOf[i]!] ? ctl : rel).push(i);
  return { release: selectRows(table, rel), control: selectRows(table, ctl), heldOut, unit: key ? 'person' : 'record' };
}
