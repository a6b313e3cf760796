import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromRecords } from '../table/table.ts';
import { assessTable as assessRisk, type AssessPolicy } from '../risk/assess.ts';
import { assessmentSections, summaryLines, type AssessmentView } from './assess-report.ts';

const data = tableFromRecords({ age: ['30', '30', '40', '40'], sex: ['F', 'F', 'M', 'M'] });
// (as release/assess.ts passes it: the assessment's JSON is the view's contract)
const assessTable = (t: typeof data, p: AssessPolicy) => assessRisk(t, p) as unknown as AssessmentView;
const columns = { age: { role: 'quasi' as const }, sex: { role: 'quasi' as const } };

test('terminal summary: a threshold the assessment did not evaluate is named, never read as met (as the HTML report says it)', () => {
  const a = assessTable(data, { columns, thresholds: { k: 2, maxAttackRisk: 0.05 } });
  assert.equal(a.verdict.passes, true);
  assert.deepEqual(a.verdict.notEvaluated, ['maxAttackRisk']);
  const lines = summaryLines(a);
  assert.ok(!lines.some((l) => /the policy thresholds are met/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /verdict: the thresholds measured here are met/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /not evaluated by the assessment: maxAttackRisk/.test(l)), lines.join('\n'));
  // (the report's verdict block says the same)
  const block = assessmentSections(a)[0]!.blocks[0] as { title: string };
  assert.equal(block.title, 'The thresholds measured here are met');
  // (every threshold evaluated: met)
  assert.ok(summaryLines(assessTable(data, { columns, thresholds: { k: 2 } })).includes('verdict: the policy thresholds are met'));
});

test('terminal summary: a failed verdict lists the thresholds not evaluated too', () => {
  const a = assessTable(data, { columns, thresholds: { k: 3, maxAttackRisk: 0.05 } });
  assert.equal(a.verdict.passes, false);
  const lines = summaryLines(a);
  assert.ok(lines.some((l) => /not evaluated by the assessment: maxAttackRisk/.test(l)), lines.join('\n'));
});
