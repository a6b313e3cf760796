import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicyText, quasiIdentifiers, personKey, readOptionsOf } from './policy.ts';
import { AnonymatError } from '../errors.ts';

const ok = `
columns:
  name:       { role: identifier }
  patient_id: { role: person-key }
  birth_year: { role: quasi, type: integer }
  sex:        { role: quasi }
  zip:        { role: quasi, type: string }
  diagnosis:  { role: sensitive }
  weight:     { role: insensitive, type: decimal }
  w:          { role: weight }
thresholds: { k: 5, l: 2, t: 0.2, maxProsecutorRisk: 0.2, maxAverageRisk: 0.05 }
population: { samplingFraction: 0.1 }
input: { delimiter: ";", encoding: utf-8 }
`;

test('the issue example policy parses', () => {
  const p = parsePolicyText(ok, { baseDir: '/x', source: 'p.yaml' });
  assert.deepEqual(quasiIdentifiers(p), ['birth_year', 'sex', 'zip']);
  assert.equal(personKey(p), 'patient_id');
  assert.equal(p.thresholds.k, 5);
  const ro = readOptionsOf(p);
  assert.equal(ro.delimiter, ';');
  assert.deepEqual(ro.types, { birth_year: 'integer', zip: 'string', weight: 'decimal' });
});

test('every problem is reported at once, with its path', () => {
  const bad = `
columns:
  age: { role: quasy }
  sex: { role: quasi, type: text }
  a: { role: person-key }
  b: { role: person-key }
thresholds: { k: 0, maxProsecutorRisk: 2 }
tresholds: {}
`;
  try {
    parsePolicyText(bad, { baseDir: '/x', source: 'bad.yaml' });
    assert.fail('should fail');
  } catch (e) {
    assert.ok(e instanceof AnonymatError);
    assert.equal(e.exitCode, 2);
    const paths = e.issues.map((i) => i.path);
    for (const p of ['columns.age.role', 'columns.sex.type', 'thresholds.k', 'thresholds.maxProsecutorRisk', '(policy)']) {
      assert.ok(paths.includes(p), `missing ${p} in ${paths.join(', ')}`);
    }
  }
});

test('YAML syntax errors give line and column', () => {
  try {
    parsePolicyText('columns:\n  a: { role: quasi\n', { baseDir: '/x', source: 'p.yaml' });
    assert.fail('should fail');
  } catch (e) {
    assert.ok(e instanceof AnonymatError);
    assert.match(e.issues[0]!.path, /^p\.yaml:\d+:\d+$/);
  }
});

test('cross-field rules: l needs a sensitive column', () => {
  assert.throws(() => parsePolicyText('columns: { a: { role: quasi } }\nthresholds: { l: 2 }', { baseDir: '/', source: 'p' }), /problem/);
});

test('hierarchy builder specs are validated with the policy, errors at their path', () => {
  const p = parsePolicyText('columns:\n  zip: { role: quasi, hierarchy: { mask: { levels: 5 } } }\n  age: { role: quasi, hierarchy: ages.csv }\n', { baseDir: '/x', source: 'p' });
  assert.deepEqual(p.columns.zip!.hierarchy, { mask: { levels: 5 } });
  try {
    parsePolicyText('columns:\n  zip: { role: quasi, hierarchy: { mask: { levels: -1 } } }\n', { baseDir: '/x', source: 'p' });
    assert.fail('should fail');
  } catch (e) {
    assert.ok(e instanceof AnonymatError);
    assert.ok(e.issues.some((i) => i.path.startsWith('columns.zip.hierarchy')), JSON.stringify(e.issues));
  }
});

test('risk.suda2MaxSize: 0 skips SUDA2 (as the docs say), 9 is refused at its path', () => {
  const base = 'columns:\n  age: { role: quasi }\nrisk:\n  suda2MaxSize: ';
  assert.equal(parsePolicyText(base + '0\n', { baseDir: '/x', source: 'p.yaml' }).risk?.suda2MaxSize, 0);
  assert.throws(() => parsePolicyText(base + '9\n', { baseDir: '/x', source: 'p.yaml' }), (e: unknown) => e instanceof AnonymatError && JSON.stringify(e).includes('suda2MaxSize'));
});
