/**
 * Evaluation of the recognizers on annotated text.
 *
 * Matching is by OVERLAP within a label group: a gold span is found (recall) when a predicted span
 * of the same group overlaps it; a predicted span is correct (precision) when it overlaps a gold
 * span of its group. Label groups (gold EDS-Pseudo label → group; predicted label → group):
 *   NOM, PRENOM → NAME; DATE, DATE_NAISSANCE → DATE (predicted BIRTHDATE → DATE); TEL → PHONE;
 *   SECU → NIR; MAIL → EMAIL; ADRESSE → ADDRESS; ZIP → ZIP; VILLE → CITY; IPP, NDA → ID
 *   (predicted IPP/NDA/MRN/RPPS/ID → ID); HOPITAL → HOSPITAL; predicted AGE/URL/IP/IBAN/SSN → OTHER.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { recognize } from './index.ts';
import type { Span, TextLabel } from './types.ts';

export interface GoldSpan { start: number; end: number; group: string }
export interface Doc { id: string; text: string; gold: GoldSpan[]; lang: 'fr' | 'en' }
export interface Metrics { precision: number; recall: number; f1: number; support: number; predicted: number }

const GOLD_GROUP: Record<string, string> = {
  NOM: 'NAME', PRENOM: 'NAME', DATE: 'DATE', DATE_NAISSANCE: 'DATE', TEL: 'PHONE', SECU: 'NIR', MAIL: 'EMAIL',
  ADRESSE: 'ADDRESS', ADDRESSE: 'ADDRESS', ZIP: 'ZIP', VILLE: 'CITY', IPP: 'ID', NDA: 'ID', HOPITAL: 'HOSPITAL',
};
export const PRED_GROUP: Record<TextLabel, string> = {
  NAME: 'NAME', DATE: 'DATE', BIRTHDATE: 'DATE', PHONE: 'PHONE', NIR: 'NIR', EMAIL: 'EMAIL', ADDRESS: 'ADDRESS', ZIP: 'ZIP',
  CITY: 'CITY', IPP: 'ID', NDA: 'ID', MRN: 'ID', RPPS: 'ID', ID: 'ID', HOSPITAL: 'HOSPITAL', AGE: 'OTHER', URL: 'OTHER',
  IP: 'OTHER', IBAN: 'OTHER', SSN: 'OTHER',
};

/** EDS-Pseudo templates (JSONL with character offsets). */
export function loadEdsTemplates(path: string): Doc[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const o = JSON.parse(l) as { note_id: string; note_text: string; entities: { start: number; end: number; label: string }[] };
    return {
      id: o.note_id, text: o.note_text, lang: 'fr' as const,
      gold: o.entities.map((e) => ({ start: e.start, end: e.end, group: GOLD_GROUP[e.label] ?? e.label })),
    };
  });
}

interface FhirBundle { entry?: { resource?: Record<string, unknown> }[] }

/**
 * Notes from Synthea FHIR bundles: every DocumentReference attachment (base64 text). Gold NAME
 * spans are the occurrences of the patient's given and family names (from the Patient resource,
 * whole-word); gold DATE spans are ISO dates (YYYY-MM-DD) — the only date format Synthea writes in
 * notes, so date gold here is format-derived (an upper bound for our date recognizer's recall).
 */
export function loadSyntheaNotes(dir: string): Doc[] {
  const docs: Doc[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const b = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as FhirBundle;
    const names = new Set<string>();
    for (const e of b.entry ?? []) {
      const r = e.resource as { resourceType?: string; name?: { given?: string[]; family?: string; prefix?: string[] }[] } | undefined;
      if (r?.resourceType === 'Patient') for (const n of r.name ?? []) { for (const g of n.given ?? []) names.add(g); if (n.family) names.add(n.family); }
    }
    let i = 0;
    for (const e of b.entry ?? []) {
      const r = e.resource as { resourceType?: string; id?: string; content?: { attachment?: { data?: string; contentType?: string } }[] } | undefined;
      if (r?.resourceType !== 'DocumentReference') continue;
      for (const c of r.content ?? []) {
        const data = c.attachment?.data;
        if (!data) continue;
        const text = Buffer.from(data, 'base64').toString('utf8');
        const gold: GoldSpan[] = [];
        for (const n of names) {
          const re = new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
          let m: RegExpExecArray | null;
          while ((m = re.exec(text)) !== null) gold.push({ start: m.index, end: m.index + m[0].length, group: 'NAME' });
        }
        const dre = /(?<![\d-])(?:19|20)\d{2}-\d{2}-\d{2}(?![\d])/g;
        let m: RegExpExecArray | null;
        while ((m = dre.exec(text)) !== null) gold.push({ start: m.index, end: m.index + m[0].length, group: 'DATE' });
        docs.push({ id: `${f}#${i++}`, text, gold, lang: 'en' });
      }
    }
  }
  return docs;
}

/** The labels of the written notes (test/fixtures/text-notes) → evaluation groups (STATE is not scored). */
const MARKED_GROUP: Record<string, string> = {
  NAME: 'NAME', DATE: 'DATE', PHONE: 'PHONE', NIR: 'NIR', EMAIL: 'EMAIL', URL: 'OTHER', IP: 'OTHER', SSN: 'OTHER', AGE: 'OTHER', IBAN: 'OTHER',
  ADDRESS: 'ADDRESS', ZIP: 'ZIP', CITY: 'CITY', HOSPITAL: 'HOSPITAL', ID: 'ID',
};

/**
 * Notes marked inline ({{LABEL|text}}, documents separated by a line "====="), as written in
 * test/fixtures/text-notes: the text without the marks and the gold spans. `half`: the documents at
 * even positions ('dev') or odd ones ('test').
 */
export function loadMarkedNotes(path: string, lang: 'fr' | 'en', half?: 'dev' | 'test'): Doc[] {
  const raw = readFileSync(path, 'utf8').split(/\r?\n=====\r?\n/).map((d) => d.trim()).filter(Boolean);
  const docs: Doc[] = [];
  raw.forEach((d, i) => {
    if (half && (i % 2 === 0) !== (half === 'dev')) return;
    let text = '';
    const gold: GoldSpan[] = [];
    const re = /\{\{([A-Z]+)\|([^}]*)\}\}/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(d)) !== null) {
      text += d.slice(last, m.index);
      const group = MARKED_GROUP[m[1]!];
      if (group) gold.push({ start: text.length, end: text.length + m[2]!.length, group });
      text += m[2]!;
      last = m.index + m[0].length;
    }
    docs.push({ id: `${lang}#${i}`, text: text + d.slice(last), gold, lang });
  });
  return docs;
}

export interface EvalResult { metrics: Record<string, Metrics>; errors: { doc: string; kind: 'fn' | 'fp'; group: string; text: string }[] }

export function evaluate(docs: Doc[], predict: (d: Doc) => Span[] = (d) => recognize(d.text, { lang: d.lang })): EvalResult {
  const tpG = new Map<string, number>(), nG = new Map<string, number>(), tpP = new Map<string, number>(), nP = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string): void => { m.set(k, (m.get(k) ?? 0) + 1); };
  const errors: EvalResult['errors'] = [];
  for (const d of docs) {
    const pred = predict(d).map((s) => ({ start: s.start, end: s.end, group: PRED_GROUP[s.label] }));
    const ov = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;
    for (const g of d.gold) {
      inc(nG, g.group);
      if (pred.some((p) => p.group === g.group && ov(p, g))) inc(tpG, g.group);
      else errors.push({ doc: d.id, kind: 'fn', group: g.group, text: d.text.slice(g.start, g.end) });
    }
    for (const p of pred) {
      inc(nP, p.group);
      if (d.gold.some((g) => g.group === p.group && ov(p, g))) inc(tpP, p.group);
      else errors.push({ doc: d.id, kind: 'fp', group: p.group, text: d.text.slice(p.start, p.end) });
    }
  }
  const metrics: Record<string, Metrics> = {};
  const groups = new Set([...nG.keys(), ...nP.keys()]);
  let aTG = 0, aG = 0, aTP = 0, aP = 0;
  for (const g of [...groups].sort()) {
    // (OTHER, the labels no corpus annotates — ages, URLs, IPs…: neither scored nor shown, a precision of 0 and a recall of
    // 1 over no gold would mislead; their predictions stay in the errors)
    if (g === 'OTHER') continue;
    const support = nG.get(g) ?? 0, predicted = nP.get(g) ?? 0;
    const precision = predicted ? (tpP.get(g) ?? 0) / predicted : support ? 0 : 1;
    const recall = support ? (tpG.get(g) ?? 0) / support : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    metrics[g] = { precision: round(precision), recall: round(recall), f1: round(f1), support, predicted };
    aTG += tpG.get(g) ?? 0; aG += support; aTP += tpP.get(g) ?? 0; aP += predicted;
  }
  const p = aP ? aTP / aP : 1, r = aG ? aTG / aG : 1;
  metrics['ALL'] = { precision: round(p), recall: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0), support: aG, predicted: aP };
  return { metrics, errors };
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** The written notes of test/fixtures/text-notes (in the repository), in the order they were written: `<stem>.marked.txt`. */
const WRITTEN_STEMS = ['fr', 'en', 'fr-gp', 'en-primary', 'fr-mixed', 'en-mixed', 'fr-hosp', 'fr-ville', 'en-records', 'en-care', 'fr-mixed2',
  'fr-observatory', 'en-records2', 'en-care2', 'fr-mixed3', 'en-mixed3', 'fr-mixed4', 'en-mixed4', 'fr-mixed5', 'en-mixed5', 'fr-mixed6', 'en-mixed6',
  'fr-mixed7', 'en-mixed7', 'en-intl', 'fr-mixed8', 'en-mixed8', 'fr-mixed9', 'en-mixed9', 'fr-mixed10', 'en-mixed10', 'fr-mixed11', 'en-mixed11',
  'fr-mixed12', 'en-mixed12', 'fr-mixed13', 'en-mixed13', 'fr-mixed14', 'en-mixed14', 'fr-mixed15', 'en-mixed15',
  'fr-mixed16', 'en-mixed16', 'fr-mixed17', 'en-mixed17', 'fr-mixed18', 'en-mixed18', 'fr-mixed19', 'en-mixed19', 'fr-mixed20', 'en-mixed20', 'fr-mixed21', 'en-mixed21', 'fr-mixed22', 'en-mixed22',
  'fr-mixed23', 'en-mixed23', 'fr-mixed24', 'en-mixed24', 'fr-mixed25',
  'fr-mixed26', 'en-mixed25', 'fr-mixed27', 'en-mixed26',
  'fr-mixed28', 'en-mixed27', 'fr-mixed29', 'en-mixed28',
  'fr-mixed30', 'en-mixed29', 'fr-mixed31', 'en-mixed30',
  'fr-mixed32', 'en-mixed31', 'fr-mixed33', 'en-mixed32',
  'fr-mixed34', 'en-mixed33', 'fr-mixed35', 'en-mixed34',
  'fr-mixed36', 'en-mixed35', 'fr-mixed37', 'en-mixed36'] as const;
/** Name, language (the stem's prefix) and file of each written-notes file. */
export const WRITTEN_NOTES: readonly { name: string; lang: 'fr' | 'en'; file: string }[] = WRITTEN_STEMS.map((stem) => ({
  name: `notes-${stem}`, lang: stem.startsWith('fr') ? 'fr' as const : 'en' as const, file: `${stem}.marked.txt`,
}));

export function datasetPaths(repoRoot: URL): { eds: string; synthea: string; edsPresent: boolean; syntheaPresent: boolean; notes: { name: string; lang: 'fr' | 'en'; path: string }[] } {
  const eds = new URL('../shared/data/fr-clinical-pseudo-eds-templates/templates.jsonl', repoRoot).pathname;
  const synthea = new URL('../shared/data/synthea-ca-59/fhir-r4', repoRoot).pathname;
  return {
    eds, synthea, edsPresent: existsSync(eds), syntheaPresent: existsSync(synthea),
    notes: WRITTEN_NOTES.map((w) => ({ name: w.name, lang: w.lang, path: new URL(`test/fixtures/text-notes/${w.file}`, repoRoot).pathname })),
  };
}
