/**
 * Turning an assessment (src/risk assessTable's JSON) into a terminal summary and report sections.
 * Reads fields defensively: the assessment JSON is the contract (docs/assessment.md).
 */
import type { Block, Section } from './report.ts';

/** The fields of the assessment this module reads (see docs/assessment.md for the full document). */
export interface AssessmentView {
  records: number;
  persons: number | null;
  quasiIdentifiers: string[];
  k: number;
  classes: number;
  classSizeHistogram: Record<string, number>;
  recordsBelowK?: number;
  prosecutor: { highest: number; average: number; recordsAboveThreshold?: number; shareAboveThreshold?: number; threshold?: number | null };
  journalist?: { highest?: number; average?: number; source?: string } | null;
  marketer?: number | { risk?: number } | null;
  sampleUniques: number;
  populationUniques: { pitman?: number | null; zayatz?: number | null; snb?: number | null; dankar?: number | null | { estimate?: number; model?: string }; model?: string; [k: string]: unknown };
  individualRisk: { expectedReidentifications: number; highest?: number; [k: string]: unknown };
  suda2?: { specialUniques?: number; maxSize?: number; [k: string]: unknown } | null;
  sensitive?: Record<string, { distinctL?: number; entropyL?: number; recursiveCL?: number | boolean | null; t?: number; [k: string]: unknown }>;
  contributions?: { column?: string; quasiIdentifier?: string; kWithout?: number; k?: number; uniquesWithout?: number; sampleUniques?: number; [k: string]: unknown }[];
  verdict: { passes: boolean; failures: ({ message?: string; criterion?: string; value?: unknown; threshold?: unknown } | string)[]; notEvaluated?: string[] };
  [k: string]: unknown;
}

export function failureText(f: AssessmentView['verdict']['failures'][number]): string {
  if (typeof f === 'string') return f;
  return f.message ?? `${f.criterion}: ${String(f.value)} (threshold ${String(f.threshold)})`;
}

const pct = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(x < 0.001 && x > 0 ? 3 : 1)}%`);
const num = (x: number | null | undefined, d = 1): string => (x === null || x === undefined || Number.isNaN(x) ? '—' : Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(d));

function dankarValue(a: AssessmentView): number | null {
  const d = a.populationUniques.dankar;
  if (typeof d === 'number') return d;
  if (d && typeof d === 'object') return d.estimate ?? null;
  return null;
}

function dankarCount(a: AssessmentView): number | null {
  const e = (a.populationUniques as { estimatedUniques?: { dankar?: number | null } }).estimatedUniques;
  return typeof e?.dankar === 'number' ? e.dankar : null;
}

function marketerValue(a: AssessmentView): number | null {
  const m = a.marketer;
  return typeof m === 'number' ? m : typeof m?.risk === 'number' ? m.risk : null;
}

function contributionRows(a: AssessmentView): { name: string; kWithout: number; uniquesWithout: number }[] {
  return (a.contributions ?? []).map((c) => ({
    name: String(c.column ?? c.quasiIdentifier ?? '?'),
    kWithout: Number(c.kWithout ?? c.k ?? NaN),
    uniquesWithout: Number(c.uniquesWithout ?? c.sampleUniques ?? NaN),
  }));
}

/** A short plain-text summary for terminals. */
export function summaryLines(a: AssessmentView): string[] {
  const unit = a.persons !== null ? 'persons' : 'records';
  const total = a.persons ?? a.records;
  const lines = [
    `${num(a.records)} records${a.persons !== null ? `, ${num(a.persons)} persons` : ''} · quasi-identifiers: ${a.quasiIdentifiers.join(', ') || '(none)'}`,
    `equivalence classes ${num(a.classes)} · k = ${a.k} · sample uniques ${num(a.sampleUniques)} (${pct(a.sampleUniques / Math.max(1, total))} of ${unit})`,
    `prosecutor risk: highest ${pct(a.prosecutor.highest)}, average ${pct(a.prosecutor.average)}`,
    `population uniqueness (share of the population unique): Pitman ${pct(a.populationUniques.pitman ?? null)}, Zayatz ${pct(a.populationUniques.zayatz ?? null)}, SNB ${pct(a.populationUniques.snb ?? null)}, Dankar ${pct(dankarValue(a))}${dankarCount(a) !== null ? ` (≈ ${num(Math.round(dankarCount(a)!))} people)` : ''}`,
    ...(a.journalist && typeof a.journalist.highest === 'number' ? [`journalist risk: highest ${pct(a.journalist.highest)}, average ${pct(a.journalist.average)} · marketer risk ${pct(marketerValue(a))}`] : []),
    `expected re-identifications (individual risk): ${num(a.individualRisk.expectedReidentifications, 1)}`,
  ];
  // (a threshold the assessment does not measure is no threshold met: the summary names it, as the report does — it
  // said "the policy thresholds are met" over a maxAttackRisk nothing had measured)
  const notEvaluated = a.verdict.notEvaluated ?? [];
  if (a.verdict.passes) lines.push(notEvaluated.length ? 'verdict: the thresholds measured here are met' : 'verdict: the policy thresholds are met');
  else {
    lines.push(`verdict: FAILS the policy (${a.verdict.failures.length} threshold(s)):`);
    for (const f of a.verdict.failures) lines.push(`  - ${failureText(f)}`);
  }
  if (notEvaluated.length) lines.push(`  ${notEvaluatedText(notEvaluated)}`);
  return lines;
}

function notEvaluatedText(names: readonly string[]): string {
  return `not evaluated by the assessment: ${names.join(', ')} (the anonymity verdict with --original, or anonymize, measures them)`;
}

/** Report sections for an assessment (used by assess, anonymize's before/after and the demo). */
export function assessmentSections(a: AssessmentView, title = 'Re-identification risk'): Section[] {
  const total = a.persons ?? a.records;
  const hist = Object.entries(a.classSizeHistogram).map(([s, c]) => ({ size: Number(s), classes: c })).sort((x, y) => x.size - y.size);
  // bucket sizes beyond 30 to keep the chart readable
  const buckets = new Map<string, number>();
  for (const h of hist) {
    const label = h.size <= 20 ? String(h.size) : h.size <= 50 ? '21–50' : h.size <= 100 ? '51–100' : '>100';
    buckets.set(label, (buckets.get(label) ?? 0) + h.classes);
  }
  const kThreshold = Number((a as { policyK?: number }).policyK ?? NaN);
  const blocks: Block[] = [
    { kind: 'verdict', ok: a.verdict.passes, title: a.verdict.passes ? (a.verdict.notEvaluated?.length ? 'The thresholds measured here are met' : 'The policy thresholds are met') : 'The data fail the policy',
      reasons: [...a.verdict.failures.map(failureText), ...(a.verdict.notEvaluated?.length ? [notEvaluatedText(a.verdict.notEvaluated)] : [])] },
    {
      kind: 'figures', items: [
        { label: 'records', value: a.records },
        ...(a.persons !== null ? [{ label: 'persons (unit of risk)', value: a.persons }] : []),
        { label: 'equivalence classes', value: a.classes },
        { label: 'k (smallest class)', value: a.k, status: a.k <= 1 ? 'fail' as const : undefined },
        { label: 'sample uniques', value: a.sampleUniques, note: pct(a.sampleUniques / Math.max(1, total)) },
        { label: 'highest prosecutor risk', value: pct(a.prosecutor.highest) },
        { label: 'average prosecutor risk', value: pct(a.prosecutor.average) },
        { label: 'expected re-identifications', value: num(a.individualRisk.expectedReidentifications, 1), note: 'individual risk (Benedetti–Franconi)' },
        { label: 'population uniqueness (Dankar)', value: pct(dankarValue(a)), note: dankarCount(a) !== null ? `≈ ${num(Math.round(dankarCount(a)!))} people unique in the population` : undefined },
        ...(a.journalist && typeof a.journalist.highest === 'number' ? [{ label: 'highest journalist risk', value: pct(a.journalist.highest) }] : []),
        ...(marketerValue(a) !== null ? [{ label: 'marketer risk', value: pct(marketerValue(a)) }] : []),
      ],
    },
    { kind: 'bars', title: 'Class-size histogram (number of classes of each size)', data: [...buckets].map(([label, value]) => ({ label, value, highlight: Number.isFinite(kThreshold) ? Number(label) < kThreshold : label === '1' })), xLabel: 'class size', yLabel: 'classes', log: true },
  ];
  // risk distribution: share of units by prosecutor risk band (from the histogram)
  const bands = [[1, 1, '100%'], [2, 2, '50%'], [3, 4, '25–33%'], [5, 9, '11–20%'], [10, 19, '5–10%'], [20, Infinity, '<5%']] as const;
  blocks.push({
    kind: 'bars', title: 'Risk distribution: share of units by prosecutor risk (1 / class size)', format: (v) => `${(v * 100).toFixed(1)}%`,
    data: bands.map(([lo, hi, label]) => ({ label, value: hist.filter((h) => h.size >= lo && h.size <= hi).reduce((s, h) => s + h.size * h.classes, 0) / Math.max(1, total), highlight: lo < 5 })),
    xLabel: 're-identification probability', yLabel: 'share',
  });
  const contrib = contributionRows(a);
  if (contrib.length) {
    blocks.push({
      kind: 'bars', title: 'Contribution of each quasi-identifier: sample uniques removed when it is left out',
      data: contrib.map((c) => ({ label: c.name, value: Math.max(0, a.sampleUniques - c.uniquesWithout) })), yLabel: 'uniques removed',
    });
    blocks.push({ kind: 'table', title: 'Leaving one quasi-identifier out', columns: ['quasi-identifier', 'k without it', 'sample uniques without it'], rows: contrib.map((c) => [c.name, c.kWithout, c.uniquesWithout]) });
  }
  const sens = Object.entries(a.sensitive ?? {});
  if (sens.length) {
    blocks.push({
      kind: 'table', title: 'Sensitive attributes (worst class)', columns: ['attribute', 'distinct l', 'entropy l', 'recursive (c,l)', 't (closeness)'],
      rows: sens.map(([n, s]) => [n, s.distinctL ?? null, s.entropyL ?? null, s.recursiveCL === undefined || s.recursiveCL === null ? null : String(s.recursiveCL), s.t ?? null]),
    });
  }
  return [{ title, intro: `Quasi-identifiers: ${a.quasiIdentifiers.join(', ')}. The unit of risk is the ${a.persons !== null ? 'person' : 'record'}.`, blocks }];
}
