/**
 * Overlap resolution.
 *
 * 1. Spans of the SAME label that overlap are merged into one (union, max score); NAME spans
 *    separated only by one or two spaces are merged too, so "Jean" + "DUPONT" is one NAME.
 * 2. Spans of different labels that overlap: the one with the higher PRIORITY (types.ts) wins;
 *    ties go to the higher score, then the longer span, then the earlier start. The loser keeps
 *    only the parts the winner does not cover (pieces shorter than 2 characters are dropped), so
 *    nothing recognized is left in clear because a neighbour won the overlap.
 * The result is sorted by start and non-overlapping. Deterministic for a given input.
 * Cost: O(s log s) for s spans (sorts), plus O(total span length) for the occupancy check.
 * The input spans are not modified.
 */
import { PRIORITY } from './types.ts';
import type { Span, TextLabel } from './types.ts';

const LABEL_ORDER = new Map<TextLabel, number>(
  (Object.keys(PRIORITY) as TextLabel[]).sort().map((l, i) => [l, i] as const),
);

function spacesOnly(text: string, a: number, b: number): boolean {
  if (b - a < 1 || b - a > 2) return false;
  for (let k = a; k < b; k++) { const c = text.charCodeAt(k); if (c !== 32 && c !== 160) return false; }
  return true;
}

/** Reused occupancy buffer (grown on demand): no allocation per document. */
let taken = new Uint8Array(4096);

interface Work { start: number; end: number; label: TextLabel; score: number; rule: string; li: number; pr: number }

export function resolveOverlaps(spans: readonly Span[], text?: string): Span[] {
  const n = spans.length;
  if (n === 0) return [];
  // 1. merge same-label spans: sort by (label, start, -end), one pass
  const list: Work[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    list[i] = { start: s.start, end: s.end, label: s.label, score: s.score, rule: s.rule, li: LABEL_ORDER.get(s.label)!, pr: PRIORITY[s.label] };
  }
  list.sort((a, b) => a.li - b.li || a.start - b.start || b.end - a.end);
  const merged: Work[] = [];
  let cur = list[0]!;
  for (let i = 1; i < n; i++) {
    const s = list[i]!;
    if (s.li === cur.li && (s.start < cur.end || (s.label === 'NAME' && text !== undefined && spacesOnly(text, cur.end, s.start)))) {
      if (s.end > cur.end) cur.end = s.end;
      if (s.score > cur.score) { cur.score = s.score; cur.rule = s.rule; }
    } else { merged.push(cur); cur = s; }
  }
  merged.push(cur);
  const strip = (w: Work, start = w.start, end = w.end): Span => ({ start, end, label: w.label, score: w.score, rule: w.rule });
  if (merged.length === 1) return [strip(merged[0]!)];
  // 2. greedy by priority with an occupancy map over the covered range
  merged.sort((a, b) => b.pr - a.pr || b.score - a.score || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  let lo = Infinity, hi = 0;
  for (const s of merged) { if (s.start < lo) lo = s.start; if (s.end > hi) hi = s.end; }
  if (taken.length < hi - lo) taken = new Uint8Array(Math.max(hi - lo, taken.length * 2));
  taken.fill(0, 0, hi - lo);
  const kept: Span[] = [];
  for (const s of merged) {
    // keep the parts of s that no higher-priority span covers (pieces under 2 characters dropped)
    let k = s.start;
    while (k < s.end) {
      while (k < s.end && taken[k - lo]) k++;
      const a = k;
      while (k < s.end && !taken[k - lo]) k++;
      if (k - a >= 2 || (a === s.start && k === s.end)) {
        taken.fill(1, a - lo, k - lo);
        kept.push(strip(s, a, k));
      }
    }
  }
  kept.sort((a, b) => a.start - b.start);
  return kept;
}
