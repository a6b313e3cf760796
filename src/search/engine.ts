/**
 * From a table and an anonymization spec to a checker over the lattice: compiles the
 * hierarchies, maps rows to hierarchy rows, builds the models and the metric. The spec is plain
 * data (the policy layer fills it in); `runSearch` picks the strategy.
 */
import { AnonymatError } from '../errors.ts';
import type { Table } from '../table/table.ts';
import { codeOrderOf, column as getColumn, hasColumn } from '../table/table.ts';
import type { CompiledHierarchy, Hierarchy } from '../hierarchy/hierarchy.ts';
import { compileHierarchy } from '../hierarchy/hierarchy.ts';
import { makeLattice } from '../lattice/lattice.ts';
import type { Lattice } from '../lattice/lattice.ts';
import { Checker } from '../check/checker.ts';
import type { SensitiveInput } from '../check/checker.ts';
import type { PrivacyModel, TableModel } from '../models/models.ts';
import {
  deltaPresence, distinctLDiversity, entropyLDiversity, kAnonymity, kMap, maxAverageRisk,
  maxProsecutorRisk, personKAnonymity, recursiveCLDiversity, tCloseness,
} from '../models/models.ts';
import type { Metric, MetricName } from '../metrics/metrics.ts';
import { createMetric } from '../metrics/metrics.ts';
import type { SearchOptions, SearchResult, StrategyName } from './search.ts';
import { exhaustiveSearch, heuristicSearch, optimalSearch } from './search.ts';

/** A privacy model as data (what a policy says). */
export type ModelSpec =
  | { type: 'k-anonymity'; k: number }
  /** k distinct persons per class, `column` being the person key (event tables: several rows per person). */
  | { type: 'person-k-anonymity'; k: number; column: string }
  | { type: 'l-diversity'; column: string; l: number; variant?: 'distinct' | 'entropy' | 'recursive'; c?: number }
  | { type: 't-closeness'; column: string; t: number; distance?: 'equal' | 'ordered' | 'hierarchical'; hierarchy?: Hierarchy; order?: readonly string[] }
  | { type: 'delta-presence'; dMin: number; dMax: number }
  | { type: 'k-map'; k: number }
  | { type: 'max-risk'; risk: number }
  | { type: 'average-risk'; risk: number };

export interface EngineSpec {
  /** Quasi-identifiers in lattice order, each with its hierarchy. */
  readonly quasi: readonly { column: string; hierarchy: Hierarchy; weight?: number }[];
  readonly models: readonly ModelSpec[];
  /** Fraction of rows that may be suppressed (default 0). */
  readonly suppressionLimit?: number;
  readonly metric?: MetricName;
  /** Population table for δ-presence and k-map (same quasi-identifier columns). */
  readonly population?: Table;
  /** Suppressed rows are released masked, as one class that must meet the models too (CheckSetup.maskSuppressed). */
  readonly maskSuppressed?: boolean;
  /** Suppressed rows are removed from the release: suppressing every row is no solution (CheckSetup.removeSuppressed). */
  readonly removeSuppressed?: boolean;
  /** A check of the materialized release (CheckSetup.releaseCheck). */
  readonly releaseCheck?: (levels: Int32Array, rowSuppressed: Uint8Array, maxSuppressed: number) => string | Uint8Array | null;
}

export interface Engine {
  readonly table: Table;
  readonly spec: EngineSpec;
  readonly qi: readonly CompiledHierarchy[];
  readonly lattice: Lattice;
  readonly checker: Checker;
  readonly metric: Metric;
}

export function createEngine(table: Table, spec: EngineSpec): Engine {
  const issues: { path: string; message: string }[] = [];
  for (const q of spec.quasi) if (!hasColumn(table, q.column)) issues.push({ path: `columns.${q.column}`, message: `quasi-identifier ${q.column} is not a column of the data` });
  if (issues.length) throw new AnonymatError('invalid-policy', 'the policy names columns that are not in the data', issues);
  const qi = spec.quasi.map((q) => compileHierarchy(q.hierarchy, getColumn(table, q.column)));
  const ground = qi.map((ch, j) => {
    const col = getColumn(table, spec.quasi[j]!.column);
    const g = new Int32Array(table.rowCount);
    const map = ch.groundOfCode;
    for (let r = 0; r < table.rowCount; r++) g[r] = map[col.codes[r]!]!;
    return g;
  });
  // sensitive columns: the ones the models read, in order of first mention
  const sensitiveNames: string[] = [];
  for (const m of spec.models) if ('column' in m && !sensitiveNames.includes(m.column)) sensitiveNames.push(m.column);
  for (const s of sensitiveNames) {
    if (!hasColumn(table, s)) throw new AnonymatError('invalid-policy', `sensitive column ${s} is not a column of the data`, [{ path: `columns.${s}`, message: 'not in the data' }]);
  }
  const sensitive: SensitiveInput[] = sensitiveNames.map((name) => {
    const c = getColumn(table, name);
    return { name, codes: c.codes, cardinality: c.dictionary.length };
  });
  const models: PrivacyModel[] = [];
  const tableModels: TableModel[] = [];
  for (const m of spec.models) {
    switch (m.type) {
      case 'k-anonymity': models.push(kAnonymity(m.k)); break;
      case 'person-k-anonymity': models.push(personKAnonymity(m.k, sensitiveNames.indexOf(m.column), m.column)); break;
      case 'k-map': models.push(kMap(m.k)); break;
      case 'max-risk': models.push(maxProsecutorRisk(m.risk)); break;
      case 'average-risk': tableModels.push(maxAverageRisk(m.risk)); break;
      case 'delta-presence': models.push(deltaPresence(m.dMin, m.dMax)); break;
      case 'l-diversity': {
        const s = sensitiveNames.indexOf(m.column);
        const v = m.variant ?? 'distinct';
        models.push(v === 'distinct' ? distinctLDiversity(m.l, s, m.column)
          : v === 'entropy' ? entropyLDiversity(m.l, s, m.column)
          : recursiveCLDiversity(m.c ?? 1, m.l, s, m.column));
        break;
      }
      case 't-closeness': {
        const s = sensitiveNames.indexOf(m.column);
        const col = getColumn(table, m.column);
        const global = new Float64Array(col.dictionary.length);
        for (let r = 0; r < table.rowCount; r++) global[col.codes[r]!]!++;
        const d = m.distance ?? (col.kind === 'string' || col.kind === 'boolean' ? 'equal' : 'ordered');
        if (d === 'hierarchical') {
          if (!m.hierarchy) throw new AnonymatError('invalid-policy', `t-closeness with hierarchical distance on ${m.column} needs a hierarchy for that column`, [{ path: `columns.${m.column}.hierarchy`, message: 'add a hierarchy' }]);
          const ch = compileHierarchy(m.hierarchy, col);
          models.push(tCloseness(m.t, s, global, { kind: 'hierarchical', hierarchy: ch, groundOfCode: ch.groundOfCode }, m.column));
        } else models.push(tCloseness(m.t, s, global, { kind: d }, m.column, codeOrderOf(col.dictionary, m.order, m.column)));
        break;
      }
    }
  }
  let populationGround: Int32Array[] | undefined;
  if (models.some((m) => m.needsPopulation)) {
    const pop = spec.population;
    if (!pop) throw new AnonymatError('invalid-policy', 'δ-presence and k-map need a population table (policy: population)', [{ path: 'population', message: 'give the population file' }]);
    // (a missing value of the population goes where the data's missing values go: the hierarchy's empty row, else the
    // row compileHierarchy added for them; when the data has none, the population records with one are left out — they
    // match no class of the data below the top level)
    const kept = new Uint8Array(pop.rowCount).fill(1);
    const grounds = qi.map((ch, j) => {
      const name = spec.quasi[j]!.column;
      if (!hasColumn(pop, name)) throw new AnonymatError('invalid-policy', `the population table has no column ${name}`, [{ path: 'population', message: `add column ${name}` }]);
      const col = getColumn(pop, name);
      const h = spec.quasi[j]!.hierarchy;
      const index = new Map<string, number>();
      h.levels[0]!.forEach((v, i) => { if (!index.has(v)) index.set(v, i); });
      const missingRow = index.get('') ?? (ch.groundCount > h.levels[0]!.length ? h.levels[0]!.length : undefined);
      const g = new Int32Array(pop.rowCount);
      for (let r = 0; r < pop.rowCount; r++) {
        const label = col.dictionary[col.codes[r]!];
        if (label === null || label === undefined) { if (missingRow === undefined) kept[r] = 0; else g[r] = missingRow; continue; }
        const gi = index.get(label);
        if (gi === undefined) throw new AnonymatError('invalid-hierarchy', `population row ${r + 1}: value of column ${name} is not in its hierarchy`, [{ path: `population row ${r + 1}, column ${name}`, message: 'add the value to the hierarchy' }]);
        g[r] = gi;
      }
      return g;
    });
    let n = 0;
    for (let r = 0; r < pop.rowCount; r++) n += kept[r]!;
    populationGround = n === pop.rowCount ? grounds : grounds.map((g) => { const out = new Int32Array(n); for (let r = 0, o = 0; r < g.length; r++) if (kept[r]) out[o++] = g[r]!; return out; });
  }
  const groundCounts = qi.map((ch, j) => {
    const c = new Int32Array(ch.groundCount);
    const g = ground[j]!;
    for (let r = 0; r < g.length; r++) c[g[r]!]!++;
    return c;
  });
  const metric = createMetric(spec.metric ?? 'loss', { n: table.rowCount, qi, groundCounts, weights: spec.quasi.map((q) => q.weight ?? 1) });
  const lattice = makeLattice(qi.map((c) => c.height - 1));
  const checker = new Checker({
    qi, ground, sensitive, populationGround, models, tableModels,
    suppressionLimit: spec.suppressionLimit ?? 0, metric, maskSuppressed: spec.maskSuppressed === true, removeSuppressed: spec.removeSuppressed === true,
    ...(spec.releaseCheck ? { releaseCheck: spec.releaseCheck } : {}),
  }, lattice);
  return { table, spec, qi, lattice, checker, metric };
}

export interface RunOptions extends SearchOptions {
  strategy?: StrategyName;
  /** Lattices larger than this use the heuristic under 'auto' (default 100,000). */
  maxOptimalLattice?: number;
}

export function runSearch(engine: Engine, options: RunOptions = {}): SearchResult {
  const strategy = options.strategy ?? 'auto';
  const limit = options.maxOptimalLattice ?? 100_000;
  switch (strategy) {
    case 'exhaustive': return exhaustiveSearch(engine.checker, options);
    case 'optimal': return optimalSearch(engine.checker, options);
    case 'heuristic': return heuristicSearch(engine.checker, options);
    case 'auto': return engine.lattice.size <= limit ? optimalSearch(engine.checker, options) : heuristicSearch(engine.checker, options);
  }
}
