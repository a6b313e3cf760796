/**
 * The assess pipeline: read the input as the policy declares, measure, report.
 */
import { readTable, type ReadOptions } from '../io/read.ts';
import { writeFileAtomic } from '../io/write.ts';
import { readOptionsOf, type Policy } from '../policy/policy.ts';
import type { Table } from '../table/table.ts';
import { assessTable } from '../risk/index.ts';
import { AnonymatError } from '../errors.ts';
import { renderHtmlReport } from './report.ts';
import { assessmentSections, type AssessmentView } from './assess-report.ts';
import { sensitiveHierarchiesOf, sensitiveLevels } from './anonymize.ts';
import { readPopulationTable } from './population.ts';

export { readPopulationTable };

/** Columns the assessment needs: every column the policy names (others are not read). */
export function policyColumns(policy: Policy): string[] {
  return Object.keys(policy.columns);
}

export async function assessFile(
  input: string, policy: Policy, overrides: ReadOptions = {}, htmlPath?: string,
  options: { onProgress?: (done: number, total: number) => void; withOriginal?: boolean } = {},
): Promise<{ table: Table; assessment: AssessmentView; warnings: string[] }> {
  const clean = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as ReadOptions;
  // (without a quasi-identifier every record is in one class: k = the row count measures nothing, as anonymize says)
  if (!Object.values(policy.columns).some((c) => c.role === 'quasi')) {
    throw new AnonymatError('invalid-policy', 'assess needs at least one quasi-identifier (a column with role: quasi): without one, every record is in one class and no risk is measured', [{ path: 'columns', message: 'give the quasi-identifiers role quasi' }]);
  }
  // (a release comes without the identifiers and the person key the policy names: they are not needed to measure it)
  const droppable = Object.keys(policy.columns).filter((c) => policy.columns[c]!.role === 'identifier' || policy.columns[c]!.role === 'person-key');
  const warnings: string[] = [];
  let header: readonly string[] = [];
  const table = await readTable(input, {
    ...readOptionsOf(policy, clean), columns: policyColumns(policy), optionalColumns: droppable, typesIfPresent: true,
    onHeader: (names) => { header = names; },
    onGeneralizedLabels: (c) => warnings.push(`column "${c}" holds generalized labels ("*", intervals): read as text, as a release is`),
  });
  if (table.rowCount === 0) throw new AnonymatError('invalid-input', `${input === '-' ? 'stdin' : input}: no data rows (only a header): nothing to assess`);
  const absent = droppable.filter((c) => !table.columns.some((x) => x.name === c));
  // (a release may lack its identifiers and its person key; an input holding the column under another spelling —
  // "patient_ID" for "patient_id" — is a typo, whose risk would be counted by records instead of persons: an error)
  const squash = (n: string) => n.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const misspelt = absent.flatMap((c) => {
    const near = header.find((x) => squash(x) === squash(c));
    return near !== undefined ? [{ path: `columns.${c}`, message: `not in the input, which has a column ${JSON.stringify(near)}: fix the name in the policy or the file header` }] : [];
  });
  if (misspelt.length) throw new AnonymatError('invalid-policy', `${misspelt.length} column(s) of the policy are in the input under another spelling`, misspelt);
  if (absent.length > 0) {
    const key = absent.find((c) => policy.columns[c]!.role === 'person-key');
    if (key !== undefined) warnings.push(`the policy's person key "${key}" is not in the input: the risk is counted by records, and a person with several records may stand alone in a class of several records ${options.withOriginal ? '(the verdict against --original attacks it person by person)' : '(assess the release with --original to attack it person by person)'}`);
    policy = { ...policy, columns: Object.fromEntries(Object.entries(policy.columns).filter(([c]) => !absent.includes(c))) };
  }
  const populationTable = await readPopulationTable(policy, table);
  const tLevels = sensitiveLevels(table, await sensitiveHierarchiesOf(table, policy));
  const assessment = assessTable(table, policy, { populationTable, tLevels, onProgress: options.onProgress }) as unknown as AssessmentView;
  if (htmlPath) await writeAssessmentReport(htmlPath, input, policy, assessment);
  return { table, assessment, warnings };
}

/** The HTML report of an assessment, with the anonymity verdict when one was run (its label and reasons lead). */
export async function writeAssessmentReport(htmlPath: string, input: string, policy: Policy, assessment: AssessmentView, proof?: { verdict: { anonymous: boolean; label: string; reasons: string[] }; warnings: string[] }): Promise<void> {
  const sections = assessmentSections({ ...assessment, policyK: policy.thresholds.k } as AssessmentView);
  if (proof) {
    sections.unshift({ title: 'Anonymity verdict (attacks against the originals)', blocks: [
      { kind: 'verdict', ok: proof.verdict.anonymous, title: proof.verdict.anonymous ? 'Anonymous: every attack and criterion is under its limit' : `${proof.verdict.label[0]!.toUpperCase()}${proof.verdict.label.slice(1)}`, reasons: [...proof.verdict.reasons, ...proof.warnings.map((w) => `warning: ${w}`)] },
    ] });
  }
  await writeFileAtomic(htmlPath, renderHtmlReport({
    title: 'anonymat — risk assessment',
    subtitle: `${input === '-' ? 'standard input' : input} · policy ${policy.source}`,
    meta: { generated: new Date().toISOString().slice(0, 19) + 'Z', tool: 'anonymat 0.1.0' },
    sections,
  }));
}

