/**
 * `npm run demo` (the one-shot demonstration): the observatory case, end to end, on embedded defaults.
 *  1. generate a seeded synthetic observatory (50,000 patients) and a population register with names;
 *  2. build the export as the vendor's system did (names removed, persistent patient identifiers,
 *     birth date, sex, postal code, diagnoses) and assess it;
 *  3. attack it: link it with the register and show the share of patients re-identified;
 *  4. anonymize it with the bundled policy (examples/policies/observatory.yaml);
 *  5. attack the release again, with patients held out as a control set: the verdict;
 *  6. show what utility survives (marginals, diabetes prevalence by decade of birth and sex).
 * Writes ./out/report.html (one report with all of it), ./out/*.csv and ./out/demo.json.
 * Options: --patients N (default 50000), --seed S (default 2024), --out DIR (default out).
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import pc from 'picocolors';
import { generateObservatory } from './observatory/generate.ts';
import { demoProof } from './observatory/prove.ts';
import { diabetesStudy, marginal, totalVariation, decadeOf } from './observatory/utility.ts';
import { writeTable, writeFileAtomic } from '../src/io/write.ts';
import { loadPolicy } from '../src/policy/policy.ts';
import { assessTable } from '../src/risk/index.ts';
import { anonymize, resolveHierarchies } from '../src/release/anonymize.ts';
import { renderHtmlReport, type Section, type Block } from '../src/release/report.ts';
import { assessmentSections, summaryLines, type AssessmentView } from '../src/release/assess-report.ts';
import { column, columnFromValues, makeTable, selectRows, type Table } from '../src/table/table.ts';
import { seededRng } from '../src/util/rng.ts';

const { values } = parseArgs({ options: { patients: { type: 'string', default: '50000' }, seed: { type: 'string', default: '2024' }, out: { type: 'string', default: 'out' } } });
const patients = Number(values.patients);
const seed = Number(values.seed);
const outDir = values.out!;
const t0 = performance.now();
const step = (s: string) => process.stderr.write(pc.dim(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${s}\n`));
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

// 1–2. the observatory and the export as the vendor sent it
step(`generating a synthetic observatory of ${patients.toLocaleString('en-US')} patients (seed ${seed})`);
const obs = generateObservatory({ patients, seed });
const exported = obs.export;
await writeTable(exported, join(outDir, 'observatory-export.csv'));
await writeTable(obs.register, join(outDir, 'population-register.csv'));
step(`wrote ${outDir}/observatory-export.csv (the vendor's export) and ${outDir}/population-register.csv (an adversary's register)`);

const policy = await loadPolicy(new URL('./policies/observatory.yaml', import.meta.url).pathname);
step('assessing the export against examples/policies/observatory.yaml');
const before = assessTable(exported, policy) as unknown as AssessmentView;

// the person id (ground truth) travels with the rows to score links; it is never released
const truth = column(obs.persons, 'person_id');
const withTruth = (t: Table) => makeTable([...t.columns, truth]);
// hold out 20 % of the patients as the control set of the attacks
const rng = seededRng(seed + 1);
const order = rng.shuffle(Array.from({ length: exported.rowCount }, (_, i) => i));
const nControl = Math.round(exported.rowCount * 0.2);
const controlRows = order.slice(0, nControl).sort((a, b) => a - b);
const releaseRows = order.slice(nControl).sort((a, b) => a - b);
const original = selectRows(withTruth(exported), releaseRows);
const control = selectRows(withTruth(exported), controlRows);

// 4. anonymize the patients of the release
step(`anonymizing ${original.rowCount.toLocaleString('en-US')} patients (optimal generalization, suppression ≤ ${pct(policy.anonymize?.suppressionLimit ?? 0)})`);
const anon = await anonymize(original, policy);
if (!anon.table) throw new Error(`no transformation satisfies the policy: ${anon.binding.join('; ')}`);
const releaseWithTruth = anon.table;
const release = makeTable(releaseWithTruth.columns.filter((c) => c.name !== 'person_id'));
await writeTable(release, join(outDir, 'release.csv'));
step(`release: ${release.rowCount.toLocaleString('en-US')} rows, transformation ${JSON.stringify(anon.transformation)}, ${anon.suppressed} suppressed`);

// 3 and 5. attacks before and after
step('attacking the export (linkage with the register, singling out, linkability, inference), then the release');
// enough attacks after anonymization for the upper confidence bounds to be informative
// (the policy's hierarchies, so that a generalized label — a PCS group — is read by the values it allows)
const quasi = Object.entries(policy.columns).filter(([, c]) => c.role === 'quasi').map(([n]) => n);
const hierarchies = await resolveHierarchies(original, policy, quasi);
const proof = await demoProof({ original, release: releaseWithTruth, control, register: obs.register, policy, seed, attacks: nControl, hierarchies });
const after = proof.report.after;

// 6. utility
step('measuring what utility survives');
const studyBefore = diabetesStudy(original);
const studyAfter = diabetesStudy(release);
const decadeColumn = (t: Table) => {
  const bd = column(t, 'birth_date');
  return makeTable([columnFromValues('decade', Array.from(bd.codes, (c) => decadeOf(bd.dictionary[c]!) ?? 'unknown'))]);
};
// marginals of the columns released at their original level (a generalized column has other labels)
const marginals = ['sex', 'pcs'].filter((c) => (anon.transformation?.[c] ?? 0) === 0).map((c) => ({ column: c, tv: totalVariation(marginal(original, c), marginal(release, c)) }));
marginals.push({ column: 'decade of birth', tv: totalVariation(marginal(decadeColumn(original), 'decade'), marginal(decadeColumn(release), 'decade')) });
const decades = [...new Set(studyBefore.map((c) => c.decade))].filter((d) => d !== 'unknown').sort();
const prevalence = (study: typeof studyBefore, d: string, s: string) => study.find((c) => c.decade === d && c.sex === s)?.prevalence ?? 0;
// cells of at least 100 patients (smaller ones are mostly suppressed records, listed in the report)
const MIN_CELL = 100;
const bigCell = (d: string, s: string) => (studyBefore.find((c) => c.decade === d && c.sex === s)?.patients ?? 0) >= MIN_CELL;
const maxDiff = Math.max(...decades.flatMap((d) => ['F', 'M'].filter((s) => bigCell(d, s)).map((s) => Math.abs(prevalence(studyBefore, d, s) - prevalence(studyAfter, d, s)))));

// the report
const rb = proof.report.reidentifiedBefore, ra = proof.report.reidentifiedAfter;
const attackRows = (label: string, r: typeof after) => (['singlingOut', 'linkability', 'inference'] as const).map((k) => {
  const a = r.attacks[k];
  return [label, k, a.evaluated ? a.risk : null, a.evaluated && a.ci ? a.ci[1] : null, a.evaluated ? a.attackRate : null, a.evaluated ? a.controlRate : null, a.evaluated ? a.attacks : null] as (string | number | null)[];
});
const sections: Section[] = [
  {
    title: 'The case',
    intro: 'A vendor of practice software collected general practitioners\' patient data and passed them to study clients as "anonymous": names removed, patient identifiers replaced by persistent pseudonyms. Re-identification remained possible, so they were personal health data. Anonymity must be measured, not assumed.',
    blocks: [{ kind: 'text', text: `A seeded synthetic observatory of ${patients.toLocaleString('en-US')} patients (seed ${seed}) and a population register of ${obs.register.rowCount.toLocaleString('en-US')} people with names; no real person is in it. ${nControl.toLocaleString('en-US')} patients are held out of the release as the control set of the attacks.` }],
  },
  ...assessmentSections({ ...before, policyK: policy.thresholds.k } as AssessmentView, '1. The export as the vendor sent it'),
  {
    title: '2. Attacking the export',
    intro: 'The adversary links the export with the population register on birth date, sex and postal code, and runs the three attacks of the Article 29 Working Party (singling out, linkability, inference).',
    blocks: [
      { kind: 'verdict', ok: false, title: `${pct(rb.share)} of the sampled patients re-identified by name`, reasons: proof.report.before.verdict.reasons },
      { kind: 'figures', items: [
        { label: 'patients re-identified (linkage with the register)', value: pct(rb.share), status: 'fail', note: `${rb.reidentified.toLocaleString('en-US')} of ${rb.attacked.toLocaleString('en-US')} sampled, checked against the truth` },
      ] },
    ],
  },
  {
    title: '3. Anonymization',
    intro: `Optimal full-domain generalization under ${policy.source.split('/').slice(-2).join('/')} (k = ${policy.thresholds.k}, distinct l = ${policy.thresholds.l}, suppression ≤ ${pct(policy.anonymize?.suppressionLimit ?? 0)}); the practice and the patient identifier are dropped.`,
    blocks: [
      { kind: 'figures', items: [
        { label: 'loss (ARX Loss metric)', value: (anon.loss ?? 0).toFixed(4) },
        { label: 'records suppressed', value: anon.suppressed },
        { label: 'equivalence classes', value: anon.classes },
        { label: 'transformations checked', value: `${anon.checked} of ${anon.latticeSize}`, note: anon.optimal ? 'proven optimal' : 'not proven optimal' },
      ] },
      { kind: 'table', title: 'Chosen generalization level per quasi-identifier', columns: ['quasi-identifier', 'level', 'loss'], rows: Object.entries(anon.transformation ?? {}).map(([c, l]) => [c, l, anon.lossPerAttribute[c] ?? null]) },
    ],
  },
  ...(anon.after ? assessmentSections({ ...(anon.after as unknown as AssessmentView), policyK: policy.thresholds.k } as AssessmentView, '4. Risk of the release') : []),
  {
    title: '5. Attacking the release',
    intro: 'The same attacks on the release, measured against the held-out control patients (risk = (attack − control) / (1 − control), 95 % confidence intervals).',
    blocks: [
      { kind: 'verdict', ok: after.verdict.anonymous, title: after.verdict.anonymous ? 'Anonymous: every criterion is met' : 'Still pseudonymous: personal data', reasons: after.verdict.reasons },
      { kind: 'figures', items: [
        { label: 'patients re-identified (linkage with the register)', value: pct(ra.share), status: ra.share <= (after.verdict.limit ?? 0.05) ? 'ok' : 'fail', note: `${ra.reidentified} of ${ra.attacked.toLocaleString('en-US')} sampled` },
      ] },
      { kind: 'table', title: 'Attacks before and after', columns: ['data', 'attack', 'risk', 'upper 95 % bound', 'attack rate', 'control rate', 'attacks'], rows: [...attackRows('export', proof.report.before), ...attackRows('release', after)] },
      { kind: 'bars', title: 'Share of patients re-identified by linkage with the register', format: (v) => pct(v), data: [{ label: 'export as sent', value: rb.share, highlight: true }, { label: 'anonymized release', value: ra.share }] },
    ],
  },
  {
    title: '6. What utility survives',
    intro: 'A reference study — prevalence of type 2 diabetes (ICD-10 E11) by decade of birth and sex — and marginal distributions, on the originals and on the release.',
    blocks: [
      { kind: 'grouped-bars', title: 'Diabetes prevalence by decade of birth, women', categories: decades, series: [{ name: 'original', values: decades.map((d) => prevalence(studyBefore, d, 'F')) }, { name: 'release', values: decades.map((d) => prevalence(studyAfter, d, 'F')) }], format: (v) => pct(v) },
      { kind: 'grouped-bars', title: 'Diabetes prevalence by decade of birth, men', categories: decades, series: [{ name: 'original', values: decades.map((d) => prevalence(studyBefore, d, 'M')) }, { name: 'release', values: decades.map((d) => prevalence(studyAfter, d, 'M')) }], format: (v) => pct(v) },
      { kind: 'table', title: 'Marginal distributions: total variation distance (0 = identical)', columns: ['column', 'total variation'], rows: marginals.map((m) => [m.column, m.tv]) },
      { kind: 'text', text: `Largest difference in diabetes prevalence between original and release, over the decade × sex cells of at least ${MIN_CELL} patients: ${(100 * maxDiff).toFixed(2)} percentage points.` },
      { kind: 'table', title: 'Diabetes prevalence by decade of birth and sex', columns: ['decade', 'sex', 'patients (original)', 'prevalence (original)', 'patients (release)', 'prevalence (release)'], rows: studyBefore.map((c) => { const r = studyAfter.find((x) => x.decade === c.decade && x.sex === c.sex); return [c.decade, c.sex, c.patients, c.prevalence, r?.patients ?? 0, r?.prevalence ?? null]; }) },
    ] as Block[],
  },
];
await writeFileAtomic(join(outDir, 'report.html'), renderHtmlReport({
  title: 'anonymat — from a pseudonymous export to an anonymous release',
  subtitle: `Synthetic observatory, ${patients.toLocaleString('en-US')} patients · policy examples/policies/observatory.yaml`,
  meta: { seed: String(seed), generated: new Date().toISOString().slice(0, 19) + 'Z', tool: 'anonymat 0.1.0' },
  sections,
}));
await writeFileAtomic(join(outDir, 'demo.json'), JSON.stringify({
  patients, seed, before, anonymization: { transformation: anon.transformation, loss: anon.loss, suppressed: anon.suppressed, classes: anon.classes, optimal: anon.optimal, checked: anon.checked, latticeSize: anon.latticeSize },
  after: anon.after, reidentifiedBefore: rb, reidentifiedAfter: ra, verdictAfter: after.verdict, attacksAfter: { singlingOut: after.attacks.singlingOut, linkability: after.attacks.linkability, inference: after.attacks.inference },
  utility: { marginals, diabetesMaxDifference: maxDiff, studyBefore, studyAfter },
}, null, 2) + '\n');

const out = process.stdout;
out.write('\n' + pc.bold('1. The export as the vendor sent it') + '\n' + summaryLines(before).map((l) => '  ' + l).join('\n') + '\n');
out.write('\n' + pc.bold('2–5. Attacks before and after anonymization') + '\n' + proof.summaryLines.map((l) => '  ' + l).join('\n') + '\n');
out.write('\n' + pc.bold('3. Anonymization') + `\n  transformation ${JSON.stringify(anon.transformation)} · loss ${(anon.loss ?? 0).toFixed(4)} · ${anon.suppressed} records suppressed · ${anon.optimal ? 'proven optimal' : 'not proven optimal'} (${anon.checked} of ${anon.latticeSize} transformations checked)\n`);
out.write('\n' + pc.bold('6. Utility') + `\n  diabetes prevalence by decade of birth and sex: largest difference ${(100 * maxDiff).toFixed(2)} points (cells ≥ ${MIN_CELL} patients) · marginals (total variation): ${marginals.map((m) => `${m.column} ${m.tv.toFixed(3)}`).join(', ')}\n`);
out.write(`\n${pc.red(`export as sent: NOT anonymous — ${pct(rb.share)} of patients re-identified`)}\n`);
out.write(`${after.verdict.anonymous ? pc.green(`release: ANONYMOUS — ${pct(ra.share)} re-identified, every attack under ${pct(after.verdict.limit)}`) : pc.red('release: still pseudonymous (see the reasons above)')}\n`);
out.write(`report: ${join(outDir, 'report.html')} · JSON: ${join(outDir, 'demo.json')} · ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
