/**
 * The in-memory table: every column is dictionary-encoded once into an Int32Array of codes.
 *
 * - `dictionary[code]` is the value's label as text (integers as `42`, decimals as DuckDB prints
 *   them, dates as `YYYY-MM-DD`), sorted in the column's natural order (numbers numerically,
 *   dates chronologically, text by code point), so code order is value order.
 * - Missing values (SQL NULL, empty cells, the policy's `missing` strings) are one explicit code,
 *   `missing`, always the LAST code of the dictionary, with a `null` label. Missing is treated as
 *   a value of its own everywhere (it forms its own equivalence classes), as ARX and sdcMicro do
 *   when NA is not imputed. `missing` is -1 when the column has no missing value.
 * - `numbers[code]` is the numeric value of a code for integer, decimal and date columns
 *   (dates as days since 1970-01-01); NaN for the missing code. Absent for text columns.
 */
import { AnonymatError } from '../errors.ts';
export type ColumnKind = 'string' | 'integer' | 'decimal' | 'date' | 'boolean';

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly codes: Int32Array;
  readonly dictionary: readonly (string | null)[];
  readonly numbers?: Float64Array;
  readonly missing: number;
}

export interface Table {
  readonly rowCount: number;
  readonly columns: readonly Column[];
}

export function column(table: Table, name: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column named ${JSON.stringify(name)}`);
  return c;
}

export function hasColumn(table: Table, name: string): boolean {
  return table.columns.some((x) => x.name === name);
}

/** Cell texts that exports write for a missing value (ARX's and UCI's "?", R's "NA", SQL's "NULL"…). */
export const MISSING_MARKERS: readonly string[] = ['?', 'NA', 'N/A', '#N/A', 'NULL', 'null', 'NaN', 'nan'];
/**
 * Cell texts that stand for no value: exports' missing markers ("?", "NA", "NULL"…) and placeholders ("false" where a
 * licence number is absent, "none", "unknown", "inconnu", "-"). Detectors judge a column by its other values: a date
 * column with one "NA" in eight is still a date column.
 */
export const PLACEHOLDER_VALUES: ReadonlySet<string> = new Set([...MISSING_MARKERS, 'n/a',
  'none', 'None', 'NONE', 'false', 'False', 'FALSE', 'unknown', 'Unknown', 'UNKNOWN', 'inconnu', 'Inconnu', 'INCONNU', '-', '--', 'NC', 'nc', 'n.c.']);
/** Whether a cell text stands for no value (PLACEHOLDER_VALUES, spaces around ignored). */
export function isPlaceholder(v: string): boolean { return PLACEHOLDER_VALUES.has(v.trim()); }

/**
 * Up to `size` values of a column that are neither missing nor placeholders, read at evenly spaced rows (a
 * deterministic sample for detectors).
 */
export function sampleValues(c: Column, size = 200): string[] {
  const out: string[] = [];
  const rows = c.codes.length;
  const step = Math.max(1, Math.floor(rows / size));
  for (let i = 0; i < rows && out.length < size; i += step) { const v = c.dictionary[c.codes[i]!]; if (v !== null && v !== undefined && !isPlaceholder(v)) out.push(v); }
  return out;
}

export function makeTable(columns: Column[]): Table {
  const rowCount = columns.length ? columns[0]!.codes.length : 0;
  for (const c of columns) {
    if (c.codes.length !== rowCount) throw new Error(`column ${c.name} has ${c.codes.length} rows, expected ${rowCount}`);
  }
  return Object.freeze({ rowCount, columns: Object.freeze([...columns]) });
}

/** Number of distinct codes (dictionary size, missing included). */
export function cardinality(c: Column): number { return c.dictionary.length; }

/** Label of a row's value (null when missing). */
export function valueAt(c: Column, row: number): string | null { return c.dictionary[c.codes[row]!]!; }

export function isNumericKind(kind: ColumnKind): boolean {
  return kind === 'integer' || kind === 'decimal' || kind === 'date';
}

const DAY = 86_400_000;

/** Parses a label of a column kind to its number (days since epoch for dates); NaN when impossible. */
export function labelToNumber(kind: ColumnKind, label: string): number {
  if (kind === 'date') {
    const t = Date.parse(label.length === 10 ? label + 'T00:00:00Z' : label);
    return Number.isNaN(t) ? NaN : Math.floor(t / DAY);
  }
  if (kind === 'boolean') return label === 'true' ? 1 : label === 'false' ? 0 : NaN;
  return label.trim() === '' ? NaN : Number(label);
}

/**
 * Builds a column from plain values (tests, small generated data, JS-side transforms).
 * `null`, `undefined` and '' are missing. Numbers are kept as numbers for numeric kinds.
 */
export function columnFromValues(
  name: string,
  values: ArrayLike<string | number | null | undefined>,
  kind: ColumnKind = inferKind(values),
): Column {
  const n = values.length;
  const keyOf = (v: string | number | null | undefined): string | null =>
    v === null || v === undefined || v === '' ? null : typeof v === 'number' ? numberLabel(v) : String(v);
  const distinct = new Map<string, number>();
  let hasMissing = false;
  for (let i = 0; i < n; i++) {
    const k = keyOf(values[i]);
    if (k === null) hasMissing = true; else if (!distinct.has(k)) distinct.set(k, 0);
  }
  const labels = [...distinct.keys()];
  const numeric = isNumericKind(kind) || kind === 'boolean';
  if (numeric) {
    const num = new Map(labels.map((l) => [l, labelToNumber(kind, l)]));
    labels.sort((a, b) => num.get(a)! - num.get(b)! || cmp(a, b));
  } else labels.sort(cmp);
  labels.forEach((l, i) => distinct.set(l, i));
  const dictionary: (string | null)[] = labels;
  const missing = hasMissing ? labels.length : -1;
  if (hasMissing) dictionary.push(null);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = keyOf(values[i]);
    codes[i] = k === null ? missing : distinct.get(k)!;
  }
  let numbers: Float64Array | undefined;
  if (numeric) {
    numbers = new Float64Array(dictionary.length);
    for (let c = 0; c < dictionary.length; c++) {
      const l = dictionary[c];
      numbers[c] = l === null ? NaN : labelToNumber(kind, l!);
    }
  }
  return Object.freeze({ name, kind, codes, dictionary: Object.freeze(dictionary), numbers, missing });
}

/** Builds a column directly from codes and a dictionary already in natural order. */
export function columnFromCodes(
  name: string, kind: ColumnKind, codes: Int32Array, dictionary: (string | null)[],
): Column {
  const missing = dictionary.indexOf(null);
  if (missing !== -1 && missing !== dictionary.length - 1) throw new Error(`column ${name}: missing must be the last code`);
  let numbers: Float64Array | undefined;
  if (isNumericKind(kind) || kind === 'boolean') {
    numbers = new Float64Array(dictionary.length);
    for (let c = 0; c < dictionary.length; c++) {
      const l = dictionary[c];
      numbers[c] = l === null || l === undefined ? NaN : labelToNumber(kind, l);
    }
  }
  return Object.freeze({ name, kind, codes, dictionary: Object.freeze([...dictionary]), numbers, missing });
}

/** Convenience for tests: a table from named arrays of plain values. */
export function tableFromRecords(
  data: Record<string, ArrayLike<string | number | null | undefined>>,
  kinds: Record<string, ColumnKind> = {},
): Table {
  return makeTable(Object.entries(data).map(([name, vals]) => columnFromValues(name, vals, kinds[name])));
}

/** Keeps the rows whose index is listed (in that order); dictionaries are kept as they are. */
export function selectRows(table: Table, rows: Int32Array | number[]): Table {
  return makeTable(table.columns.map((c) => {
    const codes = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) codes[i] = c.codes[rows[i]!]!;
    return Object.freeze({ ...c, codes });
  }));
}

/** Rows of a table as plain objects (labels; null for missing). For small outputs and tests only. */
export function toRecords(table: Table): Record<string, string | null>[] {
  const out: Record<string, string | null>[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const o: Record<string, string | null> = {};
    for (const c of table.columns) o[c.name] = c.dictionary[c.codes[r]!]!;
    out.push(o);
  }
  return out;
}

function inferKind(values: ArrayLike<string | number | null | undefined>): ColumnKind {
  let sawNumber = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'number') { sawNumber = true; continue; }
    return 'string';
  }
  if (!sawNumber) return 'string';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && !Number.isInteger(v)) return 'decimal';
  }
  return 'integer';
}

function numberLabel(v: number): string { return String(v); }
function cmp(a: string, b: string): number { return a < b ? -1 : a > b ? 1 : 0; }

/**
 * The codes of a dictionary in a declared order of its values (missing last); an error naming the values the order
 * lacks. Undefined without an order.
 */
export function codeOrderOf(dictionary: readonly (string | null)[], order: readonly string[] | undefined, column: string): Int32Array | undefined {
  if (!order) return undefined;
  const at = new Map(order.map((v, i) => [v, i] as const));
  const missing = dictionary.filter((v): v is string => v !== null && !at.has(v));
  if (missing.length) {
    throw new AnonymatError('invalid-policy', `the order of column ${column} lacks ${missing.length} of its value(s): ${missing.slice(0, 5).map((v) => JSON.stringify(v)).join(', ')}${missing.length > 5 ? ', …' : ''}`,
      [{ path: `columns.${column}.order`, message: 'list every value of the column, lowest first' }]);
  }
  const codes = Array.from(dictionary, (_, code) => code);
  codes.sort((a, b) => (dictionary[a] === null ? Infinity : at.get(dictionary[a]!)!) - (dictionary[b] === null ? Infinity : at.get(dictionary[b]!)!));
  return Int32Array.from(codes);
}
