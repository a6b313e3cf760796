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
 * Same seed → same neighbours.
 */
import { groupify } from '../check/groupify.ts';
import { distancesTo, type Space, type SpaceColumn } from './space.ts';

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
}

/** `priority[row]`: smaller wins ties (a permutation rank). */
export function buildNeighbourIndex(space: Space, colIdx: number[], candidate: number, priority: Int32Array): NeighbourIndex {
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
  return {
    cols, candidate, classCount: g.count, classCodes, rowStart, rows,
    scratch: views.map((v) => new Float64Array(Math.max(1, v.card))),
  };
}

export interface NeighbourResult {
  /** Candidate rows, nearest first (ties by priority). */
  rows: number[];
  /** Distance of the nearest. */
  distance: number;
}

/** The k nearest candidate rows to row `row` of table `target` (Anonymeter's MixedTypeKNeighbors with stable ties). */
export function nearest(index: NeighbourIndex, target: number, row: number, k = 1): NeighbourResult {
  const m = index.cols.length;
  const D = index.scratch;
  for (let j = 0; j < m; j++) {
    const col = index.cols[j]!;
    const tv = col.views[target]!;
    distancesTo(col, tv, tv.codes[row]!, col.views[index.candidate]!, D[j]!);
  }
  const C = index.classCodes;
  const nc = index.classCount;
  if (k === 1) {
    let best = Infinity, bestClass = -1;
    if (m === 1) {
      const d0 = D[0]!, c0 = C[0]!;
      for (let i = 0; i < nc; i++) { const d = d0[c0[i]!]!; if (d < best) { best = d; bestClass = i; if (d === 0) break; } }
    } else if (m === 2) {
      const d0 = D[0]!, c0 = C[0]!, d1 = D[1]!, c1 = C[1]!;
      for (let i = 0; i < nc; i++) { const d = d0[c0[i]!]! + d1[c1[i]!]!; if (d < best) { best = d; bestClass = i; if (d === 0) break; } }
    } else {
      for (let i = 0; i < nc; i++) {
        let d = 0;
        for (let j = 0; j < m && d < best; j++) d += D[j]![C[j]![i]!]!;
        if (d < best) { best = d; bestClass = i; if (d === 0) break; }
      }
    }
    if (bestClass < 0) return { rows: [], distance: Infinity };
    return { rows: [index.rows[index.rowStart[bestClass]!]!], distance: best };
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
  return { rows: out, distance: dist[0] ?? Infinity };
}
