/**
 * What the three Anonymeter-style attacks share: the tables (original = records in the release,
 * release, optional control = original records held out of the release), the attack space over
 * the compared columns, a seeded generator, and the tie-break priority of release rows.
 */
import type { Table } from '../table/table.ts';
import { AnonymatError } from '../errors.ts';
import { seededRng, type Rng } from '../util/rng.ts';
import { buildSpace, type HierarchyLike, type Space } from './space.ts';

export const ORIGINAL = 0;
export const RELEASE = 1;
export const CONTROL = 2;

export interface AttackInput {
  /** Original records that are in the release (the attacker's targets). */
  original: Table;
  /** The released table (possibly generalized). */
  release: Table;
  /** Original records from the same population that are NOT in the release. Strongly recommended. */
  control?: Table;
  /** Seed of every random choice (targets, queries, tie-breaks). Default 0. */
  seed?: number;
  /** Number of attacks (targets or queries). Default 2000; fewer when the tables are smaller. */
  attacks?: number;
  /** Confidence level of the intervals. Default 0.95. */
  confidence?: number;
  /** Hierarchies of the policy (labels → ground values) to read generalized categories. */
  hierarchies?: HierarchyLike[];
}

export const DEFAULT_ATTACKS = 2000;

export interface AttackContext {
  space: Space;
  /** Column names in the space, in order. */
  names: string[];
  hasControl: boolean;
  rng: Rng;
  nAttacks: number;
  confidence: number;
  warnings: string[];
  /** Seeded permutation rank of each release row (tie-break: smaller wins). */
  priority(): Int32Array;
}

/** Columns present in the original, the release (and the control when given). */
export function commonColumns(input: AttackInput): string[] {
  const inRelease = new Set(input.release.columns.map((c) => c.name));
  const inControl = input.control ? new Set(input.control.columns.map((c) => c.name)) : null;
  return input.original.columns.map((c) => c.name).filter((n) => inRelease.has(n) && (!inControl || inControl.has(n)));
}

export const NO_CONTROL_WARNING =
  'NO CONTROL SET: risks are measured against the random-guess baseline only, which overstates what the ' +
  'attacks learn about specific people versus the population (and cannot separate the two). Hold out original ' +
  'records from the release and pass them as the control set (--control) for a residual risk.';

export function makeContext(input: AttackInput, columns: string[], salt: number): AttackContext {
  for (const name of columns) {
    for (const [label, t] of [['original', input.original], ['release', input.release], ['control', input.control]] as const) {
      if (t && !t.columns.some((c) => c.name === name)) {
        throw new AnonymatError('invalid-usage', `column ${JSON.stringify(name)} is missing from the ${label} table`, [
          { path: `columns.${name}`, message: 'attack columns must exist in the original, the release and the control set' },
        ]);
      }
    }
  }
  if (input.original.rowCount === 0 || input.release.rowCount === 0) {
    throw new AnonymatError('invalid-input', 'the original and the release must both have rows to be attacked');
  }
  const tables = [
    { table: input.original, literal: true, label: 'original' },
    { table: input.release, literal: false, label: 'release' },
    ...(input.control ? [{ table: input.control, literal: true, label: 'control' }] : []),
  ];
  const space = buildSpace(tables, columns, input.hierarchies ?? []);
  const seed = ((input.seed ?? 0) >>> 0) ^ Math.imul(salt, 0x9e3779b1);
  const rng = seededRng(seed >>> 0);
  const hasControl = !!input.control && input.control.rowCount > 0;
  const warnings = [...space.warnings];
  if (!hasControl) warnings.push(NO_CONTROL_WARNING);
  let prio: Int32Array | null = null;
  return {
    space, names: columns, hasControl, rng, confidence: input.confidence ?? 0.95,
    nAttacks: Math.max(1, Math.floor(input.attacks ?? DEFAULT_ATTACKS)),
    warnings,
    priority() {
      if (prio) return prio;
      const n = input.release.rowCount;
      const perm = seededRng((seed ^ 0x5bd1e995) >>> 0).shuffle(Array.from({ length: n }, (_, i) => i));
      prio = new Int32Array(n);
      for (let i = 0; i < n; i++) prio[perm[i]!] = i;
      return prio;
    },
  };
}

/** k distinct rows of [0, n) drawn without replacement (partial Fisher–Yates), in draw order. */
export function sampleRows(rng: Rng, n: number, k: number): Int32Array {
  k = Math.min(k, n);
  if (k <= 8 && n > 64) {
    // small draws: rejection of repeats (no O(n) allocation)
    const out = new Int32Array(k);
    for (let i = 0; i < k; i++) {
      let x: number;
      do { x = rng.int(n); } while (out.subarray(0, i).includes(x));
      out[i] = x;
    }
    return out;
  }
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = a[i]!; a[i] = a[j]!; a[j] = t;
  }
  return a.slice(0, k);
}
