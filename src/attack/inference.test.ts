import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnFromValues, makeTable } from '../table/table.ts';
import { inference, inferenceMany } from './inference.ts';
import { anonymeterDir, randomRecords, readCsvTable } from './test-util.ts';

test('Anonymeter test_inference_evaluator_rates: syn = ori = control (10 adults) → attack and control rates 1', (t) => {
  const ori = readCsvTable(new URL('adults_ori.csv', anonymeterDir), 10);
  if (!ori) { t.skip('../shared/data/anonymeter absent'); return; }
  for (const aux of [['type_employer', 'capital_loss', 'hr_per_week', 'age'], ['education_num', 'marital', 'capital_loss']]) {
    for (const secret of ['education', 'marital', 'capital_gain']) {
      if (aux.includes(secret)) continue;
      const r = inference({ original: ori, release: ori, control: ori, auxColumns: aux, secret, attacks: 10, seed: 1 });
      assert.equal(r.attacks, 10);
      assert.equal(r.attackRate, 1, `${aux} → ${secret}`);
      assert.equal(r.controlRate, 1);
      assert.equal(r.risk, 0);
    }
  }
});

test('known answers: identical release → high risk; independent rows → near 0, covering 0; several secrets share the neighbours', () => {
  const ori = randomRecords(3000, 41), control = randomRecords(3000, 42), other = randomRecords(3000, 43);
  const aux = ['age (years)', 'zip [code]', 'sex', 'birth date'];
  const same = inference({ original: ori, release: ori, control, auxColumns: aux, secret: 'income', attacks: 500, seed: 1 });
  assert.ok(same.attackRate > 0.99);
  assert.ok(same.risk > 0.9, `risk ${same.risk}`);
  const indep = inference({ original: ori, release: other, control, auxColumns: aux, secret: 'income', attacks: 500, seed: 1 });
  assert.equal(indep.ci[0], 0);
  assert.ok(indep.risk < 0.1, `risk ${indep.risk}`);
  const many = inferenceMany({ original: ori, release: ori, control, auxColumns: ['zip [code]', 'sex', 'birth date'], secrets: ['income', 'age (years)'], attacks: 300, seed: 2 });
  const one = inference({ original: ori, release: ori, control, auxColumns: ['zip [code]', 'sex', 'birth date'], secret: 'age (years)', attacks: 300, seed: 2 });
  assert.deepEqual(many[1], one);
});

test('regression tolerance is relative to the secret (Anonymeter: relative to the guess; negative guesses always "succeeded")', () => {
  const ori = makeTable([columnFromValues('k', ['a', 'b'], 'string'), columnFromValues('x', [100, 10], 'integer')]);
  const rel = makeTable([columnFromValues('k', ['a', 'b'], 'string'), columnFromValues('x', [104, -10], 'integer')]);
  const r = inference({ original: ori, release: rel, auxColumns: ['k'], secret: 'x', attacks: 2, seed: 1 });
  assert.equal(r.regression, true);
  assert.equal(r.successes, 1); // 104 within 5 % of 100; −10 is not within 5 % of 10
});

test('generalized secrets: a released interval succeeds only when it pins the secret within the tolerance; categories when they contain it', () => {
  const ori = makeTable([columnFromValues('k', ['a', 'b', 'c'], 'string'), columnFromValues('age', [34, 34, 34], 'integer'), columnFromValues('dx', ['E11.9', 'I10', 'E11.2'], 'string')]);
  const rel = makeTable([columnFromValues('k', ['a', 'b', 'c'], 'string'), columnFromValues('age', ['[33-35]', '[30-40[', '*'], 'string'), columnFromValues('dx', ['E11', '{I10,I11}', '*'], 'string')]);
  const age = inference({ original: ori, release: rel, auxColumns: ['k'], secret: 'age', attacks: 3, seed: 1 });
  assert.equal(age.successes, 1); // [33-35] is within 5 % of 34 (±1.7); [30-40[ is not; * never
  const dx = inference({ original: ori, release: rel, auxColumns: ['k'], secret: 'dx', attacks: 3, seed: 1 });
  assert.equal(dx.successes, 2); // E11 covers E11.9, {I10,I11} contains I10, * infers nothing
});

test('date secrets are scored by equality or a containing released interval, not by a tolerance counted from 1970', () => {
  const ori = makeTable([columnFromValues('k', ['a', 'b', 'c', 'd'], 'string'), columnFromValues('dob', ['2024-06-15', '2020-01-01', '1969-12-30', '1985-03-02'], 'date')]);
  // 653 days off; a year off; a day off (before 1970); the same date
  const rel = makeTable([columnFromValues('k', ['a', 'b', 'c', 'd'], 'string'), columnFromValues('dob', ['2022-09-01', '2021-01-01', '1969-12-31', '1985-03-02'], 'date')]);
  const r = inference({ original: ori, release: rel, auxColumns: ['k'], secret: 'dob', attacks: 4, seed: 1 });
  assert.equal(r.regression, false);
  assert.equal(r.successes, 1); // only the exact date
  // a released year (an interval of dates) that contains the secret counts, as a generalized category does
  const years = makeTable([columnFromValues('k', ['a', 'b', 'c', 'd'], 'string'), columnFromValues('dob', ['2024', '2021', '1969', '1984'], 'string')]);
  const y = inference({ original: ori, release: years, auxColumns: ['k'], secret: 'dob', attacks: 4, seed: 1 });
  assert.equal(y.successes, 2); // 2024 ∋ 2024-06-15, 1969 ∋ 1969-12-30; 2021 and 1984 do not contain theirs
  assert.throws(() => inference({ original: ori, release: rel, auxColumns: ['k'], secret: 'dob', attacks: 4, seed: 1, regression: true }), /dates/);
});
