/**
 * Local (cell) suppression after full-domain generalization, with anonymat's own semantics: a
 * suppressed cell becomes the label `*`, which is a value of its own (a `*` matches only `*`, as in
 * every assessment of this package), so the result is checked by the same models as any release.
 *
 * The records that the chosen transformation would suppress ("flagged") keep their row; the fewest
 * of their quasi-identifier cells are replaced by `*`, greedily, attribute by attribute: attributes
 * are taken in decreasing order of the number of distinct values among the flagged records (the most
 * identifying first); after each step the table is regrouped and the records now in a class that
 * satisfies the models are settled. Records still violating once every quasi-identifier is `*` are
 * removed (record suppression as the last resort). Deterministic: the order is fixed and ties between
 * attributes go to the policy's order.
 *
 * Models checked per class: k-anonymity and, when given, distinct l-diversity of each sensitive column.
 * (sdcMicro's localSuppression, in local-suppression.ts, treats a suppressed cell as matching any
 * value instead; that is a different release model.)
 */
import { groupify } from '../check/groupify.ts';
import { columnFromCodes, makeTable, type Column, type Table } from '../table/table.ts';

export interface LocalCellOptions {
  k: number;
  /** Distinct l-diversity of each sensitive column (optional). */
  l?: number;
  sensitive?: string[];
  label?: string;
}

export interface LocalCellResult {
  table: Table;
  /** Cells replaced by `*`, per quasi-identifier, in the rows kept (a removed row's masked cells are not counted). */
  cells: Record<string, number>;
  totalCells: number;
  /** Flagged records kept with some cells suppressed. */
  recordsKept: number;
  /** Flagged records removed (still violating with every quasi-identifier suppressed). */
  recordsRemoved: number;
  /** Attribute order used. */
  order: string[];
  /** The input rows kept, in order (the output's row i is the input's row kept[i]). */
  kept: Int32Array;
}

/** Adds `label` to a column's dictionary if absent (before the missing code, which stays last). */
export function withLabel(c: Column, label: string): { column: Column; code: number } {
  const at = c.dictionary.indexOf(label);
  if (at >= 0) return { column: c, code: at };
  const labels = c.dictionary.filter((l): l is string => l !== null);
  const code = labels.length;
  const dict: (string | null)[] = [...labels, label];
  const hasMissing = c.missing >= 0;
  if (hasMissing) dict.push(null);
  const codes = new Int32Array(c.codes.length);
  for (let i = 0; i < codes.length; i++) { const x = c.codes[i]!; codes[i] = x === c.missing ? code + 1 : x; }
  // the kind becomes text: `*` is not a number or a date
  return { column: columnFromCodes(c.name, 'string', codes, dict), code };
}

export function localCellSuppression(table: Table, quasi: string[], flagged: Uint8Array, o: LocalCellOptions): LocalCellResult {
  const label = o.label ?? '*';
  const n = table.rowCount;
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  // attribute order: most distinct values among flagged records first (ties: policy order)
  const distinctAmongFlagged = quasi.map((q) => {
    const c = byName.get(q)!;
    const seen = new Uint8Array(c.dictionary.length);
    let d = 0;
    for (let r = 0; r < n; r++) if (flagged[r] && !seen[c.codes[r]!]) { seen[c.codes[r]!] = 1; d++; }
    return d;
  });
  const order = quasi.map((q, i) => ({ q, i, d: distinctAmongFlagged[i]! })).sort((a, b) => b.d - a.d || a.i - b.i).map((x) => x.q);
  const qcols = new Map<string, { column: Column; code: number; codes: Int32Array }>();
  for (const q of quasi) {
    const { column, code } = withLabel(byName.get(q)!, label);
    qcols.set(q, { column, code, codes: Int32Array.from(column.codes) });
  }
  const sens = (o.sensitive ?? []).map((s) => byName.get(s)!).filter(Boolean);
  const violating = Uint8Array.from(flagged);
  const cells: Record<string, number> = Object.fromEntries(quasi.map((q) => [q, 0]));
  const classesViolate = (): Uint8Array => {
    const cols = quasi.map((q) => qcols.get(q)!.codes);
    const cards = quasi.map((q) => qcols.get(q)!.column.dictionary.length);
    const g = groupify(cols, cards);
    const bad = new Uint8Array(g.count);
    for (let c = 0; c < g.count; c++) if (g.sizes[c]! < o.k) bad[c] = 1;
    if (o.l && o.l > 1) {
      for (const s of sens) {
        // distinct sensitive values per class, counted with a per-class "last seen" marker per value
        const distinct = new Int32Array(g.count);
        const seen = new Map<number, number>();
        for (let r = 0; r < n; r++) {
          const cls = g.classOf[r]!;
          const key = cls * s.dictionary.length + s.codes[r]!;
          if (!seen.has(key)) { seen.set(key, 1); distinct[cls]!++; }
        }
        for (let c = 0; c < g.count; c++) if (distinct[c]! < o.l) bad[c] = 1;
      }
    }
    const rowBad = new Uint8Array(n);
    for (let r = 0; r < n; r++) rowBad[r] = bad[g.classOf[r]!]!;
    return rowBad;
  };
  for (const q of order) {
    let any = false;
    for (let r = 0; r < n; r++) if (violating[r]) { any = true; break; }
    if (!any) break;
    const qc = qcols.get(q)!;
    for (let r = 0; r < n; r++) {
      if (violating[r] && qc.codes[r] !== qc.code) { qc.codes[r] = qc.code; cells[q]!++; }
    }
    const rowBad = classesViolate();
    for (let r = 0; r < n; r++) if (violating[r] && !rowBad[r]) violating[r] = 0;
  }
  // last resort: remove what still violates (flagged rows only; unflagged rows were already fine)
  const kept: number[] = [];
  let removed = 0;
  for (let r = 0; r < n; r++) { if (flagged[r] && violating[r]) removed++; else kept.push(r); }
  // cells of removed rows are not counted as cell suppression: the counts are of the `*` this pass wrote in the rows kept,
  // as the person-key variant (release/anonymize.ts, personLocalCells) counts them
  if (removed > 0) {
    for (const q of quasi) {
      const qc = qcols.get(q)!; const before = qc.column.codes;
      for (let r = 0; r < n; r++) if (flagged[r] && violating[r] && qc.codes[r] !== before[r]) cells[q]!--;
    }
  }
  const columns = table.columns.map((c) => {
    const qc = qcols.get(c.name);
    const base = qc ? columnFromCodes(c.name, qc.column.kind, qc.codes, [...qc.column.dictionary]) : c;
    if (removed === 0) return base;
    const codes = new Int32Array(kept.length);
    for (let i = 0; i < kept.length; i++) codes[i] = base.codes[kept[i]!]!;
    return columnFromCodes(c.name, base.kind, codes, [...base.dictionary]);
  });
  let flaggedCount = 0;
  for (let r = 0; r < n; r++) flaggedCount += flagged[r]!;
  return {
    table: makeTable(columns), cells, totalCells: Object.values(cells).reduce((a, b) => a + b, 0),
    recordsKept: flaggedCount - removed, recordsRemoved: removed, order, kept: Int32Array.from(kept),
  };
}
