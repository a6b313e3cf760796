/**
 * Small-cell suppression with secondary suppression — NOT differential privacy.
 *
 * The classic statistical-secrecy rule: a count c with 0 < c < threshold is hidden (primary
 * suppression). Because published margins let a single hidden cell be recovered by subtraction,
 * every line (a row or column with its total, and the lines of totals) that holds exactly one
 * hidden entry gets a second one hidden (secondary suppression: the smallest non-zero cell of the
 * line, else a zero cell, else the line total), until no line holds exactly one hidden entry.
 * This defeats subtraction along one line; it is not an audit against linear-programming attacks
 * over several lines or tables, and gives no guarantee against auxiliary information.
 */
export type SuppressionMark = 'primary' | 'secondary' | null;

export interface SuppressedCell { key: Record<string, string | null>; value: number | null; suppressed: SuppressionMark }

export interface SuppressionResult {
  statistic: string;
  differentialPrivacy: false;
  threshold: number;
  cells: SuppressedCell[];
  rowTotals: SuppressedCell[];
  columnTotals: SuppressedCell[];
  total: SuppressedCell;
  suppressedCells: { primary: number; secondary: number };
}

export interface SuppressionLabels {
  statistic: string;
  rowLabels: (string | null)[];
  colLabels: (string | null)[];
  rowColumn: string | null;
  colColumn: string | null;
}

/**
 * counts: R×C row-major. Returns every cell and margin with its value (null when suppressed).
 * With R = 1 the row totals are the grand total and are not repeated.
 */
export function suppressCounts(counts: number[], R: number, C: number, threshold: number, labels: SuppressionLabels): SuppressionResult {
  // entries: cells 0..RC−1, row totals RC..RC+R−1, column totals RC+R..RC+R+C−1, grand RC+R+C
  const RC = R * C;
  const rowT = (r: number) => RC + r, colT = (c: number) => RC + R + c, grand = RC + R + C;
  const value = new Array<number>(grand + 1).fill(0);
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) {
    const v = counts[r * C + c]!;
    value[r * C + c] = v; value[rowT(r)]! += v; value[colT(c)]! += v; value[grand]! += v;
  }
  const isTotal = (e: number) => e >= RC;
  const lines: number[][] = [];
  if (R === 1) lines.push([...Array.from({ length: C }, (_, c) => c), grand]);
  else {
    for (let r = 0; r < R; r++) lines.push([...Array.from({ length: C }, (_, c) => r * C + c), rowT(r)]);
    for (let c = 0; c < C; c++) lines.push([...Array.from({ length: R }, (_, r) => r * C + c), colT(c)]);
    lines.push([...Array.from({ length: C }, (_, c) => colT(c)), grand]);
    lines.push([...Array.from({ length: R }, (_, r) => rowT(r)), grand]);
  }
  const mark: SuppressionMark[] = value.map((v) => (v > 0 && v < threshold ? 'primary' : null));
  if (R === 1) { // 1-D: only the cells and the grand total are published
    for (let r = 0; r < R; r++) mark[rowT(r)] = null;
    for (let c = 0; c < C; c++) mark[colT(c)] = null;
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter((e) => mark[e] !== null).length;
      if (hidden !== 1) continue;
      const open = line.filter((e) => mark[e] === null);
      const pick = (cands: number[]) => cands.sort((a, b) => value[a]! - value[b]! || a - b)[0];
      const e = pick(open.filter((x) => !isTotal(x) && value[x]! > 0)) ?? pick(open.filter((x) => !isTotal(x))) ?? pick(open);
      if (e === undefined) continue;
      mark[e] = 'secondary'; changed = true;
    }
  }
  const out = (e: number, key: Record<string, string | null>): SuppressedCell => ({ key, value: mark[e] ? null : value[e]!, suppressed: mark[e]! });
  const keyOf = (r: number | null, c: number | null) => {
    const k: Record<string, string | null> = {};
    if (labels.rowColumn && r !== null) k[labels.rowColumn] = labels.rowLabels[r]!;
    if (labels.colColumn && c !== null) k[labels.colColumn] = labels.colLabels[c]!;
    return k;
  };
  const cells: SuppressedCell[] = [];
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) cells.push(out(r * C + c, keyOf(r, c)));
  let primary = 0, secondary = 0;
  for (const m of mark) { if (m === 'primary') primary++; else if (m === 'secondary') secondary++; }
  return {
    statistic: labels.statistic, differentialPrivacy: false, threshold, cells,
    rowTotals: R > 1 ? Array.from({ length: R }, (_, r) => out(rowT(r), keyOf(r, null))) : [],
    columnTotals: R > 1 && labels.colColumn ? Array.from({ length: C }, (_, c) => out(colT(c), keyOf(null, c))) : [],
    total: out(grand, {}),
    suppressedCells: { primary, secondary },
  };
}
