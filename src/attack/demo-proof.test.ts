import { test } from 'node:test';
import assert from 'node:assert/strict';
import { column, columnFromValues, makeTable, selectRows } from '../table/table.ts';
import { parsePolicy } from '../policy/policy.ts';
import { generateObservatory } from '../../examples/observatory/generate.ts';
import { demoProof } from '../../examples/observatory/prove.ts';

test('demoProof (examples/observatory/prove.ts): the export is re-identified, a coarse release much less, with the truth rebuilt from releaseRows', async () => {
  const obs = generateObservatory({ patients: 3000, seed: 5 });
  const all = makeTable([column(obs.persons, 'person_id'), ...obs.export.columns]);
  const idx = Array.from({ length: 3000 }, (_, i) => i);
  const original = selectRows(all, idx.slice(0, 2400)), control = selectRows(all, idx.slice(2400));
  // a crude release: no identifiers, decades of birth, département instead of postal code, no practice
  const release = makeTable(['birth_date', 'sex', 'postal_code', 'main_diagnosis'].map((n) => {
    const c = column(original, n);
    const v = Array.from(c.codes, (k) => c.dictionary[k]!);
    if (n === 'birth_date') return columnFromValues(n, v.map((d) => { const y = Math.floor(Number(d.slice(0, 4)) / 10) * 10; return `[${y}-${y + 10}[`; }), 'string');
    if (n === 'postal_code') return columnFromValues(n, v.map((z) => z.slice(0, 2) + '***'), 'string');
    return columnFromValues(n, v, 'string');
  }));
  const policy = parsePolicy({
    columns: {
      patient_id: { role: 'person-key' }, birth_date: { role: 'quasi', type: 'date' }, sex: { role: 'quasi' },
      postal_code: { role: 'quasi', type: 'string' }, main_diagnosis: { role: 'sensitive' },
    },
    thresholds: { k: 5 },
  }, { baseDir: '.', source: 'test' });
  const r = await demoProof({ original, release, control, register: obs.register, policy, seed: 1, releaseRows: idx.slice(0, 2400), attacks: 500, attacksBefore: 300 });
  assert.equal(r.report.before.verdict.anonymous, false);
  assert.ok(r.report.reidentifiedBefore.correctnessKnown);
  assert.ok(r.report.reidentifiedBefore.share > 0.8, `before ${r.report.reidentifiedBefore.share}`);
  assert.ok(r.report.reidentifiedAfter.correctnessKnown);
  assert.ok(r.report.reidentifiedAfter.share < 0.1, `after ${r.report.reidentifiedAfter.share}`);
  assert.ok(r.summaryLines[0]!.startsWith('Before anonymization'));
  assert.ok(r.summaryLines.some((l) => l.includes('persistent patient identifier')));
});
