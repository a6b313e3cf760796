/**
 * assessTable: the risk assessment of one table against a policy (issue 2, docs/assessment.md).
 *
 * One groupify pass over the quasi-identifiers' codes gives the equivalence classes; every other
 * figure is O(classes) on top of it, except SUDA2 (Σ_{s≤maxSize} C(M,s) passes over the classes),
 * the contributions (M passes over the classes), the diversity of each sensitive attribute (one
 * grouping of (class, value) pairs) and the person-level aggregation (one pass over the rows).
 * The result is a plain JSON-able object; field names are stable and documented.
 */
import { groupify, type Classes } from '../check/groupify.ts';
import { AnonymatError } from '../errors.ts';
import type { Policy } from '../policy/policy.ts';
import { codeOrderOf, isNumericKind, makeTable, type Column, type Table } from '../table/table.ts';
import { journalistRisk, journalistRiskFromRecordRisks, marketerRisk, prosecutorRisk, type JournalistRisk, type PopulationSource } from './attacker.ts';
import { classSummary, coarsenRepresentatives, columnsByName, equivalenceClasses, gather, histogramObject, sizeHistogram } from './classes.ts';
import { diversity, lBelow, sameValueCodes, tAbove, type TDistance } from './diversity.ts';
import { individualRisk } from './individual.ts';
import { aggregateByPerson, aggregatedLevels, type Aggregation, type PersonColumnSpec } from './person.ts';
import { suda2 } from './suda2.ts';
import { populationUniqueness, type DankarModel } from './uniqueness.ts';

/** The parts of a policy the assessment reads (a full `Policy` fits). */
export type AssessPolicy = Pick<Policy, 'columns'> & Partial<Pick<Policy, 'thresholds' | 'population' | 'risk'>>;

export interface AssessOptions {
  /** The population table named by `policy.population.table`, already read (same QI column names). */
  populationTable?: Table;
  /** Overrides policy.risk.suda2MaxSize (default 3); 0 skips SUDA2. */
  suda2MaxSize?: number;
  /** Skip the leave-one-out contributions (M passes over the classes). */
  skipContributions?: boolean;
  /**
   * For `thresholds.tDistance: hierarchical`: per sensitive column, its value hierarchy's levels 0..H, each a map from
   * the column's codes to the nodes of that level (the release layer compiles them: risk does not read hierarchies).
   */
  tLevels?: ReadonlyMap<string, readonly Int32Array[]>;
  /** Progress of the SUDA2 enumeration (subsets refined so far, of `total`), for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export interface VerdictFailure {
  criterion: string;
  /** The sensitive column, for l and t. */
  column?: string;
  threshold: number;
  value: number | null;
  message: string;
}

export interface Assessment {
  unit: 'record' | 'person';
  records: number;
  persons: number | null;
  personLevel: { personKey: string; maxRowsPerPerson: number; rowsWithoutPersonKey: number; varyingColumns: string[] } | null;
  quasiIdentifiers: string[];
  k: number;
  kThreshold: number;
  classes: number;
  classSizeHistogram: Record<string, number>;
  recordsBelowK: number;
  classesBelowK: number;
  sampleUniques: number;
  sampleUniqueness: number;
  prosecutor: { highest: number; average: number; lowest: number; threshold: number | null; recordsAboveThreshold: number | null; shareAboveThreshold: number | null };
  journalist: { source: PopulationSource; model: 'population-counts' | 'benedetti-franconi' | 'sample'; highest: number; average: number; threshold: number | null; recordsAboveThreshold: number | null; shareAboveThreshold: number | null; inconsistentClasses: number };
  marketer: { risk: number; source: PopulationSource };
  population: {
    samplingFraction: number; samplingFractionSource: 'policy' | 'population-size' | 'population-table' | 'weights' | 'assumed-census'; populationSize: number;
    /** 'used': a population table was given; 'not-read': the policy names one but the caller did not pass it (options.populationTable). */
    table: 'used' | 'not-read' | 'none';
  };
  populationUniques: {
    pitman: number | null; zayatz: number | null; snb: number | null; dankar: number | null; model: DankarModel;
    estimatedUniques: { pitman: number | null; zayatz: number | null; snb: number | null; dankar: number | null };
    pitmanParameters: { theta: number | null; alpha: number | null };
    snbParameters: { K: number; alpha: number | null; beta: number | null };
    notes: { pitman?: string; zayatz?: string; snb?: string };
  };
  individualRisk: { source: 'weights' | 'sampling-fraction' | 'none'; method: 'approx'; expectedReidentifications: number; globalRisk: number; highest: number; median: number; threshold: number; recordsAboveThreshold: number };
  suda2: null | {
    maxSize: number; variables: number; complete: boolean; disFraction: number; specialUniques: number;
    msuBySize: Record<string, number>; highestScore: number; highestDis: number; meanDis: number;
    disHistogram: Record<string, number>; contributions: Record<string, number>;
  };
  sensitive: Record<string, { distinctL: number; entropyL: number; recursiveCL: number; c: number; t: number; tDistance: TDistance; values: number; classesBelowL: number | null; recordsBelowL: number | null; note?: string }>;
  contributions: { column: string; kWithout: number; classesWithout: number; uniquesWithout: number; uniquesRemoved: number; recordsBelowKWithout: number }[];
  /**
   * With a population table: the fewest population records a class matches (k-map) and the extreme shares of the
   * population each class holds (δ-presence: classes' size over their population count; ∞ for a class the population
   * lacks). Null without one.
   */
  populationMatch: { kMap: number; deltaMin: number; deltaMax: number } | null;
  verdict: { passes: boolean; failures: VerdictFailure[]; notEvaluated: string[] };
}

const EVALUATED = new Set(['k', 'l', 'lVariant', 'c', 't', 'tDistance', 'maxProsecutorRisk', 'maxAverageRisk', 'maxRecordsAtRisk',
  'maxJournalistRisk', 'maxMarketerRisk', 'maxSampleUniques', 'maxPopulationUniques']);

export function assessTable(data: Table, policy: AssessPolicy, options: AssessOptions = {}): Assessment {
  const thresholds = (policy.thresholds ?? {}) as NonNullable<Policy['thresholds']>;
  const entries = Object.entries(policy.columns);
  const role = (r: string) => entries.filter(([, c]) => c.role === r).map(([n]) => n);
  const qis = role('quasi');
  const sensitives = role('sensitive');
  const personKey = role('person-key')[0] ?? null;
  const weightName = role('weight')[0] ?? null;
  columnsByName(data, [...qis, ...sensitives, ...(personKey ? [personKey] : []), ...(weightName ? [weightName] : [])]);
  // (a sensitive value's spellings — Unicode form, white space, letter case — are one value for diversity and closeness,
  // the person's sets included: "Hépatite C" in four spellings made a class 4-diverse that discloses it (diversity.ts).
  // Quasi-identifiers are grouped as written: another spelling only makes a class smaller, the safe side)
  const merged = new Set(sensitives);
  const input = sensitives.length === 0 ? data
    : makeTable(data.columns.map((c) => (merged.has(c.name) ? sameValueCodes(c) : c)));

  // ---- unit of risk: person or record
  let table = input;
  let personLevel: Assessment['personLevel'] = null;
  let personOf: Int32Array | null = null;
  if (personKey) {
    const specs: PersonColumnSpec[] = [
      ...personColumnSpecs(policy, qis, sensitives),
      ...(weightName ? [{ name: weightName, aggregate: 'first' as const }] : []),
    ];
    const p = aggregateByPerson(input, personKey, specs);
    table = p.table;
    personOf = p.personOf;
    personLevel = { personKey, maxRowsPerPerson: p.maxRowsPerPerson, rowsWithoutPersonKey: p.rowsWithoutPersonKey, varyingColumns: p.varying };
  }
  const units = table.rowCount;

  // ---- equivalence classes (one pass) and O(classes) summaries
  const qiCols = columnsByName(table, qis);
  const classes = equivalenceClasses(table, qis);
  const sizes = classes.sizes;
  const kThreshold = thresholds.k ?? 2;
  const summary = classSummary(sizes, kThreshold);
  const hist = sizeHistogram(sizes);
  const tau = thresholds.maxProsecutorRisk ?? (thresholds.k ? 1 / thresholds.k : null);
  const pros = prosecutorRisk(sizes, tau);

  // ---- population: weights, sampling fraction, population table
  const weightSums = weightName ? sumWeights(table, weightName, classes) : null;
  const totalWeight = weightSums ? weightSums.reduce((a, b) => a + b, 0) : 0;
  let fraction: number;
  let fractionSource: Assessment['population']['samplingFractionSource'];
  if (policy.population?.samplingFraction !== undefined) { fraction = policy.population.samplingFraction; fractionSource = 'policy'; }
  else if (policy.population?.size !== undefined) { fraction = units / policy.population.size; fractionSource = 'population-size'; }
  else if (options.populationTable) { fraction = units / Math.max(units, options.populationTable.rowCount); fractionSource = 'population-table'; }
  else if (weightSums && totalWeight > units) { fraction = units / totalWeight; fractionSource = 'weights'; }
  else { fraction = 1; fractionSource = 'assumed-census'; }
  if (!(fraction > 0)) fraction = 1;
  if (fraction > 1) {
    throw new AnonymatError('invalid-policy', `population.size (${policy.population?.size}) is smaller than the number of ${personKey ? 'persons' : 'records'} (${units}); the population must contain the data`,
      [{ path: 'population.size', message: `must be at least ${units}` }]);
  }
  let popSizes: ArrayLike<number> | null = null;
  let popSource: PopulationSource = 'sample';
  if (options.populationTable) { popSizes = populationCounts(table, qiCols, classes, options.populationTable); popSource = 'population-table'; }
  else if (weightSums) { popSizes = weightSums; popSource = 'weights'; }
  else if (fractionSource !== 'assumed-census') { popSizes = Array.from(sizes, (f) => f / fraction); popSource = 'sampling-fraction'; }

  // ---- population uniqueness
  const pu = populationUniqueness(hist, fraction);

  // ---- individual risk
  const irThreshold = policy.risk?.individualRiskThreshold ?? 0.1;
  const irWeights = weightSums ?? (fractionSource !== 'assumed-census' ? Array.from(sizes, (f) => f / fraction) : null);
  const ir = individualRisk(sizes, irWeights, { threshold: irThreshold, source: weightSums ? 'weights' : irWeights ? 'sampling-fraction' : 'none' });

  // ---- journalist and marketer: exact population counts (table, or none known: F = f), or the
  // Benedetti–Franconi posterior E[1/F | f] when F is only estimated (weights, sampling fraction)
  let jr: JournalistRisk, marketer: number, journalistModel: 'population-counts' | 'benedetti-franconi' | 'sample';
  if (popSource === 'weights' || popSource === 'sampling-fraction') {
    jr = journalistRiskFromRecordRisks(sizes, ir.classRisk, tau, popSource);
    marketer = jr.average;
    journalistModel = 'benedetti-franconi';
  } else {
    jr = journalistRisk(sizes, popSizes ?? sizes, tau, popSource);
    marketer = marketerRisk(sizes, popSizes ?? undefined);
    journalistModel = popSource === 'population-table' ? 'population-counts' : 'sample';
  }

  // ---- SUDA2
  const maxSize = options.suda2MaxSize ?? policy.risk?.suda2MaxSize ?? 3;
  let suda: Assessment['suda2'] = null;
  if (maxSize > 0 && qiCols.length > 0 && units > 0) {
    const disFraction = fractionSource === 'assumed-census' ? 0.01 : fraction;
    const s = suda2(qiCols.map((c) => c.codes), qiCols.map((c) => c.dictionary.length), { maxSize, disFraction, classes, onProgress: options.onProgress }).summary;
    suda = {
      maxSize: s.maxSize, variables: s.variables, complete: s.complete, disFraction: s.disFraction, specialUniques: s.recordsWithMsu,
      msuBySize: s.msuBySize, highestScore: s.highestScore, highestDis: s.highestDis, meanDis: s.meanDis, disHistogram: s.disHistogram,
      contributions: Object.fromEntries(qis.map((q, i) => [q, s.contributions[i]!])),
    };
  }

  // ---- sensitive attributes
  const sensitive: Assessment['sensitive'] = {};
  const c = thresholds.c ?? 2;
  for (const name of sensitives) {
    const col = columnsByName(table, [name])[0]!;
    // (at person level, a column aggregated as a set has codes of its own, not the rows': `rowCol` then)
    const rowCol = personOf ? columnsByName(input, [name])[0]! : null;
    const sets = rowCol !== null && rowCol.dictionary !== col.dictionary ? rowCol : null;
    let levels = options.tLevels?.get(name);
    // (the levels are over the rows' codes)
    if (levels && sets) {
      const aggOfRow = new Int32Array(input.rowCount);
      for (let r = 0; r < aggOfRow.length; r++) aggOfRow[r] = col.codes[personOf![r]!]!;
      levels = aggregatedLevels(levels, sets.codes, aggOfRow, col.dictionary.length, sets.missing);
    }
    // (sets of values aggregated per person have no rank)
    const { ordered, codeOrder } = sensitiveOrder(name, policy.columns[name]!, col.kind, sets === null ? col.dictionary : null);
    const { tDistance, note } = tDistanceOf(name, ordered, thresholds.tDistance, levels);
    let d = diversity(classes.classOf, classes.count, col.codes, col.dictionary.length, { c, tDistance, lThreshold: thresholds.l ?? null, ...(tDistance === 'hierarchical' ? { levels: levels! } : {}), ...(codeOrder ? { codeOrder } : {}) });
    // (persons aggregated as sets: a value every person of a class holds is disclosed, whatever else their sets hold —
    // {E11}, {E11, I10} are two set labels, yet both patients have E11; such a class is 1-diverse)
    const shared = sets ? classesSharingAValue(classes.classOf, classes.sizes, personOf!, sets, col.codes) : null;
    if (shared !== null && shared.classes > 0) {
      d = { ...d, distinctL: Math.min(d.distinctL, 1), entropyL: Math.min(d.entropyL, 1), recursiveCL: Math.min(d.recursiveCL, 1),
        ...(thresholds.l !== undefined && thresholds.l > 1 && d.classesBelowL !== null ? { classesBelowL: d.classesBelowL + shared.classesNotCounted, recordsBelowL: d.recordsBelowL! + shared.unitsNotCounted } : {}) };
    }
    sensitive[name] = { ...d, ...(note ? { note } : {}) };
  }

  // ---- contributions: leave one QI out (over the classes, not the rows)
  const contributions: Assessment['contributions'] = [];
  if (!options.skipContributions && qiCols.length > 0) {
    // each QI's codes read once at the classes' representatives, then regrouped without one QI at a time
    const reps = qiCols.map((x) => gather(x.codes, classes.first));
    const cards = qiCols.map((x) => Math.max(1, x.dictionary.length));
    for (let q = 0; q < qiCols.length; q++) {
      const g = coarsenRepresentatives(classes, reps.filter((_, i) => i !== q), cards.filter((_, i) => i !== q));
      const s = classSummary(g.sizes, kThreshold);
      contributions.push({ column: qis[q]!, kWithout: s.k, classesWithout: s.classes, uniquesWithout: s.sampleUniques, uniquesRemoved: summary.sampleUniques - s.sampleUniques, recordsBelowKWithout: s.recordsBelowK });
    }
  }

  const assessment: Omit<Assessment, 'verdict'> = {
    unit: personKey ? 'person' : 'record',
    records: input.rowCount,
    persons: personKey ? units : null,
    personLevel,
    quasiIdentifiers: qis,
    k: summary.k,
    kThreshold,
    classes: summary.classes,
    classSizeHistogram: histogramObject(hist),
    recordsBelowK: summary.recordsBelowK,
    classesBelowK: summary.classesBelowK,
    sampleUniques: summary.sampleUniques,
    sampleUniqueness: units ? summary.sampleUniques / units : 0,
    prosecutor: { highest: pros.highest, average: pros.average, lowest: pros.lowest, threshold: pros.threshold, recordsAboveThreshold: pros.recordsAboveThreshold, shareAboveThreshold: pros.recordsAboveThresholdShare },
    journalist: { source: jr.source, model: journalistModel, highest: jr.highest, average: jr.average, threshold: jr.threshold, recordsAboveThreshold: jr.recordsAboveThreshold, shareAboveThreshold: jr.recordsAboveThresholdShare, inconsistentClasses: jr.inconsistentClasses },
    marketer: { risk: marketer, source: popSource },
    population: { samplingFraction: fraction, samplingFractionSource: fractionSource, populationSize: pu.populationSize, table: options.populationTable ? 'used' : policy.population?.table ? 'not-read' : 'none' },
    populationUniques: {
      pitman: pu.pitman, zayatz: pu.zayatz, snb: pu.snb, dankar: pu.dankar, model: pu.dankarModel,
      estimatedUniques: pu.counts,
      pitmanParameters: { theta: pu.details.pitman.theta, alpha: pu.details.pitman.alpha },
      snbParameters: { K: pu.details.snb.K, alpha: pu.details.snb.alpha, beta: pu.details.snb.beta },
      notes: {
        ...(pu.details.pitman.note ? { pitman: pu.details.pitman.note } : {}),
        ...(pu.details.zayatz.note ? { zayatz: pu.details.zayatz.note } : {}),
        ...(pu.details.snb.note ? { snb: pu.details.snb.note } : {}),
      },
    },
    individualRisk: {
      source: ir.summary.source, method: 'approx', expectedReidentifications: ir.summary.expectedReidentifications, globalRisk: ir.summary.globalRisk,
      highest: ir.summary.highest, median: ir.summary.median, threshold: irThreshold, recordsAboveThreshold: ir.summary.recordsAboveThreshold!,
    },
    suda2: suda,
    sensitive,
    contributions,
    populationMatch: popSource === 'population-table' && popSizes !== null ? populationMatchOf(sizes, popSizes) : null,
  };
  return { ...assessment, verdict: verdictOf(assessment, thresholds, personKey ? 'persons' : 'records') };
}

/**
 * The person-level classes in which one value of a sensitive column is held by every person (persons aggregated as
 * sets: their rows' values), when the class's set labels differ (those with a single label are 1-diverse already): how
 * many, and their persons. `classOf[p]`, `sizes[c]` are the person-level classes; `personOf[r]` each row's person.
 */
function classesSharingAValue(classOf: Int32Array, sizes: Int32Array, personOf: Int32Array, rowCol: Column, setCodes: Int32Array): { classes: number; classesNotCounted: number; unitsNotCounted: number } {
  // distinct (person, value) pairs, counted per (class, value)
  const seen = new Set<number>();
  const perClassValue = new Map<number, number>();
  const card = Math.max(1, rowCol.dictionary.length);
  for (let r = 0; r < personOf.length; r++) {
    const v = rowCol.codes[r]!;
    if (v === rowCol.missing) continue;
    const p = personOf[r]!;
    const pv = p * card + v;
    if (seen.has(pv)) continue;
    seen.add(pv);
    const key = classOf[p]! * card + v;
    perClassValue.set(key, (perClassValue.get(key) ?? 0) + 1);
  }
  const hit = new Uint8Array(sizes.length);
  for (const [key, n] of perClassValue) { const c = Math.floor(key / card); if (n === sizes[c] && sizes[c]! > 1) hit[c] = 1; }
  // (a class whose persons all have one set label is 1-diverse for diversity already, and counted below l there)
  const firstLabel = new Int32Array(sizes.length).fill(-1), mixed = new Uint8Array(sizes.length);
  for (let p = 0; p < classOf.length; p++) { const c = classOf[p]!; if (c < 0) continue; if (firstLabel[c] === -1) firstLabel[c] = setCodes[p]!; else if (firstLabel[c] !== setCodes[p]) mixed[c] = 1; }
  let classes = 0, notCounted = 0, units = 0;
  for (let c = 0; c < hit.length; c++) if (hit[c]) { classes++; if (mixed[c]) { notCounted++; units += sizes[c]!; } }
  return { classes, classesNotCounted: notCounted, unitsNotCounted: units };
}

/**
 * How the assessment aggregates a person's rows: each quasi-identifier by the policy's `aggregate` (a value that varies
 * without one is an error), each sensitive column by its `aggregate`, else the set of the person's values. The release
 * layer aggregates with these specs too, so that its person-level tests judge what the verdict will.
 */
export function personColumnSpecs(policy: AssessPolicy, quasi: readonly string[], sensitive: readonly string[]): PersonColumnSpec[] {
  return [
    ...quasi.map((name) => ({ name, aggregate: policy.columns[name]!.aggregate as Aggregation | undefined, fallback: null })),
    ...sensitive.map((name) => ({ name, aggregate: policy.columns[name]!.aggregate as Aggregation | undefined, fallback: 'set' as const })),
  ];
}

/** The class size the thresholds ask for: k, or the ⌈1/r⌉ of a highest prosecutor risk r when larger (`k` absent: `defaultK`). */
export function classSizeOf(thresholds: { k?: number; maxProsecutorRisk?: number }, defaultK = 1): number {
  return Math.max(thresholds.k ?? defaultK, thresholds.maxProsecutorRisk ? Math.ceil(1 / thresholds.maxProsecutorRisk - 1e-9) : 1);
}

/**
 * Whether a sensitive column is ordered for t-closeness (declared `ordered` or `order`, or numeric), and the codes of
 * `dictionary` in its declared `order` (none without one, or with `dictionary` null: sets of values have no rank).
 */
export function sensitiveOrder(name: string, cp: { ordered?: boolean; order?: readonly string[] }, kind: Column['kind'], dictionary: readonly (string | null)[] | null): { ordered: boolean; codeOrder?: Int32Array } {
  const codeOrder = dictionary ? codeOrderOf(dictionary, cp.order, name) : undefined;
  return { ordered: cp.ordered === true || cp.order !== undefined || isNumericKind(kind), ...(codeOrder ? { codeOrder } : {}) };
}

/**
 * The ground distance of a sensitive column's t-closeness: the policy's `tDistance`, else ordered for an ordered or numeric
 * column and equal for the others; hierarchical only with the column's hierarchy levels (else the default, with a note).
 */
export function tDistanceOf(name: string, ordered: boolean, asked: string | undefined, levels: readonly Int32Array[] | undefined): { tDistance: TDistance; note?: string } {
  const fallback: TDistance = ordered ? 'ordered' : 'equal';
  if (asked === 'equal' || asked === 'ordered') return { tDistance: asked };
  if (asked !== 'hierarchical') return { tDistance: fallback };
  if (levels && levels.length >= 2) return { tDistance: 'hierarchical' };
  return { tDistance: fallback, note: `hierarchical distance needs a hierarchy of "${name}" (columns.${name}.hierarchy); ${fallback} distance used` };
}

/** k-map's and δ-presence's figures from each class's size and population count. */
function populationMatchOf(sizes: ArrayLike<number>, popSizes: ArrayLike<number>): { kMap: number; deltaMin: number; deltaMax: number } {
  let kMap = Infinity, deltaMin = Infinity, deltaMax = 0;
  for (let c = 0; c < sizes.length; c++) {
    if (sizes[c]! === 0) continue;
    const pop = popSizes[c]!;
    if (pop < kMap) kMap = pop;
    const d = pop > 0 ? sizes[c]! / pop : Infinity;
    if (d < deltaMin) deltaMin = d;
    if (d > deltaMax) deltaMax = d;
  }
  return { kMap: kMap === Infinity ? 0 : kMap, deltaMin: deltaMin === Infinity ? 0 : deltaMin, deltaMax };
}

/** Compares the figures with the policy thresholds; every failed threshold is listed with its figure. */
export function verdictOf(a: Omit<Assessment, 'verdict'>, thresholds: NonNullable<Policy['thresholds']>, unitWord = 'records'): Assessment['verdict'] {
  const failures: VerdictFailure[] = [];
  const fail = (criterion: string, threshold: number, value: number | null, message: string, column?: string) =>
    failures.push({ criterion, ...(column ? { column } : {}), threshold, value, message });
  const pct = (x: number) => `${(x * 100).toPrecision(3)}%`;
  if (thresholds.k !== undefined && a.k < thresholds.k) {
    fail('k', thresholds.k, a.k, `k = ${a.k} is below the required ${thresholds.k}: ${a.recordsBelowK} ${unitWord} are in ${a.classesBelowK} classes smaller than ${thresholds.k}`);
  }
  const variant = thresholds.lVariant ?? 'distinct';
  for (const [name, s] of Object.entries(a.sensitive)) {
    if (thresholds.l !== undefined) {
      const value = variant === 'entropy' ? s.entropyL : variant === 'recursive' ? s.recursiveCL : s.distinctL;
      if (lBelow(variant, value, thresholds.l)) {
        fail('l', thresholds.l, value, `${variant === 'recursive' ? `recursive (c=${s.c}, l)` : variant}-l-diversity of "${name}" is ${round(value)}, below the required ${thresholds.l}`, name);
      }
    }
    if (thresholds.t !== undefined && tAbove(s.t, thresholds.t)) {
      fail('t', thresholds.t, s.t, `t-closeness of "${name}" is ${round(s.t)} (${s.tDistance} distance), above the allowed ${thresholds.t}`, name);
    }
  }
  if (thresholds.maxProsecutorRisk !== undefined) {
    const allowed = thresholds.maxRecordsAtRisk ?? 0;
    const share = a.prosecutor.shareAboveThreshold ?? 0;
    if (share > allowed) {
      if (allowed === 0) {
        fail('maxProsecutorRisk', thresholds.maxProsecutorRisk, a.prosecutor.highest, `highest prosecutor risk ${pct(a.prosecutor.highest)} is above the allowed ${pct(thresholds.maxProsecutorRisk)} (${a.prosecutor.recordsAboveThreshold} ${unitWord} above it)`);
      } else {
        fail('maxRecordsAtRisk', allowed, share, `${pct(share)} of ${unitWord} have a prosecutor risk above ${pct(thresholds.maxProsecutorRisk)}; at most ${pct(allowed)} are allowed`);
      }
    }
  }
  const above = (criterion: keyof NonNullable<Policy['thresholds']>, value: number | null, what: string) => {
    const th = thresholds[criterion] as number | undefined;
    if (th === undefined) return;
    if (value === null) fail(criterion, th, null, `${what} could not be estimated, so the threshold ${pct(th)} cannot be shown to hold`);
    else if (value > th) fail(criterion, th, value, `${what} is ${pct(value)}, above the allowed ${pct(th)}`);
  };
  above('maxAverageRisk', a.prosecutor.average, 'average prosecutor risk');
  above('maxJournalistRisk', a.journalist.highest, `highest journalist risk (population from ${a.journalist.source})`);
  above('maxMarketerRisk', a.marketer.risk, 'marketer risk');
  above('maxSampleUniques', a.sampleUniqueness, `share of sample-unique ${unitWord}`);
  above('maxPopulationUniques', a.populationUniques.dankar, `estimated population uniqueness (Dankar rule, ${a.populationUniques.model})`);
  // k-map and δ-presence, with a population table (the classes' matches in it, counted as the classes are: persons with a person key)
  const pm = a.populationMatch;
  if (pm) {
    if (thresholds.kMap !== undefined && pm.kMap < thresholds.kMap) fail('kMap', thresholds.kMap, pm.kMap, `k-map is ${pm.kMap}: a class matches ${pm.kMap} population record(s), below the required ${thresholds.kMap}`);
    if (thresholds.deltaMin !== undefined && pm.deltaMin < thresholds.deltaMin - 1e-12) fail('deltaMin', thresholds.deltaMin, pm.deltaMin, `δ-presence: a class holds ${pct(pm.deltaMin)} of its population records, below the required ${pct(thresholds.deltaMin)}`);
    if (thresholds.deltaMax !== undefined && pm.deltaMax > thresholds.deltaMax + 1e-12) fail('deltaMax', thresholds.deltaMax, Number.isFinite(pm.deltaMax) ? pm.deltaMax : null, Number.isFinite(pm.deltaMax) ? `δ-presence: a class holds ${pct(pm.deltaMax)} of its population records, above the allowed ${pct(thresholds.deltaMax)}` : `δ-presence: a class matches no population record (the data must be a subset of the population), above the allowed ${pct(thresholds.deltaMax)}`);
  }
  const evaluatedToo = pm ? ['kMap', 'deltaMin', 'deltaMax'] : [];
  const notEvaluated = Object.keys(thresholds).filter((k) => !EVALUATED.has(k) && !evaluatedToo.includes(k) && (thresholds as Record<string, unknown>)[k] !== undefined);
  return { passes: failures.length === 0, failures, notEvaluated };
}

function round(x: number): string { return Number.isInteger(x) ? String(x) : x.toFixed(4); }

function sumWeights(table: Table, name: string, classes: Classes): Float64Array {
  const w = columnsByName(table, [name], 'weight')[0]!;
  const F = new Float64Array(classes.count);
  const values = w.numbers ?? Float64Array.from(w.dictionary, (l) => (l === null ? NaN : Number(l)));
  for (let i = 0; i < table.rowCount; i++) {
    const v = values[w.codes[i]!]!;
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new AnonymatError('invalid-input', `weight column "${name}": row ${i + 1} has a missing, zero, negative or non-numeric weight; every weight must be a positive number`,
        [{ path: `row ${i + 1}, column ${name}`, message: 'weight must be a positive number' }]);
    }
    F[classes.classOf[i]!]! += v;
  }
  return F;
}

/**
 * Population class sizes F_j: population rows with the sample class's QI values (matched by label).
 * Population values that never occur in the sample cannot match and are skipped.
 */
function populationCounts(sample: Table, qiCols: Column[], classes: Classes, population: Table): Int32Array {
  const popCols = columnsByName(population, qiCols.map((c) => c.name), 'population-table');
  const m = qiCols.length;
  const np = population.rowCount;
  const translated = qiCols.map((sc, j) => {
    const codeOfLabel = new Map<string | null, number>();
    sc.dictionary.forEach((l, code) => codeOfLabel.set(l, code));
    const pc = popCols[j]!;
    const map = Int32Array.from(pc.dictionary, (l) => codeOfLabel.get(l) ?? -1);
    const out = new Int32Array(np);
    for (let i = 0; i < np; i++) out[i] = map[pc.codes[i]!]!;
    return out;
  });
  // group the sample's class representatives and the population rows together
  const u = classes.count;
  const combined = qiCols.map((sc, j) => {
    const a = new Int32Array(u + np);
    for (let c = 0; c < u; c++) a[c] = sc.codes[classes.first[c]!]!;
    a.set(translated[j]!, u);
    return a;
  });
  const include = new Uint8Array(u + np).fill(1);
  for (let i = 0; i < np; i++) for (let j = 0; j < m; j++) if (translated[j]![i]! < 0) { include[u + i] = 0; break; }
  const g = equivalenceOver(combined, qiCols.map((c) => Math.max(1, c.dictionary.length)), include);
  const perGroup = new Int32Array(g.count);
  for (let i = 0; i < np; i++) { const k = g.classOf[u + i]!; if (k >= 0) perGroup[k]!++; }
  const F = new Int32Array(u);
  for (let c = 0; c < u; c++) F[c] = perGroup[g.classOf[c]!]!;
  // a masked cell ('*' where the population has none: a record masked whole, mask mode) may stand for any value: its
  // class matches the population records that agree on its other quasi-identifiers (a masked record, every record).
  // Where the population's column holds '*' too — generalized to the top as the data, or a genuine value — it is matched
  // as written. (One pass per masked class: mask mode makes one.)
  const star = qiCols.map((sc, j) => (popCols[j]!.dictionary.includes('*') ? -1 : sc.dictionary.indexOf('*')));
  if (star.some((x) => x >= 0)) {
    for (let c = 0; c < u; c++) {
      const codes = qiCols.map((sc) => sc.codes[classes.first[c]!]!);
      const wild = codes.map((code, j) => star[j]! >= 0 && code === star[j]);
      if (!wild.some(Boolean)) continue;
      let n = 0;
      for (let i = 0; i < np; i++) {
        let ok = true;
        for (let j = 0; j < m && ok; j++) if (!wild[j] && translated[j]![i] !== codes[j]) ok = false;
        if (ok) n++;
      }
      F[c] = n;
    }
  }
  return F;
}

function equivalenceOver(cols: Int32Array[], cards: number[], include: Uint8Array) {
  if (cols.length === 0) return groupify([], [], include);
  return groupify(cols, cards, include);
}
