/**
 * Materializes a full-domain generalization: each quasi-identifier is replaced by its label at
 * the chosen level (a gather through the hierarchy, on codes), and suppressed records are removed
 * or masked. Columns at level 0 are kept as they are (same kind and dictionary); generalized
 * columns become text columns whose dictionary is the level's labels in code-point order.
 */
import type { Column, Table } from '../table/table.ts';
import { columnFromCodes, makeTable } from '../table/table.ts';
import type { CompiledHierarchy } from '../hierarchy/hierarchy.ts';

export interface GeneralizeSpec {
  readonly column: string;
  readonly hierarchy: CompiledHierarchy;
  readonly level: number;
}

export interface GeneralizeOptions {
  /** Per-row flag: 1 = suppressed. */
  readonly suppressed?: Uint8Array;
  /** 'remove' (default) drops suppressed rows; 'mask' keeps them with every generalized column set to `maskLabel`. */
  readonly mode?: 'remove' | 'mask';
  /** Label of masked cells (default '*'). */
  readonly maskLabel?: string;
  /** Columns left out of the output (e.g. direct identifiers). */
  readonly drop?: readonly string[];
}

/** Column `col` generalized to `level` of `h` (codes through the level map), plus an optional mask label. */
export function generalizeColumn(col: Column, h: CompiledHierarchy, level: number, mask?: { rows: Uint8Array; label: string }): Column {
  if (level === 0 && !mask) return col;
  const labels = h.labels[level]!;
  const map = h.levelOfGround[level]!;
  // final dictionary: the level's labels (+ the mask label), sorted; null (missing) last
  const texts = new Set<string>();
  let hasNull = false;
  for (const l of labels) { if (l === null) hasNull = true; else texts.add(l); }
  if (mask) texts.add(mask.label);
  const sorted = [...texts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const dictionary: (string | null)[] = sorted;
  if (hasNull) dictionary.push(null);
  const index = new Map<string | null, number>();
  dictionary.forEach((l, i) => index.set(l, i));
  const codeOfLevel = Int32Array.from(labels, (l) => index.get(l)!);
  const codeOfInput = new Int32Array(col.dictionary.length);
  for (let c = 0; c < col.dictionary.length; c++) {
    const g = h.groundOfCode[c]!;
    codeOfInput[c] = g >= 0 ? codeOfLevel[map[g]!]! : 0;
  }
  const n = col.codes.length;
  const codes = new Int32Array(n);
  const maskCode = mask ? index.get(mask.label)! : -1;
  for (let r = 0; r < n; r++) codes[r] = mask && mask.rows[r] ? maskCode : codeOfInput[col.codes[r]!]!;
  return columnFromCodes(col.name, 'string', codes, dictionary);
}

/** Applies a transformation to a table. */
export function generalizeTable(table: Table, specs: readonly GeneralizeSpec[], options: GeneralizeOptions = {}): Table {
  const byName = new Map(specs.map((s) => [s.column, s]));
  const drop = new Set(options.drop ?? []);
  const mode = options.mode ?? 'remove';
  const sup = options.suppressed;
  const mask = sup && mode === 'mask' ? { rows: sup, label: options.maskLabel ?? '*' } : undefined;
  let cols: Column[] = table.columns.filter((c) => !drop.has(c.name)).map((c) => {
    const s = byName.get(c.name);
    return s ? generalizeColumn(c, s.hierarchy, s.level, mask) : c;
  });
  if (sup && mode === 'remove') {
    let kept = 0;
    for (let r = 0; r < table.rowCount; r++) if (!sup[r]) kept++;
    const rows = new Int32Array(kept);
    for (let r = 0, i = 0; r < table.rowCount; r++) if (!sup[r]) rows[i++] = r;
    cols = cols.map((c) => {
      const codes = new Int32Array(kept);
      for (let i = 0; i < kept; i++) codes[i] = c.codes[rows[i]!]!;
      return Object.freeze({ ...c, codes });
    });
  }
  return makeTable(cols);
}
