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
import { buildSpace, distancesTo, rowIndex } from './space.ts';
import { sampleRows } from './context.ts';
import { wilson } from './stats.ts';
import { seededRng } from '../util/rng.ts';

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
  /** The differencing attack (the verdict's, with the original at hand): records isolated by the two releases together. */
  differencing?: DifferencingResult;
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
  // (a combination holding every column of both releases links records equal on all of them: following a person from one
  // release to the other then teaches nothing — the same release published twice — so it links no one)
  const everyColumn = new Set([...release.columns.map((c) => c.name), ...previous.columns.map((c) => c.name)]);
  for (const c of combinations) {
    if (c.columns.length === everyColumn.size && c.linkablePersons > 0) {
      c.linkablePersons = 0; c.linkableShare = 0;
      (c as CrossColumn & { note?: string }).note = 'the combination holds every column of both releases: linked records are equal, nothing is learned';
    }
  }
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

/**
 * The differencing attack of two releases of one population (docs/verdict.md §Cross-release): the attacker links a
 * record of the current release to the one record of the previous release its values are compatible with (intervals
 * that overlap, categories that share a value), and intersects what the two say: "[20-35[" and "[30-40[" leave 30-34.
 * A target is isolated when exactly one original person is compatible with both records while several are compatible
 * with the current record alone (each release k-anonymous, their combination not). Values are read by what they allow
 * (space.ts), not as labels, so overlapping generalizations are caught. Targets: a seeded sample of current records.
 */
export interface DifferencingResult {
  columns: string[];
  attempted: number;
  /** Targets with exactly one compatible record in the previous release. */
  linked: number;
  /** Linked targets whose pair is compatible with exactly one original person, and whose current record alone with several. */
  isolated: number;
  rate: number;
  ci: [number, number];
  notes: string[];
}

export function differencing(opts: { original: Table; release: Table; previous: Table; columns: string[]; quasiIdentifiers?: string[]; attacks?: number; seed?: number; confidence?: number }): DifferencingResult {
  const { original, release, previous } = opts;
  const columns = opts.columns.filter((n) => [original, release, previous].every((t) => t.columns.some((c) => c.name === n)));
  const notes: string[] = [];
  const zero = (): DifferencingResult => ({ columns, attempted: 0, linked: 0, isolated: 0, rate: 0, ci: [0, 0], notes });
  if (columns.length === 0 || release.rowCount === 0 || previous.rowCount === 0 || original.rowCount === 0) {
    notes.push('no column shared by the original and both releases, or an empty table: the differencing attack measured nothing');
    return zero();
  }
  const O = 0, C = 1, P = 2;
  const space = buildSpace([{ table: original, literal: true, label: 'original' }, { table: release, literal: false, label: 'release' }, { table: previous, literal: false, label: 'previous release' }], columns);
  const cols = space.columns;
  const rng = seededRng(((opts.seed ?? 0) ^ 0x5bd1e995) >>> 0);
  const targets = sampleRows(rng, release.rowCount, Math.max(1, Math.floor(opts.attacks ?? 2000)));
  if (targets.length < release.rowCount) notes.push(`${targets.length} records of the current release attacked, sampled (seeded) from ${release.rowCount}`);
  // per column: compatible codes of a view with a code of another, as 0/1 over the codes (distancesTo's zeros)
  const D = cols.map(() => [new Float64Array(1), new Float64Array(1), new Float64Array(1)]);
  const okWith = (j: number, from: number, code: number, to: number, slot: number): Float64Array => {
    const col = cols[j]!, tv = col.views[to]!;
    let d = D[j]![slot]!;
    if (d.length < tv.card) { d = new Float64Array(tv.card); D[j]![slot] = d; }
    distancesTo(col, col.views[from]!, code, tv, d);
    return d;
  };
  // (the records are linked on every shared column, sensitive ones too; a person is singled out on what an attacker
  // knows of them: the quasi-identifiers)
  const qiSet = new Set(opts.quasiIdentifiers ?? columns);
  const onQi = cols.map((c) => qiSet.has(c.name));
  const all = cols.map(() => true);
  // the rows of table `t` compatible on every column `use` marks, visiting the most selective column's compatible codes; up to `cap`
  const compatibleRows = (t: number, masks: Float64Array[], cap: number, out: number[], use: boolean[] = all): number => {
    out.length = 0;
    let best = -1, bestN = Infinity;
    for (let j = 0; j < cols.length; j++) {
      if (!use[j]) continue;
      const v = cols[j]!.views[t]!, ix = rowIndex(cols[j]!, v), m = masks[j]!;
      let n = 0;
      for (let k = 0; k < v.card; k++) if (m[k] === 0) n += ix.codeStart[k + 1]! - ix.codeStart[k]!;
      if (n < bestN) { bestN = n; best = j; }
    }
    if (best < 0) return 0;
    const v0 = cols[best]!.views[t]!, ix0 = rowIndex(cols[best]!, v0), m0 = masks[best]!;
    for (let k = 0; k < v0.card; k++) {
      if (m0[k] !== 0) continue;
      for (let i = ix0.codeStart[k]!; i < ix0.codeStart[k + 1]!; i++) {
        const r = ix0.codeRows[i]!;
        let ok = true;
        for (let j = 0; j < cols.length && ok; j++) if (use[j] && masks[j]![cols[j]!.views[t]!.codes[r]!] !== 0) ok = false;
        if (ok) { out.push(r); if (out.length >= cap) return out.length; }
      }
    }
    return out.length;
  };
  let linked = 0, isolated = 0;
  const partners: number[] = [], people: number[] = [], alone: number[] = [];
  for (const c of targets) {
    const toP = cols.map((col, j) => okWith(j, C, col.views[C]!.codes[c]!, P, 0));
    if (compatibleRows(P, toP, 2, partners) !== 1) continue;
    linked++;
    const p = partners[0]!;
    const cToO = cols.map((col, j) => okWith(j, C, col.views[C]!.codes[c]!, O, 1));
    if (compatibleRows(O, cToO, 2, alone, onQi) < 2) continue; // (the current release isolates this one by itself: the other attacks' business)
    // compatible with both records: the previous record's masks, narrowed in place by the current one's (no buffer per target)
    const both = cols.map((col, j) => {
      const a = cToO[j]!, b = okWith(j, P, col.views[P]!.codes[p]!, O, 2);
      for (let k = 0; k < col.views[O]!.card; k++) if (a[k] !== 0) b[k] = 1;
      return b;
    });
    if (compatibleRows(O, both, 2, people, onQi) === 1) isolated++;
  }
  const w = targets.length ? wilson(isolated, targets.length, opts.confidence ?? 0.95) : null;
  return { columns, attempted: targets.length, linked, isolated, rate: targets.length ? isolated / targets.length : 0, ci: w ? [w.low, w.high] : [0, 0], notes };
}
