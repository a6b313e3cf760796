/**
 * Person level: when a person-key column exists, the unit of risk is the person, not the row.
 * Rows are grouped by person and each column becomes one value per person through its declared
 * aggregation:
 *   first — the value of the person's first row (file order);
 *   min / max — the smallest / largest value in the column's natural order (numbers numerically,
 *               dates chronologically, text by code point); missing only if all rows are missing;
 *   mode — the most frequent value (ties: the smallest); missing only if all rows are missing;
 *   set — the set of distinct values, as one label "a | b | c" (sorted); missing only if all are.
 * A quasi-identifier whose value varies within a person and has no declared aggregation is an
 * error (`invalid-policy`, naming the column). Other columns default to `first` (weights) or
 * `set` (sensitive attributes, so that l-diversity sees every value of the person).
 * Rows with a missing person key are each their own person (and counted).
 */
import { groupify } from '../check/groupify.ts';
import { AnonymatError } from '../errors.ts';
import { makeTable, type Column, type Table } from '../table/table.ts';
import { columnsByName } from './classes.ts';

export type Aggregation = 'first' | 'min' | 'max' | 'mode' | 'set';

export interface PersonColumnSpec {
  name: string;
  /** Declared aggregation; when absent, `fallback` applies, or (fallback null) varying values are an error. */
  aggregate?: Aggregation;
  fallback?: Aggregation | null;
}

export interface PersonLevel {
  /** One row per person, holding the aggregated columns (in spec order). */
  readonly table: Table;
  readonly persons: number;
  readonly records: number;
  /** Largest number of rows of one person. */
  readonly maxRowsPerPerson: number;
  readonly rowsWithoutPersonKey: number;
  /** Columns whose value varies within at least one person (before aggregation). */
  readonly varying: string[];
  /** The person (row of `table`) of each input row. */
  readonly personOf: Int32Array;
}

/** Groups rows by person: `personOf[row]`, persons in order of first appearance. */
export function personsOf(key: Column): { personOf: Int32Array; persons: number; withoutKey: number } {
  const n = key.codes.length;
  const include = new Uint8Array(n);
  let withoutKey = 0;
  for (let i = 0; i < n; i++) { if (key.codes[i] === key.missing) withoutKey++; else include[i] = 1; }
  const g = groupify([key.codes], [Math.max(1, key.dictionary.length)], include);
  const personOf = g.classOf;
  let persons = g.count;
  for (let i = 0; i < n; i++) if (personOf[i] === -1) personOf[i] = persons++;
  return { personOf, persons, withoutKey };
}

export function aggregateByPerson(table: Table, personKey: string, specs: readonly PersonColumnSpec[]): PersonLevel {
  const [key] = columnsByName(table, [personKey], 'person-key');
  const cols = columnsByName(table, specs.map((s) => s.name));
  const n = table.rowCount;
  const { personOf, persons, withoutKey } = personsOf(key!);
  // rows sorted by person (stable: file order inside a person)
  const start = new Int32Array(persons + 1);
  for (let i = 0; i < n; i++) start[personOf[i]! + 1]!++;
  let maxRows = 0;
  for (let p = 0; p < persons; p++) { if (start[p + 1]! > maxRows) maxRows = start[p + 1]!; start[p + 1]! += start[p]!; }
  const rows = new Int32Array(n);
  const fill = start.slice(0, persons);
  for (let i = 0; i < n; i++) rows[fill[personOf[i]!]!++] = i;

  const varying: string[] = [];
  const undeclared: string[] = [];
  const out: Column[] = [];
  for (let s = 0; s < specs.length; s++) {
    const spec = specs[s]!, col = cols[s]!;
    let varies = false;
    for (let p = 0; p < persons && !varies; p++) {
      const a = start[p]!, b = start[p + 1]!;
      const c0 = col.codes[rows[a]!]!;
      for (let k = a + 1; k < b; k++) if (col.codes[rows[k]!] !== c0) { varies = true; break; }
    }
    if (varies) varying.push(spec.name);
    const agg = spec.aggregate ?? (varies ? spec.fallback ?? null : 'first');
    if (agg === null) { undeclared.push(spec.name); continue; }
    out.push(aggregateColumn(col, agg, rows, start, persons));
  }
  if (undeclared.length) {
    throw new AnonymatError(
      'invalid-policy',
      `at person level (person key "${personKey}"), ${undeclared.length === 1 ? 'quasi-identifier' : 'quasi-identifiers'} ${undeclared.map((u) => `"${u}"`).join(', ')} ` +
        `${undeclared.length === 1 ? 'varies' : 'vary'} within a person and ${undeclared.length === 1 ? 'has' : 'have'} no aggregation: ` +
        `declare one of first, min, max, mode, set (e.g. columns.${undeclared[0]}.aggregate: mode)`,
      undeclared.map((u) => ({ path: `columns.${u}.aggregate`, message: `"${u}" takes several values for some persons; declare how to aggregate it per person` })),
    );
  }
  return { table: makeTable(out), persons, records: n, maxRowsPerPerson: maxRows, rowsWithoutPersonKey: withoutKey, varying, personOf };
}

function aggregateColumn(col: Column, agg: Aggregation, rows: Int32Array, start: Int32Array, persons: number): Column {
  const codes = new Int32Array(persons);
  const miss = col.missing;
  if (agg === 'set') return setColumn(col, rows, start, persons);
  const scratch: number[] = [];
  for (let p = 0; p < persons; p++) {
    const a = start[p]!, b = start[p + 1]!;
    if (agg === 'first') { codes[p] = col.codes[rows[a]!]!; continue; }
    scratch.length = 0;
    for (let k = a; k < b; k++) { const c = col.codes[rows[k]!]!; if (c !== miss) scratch.push(c); }
    if (scratch.length === 0) { codes[p] = miss; continue; }
    if (agg === 'min') { let m = scratch[0]!; for (const c of scratch) if (c < m) m = c; codes[p] = m; }
    else if (agg === 'max') { let m = scratch[0]!; for (const c of scratch) if (c > m) m = c; codes[p] = m; }
    else { // mode, ties → smallest code
      scratch.sort((x, y) => x - y);
      let best = scratch[0]!, bestCount = 0;
      for (let k = 0; k < scratch.length;) {
        let e = k; while (e < scratch.length && scratch[e] === scratch[k]) e++;
        if (e - k > bestCount) { bestCount = e - k; best = scratch[k]!; }
        k = e;
      }
      codes[p] = best;
    }
  }
  return Object.freeze({ ...col, codes });
}

function setColumn(col: Column, rows: Int32Array, start: Int32Array, persons: number): Column {
  const miss = col.missing;
  // each distinct set of codes gets a tuple id: one-value sets (most persons) by a direct table,
  // larger sets by their sorted codes joined as a string
  const single = new Int32Array(col.dictionary.length).fill(-1);
  const multi = new Map<string, number>();
  const tuples: number[][] = [];
  const tupleOf = new Int32Array(persons);
  const scratch: number[] = [];
  let hasMissing = false;
  for (let p = 0; p < persons; p++) {
    const a = start[p]!, b = start[p + 1]!;
    let first = -1, several = false;
    for (let k = a; k < b; k++) {
      const c = col.codes[rows[k]!]!;
      if (c === miss) continue;
      if (first === -1) first = c; else if (c !== first) { several = true; break; }
    }
    if (first === -1) { tupleOf[p] = -1; hasMissing = true; continue; }
    if (!several) {
      let t = single[first]!;
      if (t === -1) { t = single[first] = tuples.length; tuples.push([first]); }
      tupleOf[p] = t;
      continue;
    }
    scratch.length = 0;
    for (let k = a; k < b; k++) { const c = col.codes[rows[k]!]!; if (c !== miss) scratch.push(c); }
    scratch.sort((x, y) => x - y);
    const uniq = scratch.filter((c, i) => i === 0 || c !== scratch[i - 1]);
    const key = uniq.join(',');
    let t = multi.get(key);
    if (t === undefined) { t = tuples.length; multi.set(key, t); tuples.push(uniq); }
    tupleOf[p] = t;
  }
  // dictionary in the order of the code tuples (lexicographic), missing last
  const order = tuples.map((_, i) => i).sort((x, y) => cmpTuple(tuples[x]!, tuples[y]!));
  const rank = new Int32Array(tuples.length);
  order.forEach((t, i) => { rank[t] = i; });
  const dictionary: (string | null)[] = order.map((t) => tuples[t]!.map((c) => col.dictionary[c]).join(' | '));
  if (hasMissing) dictionary.push(null);
  const codes = new Int32Array(persons);
  for (let p = 0; p < persons; p++) codes[p] = tupleOf[p] === -1 ? tuples.length : rank[tupleOf[p]!]!;
  return Object.freeze({ name: col.name, kind: 'string' as const, codes, dictionary: Object.freeze(dictionary), missing: hasMissing ? tuples.length : -1 });
}

function cmpTuple(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * A sensitive column's value hierarchy (`levels[h][code]`, h = 0 the leaves, over the row-level column's codes) for its
 * values aggregated per person as a set (`aggOfRow[r]`: row r's person's aggregated code, of `aggCardinality` codes;
 * `rowCodes[r]`: the row's own code, `rowMissing` the row column's missing code or −1): an aggregated value that is one row
 * value keeps that value's nodes; a set of several values ("a1 | a2") is a leaf of its own under the lowest node its values
 * share — nodes of its own below that level, the shared node and its ancestors from there up (values that share no node
 * meet at the top level). The hierarchical t-closeness of person-level classes reads these levels; the row column's
 * levels would be read at codes that are not the values'.
 */
export function aggregatedLevels(levels: readonly Int32Array[], rowCodes: Int32Array, aggOfRow: Int32Array, aggCardinality: number, rowMissing: number): Int32Array[] {
  const H = levels.length - 1;
  const first = new Int32Array(aggCardinality).fill(-1);
  const lca = new Int32Array(aggCardinality);
  for (let r = 0; r < rowCodes.length; r++) {
    const a = aggOfRow[r]!, c = rowCodes[r]!;
    if (first[a] === -1) { first[a] = c; continue; }
    const f = first[a]!;
    if (c === f) continue;
    // (a missing row value is no member of a set; a set of missing alone is the missing value)
    if (c === rowMissing) continue;
    if (f === rowMissing) { first[a] = c; continue; }
    let h = 0;
    while (h < H && levels[h]![f] !== levels[h]![c]) h++;
    if (h > lca[a]!) lca[a] = h;
  }
  return levels.map((lv, h) => {
    let next = 0;
    for (let c = 0; c < lv.length; c++) if (lv[c]! >= next) next = lv[c]! + 1;
    const out = new Int32Array(aggCardinality);
    for (let a = 0; a < aggCardinality; a++) out[a] = first[a]! < 0 ? next++ : h >= lca[a]! ? lv[first[a]!]! : next++;
    return out;
  });
}
