/**
 * MDAV microaggregation (Maximum Distance to Average Vector; Domingo-Ferrer & Mateo-Sanz 2002,
 * Domingo-Ferrer & Torra 2005), as implemented by sdcMicro (`mdav()`, src/Mdav.cpp; our notes in
 * ../shared/reference/sdcmicro.md §8), for numeric quasi-identifiers.
 *
 * Distance: squared Euclidean, each variable weighted by 1 / (population variance) (× an optional
 * user weight); a missing-vs-present pair costs (max − min)² × weight, missing-vs-missing 0.
 * Distances are accumulated in single precision, as sdcMicro does, so ties resolve as in sdcMicro.
 *
 * While at least 2k records remain:
 *   1. c = centroid of the remaining records; r = the record farthest from c;
 *   2. group r with its k − 1 nearest remaining records (r included, k in all);
 *   3. if at least 3k records remained at step 1: s = the record farthest from r (among the records
 *      remaining before step 2), and group s with its k − 1 nearest remaining records.
 * The last < 2k records (k..2k−1 when n ≥ k) form the last group. So every group has k records
 * except the last (k..2k−1), and there are floor(n / k) groups (1 group when n < k).
 *
 * Tie-break (deterministic, sdcMicro's): "farthest" takes the lowest row index among equal
 * distances; among records at equal distance from a group's seed, the higher row index joins first.
 *
 * Each value is replaced by its group's mean over the group's non-missing values, a missing value too (so that the
 * group's records are equal and k holds; a column the whole group misses stays missing). Date columns are aggregated as days since 1970-01-01 and written back as the mean
 * day rounded to the nearest day. Cost: O(n² p / k) time, O(n p) memory.
 *
 * Utility loss (and the interval disclosure risk), measured on the values written — a date column's means rounded to the day:
 *   - `sse`, `sst`, `informationLoss` = SSE / SST on the standardized values (z = (x − mean) / sd,
 *     population sd): SSE is the within-group sum of squares, SST the total sum of squares; 0 means
 *     nothing lost, 1 means every value replaced by the column mean (Domingo-Ferrer & Mateo-Sanz).
 *   - `il1s` = Σ |x − x̃| / (√2 · sd) with the sample sd (sdcMicro's dUtility "IL1s").
 */
import { AnonymatError } from '../errors.ts';
import type { Column, Table } from '../table/table.ts';
import { columnFromValues, isNumericKind, makeTable } from '../table/table.ts';

export interface MdavLoss {
  /** Within-group sum of squares of the standardized values. */
  readonly sse: number;
  /** Total sum of squares of the standardized values (n·p when nothing is missing or constant). */
  readonly sst: number;
  /** SSE / SST, in [0, 1] (0 when SST is 0) — a date column spanning a few days only can exceed 1: its rounding to whole days adds to SSE. */
  readonly informationLoss: number;
  /** sdcMicro's IL1s: Σ |x − x̃| / (√2 · sample sd). */
  readonly il1s: number;
  /** SSE / SST per column, in the order of `numericColumns`. */
  readonly perColumn: readonly { column: string; informationLoss: number }[];
}

export interface MdavResult {
  /** The input table with each listed column replaced by its group means (kind decimal; date columns: the mean day, rounded, kind date). */
  readonly table: Table;
  /** Group id of each row (groups numbered in order of formation). */
  readonly groupOf: Int32Array;
  /** Size of each group. */
  readonly groupSizes: Int32Array;
  readonly groups: number;
  /** Smallest group size (≥ k whenever n ≥ k). */
  readonly minGroupSize: number;
  /** Group centroids: centroids[g * p + j] (NaN when the group has no value for column j); unrounded (the table holds a date column's rounded to the day). */
  readonly centroids: Float64Array;
  readonly loss: MdavLoss;
  /**
   * Interval disclosure risk (sdcMicro's dRisk, k = 0.05): the share of records whose every original
   * value lies within ±0.05·sd of its masked value (sd of the masked column, sample sd).
   */
  readonly intervalDisclosureRisk: number;
}

export interface MdavOptions {
  /** One weight per column (multiplies 1 / variance); default 1. */
  readonly weights?: readonly number[];
}

const f32 = Math.fround;

export function mdav(table: Table, numericColumns: string[], k: number, options: MdavOptions = {}): MdavResult {
  if (!Number.isInteger(k) || k < 1) throw new AnonymatError('invalid-usage', `mdav: k must be a positive integer (got ${k})`, [{ path: 'k', message: 'use k ≥ 2' }]);
  if (numericColumns.length === 0) throw new AnonymatError('invalid-usage', 'mdav: no column to microaggregate', [{ path: 'numericColumns', message: 'list at least one numeric column' }]);
  const cols: Column[] = numericColumns.map((name) => {
    const c = table.columns.find((x) => x.name === name);
    if (!c) throw new AnonymatError('invalid-usage', `mdav: no column named ${name}`, [{ path: `numericColumns`, message: `column ${name} is not in the table` }]);
    if (!isNumericKind(c.kind) || !c.numbers) {
      throw new AnonymatError('invalid-usage', `mdav: column ${name} is not numeric (${c.kind})`, [{ path: `columns.${name}`, message: 'microaggregation needs an integer, decimal or date column' }]);
    }
    return c;
  });
  if (options.weights && options.weights.length !== cols.length) {
    throw new AnonymatError('invalid-usage', 'mdav: one weight per column is needed', [{ path: 'weights', message: `${options.weights.length} weights for ${cols.length} columns` }]);
  }
  const n = table.rowCount;
  const p = cols.length;
  // row-major matrix of values (NaN = missing)
  const X = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const c = cols[j]!; const num = c.numbers!; const codes = c.codes;
    for (let i = 0; i < n; i++) X[i * p + j] = num[codes[i]!]!;
  }
  // weights 1/variance (population), missing-pair distance (max-min)^2 * w
  const w = new Float64Array(p);
  const missDist = new Float32Array(p);
  const mean = new Float64Array(p);
  const popSd = new Float64Array(p);
  const sampleSd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0, m = 0, mn = Infinity, mx = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = X[i * p + j]!;
      if (Number.isNaN(v)) continue;
      m++; s += v; if (v < mn) mn = v; if (v > mx) mx = v;
    }
    const avg = m ? s / m : 0;
    // two-pass: the sum of squares about the mean, for the weights and the loss measures alike (ss/m − avg² cancelled
    // when the mean dwarfs the spread: 30 integers in 1e9..1e9+3 gave a variance of −128 for 1.38, a negative weight
    // that made "farthest" the nearest); a constant column's variance is 0 exactly (its mean may be an ulp off)
    let q = 0;
    if (mx > mn) for (let i = 0; i < n; i++) { const v = X[i * p + j]!; if (!Number.isNaN(v)) q += (v - avg) * (v - avg); }
    const variance = m ? q / m : 0;
    w[j] = (options.weights?.[j] ?? 1) / (variance ? variance : 1);
    missDist[j] = m ? f32((mx - mn) * (mx - mn) * w[j]!) : 0;
    mean[j] = avg;
    popSd[j] = m ? Math.sqrt(q / m) : 0;
    sampleSd[j] = m > 1 ? Math.sqrt(q / (m - 1)) : 0;
  }

  const dist = (a: number, b: Float64Array, bo: number): number => {
    let d = 0;
    for (let j = 0; j < p; j++) {
      const x = X[a + j]!; const y = b[bo + j]!;
      const xm = Number.isNaN(x); const ym = Number.isNaN(y);
      if (xm !== ym) d = f32(d + missDist[j]!);
      else if (!xm) { const t = x - y; d = f32(d + f32(t * t * w[j]!)); }
    }
    return d;
  };

  const groupOf = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  // alive rows in ascending order (compacted after each group)
  let alive = new Int32Array(n);
  for (let i = 0; i < n; i++) alive[i] = i;
  let left = n;
  const center = new Float64Array(p);
  const dists = new Float32Array(n);
  const bufRow = new Int32Array(Math.max(1, k));
  const bufDist = new Float32Array(Math.max(1, k));

  const takeGroup = (): void => {
    // distances from the seed row; k nearest by (distance asc, row desc)
    let cnt = 0;
    for (let a = 0; a < left; a++) {
      const i = alive[a]!;
      const d = dists[i]!;
      // is (d, i) better than the worst in the buffer?
      if (cnt === k) {
        const wd = bufDist[k - 1]!; const wr = bufRow[k - 1]!;
        if (!(d < wd || (d === wd && i > wr))) continue;
        cnt--;
      }
      let pos = cnt;
      while (pos > 0 && (d < bufDist[pos - 1]! || (d === bufDist[pos - 1]! && i > bufRow[pos - 1]!))) {
        bufDist[pos] = bufDist[pos - 1]!; bufRow[pos] = bufRow[pos - 1]!; pos--;
      }
      bufDist[pos] = d; bufRow[pos] = i; cnt++;
    }
    const g = sizes.length;
    for (let t = 0; t < cnt; t++) groupOf[bufRow[t]!] = g;
    sizes.push(cnt);
    let m = 0;
    for (let a = 0; a < left; a++) { const i = alive[a]!; if (groupOf[i] === -1) alive[m++] = i; }
    left = m;
  };
  const distancesFrom = (row: number): number => {
    // fills dists for alive rows; returns the farthest (lowest index among ties)
    let far = -1;
    for (let a = 0; a < left; a++) {
      const i = alive[a]!;
      const d = dist(i * p, X, row * p);
      dists[i] = d;
      if (far === -1 || d > dists[far]!) far = i;
    }
    return far;
  };

  while (left - k >= k) {
    const ngroups = left - 2 * k < k ? 1 : 2;
    // centroid of the remaining records
    center.fill(0);
    const cntNonMissing = new Int32Array(p);
    for (let a = 0; a < left; a++) {
      const o = alive[a]! * p;
      for (let j = 0; j < p; j++) { const v = X[o + j]!; if (!Number.isNaN(v)) { center[j] += v; cntNonMissing[j]++; } }
    }
    for (let j = 0; j < p; j++) center[j] = cntNonMissing[j] ? center[j]! / cntNonMissing[j]! : NaN;
    let cur = -1; let curD = -1;
    for (let a = 0; a < left; a++) {
      const i = alive[a]!;
      const d = dist(i * p, center, 0);
      if (cur === -1 || d > curD) { cur = i; curD = d; }
    }
    for (let l = 0; l < ngroups; l++) {
      const next = distancesFrom(cur);
      takeGroup(); // the k nearest to `cur` (dists were just filled from it)
      cur = next;
    }
  }
  if (left > 0) {
    const g = sizes.length;
    for (let a = 0; a < left; a++) groupOf[alive[a]!] = g;
    sizes.push(left);
    left = 0;
  }
  alive = new Int32Array(0);

  // centroids per group over non-missing values
  const G = sizes.length;
  const centroids = new Float64Array(G * p);
  const cnt = new Int32Array(G * p);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    for (let j = 0; j < p; j++) { const v = X[i * p + j]!; if (!Number.isNaN(v)) { centroids[g * p + j] += v; cnt[g * p + j]++; } }
  }
  for (let t = 0; t < G * p; t++) centroids[t] = cnt[t] ? centroids[t]! / cnt[t]! : NaN;
  // the values written: the centroids, a date column's rounded to the nearest day — the loss and the risk are measured on
  // them (on the unrounded means, the loss of a date column differed from the file's by ~5e-10)
  const written = Float64Array.from(centroids);
  for (let j = 0; j < p; j++) if (cols[j]!.kind === 'date') for (let g = 0; g < G; g++) written[g * p + j] = Math.round(written[g * p + j]!);

  // losses
  let sse = 0, sst = 0, il1s = 0;
  const perColumn: { column: string; informationLoss: number }[] = [];
  for (let j = 0; j < p; j++) {
    let e = 0, tt = 0;
    const sd = popSd[j]!;
    for (let i = 0; i < n; i++) {
      const v = X[i * p + j]!;
      if (Number.isNaN(v)) continue;
      const c = written[groupOf[i]! * p + j]!;
      if (sd > 0) { const dz = (v - c) / sd; const tz = (v - mean[j]!) / sd; e += dz * dz; tt += tz * tz; }
      if (sampleSd[j]! > 0) il1s += Math.abs(v - c) / (Math.SQRT2 * sampleSd[j]!);
    }
    sse += e; sst += tt;
    perColumn.push({ column: cols[j]!.name, informationLoss: tt > 0 ? e / tt : 0 });
  }

  // interval disclosure risk (dRisk)
  const maskedSd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let m = 0, s1 = 0;
    for (let i = 0; i < n; i++) { const v = X[i * p + j]!; if (!Number.isNaN(v)) { m++; s1 += written[groupOf[i]! * p + j]!; } }
    const mu = m ? s1 / m : 0;
    let q = 0;
    for (let i = 0; i < n; i++) { const v = X[i * p + j]!; if (!Number.isNaN(v)) { const c = written[groupOf[i]! * p + j]! - mu; q += c * c; } }
    maskedSd[j] = m > 1 ? Math.sqrt(q / (m - 1)) : 0;
  }
  let inside = 0;
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let j = 0; j < p && ok; j++) {
      const v = X[i * p + j]!;
      if (Number.isNaN(v)) continue;
      const c = written[groupOf[i]! * p + j]!;
      if (v < c - 0.05 * maskedSd[j]! || v > c + 0.05 * maskedSd[j]!) ok = false;
    }
    if (ok) inside++;
  }

  // output table
  const replaced = new Map<string, Column>();
  for (let j = 0; j < p; j++) {
    const vals = new Array<number | null>(n);
    // (every record of a group takes its centroid, a missing value too: kept missing, it made its record a class of one
    // and the release could never meet k; missing only when the whole group misses the column)
    for (let i = 0; i < n; i++) {
      const c = written[groupOf[i]! * p + j]!;
      vals[i] = Number.isNaN(c) ? null : c;
    }
    if (cols[j]!.kind === 'date') {
      // dates: the mean day, rounded to the nearest day (in `written`)
      const labels = vals.map((v) => (v === null ? null : new Date(v * 86_400_000).toISOString().slice(0, 10)));
      replaced.set(cols[j]!.name, columnFromValues(cols[j]!.name, labels, 'date'));
    } else replaced.set(cols[j]!.name, columnFromValues(cols[j]!.name, vals, 'decimal'));
  }
  const out = makeTable(table.columns.map((c) => replaced.get(c.name) ?? c));
  const groupSizes = Int32Array.from(sizes);
  let minGroupSize = n ? Infinity : 0;
  for (const s of sizes) minGroupSize = Math.min(minGroupSize, s);
  return {
    table: out, groupOf, groupSizes, groups: G, minGroupSize, centroids,
    loss: { sse, sst, informationLoss: sst > 0 ? sse / sst : 0, il1s, perColumn },
    intervalDisclosureRisk: n ? inside / n : 0,
  };
}
