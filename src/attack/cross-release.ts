/**
 * Cross-release linkability (docs/verdict.md §Cross-release): can records of two successive
 * releases be linked? The failure behind anonymat was a persistent per-patient pseudonym that let
 * successive transmissions be joined and care pathways rebuilt.
 *
 * For every column the two releases share, and for value combinations (the quasi-identifiers
 * together, and every stable column together), it counts:
 * - distinct values in each release, values present in both (`shared`), recurrence = shared /
 *   distinct in the current release;
 * - linkable persons: values (or combinations) held by exactly one person in each release (a
 *   person is a distinct value of the person column when one is given and present in both
 *   releases, else a row), counted as persons of the current release holding one.
 *
 * A column is KEY-LIKE when it is high-cardinality (distinct values ≥ 10 % of the current
 * release's persons, and ≥ 20) and its values recur (recurrence ≥ 50 %): a pseudonym, a record
 * number, an exact date of birth. Values are compared by their released labels.
 */
import type { Column, Table } from '../table/table.ts';
import { groupify } from '../check/groupify.ts';

export interface CrossReleaseOptions {
  release: Table;
  previous: Table;
  /** Column(s) identifying a person within a release (e.g. the policy's person-key), when present in both. */
  personColumn?: string;
  /** Columns combined as the quasi-identifier combination (default: none; the verdict passes the policy's quasi-identifiers). */
  quasiIdentifiers?: string[];
  /** Minimum cardinality share and recurrence of a key-like column. Defaults 0.1 and 0.5. */
  keyCardinality?: number;
  keyRecurrence?: number;
}

export interface CrossColumn {
  columns: string[];
  distinct: number;
  distinctPrevious: number;
  shared: number;
  recurrence: number;
  linkablePersons: number;
  linkableShare: number;
  keyLike: boolean;
}

export interface CrossReleaseResult {
  persons: number;
  personsPrevious: number;
  personUnit: 'person column' | 'row';
  columns: CrossColumn[];
  keyLike: CrossColumn[];
  /** The combinations tested (quasi-identifiers; every stable column). */
  combinations: CrossColumn[];
  /** Largest number of persons linkable by one column or combination. */
  linkablePersons: number;
  linkableShare: number;
  notes: string[];
}

/** Per-row id of each distinct label tuple of a column set, shared between both tables (groupify, no string per row). */
function tupleIds(cols: [Column[], Column[]]): [Int32Array, Int32Array, number] {
  const [cs, ps] = cols;
  const nc = cs[0]!.codes.length, np = ps[0]!.codes.length;
  const merged: Int32Array[] = [], cards: number[] = [];
  for (let j = 0; j < cs.length; j++) {
    const ids = new Map<string | null, number>();
    const map = (c: Column) => Int32Array.from(c.dictionary, (l) => { let id = ids.get(l); if (id === undefined) { id = ids.size; ids.set(l, id); } return id; });
    const mc = map(cs[j]!), mp = map(ps[j]!);
    const a = new Int32Array(nc + np);
    for (let r = 0; r < nc; r++) a[r] = mc[cs[j]!.codes[r]!]!;
    for (let r = 0; r < np; r++) a[nc + r] = mp[ps[j]!.codes[r]!]!;
    merged.push(a); cards.push(ids.size);
  }
  const g = groupify(merged, cards);
  return [g.classOf.slice(0, nc), g.classOf.slice(nc), g.count];
}

function personIds(t: Table, personColumn?: string): Int32Array {
  const c = personColumn ? t.columns.find((x) => x.name === personColumn) : undefined;
  if (c) return c.codes;
  return Int32Array.from({ length: t.rowCount }, (_, i) => i);
}

function analyse(names: string[], cur: Column[], prev: Column[], pc: Int32Array, pp: Int32Array, persons: number, keyCard: number, keyRec: number): CrossColumn {
  const [a, b, nIds] = tupleIds([cur, prev]);
  // persons per value in each release: count distinct persons (first person seen, -2 = several)
  const holder = (ids: Int32Array, p: Int32Array) => {
    const h = new Int32Array(nIds).fill(-1);
    for (let r = 0; r < ids.length; r++) {
      const v = ids[r]!, x = h[v]!;
      if (x === -1) h[v] = p[r]!; else if (x >= 0 && x !== p[r]) h[v] = -2;
    }
    return h;
  };
  const hc = holder(a, pc), hp = holder(b, pp);
  let distinct = 0, distinctPrevious = 0, shared = 0;
  const linkedPersons = new Set<number>();
  for (let v = 0; v < nIds; v++) {
    const inC = hc[v] !== -1, inP = hp[v] !== -1;
    if (inC) distinct++;
    if (inP) distinctPrevious++;
    if (inC && inP) {
      shared++;
      if (hc[v]! >= 0 && hp[v]! >= 0) linkedPersons.add(hc[v]!);
    }
  }
  const recurrence = distinct ? shared / distinct : 0;
  const keyLike = names.length === 1 && distinct >= Math.max(20, keyCard * persons) && recurrence >= keyRec && linkedPersons.size > 0;
  return { columns: names, distinct, distinctPrevious, shared, recurrence, linkablePersons: linkedPersons.size, linkableShare: persons ? linkedPersons.size / persons : 0, keyLike };
}

export function crossRelease(opts: CrossReleaseOptions): CrossReleaseResult {
  const { release, previous } = opts;
  const inPrev = new Set(previous.columns.map((c) => c.name));
  const personColumn = opts.personColumn && release.columns.some((c) => c.name === opts.personColumn) && inPrev.has(opts.personColumn) ? opts.personColumn : undefined;
  const pc = personIds(release, personColumn), pp = personIds(previous, personColumn);
  const persons = new Set(pc).size, personsPrevious = new Set(pp).size;
  const common = release.columns.map((c) => c.name).filter((n) => inPrev.has(n));
  const get = (t: Table, n: string) => t.columns.find((c) => c.name === n)!;
  const keyCard = opts.keyCardinality ?? 0.1, keyRec = opts.keyRecurrence ?? 0.5;
  const columns = common.map((n) => analyse([n], [get(release, n)], [get(previous, n)], pc, pp, persons, keyCard, keyRec));
  const combos: string[][] = [];
  const qi = (opts.quasiIdentifiers ?? []).filter((n) => common.includes(n) && n !== personColumn);
  if (qi.length > 1) combos.push(qi);
  const stable = columns.filter((c) => c.recurrence >= keyRec && c.columns[0] !== personColumn && !c.keyLike).map((c) => c.columns[0]!);
  if (stable.length > 1 && stable.join('\u0001') !== qi.join('\u0001')) combos.push(stable);
  const combinations = combos.map((cs) => analyse(cs, cs.map((n) => get(release, n)), cs.map((n) => get(previous, n)), pc, pp, persons, keyCard, keyRec));
  const all = [...columns.filter((c) => c.columns[0] !== personColumn || c.keyLike), ...combinations];
  const worst = all.reduce((m, c) => Math.max(m, c.linkablePersons), 0);
  const notes: string[] = [];
  if (!personColumn) notes.push('persons are counted as rows (no person column in both releases): a value held by several rows of one person is not counted as linking');
  // with a person column, the person column itself is reported as key-like when it recurs
  if (personColumn) {
    const self = columns.find((c) => c.columns[0] === personColumn)!;
    if (self.shared > 0) { self.keyLike = true; self.linkablePersons = self.shared; self.linkableShare = persons ? self.shared / persons : 0; }
  }
  const keyLike = columns.filter((c) => c.keyLike);
  const linkable = Math.max(worst, ...keyLike.map((c) => c.linkablePersons));
  return { persons, personsPrevious, personUnit: personColumn ? 'person column' : 'row', columns, keyLike, combinations, linkablePersons: linkable, linkableShare: persons ? linkable / persons : 0, notes };
}
