/**
 * Strict multidimensional Mondrian (LeFevre, DeWitt & Ramakrishnan, ICDE 2006) for k-anonymity,
 * with a distinct l-diversity check on every partition, and any further test of a part the caller
 * gives (`acceptPart`: the release's entropy or recursive l-diversity and t-closeness).
 *
 * Start with one partition holding every row. Repeatedly, for a partition, try its quasi-identifiers
 * in decreasing normalized width (numeric: value range / the column's range; other kinds: distinct
 * values − 1 / the column's distinct values − 1; ties by the order of `quasiIdentifiers`). On a
 * dimension, split at the median: the left half takes the rows whose code is ≤ the median code
 * (codes are in the column's natural order, so numbers and dates split by value, text by code point
 * order); when that leaves the right half empty, the split moves one distinct value down. A split is
 * allowed only if both halves have ≥ k rows and, for each sensitive column, ≥ l distinct values
 * (missing counts as one value), and pass `acceptPart`. The first allowed dimension is split; a
 * partition with no allowed split is final. Partitions never overlap (strict).
 *
 * With a hierarchy for a non-numeric quasi-identifier (option `hierarchies`), that column is split
 * along the hierarchy instead (LeFevre's categorical split): a partition covering one node is cut
 * into the node's children (going down past levels where it has a single child), all at once, and
 * only if every child part has ≥ k rows and is l-diverse. Its label is then the hierarchy label of
 * the lowest level at which all its rows agree (the value itself when they share it); its NCP is
 * the share of the hierarchy's ground values under that label.
 *
 * Labels: a partition's value on a quasi-identifier is its single value, or a range `[min-max]` of
 * the values present (integer, decimal columns; dates as `[2020-01-03,2020-02-11]`, a comma since
 * dates contain hyphens), or a set `{a,b,c}` (other kinds, up to 5
 * values; beyond, `{first..last}`: the values from first to last in natural order). Missing values
 * are a value of their own, ordered last; a generalized label that includes them ends with `|NA`.
 *
 * Loss (reported): NCP per partition and column (numeric: range / column range; other: 0 for one
 * value, else the set's distinct values / the column's distinct values — the share of the domain the
 * set label covers, as a set-valued generalization is charged; Xu et al. 2006 charge a generalization by
 * its hierarchy node, 1 for any set under a flat hierarchy's root, so their GCP would be higher), GCP
 * = Σ_P |P|·Σ_j NCP_j(P) / (d·n) in [0, 1] (Ghinita et al. 2007), discernibility Σ|P|², and the
 * normalized average class size n / (#partitions · k).
 *
 * Cost: O(n·d·log n) time, O(n + Σ cardinalities) memory, all on codes.
 */
import { AnonymatError } from '../errors.ts';
import type { Column, Table } from '../table/table.ts';
import { columnFromCodes, isNumericKind, makeTable } from '../table/table.ts';
import { groupify } from '../check/groupify.ts';
import type { Hierarchy } from '../hierarchy/hierarchy.ts';
import { checkCoverage } from '../hierarchy/validate.ts';

export interface MondrianOptions {
  readonly k: number;
  /** Distinct l-diversity on every sensitive column (default 1: no check). */
  readonly l?: number;
  readonly sensitive?: string[];
  /** Most distinct values listed in a set label before it becomes `{first..last}` (default 5). */
  readonly maxSetLabel?: number;
  /**
   * Hierarchies for non-numeric quasi-identifiers (by column name): such a column is split along
   * its hierarchy (a node into its children, all at once) and labelled with hierarchy labels.
   */
  readonly hierarchies?: Readonly<Record<string, Hierarchy>>;
  /**
   * A person key (event tables: several rows per person): every partition must then hold ≥ k distinct persons, not
   * only k rows (a row without a key counts as a person of its own).
   */
  readonly personKey?: string;
  /**
   * Per sensitive column, the code each row counts as for l-diversity and its number of codes (default: the row's own
   * value). With a person key the release passes each row its person's aggregated value, so that a part holds l
   * persons' values as the verdict counts them (two persons who both had A and B count once, "A | B").
   */
  readonly sensitiveCodes?: Readonly<Record<string, { readonly codes: Int32Array; readonly cardinality: number }>>;
  /**
   * A further test of every part a split would make (entropy or recursive l-diversity, t-closeness: the release passes
   * the verdict's own): it gets one histogram per sensitive column, in the order of `sensitive`, of the codes each row
   * counts as (`sensitiveCodes`), each person counted once with a person key; a split is made only when every part
   * passes.
   */
  readonly acceptPart?: (histograms: readonly PartHistogram[]) => boolean;
}

/** A part's values of one sensitive column: `codes[0, distinct)` and their numbers of rows (of persons, with a person key). */
export interface PartHistogram {
  readonly distinct: number;
  readonly codes: Int32Array;
  readonly counts: Int32Array;
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

// Hot loops live in small functions so V8 optimizes them (the main function is too large to be).

/** Counts the codes of perm[s, e) into `cnt`, listing each distinct code once in `buf`; returns how many. */
function countCodes(codes: Int32Array, map: Int32Array | null, perm: Int32Array, s: number, e: number, cnt: Int32Array, buf: Int32Array): number {
  let u = 0;
  if (map) {
    for (let a = s; a < e; a++) { const code = map[codes[perm[a]!]!]!; if (cnt[code]!++ === 0) buf[u++] = code; }
  } else {
    for (let a = s; a < e; a++) { const code = codes[perm[a]!]!; if (cnt[code]!++ === 0) buf[u++] = code; }
  }
  return u;
}
function resetCounts(cnt: Int32Array, buf: Int32Array, u: number): void {
  for (let t = 0; t < u; t++) cnt[buf[t]!] = 0;
}
/** Min and max value of perm[s, e) (NaN ignored), and whether a missing code occurs. */
function numericSpan(codes: Int32Array, numbers: Float64Array, missing: number, perm: Int32Array, s: number, e: number, out: Float64Array): void {
  let mn = Infinity, mx = -Infinity, hasMissing = 0;
  for (let a = s; a < e; a++) {
    const code = codes[perm[a]!]!;
    if (code === missing) { hasMissing = 1; continue; }
    const v = numbers[code]!;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  out[0] = mn; out[1] = mx; out[2] = hasMissing;
}
function gather(table: Int32Array, index: Int32Array): Int32Array {
  const out = new Int32Array(index.length);
  for (let i = 0; i < index.length; i++) out[i] = table[index[i]!]!;
  return out;
}
function assign(target: Int32Array, perm: Int32Array, s: number, e: number, value: number): void {
  for (let a = s; a < e; a++) target[perm[a]!] = value;
}
/** Reorders perm[s, e) so that codes ≤ thr come first; returns the boundary. */
function partitionLE(codes: Int32Array, perm: Int32Array, s: number, e: number, thr: number): number {
  let i = s, r = e - 1;
  while (i <= r) {
    if (codes[perm[i]!]! <= thr) i++;
    else { const x = perm[i]!; perm[i] = perm[r]!; perm[r] = x; r--; }
  }
  return i;
}
/** Number of distinct codes in perm[s, e), stopping at `atLeast`. */
function distinctUpTo(codes: Int32Array, perm: Int32Array, s: number, e: number, stampArr: Int32Array, stampVal: number, atLeast: number): number {
  let u = 0;
  for (let a = s; a < e; a++) {
    const code = codes[perm[a]!]!;
    if (stampArr[code] !== stampVal) { stampArr[code] = stampVal; if (++u >= atLeast) return u; }
  }
  return u;
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
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  const distinctBuf0 = new Int32Array(Math.max(1, ...qis.map((c) => c.dictionary.length)));
  const span0 = new Float64Array(3);
  for (let j = 0; j < d; j++) {
    const c = qis[j]!; const cnt = counts[j]!;
    const u = countCodes(c.codes, null, identity, 0, n, cnt, distinctBuf0);
    resetCounts(cnt, distinctBuf0, u);
    globalDistinct[j] = u;
    if (numeric[j]) numericSpan(c.codes, c.numbers!, c.missing, identity, 0, n, span0);
    globalRange[j] = numeric[j] && span0[1]! > span0[0]! ? span0[1]! - span0[0]! : 0;
  }
  const sensCodes = sens.map((c) => options.sensitiveCodes?.[c.name]?.codes ?? c.codes);
  const sensStamp = sens.map((c) => new Int32Array(Math.max(1, options.sensitiveCodes?.[c.name]?.cardinality ?? c.dictionary.length)));
  let stamp = 0;
  const distinctSensitive = (perm: Int32Array, s: number, e: number, t: number): number =>
    distinctUpTo(sensCodes[t]!, perm, s, e, sensStamp[t]!, ++stamp, l);
  // ≥ k distinct persons in a part (with a person key), by a stamp per person code
  const pk = options.personKey !== undefined ? findColumn(table, options.personKey, 'person key') : null;
  const personStamp = pk ? new Int32Array(pk.dictionary.length) : null;
  let stampNow = 0;
  const enoughPersons = (perm: Int32Array, s: number, e: number): boolean => {
    if (!pk) return true;
    stampNow++;
    let persons = 0;
    for (let a = s; a < e && persons < k; a++) {
      const code = pk.codes[perm[a]!]!;
      if (code === pk.missing) { persons++; continue; }
      if (personStamp![code] !== stampNow) { personStamp![code] = stampNow; persons++; }
    }
    return persons >= k;
  };
  // (with a person key, a person's rows never part: each split reads, for every row, its person's smallest code of the
  // column — so every row of a person lands in one partition, its values covered by that partition's labels, and a
  // person aggregated over their rows is in a class of at least k persons, as the verdict judges them)
  const splitCodes: Int32Array[] = qis.map((c) => {
    if (!pk) return c.codes;
    const least = new Int32Array(pk.dictionary.length).fill(-1);
    for (let r = 0; r < n; r++) {
      const p = pk.codes[r]!;
      if (p === pk.missing) continue;
      const v = c.codes[r]!;
      if (least[p] === -1 || v < least[p]!) least[p] = v;
    }
    const out = new Int32Array(n);
    for (let r = 0; r < n; r++) { const p = pk.codes[r]!; out[r] = p === pk.missing ? c.codes[r]! : least[p]!; }
    return out;
  });
  // the parts' histograms for acceptPart: per sensitive column, counts by code, the codes present, and the histogram
  const accept = options.acceptPart;
  const histCnt = sens.map((_, t) => new Int32Array(sensStamp[t]!.length));
  const histograms = sens.map((_, t) => ({ distinct: 0, codes: new Int32Array(sensStamp[t]!.length), counts: new Int32Array(sensStamp[t]!.length) }));
  const histPerson = pk ? new Int32Array(pk.dictionary.length) : null;
  let histStamp = 0;
  const accepted = (perm: Int32Array, s: number, e: number): boolean => {
    histStamp++;
    for (const h of histograms) h.distinct = 0;
    for (let a = s; a < e; a++) {
      const r = perm[a]!;
      if (pk) { const p = pk.codes[r]!; if (p !== pk.missing) { if (histPerson![p] === histStamp) continue; histPerson![p] = histStamp; } }
      for (let t = 0; t < sens.length; t++) { const code = sensCodes[t]![r]!; const h = histograms[t]!; if (histCnt[t]![code]!++ === 0) h.codes[h.distinct++] = code; }
    }
    for (let t = 0; t < sens.length; t++) {
      const h = histograms[t]!, cnt = histCnt[t]!;
      for (let q = 0; q < h.distinct; q++) { h.counts[q] = cnt[h.codes[q]!]!; cnt[h.codes[q]!] = 0; }
    }
    return accept!(histograms);
  };
  const diverse = (perm: Int32Array, s: number, e: number): boolean => {
    if (!enoughPersons(perm, s, e)) return false;
    for (let t = 0; l > 1 && t < sens.length; t++) if (distinctSensitive(perm, s, e, t) < l) return false;
    return accept === undefined || accepted(perm, s, e);
  };

  // hierarchies of non-numeric QIs: per level, column code → level code
  interface HierarchyIndex { H: number; lc: Int32Array[]; labels: (string | null)[][]; leaves: Int32Array[]; ground: number }
  const hier: (HierarchyIndex | undefined)[] = qis.map((c, j) => {
    const h = options.hierarchies?.[c.name];
    if (!h || numeric[j]) return undefined;
    const issues = checkCoverage(h, c);
    if (issues.length) throw new AnonymatError('invalid-hierarchy', `mondrian: the hierarchy of column ${c.name} misses values of the data`, issues);
    const ground = h.levels[0]!;
    const rowOf = new Map<string, number>();
    ground.forEach((v, i) => { if (!rowOf.has(v)) rowOf.set(v, i); });
    let levels = h.levels;
    if (new Set(levels[levels.length - 1]).size > 1) levels = [...levels, ground.map(() => '*')];
    const H = levels.length;
    const lc: Int32Array[] = []; const labels: (string | null)[][] = []; const leaves: Int32Array[] = [];
    for (let lv = 0; lv < H; lv++) {
      const codeOf = new Map<string, number>(); const labs: (string | null)[] = []; const cnt: number[] = [];
      for (let i = 0; i < ground.length; i++) {
        if (rowOf.get(ground[i]!) !== i) continue; // duplicate rows count once
        const lab = levels[lv]![i]!;
        let code = codeOf.get(lab);
        if (code === undefined) { code = labs.length; codeOf.set(lab, code); labs.push(lab); cnt.push(0); }
        cnt[code]!++;
      }
      const map = new Int32Array(c.dictionary.length);
      let missingCode = -1;
      for (let code = 0; code < c.dictionary.length; code++) {
        const v = c.dictionary[code];
        if (v === null || v === undefined) {
          if (lv === H - 1) { map[code] = 0; continue; }
          missingCode = labs.length; labs.push(null); cnt.push(0); map[code] = missingCode; continue;
        }
        const g = rowOf.get(v) ?? rowOf.get(String(c.numbers?.[code]));
        map[code] = g === undefined ? 0 : codeOf.get(levels[lv]![g]!)!;
      }
      lc.push(map); labels.push(labs); leaves.push(Int32Array.from(cnt));
    }
    return { H, lc, labels, leaves, ground: rowOf.size };
  });

  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const partitionOf = new Int32Array(n);
  const sizes: number[] = [];
  const satisfied = n >= k && diverse(perm, 0, n);
  // final partitions: [start, end) segments of perm
  const segStart: number[] = [];
  const segEnd: number[] = [];

  // work list: segments with, for hierarchy QIs, the level of the node they cover
  const topLevels = Int32Array.from(hier, (h) => (h ? h.H - 1 : 0));
  const stack: { s: number; e: number; lv: Int32Array }[] = [{ s: 0, e: n, lv: topLevels }];
  const distinctBuf = new Int32Array(Math.max(1, ...qis.map((c) => c.dictionary.length)));
  const widths = new Float64Array(d);
  const span = new Float64Array(3);
  const dimOrder: number[] = [];
  const tmp = new Int32Array(n);
  let maxCodes = 1;
  for (const c of qis) maxCodes = Math.max(maxCodes, c.dictionary.length);
  for (const hx of hier) if (hx) for (const labs of hx.labels) maxCodes = Math.max(maxCodes, labs.length);
  const hcnt = new Int32Array(maxCodes);
  while (satisfied && stack.length) {
    const { s, e, lv } = stack.pop()!;
    const size = e - s;
    let children: { s: number; e: number; lv: Int32Array }[] | null = null;
    if (size >= 2 * k) {
      // normalized widths
      for (let j = 0; j < d; j++) {
        const c = qis[j]!;
        if (numeric[j]) {
          numericSpan(c.codes, c.numbers!, c.missing, perm, s, e, span);
          const mn = span[0]!, mx = span[1]!;
          const hasVal = mx >= mn;
          widths[j] = globalRange[j]! > 0 && hasVal ? (mx - mn) / globalRange[j]! : 0;
          // a partition mixing missing and one value can still be split (missing is ordered last)
          if (span[2] && hasVal && widths[j] === 0) widths[j] = 1e-9;
        } else {
          const cnt = counts[j]!;
          const u = countCodes(c.codes, null, perm, s, e, cnt, distinctBuf);
          resetCounts(cnt, distinctBuf, u);
          widths[j] = globalDistinct[j]! > 1 ? (u - 1) / (globalDistinct[j]! - 1) : 0;
        }
      }
      dimOrder.length = 0;
      for (let j = 0; j < d; j++) if (widths[j]! > 0) dimOrder.push(j);
      dimOrder.sort((a, b) => widths[b]! - widths[a]! || a - b);
      for (const j of dimOrder) {
        const sc = splitCodes[j]!;
        const hx = hier[j];
        if (hx) {
          const cnt = hcnt;
          // hierarchy split: the highest level below the current node with ≥ 2 distinct codes
          let target = -1; let u = 0;
          for (let h = lv[j]! - 1; h >= 0 && target < 0; h--) {
            u = countCodes(sc, hx.lc[h]!, perm, s, e, cnt, distinctBuf);
            if (u >= 2) target = h; else resetCounts(cnt, distinctBuf, u);
          }
          if (target < 0) continue;
          const map = hx.lc[target]!;
          const present = distinctBuf.subarray(0, u).slice().sort();
          let ok = true;
          for (let q = 0; q < u; q++) if (cnt[present[q]!]! < k) ok = false;
          // counting sort of the segment by child code (children in code order)
          const startOf = new Map<number, number>();
          let pos = s;
          for (let q = 0; q < u; q++) { startOf.set(present[q]!, pos); pos += cnt[present[q]!]!; }
          for (let q = 0; q < u; q++) cnt[present[q]!] = 0;
          if (!ok) continue;
          const fill = new Map(startOf);
          for (let a = s; a < e; a++) { const r = perm[a]!; const code = map[sc[r]!]!; const at = fill.get(code)!; tmp[at] = r; fill.set(code, at + 1); }
          perm.set(tmp.subarray(s, e), s);
          const parts: { s: number; e: number; lv: Int32Array }[] = [];
          for (let q = 0; q < u; q++) {
            const cs = startOf.get(present[q]!)!; const ce = q + 1 < u ? startOf.get(present[q + 1]!)! : e;
            const clv = lv.slice(); clv[j] = target;
            parts.push({ s: cs, e: ce, lv: clv });
          }
          if (parts.every((x) => diverse(perm, x.s, x.e))) { children = parts; break; }
          continue;
        }
        const cnt = counts[j]!;
        const u = countCodes(sc, null, perm, s, e, cnt, distinctBuf);
        const present = distinctBuf.subarray(0, u).slice().sort();
        // median: first distinct code whose cumulative count reaches half the partition
        let cum = 0, t = 0;
        const half = Math.ceil(size / 2);
        for (; t < u; t++) { cum += cnt[present[t]!]!; if (cum >= half) break; }
        if (t >= u - 1) t = u - 2;
        for (let q = 0; q < u; q++) cnt[present[q]!] = 0;
        if (t < 0) continue;
        // try the median split, then one distinct value lower (heavy ties at the median)
        for (let attempt = 0; attempt < 2 && t >= 0; attempt++, t--) {
          const thr = present[t]!;
          // partition perm[s, e) in place: codes ≤ thr first
          const mid = partitionLE(sc, perm, s, e, thr);
          if (mid - s >= k && e - mid >= k && diverse(perm, s, mid) && diverse(perm, mid, e)) {
            children = [{ s, e: mid, lv }, { s: mid, e, lv }];
            break;
          }
          if (mid - s < k) break; // moving lower only shrinks the left half
        }
        if (children) break;
      }
    }
    if (children) {
      for (let q = children.length - 1; q >= 0; q--) stack.push(children[q]!); // first child processed first
    } else {
      const id = sizes.length;
      assign(partitionOf, perm, s, e, id);
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
    const hx = hier[j];
    for (let pI = 0; pI < P; pI++) {
      const s = segStart[pI]!, e = segEnd[pI]!;
      if (hx) {
        // lowest level where every row of the partition agrees
        let h = 0;
        for (; h < hx.H - 1; h++) {
          const map = hx.lc[h]!; const first = map[c.codes[perm[s]!]!]!;
          let same = true;
          for (let a = s + 1; a < e && same; a++) if (map[c.codes[perm[a]!]!] !== first) same = false;
          if (same) break;
        }
        const code = hx.lc[h]![c.codes[perm[s]!]!]!;
        labelOfPartition[pI] = h === 0 ? c.dictionary[c.codes[perm[s]!]!]! : hx.labels[h]![code]!;
        ncpSum[j] += (h === 0 ? 0 : hx.leaves[h]![code]! / hx.ground) * (e - s);
        continue;
      }
      const u = countCodes(c.codes, null, perm, s, e, cnt, distinctBuf);
      resetCounts(cnt, distinctBuf, u);
      const present = distinctBuf.subarray(0, u).slice().sort();
      const hasMissing = c.missing >= 0 && present[u - 1] === c.missing;
      const vals = hasMissing ? present.subarray(0, u - 1) : present;
      let label: string | null;
      let ncp: number;
      if (vals.length === 0) { label = null; ncp = 0; }
      else if (vals.length === 1 && !hasMissing) { label = c.dictionary[vals[0]!]!; ncp = 0; }
      else {
        let core: string;
        if (vals.length === 1) core = c.dictionary[vals[0]!]!;
        else if (numeric[j]) core = `[${c.dictionary[vals[0]!]}${c.kind === 'date' ? ',' : '-'}${c.dictionary[vals[vals.length - 1]!]}]`;
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
    const codes = gather(codeOfPartition, partitionOf);
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
