/**
 * The query engine: a validated JSON query + a data-set descriptor → a plan of measurements built
 * from the make* constructors (whose privacy maps give the exact cost), then (after the ledger has
 * admitted the cost) their execution with exact noise.
 *
 * Privacy unit: the patient (descriptor.privacyUnit). Neighbouring data sets differ by all the
 * rows of one patient (add/remove). Every statistic bounds contributions per patient first.
 */
import { AnonymatError, type Issue } from '../errors.ts';
import type { Table, Column } from '../table/table.ts';
import {
  type Domain, type Measurement, type PatientRowsDomain, type PrivacyLoss, type Transformation,
  makeChainMT, makeChainTT,
} from './core.ts';
import { type PatientRows, preparePatientRows, withMask } from './prepare.ts';
import { makeClamp } from './constructors/makeClamp.ts';
import { type BoundedCells, type CellAssigner, makeBoundedContributions } from './constructors/makeBoundedContributions.ts';
import { makeCount } from './constructors/makeCount.ts';
import { makeSum } from './constructors/makeSum.ts';
import { makeDiscreteLaplace } from './constructors/makeDiscreteLaplace.ts';
import { makeDiscreteGaussian } from './constructors/makeDiscreteGaussian.ts';
import { makeQuantileScores } from './constructors/makeQuantileScores.ts';
import { makePermuteAndFlip } from './constructors/makePermuteAndFlip.ts';
import { makeLaplaceThreshold, thresholdFor } from './constructors/makeLaplaceThreshold.ts';
import {
  type Rational, rat, div, mul, cmp, eq, parseRational, toString, toNumber, sqrtDown, fixedPoint,
} from './rational.ts';
import { type RandomSource, defaultSource } from './random.ts';
import { discreteLaplaceHalfWidth, discreteLaplaceStddev, discreteGaussianHalfWidth } from './samplers.ts';
import { type Query, type SelectItem, type DatasetDescriptor, parseQuery } from './schema.ts';
import { type Charge, type LedgerMeasure, charge as chargeOf } from './accountant.ts';
import type { Ledger, BudgetView } from './ledger.ts';
import { suppressCounts, type SuppressionResult } from './suppression.ts';

export type Key = Record<string, string | null>;
export interface ResultRow { key: Key; value: number | null; ci: [number, number] | null }
export interface StatisticResult {
  statistic: string;
  mechanism: string;
  privacy: { epsilon?: string; rho?: string };
  noise: Record<string, string | number>;
  sensitivity: Record<string, string>;
  contributions: { rowsPerGroup: number; groupsPerPatient: number };
  bounds?: [string, string];
  grid?: string;
  confidence: number;
  rows: ResultRow[];
  /** Quantiles: with probability ≥ confidence, the released value's rank is within this many rows of the target rank. */
  rankAccuracy?: number[];
  note?: string;
}
export interface PartitionSelectionInfo {
  mechanism: 'laplace-threshold'; epsilon: string; delta: string; scale: string; threshold: string; groupsReleased: number;
}
export interface Answer {
  status: 'answered';
  differentialPrivacy: true;
  dataset: string;
  client: string | null;
  randomness: 'crypto' | 'test-seeded';
  cost: { measure: LedgerMeasure; amount: string; delta: string } | null;
  budget: BudgetView | null;
  partitionSelection?: PartitionSelectionInfo;
  results: StatisticResult[];
}
export interface Refusal {
  status: 'refused';
  dataset: string;
  client: string;
  reason: string;
  cost: { measure: LedgerMeasure; amount: string; delta: string };
  budget: BudgetView;
}
export interface SuppressionAnswer {
  status: 'answered';
  differentialPrivacy: false;
  notice: string;
  dataset: string;
  results: SuppressionResult[];
}
export type QueryOutcome = Answer | Refusal | SuppressionAnswer;

export interface RunOptions {
  dataset: DatasetDescriptor;
  ledger: Ledger;
  client: string;
  /** FOR TESTS ONLY: a seeded source. The default is node:crypto. */
  rng?: RandomSource;
  /**
   * Timing side channel: when set, an answered query returns no earlier than this many ms after
   * the call (sampling time depends on the noise). Services should set it above their p99.
   */
  padMs?: number;
}

// ---------------------------------------------------------------------------------------------

const bad = (message: string, issues: Issue[]): never => { throw new AnonymatError('invalid-query', message, issues); };

function findColumn(table: Table, name: string, path: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) bad(`unknown column "${name}"`, [{ path, message: `the data have no column "${name}"` }]);
  return c!;
}

/**
 * A key as the query gives it, as a label of the column's view (canonicalViews): trimmed; a number (a JSON number, or any
 * key of a numeric column) in its canonical form, "3" for 3 and "3.0".
 */
function keyLabel(v: string | number | boolean | null, col?: Column): string | null {
  if (v === null) return null;
  const t = String(v).trim();
  return typeof v === 'number' || (col !== undefined && isNumericKind(col)) ? canonicalLabel(t) : t;
}
const isNumericKind = (c: Column): boolean => c.kind === 'integer' || c.kind === 'decimal';
type KeyValue = string | number | boolean | null;
/**
 * The index of the key a label matches, or -1: its label (keyLabel) exactly, or — a key given as a number — any plain
 * number of that value ("3", "3.0" and " 3" all match the key 3, whatever the column's type; a key given as text matches
 * that text only: ICD-9's "250" and "250.00" are two codes).
 */
function keyMatcher(keys: readonly KeyValue[], col: Column): (label: string | null) => number {
  const exact = new Map<string | null, number>(), byValue = new Map<number, number>();
  keys.forEach((k, j) => {
    const l = keyLabel(k, col);
    if (!exact.has(l)) exact.set(l, j);
    if (typeof k === 'number' && Number.isFinite(k) && !byValue.has(k)) byValue.set(k, j);
  });
  return (label) => {
    const t = label === null ? null : label.trim();
    const j = exact.get(t);
    if (j !== undefined) return j;
    return t !== null && PLAIN_NUMBER.test(t) ? byValue.get(Number(t)) ?? -1 : -1;
  };
}

/** A plain decimal number written as text: "3", "3.0", "-2.50" (not "03", "1e3", "3."). */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
/**
 * The label a value has in keys and answers, whatever its column's type: a plain decimal number without its fraction's
 * trailing zeros ("3.0" → "3", "2.50" → "2.5", "-0" → "0"), exactly (no rounding); any other text as it is. A column
 * read as integers labels 3 "3", read as decimals — one neighbour's "2.5" — "3.0": the two neighbours' keys differed
 * for every patient, a distinguisher no noise hides.
 */
export function canonicalLabel(l: string): string {
  if (!PLAIN_NUMBER.test(l)) return l;
  let t = l;
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
}

/**
 * The columns the query matches by label (equality conditions, group-by) with canonical labels — trimmed ("p1, 30" reads
 * 30), and a numeric column's numbers in their canonical form (a decimal column's "3.0" is "3", as an integer column's):
 * codes whose labels become one are merged, so that a key's cell is one whatever the column's type was read as. A text
 * column's labels keep their digits: ICD-9's "250" and "250.00" are two codes.
 */
function canonicalViews(table: Table, q: Query): Table {
  const names = new Set<string>(q.groupBy ?? []);
  for (const [name, cond] of Object.entries(q.where ?? {})) if (cond === null || typeof cond !== 'object' || 'in' in cond) names.add(name);
  let changed = false;
  const columns = table.columns.map((c): Column => {
    if (!names.has(c.name) || c.kind === 'date') return c;
    const labels = c.dictionary.map((l) => (l === null || l === undefined ? null : isNumericKind(c) ? canonicalLabel(l.trim()) : l.trim()));
    if (labels.every((l, i) => l === (c.dictionary[i] ?? null))) return c;
    changed = true;
    const dictionary: (string | null)[] = [];
    const at = new Map<string | null, number>();
    const map = new Int32Array(labels.length);
    labels.forEach((l, i) => { let k = at.get(l); if (k === undefined) { k = dictionary.length; at.set(l, k); dictionary.push(l); } map[i] = k; });
    const codes = new Int32Array(c.codes.length);
    for (let r = 0; r < codes.length; r++) codes[r] = map[c.codes[r]!]!;
    const numbers = c.numbers ? new Float64Array(dictionary.length) : undefined;
    if (numbers) for (let i = 0; i < labels.length; i++) numbers[map[i]!] = c.numbers![i]!;
    return Object.freeze({ ...c, codes, dictionary: Object.freeze(dictionary), ...(numbers ? { numbers } : {}), missing: c.missing >= 0 ? map[c.missing]! : -1 });
  });
  return changed ? Object.freeze({ rowCount: table.rowCount, columns: Object.freeze(columns) }) : table;
}

/** The table as a query reads it: canonical labels where it matches keys, numbers where it computes (queryView's two steps). */
function queryView(table: Table, q: Query): Table { return numericViews(canonicalViews(table, q), q); }

function whereMask(table: Table, where: Query['where'], patientColumn: string): Uint8Array | null {
  if (!where || Object.keys(where).length === 0) return null;
  const mask = new Uint8Array(table.rowCount).fill(1);
  for (const [name, cond] of Object.entries(where)) {
    const path = `$.where[${JSON.stringify(name)}]`;
    if (name === patientColumn) bad('the privacy-unit column cannot be filtered on', [{ path, message: 'filter on other columns' }]);
    const col = findColumn(table, name, path);
    const ok = new Uint8Array(col.dictionary.length);
    if (cond !== null && typeof cond === 'object' && !('in' in cond)) {
      const r = cond as { gte?: number; gt?: number; lte?: number; lt?: number };
      for (let c = 0; c < ok.length; c++) {
        const x = col.numbers![c]!;
        ok[c] = Number.isFinite(x) && (r.gte === undefined || x >= r.gte) && (r.gt === undefined || x > r.gt)
          && (r.lte === undefined || x <= r.lte) && (r.lt === undefined || x < r.lt) ? 1 : 0;
      }
    } else {
      const match = keyMatcher((cond !== null && typeof cond === 'object' ? cond.in : [cond]) as KeyValue[], col);
      for (let c = 0; c < ok.length; c++) ok[c] = match(col.dictionary[c] ?? null) >= 0 ? 1 : 0;
    }
    const codes = col.codes;
    for (let r = 0; r < mask.length; r++) mask[r]! &= ok[codes[r]!]!;
  }
  return mask;
}

interface GroupDim { column: string; labels: (string | null)[]; keys?: KeyValue[] }

/**
 * One reusable Int32Array per table for cell assignments (queries on a table run one at a time on
 * the JS thread; the bounded-cells value that aliases it never leaves the measurement).
 */
const scratchOf = new WeakMap<Table, Int32Array>();
function scratch(t: Table): Int32Array {
  let a = scratchOf.get(t);
  if (!a || a.length !== t.rowCount) { a = new Int32Array(t.rowCount); scratchOf.set(t, a); }
  return a;
}

/** A dimension of public keys: each distinct key once (by its label), its label shown in answers. */
function publicDim(col: Column, keys: readonly KeyValue[]): GroupDim {
  const seen = new Set<string | null>(), kept: KeyValue[] = [], labels: (string | null)[] = [];
  for (const k of keys) { const l = keyLabel(k, col); if (!seen.has(l)) { seen.add(l); kept.push(k); labels.push(l); } }
  return { column: col.name, labels, keys: kept };
}

/** Cell assigner over public keys (row-major over the dimensions). */
function publicAssigner(table: Table, dims: GroupDim[]): { assign: CellAssigner; cells: number } {
  const cols = dims.map((d) => findColumn(table, d.column, `$.groupBy`));
  const maps = dims.map((d, i) => {
    const col = cols[i]!;
    const match = keyMatcher(d.keys ?? d.labels, col);
    const m = new Int32Array(col.dictionary.length);
    for (let c = 0; c < m.length; c++) m[c] = match(col.dictionary[c] ?? null);
    return m;
  });
  let cells = 1;
  const strides = dims.map(() => 0);
  for (let i = dims.length - 1; i >= 0; i--) { strides[i] = cells; cells *= dims[i]!.labels.length; }
  const assign: CellAssigner = (t) => {
    const cell = scratch(t);
    if (dims.length === 0) { cell.fill(0); return { cell, cells: 1 }; }
    const codes = dims.map((d) => t.columns.find((c) => c.name === d.column)!.codes);
    if (codes.length === 1) {
      const a = codes[0]!, ma = maps[0]!;
      for (let r = 0; r < cell.length; r++) cell[r] = ma[a[r]!]!;
      return { cell, cells };
    }
    if (codes.length === 2) {
      const a = codes[0]!, b = codes[1]!, ma = maps[0]!, mb = maps[1]!, sa = strides[0]!;
      for (let r = 0; r < cell.length; r++) {
        const x = ma[a[r]!]!, y = mb[b[r]!]!;
        cell[r] = x < 0 || y < 0 ? -1 : x * sa + y;
      }
      return { cell, cells };
    }
    for (let r = 0; r < cell.length; r++) {
      let c = 0;
      for (let i = 0; i < codes.length; i++) {
        const k = maps[i]![codes[i]![r]!]!;
        if (k < 0) { c = -1; break; }
        c += k * strides[i]!;
      }
      cell[r] = c;
    }
    return { cell, cells };
  };
  return { assign, cells };
}

function keysOfCell(dims: GroupDim[], cell: number): Key {
  const key: Key = {};
  for (let i = dims.length - 1; i >= 0; i--) {
    const n = dims[i]!.labels.length;
    key[dims[i]!.column] = dims[i]!.labels[cell % n]!;
    cell = Math.floor(cell / n);
  }
  return key;
}

/** Cell assigner over the code tuples present in the data (keys unknown in advance). */
function dataAssigner(table: Table, columns: string[]): { assign: CellAssigner; tuples: () => Key[] } {
  let keys: Key[] = [];
  const assign: CellAssigner = (t) => {
    const cols = columns.map((n) => t.columns.find((c) => c.name === n)!);
    const ids = new Map<string, number>();
    keys = [];
    const cell = new Int32Array(t.rowCount);
    for (let r = 0; r < cell.length; r++) {
      let k = '';
      for (const c of cols) k += c.codes[r]! + ',';
      let id = ids.get(k);
      if (id === undefined) {
        id = keys.length; ids.set(k, id);
        const key: Key = {}; for (const c of cols) key[c.name] = c.dictionary[c.codes[r]!] ?? null;
        keys.push(key);
      }
      cell[r] = id;
    }
    return { cell, cells: Math.max(1, keys.length) };
  };
  void table;
  return { assign, tuples: () => keys };
}

function histogramAssigner(table: Table, name: string, bins: number[], path: string): { assign: CellAssigner; dims: GroupDim[]; cells: number } {
  findColumn(table, name, path);
  const labels = bins.slice(0, -1).map((b, i) => `[${b}, ${bins[i + 1]}${i === bins.length - 2 ? ']' : ')'}`);
  const last = bins.length - 1;
  const assign: CellAssigner = (t) => {
    const c = t.columns.find((x) => x.name === name)!;
    const binOf = new Int32Array(c.dictionary.length).fill(-1);
    for (let k = 0; k < binOf.length; k++) {
      const x = c.numbers![k]!;
      if (!Number.isFinite(x) || x < bins[0]! || x > bins[last]!) continue;
      let lo = 0, hi = last - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (bins[mid]! <= x) lo = mid; else hi = mid - 1; }
      binOf[k] = lo;
    }
    const cell = new Int32Array(t.rowCount);
    for (let r = 0; r < cell.length; r++) cell[r] = binOf[c.codes[r]!]!;
    return { cell, cells: labels.length };
  };
  return { assign, dims: [{ column: name, labels }], cells: labels.length };
}

function decimals(v: string | number): number {
  const s = String(v);
  const m = /\.(\d+)$/.exec(s);
  return m ? m[1]!.length : 0;
}

interface ValueSpec { column: string; scale: number; lower: bigint; upper: bigint; lowerText: string; upperText: string }

function valueSpec(table: Table, q: Query, d: DatasetDescriptor, name: string, path: string): ValueSpec {
  findColumn(table, name, path);
  if (name === d.privacyUnit) bad('the privacy-unit column cannot be aggregated', [{ path, message: 'choose another column' }]);
  const b = q.bounds?.[name] ?? d.columns?.[name]?.bounds;
  if (!b) {
    bad(`"${name}" needs public bounds`, [{ path, message: `add "bounds": {"${name}": [lower, upper]} to the query (values are clamped to them), or declare them in the data-set descriptor` }]);
  }
  const scale = d.columns?.[name]?.scale ?? Math.max(decimals(b![0]), decimals(b![1]));
  if (scale > 12) bad('bounds with more than 12 decimal digits', [{ path: q.bounds?.[name] ? `$.bounds[${JSON.stringify(name)}]` : `descriptor.columns.${name}.bounds`, message: 'round them to 12 decimals or fewer' }]);
  const unit = 10n ** BigInt(scale);
  const lo = parseRational(b![0]), hi = parseRational(b![1]);
  const bpath = q.bounds?.[name] ? `$.bounds[${JSON.stringify(name)}]` : `descriptor.columns.${name}.bounds`;
  if (!lo || !hi) bad('bounds must be numbers', [{ path: bpath, message: 'two numbers' }]);
  const L = mul(lo!, rat(unit)), U = mul(hi!, rat(unit));
  if (L.den !== 1n || U.den !== 1n) bad('bounds must lie on the grid', [{ path: bpath, message: `with ${scale} decimal digits` }]);
  if (L.num > U.num) bad('lower bound above upper bound', [{ path: bpath, message: 'give [lower, upper]' }]);
  // (equal bounds leave nothing to measure — every clamped value is that one — and a zero sensitivity)
  if (L.num === U.num) bad('the bounds are equal: every clamped value would be that one', [{ path: bpath, message: 'give a lower bound below the upper one' }]);
  const LIM = 1n << 52n;
  if (L.num < -LIM || U.num > LIM) bad('bounds too large for the value grid', [{ path: bpath, message: `at most ±2^52 units of 10^-${scale}` }]);
  return { column: name, scale, lower: L.num, upper: U.num, lowerText: fixedPoint(L.num, scale), upperText: fixedPoint(U.num, scale) };
}

// --- plan -----------------------------------------------------------------------------------

type Share = { kind: 'epsilon'; value: Rational } | { kind: 'rho'; value: Rational };

interface Step {
  loss: PrivacyLoss;
  run(data: PatientRows, src: RandomSource, ctx: RunContext): void;
}

interface RunContext { dims: GroupDim[]; cells: number; assign: CellAssigner; keptKeys: Key[] | null; results: StatisticResult[]; selection?: PartitionSelectionInfo }

export interface Plan {
  query: Query;
  dataset: DatasetDescriptor;
  /** The privacy losses of every measurement, at distance 1 patient. */
  losses: PrivacyLoss[];
  charge(measure: LedgerMeasure): Charge;
  /** Runs the measurements (after admission). */
  execute(src?: RandomSource): Answer;
}

const BASE: PatientRowsDomain = { kind: 'patient-rows' };

function chain<O>(ts: Transformation<any, any>[], m: Measurement<any, O>): Measurement<PatientRows, O> {
  let t = ts[0]!;
  for (let i = 1; i < ts.length; i++) t = makeChainTT(ts[i]!, t);
  return makeChainMT(m, t);
}

function splitShare(s: Share, n: number): Share { return { kind: s.kind, value: div(s.value, rat(BigInt(n))) }; }

function noiseFor(agg: Transformation<BoundedCells, bigint[]>, share: Share): {
  m: Measurement<bigint[], bigint[]>; mechanism: string; noise: Record<string, string | number>; sensitivity: Record<string, string>; halfWidth: (alpha: number) => number;
} {
  const sens = agg.stabilityMap(rat(1n));
  const dom = agg.outputDomain as Extract<Domain, { kind: 'int-vector' }>;
  if (share.kind === 'epsilon') {
    const scale = div(sens, share.value);
    const m = makeDiscreteLaplace(dom, 'l1', scale);
    const b = toNumber(scale);
    return { m, mechanism: 'discrete-laplace', noise: { scale: toString(scale), scaleApprox: b, stddev: discreteLaplaceStddev(b) }, sensitivity: { l1: toString(sens) }, halfWidth: (a) => discreteLaplaceHalfWidth(b, a) };
  }
  const sigma2 = div(sens, mul(rat(2n), share.value));
  const m = makeDiscreteGaussian(dom, 'l2sq', sigma2);
  const s2 = toNumber(sigma2);
  return { m, mechanism: 'discrete-gaussian', noise: { sigma2: toString(sigma2), sigmaApprox: Math.sqrt(s2) }, sensitivity: { l2squared: toString(sens) }, halfWidth: (a) => discreteGaussianHalfWidth(s2, a) };
}

function privacyOf(share: Share): { epsilon?: string; rho?: string } {
  return share.kind === 'epsilon' ? { epsilon: toString(share.value) } : { rho: toString(share.value) };
}

function checkLoss(loss: PrivacyLoss, share: Share): void {
  // the calibrated measurement must cost exactly its share (guards the planner's arithmetic)
  const ok = share.kind === 'epsilon' ? loss.measure === 'pure-dp' && eq(loss.epsilon, share.value)
    : loss.measure === 'zcdp' && eq(loss.rho, share.value);
  if (!ok) throw new AnonymatError('internal', 'planner calibration mismatch');
}

/** ε for a pure-DP mechanism inside a ρ budget: the largest ε = k/10^6 with ε²/2 ≤ ρ. */
function epsilonWithin(share: Share): Rational {
  return share.kind === 'epsilon' ? share.value : sqrtDown(mul(rat(2n), share.value));
}

/**
 * Every place the query reads a column as numbers (range conditions, histograms, sums, means, variances, quantiles), with
 * its JSON path. Exported for a caller that declares types itself (the observatory's schema) and words its own refusal.
 */
export function numericReads(q: Query): { column: string; path: string; what: string }[] {
  const out: { column: string; path: string; what: string }[] = [];
  for (const [name, cond] of Object.entries(q.where ?? {})) {
    if (cond !== null && typeof cond === 'object' && !('in' in cond)) out.push({ column: name, path: `$.where[${JSON.stringify(name)}]`, what: 'a range condition' });
  }
  q.select.forEach((item, i) => {
    for (const k of ['sum', 'mean', 'variance', 'histogram', 'quantile'] as const) {
      const v = (item as Record<string, unknown>)[k];
      if (typeof v === 'string') out.push({ column: v, path: `$.select[${i}].${k}`, what: k === 'histogram' ? 'a histogram' : `a ${k}` });
    }
  });
  return out;
}

/**
 * A column's declared type: the descriptor's `type` (its bounds or scale declare numbers), else none. Never the table's
 * kind — a reader that infers types from the values (readTable's default, a Parquet writer's) makes it the data's: one
 * patient's "abc" made an integer column text, and an answered, charged query a free refusal — and never the values'. A
 * caller whose types are a schema fixed before the data (the observatory) puts them in the descriptor it builds.
 */
function declaredType(column: string, d: DatasetDescriptor): Column['kind'] | undefined {
  const c = d.columns?.[column];
  if (c?.type) return c.type;
  if (c?.bounds !== undefined || c?.scale !== undefined) return 'decimal';
  return undefined;
}

/**
 * Refuses, before anything is priced or charged, a query that reads as numbers a column not declared numeric — a mean of a
 * text column was answered over no value at all, its budget spent for nothing — and bounds for a column no statistic
 * clamps. The decision reads the descriptor and the query, never the table's types nor a value: "refused because some row
 * is text" would tell one patient's value at no charge (an oracle no noise hides). The table is read for its column names
 * only. Messages name columns and JSON paths, never a value.
 */
function checkColumns(table: Table, q: Query, d: DatasetDescriptor): void {
  const issues: Issue[] = [];
  const refused = new Set<string>();
  for (const r of numericReads(q)) {
    // (unknown columns and the privacy unit are refused where they are read, with their own messages)
    const col = table.columns.find((c) => c.name === r.column);
    if (!col || r.column === d.privacyUnit) continue;
    const t = declaredType(r.column, d);
    if (t !== undefined && t !== 'string') continue;
    refused.add(r.column);
    const name = JSON.stringify(r.column);
    issues.push({
      path: r.path,
      message: t === 'string'
        ? `${r.what} needs numbers; the data-set descriptor declares ${name} text ("type": "string"): count it with groupBy or an equality condition instead`
        : `${r.what} needs numbers; the data-set descriptor declares no type for ${name} (the data's own types never count). If it holds numbers or ISO dates, the data steward declares it: "columns": {${name}: {"type": "decimal"}} ("integer", "date" or "boolean"), or its "bounds"`,
    });
  }
  const clamped = new Set(q.select.flatMap((item) => ('sum' in item ? [item.sum] : 'mean' in item ? [item.mean] : 'variance' in item ? [item.variance] : 'quantile' in item ? [item.quantile] : [])));
  for (const name of Object.keys(q.bounds ?? {})) {
    if (!clamped.has(name)) issues.push({ path: `$.bounds[${JSON.stringify(name)}]`, message: `no sum, mean, variance or quantile of the query reads ${JSON.stringify(name)}: remove these bounds, or fix the column's name` });
  }
  if (!issues.length) return;
  const names = [...refused].map((n) => JSON.stringify(n)).join(', ');
  bad(refused.size === 0 ? 'bounds given for a column the query does not clamp (nothing was charged)'
    : `${refused.size === 1 ? `column ${names} is` : `columns ${names} are`} not declared numeric (nothing was charged)`, issues);
}

/**
 * The columns the query reads as numbers (range conditions, histograms, sums, means, variances, quantiles) — each declared
 * numeric (checkColumns) — read as numbers whatever their values: a text label that is no number becomes missing, and
 * true/false are 1/0 (a boolean's mean is a proportion) whatever numeric type the column is declared. A value's number
 * depends on its label only, never on the type a reader inferred from the column's other values: one patient's "abc" in
 * an age column made it text, and the query an error where its neighbour's was answered; one patient's "yes" among
 * true/false made every value of a column declared `integer` missing where the inferred boolean read 1/0 — outcomes a
 * neighbouring data set does not give, at no charge. (A column of numbers, dates or booleans keeps its own numbers: they
 * are its labels' numbers read so.)
 */
function numericViews(table: Table, q: Query): Table {
  const names = new Set(numericReads(q).map((r) => r.column));
  if (![...names].some((n) => table.columns.some((c) => c.name === n && !c.numbers))) return table;
  return Object.freeze({
    rowCount: table.rowCount,
    columns: Object.freeze(table.columns.map((c): Column => {
      if (!names.has(c.name) || c.numbers) return c;
      return Object.freeze({ ...c, kind: 'decimal' as const, numbers: Float64Array.from(c.dictionary, (l) => (l === null || l === undefined ? NaN : labelNumber(l))) });
    })),
  });
}
/** A text label's number as a query reads it: true/false (any case, spaces around) 1/0, else textNumber's. */
function labelNumber(l: string): number {
  const t = l.trim().toLowerCase();
  return t === 'true' ? 1 : t === 'false' ? 0 : textNumber(l);
}
const NUMBER = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
const ISO_DAY = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;
/**
 * A text label's number, as its column would give it read as numbers or dates: a number; an ISO date (a day of the
 * calendar) as its days since 1970-01-01, a date column's number — one patient's "2020-02-30" made the column text, and
 * every date in it missing; else NaN (missing).
 */
export function textNumber(l: string): number {
  if (NUMBER.test(l)) return Number(l);
  const m = ISO_DAY.exec(l);
  if (m === null) return NaN;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? Math.floor(t / 86_400_000) : NaN;
}

/** The smallest δ of partition selection: far above the 2^-192 precision of the certified tail bounds. */
const MIN_DELTA: Rational = { num: 1n, den: 10n ** 30n };

export function planQuery(tableIn: Table, queryDoc: unknown, dataset: DatasetDescriptor): Plan {
  const q = parseQuery(queryDoc);
  if (q.from !== dataset.name) bad(`unknown data set "${q.from}"`, [{ path: '$.from', message: `this data set is "${dataset.name}"` }]);
  if ((q.mechanism ?? 'dp') !== 'dp') bad('use planSuppression for small-cell suppression', [{ path: '$.mechanism', message: 'not a DP mechanism' }]);
  checkColumns(tableIn, q, dataset);
  const table = queryView(tableIn, q);
  findColumn(table, dataset.privacyUnit, 'descriptor.privacyUnit');
  const mask = whereMask(table, q.where, dataset.privacyUnit);
  const confidence = q.confidence ? toNumber(q.confidence) : 0.95;
  const alpha = 1 - confidence;
  const m = q.contributions?.rowsPerGroup ?? dataset.contributions?.rowsPerGroup ?? 1;
  const kWanted = q.contributions?.groupsPerPatient ?? dataset.contributions?.groupsPerPatient ?? 1;

  // group dimensions
  const groupBy = q.groupBy ?? [];
  const publicDims: GroupDim[] = [];
  const unknown: string[] = [];
  groupBy.forEach((g, i) => {
    findColumn(table, g, `$.groupBy[${i}]`);
    if (g === dataset.privacyUnit) bad('cannot group by the privacy-unit column', [{ path: `$.groupBy[${i}]`, message: 'group by other columns' }]);
    const keys = q.keys?.[g] ?? dataset.columns?.[g]?.keys;
    if (keys) publicDims.push(publicDim(findColumn(table, g, `$.groupBy[${i}]`), keys)); else unknown.push(g);
  });
  for (const k of Object.keys(q.keys ?? {})) if (!groupBy.includes(k)) bad('keys given for a column that is not grouped by', [{ path: `$.keys[${JSON.stringify(k)}]`, message: 'add it to groupBy or remove it' }]);
  if (unknown.length && publicDims.length) bad('give public keys for all group-by columns, or for none', [{ path: '$.keys', message: `missing keys for ${unknown.join(', ')}` }]);
  if (unknown.length && !q.delta) bad('grouping by columns without public keys needs "delta" (partition selection)', [{ path: '$.delta', message: 'e.g. "1e-9", or give public keys in "keys"' }]);
  if (!unknown.length && q.delta) bad('"delta" is only used when group keys come from the data', [{ path: '$.delta', message: 'remove it' }]);
  // (the threshold's δ is certified with exact bounds of 2^-192 precision: a δ near it has no threshold to find)
  if (q.delta && cmp(q.delta, MIN_DELTA) < 0) bad('"delta" is too small to certify', [{ path: '$.delta', message: 'at least 1e-30 (1e-9 is usual)' }]);

  const total: Share = q.epsilon ? { kind: 'epsilon', value: q.epsilon } : { kind: 'rho', value: q.rho! };
  // (a budget so small that the noise's scale exceeds what an answer can hold — 10^12 and more — buys nothing: refused before any
  // charge, not answered with ±Infinity)
  if (q.epsilon ? cmp(q.epsilon, rat(1n, 10n ** 12n)) < 0 : cmp(q.rho!, rat(1n, 10n ** 24n)) < 0) {
    bad(`${q.epsilon ? 'epsilon' : 'rho'} is too small: the noise would exceed what an answer can hold`, [{ path: q.epsilon ? '$.epsilon' : '$.rho', message: q.epsilon ? 'at least 1e-12' : 'at least 1e-24' }]);
  }
  const nParts = q.select.length + (unknown.length ? 1 : 0);
  const itemShare = splitShare(total, nParts);
  const steps: Step[] = [];
  const tooMany = (cells: number, path: string) => { if (cells > 1_000_000) bad('too many cells', [{ path, message: `${cells} cells; at most 1,000,000` }]); };

  // partition selection for unknown keys
  let selectionAssigner: ReturnType<typeof dataAssigner> | null = null;
  if (unknown.length) {
    const k = kWanted;
    const eps = epsilonWithin(itemShare);
    if (eps.num === 0n) bad('the budget is too small for partition selection', [{ path: '$', message: 'raise epsilon / rho' }]);
    const scale = div(rat(BigInt(k)), eps);
    const T = thresholdFor(scale, q.delta!, k);
    selectionAssigner = dataAssigner(table, unknown);
    const bound = makeBoundedContributions(BASE, 'patient', { cells: null, assign: selectionAssigner.assign, rowsPerCell: 1, cellsPerPatient: k });
    const thr = makeLaplaceThreshold(bound.outputDomain as any, 'patient', { scale, threshold: T, delta: q.delta! });
    const meas = chain([bound], thr);
    const loss = meas.privacyMap(rat(1n));
    steps.push({
      loss,
      run(data, src, ctx) {
        const kept = meas.function(data, src);
        const tuples = selectionAssigner!.tuples();
        // released keys in a data-independent order (by their labels, missing last): the cell ids
        // follow the order of first appearance in the file, which must not leak
        const cmpLabel = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
        ctx.keptKeys = [...kept.keys()].map((c) => tuples[c]!)
          .sort((x, y) => { for (const u of unknown) { const d = cmpLabel(x[u] ?? null, y[u] ?? null); if (d) return d; } return 0; });
        // later statistics use the released keys as public keys
        const dims = unknown.map((col) => ({ column: col, labels: [] as (string | null)[] }));
        const idx = new Map<string, number>();
        // (JSON of the labels: a missing value (null) and the text "null" are two cells)
        ctx.keptKeys.forEach((key, i) => idx.set(JSON.stringify(unknown.map((u) => key[u] ?? null)), i));
        const cols = unknown.map((u) => data.table.columns.find((c) => c.name === u)!);
        ctx.dims = dims;
        ctx.cells = ctx.keptKeys.length;
        ctx.assign = (t) => {
          const cell = new Int32Array(t.rowCount);
          const lab = (c: Column, r: number) => c.dictionary[c.codes[r]!] ?? null;
          for (let r = 0; r < cell.length; r++) cell[r] = idx.get(JSON.stringify(cols.map((c) => lab(c, r)))) ?? -1;
          return { cell, cells: Math.max(1, ctx.cells) };
        };
        if (loss.measure === 'approx-dp') ctx.selection = {
          mechanism: 'laplace-threshold', epsilon: toString(loss.epsilon), delta: toString(loss.delta), scale: toString(scale), threshold: T.toString(), groupsReleased: ctx.keptKeys.length,
        };
      },
    });
  }

  const pub = publicAssigner(table, publicDims);
  if (!unknown.length) tooMany(pub.cells, '$.groupBy');

  q.select.forEach((item, i) => {
    const path = `$.select[${i}]`;
    steps.push(...planItem(table, q, dataset, item, path, itemShare, { m, kWanted, alpha, confidence, publicCells: unknown.length ? null : pub.cells, publicAssign: unknown.length ? null : pub.assign }));
  });

  return {
    query: q,
    dataset,
    losses: steps.map((s) => s.loss),
    charge: (measure) => chargeOf(steps.map((s) => s.loss), measure),
    execute(src = defaultSource()) {
      let data = preparePatientRows(table, dataset.privacyUnit);
      data = withMask(data, mask);
      const ctx: RunContext = { dims: publicDims, cells: pub.cells, assign: pub.assign, keptKeys: null, results: [] };
      for (const s of steps) s.run(data, src, ctx);
      return {
        status: 'answered', differentialPrivacy: true, dataset: dataset.name, client: null, randomness: src.kind,
        cost: null, budget: null, ...(ctx.selection ? { partitionSelection: ctx.selection } : {}), results: ctx.results,
      };
    },
  };
}

interface ItemParams { m: number; kWanted: number; alpha: number; confidence: number; publicCells: number | null; publicAssign: CellAssigner | null }

/** Builds the measurement(s) of one select item. Cells may only be known at run time (after selection). */
function planItem(table: Table, q: Query, d: DatasetDescriptor, item: SelectItem, path: string, share: Share, p: ItemParams): Step[] {
  // the privacy loss does not depend on the number of cells (only on k, m and bounds), so plan with a
  // representative cell count and rebuild with the actual one at run time for data-derived keys
  const build = (cells: number, assign: CellAssigner) => buildItem(table, q, d, item, path, share, p, cells, assign);
  const built = new WeakMap<RunContext, Step[]>();
  const forRun = (ctx: RunContext): Step[] => {
    let b = built.get(ctx);
    if (!b) { b = build(ctx.cells, ctx.assign); built.set(ctx, b); }
    return b;
  };
  // public keys: the steps are built once, with the real assigner, and reused by every execution
  if (p.publicCells !== null && p.publicAssign) return build(p.publicCells, p.publicAssign);
  const probe = build(p.publicCells ?? Math.max(p.kWanted, 1), () => { throw new Error('unused'); });
  return probe.map((s, j) => ({
    loss: s.loss,
    run: (data, src, ctx) => {
      if (ctx.cells === 0) { if (j === 0) ctx.results.push(emptyResult(item, share, p)); return; }
      forRun(ctx)[j]!.run(data, src, ctx);
    },
  }));
}

function statName(item: SelectItem): string {
  if ('count' in item) return `count(${item.count})`;
  if ('sum' in item) return `sum(${item.sum})`;
  if ('mean' in item) return `mean(${item.mean})`;
  if ('variance' in item) return `variance(${item.variance})`;
  if ('histogram' in item) return `histogram(${item.histogram})`;
  return `quantile(${item.quantile})`;
}

function emptyResult(item: SelectItem, share: Share, p: ItemParams): StatisticResult {
  return {
    statistic: statName(item), mechanism: 'none', privacy: privacyOf(share), noise: {}, sensitivity: {},
    contributions: { rowsPerGroup: p.m, groupsPerPatient: p.kWanted }, confidence: p.confidence, rows: [],
    note: 'no group passed the partition-selection threshold',
  };
}

function buildItem(table: Table, q: Query, d: DatasetDescriptor, item: SelectItem, path: string, share: Share, p: ItemParams, cellsIn: number, assignIn: CellAssigner): Step[] {
  let cells = cellsIn, assign = assignIn;
  let histDims: GroupDim[] | null = null;
  if ('histogram' in item) {
    // (the privacy unit is no value to count, as it is none to sum: docs/dp.md — "cannot be filtered, grouped or aggregated")
    if (item.histogram === d.privacyUnit) bad('the privacy-unit column cannot be aggregated', [{ path, message: 'choose another column' }]);
    const h = histogramAssigner(table, item.histogram, item.bins, path);
    cells = h.cells; assign = h.assign; histDims = h.dims;
  }
  // public cells: no patient can touch more cells than exist; data-derived cells: keep the planned k
  const k = p.publicCells !== null || histDims ? Math.min(p.kWanted, cells) : p.kWanted;
  const contributions = { rowsPerGroup: p.m, groupsPerPatient: k };
  const metric = share.kind === 'epsilon' ? 'l1' as const : 'l2sq' as const;
  const rowsOf = (ctx: RunContext, values: (c: number) => { value: number | null; ci: [number, number] | null }): ResultRow[] => {
    const out: ResultRow[] = [];
    for (let c = 0; c < cells; c++) {
      const key = histDims ? keysOfCell(histDims, c) : ctx.keptKeys ? ctx.keptKeys[c]! : keysOfCell(ctx.dims, c);
      out.push({ key, ...values(c) });
    }
    return out;
  };

  if ('count' in item || 'histogram' in item) {
    const distinct = 'histogram' in item || item.count === 'patients';
    const bound = makeBoundedContributions(BASE, 'patient', { cells, assign, rowsPerCell: distinct ? 1 : p.m, cellsPerPatient: k });
    const agg = makeCount(bound.outputDomain as any, 'patient', { distinct, metric });
    const nz = noiseFor(agg, share);
    const meas = chain([bound, agg], nz.m);
    const loss = meas.privacyMap(rat(1n));
    checkLoss(loss, share);
    return [{
      loss,
      run(data, src, ctx) {
        const noisy = meas.function(data, src);
        const w = nz.halfWidth(p.alpha);
        ctx.results.push({
          statistic: statName(item), mechanism: nz.mechanism, privacy: privacyOf(share), noise: nz.noise, sensitivity: nz.sensitivity,
          contributions: distinct ? { rowsPerGroup: 1, groupsPerPatient: k } : contributions, confidence: p.confidence,
          rows: rowsOf(ctx, (c) => { const v = Number(noisy[c]!); return { value: v, ci: [v - w, v + w] }; }),
        });
      },
    }];
  }

  if ('quantile' in item) {
    const spec = valueSpec(table, q, d, item.quantile, `${path}.quantile`);
    const qs = Array.isArray(item.q) ? item.q : [item.q];
    const unit = 10n ** BigInt(spec.scale);
    let step: bigint;
    if (item.grid) {
      const g = mul(item.grid, rat(unit));
      if (g.den !== 1n) bad('the grid step must be a multiple of the value grid', [{ path: `${path}.grid`, message: `with ${spec.scale} decimal digits` }]);
      step = g.num;
    } else step = (spec.upper - spec.lower) / 1000n > 0n ? (spec.upper - spec.lower) / 1000n : 1n;
    const cands: bigint[] = [];
    for (let v = spec.lower; v <= spec.upper; v += step) { cands.push(v); if (cands.length > 100_000) bad('too many quantile candidates', [{ path: `${path}.grid`, message: 'use a coarser grid (at most 100,000 points)' }]); }
    const each = splitShare(share, qs.length);
    const eps = epsilonWithin(each);
    if (eps.num === 0n) bad('the budget is too small for this quantile', [{ path, message: 'raise epsilon / rho' }]);
    const clamp = makeClamp(BASE, 'patient', { column: spec.column, scale: spec.scale, lower: spec.lower, upper: spec.upper });
    const bound = makeBoundedContributions(clamp.outputDomain as PatientRowsDomain, 'patient', { cells: 1, assign: (t) => ({ cell: new Int32Array(t.rowCount), cells: 1 }), rowsPerCell: p.m, cellsPerPatient: 1 });
    const meass = qs.map((alpha) => {
      const scores = makeQuantileScores(bound.outputDomain as any, 'patient', { candidates: cands, alpha });
      const sens = scores.stabilityMap(rat(1n));
      const temperature = div(mul(rat(2n), sens), eps); // ε = 2Δ/τ
      const pf = makePermuteAndFlip(scores.outputDomain as any, 'linf', temperature);
      return { meas: chain([clamp, bound, scores], pf), sens, alpha, temperature };
    });
    const losses = meass.map((x) => x.meas.privacyMap(rat(1n)));
    const asShare: Share = { kind: 'epsilon', value: eps };
    losses.forEach((l) => checkLoss(l, asShare));
    return meass.map((x, j) => ({
      loss: losses[j]!,
      run(data, src, ctx) {
        const idx = x.meas.function(data, src);
        // with probability ≥ 1 − α the utility gap is ≤ 2Δ·ln(C/α)/ε (MS20; PF dominates EM)
        const gap = (toNumber(x.sens) * 2 * Math.log(cands.length / p.alpha)) / toNumber(eps);
        const rankRows = Math.ceil(gap / Number(x.alpha.den));
        const value = Number(fixedPoint(cands[idx]!, spec.scale));
        const prev = j > 0 ? ctx.results[ctx.results.length - 1] : undefined;
        const row: ResultRow = { key: { q: toString(x.alpha) }, value, ci: null };
        if (prev && prev.statistic === statName(item) && j > 0) { prev.rows.push(row); prev.rankAccuracy!.push(rankRows); return; }
        ctx.results.push({
          statistic: statName(item), mechanism: 'permute-and-flip', privacy: { epsilon: toString(eps) },
          noise: { temperature: toString(x.temperature), candidates: cands.length }, sensitivity: { linf: toString(x.sens) },
          contributions: { rowsPerGroup: p.m, groupsPerPatient: 1 }, bounds: [spec.lowerText, spec.upperText], grid: fixedPoint(step, spec.scale),
          confidence: p.confidence, rows: [row], rankAccuracy: [rankRows],
          note: 'ci is null for quantiles: rankAccuracy bounds the rank error instead',
        });
      },
    }));
  }

  // sum / mean / variance
  const name = 'sum' in item ? item.sum : 'mean' in item ? item.mean : item.variance;
  const spec = valueSpec(table, q, d, name, path);
  const parts = 'sum' in item ? 1 : 'mean' in item ? 2 : 3;
  const sub = splitShare(share, parts);
  const clamp = makeClamp(BASE, 'patient', { column: spec.column, scale: spec.scale, lower: spec.lower, upper: spec.upper });
  const bound = makeBoundedContributions(clamp.outputDomain as PatientRowsDomain, 'patient', { cells, assign, rowsPerCell: p.m, cellsPerPatient: k });
  // mean and variance sum values centred on the middle of the public bounds (halves B, quarters B²)
  const center = parts === 1 ? 0n : (spec.lower + spec.upper) / 2n;
  const aggs = [makeSum(bound.outputDomain as any, 'patient', { metric, center })];
  if (parts >= 2) aggs.push(makeCount(bound.outputDomain as any, 'patient', { distinct: false, metric }));
  if (parts === 3) aggs.push(makeSum(bound.outputDomain as any, 'patient', { metric, squares: true, center }));
  const noises = aggs.map((a) => noiseFor(a, sub));
  const meass = aggs.map((a, j) => chain([clamp, bound, a], noises[j]!.m));
  const losses = meass.map((m) => m.privacyMap(rat(1n)));
  losses.forEach((l) => checkLoss(l, sub));
  const scaleF = 10 ** spec.scale;
  const lo = Number(spec.lowerText), hi = Number(spec.upperText);
  const outs: bigint[][] = [];
  return meass.map((meas, j) => ({
    loss: losses[j]!,
    run(data, src, ctx) {
      outs[j] = meas.function(data, src);
      if (j !== meass.length - 1) return;
      const a = parts === 1 ? p.alpha : p.alpha / parts;
      const w = noises.map((n) => n.halfWidth(a));
      const noise: Record<string, string | number> = {};
      const sens: Record<string, string> = {};
      ['sum', 'count', 'sumOfSquares'].slice(0, parts).forEach((label, t) => {
        for (const [kk, v] of Object.entries(noises[t]!.noise)) noise[`${label}.${kk}`] = v;
        for (const [kk, v] of Object.entries(noises[t]!.sensitivity)) sens[`${label}.${kk}`] = v;
      });
      const cShift = Number(center) / scaleF; // the public centre, in value units
      const rows = rowsOf(ctx, (c) => {
        const S = Number(outs[0]![c]!) / scaleF, wS = w[0]! / scaleF;
        if (parts === 1) return { value: S, ci: [S - wS, S + wS] };
        const N = Number(outs[1]![c]!), wN = w[1]!;
        if (N < 1) return { value: null, ci: parts === 2 ? [lo, hi] : [0, ((hi - lo) / 2) ** 2] };
        const clampV = (x: number) => Math.min(hi, Math.max(lo, x));
        const mean = clampV(cShift + S / N);
        const nLo = N - wN, nHi = N + wN;
        const ratios = (a1: number, a2: number): [number, number] => {
          if (nLo <= 0) return [-Infinity, Infinity];
          const r = [a1 / nLo, a1 / nHi, a2 / nLo, a2 / nHi];
          return [Math.min(...r), Math.max(...r)];
        };
        const [dLo, dHi] = ratios(S - wS, S + wS); // bounds on (mean − centre)
        const mLo = cShift + dLo, mHi = cShift + dHi;
        if (parts === 2) return { value: mean, ci: [clampV(mLo), clampV(mHi)] };
        // variance = E[(x − c)²] − (mean − c)², both from the centred sums
        const Q = Number(outs[2]![c]!) / (scaleF * scaleF), wQ = w[2]! / (scaleF * scaleF);
        const vmax = ((hi - lo) / 2) ** 2;
        const dm = mean - cShift;
        const variance = Math.min(vmax, Math.max(0, Q / N - dm * dm));
        const [qLo, qHi] = ratios(Q - wQ, Q + wQ);
        const mLoC = clampV(mLo) - cShift, mHiC = clampV(mHi) - cShift;
        const sqMax = Math.max(mLoC * mLoC, mHiC * mHiC);
        const sqMin = mLoC <= 0 && mHiC >= 0 ? 0 : Math.min(mLoC * mLoC, mHiC * mHiC);
        return { value: variance, ci: [Math.max(0, Math.min(vmax, qLo - sqMax)), Math.min(vmax, Math.max(0, qHi - sqMin))] };
      });
      ctx.results.push({
        statistic: statName(item), mechanism: noises[0]!.mechanism, privacy: privacyOf(share), noise, sensitivity: sens,
        contributions, bounds: [spec.lowerText, spec.upperText], grid: fixedPoint(1n, spec.scale), confidence: p.confidence, rows,
        ...(parts > 1 ? { note: `${parts === 2 ? 'centre + noisy Σ(x − centre) / noisy count' : 'noisy Σ(x − centre)² / count − (mean − centre)²'} with centre ${fixedPoint(center, spec.scale)} (middle of the bounds), each part measured with 1/${parts} of the budget; the interval combines ${parts} intervals at confidence 1 − α/${parts} each` } : {}),
      });
    },
  }));
}

// --- run with the ledger ----------------------------------------------------------------------

function costView(c: Charge): { measure: LedgerMeasure; amount: string; delta: string } {
  return { measure: c.measure, amount: toString(c.amount), delta: toString(c.delta) };
}

/**
 * Validates, prices, charges and answers a query. The ledger is charged BEFORE any noise is
 * drawn; a refused query spends nothing and returns {status: 'refused'} with what remains.
 */
export async function runQuery(table: Table, queryDoc: unknown, opts: RunOptions): Promise<QueryOutcome> {
  const started = performance.now();
  const out = await runQueryUnpadded(table, queryDoc, opts);
  // timers may fire a fraction of a millisecond early: wait until the full padding has elapsed
  for (let wait = (opts.padMs ?? 0) - (performance.now() - started); wait > 0; wait = (opts.padMs ?? 0) - (performance.now() - started)) {
    await new Promise((r) => setTimeout(r, Math.ceil(wait)));
  }
  return out;
}

async function runQueryUnpadded(table: Table, queryDoc: unknown, opts: RunOptions): Promise<QueryOutcome> {
  const raw = parseQuery(queryDoc);
  if ((raw.mechanism ?? 'dp') === 'small-cell-suppression') return runSuppression(table, raw, opts.dataset);
  const plan = planQuery(table, queryDoc, opts.dataset);
  const alloc = await opts.ledger.get(opts.client, opts.dataset.name);
  if (!alloc) {
    throw new AnonymatError('budget-exhausted', `no budget is allocated to this client on data set "${opts.dataset.name}"`, [
      { path: '--client', message: 'ask the data steward to allocate one: anonymat dp budget --ledger <file> --client <id> --dataset <name> --allocate-rho <ρ>' },
    ]);
  }
  const c = plan.charge(alloc.measure);
  const res = await opts.ledger.spend(opts.client, opts.dataset.name, c, JSON.stringify(plan.query, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  if (!res.ok) return { status: 'refused', dataset: opts.dataset.name, client: opts.client, reason: res.reason, cost: costView(c), budget: res.budget };
  const answer = plan.execute(opts.rng ?? defaultSource());
  return { ...answer, client: opts.client, cost: costView(c), budget: res.budget };
}

/** Small-cell suppression (NOT differential privacy): exact counts, small cells hidden. */
export function runSuppression(tableIn: Table, q: Query, d: DatasetDescriptor): SuppressionAnswer {
  checkColumns(tableIn, q, d);
  const table = queryView(tableIn, q);
  if (!d.suppression?.allowed) {
    throw new AnonymatError('invalid-query', 'small-cell suppression is not allowed on this data set', [
      { path: '$.mechanism', message: 'the data-set descriptor must set suppression.allowed: true; use a DP query instead' },
    ]);
  }
  if (q.from !== d.name) bad(`unknown data set "${q.from}"`, [{ path: '$.from', message: `this data set is "${d.name}"` }]);
  const threshold = q.suppression?.threshold ?? d.suppression.threshold ?? 11;
  if (threshold < (d.suppression.threshold ?? 11)) bad('the threshold is below the data set minimum', [{ path: '$.suppression.threshold', message: `at least ${d.suppression.threshold ?? 11}` }]);
  const groupBy = q.groupBy ?? [];
  if (groupBy.length > 2) bad('small-cell suppression handles at most 2 group-by columns', [{ path: '$.groupBy', message: 'one or two columns' }]);
  const mask = whereMask(table, q.where, d.privacyUnit);
  const data = withMask(preparePatientRows(table, d.privacyUnit), mask);
  const dims: GroupDim[] = groupBy.map((g, i) => {
    const col = findColumn(table, g, `$.groupBy[${i}]`);
    const keys = q.keys?.[g] ?? d.columns?.[g]?.keys;
    return keys ? publicDim(col, keys) : { column: g, labels: [...col.dictionary] };
  });
  const { assign, cells } = publicAssigner(table, dims);
  const results = q.select.map((item) => {
    const distinct = 'count' in item && item.count === 'patients';
    const rows = distinct ? 1 : Number.MAX_SAFE_INTEGER;
    const bound = makeBoundedContributions(BASE, 'patient', { cells, assign, rowsPerCell: Math.min(rows, 2 ** 30), cellsPerPatient: Math.max(1, cells) });
    const counts = makeCount(bound.outputDomain as any, 'patient', { distinct, metric: 'l1' }).function(bound.function(data)).map(Number);
    const R = dims.length === 2 ? dims[0]!.labels.length : 1;
    const C = dims.length === 0 ? 1 : dims[dims.length - 1]!.labels.length;
    return suppressCounts(counts, R, C, threshold, {
      statistic: statName(item),
      rowLabels: dims.length === 2 ? dims[0]!.labels : [null],
      colLabels: dims.length === 0 ? [null] : dims[dims.length - 1]!.labels,
      rowColumn: dims.length === 2 ? dims[0]!.column : null,
      colColumn: dims.length === 0 ? null : dims[dims.length - 1]!.column,
    });
  });
  return {
    status: 'answered', differentialPrivacy: false,
    notice: 'NOT differential privacy: exact counts with small cells suppressed (primary threshold and secondary suppression). This protects against direct reading of small cells and single-line subtraction, not against an adversary with auxiliary information or several overlapping tables.',
    dataset: d.name, results,
  };
}


