/**
 * Strict multidimensional Mondrian (LeFevre, DeWitt & Ramakrishnan, ICDE 2006) for k-anonymity,
 * with a distinct l-diversity check on every partition.
 *
 * Start with one partition holding every row. Repeatedly, for a partition, try its quasi-identifiers
 * in decreasing normalized width (numeric: value range / the column's range; other kinds: distinct
 * values − 1 / the column's distinct values − 1; ties by the order of `quasiIdentifiers`). On a
 * dimension, split at the median: the left half takes the rows whose code is ≤ the median code
 * (codes are in the column's natural order, so numbers and dates split by value, text by code point
 * order); when that leaves the right half empty, the split moves one distinct value down. A split is
 * allowed only if both halves have ≥ k rows and, for each sensitive column, ≥ l distinct values
 * (missing counts as one value). The first allowed dimension is split; a partition with no allowed
 * split is final. Partitions never overlap (strict).
 *
 * Labels: a partition's value on a quasi-identifier is its single value, or a range `[min-max]` of
 * the values present (integer, decimal, date columns), or a set `{a,b,c}` (other kinds, up to 5
 * values; beyond, `{first..last}`: the values from first to last in natural order). Missing values
 * are a value of their own, ordered last; a generalized label that includes them ends with `|NA`.
 *
 * Loss (reported): NCP per partition and column (numeric: range / column range; other: 0 for one
 * value, else distinct values / column distinct values; Xu et al. 2006 with a flat hierarchy), GCP
 * = Σ_P |P|·Σ_j NCP_j(P) / (d·n) in [0, 1] (Ghinita et al. 2007), discernibility Σ|P|², and the
 * normalized average class size n / (#partitions · k).
 *
 * Cost: O(n·d·log n) time, O(n + Σ cardinalities) memory, all on codes.
 */
import { AnonymatError } from '../errors.ts';
import type { Column, Table } from '../table/table.ts';
import { columnFromCodes, isNumericKind, makeTable } from '../table/table.ts';
import { groupify } from '../check/groupify.ts';

export interface MondrianOptions {
  readonly k: number;
  /** Distinct l-diversity on every sensitive column (default 1: no check). */
  readonly l?: number;
  readonly sensitive?: string[];
  /** Most distinct values listed in a set label before it becomes `{first..last}` (default 5). */
  readonly maxSetLabel?: number;
}

export interface MondrianLoss {
  /** Global certainty penalty in [0, 1]. */
  readonly gcp: number;
  /** Average NCP per quasi-identifier (same order as `quasiIdentifiers`). */
  readonly ncp: readonly { column: string; ncp: number }[];
  /** Σ |P|². */
  readonly discernibility: number;
  /** n / (#partitions · k). */
  readonly averageClassSize: number;
}

export interface MondrianResult {
  /** The input table with each quasi-identifier replaced by its partition's label (kind string). */
  readonly table: Table;
  /** Partition of each row. */
  readonly partitionOf: Int32Array;
  readonly partitionSizes: Int32Array;
  readonly partitions: number;
  /** Equivalence classes of the output on the quasi-identifiers (equals `partitions`: labels of disjoint partitions differ). */
  readonly classes: number;
  /** false when even the whole table violates k or l (then it is one partition, fully generalized). */
  readonly satisfied: boolean;
  readonly loss: MondrianLoss;
}

function findColumn(table: Table, name: string, what: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new AnonymatError('invalid-usage', `mondrian: no ${what} column named ${name}`, [{ path: `columns.${name}`, message: 'not in the table' }]);
  return c;
}

export function mondrian(table: Table, quasiIdentifiers: string[], options: MondrianOptions): MondrianResult {
  const { k } = options;
  const l = options.l ?? 1;
  const sensitiveNames = options.sensitive ?? [];
  if (!Number.isInteger(k) || k < 1) throw new AnonymatError('invalid-usage', `mondrian: k must be a positive integer (got ${k})`, [{ path: 'thresholds.k', message: 'use k ≥ 2' }]);
  if (!Number.isInteger(l) || l < 1) throw new AnonymatError('invalid-usage', `mondrian: l must be a positive integer (got ${l})`, [{ path: 'thresholds.l', message: 'use l ≥ 2' }]);
  if (l > 1 && sensitiveNames.length === 0) throw new AnonymatError('invalid-usage', 'mondrian: l-diversity needs at least one sensitive column', [{ path: 'thresholds.l', message: 'give a column the role sensitive' }]);
  const qis = quasiIdentifiers.map((q) => findColumn(table, q, 'quasi-identifier'));
  const sens = sensitiveNames.map((s) => findColumn(table, s, 'sensitive'));
  const n = table.rowCount;
  const d = qis.length;
  const maxSet = options.maxSetLabel ?? 5;

  // per-QI global statistics
  const numeric = qis.map((c) => isNumericKind(c.kind) && c.numbers !== undefined);
  const globalRange = new Float64Array(d);
  const globalDistinct = new Int32Array(d);
  const counts = qis.map((c) => new Int32Array(c.dictionary.length));
  for (let j = 0; j < d; j++) {
    const c = qis[j]!; const cnt = counts[j]!;
    let mn = Infinity, mx = -Infinity, u = 0;
    for (let i = 0; i < n; i++) {
      const code = c.codes[i]!;
      if (cnt[code]++ === 0) u++;
      if (numeric[j]) { const v = c.numbers![code]!; if (v < mn) mn = v; if (v > mx) mx = v; }
    }
    cnt.fill(0);
    globalDistinct[j] = u;
    globalRange[j] = numeric[j] && mx > mn ? mx - mn : 0;
  }
  const sensStamp = sens.map((c) => new Int32Array(c.dictionary.length));
  let stamp = 0;
  const distinctSensitive = (perm: Int32Array, s: number, e: number, t: number): number => {
    const c = sens[t]!; const st = sensStamp[t]!;
    stamp++;
    let u = 0;
    for (let a = s; a < e; a++) { const code = c.codes[perm[a]!]!; if (st[code] !== stamp) { st[code] = stamp; u++; if (u >= l) return u; } }
    return u;
  };
  const diverse = (perm: Int32Array, s: number, e: number): boolean => {
    if (l <= 1) return true;
    for (let t = 0; t < sens.length; t++) if (distinctSensitive(perm, s, e, t) < l) return false;
    return true;
  };

  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const partitionOf = new Int32Array(n);
  const sizes: number[] = [];
  const satisfied = n >= k && diverse(perm, 0, n);
  // per-partition statistics for labels and loss: [start, end) segments of perm
  const segStart: number[] = [];
  const segEnd: number[] = [];

  const stack: number[] = [0, n];
  const distinctBuf = new Int32Array(Math.max(1, ...qis.map((c) => c.dictionary.length)));
  const widths = new Float64Array(d);
  const dimOrder: number[] = [];
  while (satisfied && stack.length) {
    const e = stack.pop()!; const s = stack.pop()!;
    const size = e - s;
    let split = -1;
    if (size >= 2 * k) {
      // normalized widths
      for (let j = 0; j < d; j++) {
        const c = qis[j]!;
        if (numeric[j]) {
          let mn = Infinity, mx = -Infinity;
          for (let a = s; a < e; a++) { const v = c.numbers![c.codes[perm[a]!]!]!; if (v < mn) mn = v; if (v > mx) mx = v; }
          // missing (NaN) is ignored by the comparisons; a partition mixing missing and values still splits
          let hasNaN = false, hasVal = mx >= mn;
          if (c.missing >= 0) for (let a = s; a < e; a++) if (c.codes[perm[a]!] === c.missing) { hasNaN = true; break; }
          widths[j] = globalRange[j]! > 0 && hasVal ? (mx - mn) / globalRange[j]! : 0;
          if (hasNaN && hasVal && widths[j] === 0) widths[j] = 1e-9;
        } else {
          const cnt = counts[j]!; let u = 0;
          for (let a = s; a < e; a++) { const code = c.codes[perm[a]!]!; if (cnt[code]++ === 0) distinctBuf[u++] = code; }
          for (let t = 0; t < u; t++) cnt[distinctBuf[t]!] = 0;
          widths[j] = globalDistinct[j]! > 1 ? (u - 1) / (globalDistinct[j]! - 1) : 0;
        }
      }
      dimOrder.length = 0;
      for (let j = 0; j < d; j++) if (widths[j]! > 0) dimOrder.push(j);
      dimOrder.sort((a, b) => widths[b]! - widths[a]! || a - b);
      for (const j of dimOrder) {
        const c = qis[j]!; const cnt = counts[j]!;
        let u = 0;
        for (let a = s; a < e; a++) { const code = c.codes[perm[a]!]!; if (cnt[code]++ === 0) distinctBuf[u++] = code; }
        const present = distinctBuf.subarray(0, u).slice().sort();
        // median: first distinct code whose cumulative count reaches half the partition
        let cum = 0, t = 0;
        const half = Math.ceil(size / 2);
        for (; t < u; t++) { cum += cnt[present[t]!]!; if (cum >= half) break; }
        if (t >= u - 1) { t = u - 2; cum = 0; for (let q = 0; q <= t; q++) cum += cnt[present[q]!]!; }
        for (let q = 0; q < u; q++) cnt[present[q]!] = 0;
        if (t < 0) continue;
        // try the median split, then one distinct value lower (heavy ties at the median)
        for (let attempt = 0; attempt < 2 && t >= 0; attempt++, t--) {
          const thr = present[t]!;
          // partition perm[s, e) in place: codes ≤ thr first
          let i = s, r = e - 1;
          while (i <= r) {
            if (c.codes[perm[i]!]! <= thr) i++;
            else { const tmp = perm[i]!; perm[i] = perm[r]!; perm[r] = tmp; r--; }
          }
          const mid = i;
          if (mid - s >= k && e - mid >= k && diverse(perm, s, mid) && diverse(perm, mid, e)) { split = mid; break; }
          if (mid - s < k) break; // moving lower only shrinks the left half
        }
        if (split >= 0) break;
      }
    }
    if (split >= 0) {
      stack.push(split, e, s, split); // left half processed first
    } else {
      const id = sizes.length;
      for (let a = s; a < e; a++) partitionOf[perm[a]!] = id;
      sizes.push(size);
      segStart.push(s); segEnd.push(e);
    }
  }
  if (!satisfied) {
    for (let i = 0; i < n; i++) partitionOf[i] = 0;
    if (n > 0) { sizes.push(n); segStart.push(0); segEnd.push(n); }
  }
  const P = sizes.length;

  // labels and loss per partition and QI
  const ncpSum = new Float64Array(d);
  const newColumns = new Map<string, Column>();
  for (let j = 0; j < d; j++) {
    const c = qis[j]!; const cnt = counts[j]!;
    const labelOfPartition: (string | null)[] = new Array(P);
    for (let pI = 0; pI < P; pI++) {
      const s = segStart[pI]!, e = segEnd[pI]!;
      let u = 0;
      for (let a = s; a < e; a++) { const code = c.codes[perm[a]!]!; if (cnt[code]++ === 0) distinctBuf[u++] = code; }
      const present = distinctBuf.subarray(0, u).slice().sort();
      for (let q = 0; q < u; q++) cnt[present[q]!] = 0;
      const hasMissing = c.missing >= 0 && present[u - 1] === c.missing;
      const vals = hasMissing ? present.subarray(0, u - 1) : present;
      let label: string | null;
      let ncp: number;
      if (vals.length === 0) { label = null; ncp = 0; }
      else if (vals.length === 1 && !hasMissing) { label = c.dictionary[vals[0]!]!; ncp = 0; }
      else {
        let core: string;
        if (vals.length === 1) core = c.dictionary[vals[0]!]!;
        else if (numeric[j]) core = `[${c.dictionary[vals[0]!]}-${c.dictionary[vals[vals.length - 1]!]}]`;
        else if (vals.length <= maxSet) core = `{${Array.from(vals, (v) => c.dictionary[v]).join(',')}}`;
        else core = `{${c.dictionary[vals[0]!]}..${c.dictionary[vals[vals.length - 1]!]}}`;
        label = hasMissing ? `${core}|NA` : core;
        if (numeric[j]) {
          const lo = c.numbers![vals[0]!]!, hi = c.numbers![vals[vals.length - 1]!]!;
          ncp = globalRange[j]! > 0 ? (hi - lo) / globalRange[j]! : 0;
          if (hasMissing) ncp = 1; // a value or nothing: no certainty left
        } else ncp = u / globalDistinct[j]!;
      }
      labelOfPartition[pI] = label;
      ncpSum[j] += ncp * (e - s);
    }
    // dictionary in code-point order, missing last
    const distinctLabels = [...new Set(labelOfPartition.filter((x): x is string => x !== null))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const codeOfLabel = new Map<string, number>();
    distinctLabels.forEach((x, i) => codeOfLabel.set(x, i));
    const dict: (string | null)[] = distinctLabels;
    const hasNull = labelOfPartition.some((x) => x === null);
    if (hasNull) dict.push(null);
    const codeOfPartition = Int32Array.from(labelOfPartition, (x) => (x === null ? dict.length - 1 : codeOfLabel.get(x)!));
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = codeOfPartition[partitionOf[i]!]!;
    newColumns.set(c.name, columnFromCodes(c.name, 'string', codes, dict));
  }
  const out = makeTable(table.columns.map((c) => newColumns.get(c.name) ?? c));
  const outQis = qis.map((c) => newColumns.get(c.name)!);
  const classes = n ? groupify(outQis.map((c) => c.codes), outQis.map((c) => c.dictionary.length)).count : 0;
  let discernibility = 0;
  for (const s of sizes) discernibility += s * s;
  let total = 0;
  for (let j = 0; j < d; j++) total += ncpSum[j]!;
  return {
    table: out,
    partitionOf,
    partitionSizes: Int32Array.from(sizes),
    partitions: P,
    classes,
    satisfied,
    loss: {
      gcp: n && d ? total / (n * d) : 0,
      ncp: qis.map((c, j) => ({ column: c.name, ncp: n ? ncpSum[j]! / n : 0 })),
      discernibility,
      averageClassSize: P ? n / (P * k) : 0,
    },
  };
}
