import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decadeOf, diabetesStudy, totalVariation, marginal } from './utility.ts';
import { tableFromRecords } from '../../src/table/table.ts';

test('decadeOf reads exact and generalized date labels', () => {
  assert.equal(decadeOf('1987-11-03'), '1980s');
  assert.equal(decadeOf('1987-11'), '1980s');
  assert.equal(decadeOf('1987-Q4'), '1980s');
  assert.equal(decadeOf('1987'), '1980s');
  assert.equal(decadeOf('[1985-1990['), '1980s');
  assert.equal(decadeOf('[1980-1990['), '1980s');
  assert.equal(decadeOf('[1980-2000['), null);
  assert.equal(decadeOf('*'), null);
});

test('diabetes prevalence by decade and sex, hand-computed', () => {
  const t = tableFromRecords({
    birth_date: ['1951-02-03', '1955-06-01', '[1950-1960[', '1962', '*'],
    sex: ['F', 'F', 'F', 'M', 'M'],
    diagnoses: ['E11|I10', '', 'I10', 'E11', 'E11'],
  });
  const s = diabetesStudy(t);
  assert.deepEqual(s.map((c) => [c.decade, c.sex, c.patients, c.diabetic]), [['1950s', 'F', 3, 1], ['1960s', 'M', 1, 1], ['unknown', 'M', 1, 1]]);
  assert.equal(totalVariation(marginal(t, 'sex'), marginal(t, 'sex')), 0);
});
