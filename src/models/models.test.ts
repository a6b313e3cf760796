import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deltaPresence, distinctLDiversity, entropyLDiversity, kAnonymity, kMap, maxAverageRisk, maxProsecutorRisk, recursiveCLDiversity, tCloseness } from './models.ts';
import type { ClassView } from './models.ts';
import { parseArxHierarchy, compileHierarchy } from '../hierarchy/hierarchy.ts';
import { columnFromValues } from '../table/table.ts';

/** A class view over one sensitive column from a list of codes. */
function cls(codes: number[], popSize = 0): ClassView {
  const counts = new Map<number, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const keys = [...counts.keys()];
  return { size: codes.length, popSize, sensitive: [{ distinct: keys.length, codes: Int32Array.from(keys), counts: Int32Array.from(keys, (k) => counts.get(k)!) }] };
}

test('k-anonymity, highest and average risk', () => {
  assert.equal(kAnonymity(3).holds(cls([0, 0, 1])), true);
  assert.equal(kAnonymity(3).holds(cls([0, 0])), false);
  assert.equal(maxProsecutorRisk(0.2).holds(cls([0, 0, 0, 0, 0])), true);
  assert.equal(maxProsecutorRisk(0.2).holds(cls([0, 0, 0, 0])), false);
  assert.equal(maxAverageRisk(0.1).holds({ rows: 100, classes: 10 }), true);
  assert.equal(maxAverageRisk(0.1).holds({ rows: 100, classes: 11 }), false);
});

test('l-diversity: distinct, entropy (hand-computed), recursive (c,l)', () => {
  // counts 2,1,1: entropy = −(½ln½ + 2·¼ln¼) = 1.0397 nats; ln 3 = 1.0986, ln 2 = 0.6931
  const c = cls([0, 0, 1, 2]);
  assert.equal(distinctLDiversity(3, 0).holds(c), true);
  assert.equal(distinctLDiversity(4, 0).holds(c), false);
  assert.equal(entropyLDiversity(2, 0).holds(c), true);
  assert.equal(entropyLDiversity(3, 0).holds(c), false);
  assert.equal(entropyLDiversity(3, 0).holds(cls([0, 1, 2])), true); // uniform over 3: exactly ln 3
  // recursive (c,l): counts sorted 5,3,2: l=2 → 5 < c·(3+2)
  const r = cls([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
  assert.equal(recursiveCLDiversity(1.1, 2, 0).holds(r), true);   // 5 < 5.5
  assert.equal(recursiveCLDiversity(1, 2, 0).holds(r), false);    // 5 < 5 fails
  assert.equal(recursiveCLDiversity(3, 3, 0).holds(r), true);     // 5 < 3·2
  assert.equal(recursiveCLDiversity(2, 3, 0).holds(r), false);    // 5 < 4 fails
});

test('t-closeness: ordered and equal distance (Li et al. 2007 salary example)', () => {
  // salaries 3k..11k, one record each; class {3k,4k,5k}: ordered EMD 0.375, equal 2/3; {6k,8k,11k}: ordered 1/6
  const global = new Array(9).fill(1);
  const p1 = cls([0, 1, 2]);
  const p2 = cls([3, 5, 8]);
  assert.equal(tCloseness(0.375, 0, global, { kind: 'ordered' }).holds(p1), true);
  assert.equal(tCloseness(0.374, 0, global, { kind: 'ordered' }).holds(p1), false);
  assert.equal(tCloseness(1 / 6, 0, global, { kind: 'ordered' }).holds(p2), true);
  assert.equal(tCloseness(1 / 6 - 1e-3, 0, global, { kind: 'ordered' }).holds(p2), false);
  assert.equal(tCloseness(2 / 3, 0, global, { kind: 'equal' }).holds(p1), true);
  assert.equal(tCloseness(2 / 3 - 1e-3, 0, global, { kind: 'equal' }).holds(p1), false);
});

test('t-closeness: hierarchical distance (ARX test2 disease hierarchy, hand-computed)', () => {
  const h = parseArxHierarchy([
    'gastric ulcer;stomach disease;digestive system disease;respiratory&digestive disease',
    'gastritis;stomach disease;digestive system disease;respiratory&digestive disease',
    'flu;respiratory infection;vascular lung disease;respiratory&digestive disease',
    'bronchitis;respiratory infection;vascular lung disease;respiratory&digestive disease',
    'pneumonia;respiratory infection;vascular lung disease;respiratory&digestive disease',
    'stomach cancer;stomach disease;digestive system disease;respiratory&digestive disease',
  ].join('\n'), 'disease');
  const data = ['gastric ulcer', 'gastritis', 'stomach cancer', 'gastritis', 'flu', 'bronchitis', 'bronchitis', 'pneumonia', 'stomach cancer'];
  const col = columnFromValues('disease', data);
  const ch = compileHierarchy(h, col);
  const global = new Array(col.dictionary.length).fill(0);
  for (const c of col.codes) global[c]++;
  const code = (v: string) => col.dictionary.indexOf(v);
  // {gastric ulcer, gastritis, stomach cancer}: all the mass moves across the root: 4/9
  const p1 = cls(['gastric ulcer', 'gastritis', 'stomach cancer'].map(code));
  // {gastritis, flu, bronchitis}: 2·(1/3)(1/9) inside the two subtrees + 2/9 across the root = 8/27
  const p2 = cls(['gastritis', 'flu', 'bronchitis'].map(code));
  const ground = { kind: 'hierarchical' as const, hierarchy: ch, groundOfCode: ch.groundOfCode };
  assert.equal(tCloseness(4 / 9 + 1e-9, 0, global, ground).holds(p1), true);
  assert.equal(tCloseness(4 / 9 - 1e-3, 0, global, ground).holds(p1), false);
  assert.equal(tCloseness(8 / 27 + 1e-9, 0, global, ground).holds(p2), true);
  assert.equal(tCloseness(8 / 27 - 1e-3, 0, global, ground).holds(p2), false);
});

test('δ-presence and k-map read the population count', () => {
  assert.equal(deltaPresence(0.2, 0.5).holds(cls([0, 0], 5)), true);   // 0.4
  assert.equal(deltaPresence(0.2, 0.5).holds(cls([0, 0, 0], 5)), false); // 0.6
  assert.equal(deltaPresence(0.5, 1).holds(cls([0], 5)), false);       // 0.2
  assert.equal(kMap(5).holds(cls([0], 5)), true);
  assert.equal(kMap(6).holds(cls([0], 5)), false);
});
