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

test('a misspelled threshold is refused (exit 2), naming the key and the nearest valid name: "K" read as no k let k = 1 data pass', () => {
  const e = (() => {
    try { parsePolicyText('columns:\n  age: { role: quasi }\nthresholds: { K: 5, maxProsecutorrisk: 0.05, maxAverage: 0.1 }\n', { baseDir: '/x', source: 'p.yaml' }); }
    catch (x) { return x; }
    return assert.fail('a threshold typo was accepted');
  })();
  assert.ok(e instanceof AnonymatError, String(e));
  assert.equal(e.exitCode, 2);
  const issue = e.issues.find((i) => i.path === 'thresholds');
  assert.ok(issue, JSON.stringify(e.issues));
  assert.match(issue.message, /"K" \(did you mean "k"\?\)/);
  assert.match(issue.message, /"maxProsecutorrisk" \(did you mean "maxProsecutorRisk"\?\)/);
  assert.match(issue.message, /"maxAverage" \(did you mean "maxAverageRisk"\?\)/);
  // (the other strict sections name the nearest key too)
  assert.throws(() => parsePolicyText('columns:\n  age: { role: quasi }\ntresholds: { k: 5 }\n', { baseDir: '/x', source: 'p.yaml' }),
    (x: unknown) => x instanceof AnonymatError && x.issues.some((i) => /"tresholds" \(did you mean "thresholds"\?\)/.test(i.message)));
});

test('kMap without population.table is refused (exit 2), as δ-presence is: a sampling fraction gives no population records to match', () => {
  const base = 'columns:\n  age: { role: quasi }\nthresholds: { kMap: 5 }\n';
  for (const population of ['population: { samplingFraction: 0.1 }\n', 'population: { size: 1000 }\n', '']) {
    assert.throws(() => parsePolicyText(base + population, { baseDir: '/x', source: 'p.yaml' }),
      (e: unknown) => e instanceof AnonymatError && e.exitCode === 2 && e.issues.some((i) => i.path === 'thresholds.kMap' && /k-map needs population\.table/.test(i.message)), population);
  }
  assert.equal(parsePolicyText(base + 'population: { table: pop.csv }\n', { baseDir: '/x', source: 'p.yaml' }).thresholds.kMap, 5);
});
