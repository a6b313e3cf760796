import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileTable, proposePolicyYaml } from './init.ts';
import { parsePolicyText } from './policy.ts';
import { tableFromRecords } from '../table/table.ts';

test('init profiles columns and proposes roles with reasons; the proposal is a valid policy', () => {
  const n = 200;
  const t = tableFromRecords({
    patient_id: Array.from({ length: n }, (_, i) => `P${i}`),
    email: Array.from({ length: n }, (_, i) => `user${i}@example.org`),
    birth_year: Array.from({ length: n }, (_, i) => 1940 + (i % 60)),
    code_postal: Array.from({ length: n }, (_, i) => ['75011', '13001', '01000'][i % 3]!),
    diagnosis: Array.from({ length: n }, (_, i) => ['E11', 'I10', null][i % 3]!),
    glucose: Array.from({ length: n }, (_, i) => 4 + i / 100),
  }, { code_postal: 'string' });
  const detect = (name: string, sample: string[]) => (sample.every((v) => v.includes('@')) ? { kind: 'email' } : null);
  const p = profileTable(t, detect);
  const byName = Object.fromEntries(p.map((x) => [x.name, x]));
  assert.equal(byName.patient_id!.role, 'person-key');
  assert.equal(byName.email!.role, 'identifier');
  assert.equal(byName.birth_year!.role, 'quasi');
  assert.equal(byName.code_postal!.role, 'quasi');
  assert.ok(byName.code_postal!.looksLike.includes('postal-code'));
  assert.equal(byName.diagnosis!.role, 'sensitive');
  assert.equal(byName.diagnosis!.missingShare.toFixed(3), (66 / 200).toFixed(3));
  assert.equal(byName.glucose!.role, 'insensitive');
  assert.equal(byName.patient_id!.uniqueShare, 1);
  const yaml = proposePolicyYaml(p, { input: 'x.csv' });
  assert.match(yaml, /# header names a patient\/person identifier/);
  const policy = parsePolicyText(yaml, { baseDir: '/', source: 'proposed' });
  assert.equal(policy.columns.email!.role, 'identifier');
});
