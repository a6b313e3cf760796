/**
 * The anonymize pipeline: policy → hierarchies → lattice search (or Mondrian / MDAV) →
 * generalized table, with the risk assessment before and after and the data of the report.
 *
 * Models from the policy's thresholds: k → k-anonymity; l (lVariant, c) → l-diversity of every
 * sensitive column; t (tDistance) → t-closeness of every sensitive column; maxProsecutorRisk →
 * highest-risk threshold; maxAverageRisk → average-risk threshold; deltaMin/deltaMax →
 * δ-presence and kMap → k-map (both with population.table). Other thresholds (journalist,
 * marketer, uniqueness) are not search constraints; they are checked on the result by the
 * assessment's verdict.
 */
import { AnonymatError } from '../errors.ts';
import type { Column, Table } from '../table/table.ts';
import { column as getColumn, columnFromCodes, hasColumn, makeTable, selectRows } from '../table/table.ts';
import { localCellSuppression, withLabel } from '../transform/local-cells.ts';
import type { Policy } from '../policy/policy.ts';
import { personKey, resolvePolicyPath } from '../policy/policy.ts';
import { aggregateByPerson, aggregatedLevels, personsOf } from '../risk/person.ts';
import { equivalenceClasses } from '../risk/classes.ts';
import type { Hierarchy } from '../hierarchy/hierarchy.ts';
import { compileHierarchy, readArxHierarchy } from '../hierarchy/hierarchy.ts';
import { validateHierarchy, checkCoverage } from '../hierarchy/validate.ts';
import { buildHierarchy } from '../hierarchy/builders/index.ts';
import type { Engine, EngineSpec, ModelSpec } from '../search/engine.ts';
import { createEngine, runSearch } from '../search/engine.ts';
import type { StrategyName } from '../search/search.ts';
import { levelsOf } from '../lattice/lattice.ts';
import type { MetricName } from '../metrics/metrics.ts';
import { generalizeTable } from '../transform/generalize.ts';
import { assessTable, classSizeOf, personColumnSpecs, sensitiveOrder, tDistanceOf } from '../risk/assess.ts';
import { ClassJudge, lBelow, sameValueCodes, tAbove } from '../risk/diversity.ts';
import type { PartHistogram } from '../transform/mondrian.ts';
import { readPopulationTable } from './population.ts';
import type { Assessment } from '../risk/assess.ts';
import type { Section } from './report.ts';

export type AnonymizeStrategy = StrategyName | 'mondrian' | 'mdav';

export interface AnonymizeOptions {
  strategy?: AnonymizeStrategy;
  maxOptimalLattice?: number;
  suppressionLimit?: number;
  metric?: MetricName;
  /** Hierarchies already resolved (else read/built from the policy). */
  hierarchies?: readonly Hierarchy[];
  /** Population table for δ-presence / k-map (else read from policy.population.table). */
  population?: Table;
  /** Compute the assessments before and after (default true). */
  assess?: boolean;
  onProgress?: (checked: number, size: number) => void;
}

export interface AnonymizeResult {
  /** The released table (null when nothing satisfies the policy). */
  table: Table | null;
  /** column → level (full-domain strategies), null otherwise. */
  transformation: Record<string, number> | null;
  strategy: Exclude<AnonymizeStrategy, 'auto'>;
  metric: MetricName | 'gcp' | 'mdav-sse';
  loss: number | null;
  lossPerAttribute: Record<string, number>;
  suppressed: number;
  suppressionLimit: number;
  suppressedMode: 'remove' | 'mask' | 'local';
  /** With suppressed: local — cells masked per quasi-identifier, records kept and removed. */
  localSuppression?: { cells: Record<string, number>; totalCells: number; recordsKept: number; recordsRemoved: number; order: string[] };
  /** Equivalence classes of the release (full-domain strategies and MDAV: the distinct quasi-identifier tuples of the rows written). */
  classes: number;
  /** MDAV only: the groups it formed — groups with equal means are one class of the release, so `classes` can be fewer. */
  groups?: number;
  optimal: boolean;
  checked: number;
  latticeSize: number;
  feasible: boolean;
  /** What stops the policy from being met (when infeasible), else []. */
  binding: string[];
  models: string[];
  before: Assessment | null;
  after: Assessment | null;
  verdict: { passes: boolean; failures: string[] };
  timings: { searchMs: number; totalMs: number };
  /** Free-text columns (text: true) redacted with the text recognizers before the release, and how. */
  textRedacted?: { columns: string[]; replacement: 'tag' | 'mask' | 'surrogate' };
}

/** The table with each of `columns` de-identified by the text recognizers (one pass per distinct value). */
async function redactFreeText(table: Table, columns: string[], replacement: 'tag' | 'mask' | 'surrogate', lang: 'fr' | 'en' | 'auto'): Promise<Table> {
  const { redactTexts } = await import('../text/index.ts');
  const { mapColumn } = await import('../pseudonymize/table.ts');
  return {
    rowCount: table.rowCount,
    columns: table.columns.map((c) => {
      if (!columns.includes(c.name)) return c;
      const texts = redactTexts(c.dictionary, { lang, replacement });
      return mapColumn(c, (_l, code) => texts[code] ?? null, 'string');
    }),
  };
}

/** Resolves every quasi-identifier's hierarchy (ARX file or builder), validated against the data. */
export async function resolveHierarchies(table: Table, policy: Policy, columns: readonly string[], population?: Table): Promise<Hierarchy[]> {
  const out: Hierarchy[] = [];
  for (const name of columns) {
    const cp = policy.columns[name]!;
    const col = getColumn(table, name);
    // (a built or default hierarchy covers the population's values too: δ-presence and k-map generalize its rows, whose
    // values the sample may lack)
    const extra = population && hasColumn(population, name) ? getColumn(population, name).dictionary.filter((v): v is string => v !== null && !col.dictionary.includes(v)) : [];
    let h: Hierarchy;
    let file: string | undefined;
    if (typeof cp.hierarchy === 'string') {
      file = resolvePolicyPath(policy, cp.hierarchy);
      h = await readArxHierarchy(file, name);
    } else if (cp.hierarchy && typeof cp.hierarchy === 'object') {
      const values = [...col.dictionary.filter((v): v is string => v !== null), ...extra];
      // (a builder's errors name the data rows of the values it cannot place, never the values)
      const firstRow = (): ((v: string) => number | undefined) => {
        const first = new Int32Array(col.dictionary.length).fill(-1);
        for (let r = col.codes.length - 1; r >= 0; r--) first[col.codes[r]!] = r;
        const byValue = new Map<string, number>();
        col.dictionary.forEach((v, c) => { if (v !== null && first[c]! >= 0) byValue.set(v, first[c]! + 1); });
        return (v) => byValue.get(v);
      };
      h = buildHierarchy(name, cp.hierarchy, values, col.kind, { firstRow: firstRow() });
    } else {
      // no hierarchy: the value or nothing (suppression of the attribute)
      const values = [...col.dictionary.filter((v): v is string => v !== null), ...extra];
      h = { column: name, levels: [values, values.map(() => '*')] };
    }
    const issues = [...validateHierarchy(h, { file }), ...checkCoverage(h, col)];
    if (issues.length) {
      throw new AnonymatError('invalid-hierarchy', `hierarchy of column ${name} is not valid (${issues.length} problem${issues.length > 1 ? 's' : ''}); each level must be a function of the previous one and cover every value of the data`, issues);
    }
    out.push(h);
  }
  return out;
}

/**
 * For `thresholds.tDistance: hierarchical`: each sensitive column's hierarchy as levels over the column's codes (per
 * level h, code → node), the `tLevels` assessTable reads. A column whose values the hierarchy does not cover in this
 * table is left out (the assessment then uses the equal or ordered distance and says so).
 */
export function sensitiveLevels(table: Table, hierarchies: ReadonlyMap<string, Hierarchy>): Map<string, Int32Array[]> {
  const out = new Map<string, Int32Array[]>();
  for (const [name, h] of hierarchies) {
    if (!hasColumn(table, name)) continue;
    let ch: ReturnType<typeof compileHierarchy>;
    try { ch = compileHierarchy(h, getColumn(table, name)); } catch { continue; }
    out.set(name, ch.levelOfGround.map((lv) => Int32Array.from(ch.groundOfCode, (g) => lv[g]!)));
  }
  return out;
}

/** The sensitive columns' hierarchies when the policy asks for the hierarchical t-closeness distance. */
export async function sensitiveHierarchiesOf(table: Table, policy: Policy): Promise<Map<string, Hierarchy>> {
  const out = new Map<string, Hierarchy>();
  if (policy.thresholds?.tDistance !== 'hierarchical') return out;
  for (const [n, c] of Object.entries(policy.columns)) {
    if (c.role === 'sensitive' && c.hierarchy !== undefined && hasColumn(table, n)) out.set(n, (await resolveHierarchies(table, policy, [n]))[0]!);
  }
  return out;
}

/** The privacy models a policy asks for, as engine specs. */
export function modelsOf(policy: Policy, sensitiveHierarchies: Map<string, Hierarchy> = new Map()): ModelSpec[] {
  const t = policy.thresholds ?? {};
  const sensitive = Object.entries(policy.columns).filter(([, c]) => c.role === 'sensitive').map(([n]) => n);
  const models: ModelSpec[] = [];
  if (t.k !== undefined && t.k > 1) models.push({ type: 'k-anonymity', k: t.k });
  if (t.l !== undefined && t.l > 1) for (const s of sensitive) models.push({ type: 'l-diversity', column: s, l: t.l, variant: t.lVariant ?? 'distinct', c: t.c });
  if (t.t !== undefined) {
    for (const s of sensitive) {
      const cp = policy.columns[s]!;
      const distance = t.tDistance ?? (cp.ordered || cp.order ? 'ordered' : undefined);
      models.push({ type: 't-closeness', column: s, t: t.t, distance, hierarchy: sensitiveHierarchies.get(s), ...(cp.order ? { order: cp.order } : {}) });
    }
  }
  if (t.maxProsecutorRisk !== undefined) models.push({ type: 'max-risk', risk: t.maxProsecutorRisk });
  if (t.maxAverageRisk !== undefined) models.push({ type: 'average-risk', risk: t.maxAverageRisk });
  if (t.deltaMin !== undefined || t.deltaMax !== undefined) models.push({ type: 'delta-presence', dMin: t.deltaMin ?? 0, dMax: t.deltaMax ?? 1 });
  if (t.kMap !== undefined) models.push({ type: 'k-map', k: t.kMap });
  return models;
}

/**
 * The policy's person key when the table has several rows for some person (an event table): k then counts persons, and
 * the release is assessed with the key still in (it leaves the release after). Null otherwise.
 */
function eventPersonKey(table: Table, policy: Policy): string | null {
  const key = personKey(policy);
  return key !== null && hasColumn(table, key) && severalRowsPerPerson(getColumn(table, key)) ? key : null;
}
/** The table without one column. */
function withoutColumn(t: Table, name: string): Table { return { rowCount: t.rowCount, columns: t.columns.filter((c) => c.name !== name) }; }

/**
 * The persons of the released table `out` (the table's rows not in `rowSuppressed`, in order) whose aggregated
 * quasi-identifiers, as the verdict aggregates them, are shared by fewer than k persons (k, or 1/maxProsecutorRisk rounded
 * up): their count, and `rowSuppressed` plus every row of theirs with its count of ones; null when there is none.
 */
function personsBelowK(table: Table, rowSuppressed: Uint8Array, key: string, policy: Policy, quasi: readonly string[], out: Table): { k: number; persons: number; rows: Uint8Array; count: number } | null {
  const t = policy.thresholds ?? {};
  const k = classSizeOf(t);
  if (k <= 1) return null;
  const p = aggregateByPerson(out, key, personColumnSpecs(policy, quasi, []));
  const classes = equivalenceClasses(p.table, quasi);
  let persons = 0;
  for (let q = 0; q < p.persons; q++) if (classes.sizes[classes.classOf[q]!]! < k) persons++;
  if (persons === 0) return null;
  const personOf = p.personOf;
  const rows = rowSuppressed.slice();
  // out's rows are the table's unsuppressed rows, in order
  for (let r = 0, o = 0; r < table.rowCount; r++) {
    if (rowSuppressed[r]) continue;
    if (classes.sizes[classes.classOf[personOf[o]!]!]! < k) rows[r] = 1;
    o++;
  }
  return { k, persons, rows, count: countOnes(rows) };
}

/** The population without the records that have a missing value in a quasi-identifier the data never leaves missing. */
function withoutUnmatchedMissing(population: Table, data: Table, quasi: readonly string[]): Table {
  const checks = quasi.filter((q) => hasColumn(population, q)).map((q) => {
    const d = getColumn(data, q);
    let dataMissing = false;
    for (let r = 0; r < d.codes.length && !dataMissing; r++) if (d.codes[r] === d.missing) dataMissing = true;
    return dataMissing ? null : getColumn(population, q);
  }).filter((c): c is Column => c !== null && c.missing >= 0);
  if (checks.length === 0) return population;
  const keep: number[] = [];
  for (let r = 0; r < population.rowCount; r++) if (checks.every((c) => c.codes[r] !== c.missing)) keep.push(r);
  return keep.length === population.rowCount ? population : selectRows(population, keep);
}

/**
 * The rows of every person who has a row in `rows` (a person's records masked together: masked in one row and not in
 * another, a person's quasi-identifiers would vary, and the masked row would tell which value it hid). Rows without a
 * person key stand alone.
 */
function wholePersonRows(table: Table, key: string, rows: Uint8Array): { rows: Uint8Array; count: number } {
  const col = getColumn(table, key);
  const nullCode = col.dictionary.indexOf(null);
  const marked = new Uint8Array(Math.max(1, col.dictionary.length));
  for (let r = 0; r < table.rowCount; r++) if (rows[r] && col.codes[r] !== nullCode) marked[col.codes[r]!] = 1;
  const out = rows.slice();
  for (let r = 0; r < table.rowCount; r++) if (marked[col.codes[r]!] && col.codes[r] !== nullCode) out[r] = 1;
  return { rows: out, count: countOnes(out) };
}

/**
 * Local cell suppression at person level (event tables, `suppressed: local`, a person key): the generalized rows are
 * aggregated per person as the verdict aggregates them; the persons in a person-level class below k (or not
 * distinct-l-diverse) are flagged — the rows the transformation's record classes would suppress are not what the verdict
 * judges; the fewest of their person-level cells are
 * masked (localCellSuppression, counting persons), and each masked cell is masked in every row of its person — so each
 * person aggregates to the value the person-level pass judged — and the persons still violating are removed whole.
 * Counts are of rows; `flaggedRows` marks the rows of the flagged persons (the records the suppression limit bounds and the
 * loss counts as suppressed, as it counts the flagged records of a local suppression without a person key).
 */
function personLocalCells(
  gen: Table, key: string, quasi: readonly string[], sensitive: readonly string[], policy: Policy, k: number, l: number | undefined,
): { out: Table; local: NonNullable<AnonymizeResult['localSuppression']>; flaggedRows: Uint8Array } {
  const agg = aggregateByPerson(gen, key, personColumnSpecs(policy, quasi, sensitive));
  const P = agg.table.rowCount, personOf = agg.personOf;
  // (the persons of person-level classes that fail, all of them: a person whose rows the transformation suppresses but
  // whose class at person level holds k persons is left as it is — masking them would leave their class below k)
  const flagged = new Uint8Array(P);
  const classes = equivalenceClasses(agg.table, [...quasi]);
  const bad = new Uint8Array(classes.count);
  for (let c = 0; c < classes.count; c++) if (classes.sizes[c]! < k) bad[c] = 1;
  if (l !== undefined && l > 1) {
    for (const name of sensitive) {
      const col = getColumn(agg.table, name);
      const seen = new Set<number>();
      const distinct = new Int32Array(classes.count);
      for (let q = 0; q < P; q++) { const c = classes.classOf[q]!, key2 = c * col.dictionary.length + col.codes[q]!; if (!seen.has(key2)) { seen.add(key2); distinct[c]!++; } }
      for (let c = 0; c < classes.count; c++) if (distinct[c]! < l) bad[c] = 1;
    }
  }
  for (let q = 0; q < P; q++) if (bad[classes.classOf[q]!]) flagged[q] = 1;
  const lc = localCellSuppression(agg.table, [...quasi], flagged, { k, l, sensitive: [...sensitive] });
  // the person-level cells masked, per quasi-identifier; the persons removed
  const removed = new Uint8Array(P).fill(1);
  for (const q of lc.kept) removed[q] = 0;
  const masked = quasi.map((name) => {
    const before = getColumn(agg.table, name), after = getColumn(lc.table, name);
    const m = new Uint8Array(P);
    for (let i = 0; i < lc.kept.length; i++) {
      const q = lc.kept[i]!;
      if (after.dictionary[after.codes[i]!] === '*' && before.dictionary[before.codes[q]!] !== '*') m[q] = 1;
    }
    return m;
  });
  // the rows: a person's masked cells in every row, a removed person's rows left out
  const keptRows: number[] = [];
  const flaggedRows = new Uint8Array(gen.rowCount);
  let keptFlaggedRows = 0, removedRows = 0;
  for (let r = 0; r < gen.rowCount; r++) {
    const q = personOf[r]!;
    flaggedRows[r] = flagged[q]!;
    if (removed[q]) { removedRows++; continue; }
    if (flagged[q]) keptFlaggedRows++;
    keptRows.push(r);
  }
  const cells: Record<string, number> = {};
  const columns = gen.columns.map((c) => {
    const j = quasi.indexOf(c.name);
    let col = c;
    if (j >= 0 && masked[j]!.some((x) => x === 1)) {
      const { column, code } = withLabel(c, '*');
      const codes = Int32Array.from(column.codes);
      let n = 0;
      for (let r = 0; r < codes.length; r++) if (masked[j]![personOf[r]!] && !removed[personOf[r]!]) { codes[r] = code; n++; }
      col = columnFromCodes(c.name, column.kind, codes, [...column.dictionary]);
      cells[c.name] = n;
    } else if (j >= 0) cells[c.name] = 0;
    if (removedRows === 0) return col;
    const codes = new Int32Array(keptRows.length);
    for (let i = 0; i < keptRows.length; i++) codes[i] = col.codes[keptRows[i]!]!;
    return columnFromCodes(col.name, col.kind, codes, [...col.dictionary]);
  });
  return {
    out: makeTable(columns), flaggedRows,
    local: { cells, totalCells: Object.values(cells).reduce((a, b) => a + b, 0), recordsKept: keptFlaggedRows, recordsRemoved: removedRows, order: lc.order },
  };
}

/**
 * Per sensitive column, each row's person's value as the verdict aggregates it (the policy's `aggregate`, else the set of
 * the person's values) as a code, and the number of codes: what a part's l-diversity counts at person level.
 */
interface UnitCodes { codes: Int32Array; cardinality: number; kind: Column['kind']; recoded: boolean }
function personSensitiveCodes(table: Table, key: string, sensitive: readonly string[], policy: Policy): Record<string, UnitCodes> {
  const p = aggregateByPerson(table, key, personColumnSpecs(policy, [], sensitive));
  const personOf = p.personOf;
  const out: Record<string, UnitCodes> = {};
  sensitive.forEach((name, j) => {
    const col = p.table.columns[j]!;
    const codes = new Int32Array(table.rowCount);
    for (let r = 0; r < codes.length; r++) codes[r] = col.codes[personOf[r]!]!;
    // (a set aggregation codes the sets anew; the other aggregations keep the column's codes)
    out[name] = { codes, cardinality: col.dictionary.length, kind: col.kind, recoded: col.dictionary !== getColumn(table, name).dictionary };
  });
  return out;
}

/**
 * Mondrian's test of a part for the policy's entropy or recursive l-diversity and t-closeness, judged as the verdict will
 * judge the release (risk/diversity's ClassJudge, the verdict's comparisons and ground distance), over the units the verdict
 * counts (`units`: each column's code per row, each person's rows counted once); undefined when the policy asks for
 * neither (distinct l is Mondrian's own check).
 */
function mondrianPartTest(
  table: Table, policy: Policy, sensitive: readonly string[], units: Record<string, UnitCodes>,
  personKeyName: string | null, levels: ReadonlyMap<string, readonly Int32Array[]>,
): ((histograms: readonly PartHistogram[]) => boolean) | undefined {
  const t = policy.thresholds ?? {};
  const variant = t.lVariant ?? 'distinct';
  const lTest = t.l !== undefined && variant !== 'distinct';
  // (persons aggregated as sets: a value every person of a part holds is disclosed — the verdict's homogeneity check)
  const setTest = t.l !== undefined && t.l > 1 && sensitive.some((n) => units[n]!.recoded);
  if (!lTest && !setTest && t.t === undefined) return undefined;
  // (each unit once: a person's first row)
  const first = new Uint8Array(table.rowCount).fill(1);
  if (personKeyName) {
    const pk = getColumn(table, personKeyName);
    const seen = new Uint8Array(pk.dictionary.length);
    for (let r = 0; r < table.rowCount; r++) { const p = pk.codes[r]!; if (p === pk.missing) continue; if (seen[p]) first[r] = 0; else seen[p] = 1; }
  }
  const judges = sensitive.map((name) => {
    const u = units[name]!;
    const overall = new Float64Array(Math.max(1, u.cardinality));
    for (let r = 0; r < table.rowCount; r++) if (first[r]) overall[u.codes[r]!]!++;
    let lv = levels.get(name);
    // (the verdict's levels of a column aggregated per person as a set: risk/person's aggregatedLevels, as assessTable does)
    if (lv && u.recoded) { const rowCol = getColumn(table, name); lv = aggregatedLevels(lv, rowCol.codes, u.codes, u.cardinality, rowCol.missing); }
    const { ordered, codeOrder } = sensitiveOrder(name, policy.columns[name]!, u.kind, u.recoded ? null : getColumn(table, name).dictionary);
    const { tDistance } = tDistanceOf(name, ordered, t.tDistance, lv);
    return new ClassJudge(overall, u.cardinality, { c: t.c ?? 2, tDistance, ...(tDistance === 'hierarchical' ? { levels: lv! } : {}), ...(codeOrder ? { codeOrder } : {}) });
  });
  const ranks = new Int32Array(Math.max(1, ...sensitive.map((n) => units[n]!.cardinality)));
  // each set code's values (the row column's codes), for the homogeneity of a part
  const members = sensitive.map((name) => {
    const u = units[name]!;
    if (!setTest || !u.recoded) return null;
    const rowCol = getColumn(table, name);
    const sets: Set<number>[] = Array.from({ length: u.cardinality }, () => new Set<number>());
    for (let r = 0; r < table.rowCount; r++) if (rowCol.codes[r] !== rowCol.missing) sets[u.codes[r]!]!.add(rowCol.codes[r]!);
    return { lists: sets.map((x) => Int32Array.from(x)), count: new Int32Array(Math.max(1, rowCol.dictionary.length)) };
  });
  return (histograms) => {
    for (let j = 0; j < judges.length; j++) {
      const h = histograms[j]!, judge = judges[j]!;
      const m = members[j];
      if (m) {
        let persons = 0, shared = false;
        for (let q = 0; q < h.distinct; q++) { persons += h.counts[q]!; for (const e of m.lists[h.codes[q]!]!) m.count[e]! += h.counts[q]!; }
        for (let q = 0; q < h.distinct; q++) for (const e of m.lists[h.codes[q]!]!) { if (m.count[e] === persons && persons > 1) shared = true; m.count[e] = 0; }
        if (shared) return false;
      }
      for (let q = 0; q < h.distinct; q++) ranks[q] = judge.rank[h.codes[q]!]!;
      const f = judge.measure(ranks, h.counts, 0, h.distinct);
      if (lTest && lBelow(variant, variant === 'entropy' ? f.entropyL : f.recursiveL, t.l!)) return false;
      if (t.t !== undefined && tAbove(f.t, t.t)) return false;
    }
    return true;
  };
}

function countOnes(a: Uint8Array): number { let n = 0; for (let i = 0; i < a.length; i++) n += a[i]!; return n; }
function sameMask(a: Uint8Array, b: Uint8Array): boolean { for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false; return true; }

/** Whether some person (a non-missing key value) has more than one row. */
function severalRowsPerPerson(key: Column): boolean {
  // personsOf counts every row without a key as a person of its own: fewer persons than rows means repeats
  return personsOf(key).persons < key.codes.length;
}

function failureTexts(a: Assessment | null): string[] {
  return a ? a.verdict.failures.map((f) => f.message) : [];
}

/**
 * Anonymizes a table under a policy. Expected outcomes are results: when nothing satisfies the
 * policy, `feasible` is false, `table` is null and `binding` says why.
 */
export async function anonymize(input: Table, policy: Policy, options: AnonymizeOptions = {}): Promise<AnonymizeResult> {
  const t0 = performance.now();
  let table = input;
  const a = policy.anonymize ?? {};
  const strategy = options.strategy ?? (a.strategy as AnonymizeStrategy | undefined) ?? 'auto';
  const suppressionLimit = options.suppressionLimit ?? a.suppressionLimit ?? 0;
  const suppressedMode: 'remove' | 'mask' | 'local' = a.suppressed === 'mask' ? 'mask' : a.suppressed === 'local' ? 'local' : 'remove';
  const metricName = options.metric ?? (a.metric as MetricName | undefined) ?? 'loss';
  const quasi = Object.entries(policy.columns).filter(([, c]) => c.role === 'quasi').map(([n]) => n);
  const drop = Object.entries(policy.columns).filter(([, c]) => c.role === 'identifier' || c.role === 'person-key').map(([n]) => n).filter((n) => hasColumn(table, n));
  const doAssess = options.assess ?? true;
  const issues = [...quasi, ...Object.entries(policy.columns).filter(([, c]) => c.role === 'sensitive').map(([n]) => n)]
    .filter((n) => !hasColumn(table, n)).map((n) => ({ path: `columns.${n}`, message: `column ${n} is not in the data` }));
  if (issues.length) throw new AnonymatError('invalid-policy', 'the policy names columns that are not in the data', issues);
  if (quasi.length === 0) throw new AnonymatError('invalid-policy', 'anonymize needs at least one quasi-identifier (a column with role: quasi)', [{ path: 'columns', message: 'give the quasi-identifiers role quasi' }]);
  // free text never leaves as written: columns with text: true are redacted first, as pseudonymize
  // does (its textReplacement; a keyed pseudonym needs pseudonymize's key, so tags then)
  const freeText = Object.entries(policy.columns).filter(([n, c]) => c.text === true && !drop.includes(n) && hasColumn(table, n)).map(([n]) => n);
  let textRedacted: AnonymizeResult['textRedacted'];
  if (freeText.length) {
    const asked = policy.pseudonymize?.textReplacement;
    const replacement = asked === 'mask' || asked === 'surrogate' ? asked : 'tag';
    table = await redactFreeText(table, freeText, replacement, policy.pseudonymize?.lang ?? 'auto');
    textRedacted = { columns: freeText, replacement };
  }
  // SUDA2 only when the policy asks for it (risk.suda2MaxSize), and no leave-one-out
  // contributions: together they cost more than the search itself (10× the rest of the
  // assessment on a million rows); `anonymat assess` gives them.
  let population = options.population;
  if (!population && policy.population?.table) {
    // (in the sample's types, as assess reads it: src/release/population.ts)
    population = await readPopulationTable(policy, table);
  }
  // (a population record with a missing value where the data has none matches no class of the data below the top level,
  // and the search has no place for it: it is left out for the search and the verdict alike — counted, it made the
  // verdict's top-level class larger than the search's, which refused its own release)
  if (population) population = withoutUnmatchedMissing(population, table, quasi);
  const sensitiveHierarchies = await sensitiveHierarchiesOf(table, policy);
  const assessOptions = { suda2MaxSize: policy.risk?.suda2MaxSize ?? 0, skipContributions: true, populationTable: population };
  // the release no longer has the dropped columns (identifiers, the person key): assess it without them
  const releasePolicy: Policy = { ...policy, columns: Object.fromEntries(Object.entries(policy.columns).filter(([n]) => !drop.includes(n))) };
  const before = doAssess ? assessTable(table, policy, { ...assessOptions, tLevels: sensitiveLevels(table, sensitiveHierarchies) }) : null;

  if (strategy === 'mondrian' || strategy === 'mdav') {
    // (their partitions' labels, ranges and sets, are no population values: k-map and δ-presence cannot be judged)
    const t = policy.thresholds ?? {};
    if (t.kMap !== undefined || t.deltaMin !== undefined || t.deltaMax !== undefined) {
      throw new AnonymatError('invalid-policy', `strategy ${strategy} cannot guarantee k-map or δ-presence: its ranges and sets match no population value`, [{ path: 'anonymize.strategy', message: 'use optimal or heuristic with kMap, deltaMin or deltaMax' }]);
    }
    return { ...(await localRecoding(table, policy, strategy, quasi, drop, before, t0, doAssess, assessOptions, sensitiveHierarchies)), ...(textRedacted ? { textRedacted } : {}) };
  }

  const models = modelsOf(policy, sensitiveHierarchies);
  // event tables (several rows per person): k counts distinct persons per class, not rows
  const byPerson = eventPersonKey(table, policy);
  const k = policy.thresholds?.k;
  if (byPerson !== null && k !== undefined && k > 1) models.push({ type: 'person-k-anonymity', k, column: byPerson });
  if (models.length === 0) {
    // (k: 1 and l: 1 hold for any table: they protect nothing)
    const trivial = Object.entries(policy.thresholds ?? {}).filter(([n, v]) => (n === 'k' || n === 'l') && v === 1).map(([n]) => n);
    throw new AnonymatError('invalid-policy', trivial.length
      ? `anonymize needs a privacy threshold, and ${trivial.map((n) => `${n}: 1`).join(' and ')} ${trivial.length > 1 ? 'hold' : 'holds'} for any table: set thresholds.k to 2 or more (and l, t, … as needed)`
      : 'anonymize needs a privacy threshold: set thresholds.k (and l, t, … as needed)', [{ path: 'thresholds', message: 'e.g. thresholds: { k: 5 }' }]);
  }
  const hierarchies = options.hierarchies ?? await resolveHierarchies(table, policy, quasi, population);
  const populationModels = models.some((m) => m.type === 'delta-presence' || m.type === 'k-map');
  if (!population && populationModels) {
    throw new AnonymatError('invalid-policy', 'δ-presence and k-map need population.table', [{ path: 'population.table', message: 'give the population file' }]);
  }
  // (a cell masked locally may stand for any value: how many population records a partly masked class matches depends on
  // the cells masked, which local suppression does not choose for k-map or δ-presence — remove or mask mode keeps them)
  if (suppressedMode === 'local' && populationModels) {
    throw new AnonymatError('invalid-policy', 'local cell suppression (anonymize.suppressed: local) cannot guarantee k-map or δ-presence: a masked cell matches every population value of its column', [{ path: 'anonymize.suppressed', message: 'use remove or mask with kMap, deltaMin or deltaMax' }]);
  }
  // (the release is assessed with its person key still in, so that k counts persons as the search did; the key leaves after)
  const dropNow = byPerson ? drop.filter((n) => n !== byPerson) : drop;
  const afterPolicy: Policy = byPerson ? { ...releasePolicy, columns: { ...releasePolicy.columns, [byPerson]: policy.columns[byPerson]! } } : releasePolicy;
  const localCells = suppressedMode === 'local' ? localCellSuppression : null;
  // (local suppression forms its classes for k and distinct l: the thresholds it reads, once, not per transformation)
  const thresholds = policy.thresholds ?? {};
  const sensitiveColumns = Object.entries(policy.columns).filter(([, c]) => c.role === 'sensitive').map(([n]) => n);
  const distinctL = thresholds.l !== undefined && (thresholds.lVariant ?? 'distinct') === 'distinct' ? Math.ceil(thresholds.l) : undefined;
  const localClassSize = classSizeOf(thresholds);
  // (the other variants of l and t-closeness, which it does not aim at, judged on each release by the verdict)
  const localJudged = localCells !== null && ((thresholds.l !== undefined && distinctL === undefined) || thresholds.t !== undefined);
  const popHierarchies = population && doAssess
    ? quasi.map((column, j) => compileHierarchy(hierarchies[j]!, getColumn(population!, column), { source: `population, column ${column}` })) : null;
  let compiled: Engine['qi'] = [];
  interface Release { out: Table; local?: AnonymizeResult['localSuppression']; after: Assessment | null; flaggedRows?: Uint8Array }
  /** The release of a transformation: its levels, the rows the models suppress. */
  const materialize = (levels: ArrayLike<number>, rowSuppressed: Uint8Array): Omit<Release, 'after'> => {
    const specs = quasi.map((column, j) => ({ column, hierarchy: compiled[j]!, level: levels[j]! }));
    if (!localCells) return { out: generalizeTable(table, specs, { suppressed: rowSuppressed, mode: suppressedMode === 'mask' ? 'mask' : 'remove', drop: dropNow }) };
    // keep the records the transformation would suppress, masking the fewest of their cells
    if (byPerson) {
      // (k persons per class, as the verdict counts them: the cells are masked per person)
      return personLocalCells(generalizeTable(table, specs, { drop: dropNow }), byPerson, quasi, sensitiveColumns, policy, localClassSize, distinctL);
    }
    // (k, or the class size a highest prosecutor risk asks for: masked with k = 1, a lone record stayed alone)
    const r = localCells(generalizeTable(table, specs, { drop: dropNow }), quasi, rowSuppressed, { k: localClassSize, l: distinctL, sensitive: sensitiveColumns });
    return { out: r.table, local: { cells: r.cells, totalCells: r.totalCells, recordsKept: r.recordsKept, recordsRemoved: r.recordsRemoved, order: r.order } };
  };
  /** A materialized release with its assessment (the population, when there is one, generalized the same way, so that classes match). */
  const assessed = (levels: ArrayLike<number>, built: Omit<Release, 'after'>): Release => {
    if (!doAssess) return { ...built, after: null };
    const popAfter = popHierarchies ? generalizeTable(population!, quasi.map((column, j) => ({ column, hierarchy: popHierarchies[j]!, level: levels[j]! }))) : population;
    return { ...built, after: assessTable(built.out, afterPolicy, { ...assessOptions, populationTable: popAfter, tLevels: sensitiveLevels(built.out, sensitiveHierarchies) }) };
  };
  // event tables: the search counts k persons per class of rows, but a person whose rows fall in different classes is
  // judged at person level by the verdict (rows aggregated per person): each transformation the search would accept is
  // materialized and assessed as the verdict will assess it, so the search returns only a release its verdict accepts
  // (with a suppression limit, the persons alone at person level may be removed whole, within the limit)
  let lastRelease = null as { key: string; release: Release } | null;
  // (without the assessment — the service assesses the release itself — the person-level k of remove and local modes is
  // still the search's: a release whose persons are alone is never returned; mask mode still masks whole persons)
  const releaseCheck = byPerson !== null ? (levels: Int32Array, rowSuppressed: Uint8Array, maxSuppressed: number): string | Uint8Array | null => {
    let rows = rowSuppressed;
    // (mask mode: a person's records are masked together, the whole person within the limit)
    if (suppressedMode === 'mask' && countOnes(rows) > 0) {
      const whole = wholePersonRows(table, byPerson, rows);
      if (whole.count > maxSuppressed) return `masking at person level (${byPerson}): the persons with a masked record hold ${whole.count} record(s), above the suppression limit of ${maxSuppressed}`;
      rows = whole.rows;
    }
    let built = materialize(levels, rows);
    if (suppressedMode === 'remove') {
      // (the persons alone at person level first, on the released rows: a cheap test that refuses most transformations
      // before the whole assessment, and the persons to remove when they fit in the limit)
      const below = personsBelowK(table, rowSuppressed, byPerson, afterPolicy, quasi, built.out);
      if (below !== null) {
        if (below.count > maxSuppressed) return `k at person level (${byPerson}): ${below.persons} person(s) in classes smaller than ${below.k}, whose ${below.count - countOnes(rowSuppressed)} more record(s) exceed the suppression limit`;
        rows = below.rows;
        built = materialize(levels, rows);
      }
    }
    // (local suppression at person level touches the rows of every person it flags: the limit bounds them, the loss counts them)
    if (built.flaggedRows !== undefined) {
      const flaggedCount = countOnes(built.flaggedRows);
      if (flaggedCount > maxSuppressed) return `local suppression at person level (${byPerson}): the persons in classes smaller than k hold ${flaggedCount} record(s), above the suppression limit of ${maxSuppressed}`;
      if (!sameMask(built.flaggedRows, rowSuppressed)) rows = built.flaggedRows;
    }
    const release = assessed(levels, built);
    lastRelease = { key: levels.join(','), release };
    if (release.after !== null && !release.after.verdict.passes) return `the release verdict at person level (${byPerson}): ${release.after!.verdict.failures.map((f) => f.message).join('; ')}`;
    return rows === rowSuppressed ? null : rows;
  } : localJudged && doAssess ? (levels: Int32Array, rowSuppressed: Uint8Array): string | null => {
    // (local suppression forms classes of the records it keeps with masked cells for k and distinct l only: entropy and
    // recursive l and t-closeness are judged on the release, as the verdict judges them)
    const release = assessed(levels, materialize(levels, rowSuppressed));
    lastRelease = { key: levels.join(','), release };
    return release.after !== null && !release.after.verdict.passes ? `the release verdict after local suppression: ${release.after.verdict.failures.map((f) => f.message).join('; ')}` : null;
  } : undefined;
  const spec: EngineSpec = {
    quasi: quasi.map((column, j) => ({ column, hierarchy: hierarchies[j]!, weight: policy.columns[column]!.weight })),
    models, suppressionLimit, metric: metricName, population, maskSuppressed: suppressedMode === 'mask', removeSuppressed: suppressedMode === 'remove', ...(releaseCheck ? { releaseCheck } : {}),
  };
  // (the search judges a sensitive value's spellings as one value, as the verdict after it does — assessTable: "Hépatite C"
  // in four spellings is no 4-diverse class; the release written keeps the values as they were read)
  const sensitiveNames = new Set(Object.entries(policy.columns).filter(([, c]) => c.role === 'sensitive').map(([n]) => n));
  const engine = createEngine(sensitiveNames.size ? makeTable(table.columns.map((c) => (sensitiveNames.has(c.name) ? sameValueCodes(c) : c))) : table, spec);
  compiled = engine.qi;
  const ts = performance.now();
  const search = runSearch(engine, {
    strategy: strategy as StrategyName, maxOptimalLattice: options.maxOptimalLattice ?? a.maxOptimalLattice, onProgress: options.onProgress,
  });
  const searchMs = performance.now() - ts;
  const modelNames = [...engine.checker.setup.models.map((m) => m.name), ...engine.checker.setup.tableModels.map((m) => m.name)];
  const base = {
    strategy: search.strategy, metric: metricName, suppressionLimit, suppressedMode,
    optimal: search.optimal, checked: search.checked, latticeSize: search.latticeSize, models: modelNames, before,
  } as const;
  if (!search.best) {
    // why: look at the most general transformation
    const top = engine.checker.check(engine.lattice.size - 1);
    const binding: string[] = [];
    const models = engine.checker.setup.models;
    const order = models.map((m, i) => ({ name: m.name, rows: top.rejectedBy[i]! })).filter((x) => x.rows > 0).sort((x, y) => y.rows - x.rows);
    for (const o of order) binding.push(`${o.name}: even the most general transformation suppresses ${o.rows} of ${table.rowCount} records for it (limit ${engine.checker.maxSuppressed})`);
    for (const f of top.tableFailures) binding.push(`${f}: fails even at the most general transformation`);
    if (binding.length === 0 && search.strategy === 'heuristic') binding.push('the heuristic search found no feasible transformation; try strategy: optimal with a larger maxOptimalLattice');
    return {
      ...base, table: null, transformation: null, loss: null, lossPerAttribute: {}, suppressed: top.suppressed, classes: top.classes,
      feasible: false, binding, after: null, ...(textRedacted ? { textRedacted } : {}),
      verdict: { passes: false, failures: binding.length ? binding : ['no transformation satisfies the policy'] },
      timings: { searchMs, totalMs: performance.now() - t0 },
    };
  }
  const details = engine.checker.details(search.best.id);
  const levels = levelsOf(engine.lattice, search.best.id);
  const transformation: Record<string, number> = {};
  quasi.forEach((c, j) => { transformation[c] = levels[j]!; });
  const per = engine.metric.perAttribute(details.stats);
  const lossPerAttribute: Record<string, number> = {};
  if (per.length === quasi.length) quasi.forEach((c, j) => { lossPerAttribute[c] = per[j]!; });
  // (the release the search's release check built for the winner, when there is one: not built twice)
  const release = lastRelease !== null && lastRelease.key === Array.from(levels).join(',') ? lastRelease.release : assessed(levels, materialize(levels, details.rowSuppressed));
  let out = release.out;
  const local = release.local;
  const after = release.after;
  if (byPerson) out = withoutColumn(out, byPerson);
  const failures = failureTexts(after);
  return {
    ...base, table: out, transformation, loss: search.best.value, lossPerAttribute,
    // (the classes of the rows written: the masked records' class in mask mode, the classes local suppression made)
    suppressed: search.best.suppressed, classes: out.rowCount > 0 ? equivalenceClasses(out, quasi).count : 0, feasible: true, binding: [], after,
    ...(local ? { localSuppression: local } : {}), ...(textRedacted ? { textRedacted } : {}),
    verdict: { passes: after ? after.verdict.passes : true, failures },
    timings: { searchMs, totalMs: performance.now() - t0 },
  };
}

async function localRecoding(
  table: Table, policy: Policy, strategy: 'mondrian' | 'mdav', quasi: string[], drop: string[],
  before: Assessment | null, t0: number, doAssess: boolean, assessOptions: Parameters<typeof assessTable>[2], sensitiveHierarchies: ReadonlyMap<string, Hierarchy>,
): Promise<AnonymizeResult> {
  const t = policy.thresholds ?? {};
  // (the highest prosecutor risk 1/|class| ≤ r asks classes of ⌈1/r⌉: Mondrian and MDAV make them; an average risk
  // — classes / records — of at most r too, since parts of ⌈1/r⌉ records or more number at most r of the records)
  const k = Math.max(classSizeOf(t, 2), t.maxAverageRisk ? Math.ceil(1 / t.maxAverageRisk - 1e-9) : 1);
  const sensitive = Object.entries(policy.columns).filter(([, c]) => c.role === 'sensitive').map(([n]) => n);
  // event tables (several rows per person): each class must hold k persons, not k rows
  const byPerson = eventPersonKey(table, policy);
  const ts = performance.now();
  let out: Table;
  let loss: number;
  let lossPerAttribute: Record<string, number> = {};
  let classes: number;
  let groups: number | undefined;
  let feasible = true;
  if (strategy === 'mondrian') {
    const { mondrian } = await import('../transform/mondrian.ts');
    // (every variant of l-diversity needs l distinct values: Mondrian's own quick check; entropy and recursive l and
    // t-closeness are tested as the verdict will judge them, by acceptPart)
    const l = t.l !== undefined ? Math.ceil(t.l) : 1;
    const judged = t.l !== undefined || t.t !== undefined ? sensitive : [];
    // (with a person key, l and t count the persons' values as the verdict aggregates them: each row counts as its person's)
    const sensitiveCodes = byPerson && judged.length ? personSensitiveCodes(table, byPerson, judged, policy) : undefined;
    const units = sensitiveCodes ?? Object.fromEntries(judged.map((name) => { const c = getColumn(table, name); return [name, { codes: c.codes, cardinality: c.dictionary.length, kind: c.kind, recoded: false }]; }));
    const acceptPart = judged.length ? mondrianPartTest(table, policy, judged, units, byPerson, sensitiveLevels(table, sensitiveHierarchies)) : undefined;
    const r = mondrian(table, quasi, { k, l, sensitive: judged, ...(byPerson ? { personKey: byPerson } : {}), ...(sensitiveCodes ? { sensitiveCodes } : {}), ...(acceptPart ? { acceptPart } : {}) });
    out = r.table; loss = r.loss.gcp; classes = r.classes; feasible = r.satisfied;
    lossPerAttribute = Object.fromEntries(r.loss.ncp.map((x) => [x.column, x.ncp]));
  } else {
    const { mdav } = await import('../transform/mdav.ts');
    const numeric = quasi.filter((q) => { const kind = getColumn(table, q).kind; return kind === 'integer' || kind === 'decimal' || kind === 'date'; });
    if (numeric.length === 0) throw new AnonymatError('invalid-policy', 'strategy mdav needs numeric quasi-identifiers (integer, decimal or date)', [{ path: 'anonymize.strategy', message: 'use optimal or mondrian' }]);
    // (MDAV groups k records: with several records per person a group of k records may be one person)
    if (byPerson) throw new AnonymatError('invalid-policy', `strategy mdav groups records, and the person key "${byPerson}" has several records per person: a group of k records may hold one person`, [{ path: 'anonymize.strategy', message: 'use optimal or mondrian (both count persons), or anonymize the one-row-per-person view' }]);
    const categorical = quasi.filter((q) => !numeric.includes(q));
    if (categorical.length > 0) throw new AnonymatError('invalid-policy', `strategy mdav microaggregates numeric quasi-identifiers only, and ${categorical.map((c) => `"${c}"`).join(', ')} ${categorical.length > 1 ? 'are' : 'is'} not numeric: left as they are, they keep the records apart`, [{ path: 'anonymize.strategy', message: 'use optimal or mondrian, or declare only numeric quasi-identifiers' }]);
    const r = mdav(table, numeric, k);
    // (the classes of the rows written: groups with equal means — equal records, or ties — merge into one class)
    out = r.table; loss = r.loss.informationLoss; groups = r.groups;
    classes = out.rowCount > 0 ? equivalenceClasses(out, numeric).count : 0;
    lossPerAttribute = Object.fromEntries(r.loss.perColumn.map((x) => [x.column, x.informationLoss]));
  }
  const searchMs = performance.now() - ts;
  // (the release is assessed with its person key still in, so that k counts persons; the key leaves with the identifiers after)
  const dropNow = byPerson ? drop.filter((n) => n !== byPerson) : drop;
  if (dropNow.length) out = { rowCount: out.rowCount, columns: out.columns.filter((c) => !dropNow.includes(c.name)) };
  const releasePolicy: Policy = { ...policy, columns: Object.fromEntries(Object.entries(policy.columns).filter(([n]) => !dropNow.includes(n))) };
  const after = doAssess ? assessTable(out, releasePolicy, { ...assessOptions, tLevels: sensitiveLevels(out, sensitiveHierarchies) }) : null;
  if (byPerson) out = withoutColumn(out, byPerson);
  const passes = feasible && (after ? after.verdict.passes : true);
  return {
    table: feasible ? out : null, transformation: null, strategy, metric: strategy === 'mondrian' ? 'gcp' : 'mdav-sse', loss, lossPerAttribute,
    suppressed: 0, suppressionLimit: 0, suppressedMode: 'remove', classes, ...(groups !== undefined ? { groups } : {}), optimal: false, checked: 0, latticeSize: 0,
    feasible, binding: feasible ? [] : ['the whole table violates k or l (Mondrian cannot split it)'],
    models: [`${k}-anonymity`], before, after,
    verdict: { passes, failures: failureTexts(after) },
    timings: { searchMs, totalMs: performance.now() - t0 },
  };
}

/**
 * What a written release keeps too little of: the quasi-identifiers generalized to one value for every record (they carry
 * nothing), and a loss of 0.8 or more. Empty when the release keeps its information (or nothing was released).
 */
export function utilityWarnings(r: AnonymizeResult): string[] {
  if (!r.feasible || !r.table || r.table.rowCount === 0 || !r.transformation) return [];
  const out: string[] = [];
  // (a column the transformation generalized: one that had a single value in the input, "sex: F" of a women's clinic, was
  // not made so)
  const collapsed = Object.keys(r.transformation).filter((name) => {
    if (!(r.transformation![name]! > 0) || !hasColumn(r.table!, name)) return false;
    const c = getColumn(r.table!, name);
    const seen = new Uint8Array(Math.max(1, c.dictionary.length));
    let distinct = 0;
    for (let i = 0; i < c.codes.length && distinct < 2; i++) if (!seen[c.codes[i]!]) { seen[c.codes[i]!] = 1; distinct++; }
    return distinct === 1;
  });
  if (collapsed.length) out.push(`${collapsed.length} of ${Object.keys(r.transformation).length} quasi-identifier(s) hold one value for every record (${collapsed.slice(0, 8).join(', ')}${collapsed.length > 8 ? ', …' : ''}): they carry nothing — give fewer quasi-identifiers (insensitive those no adversary could know), finer hierarchies or a suppression limit (anonymize.suppressionLimit)`);
  if (r.loss !== null && r.metric === 'loss' && r.loss >= 0.8) out.push(`the release keeps little: information loss ${r.loss.toFixed(2)} (0 = nothing lost, 1 = everything generalized)`);
  return out;
}

/** A JSON-able summary for --json (the table itself left out). */
export function anonymizeJson(r: AnonymizeResult): Record<string, unknown> {
  const warnings = utilityWarnings(r);
  return {
    ...(warnings.length ? { warnings } : {}),
    transformation: r.transformation, loss: r.loss, metric: r.metric, lossPerAttribute: r.lossPerAttribute,
    suppressed: r.suppressed, suppressionLimit: r.suppressionLimit, suppressedMode: r.suppressedMode,
    records: r.table?.rowCount ?? 0, classes: r.classes, ...(r.groups !== undefined ? { groups: r.groups } : {}), optimal: r.optimal, checked: r.checked, latticeSize: r.latticeSize,
    strategy: r.strategy, models: r.models, feasible: r.feasible, binding: r.binding, verdict: r.verdict,
    ...(r.localSuppression ? { localSuppression: r.localSuppression } : {}),
    ...(r.textRedacted ? { textRedacted: r.textRedacted } : {}),
    timings: r.timings, before: r.before, after: r.after,
  };
}

/** Report sections (for renderHtmlReport): transformation, loss per attribute, risk and histograms before/after. */
export function anonymizeReportSections(r: AnonymizeResult, proof?: { verdict: { anonymous: boolean; label: string; reasons: string[] } }): Section[] {
  const sections: Section[] = [];
  // (with --verdict, the attacks decide too: a release they find pseudonymous is not called fine, and is not written)
  const attacked = proof !== undefined && r.feasible && r.verdict.passes && !proof.verdict.anonymous;
  sections.push({
    title: 'Result',
    blocks: [
      { kind: 'verdict', ok: r.feasible && r.verdict.passes && (proof === undefined || proof.verdict.anonymous),
        title: !r.feasible ? 'No transformation satisfies the policy' : !r.verdict.passes ? 'The released data do not meet every threshold'
          : attacked ? `The release meets the thresholds but is still ${proof!.verdict.label} (nothing was written)` : proof ? 'The released data meet the policy and the anonymity verdict' : 'The released data meet the policy',
        reasons: !r.feasible ? r.binding : attacked ? proof!.verdict.reasons : r.verdict.failures },
      { kind: 'figures', items: [
        { label: `loss (${r.metric})`, value: r.loss ?? '—' },
        { label: 'suppressed records', value: r.suppressed, note: `limit ${(r.suppressionLimit * 100).toFixed(1)}% · ${r.suppressedMode}` },
        { label: 'equivalence classes', value: r.classes, ...(r.groups !== undefined ? { note: `${r.groups} MDAV groups (groups with equal means form one class)` } : {}) },
        { label: 'optimal', value: !r.feasible ? 'none feasible' : r.optimal ? 'yes' : 'not proven', status: !r.feasible ? 'fail' : r.optimal ? 'ok' : 'warn', note: `${r.strategy}: ${r.checked} of ${r.latticeSize} transformations checked` },
      ] },
      { kind: 'text', text: `Privacy models: ${r.models.join(', ')}.` },
    ],
  });
  if (r.transformation) {
    sections.push({ title: 'Transformation', blocks: [{
      kind: 'table', columns: ['quasi-identifier', 'level', `loss (${r.metric})`],
      rows: Object.entries(r.transformation).map(([c, l]) => [c, l, r.lossPerAttribute[c] ?? null]),
    }] });
  } else if (Object.keys(r.lossPerAttribute).length) {
    sections.push({ title: 'Loss per attribute', blocks: [{ kind: 'table', columns: ['quasi-identifier', 'loss'], rows: Object.entries(r.lossPerAttribute).map(([c, v]) => [c, v]) }] });
  }
  const risk = (a: Assessment | null) => a ? [a.k, a.classes, a.sampleUniques, a.prosecutor.highest, a.prosecutor.average, a.individualRisk.expectedReidentifications] : [null, null, null, null, null, null];
  const b = risk(r.before), af = risk(r.after);
  sections.push({ title: 'Risk before and after', blocks: [{
    kind: 'table', columns: ['measure', 'before', 'after'],
    rows: [['k', b[0]!, af[0]!], ['classes', b[1]!, af[1]!], ['sample uniques', b[2]!, af[2]!], ['highest prosecutor risk', b[3]!, af[3]!], ['average prosecutor risk', b[4]!, af[4]!], ['expected re-identifications', b[5]!, af[5]!]],
  }] });
  // (the first 59 sizes, then one bar for every larger class: cut at 60 bars, a class of 2,166 records went unseen)
  const hist = (a: Assessment) => {
    const all = Object.entries(a.classSizeHistogram).map(([s, c]) => ({ label: s, value: c })).sort((x, y) => Number(x.label) - Number(y.label));
    if (all.length <= 60) return all;
    const rest = all.slice(59);
    return [...all.slice(0, 59), { label: `≥${rest[0]!.label}`, value: rest.reduce((n, b) => n + b.value, 0) }];
  };
  if (r.before) sections.push({ title: 'Class sizes before', blocks: [{ kind: 'bars', title: 'classes of each size (input)', data: hist(r.before), xLabel: 'class size', yLabel: 'classes', log: true }] });
  if (r.after) sections.push({ title: 'Class sizes after', blocks: [{ kind: 'bars', title: 'classes of each size (released)', data: hist(r.after), xLabel: 'class size', yLabel: 'classes', log: true }] });
  return sections;
}
