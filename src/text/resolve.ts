/**
 * Overlap resolution.
 *
 * 1. Spans of the SAME label that overlap are merged into one (union, max score); NAME spans
 *    separated only by one or two spaces are merged too, so "Jean" + "DUPONT" is one NAME.
 * 2. Spans of different labels that overlap: the one with the higher PRIORITY (types.ts) wins;
 *    ties go to the higher score, then the longer span, then the earlier start. The loser keeps
 *    only the parts the winner does not cover, without the spaces and punctuation at their cut
 *    ends (a piece of one character is kept when it is a letter or a digit, else dropped), so
 *    nothing recognized is left in clear because a neighbour won the overlap.
 * The result is sorted by start and non-overlapping. Deterministic for a given input.
 * Cost: O(s log s) for s spans (sorts), plus O(total span length) for the occupancy check.
 * The input spans are not modified.
 */
import { PRIORITY } from './types.ts';
import type { Span, TextLabel } from './types.ts';

/**
 * Per label: its rank in alphabetical order (the merge pass groups spans by label in this order)
 * and its priority, in two small tables indexed by a hash of the label's first two characters and
 * length (checked collision-free below: two array reads instead of two Map look-ups per span).
 */
function labelSlot(l: string): number { return (l.charCodeAt(0) * 7 + l.charCodeAt(1) * 3 + l.length * 11) & 255; }
const ORDER_AT = new Int32Array(256).fill(-1), PRIO_AT = new Int32Array(256);
for (const [i, l] of (Object.keys(PRIORITY) as TextLabel[]).sort().entries()) {
  const k = labelSlot(l);
  if (ORDER_AT[k] !== -1) throw new Error(`labelSlot collides on ${l}`);
  ORDER_AT[k] = i; PRIO_AT[k] = PRIORITY[l];
}

/** 1-2 spaces (or no-break spaces) between a and b: NAME spans this close are merged (the name pass asks it too). */
export function spacesOnly(text: string, a: number, b: number): boolean {
  if (b - a < 1 || b - a > 2) return false;
  for (let k = a; k < b; k++) { const c = text.charCodeAt(k); if (c !== 32 && c !== 160) return false; }
  return true;
}

/**
 * Reused work buffers (grown on demand): no object per span inside the resolution, only the
 * output spans are allocated.
 */
let taken = new Uint8Array(4096);
let cap = 0;
let sLi = new Int32Array(0), sStart = new Int32Array(0), sEnd = new Int32Array(0);
let mStart = new Int32Array(0), mEnd = new Int32Array(0), mPr = new Int32Array(0), mBest = new Int32Array(0);
let mScore = new Float64Array(0);
let keys = new Float64Array(0);
function grow(n: number): void {
  if (n <= cap) return;
  cap = Math.max(n, cap * 2, 64);
  sLi = new Int32Array(cap); sStart = new Int32Array(cap); sEnd = new Int32Array(cap);
  mStart = new Int32Array(cap); mEnd = new Int32Array(cap); mPr = new Int32Array(cap); mBest = new Int32Array(cap);
  mScore = new Float64Array(cap);
  keys = new Float64Array(cap);
}
/** Largest integer key handled by the packed-key sorts (exact in a double). */
const MAX_KEY = 2 ** 52;
/**
 * The index packing of the sort keys: key = x * P + i with P the smallest power of two > n, so
 * the index comes back exactly as key - floor(key / P) * P (a division by a power of two is
 * exact in binary floating point; a `%` on doubles is a slow fmod call).
 */
function pow2Above(n: number): number { let p = 1; while (p <= n) p *= 2; return p; }
/** Sorts `idx` (0..n-1) by the packed keys k[i] = x * P + i (all distinct: each ends with its index). */
function sortByPackedKeys(idx: number[], k: Float64Array, n: number, P: number): void {
  sortKeys(k, 0, n - 1);
  const inv = 1 / P;
  for (let q = 0; q < n; q++) { const v = k[q]!; idx[q] = v - Math.floor(v * inv) * P; }
}
/**
 * Ascending in-place sort of distinct numbers k[lo..hi]: quicksort (median of three) with
 * insertion sort below 16 elements. Plain JS on the typed array: cheaper here than
 * TypedArray.prototype.sort for the few dozen spans of a note.
 */
function sortKeys(k: Float64Array, lo: number, hi: number): void {
  while (hi - lo >= 16) {
    const mid = (lo + hi) >> 1;
    let a = k[lo]!, b = k[mid]!, c = k[hi]!;
    if (a > b) { const t = a; a = b; b = t; }
    if (b > c) { b = c; if (a > b) b = a; }
    const pivot = b;
    let i = lo, j = hi;
    while (i <= j) {
      while (k[i]! < pivot) i++;
      while (k[j]! > pivot) j--;
      if (i <= j) { const t = k[i]!; k[i] = k[j]!; k[j] = t; i++; j--; }
    }
    // recurse into the smaller part, loop on the larger
    if (j - lo < hi - i) { sortKeys(k, lo, j); lo = i; } else { sortKeys(k, i, hi); hi = j; }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = k[i]!;
    let j = i - 1;
    while (j >= lo && k[j]! > v) { k[j + 1] = k[j]!; j--; }
    k[j + 1] = v;
  }
}
const byLabelStart = (a: number, b: number): number =>
  sLi[a]! - sLi[b]! || sStart[a]! - sStart[b]! || sEnd[b]! - sEnd[a]! || a - b;
const byPriority = (a: number, b: number): number =>
  mPr[b]! - mPr[a]! || mScore[b]! - mScore[a]! || (mEnd[b]! - mStart[b]!) - (mEnd[a]! - mStart[a]!) || mStart[a]! - mStart[b]! || a - b;

/** The distinct scores of the merged spans, ascending, in `ranks` (few: the rules' literal scores); returns their count. */
let ranks = new Float64Array(32);
function distinctScores(m: number): number {
  let S = 0;
  for (let j = 0; j < m; j++) {
    const v = mScore[j]!;
    let k = 0;
    while (k < S && ranks[k] !== v) k++;
    if (k < S) continue;
    if (S === ranks.length) { const r = new Float64Array(S * 2); r.set(ranks); ranks = r; }
    // insertion in order
    let p = S++;
    while (p > 0 && ranks[p - 1]! > v) { ranks[p] = ranks[p - 1]!; p--; }
    ranks[p] = v;
  }
  return S;
}
/** The rank of score v among the first S distinct scores (v is one of them). */
function rankOf(v: number, S: number): number { let k = 0; while (k < S && ranks[k] !== v) k++; return k; }

/** The merged span j (or a piece of it): the label of its group, the best score and the rule that reached it first. */
function out(spans: readonly Span[], j: number, start: number, end: number): Span {
  const b = spans[mBest[j]!]!;
  return { start, end, label: b.label, score: mScore[j]!, rule: b.rule };
}
function byStartPos(a: Span, b: Span): number { return a.start - b.start; }
/** Spaces and punctuation left at the ends of a piece cut by a winning span (a trailing '.' may end an initial: kept). */
function isCutEdge(c: number): boolean { return c === 32 || c === 160 || c === 10 || c === 9 || c === 13 || c === 46 || c === 44 || c === 59 || c === 58; }

export function resolveOverlaps(spans: readonly Span[], text?: string): Span[] {
  const n = spans.length;
  if (n === 0) return [];
  grow(n);
  // 1. merge same-label spans: sort by (label, start, -end), one pass (ties keep the input order)
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    sLi[i] = ORDER_AT[labelSlot(s.label)]!; sStart[i] = s.start; sEnd[i] = s.end; order[i] = i;
  }
  // the same order with packed keys ((label, start, -end) then the input index) when they fit
  let maxEnd = 0;
  for (let i = 0; i < n; i++) if (sEnd[i]! > maxEnd) maxEnd = sEnd[i]!;
  const W = maxEnd + 1;
  const P = pow2Above(n);
  if (32 * W * W * P < MAX_KEY) {
    for (let i = 0; i < n; i++) keys[i] = ((sLi[i]! * W + sStart[i]!) * W + (maxEnd - sEnd[i]!)) * P + i;
    sortByPackedKeys(order, keys, n, P);
  } else order.sort(byLabelStart);
  let m = 0;
  let c = order[0]!;
  mStart[0] = sStart[c]!; mEnd[0] = sEnd[c]!; mScore[0] = spans[c]!.score; mBest[0] = c;
  let curLi = sLi[c]!;
  for (let k = 1; k < n; k++) {
    const i = order[k]!;
    const st = sStart[i]!;
    if (sLi[i] === curLi && (st < mEnd[m]! || (spans[i]!.label === 'NAME' && text !== undefined && spacesOnly(text, mEnd[m]!, st)))) {
      if (sEnd[i]! > mEnd[m]!) mEnd[m] = sEnd[i]!;
      const sc = spans[i]!.score;
      if (sc > mScore[m]!) { mScore[m] = sc; mBest[m] = i; }
    } else {
      m++; c = i; curLi = sLi[i]!;
      mStart[m] = st; mEnd[m] = sEnd[i]!; mScore[m] = spans[i]!.score; mBest[m] = i;
    }
  }
  m++;
  if (m === 1) return [out(spans, 0, mStart[0]!, mEnd[0]!)];
  // 2. greedy by priority with an occupancy map over the covered range
  const morder: number[] = new Array(m);
  let lo = Infinity, hi = 0;
  for (let j = 0; j < m; j++) {
    morder[j] = j; mPr[j] = PRIO_AT[labelSlot(spans[mBest[j]!]!.label)]!;
    if (mStart[j]! < lo) lo = mStart[j]!;
    if (mEnd[j]! > hi) hi = mEnd[j]!;
  }
  // packed keys: (priority desc, score desc, length desc, start, merged index); scores ranked
  const S = distinctScores(m), W2 = maxEnd + 1, P2 = pow2Above(m);
  if (128 * S * W2 * W2 * P2 < MAX_KEY) {
    for (let j = 0; j < m; j++) {
      const r = S - 1 - rankOf(mScore[j]!, S);
      keys[j] = ((((127 - mPr[j]!) * S + r) * W2 + (maxEnd - (mEnd[j]! - mStart[j]!))) * W2 + mStart[j]!) * P2 + j;
    }
    sortByPackedKeys(morder, keys, m, P2);
  } else morder.sort(byPriority);
  if (taken.length < hi - lo) taken = new Uint8Array(Math.max(hi - lo, taken.length * 2));
  taken.fill(0, 0, hi - lo);
  const kept: Span[] = [];
  for (let q = 0; q < m; q++) {
    const j = morder[q]!;
    const sS = mStart[j]!, sE = mEnd[j]!;
    // keep the parts of s that no higher-priority span covers (a one-character piece only when it is a letter or a digit)
    let k = sS;
    while (k < sE) {
      while (k < sE && taken[k - lo]) k++;
      let a = k;
      while (k < sE && !taken[k - lo]) k++;
      if (a === sS && k === sE) { taken.fill(1, a - lo, k - lo); kept.push(out(spans, j, a, k)); continue; }
      // a piece: without the spaces and punctuation at its cut ends ("GH H.MONDOR" → "GH", not "GH ")
      let e = k;
      if (text !== undefined) {
        while (a < e && isCutEdge(text.charCodeAt(a))) a++;
        while (e > a && isCutEdge(text.charCodeAt(e - 1)) && text.charCodeAt(e - 1) !== 46) e--;
      }
      // (a piece of one character is kept when it is a letter or a digit: a digit of an id left in clear would be
      // recognized text shown; a lone punctuation or space is dropped)
      if (e - a >= 2 || (e - a === 1 && text !== undefined && /[\p{L}\p{N}]/u.test(text.charAt(a)))) {
        taken.fill(1, a - lo, e - lo);
        kept.push(out(spans, j, a, e));
      }
    }
  }
  // pieces never overlap, so their starts are distinct
  const nk = kept.length;
  if (nk > 1) {
    const P3 = pow2Above(nk);
    if ((maxEnd + 1) * P3 < MAX_KEY) {
      grow(nk);
      for (let q = 0; q < nk; q++) keys[q] = kept[q]!.start * P3 + q;
      sortKeys(keys, 0, nk - 1);
      const sorted: Span[] = new Array(nk);
      const inv = 1 / P3;
      for (let q = 0; q < nk; q++) { const v = keys[q]!; sorted[q] = kept[v - Math.floor(v * inv) * P3]!; }
      return sorted;
    }
    kept.sort(byStartPos);
  }
  return kept;
}
