/**
 * Loading and querying policies. A policy says what each column is (its role), what the data must
 * satisfy (thresholds), and how to read and transform them. Paths inside a policy (hierarchies,
 * population tables) are relative to the policy file.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { AnonymatError, type Issue } from '../errors.ts';
import type { ColumnKind } from '../table/table.ts';
import type { ReadOptions } from '../io/read.ts';
import { explainIssues, policyErrorMap, policySchema, type ColumnPolicy, type PolicyDocument, type Role } from './schema.ts';

export type { ColumnPolicy, Role };

export interface Policy extends PolicyDocument {
  /** Folder of the policy file: relative paths inside the policy resolve from here. */
  readonly baseDir: string;
  /** Where the policy came from (file path or a label), for messages. */
  readonly source: string;
}

/** Reads and validates a policy file (YAML or JSON). */
export async function loadPolicy(path: string, options: { textOnly?: boolean } = {}): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new AnonymatError('invalid-policy', `${path}: cannot read the policy file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parsePolicyText(text, { baseDir: dirname(resolve(path)), source: path, json: extname(path).toLowerCase() === '.json', ...options });
}

/** Parses policy text (YAML is a superset of JSON; `json` only changes the error wording). */
export function parsePolicyText(text: string, o: { baseDir: string; source: string; json?: boolean; textOnly?: boolean }): Policy {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new AnonymatError('invalid-policy', `${o.source}: not valid ${o.json ? 'JSON' : 'YAML'}`,
      doc.errors.map((e) => ({
        path: `${o.source}:${e.linePos?.[0]?.line ?? '?'}:${e.linePos?.[0]?.col ?? '?'}`,
        message: e.message.split('\n')[0]!,
      })));
  }
  return parsePolicy(doc.toJS(), o);
}

/**
 * Validates a policy object, reporting every problem at once with its path. `textOnly`: a policy read for free text
 * alone (`anonymat redact`) may have no `columns`.
 */
export function parsePolicy(doc: unknown, o: { baseDir: string; source: string; textOnly?: boolean }): Policy {
  const input = o.textOnly && (doc === null || doc === undefined || (typeof doc === 'object' && !Array.isArray(doc) && !('columns' in doc))) ? { ...(doc ?? {}) as object, columns: {} } : doc;
  // (a typo inside a hierarchy builder is named at its path, not as the "Invalid input" of the union file | builder)
  const r = policySchema.safeParse(input ?? {}, { error: policyErrorMap, reportInput: true });
  if (!r.success) {
    const issues: Issue[] = explainIssues(r.error.issues).map((i) => ({
      path: i.path.length ? i.path.map(String).join('.') : '(policy)',
      message: i.message,
    }));
    throw new AnonymatError('invalid-policy', `${o.source}: ${issues.length} problem(s) in the policy; see docs/policy.md`, issues);
  }
  return Object.freeze({ ...r.data, baseDir: o.baseDir, source: o.source });
}

/** Names of the columns with a role, in policy order. */
/** The files a policy reads (hierarchy files, the population table), by their policy path: no output may overwrite them. */
export function policyFiles(policy: Policy): [string, string][] {
  const out: [string, string][] = [];
  for (const [n, c] of Object.entries(policy.columns)) if (typeof c.hierarchy === 'string') out.push([`columns.${n}.hierarchy`, resolvePolicyPath(policy, c.hierarchy)]);
  if (policy.population?.table) out.push(['population.table', resolvePolicyPath(policy, policy.population.table)]);
  return out;
}

/**
 * Reads and checks, on their own, the hierarchy files a run generalizes with (quasi-identifiers'; sensitive columns' too under
 * `thresholds.tDistance: hierarchical`): each exists, is ARX CSV, and each level is a function of the previous one — before
 * any data is read: `assess` measured, and passed, a policy whose hierarchy file `anonymize` could not open, and
 * `anonymize` said so only once the data were read. Their coverage of the data's values is checked on the data. Every
 * problem at once (invalid-hierarchy, exit 2).
 */
export async function checkHierarchyFiles(policy: Policy): Promise<void> {
  const { readArxHierarchy } = await import('../hierarchy/hierarchy.ts');
  const { validateHierarchy } = await import('../hierarchy/validate.ts');
  const hierarchical = policy.thresholds?.tDistance === 'hierarchical';
  const bad: string[] = [];
  const issues: Issue[] = [];
  for (const [name, c] of Object.entries(policy.columns)) {
    if (typeof c.hierarchy !== 'string' || !(c.role === 'quasi' || (c.role === 'sensitive' && hierarchical))) continue;
    const file = resolvePolicyPath(policy, c.hierarchy);
    let found: Issue[];
    try {
      found = validateHierarchy(await readArxHierarchy(file, name), { file });
    } catch (e) {
      if (!(e instanceof AnonymatError)) throw e;
      found = e.issues.length ? e.issues : [{ path: file, message: e.message }];
    }
    if (found.length) { bad.push(name); issues.push(...found); }
  }
  if (bad.length) {
    throw new AnonymatError('invalid-hierarchy', `${policy.source}: the hierarchy file of column${bad.length > 1 ? 's' : ''} ${bad.join(', ')} cannot be used`, issues);
  }
}

export function columnsWithRole(policy: Pick<Policy, 'columns'>, role: Role): string[] {
  return Object.entries(policy.columns).filter(([, c]) => c.role === role).map(([n]) => n);
}

export function quasiIdentifiers(policy: Pick<Policy, 'columns'>): string[] { return columnsWithRole(policy, 'quasi'); }
export function sensitiveColumns(policy: Pick<Policy, 'columns'>): string[] { return columnsWithRole(policy, 'sensitive'); }
export function personKey(policy: Pick<Policy, 'columns'>): string | null { return columnsWithRole(policy, 'person-key')[0] ?? null; }
export function weightColumn(policy: Pick<Policy, 'columns'>): string | null { return columnsWithRole(policy, 'weight')[0] ?? null; }

/** Resolves a path written in a policy (relative to the policy file). */
export function resolvePolicyPath(policy: Pick<Policy, 'baseDir'>, p: string): string {
  return isAbsolute(p) ? p : resolve(policy.baseDir, p);
}

/** Read options for the input, from the policy's `input` section and column types. */
export function readOptionsOf(policy: Pick<Policy, 'columns' | 'input'>, overrides: ReadOptions = {}): ReadOptions {
  const types: Record<string, ColumnKind> = {};
  for (const [n, c] of Object.entries(policy.columns)) if (c.type) types[n] = c.type;
  return { ...policy.input, types: { ...types, ...overrides.types }, ...stripUndefined({ ...overrides, types: undefined }) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
