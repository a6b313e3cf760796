/**
 * Singling out (Anonymeter §1, WP29 criterion 1): the attacker writes predicates from the release
 * that isolate exactly one released record, then checks whether they isolate exactly one person
 * among the original records (success) and among the control records (what any such predicate
 * achieves on people who are not in the release).
 *
 * With a person key the unit is the person on both sides: a predicate is kept when the released
 * records it matches can be one person's (see `releaseUnits`), and succeeds when the original (control)
 * records it matches are one person's. Two identical stays of one patient then single that patient
 * out instead of hiding each other.
 *
 * Predicates are structured (column index + interval or set of categories), never query strings,
 * so column names with spaces, brackets or quotes and date columns work. A predicate built from a
 * generalized released value (`[30-40[`) matches the original values it allows (34).
 */
import { AnonymatError } from '../errors.ts';
import { groupify, type Classes } from '../check/groupify.ts';
import type { Table } from '../table/table.ts';
import { attackFigures, type AttackCounts, type AttackFigures } from './stats.ts';
import { commonColumns, makeContext, unitCount, CONTROL, ORIGINAL, RELEASE, type AttackContext, type AttackInput } from './context.ts';
import { invertedIndex, lowerBound, rowIndex, upperBound, type ColumnView, type SpaceColumn } from './space.ts';

/** One condition of a predicate. `neg` negates it (baseline queries only). */
export type Condition =
  | { col: number; kind: 'num'; lo: number; hi: number; neg?: boolean }
  | { col: number; kind: 'cat'; atoms: Int32Array; neg?: boolean; code?: number }
  | { col: number; kind: 'miss'; neg?: boolean };

export type Predicate = Condition[];

export interface SinglingOutOptions extends AttackInput {
  mode?: 'univariate' | 'multivariate';
  /** Columns attacked (default: every column shared by the tables). */
  columns?: string[];
  /** Conditions per multivariate predicate. Default 3 (Anonymeter's n_cols). */
  nCols?: number;
  /** Attempts allowed to find predicates that isolate one released record. Default 50 × attacks. */
  maxAttempts?: number;
}

export interface SinglingOutResult extends AttackFigures {
  mode: 'univariate' | 'multivariate';
  columns: string[];
  /** Predicates requested, found, and attempts made to find them. */
  requested: number;
  attempts: number;
  notes: string[];
  warnings: string[];
  /**
   * With a person key and a release without it: the attack per record count (the figures above are the strongest's,
   * highest risk; see docs/verdict.md).
   */
  byRecordCount?: RecordCountFigures[];
}

/** One record count's attack: kept predicates match one combination of `records` released records (one size, or several together). */
export interface RecordCountFigures extends AttackFigures {
  records: number[];
  /** Original persons with such a count (in all, or records alike on the attacked columns). */
  persons: number;
}

/** Does code k of a view satisfy the condition (a generalized value satisfies it when it overlaps it)? */
function holds(c: Condition, col: SpaceColumn, v: ColumnView, k: number, marks: Uint8Array[]): boolean {
  let r: boolean;
  if (c.kind === 'miss') r = v.miss[k] === 1 || v.any[k] === 1 || v.missOk[k] === 1;
  else if (v.any[k]) r = true;
  else if (v.miss[k]) r = false;
  else if (c.kind === 'num') r = v.lo![k]! <= c.hi && v.hi![k]! >= c.lo;
  else {
    r = false;
    const m = marks[c.col]!;
    for (let i = v.atomStart![k]!; i < v.atomStart![k + 1]!; i++) if (m[v.atomList![i]!]) { r = true; break; }
  }
  return c.neg ? !r : r;
}

/**
 * Candidate rows of one condition, from the row indexes: a list of row ranges to visit
 * (each [array, from, to)). Returns null when the condition cannot use an index (negations).
 */
function candidates(c: Condition, col: SpaceColumn, v: ColumnView): { parts: [Int32Array, number, number][]; size: number } | null {
  if (c.neg) return null;
  const ix = rowIndex(col, v);
  const parts: [Int32Array, number, number][] = [];
  let size = 0;
  const push = (a: Int32Array, from: number, to: number) => { if (to > from) { parts.push([a, from, to]); size += to - from; } };
  push(ix.anyRows, 0, ix.anyRows.length);
  if (c.kind === 'miss') { push(ix.missRows, 0, ix.missRows.length); return { parts, size }; }
  if (c.kind === 'num') {
    const pre = upperBound(ix.loSorted!, c.hi); // rows with lo <= c.hi: [0, pre) of byLo
    const suf = lowerBound(ix.hiSorted!, c.lo); // rows with hi >= c.lo: [suf, n) of byHi
    if (pre <= ix.hiSorted!.length - suf) push(ix.byLo!, 0, pre); else push(ix.byHi!, suf, ix.hiSorted!.length);
    return { parts, size };
  }
  const inv = invertedIndex(col, v);
  const seen = new Set<number>();
  for (const a of c.atoms) {
    for (let j = inv.start[a]!; j < inv.start[a + 1]!; j++) {
      const k = inv.list[j]!;
      if (seen.has(k)) continue;
      seen.add(k);
      push(ix.codeRows, ix.codeStart[k]!, ix.codeStart[k + 1]!);
    }
  }
  return { parts, size };
}

/**
 * Rows of table `t` matching the predicate, up to `limit` (early exit), visiting only the candidates
 * of its most selective condition. With `persons` (person of each row) it counts distinct persons
 * instead, up to 2: 1 means every match is one person's record (a negative person is no unit: it counts 2).
 */
export function matchRows(ctx: AttackContext, t: number, p: Predicate, limit: number, marks: Uint8Array[], out?: number[], persons?: Int32Array | null): number {
  const cols = ctx.space.columns;
  for (const c of p) if (c.kind === 'cat') for (const a of c.atoms) marks[c.col]![a] = 1;
  const views = p.map((c) => cols[c.col]!.views[t]!);
  let best: ReturnType<typeof candidates> = null;
  for (let i = 0; i < p.length; i++) {
    const cand = candidates(p[i]!, cols[p[i]!.col]!, views[i]!);
    if (cand && (!best || cand.size < best.size)) best = cand;
  }
  const n = ctx.space.tables[t]!.table.rowCount;
  const test = (r: number): boolean => {
    for (let i = 0; i < p.length; i++) {
      const v = views[i]!;
      if (!holds(p[i]!, cols[p[i]!.col]!, v, v.codes[r]!, marks)) return false;
    }
    return true;
  };
  // each match is counted (rows, or distinct persons up to 2); true stops the scan
  let count = 0, first = -1;
  const accept = persons
    ? (r: number): boolean => { const who = persons[r]!; if (who < 0) count = 2; else if (first === -1) { first = who; count = 1; } else if (who !== first) count = 2; return count >= 2; }
    : (r: number): boolean => { out?.push(r); return ++count >= limit; };
  if (best) {
    outer: for (const [a, from, to] of best.parts) {
      for (let i = from; i < to; i++) { const r = a[i]!; if (test(r) && accept(r)) break outer; }
    }
  } else {
    for (let r = 0; r < n; r++) if (test(r) && accept(r)) break;
  }
  for (const c of p) if (c.kind === 'cat') for (const a of c.atoms) marks[c.col]![a] = 0;
  return count;
}

/** Number of rows of table `t` matching the predicate, counted up to `limit`. */
export function countMatches(ctx: AttackContext, t: number, p: Predicate, limit = 2, marks?: Uint8Array[]): number {
  return matchRows(ctx, t, p, limit, marks ?? ctx.space.columns.map((c) => new Uint8Array(c.atomCount)));
}

/** The condition "same value as code k of the release" (its interval or its categories). */
function cellCondition(j: number, col: SpaceColumn, v: ColumnView, k: number): Condition | null {
  if (v.any[k]) return null;
  if (v.miss[k]) return { col: j, kind: 'miss' };
  if (col.numeric) return { col: j, kind: 'num', lo: v.lo![k]!, hi: v.hi![k]! };
  const atoms = v.atomList!.slice(v.atomStart![k]!, v.atomStart![k + 1]!);
  return atoms.length ? { col: j, kind: 'cat', atoms, code: k } : null;
}

function keyOf(p: Predicate): string {
  return [...p].sort((a, b) => a.col - b.col).map((c) =>
    `${c.col}:${c.neg ? '!' : ''}${c.kind === 'num' ? `${c.lo},${c.hi}` : c.kind === 'cat' ? (c.code !== undefined ? `#${c.code}` : Array.from(c.atoms).join('|')) : 'na'}`).join('&');
}

/** Median over release rows of the lower bound of each numeric column (Anonymeter's ≥/≤ switch). */
function medians(ctx: AttackContext): Float64Array {
  const out = new Float64Array(ctx.space.columns.length).fill(NaN);
  ctx.space.columns.forEach((col, j) => {
    if (!col.numeric) return;
    const v = col.views[RELEASE]!;
    const counts = new Float64Array(v.card);
    for (let r = 0; r < v.codes.length; r++) counts[v.codes[r]!]!++;
    const codes = [...Array(v.card).keys()].filter((k) => !v.miss[k] && !v.any[k] && counts[k]! > 0).sort((a, b) => v.lo![a]! - v.lo![b]!);
    const total = codes.reduce((s, k) => s + counts[k]!, 0);
    let acc = 0;
    for (const k of codes) { acc += counts[k]!; if (acc >= total / 2) { out[j] = v.lo![k]!; break; } }
  });
  return out;
}

/**
 * What the attacker's filter counts in the release: a predicate is kept when the released rows it matches are ONE
 * unit's, `unitOf[row]`.
 * - Without a person key the unit is the record (Anonymeter: the predicate matches one released record).
 * - With a person key and a release that has its column, the unit is the released person.
 * - With a person key and a release without it (the usual case), the release cannot tell whose records are whose.
 *   The attacker who targets persons with s records takes a combination of the attacked columns held by exactly s
 *   released records for one person's records: its rows are one unit, and every other row belongs to no unit (-1: a
 *   predicate matching it is never kept). `keep(size)` says which combination sizes are units: one s per attack (see
 *   `recordCounts`; s = 1 is the record rule), or the remaining sizes together.
 * A predicate's matches depend only on the attacked columns, so it matches whole combinations.
 * `lone`: the released rows whose combination is one unit's. A predicate built from a row's values matches every row
 * of its combination, so only these rows can yield a kept predicate: drawing from them gives the same kept predicates
 * as drawing from every row and rejecting (Anonymeter), without the doomed attempts.
 */
interface ReleaseUnits {
  unitOf: Int32Array;
  lone: Int32Array;
  unit: 'record' | 'person' | 'combination';
}

/** The release's combinations of the attacked columns, and the most records of any one person in the original. */
interface ReleaseCombinations {
  g: Classes;
  unit: 'record' | 'person' | 'combination';
  maxPerPerson: number;
  /** Records per original person (with a person key), read by recordCounts too. */
  per: Int32Array | null;
  /** Records of the smallest combination. */
  smallest: number;
}

function releaseCombinations(ctx: AttackContext): ReleaseCombinations {
  const views = ctx.space.columns.map((c) => c.views[RELEASE]!);
  const g = groupify(views.map((v) => v.codes), views.map((v) => v.card));
  const original = ctx.persons[ORIGINAL], released = original ? ctx.persons[RELEASE] : null;
  let maxPerPerson = 1;
  const per = original ? perPerson(original) : null;
  if (per) for (const k of per) if (k > maxPerPerson) maxPerPerson = k;
  let smallest = Infinity;
  for (let c = 0; c < g.count; c++) smallest = Math.min(smallest, g.sizes[c]!);
  return { g, unit: released ? 'person' : original ? 'combination' : 'record', maxPerPerson, per, smallest };
}

/** Each row's class of identical rows over every column of the table (its distinct row), or over the columns named. */
function distinctRows(t: Table, names?: readonly string[]): Int32Array {
  const cols = names ? t.columns.filter((c) => names.includes(c.name)) : t.columns;
  return groupify(cols.map((c) => c.codes), cols.map((c) => Math.max(1, c.dictionary.length))).classOf;
}

/** Records of each person (person ids are dense: rows of the person-level table). */
function perPerson(persons: Int32Array): Int32Array {
  let top = -1;
  for (const p of persons) if (p > top) top = p;
  const per = new Int32Array(top + 1);
  for (const p of persons) per[p]!++;
  return per;
}

function releaseUnits(ctx: AttackContext, rc: ReleaseCombinations, keep: (size: number) => boolean, rows?: Int32Array): ReleaseUnits {
  const { g } = rc;
  const n = g.classOf.length;
  const unitOf = new Int32Array(n);
  if (rc.unit === 'person') unitOf.set(ctx.persons[RELEASE]!);
  else if (rows) unitOf.set(rows);
  else for (let r = 0; r < n; r++) { const c = g.classOf[r]!; unitOf[r] = keep(g.sizes[c]!) ? c : -1; }
  // the combinations held by one unit
  const unitOfClass = new Int32Array(g.count).fill(-1), single = new Uint8Array(g.count).fill(1);
  for (let r = 0; r < n; r++) {
    const c = g.classOf[r]!, u = unitOf[r]!;
    if (u < 0) single[c] = 0; else if (unitOfClass[c] === -1) unitOfClass[c] = u; else if (unitOfClass[c] !== u) single[c] = 0;
  }
  const lone: number[] = [];
  for (let r = 0; r < n; r++) if (single[g.classOf[r]!]) lone.push(r);
  return { unitOf, lone: Int32Array.from(lone), unit: rc.unit };
}

/** Record counts attacked apart (s = 1 and the most frequent others); the remaining counts share one more attack. */
export const MAX_RECORD_COUNTS = 16;

/** The combination sizes one attack takes for one person's records, and the original persons having such a count. */
interface RecordCountGroup { sizes: number[]; persons: number }

/**
 * The record counts attacked (person key, release without it). A person's records in one released combination number
 * s: all of them (person-level columns: every stay alike) or those alike on the attacked columns, so the counts are,
 * per person, its number of records and the sizes of its groups of records alike on the attacked columns in the
 * original. Attacked apart: s = 1 (Anonymeter's rule) and the MAX_RECORD_COUNTS − 1 counts most persons have, among
 * those some released combination has (others make no predicate); every other released size up to the most records of
 * one person is attacked together in one more attack, so each predicate the rule "at most maxPerPerson records"
 * would keep is kept by one attack — but a rare count (one long-stay patient) can no longer dilute the others.
 */
function recordCounts(ctx: AttackContext, rc: ReleaseCombinations): RecordCountGroup[] {
  const original = ctx.persons[ORIGINAL]!;
  const per = rc.per!;
  const max = rc.maxPerPerson;
  const views = ctx.space.columns.map((c) => c.views[ORIGINAL]!);
  const og = groupify([...views.map((v) => v.codes), original], [...views.map((v) => v.card), per.length]);
  // distinct (person, count) pairs
  const pairs = new Set<number>();
  for (let c = 0; c < og.count; c++) pairs.add(original[og.first[c]!]! * (max + 1) + og.sizes[c]!);
  for (let p = 0; p < per.length; p++) if (per[p]! > 0) pairs.add(p * (max + 1) + per[p]!);
  const weight = new Float64Array(max + 1);
  for (const k of pairs) weight[k % (max + 1)]!++;
  const released = new Uint8Array(max + 1);
  for (let c = 0; c < rc.g.count; c++) if (rc.g.sizes[c]! <= max) released[rc.g.sizes[c]!] = 1;
  const others = [...Array(max + 1).keys()].filter((s) => s >= 2 && released[s] && weight[s]! > 0)
    .sort((a, b) => weight[b]! - weight[a]! || a - b).slice(0, MAX_RECORD_COUNTS - 1);
  const groups: RecordCountGroup[] = [1, ...others.sort((a, b) => a - b)].map((s) => ({ sizes: [s], persons: weight[s]! }));
  const rest = [...Array(max + 1).keys()].filter((s) => s >= 2 && released[s] && !others.includes(s));
  if (rest.length) {
    // persons with one of these counts (once each)
    const inRest = new Uint8Array(max + 1), seen = new Set<number>();
    for (const s of rest) inRest[s] = 1;
    for (const k of pairs) if (inRest[k % (max + 1)]) seen.add(Math.floor(k / (max + 1)));
    groups.push({ sizes: rest, persons: seen.size });
  }
  return groups;
}

function multivariateQueries(ctx: AttackContext, nCols: number, maxAttempts: number, marks: Uint8Array[], units: ReleaseUnits): { queries: Predicate[]; attempts: number } {
  const cols = ctx.space.columns;
  const lone = units.lone;
  if (lone.length === 0) return { queries: [], attempts: 0 };
  const med = medians(ctx);
  const seen = new Set<string>();
  const queries: Predicate[] = [];
  let attempts = 0;
  const m = cols.length;
  const want = Math.min(nCols, m);
  while (queries.length < ctx.nAttacks && attempts < maxAttempts) {
    attempts++;
    const r = lone[ctx.rng.int(lone.length)]!;
    const order = ctx.rng.shuffle([...Array(m).keys()]);
    const p: Predicate = [];
    for (const j of order) {
      if (p.length === want) break;
      const col = cols[j]!, v = col.views[RELEASE]!;
      const k = v.codes[r]!;
      const c = cellCondition(j, col, v, k);
      if (!c) continue;
      if (c.kind === 'num') {
        if (c.lo > med[j]!) p.push({ col: j, kind: 'num', lo: c.lo, hi: Infinity });
        else p.push({ col: j, kind: 'num', lo: -Infinity, hi: c.hi });
      } else p.push(c);
    }
    if (p.length === 0) continue;
    const key = keyOf(p);
    if (seen.has(key)) continue;
    seen.add(key);
    if (isolatesOneUnit(ctx, p, marks, units)) queries.push(p);
  }
  return { queries, attempts };
}

/** Does the predicate match the released rows of exactly one unit (record, or person: see releaseUnits)? */
function isolatesOneUnit(ctx: AttackContext, p: Predicate, marks: Uint8Array[], units: ReleaseUnits): boolean {
  return matchRows(ctx, RELEASE, p, 2, marks, undefined, units.unitOf) === 1;
}

function univariateQueries(ctx: AttackContext, marks: Uint8Array[], units: ReleaseUnits): { queries: Predicate[]; attempts: number } {
  const cols = ctx.space.columns;
  const unitOf = units.unitOf;
  // candidates per column, shuffled within the column; then taken round-robin across columns
  // (stratified, so one high-cardinality column does not supply every query: Anonymeter issue #44)
  const perColumn: Predicate[][] = cols.map((col, j) => {
    const v = col.views[RELEASE]!;
    const counts = new Int32Array(v.card);
    // the unit holding each code's rows: -1 none yet, -2 several or a row of no unit (Anonymeter: a value occurring once)
    const holder = new Int32Array(v.card).fill(-1);
    let missHolder = -1;
    for (let r = 0; r < v.codes.length; r++) {
      const k = v.codes[r]!, u = unitOf[r]!;
      counts[k]!++;
      if (u < 0 || (holder[k] !== -1 && holder[k] !== u)) holder[k] = -2; else holder[k] = u;
      if (v.miss[k]) missHolder = u >= 0 && (missHolder === -1 || missHolder === u) ? u : -2;
    }
    const cands: Predicate[] = [];
    if (missHolder >= 0) cands.push([{ col: j, kind: 'miss' }]);
    if (col.numeric) {
      let minHi = Infinity, maxLo = -Infinity;
      for (let k = 0; k < v.card; k++) {
        if (!counts[k] || v.miss[k] || v.any[k]) continue;
        minHi = Math.min(minHi, v.hi![k]!); maxLo = Math.max(maxLo, v.lo![k]!);
      }
      if (Number.isFinite(minHi)) cands.push([{ col: j, kind: 'num', lo: -Infinity, hi: minHi }]);
      if (Number.isFinite(maxLo)) cands.push([{ col: j, kind: 'num', lo: maxLo, hi: Infinity }]);
    }
    for (let k = 0; k < v.card; k++) {
      if (holder[k]! < 0 || v.miss[k]) continue;
      const c = cellCondition(j, col, v, k);
      if (c) cands.push([c]);
    }
    return ctx.rng.shuffle(cands);
  });
  const colOrder = ctx.rng.shuffle([...cols.keys()]);
  const seen = new Set<string>();
  const queries: Predicate[] = [];
  let attempts = 0;
  for (let round = 0; queries.length < ctx.nAttacks; round++) {
    let any = false;
    for (const j of colOrder) {
      const p = perColumn[j]![round];
      if (!p) continue;
      any = true;
      attempts++;
      const key = keyOf(p);
      if (seen.has(key)) continue;
      seen.add(key);
      if (isolatesOneUnit(ctx, p, marks, units)) { queries.push(p); if (queries.length >= ctx.nAttacks) break; }
    }
    if (!any) break;
  }
  return { queries, attempts };
}

/** Anonymeter's random baseline: random values of the release with random operators, not filtered. */
function baselineQueries(ctx: AttackContext, nCols: number, n: number): Predicate[] {
  const cols = ctx.space.columns;
  const present = cols.map((col) => {
    const v = col.views[RELEASE]!;
    const seen = new Uint8Array(v.card);
    for (let r = 0; r < v.codes.length; r++) seen[v.codes[r]!] = 1;
    return [...seen.keys()].filter((k) => seen[k]);
  });
  const out: Predicate[] = [];
  for (let i = 0; i < n; i++) {
    const js = ctx.rng.shuffle([...cols.keys()]).slice(0, Math.min(nCols, cols.length));
    const p: Predicate = [];
    for (const j of js) {
      const col = cols[j]!, v = col.views[RELEASE]!;
      const k = present[j]![ctx.rng.int(present[j]!.length)]!;
      const c = cellCondition(j, col, v, k);
      if (!c) continue;
      if (c.kind === 'num') {
        const op = ctx.rng.int(6);
        const eps = 1e-9 * Math.max(1, Math.abs(c.hi));
        if (op === 0) p.push(c);
        else if (op === 1) p.push({ ...c, neg: true });
        else if (op === 2) p.push({ col: j, kind: 'num', lo: c.hi + eps, hi: Infinity });
        else if (op === 3) p.push({ col: j, kind: 'num', lo: -Infinity, hi: c.lo - 1e-9 * Math.max(1, Math.abs(c.lo)) });
        else if (op === 4) p.push({ col: j, kind: 'num', lo: c.lo, hi: Infinity });
        else p.push({ col: j, kind: 'num', lo: -Infinity, hi: c.hi });
      } else p.push(ctx.rng.int(2) === 0 ? c : { ...c, neg: true });
    }
    if (p.length) out.push(p);
  }
  return out;
}

/** One run of the attack: its predicates, successes, baseline and control under one rule of the release's units. */
interface Run extends AttackFigures { attempts: number; lone: number; notes: string[]; counts: AttackCounts }

function attackRun(ctx: AttackContext, opts: SinglingOutOptions, mode: 'univariate' | 'multivariate', units: ReleaseUnits, one: string): Run {
  const marks = ctx.space.columns.map((c) => new Uint8Array(c.atomCount));
  const nCols = opts.nCols ?? 3;
  const maxAttempts = opts.maxAttempts ?? 50 * ctx.nAttacks;
  const { queries, attempts } = mode === 'univariate'
    ? (units.lone.length ? univariateQueries(ctx, marks, units) : { queries: [], attempts: 0 })
    : multivariateQueries(ctx, nCols, maxAttempts, marks, units);
  const notes: string[] = [];
  if (queries.length < ctx.nAttacks && units.lone.length > 0) {
    notes.push(`${queries.length} predicate(s) isolating ${one} were found in ${attempts} attempt(s) (${ctx.nAttacks} wanted); rates are divided by the ${queries.length} made`);
  }
  if (queries.length === 0 && units.lone.length > 0) notes.push(`no predicate isolates ${one}: the release singles out nobody on these columns`);
  // success: the predicate isolates one record of the originals — one person with a person key
  const isolates = (t: number, q: Predicate) => matchRows(ctx, t, q, 2, marks, undefined, ctx.persons[t]) === 1;
  let successes = 0, controlSuccesses = 0;
  for (const q of queries) {
    if (isolates(ORIGINAL, q)) successes++;
    if (ctx.hasControl && isolates(CONTROL, q)) controlSuccesses++;
  }
  const baseline = baselineQueries(ctx, mode === 'univariate' ? 1 : nCols, Math.max(queries.length, 1));
  let baselineSuccesses = 0;
  for (const q of baseline) if (isolates(ORIGINAL, q)) baselineSuccesses++;
  let ctrlN = queries.length;
  let ctrlK = controlSuccesses;
  // (the attacked units: persons with a person key, else records)
  const nOriginal = unitCount(ctx, ORIGINAL, opts.original.rowCount);
  if (ctx.hasControl && unitCount(ctx, CONTROL, opts.control!.rowCount) !== nOriginal && queries.length > 0) {
    const corrected = sizeCorrection(ctx, queries, marks, nOriginal, controlSuccesses);
    ctrlK = corrected.value;
    notes.push(corrected.note);
  }
  const counts: AttackCounts = {
    successes, attacks: queries.length,
    baselineSuccesses, baselineAttacks: baseline.length,
    ...(ctx.hasControl ? { controlSuccesses: ctrlK, controlAttacks: ctrlN } : {}),
  };
  return { ...attackFigures(counts, ctx.confidence), attempts, lone: units.lone.length, notes, counts };
}

/** Runs the singling-out attack (see the module comment and docs/verdict.md). */
export function singlingOut(opts: SinglingOutOptions): SinglingOutResult {
  const mode = opts.mode ?? 'multivariate';
  const columns = opts.columns ?? commonColumns(opts);
  if (columns.length === 0) throw new AnonymatError('invalid-usage', 'singling out needs at least one column shared by the original and the release');
  const ctx = makeContext(opts, columns, mode === 'univariate' ? 11 : 12);
  const rc = releaseCombinations(ctx);
  const result = (run: Run, notes: string[], extra: Partial<SinglingOutResult> = {}): SinglingOutResult => {
    const { attempts, lone: _lone, notes: _notes, counts: _counts, ...figures } = run;
    return { ...figures, mode, columns, requested: ctx.nAttacks, attempts, notes, warnings: ctx.warnings, ...extra };
  };
  if (rc.unit !== 'combination') {
    // the record (no person key: Anonymeter's rule) or the released person (the release has the key)
    // (records: the release's distinct rows, as Anonymeter drops the synthetic data's duplicates — a release of every row
    // written twice singled out nobody, every combination held by two records)
    const rows = rc.unit === 'record' ? distinctRows(opts.release) : undefined;
    const units = releaseUnits(ctx, rc, (size) => size === 1, rows);
    // (records: a predicate succeeds when it matches one distinct original record — one distinct control record for the
    // control, and the size correction counts them — as Anonymeter drops the duplicates of ori and control too: an original
    // of 500 persons each written twice, released as is, singled out 0 of 76, every predicate matching two identical
    // records. With a person key the rows of one person are one unit already, whatever their values.)
    // (alike on the columns the original, the release and the control all hold, as Anonymeter's three tables hold the same
    // ones: over all of each table's own, a row number only the original kept made every original record distinct while
    // the control's were merged — the size correction then compared two units)
    const shared = opts.original.columns.map((c) => c.name)
      .filter((n) => opts.release.columns.some((c) => c.name === n) && (!opts.control || opts.control.columns.some((c) => c.name === n)));
    const runCtx: AttackContext = rc.unit === 'record'
      ? { ...ctx, distinctRecords: true, persons: [distinctRows(opts.original, shared), null, opts.control ? distinctRows(opts.control, shared) : null] }
      : ctx;
    const run = attackRun(runCtx, opts, mode, units, rc.unit === 'record' ? 'one released record' : 'one released person');
    const notes: string[] = [];
    if (units.lone.length === 0) {
      notes.push(rc.unit === 'record' ? `every released combination of the ${columns.length} attacked column(s) is shared by at least ${rc.smallest} records: no predicate can isolate one`
        : `every released combination of the ${columns.length} attacked column(s) is shared by several persons: no predicate can isolate one`);
    }
    notes.push(...run.notes);
    if (rc.unit === 'person') {
      notes.push('unit: persons — a predicate succeeds when every original record it matches is one person\'s; it is kept when the released records it matches '
        + 'are one person\'s (the release has the person key)');
    }
    return result(run, notes);
  }
  // Person key, release without it: one attack per record count s, each with its own seeded predicates (a stream of its
  // own per count, so a count's figures do not depend on which other counts are attacked).
  // (One rule "a combination of at most maxPerPerson records" let one long-stay patient make every combination of up to
  // his number of stays a kept predicate that mostly cannot succeed: 60 persons singled out among 6,000 read 2 %.)
  // Which is reported: s = 1 (Anonymeter's rule), unless another count is shown stronger — its risk's lower bound at a
  // Bonferroni-adjusted confidence over the other counts, 1 − (1 − c)/(m − 1), above s = 1's risk; then the strongest
  // such count. (Reporting the highest of the m estimates made noise a finding: a release independent of the originals
  // failed the 5 % limit for 9 seeds of 10, from counts of 6 predicates; the adjusted test keeps the false alarms near
  // one attack's, and 60 persons singled out of 60 predicates are still far above it.)
  const groups = recordCounts(ctx, rc);
  const runs = groups.map((grp) => {
    const sizes = new Set(grp.sizes);
    const units = releaseUnits(ctx, rc, (size) => sizes.has(size));
    const one = grp.sizes.length === 1 ? (grp.sizes[0] === 1 ? 'one released record' : `one combination of ${grp.sizes[0]} released records`)
      : 'one combination of the remaining sizes';
    // (s = 1 draws from the context's own generator: with one record per person the figures are the record rule's)
    const runCtx: AttackContext = grp.sizes.length === 1 && grp.sizes[0] === 1 ? ctx
      : { ...ctx, rng: ctx.stream(grp.sizes.length === 1 ? 1000 + grp.sizes[0]! : 999) };
    return attackRun(runCtx, opts, mode, units, one);
  });
  let best = 0;
  const adjusted = 1 - (1 - ctx.confidence) / Math.max(1, runs.length - 1);
  for (let i = 1; i < runs.length; i++) {
    const a = runs[i]!;
    if (a.attacks === 0 || attackFigures(a.counts, adjusted).ci[0] <= runs[0]!.risk) continue;
    if (best === 0 || a.risk > runs[best]!.risk || (a.risk === runs[best]!.risk && a.attacks > runs[best]!.attacks)) best = i;
  }
  const label = (grp: RecordCountGroup) => grp.sizes.length === 1 ? `s = ${grp.sizes[0]}` : `s = ${grp.sizes.join(', ')} together`;
  const byRecordCount: RecordCountFigures[] = runs.map((run, i) => {
    const { attempts: _a, lone: _l, notes: _n, counts: _c, ...figures } = run;
    return { records: groups[i]!.sizes, persons: groups[i]!.persons, ...figures };
  });
  const notes: string[] = [];
  if (runs.every((r) => r.lone === 0)) {
    notes.push(`every released combination of the ${columns.length} attacked column(s) is shared by at least ${rc.smallest} records, more than any one person has (${rc.maxPerPerson}): no predicate can isolate one person`);
  }
  notes.push(...runs[best]!.notes);
  const single = groups.filter((grp) => grp.sizes.length === 1).map((grp) => grp.sizes[0]!);
  const rest = groups.find((grp) => grp.sizes.length > 1);
  notes.push('unit: persons — a predicate succeeds when every original record it matches is one person\'s; the release has no person key, so the '
    + 'attacker who targets persons with s records keeps a predicate when the released records it matches are one combination of the attacked columns '
    + `held by exactly s records (s = 1 is Anonymeter's rule). Attacked apart: s = ${single.join(', ')}`
    + (rest ? ` (1 and the ${MAX_RECORD_COUNTS - 1} counts most persons have, at most); the other sizes up to ${rc.maxPerPerson} (the most records of one person) together` : '')
    + `; reported: ${label(groups[best]!)} (${runs[best]!.successes} of ${runs[best]!.attacks})${best === 0 ? '' : ', shown stronger than s = 1 at a Bonferroni-adjusted confidence'}, every count in byRecordCount: `
    + runs.map((r, i) => `${label(groups[i]!)} risk ${r.risk.toFixed(3)} (${r.successes}/${r.attacks})`).join(', '));
  return result(runs[best]!, notes, { byRecordCount });
}

/**
 * Anonymeter's control-size correction (Cohen & Nissim 2020): successes(n) = norm · ∫₀^w n·x(1−x)^(n−1) dx,
 * fitted on subsamples of the control set; the control count is rescaled to the original's size.
 * n counts the attacked units: persons when the control has a person key (a subsample keeps or drops a person's records
 * together, and a predicate succeeds in it when the sampled records it matches are one person's), else records.
 * Unlike Anonymeter's curve_fit, w is fitted by a deterministic grid search (norm in closed form).
 */
function sizeCorrection(ctx: AttackContext, queries: Predicate[], marks: Uint8Array[], nOriginal: number, observed: number): { value: number; note: string } {
  const rows = ctx.space.tables[CONTROL]!.table.rowCount;
  // the unit of each control row (its person, dense from 0; or the row itself)
  const personOf = ctx.persons[CONTROL];
  const unitOf = new Int32Array(rows);
  let nControl = rows;
  if (personOf) {
    const dense = new Map<number, number>();
    for (let r = 0; r < rows; r++) { const p = personOf[r]!; let u = dense.get(p); if (u === undefined) { u = dense.size; dense.set(p, u); } unitOf[r] = u; }
    nControl = dense.size;
  } else for (let r = 0; r < rows; r++) unitOf[r] = r;
  // rows of the control matching each query
  const matches: Int32Array[] = queries.map((q) => matchingRows(ctx, CONTROL, q, marks, Infinity));
  const sizes: number[] = [];
  // (Anonymeter's sizes run from 1,000 to the control's; a control of 1,000 units or fewer would make ten samples of one
  // size, the whole set, where no w can be fitted: from a tenth of it then)
  const lo = nControl > 1000 ? 1000 : Math.max(2, Math.round(nControl / 10));
  for (let i = 0; i < 10; i++) sizes.push(Math.round(lo + ((nControl - lo) * i) / 9));
  const xs: number[] = [], ys: number[] = [];
  const inSample = new Uint8Array(nControl);
  const idx = new Int32Array(nControl);
  for (const size of sizes) {
    for (let rep = 0; rep < 5; rep++) {
      inSample.fill(0);
      // partial Fisher–Yates over the units
      for (let i = 0; i < nControl; i++) idx[i] = i;
      for (let i = 0; i < size; i++) { const j = i + ctx.rng.int(nControl - i); const t = idx[i]!; idx[i] = idx[j]!; idx[j] = t; inSample[idx[i]!] = 1; }
      let s = 0;
      for (const m of matches) {
        // distinct sampled units among the matching rows, up to 2
        let first = -1, c = 0;
        for (const r of m) { const u = unitOf[r]!; if (!inSample[u]) continue; if (c === 0) { first = u; c = 1; } else if (u !== first) { c = 2; break; } }
        if (c === 1) s++;
      }
      xs.push(size); ys.push(s);
    }
  }
  const integral = (n: number, w: number) => (1 - (n * w + 1) * Math.pow(1 - w, n)) / (n + 1);
  let bestW = 1 / nControl, bestSse = Infinity;
  for (let e = -8; e <= 0; e += 0.01) {
    const w = Math.pow(10, e);
    let sxy = 0, sxx = 0;
    const I = xs.map((n) => integral(n, w));
    for (let i = 0; i < xs.length; i++) { sxy += I[i]! * ys[i]!; sxx += I[i]! * I[i]!; }
    const norm = sxx > 0 ? Math.max(0, sxy / sxx) : 0;
    let sse = 0;
    for (let i = 0; i < xs.length; i++) sse += (ys[i]! - norm * I[i]!) ** 2;
    if (sse < bestSse) { bestSse = sse; bestW = w; }
  }
  const units = !personOf ? 'records' : ctx.distinctRecords ? 'distinct records' : 'persons';
  // (w at the grid's edge was not identified by the samples — every size gave the same successes: no rescaling, said;
  // the first grid value, 1e-8, made the model proportional to size and multiplied the control count by nOriginal/nControl)
  if (bestW <= 1.0000001e-8 || bestW >= 0.9999999) {
    return { value: observed, note: `control set (${nControl} ${units}) and original (${nOriginal}) differ in size, and the control's subsamples did not identify the size model: the control successes (${observed}) were not rescaled` };
  }
  const ratio = integral(nOriginal, bestW) / integral(nControl, bestW);
  // (a control under half the original's size: the model would extrapolate far past the sizes it was fitted on, and a
  // count of a few successes multiplied — 9 successes of a control of 30 became 923 of 1,543, the risk 0. Scaling up lowers
  // the risk: it is not done there, and the figure errs on the high side)
  if (Number.isFinite(ratio) && ratio > 1 && 2 * nControl < nOriginal) {
    return { value: observed, note: `control set (${nControl} ${units}) under half the original's size (${nOriginal}): the size model would scale its successes up ×${ratio.toFixed(2)}, an extrapolation past the sizes it was fitted on; they were not rescaled (the risk errs on the high side) — give a control of the original's size` };
  }
  const value = Math.min(queries.length, observed * (Number.isFinite(ratio) ? ratio : 1));
  return {
    value,
    note: `control set (${nControl} ${units}) and original (${nOriginal}) differ in size: the control successes were rescaled from ${observed} to ${value.toFixed(1)} (Cohen–Nissim size model, as Anonymeter)`,
  };
}

function matchingRows(ctx: AttackContext, t: number, p: Predicate, marks: Uint8Array[], cap: number): Int32Array {
  const out: number[] = [];
  matchRows(ctx, t, p, cap, marks, out);
  return Int32Array.from(out);
}
