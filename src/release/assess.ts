/**
 * The assess pipeline: read the input as the policy declares, measure, report.
 */
import { readTable, type ReadOptions } from '../io/read.ts';
import { writeFileAtomic } from '../io/write.ts';
import { readOptionsOf, resolvePolicyPath, quasiIdentifiers, type Policy } from '../policy/policy.ts';
import type { Table } from '../table/table.ts';
import { assessTable } from '../risk/index.ts';
import { renderHtmlReport } from './report.ts';
import { assessmentSections, type AssessmentView } from './assess-report.ts';

/** Columns the assessment needs: every column the policy names (others are not read). */
export function policyColumns(policy: Policy): string[] {
  return Object.keys(policy.columns);
}

export async function assessFile(
  input: string, policy: Policy, overrides: ReadOptions = {}, htmlPath?: string,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<{ table: Table; assessment: AssessmentView }> {
  const clean = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as ReadOptions;
  const table = await readTable(input, { ...readOptionsOf(policy, clean), columns: policyColumns(policy) });
  const populationTable = await readPopulationTable(policy);
  const assessment = assessTable(table, policy, { populationTable, onProgress: options.onProgress }) as unknown as AssessmentView;
  if (htmlPath) {
    await writeFileAtomic(htmlPath, renderHtmlReport({
      title: 'anonymat — risk assessment',
      subtitle: `${input === '-' ? 'standard input' : input} · policy ${policy.source}`,
      meta: { generated: new Date().toISOString().slice(0, 19) + 'Z', tool: 'anonymat 0.1.0' },
      sections: assessmentSections({ ...assessment, policyK: policy.thresholds.k } as AssessmentView),
    }));
  }
  return { table, assessment };
}

/** Reads `population.table` (path relative to the policy) with the policy's quasi-identifier types. */
export async function readPopulationTable(policy: Policy): Promise<Table | undefined> {
  const p = policy.population?.table;
  if (!p) return undefined;
  const qis = quasiIdentifiers(policy);
  const ro = readOptionsOf(policy);
  const types = Object.fromEntries(Object.entries(ro.types ?? {}).filter(([n]) => qis.includes(n)));
  return readTable(resolvePolicyPath(policy, p), { ...ro, types, columns: qis });
}
