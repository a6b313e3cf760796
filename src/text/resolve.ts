/**
 * Overlap resolution.
 *
 * 1. Spans of the SAME label that overlap or touch are merged into one (union, max score) — so a
 *    first name and a surname next to each other become one NAME span.
 * 2. Spans of different labels that overlap: the one with the higher PRIORITY (types.ts) wins;
 *    ties go to the higher score, then the longer span, then the earlier start. The loser is
 *    dropped (not trimmed): a partial entity is worse than none.
 * The result is sorted by start and non-overlapping. Deterministic for a given input.
 */
import { PRIORITY } from './types.ts';
import type { Span } from './types.ts';

export function resolveOverlaps(spans: Span[], text?: string): Span[] {
  if (spans.length === 0) return [];
  // 1. merge same-label spans that overlap (and NAME spans separated only by spaces)
  const byLabel = new Map<string, Span[]>();
  for (const s of spans) {
    let l = byLabel.get(s.label);
    if (!l) byLabel.set(s.label, (l = []));
    l.push(s);
  }
  const merged: Span[] = [];
  for (const [label, list] of byLabel) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let cur = { ...list[0]! };
    for (let i = 1; i < list.length; i++) {
      const s = list[i]!;
      const touching = s.start <= cur.end || (label === 'NAME' && text !== undefined && /^[ \u00a0]{1,2}$/.test(text.slice(cur.end, s.start)));
      if (touching) {
        if (s.end > cur.end) cur.end = s.end;
        if (s.score > cur.score) { cur.score = s.score; cur.rule = s.rule; }
      } else { merged.push(cur); cur = { ...s }; }
    }
    merged.push(cur);
  }
  // 2. greedy by priority
  merged.sort((a, b) => PRIORITY[b.label] - PRIORITY[a.label] || b.score - a.score
    || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: Span[] = [];
  // interval check against kept spans (sorted array + binary search)
  const sorted: Span[] = [];
  for (const s of merged) {
    let lo = 0, hi = sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]!.start < s.start) lo = mid + 1; else hi = mid; }
    const prev = sorted[lo - 1];
    const next = sorted[lo];
    if ((prev && prev.end > s.start) || (next && next.start < s.end)) continue;
    sorted.splice(lo, 0, s);
    kept.push(s);
  }
  return sorted;
}
