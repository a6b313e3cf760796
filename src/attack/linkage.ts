/**
 * Linkage with an auxiliary table (a population register, an electoral roll, a leaked file):
 * the attacker holds identities with some of the released columns and links released records
 * to them (docs/verdict.md §Linkage).
 *
 * - Exact: a released record is linked when exactly one auxiliary record is compatible with it on
 *   every compared column (a generalized released value is compatible with the values it allows);
 *   ambiguous when several are, unmatched when none is.
 * - Probabilistic (Fellegi–Sunter): per column, agreement weight log2(m/u) and disagreement weight
 *   log2((1−m)/(1−u)), where u is the share of auxiliary records compatible with the released value
 *   (value-specific frequency) and m the agreement probability of a true match (default 0.95).
 *   Assuming the person is in the auxiliary table with a uniform prior, the posterior of auxiliary
 *   record i is 2^score_i / Σ_j 2^score_j; the record is linked to the best one when that posterior
 *   exceeds 0.5 (so at most one candidate, and ties are never linked).
 * - Correctness needs a ground truth: `truth: {release, aux}` names a column of each table holding
 *   the same person id (a hidden evaluation column, never used for matching). Without it, links are
 *   counted but `correct`/`wrong` are null and `reidentified` is the number of unique links (an upper
 *   bound).
 */
import type { Table } from '../table/table.ts';
import { AnonymatError } from '../errors.ts';
import { groupify } from '../check/groupify.ts';
import { seededRng } from '../util/rng.ts';
import { buildSpace, distancesTo, rowIndex, type ColumnView, type HierarchyLike, type SpaceColumn } from './space.ts';
import { sampleRows, DEFAULT_ATTACKS } from './context.ts';
import { wilson } from './stats.ts';

export interface LinkageOptions {
  release: Table;
  aux: Table;
  /** Columns compared (default: every column in both tables except the truth columns and `exclude`). */
  on?: string[];
  exclude?: string[];
  /** Ground-truth person id columns (evaluation only). */
  truth?: { release: string; aux: string };
  /** Released records attacked (default 2000, sampled with the seed; all when fewer). */
  attacks?: number;
  seed?: number;
  /** Fellegi–Sunter m probability. Default 0.95. */
  m?: number;
  hierarchies?: HierarchyLike[];
  confidence?: number;
  /** Use subset counts and row indexes (default true); false forces the scan over every auxiliary class (tests compare both). */
  fastPath?: boolean;
}

export interface LinkageCounts {
  linked: number;
  correct: number | null;
  wrong: number | null;
  ambiguous: number;
  unmatched: number;
  /** Correct links (with a truth), else unique links. */
  reidentified: number;
  rate: number;
  ci: [number, number];
}

export interface LinkageResult {
  columns: string[];
  attempted: number;
  releaseRecords: number;
  auxRecords: number;
  correctnessKnown: boolean;
  exact: LinkageCounts;
  probabilistic: LinkageCounts;
  /** The better of the two methods (the attacker picks it). */
  method: 'exact' | 'probabilistic';
  reidentified: number;
  rate: number;
  ci: [number, number];
  /** Distinct persons (truth ids) attacked and re-identified, when a truth is given. */
  persons: { attempted: number; reidentified: number; rate: number } | null;
  /** rate × released records: the expected number of re-identified released records. */
  estimatedReidentified: number;
  notes: string[];
  warnings: string[];
}

/**
 * Fellegi–Sunter weights, bounded so that agreement is never evidence against a match nor disagreement for one: when
 * nearly every auxiliary record agrees with the released value (u > m: a wide interval, a common category), log2(m/u) < 0
 * and log2((1 − m)/(1 − u)) > 0 would reward the records the released value excludes; both are then 0.
 */
function agreeWeight(m: number, u: number): number { return Math.max(0, Math.log2(m / u)); }
function disagreeWeight(m: number, u: number): number { return Math.min(0, Math.log2((1 - m) / (1 - u))); }

export function linkage(opts: LinkageOptions): LinkageResult {
  const { release, aux } = opts;
  const truthCols = opts.truth ? [opts.truth.release, opts.truth.aux] : [];
  if (opts.truth) {
    if (!release.columns.some((c) => c.name === opts.truth!.release)) throw new AnonymatError('invalid-usage', `truth column ${JSON.stringify(opts.truth.release)} is not in the release`);
    if (!aux.columns.some((c) => c.name === opts.truth!.aux)) throw new AnonymatError('invalid-usage', `truth column ${JSON.stringify(opts.truth.aux)} is not in the auxiliary table`);
  }
  const inAux = new Set(aux.columns.map((c) => c.name));
  if (opts.on) {
    const missing = opts.on.filter((n) => !inAux.has(n) || !release.columns.some((c) => c.name === n));
    if (missing.length) throw new AnonymatError('invalid-usage', `linkage columns ${missing.map((n) => JSON.stringify(n)).join(', ')} (attacks.linkage.on) are not in both the release and the auxiliary table`, missing.map((n) => ({ path: 'attacks.linkage.on', message: `${n}: ${inAux.has(n) ? 'not in the release' : 'not in the auxiliary table'}` })));
  }
  const on = opts.on ?? release.columns.map((c) => c.name).filter((n) => inAux.has(n) && !truthCols.includes(n) && !(opts.exclude ?? []).includes(n));
  const notes: string[] = [];
  const empty = (): LinkageCounts => ({ linked: 0, correct: opts.truth ? 0 : null, wrong: opts.truth ? 0 : null, ambiguous: 0, unmatched: 0, reidentified: 0, rate: 0, ci: [0, 0] });
  if (on.length === 0 || release.rowCount === 0 || aux.rowCount === 0) {
    notes.push(on.length === 0 ? 'no column is shared by the release and the auxiliary table: nothing can be linked'
      : release.rowCount === 0 ? 'the release holds no record: nothing to link' : 'the auxiliary table holds no record: nothing can be linked (an empty register measures nothing)');
    const warnings = aux.rowCount === 0 && on.length > 0 ? ['the auxiliary table (--aux) holds no record: the linkage attack measured nothing'] : [];
    return { columns: on, attempted: 0, releaseRecords: release.rowCount, auxRecords: aux.rowCount, correctnessKnown: !!opts.truth, exact: empty(), probabilistic: empty(), method: 'exact', reidentified: 0, rate: 0, ci: [0, 0], persons: null, estimatedReidentified: 0, notes, warnings };
  }
  const AUX = 0, REL = 1;
  const space = buildSpace([{ table: aux, literal: true, label: 'aux' }, { table: release, literal: false, label: 'release' }], on, opts.hierarchies ?? []);
  const cols = space.columns;
  const auxViews = cols.map((c) => c.views[AUX]!);
  const relViews = cols.map((c) => c.views[REL]!);
  const g = groupify(auxViews.map((v) => v.codes), auxViews.map((v) => v.card));
  const classCodes = auxViews.map((v) => { const a = new Int32Array(g.count); for (let i = 0; i < g.count; i++) a[i] = v.codes[g.first[i]!]!; return a; });
  const freq = auxViews.map((v) => { const f = new Float64Array(v.card); for (let r = 0; r < v.codes.length; r++) f[v.codes[r]!]!++; return f; });
  const D = auxViews.map((v) => new Float64Array(Math.max(1, v.card)));
  const m = opts.m ?? 0.95;
  const N = aux.rowCount;
  const rng = seededRng(((opts.seed ?? 0) ^ 0x41c64e6d) >>> 0);
  const targets = sampleRows(rng, release.rowCount, Math.max(1, Math.floor(opts.attacks ?? DEFAULT_ATTACKS)));
  if (targets.length < release.rowCount) notes.push(`${targets.length} released records attacked, sampled (seeded) from ${release.rowCount}`);
  const relTruth = opts.truth ? release.columns.find((c) => c.name === opts.truth!.release)! : null;
  const auxTruth = opts.truth ? aux.columns.find((c) => c.name === opts.truth!.aux)! : null;
  const isCorrect = (r: number, a: number): boolean => {
    const x = relTruth!.dictionary[relTruth!.codes[r]!], y = auxTruth!.dictionary[auxTruth!.codes[a]!];
    return x !== null && x === y;
  };
  const ex = { linked: 0, correct: 0, wrong: 0, ambiguous: 0, unmatched: 0 };
  const pr = { linked: 0, correct: 0, wrong: 0, ambiguous: 0, unmatched: 0 };
  const personsAttempted = new Set<string | null>();
  const personsEx = new Set<string | null>(), personsPr = new Set<string | null>();
  const nc = g.count, ncol = cols.length;
  if (ncol > 24) throw new AnonymatError('invalid-usage', `linkage compares at most 24 columns (${ncol} given): choose them with 'on'`);
  const A = auxViews.map((v) => new Uint8Array(Math.max(1, v.card)));
  const okCodes = auxViews.map((v) => new Int32Array(Math.max(1, v.card)));
  const okCount = new Int32Array(auxViews.length);
  const nPat = 1 << ncol, full = nPat - 1;
  const patCount = new Float64Array(nPat), patClass = new Int32Array(nPat);
  const wa = new Float64Array(ncol), wd = new Float64Array(ncol);
  const pat = new Int32Array(nc);
  // released records with the same codes get the same candidates: compute once per distinct tuple
  const relGroups = groupify(relViews.map((v) => v.codes), relViews.map((v) => v.card));
  const fast = ncol <= 5 && opts.fastPath !== false ? subsetCounts(cols, auxViews, relViews) : null;
  const memo = new Map<number, { exactRows: number; exactRow: number; probRow: number; probLinked: boolean; probBest: number }>();
  for (const r of targets) {
    if (relTruth) personsAttempted.add(relTruth.dictionary[relTruth.codes[r]!]!);
    const cls = relGroups.classOf[r]!;
    let res = memo.get(cls);
    if (!res) {
      let rowOf: (p: number) => number;
      const fastCodes = fast ? fast.translate(r) : null;
      if (fast && fastCodes) {
        // point-valued target: pattern counts from the subset counts (Möbius inversion), no scan
        const cT = new Float64Array(nPat);
        cT[0] = N;
        for (let T = 1; T < nPat; T++) {
          let key = 0, ok = true;
          for (let j = 0; j < ncol; j++) if ((T >> j) & 1) { const c = fastCodes[j]!; if (c < 0) { ok = false; break; } key = key * auxViews[j]!.card + c; }
          cT[T] = ok ? fast.maps[T]!.get(key) ?? 0 : 0;
        }
        for (let j = 0; j < ncol; j++) {
          const u = Math.min(Math.max(cT[1 << j]! / N, 1 / N), 1 - 1e-9);
          wa[j] = agreeWeight(m, u); wd[j] = disagreeWeight(m, u);
        }
        // exactly-S counts: n(S) = Σ_{T ⊇ S} (−1)^{|T∖S|} c(T)
        for (let S = 0; S < nPat; S++) {
          let sum = 0;
          const rest = full & ~S;
          for (let X = rest; ; X = (X - 1) & rest) { sum += (popcount(X) & 1 ? -1 : 1) * cT[S | X]!; if (X === 0) break; }
          patCount[S] = sum;
        }
        rowOf = (pt: number) => fast.findRow(fastCodes, pt);
      } else {
        const agreeN = new Float64Array(ncol);
        for (let j = 0; j < ncol; j++) {
          const col = cols[j]!, rv = relViews[j]!, av = auxViews[j]!;
          distancesTo(col, rv, rv.codes[r]!, av, D[j]!);
          let agree = 0, nOk = 0;
          const d = D[j]!, f = freq[j]!, a = A[j]!, ok = okCodes[j]!;
          for (let k = 0; k < av.card; k++) { if (d[k] === 0) { a[k] = 1; agree += f[k]!; ok[nOk++] = k; } else a[k] = 0; }
          okCount[j] = nOk;
          agreeN[j] = agree;
          const u = Math.min(Math.max(agree / N, 1 / N), 1 - 1e-9);
          wa[j] = agreeWeight(m, u); wd[j] = disagreeWeight(m, u);
        }
        const patternOf = (row: number) => { let p = 0; for (let j = 0; j < ncol; j++) p |= A[j]![auxViews[j]!.codes[row]!]! << j; return p; };
        /** Rows compatible on column j (the codes whose agreement flag is set). */
        const visit = (j: number, fn: (row: number) => boolean | void) => {
          const ix = rowIndex(cols[j]!, auxViews[j]!), ok = okCodes[j]!;
          for (let q = 0; q < okCount[j]!; q++) {
            const k = ok[q]!;
            for (let i = ix.codeStart[k]!; i < ix.codeStart[k + 1]!; i++) if (fn(ix.codeRows[i]!) === true) return;
          }
        };
        const mostSelective = (T: number) => { let bj = -1; for (let j = 0; j < ncol; j++) if ((T >> j) & 1 && (bj < 0 || agreeN[j]! < agreeN[bj]!)) bj = j; return bj; };
        if (ncol <= 6 && opts.fastPath !== false) {
          // c(T) = rows compatible on every column of T, visiting the most selective column's rows; then Möbius
          const cT = new Float64Array(nPat);
          cT[0] = N;
          for (let T = 1; T < nPat; T++) {
            if ((T & (T - 1)) === 0) { cT[T] = agreeN[31 - Math.clz32(T)]!; continue; }
            const j = mostSelective(T);
            let c = 0;
            visit(j, (row) => { if ((patternOf(row) & T) === T) c++; });
            cT[T] = c;
          }
          for (let S = 0; S < nPat; S++) {
            let sum = 0;
            const rest = full & ~S;
            for (let X = rest; ; X = (X - 1) & rest) { sum += (popcount(X) & 1 ? -1 : 1) * cT[S | X]!; if (X === 0) break; }
            patCount[S] = sum;
          }
          rowOf = (pt: number) => {
            let found = -1;
            if (pt === 0) { for (let row = 0; row < N; row++) if (patternOf(row) === 0) return row; return -1; }
            visit(mostSelective(pt), (row) => { if (patternOf(row) === pt) { found = row; return true; } return false; });
            return found;
          };
        } else {
          patCount.fill(0); patClass.fill(-1);
          pat.fill(0);
          for (let j = 0; j < ncol; j++) {
            const a = A[j]!, cc = classCodes[j]!;
            for (let c = 0; c < nc; c++) pat[c]! |= a[cc[c]!]! << j;
          }
          const sizes = g.sizes;
          for (let c = 0; c < nc; c++) {
            const p = pat[c]!;
            patCount[p]! += sizes[c]!;
            if (patClass[p] === -1) patClass[p] = c;
          }
          rowOf = (pt: number) => g.first[patClass[pt]!]!;
        }
      }
      let best = -Infinity, bestPat = -1;
      const score = (p: number) => { let s = 0; for (let j = 0; j < ncol; j++) s += (p >> j) & 1 ? wa[j]! : wd[j]!; return s; };
      for (let p = 0; p < nPat; p++) if (patCount[p]! > 0) { const s = score(p); if (s > best) { best = s; bestPat = p; } }
      let Z = 0;
      for (let p = 0; p < nPat; p++) if (patCount[p]! > 0) Z += patCount[p]! * Math.pow(2, score(p) - best);
      const exactRows = patCount[full]!;
      const probLinked = bestPat >= 0 && patCount[bestPat] === 1 && 1 / Z > 0.5;
      res = {
        exactRows, exactRow: exactRows === 1 ? rowOf(full) : -1,
        probLinked, probRow: probLinked ? (bestPat === full && exactRows === 1 ? rowOf(full) : rowOf(bestPat)) : -1, probBest: best,
      };
      memo.set(cls, res);
    }
    const truth = relTruth ? relTruth.dictionary[relTruth.codes[r]!]! : null;
    if (res.exactRows === 1) {
      ex.linked++;
      if (relTruth) { if (isCorrect(r, res.exactRow)) { ex.correct++; personsEx.add(truth); } else ex.wrong++; }
    } else if (res.exactRows > 1) ex.ambiguous++; else ex.unmatched++;
    if (res.probLinked) {
      pr.linked++;
      if (relTruth) { if (isCorrect(r, res.probRow)) { pr.correct++; personsPr.add(truth); } else pr.wrong++; }
    } else if (res.probBest > 0) pr.ambiguous++; else pr.unmatched++;
  }
  const n = targets.length;
  const conf = opts.confidence ?? 0.95;
  const finish = (x: typeof ex): LinkageCounts => {
    const reid = relTruth ? x.correct : x.linked;
    const w = wilson(reid, n, conf);
    return { linked: x.linked, correct: relTruth ? x.correct : null, wrong: relTruth ? x.wrong : null, ambiguous: x.ambiguous, unmatched: x.unmatched, reidentified: reid, rate: reid / n, ci: [w.low, w.high] };
  };
  const exact = finish(ex), probabilistic = finish(pr);
  const method = probabilistic.reidentified > exact.reidentified ? 'probabilistic' : 'exact';
  const chosen = method === 'exact' ? exact : probabilistic;
  const persons = relTruth ? (() => {
    const re = (method === 'exact' ? personsEx : personsPr).size;
    return { attempted: personsAttempted.size, reidentified: re, rate: personsAttempted.size ? re / personsAttempted.size : 0 };
  })() : null;
  if (!relTruth) notes.push('no ground truth given (truth columns): links are counted but their correctness is unknown; reidentified counts unique links (an upper bound)');
  return {
    columns: on, attempted: n, releaseRecords: release.rowCount, auxRecords: aux.rowCount, correctnessKnown: !!relTruth,
    exact, probabilistic, method, reidentified: chosen.reidentified, rate: chosen.rate, ci: chosen.ci, persons,
    estimatedReidentified: Math.round(chosen.rate * release.rowCount), notes, warnings: [...space.warnings],
  };
}

function popcount(x: number): number { let c = 0; while (x) { x &= x - 1; c++; } return c; }

/**
 * Fast path of the linkage for point-valued released records (aux records are points too):
 * counts of auxiliary records per value tuple of every subset of the compared columns.
 * Null when a mixed-radix key would overflow.
 */
function subsetCounts(cols: SpaceColumn[], auxViews: ColumnView[], relViews: ColumnView[]) {
  const m = cols.length, nPat = 1 << m;
  let radix = 1;
  for (const v of auxViews) radix *= Math.max(1, v.card);
  if (radix > Number.MAX_SAFE_INTEGER) return null;
  const N = auxViews[0]!.codes.length;
  const maps: Map<number, number>[] = [new Map()];
  for (let T = 1; T < nPat; T++) {
    const mp = new Map<number, number>();
    const js = [...Array(m).keys()].filter((j) => (T >> j) & 1);
    for (let r = 0; r < N; r++) {
      let key = 0;
      for (const j of js) key = key * auxViews[j]!.card + auxViews[j]!.codes[r]!;
      mp.set(key, (mp.get(key) ?? 0) + 1);
    }
    maps.push(mp);
  }
  // released code → aux code holding the same point (per column), -1 when absent; -2 when not a point
  const tr = cols.map((col, j) => {
    const av = auxViews[j]!, rv = relViews[j]!;
    const out = new Int32Array(rv.card).fill(-1);
    if (col.numeric) {
      const byValue = new Map<number, number>();
      for (let c = 0; c < av.card; c++) byValue.set(av.miss[c] ? NaN : av.lo![c]!, c);
      for (let c = 0; c < rv.card; c++) {
        if (rv.any[c] || rv.missOk[c] || (!rv.miss[c] && rv.lo![c] !== rv.hi![c])) { out[c] = -2; continue; }
        out[c] = byValue.get(rv.miss[c] ? NaN : rv.lo![c]!) ?? -1;
      }
    } else {
      const byAtom = new Map<number, number>();
      let miss = -1;
      for (let c = 0; c < av.card; c++) { if (av.miss[c]) miss = c; else byAtom.set(av.atomList![av.atomStart![c]!]!, c); }
      for (let c = 0; c < rv.card; c++) {
        if (rv.any[c] || rv.missOk[c]) { out[c] = -2; continue; }
        if (rv.miss[c]) { out[c] = miss; continue; }
        const w = rv.atomStart![c + 1]! - rv.atomStart![c]!;
        out[c] = w === 1 ? byAtom.get(rv.atomList![rv.atomStart![c]!]!) ?? -1 : w === 0 ? -1 : -2;
      }
    }
    return out;
  });
  const codes = new Int32Array(m);
  return {
    maps,
    /** Aux codes of released row r, or null when one of its values is not a point. */
    translate(r: number): Int32Array | null {
      for (let j = 0; j < m; j++) { const c = tr[j]![relViews[j]!.codes[r]!]!; if (c === -2) return null; codes[j] = c; }
      return codes.slice();
    },
    /** The aux row whose agreement pattern with the codes is exactly `pt` (first found; the caller knows there is one). */
    findRow(target: Int32Array, pt: number): number {
      const agrees = (r: number) => { let p = 0; for (let j = 0; j < m; j++) if (target[j]! >= 0 && auxViews[j]!.codes[r] === target[j]) p |= 1 << j; return p; };
      // visit the rows of the most selective agreeing column
      let bestJ = -1, bestSize = Infinity;
      for (let j = 0; j < m; j++) {
        if (!((pt >> j) & 1)) continue;
        const ix = rowIndex(cols[j]!, auxViews[j]!);
        const size = ix.codeStart[target[j]! + 1]! - ix.codeStart[target[j]!]!;
        if (size < bestSize) { bestSize = size; bestJ = j; }
      }
      if (bestJ >= 0) {
        const ix = rowIndex(cols[bestJ]!, auxViews[bestJ]!);
        for (let i = ix.codeStart[target[bestJ]!]!; i < ix.codeStart[target[bestJ]! + 1]!; i++) { const r = ix.codeRows[i]!; if (agrees(r) === pt) return r; }
      } else for (let r = 0; r < N; r++) if (agrees(r) === pt) return r;
      return -1;
    },
  };
}
