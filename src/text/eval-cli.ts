/**
 * `npm run eval:text [-- --json] [-- --errors] [-- --without-surnames]`
 *
 * Precision / recall / F1 per label group on the EDS-Pseudo templates (French) and on the notes of
 * the Synthea FHIR bundles (English), then on both together; then on the written French and English
 * notes of test/fixtures/text-notes, their dev and test halves apart (not in the combined figures).
 * `--json` prints one object label → {precision, recall, f1, support}: the combined labels ("NAME",
 * "DATE"…, "ALL") and the per-corpus ones ("eds/NAME", "synthea/NAME", "notes-fr-test/NAME"…).
 */
import { existsSync } from 'node:fs';
import { datasetPaths, evaluate, loadEdsTemplates, loadMarkedNotes, loadSyntheaNotes } from './eval.ts';
import type { Doc, Metrics } from './eval.ts';
import { withoutSurnames } from './data.ts';

const args = new Set(process.argv.slice(2));
const root = new URL('../../', import.meta.url);
const paths = datasetPaths(root);
if (args.has('--without-surnames')) withoutSurnames();

const corpora: [string, Doc[]][] = [];
if (paths.edsPresent) corpora.push(['eds', loadEdsTemplates(paths.eds)]);
else process.stderr.write(`skipped: ${paths.eds} absent\n`);
if (paths.syntheaPresent) corpora.push(['synthea', loadSyntheaNotes(paths.synthea)]);
else process.stderr.write(`skipped: ${paths.synthea} absent\n`);
if (corpora.length === 0) { process.stderr.write('no evaluation data found under ../shared/data\n'); process.exit(2); }

const out: Record<string, { precision: number; recall: number; f1: number; support: number }> = {};
const strip = (m: Metrics): { precision: number; recall: number; f1: number; support: number } =>
  ({ precision: m.precision, recall: m.recall, f1: m.f1, support: m.support });
const all = evaluate(corpora.flatMap(([, d]) => d));
for (const [k, m] of Object.entries(all.metrics)) out[k] = strip(m);
// the written notes (in the repository): apart, dev half (rules were written from its errors) and test half
const notes: [string, Doc[]][] = [];
for (const { name, lang, path } of paths.notes) {
  if (!existsSync(path)) continue;
  for (const half of ['dev', 'test'] as const) notes.push([`${name}-${half}`, loadMarkedNotes(path, lang, half)]);
}
const per: [string, ReturnType<typeof evaluate>][] = [...corpora, ...notes].map(([name, docs]) => [name, evaluate(docs)]);
for (const [name, r] of per) for (const [k, m] of Object.entries(r.metrics)) out[`${name}/${k}`] = strip(m);

if (args.has('--json')) {
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
} else {
  const fmt = (x: number): string => x.toFixed(3);
  const table = (title: string, metrics: Record<string, Metrics>): void => {
    process.stdout.write(`\n${title}\nlabel      precision  recall  f1     support  predicted\n`);
    for (const [k, m] of Object.entries(metrics)) {
      process.stdout.write(`${k.padEnd(10)} ${fmt(m.precision).padStart(9)}  ${fmt(m.recall).padStart(6)}  ${fmt(m.f1)}  ${String(m.support).padStart(7)}  ${String(m.predicted).padStart(9)}\n`);
    }
  };
  const docsOf = (name: string): number => [...corpora, ...notes].find((c) => c[0] === name)![1].length;
  for (const [name, r] of per) if (!name.startsWith('notes-')) table(`${name} (${docsOf(name)} documents)`, r.metrics);
  table('both corpora', all.metrics);
  for (const [name, r] of per) if (name.startsWith('notes-')) table(`${name} (${docsOf(name)} written notes; ${name.endsWith('-dev') ? 'rules were written from this half\'s errors' : 'not used to write rules'})`, r.metrics);
  process.stdout.write('\nMatching: overlap within a label group (see src/text/eval.ts). Goal: recall >= 0.95 for NAME, DATE, PHONE, NIR; precision >= 0.85.\n');
  if (args.has('--errors')) {
    for (const [name, r] of per) for (const e of r.errors) process.stdout.write(`${name} ${e.kind} ${e.group.padEnd(8)} ${JSON.stringify(e.text)} (${e.doc})\n`);
  }
}
