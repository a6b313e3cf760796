/**
 * Nearest neighbours over dictionary codes.
 *
 * The candidate table (the release) is grouped once into classes of identical codes on the
 * compared columns (groupify), so a search visits distinct value combinations, not rows. For a
 * target, the per-column distances to every candidate code are computed once (a Float64Array
 * per column), then a class's distance is a sum of gathers.
 *
 * Ties are broken deterministically by a per-row priority: a seeded random permutation of the
 * candidate rows (so that neither the file order nor the dictionary order favours a record).
 * Same seed → same neighbours. Given a generator (`ties`), `nearest` instead draws among the equally
 * near rows uniformly at random on each call: two searches that must not be correlated (the two halves
 * of linkability) then resolve the same tie independently, where one fixed order would resolve it to
 * the same row in both.
 */
import { groupify } from '../check/groupify.ts';
import type { Rng } from '../util/rng.ts';
import { cellDistance, distancesTo, type Space, type SpaceColumn } from './space.ts';

export interface NeighbourIndex {
  readonly cols: SpaceColumn[];
  readonly candidate: number;
  readonly classCount: number;
  /** classCodes[j][i]: code in column j of the i-th class, classes in priority order. */
  readonly classCodes: Int32Array[];
  /** Rows of each class, sorted by priority (CSR over classes in priority order). */
  readonly rowStart: Int32Array;
  readonly rows: Int32Array;
  readonly scratch: Float64Array[];
  /** Exact-match shortcut (point-like candidates): mixed-radix key of codes → class position. */
  readonly exact: Map<number, number> | null;
  readonly translations: Map<number, Int32Array>;
  readonly acc: Float64Array;
  readonly list: Int32Array;
}

/** `priority[row]`: smaller wins ties (a permutation rank). */
export function buildNeighbourIndex(space: Space, colIdxIn: number[], candidate: number, priority: Int32Array): NeighbourIndex {
  const colIdx = orderColumns(space, colIdxIn, candidate);
  const cols = colIdx.map((j) => space.columns[j]!);
  const views = cols.map((c) => c.views[candidate]!);
  const n = space.tables[candidate]!.table.rowCount;
  const g = groupify(views.map((v) => v.codes), views.map((v) => v.card));
  // class priority = best priority of its rows
  const best = new Int32Array(g.count).fill(0x7fffffff);
  for (let r = 0; r < n; r++) { const c = g.classOf[r]!; if (priority[r]! < best[c]!) best[c] = priority[r]!; }
  const order = Array.from({ length: g.count }, (_, i) => i).sort((a, b) => best[a]! - best[b]!);
  const pos = new Int32Array(g.count);
  order.forEach((c, i) => { pos[c] = i; });
  const classCodes = views.map((v) => {
    const a = new Int32Array(g.count);
    for (let i = 0; i < g.count; i++) a[i] = v.codes[g.first[order[i]!]!]!;
    return a;
  });
  // rows per class sorted by priority: rows in priority order, bucketed by class position
  const rowsByPriority = new Int32Array(n);
  for (let r = 0; r < n; r++) rowsByPriority[priority[r]!] = r;
  const rowStart = new Int32Array(g.count + 1);
  for (let r = 0; r < n; r++) rowStart[pos[g.classOf[r]!]! + 1]!++;
  for (let i = 0; i < g.count; i++) rowStart[i + 1]! += rowStart[i]!;
  const fill = rowStart.slice(0, g.count);
  const rows = new Int32Array(n);
  for (let p = 0; p < n; p++) { const r = rowsByPriority[p]!; rows[fill[pos[g.classOf[r]!]!]!++] = r; }
  // exact-match shortcut when every candidate value is a point: tuple of codes → first class (priority order)
  let exact: Map<number, number> | null = null;
  let radix = 1;
  for (const v of views) radix *= v.card;
  // (and no two codes of a view hold the same point: the exact key would then find one of two classes at distance 0)
  const pointLike = views.every((v, j) => {
    const points = new Set<number>();
    for (let k = 0; k < v.card; k++) {
      if (v.any[k] || v.missOk[k]) return false;
      if (cols[j]!.numeric ? !v.miss[k] && v.lo![k] !== v.hi![k] : v.atomStart![k + 1]! - v.atomStart![k]! > 1) return false;
      // (the point of code k: missing, its number, or its one category; a category of no atom is no point)
      if (!v.miss[k] && !cols[j]!.numeric && v.atomStart![k + 1] === v.atomStart![k]) continue;
      const point = v.miss[k] ? -Infinity : cols[j]!.numeric ? v.lo![k]! : v.atomList![v.atomStart![k]!]!;
      if (points.has(point)) return false;
      points.add(point);
    }
    return true;
  });
  if (pointLike && radix <= Number.MAX_SAFE_INTEGER) {
    exact = new Map();
    for (let i = g.count - 1; i >= 0; i--) {
      let key = 0;
      for (let j = 0; j < views.length; j++) key = key * views[j]!.card + classCodes[j]![i]!;
      exact.set(key, i);
    }
  }
  return {
    cols, candidate, classCount: g.count, classCodes, rowStart, rows,
    scratch: views.map((v) => new Float64Array(Math.max(1, v.card))),
    exact, translations: new Map(), acc: new Float64Array(Math.max(1, g.count)), list: new Int32Array(Math.max(1, g.count)),
  };
}

/**
 * Orders columns by decreasing mean distance between random candidate rows (a seeded sample),
 * so partial sums exceed the best distance early and the scan prunes.
 */
function orderColumns(space: Space, colIdx: number[], candidate: number): number[] {
  const n = space.tables[candidate]!.table.rowCount;
  if (colIdx.length < 3 || n < 2) return colIdx;
  const score = colIdx.map((j) => {
    const col = space.columns[j]!, v = col.views[candidate]!;
    let s = 0;
    for (let i = 0; i < 256; i++) {
      const a = (Math.imul(i + 1, 2654435761) >>> 0) % n, b = (Math.imul(i + 7, 40503) >>> 0) % n;
      s += cellDistance(col, v, v.codes[a]!, v, v.codes[b]!);
    }
    return s;
  });
  return colIdx.map((j, i) => [j, score[i]!] as const).sort((x, y) => y[1] - x[1]).map((x) => x[0]);
}

/** Code of the candidate view holding the same point as code k of the target view, or -1. */
function translate(index: NeighbourIndex, j: number, target: number, k: number): number {
  let tr = index.translations.get(target * 64 + j);
  const col = index.cols[j]!, tv = col.views[target]!, cv = col.views[index.candidate]!;
  if (!tr) {
    tr = new Int32Array(tv.card).fill(-1);
    if (col.numeric) {
      const byValue = new Map<number, number>();
      for (let c = 0; c < cv.card; c++) if (!cv.miss[c]) byValue.set(cv.lo![c]!, c); else byValue.set(NaN, c);
      for (let c = 0; c < tv.card; c++) {
        if (tv.any[c]) continue;
        if (tv.miss[c]) { tr[c] = byValue.get(NaN) ?? -1; continue; }
        if (tv.lo![c] === tv.hi![c]) tr[c] = byValue.get(tv.lo![c]!) ?? -1;
      }
    } else {
      const byAtom = new Map<number, number>();
      let missCode = -1;
      for (let c = 0; c < cv.card; c++) { if (cv.miss[c]) missCode = c; else byAtom.set(cv.atomList![cv.atomStart![c]!]!, c); }
      for (let c = 0; c < tv.card; c++) {
        if (tv.any[c]) continue;
        if (tv.miss[c]) { tr[c] = missCode; continue; }
        if (tv.atomStart![c + 1]! - tv.atomStart![c]! === 1) tr[c] = byAtom.get(tv.atomList![tv.atomStart![c]!]!) ?? -1;
      }
    }
    index.translations.set(target * 64 + j, tr);
  }
  return tr[k]!;
}

export interface NeighbourResult {
  /** Candidate rows, nearest first (ties by priority). */
  rows: number[];
  /** Distance of the nearest. */
  distance: number;
}

/**
 * The k nearest candidate rows to row `row` of table `target` (Anonymeter's MixedTypeKNeighbors). Ties: by the index's
 * priority (stable), or with `ties`, drawn uniformly at random among the equally near rows (a fresh draw per call).
 */
export function nearest(index: NeighbourIndex, target: number, row: number, k = 1, ties?: Rng): NeighbourResult {
  const m = index.cols.length;
  if (k === 1 && index.exact) {
    // a candidate identical to the target is at distance 0: the first such class in priority order wins
    let key = 0, ok = true;
    for (let j = 0; j < m && ok; j++) {
      const col = index.cols[j]!;
      const c = translate(index, j, target, col.views[target]!.codes[row]!);
      if (c < 0) ok = false; else key = key * col.views[index.candidate]!.card + c;
    }
    const hit = ok ? index.exact.get(key) : undefined;
    if (hit !== undefined) return { rows: [rowOfClass(index, hit, ties)], distance: 0 };
  }
  const D = index.scratch;
  for (let j = 0; j < m; j++) {
    const col = index.cols[j]!;
    const tv = col.views[target]!;
    distancesTo(col, tv, tv.codes[row]!, col.views[index.candidate]!, D[j]!);
  }
  const C = index.classCodes;
  const nc = index.classCount;
  if (k === 1) {
    // column-major sums over the classes with progressive filtering: after the first column, the
    // full distance U of the class with the smallest partial sum bounds the answer; a class whose
    // partial sum exceeds U can never be nearest (distances are ≥ 0), so later columns only visit
    // the survivors (kept in priority order, so the first minimum is still the best-priority one).
    let best = Infinity, bestClass = -1;
    const acc = index.acc, list = index.list;
    const d0 = D[0]!, c0 = C[0]!;
    let i0 = 0, min0 = Infinity;
    for (let i = 0; i < nc; i++) { const d = d0[c0[i]!]!; acc[i] = d; if (d < min0) { min0 = d; i0 = i; } }
    let U = 0;
    for (let j = 0; j < m; j++) U += D[j]![C[j]![i0]!]!;
    let len = 0;
    for (let i = 0; i < nc; i++) if (acc[i]! <= U) list[len++] = i;
    for (let j = 1; j < m && len > 1; j++) {
      const dj = D[j]!, cj = C[j]!;
      let w = 0;
      for (let q = 0; q < len; q++) {
        const i = list[q]!;
        const d = acc[i]! + dj[cj[i]!]!;
        acc[i] = d;
        if (d <= U) list[w++] = i;
      }
      len = w;
    }
    if (len === 1 || m === 1) {
      for (let q = 0; q < len; q++) { const i = list[q]!; const d = acc[i]!; if (d < best) { best = d; bestClass = i; } }
      if (len === 1 && m > 1) { best = 0; for (let j = 0; j < m; j++) best += D[j]![C[j]![bestClass]!]!; }
    } else {
      for (let q = 0; q < len; q++) { const i = list[q]!; const d = acc[i]!; if (d < best) { best = d; bestClass = i; } }
    }
    if (bestClass < 0) return { rows: [], distance: Infinity };
    if (!ties || len === 1) return { rows: [rowOfClass(index, bestClass, ties)], distance: best };
    // a random row among those of every class at the best distance (the survivors hold full sums here: len > 1 after
    // every column, or a single column)
    let total = 0;
    for (let q = 0; q < len; q++) { const i = list[q]!; if (acc[i] === best) total += index.rowStart[i + 1]! - index.rowStart[i]!; }
    let pick = ties.int(total);
    for (let q = 0; q < len; q++) {
      const i = list[q]!;
      if (acc[i] !== best) continue;
      const size = index.rowStart[i + 1]! - index.rowStart[i]!;
      if (pick < size) return { rows: [index.rows[index.rowStart[i]! + pick]!], distance: best };
      pick -= size;
    }
    return { rows: [rowOfClass(index, bestClass, ties)], distance: best };
  }
  // k > 1: bounded insertion over (distance, class position, rank within class)
  const dist: number[] = [], out: number[] = [];
  for (let i = 0; i < nc; i++) {
    let d = 0;
    const bound = out.length === k ? dist[k - 1]! : Infinity;
    for (let j = 0; j < m && d <= bound; j++) d += D[j]![C[j]![i]!]!;
    if (out.length === k && d >= bound) continue;
    for (let p = index.rowStart[i]!; p < index.rowStart[i + 1]!; p++) {
      if (out.length === k && d >= dist[k - 1]!) break;
      let at = out.length;
      while (at > 0 && dist[at - 1]! > d) at--;
      dist.splice(at, 0, d); out.splice(at, 0, index.rows[p]!);
      if (out.length > k) { dist.pop(); out.pop(); }
    }
  }
  if (!ties || out.length < k) return { rows: out, distance: dist[0] ?? Infinity };
  // random ties: the rows nearer than the k-th distance T are all in; the rest are drawn uniformly among the rows at
  // exactly T (reservoir sampling over a second scan, whose sums are computed as in the first)
  const T = dist[k - 1]!;
  const rows: number[] = [];
  for (let q = 0; q < k && dist[q]! < T; q++) rows.push(out[q]!);
  const need = k - rows.length;
  const pool: number[] = [];
  let seen = 0;
  for (let i = 0; i < nc; i++) {
    let d = 0;
    for (let j = 0; j < m && d <= T; j++) d += D[j]![C[j]![i]!]!;
    if (d !== T) continue;
    for (let p = index.rowStart[i]!; p < index.rowStart[i + 1]!; p++, seen++) {
      if (pool.length < need) pool.push(index.rows[p]!);
      else { const x = ties.int(seen + 1); if (x < need) pool[x] = index.rows[p]!; }
    }
  }
  rows.push(...pool);
  return { rows, distance: dist[0]! };
}

/** A row of class position c: its first by priority, or with `ties` one drawn uniformly. */
function rowOfClass(index: NeighbourIndex, c: number, ties: Rng | undefined): number {
  const from = index.rowStart[c]!;
  return index.rows[ties ? from + ties.int(index.rowStart[c + 1]! - from) : from]!;
}
