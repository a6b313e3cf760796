import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { journalistRisk, journalistRiskFromRecordRisks, marketerRisk, prosecutorRisk } from './attacker.ts';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

test('prosecutor by hand: sizes 1, 2, 3, 4 (n = 10)', () => {
  const p = prosecutorRisk([1, 2, 3, 4], 0.3);
  close(p.highest, 1);
  close(p.average, 4 / 10); // u / n
  close(p.lowest, 1 / 4);
  assert.equal(p.recordsAboveThreshold, 1 + 2 + 3); // 1, 1/2 and 1/3 are above 0.3
  close(p.recordsAboveThresholdShare!, 0.6);
  assert.equal(prosecutorRisk([1, 2], null).recordsAboveThreshold, null);
});

test('journalist by hand: f = (1, 2), F = (10, 4)', () => {
  const j = journalistRisk([1, 2], [10, 4], 0.2);
  close(j.highest, 1 / 4);
  // R_C = max(u/ΣF, (1/n) Σ f/F) = max(2/14, (0.1 + 0.5)/3)
  close(j.average, Math.max(2 / 14, 0.6 / 3));
  assert.equal(j.recordsAboveThreshold, 2); // 1/4 > 0.2, 1/10 is not
  close(marketerRisk([1, 2], [10, 4]), 0.6 / 3);
});

test('journalist: a population smaller than the sample is raised to the sample and counted', () => {
  const j = journalistRisk([3], [2]);
  assert.equal(j.inconsistentClasses, 1);
  close(j.highest, 1 / 3);
});

test('property: marketer ≤ journalist ≤ prosecutor (average) when F ≥ f', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 50 }), (cls) => {
    const f = cls.map((c) => c[0]);
    const F = cls.map((c) => c[0] + c[1]);
    const m = marketerRisk(f, F), j = journalistRisk(f, F), p = prosecutorRisk(f);
    assert.ok(m <= j.average + 1e-12 && j.average <= p.average + 1e-12);
    assert.ok(j.highest <= p.highest + 1e-12);
    close(marketerRisk(f), p.average); // census: marketer = u/n
  }));
});

test('journalist from record risks (model-based): highest, average, records above τ', () => {
  const j = journalistRiskFromRecordRisks([1, 2, 3], [0.4, 0.1, 0.05], 0.2, 'sampling-fraction');
  close(j.highest, 0.4);
  close(j.average, (0.4 + 0.2 + 0.15) / 6);
  assert.equal(j.recordsAboveThreshold, 1);
});
