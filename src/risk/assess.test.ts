import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tableFromRecords } from '../table/table.ts';
import { assessTable, type AssessPolicy } from './assess.ts';
import { AnonymatError } from '../errors.ts';

const close = (a: number | null, b: number, eps = 1e-12) => assert.ok(a !== null && Math.abs(a - b) <= eps, `${a} vs ${b}`);

// 8 records: classes (age, sex): (30,F)×3, (30,M)×2, (40,F)×2, (50,M)×1
const data = tableFromRecords({
  name: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
  age: [30, 30, 30, 30, 30, 40, 40, 50],
  sex: ['F', 'F', 'F', 'M', 'M', 'F', 'F', 'M'],
  dx: ['flu', 'flu', 'cold', 'flu', 'asthma', 'cold', 'cold', 'flu'],
}, { age: 'integer' });
const policy: AssessPolicy = {
  columns: { name: { role: 'identifier' }, age: { role: 'quasi' }, sex: { role: 'quasi' }, dx: { role: 'sensitive' } },
  thresholds: { k: 2, l: 2, t: 0.4, maxProsecutorRisk: 0.5, maxAverageRisk: 0.6 },
};

test('assessTable by hand: classes, k, histogram, risks, verdict', () => {
  const a = assessTable(data, policy);
  assert.equal(a.records, 8);
  assert.equal(a.persons, null);
  assert.deepEqual(a.quasiIdentifiers, ['age', 'sex']);
  assert.equal(a.classes, 4);
  assert.equal(a.k, 1);
  assert.deepEqual(a.classSizeHistogram, { 1: 1, 2: 2, 3: 1 });
  assert.equal(a.recordsBelowK, 1);
  assert.equal(a.sampleUniques, 1);
  close(a.prosecutor.highest, 1);
  close(a.prosecutor.average, 4 / 8);
  assert.equal(a.prosecutor.recordsAboveThreshold, 1); // only 1/1 > 0.5
  // no population information: census assumed, journalist = prosecutor, marketer = u/n
  assert.equal(a.population.samplingFractionSource, 'assumed-census');
  assert.equal(a.population.table, 'none');
  close(a.journalist.highest, 1);
  close(a.marketer.risk, 0.5);
  close(a.populationUniques.dankar, 1 / 8); // f = 1: Zayatz returns c1, Û/N = 1/8
  close(a.individualRisk.expectedReidentifications, 4); // Σ f·(1/f) = classes
  // dx per class: (30,F) flu,flu,cold → l 2; (30,M) flu,asthma → 2; (40,F) cold,cold → 1; (50,M) flu → 1
  assert.equal(a.sensitive.dx!.distinctL, 1);
  // overall p: flu 4/8, cold 3/8, asthma 1/8; class (40,F) q = cold 1 → ½(½ + 5/8 + 1/8) = 5/8; (50,M) flu → ½(½+3/8+1/8) = ½
  close(a.sensitive.dx!.t, 5 / 8);
  const criteria = a.verdict.failures.map((f) => f.criterion).sort();
  assert.deepEqual(criteria, ['k', 'l', 'maxProsecutorRisk', 't']); // average 0.5 ≤ 0.6 passes
  assert.equal(a.verdict.passes, false);
  const kf = a.verdict.failures.find((f) => f.criterion === 'k')!;
  assert.equal(kf.value, 1);
  assert.equal(kf.threshold, 2);
  // no record value in any message
  for (const f of a.verdict.failures) for (const v of ['flu', 'cold', 'asthma', "'a'"]) assert.ok(!f.message.includes(v), f.message);
  // contributions: without age → classes by sex F×5, M×3: k 3, uniques 0; without sex → 30×5, 40×2, 50×1: k 1
  assert.deepEqual(a.contributions.map((c) => [c.column, c.kWithout, c.uniquesWithout, c.uniquesRemoved]), [['age', 3, 0, 1], ['sex', 1, 1, 0]]);
  JSON.parse(JSON.stringify(a)); // plain JSON
});

test('thresholds that hold → passes; unevaluated thresholds are listed', () => {
  const a = assessTable(data, { columns: policy.columns, thresholds: { k: 1, maxAverageRisk: 0.5, maxAttackRisk: 0.05 } });
  assert.equal(a.verdict.passes, true);
  assert.deepEqual(a.verdict.notEvaluated, ['maxAttackRisk']);
});

test('maxRecordsAtRisk tolerates a share of records above maxProsecutorRisk', () => {
  const a = assessTable(data, { columns: policy.columns, thresholds: { maxProsecutorRisk: 0.5, maxRecordsAtRisk: 0.2 } });
  assert.equal(a.verdict.passes, true); // 1/8 = 12.5 % ≤ 20 %
  const b = assessTable(data, { columns: policy.columns, thresholds: { maxProsecutorRisk: 0.4, maxRecordsAtRisk: 0.2 } });
  assert.deepEqual(b.verdict.failures.map((f) => [f.criterion, f.value]), [['maxRecordsAtRisk', 5 / 8]]); // classes of 1 and 2
});

test('sampling fraction: journalist = Benedetti–Franconi E[1/F | f] with F̂ = f/fraction; individual risk with weights 1/f', () => {
  const a = assessTable(data, { ...policy, population: { samplingFraction: 0.5 } });
  assert.equal(a.journalist.source, 'sampling-fraction');
  assert.equal(a.journalist.model, 'benedetti-franconi');
  // unique class: fk 1, F̂ 2 → pk ½ → r = 1·ln 2 (above the naive 1/F̂ = 0.5: it may be a population unique)
  close(a.journalist.highest, Math.log(2));
  close(a.marketer.risk, a.individualRisk.globalRisk);
  close(a.journalist.average, a.individualRisk.globalRisk);
  assert.equal(a.population.populationSize, 16);
  assert.equal(a.individualRisk.source, 'sampling-fraction');
  // unique class: fk 1, Fk 2 → pk ½ → r = 1·ln 2
  close(a.individualRisk.highest, Math.log(2));
});

test('population table: F_j counted by label, sample values absent from the population are skipped', () => {
  const pop = tableFromRecords({
    age: [30, 30, 30, 30, 40, 40, 40, 50, 50, 50, 60],
    sex: ['F', 'F', 'F', 'M', 'F', 'F', 'F', 'M', 'M', 'M', 'F'],
  }, { age: 'integer' });
  const a = assessTable(data, policy, { populationTable: pop });
  assert.equal(a.journalist.source, 'population-table');
  assert.equal(a.journalist.model, 'population-counts');
  assert.equal(a.population.table, 'used');
  // F: (30,F) 3, (30,M) 1 → raised to 2 (inconsistent), (40,F) 3, (50,M) 3 → highest 1/2
  assert.equal(a.journalist.inconsistentClasses, 1);
  close(a.journalist.highest, 1 / 2);
  close(a.population.samplingFraction, 8 / 11);
});

test('weights: Fk = Σ weights; a bad weight is invalid-input without the value', () => {
  const w = tableFromRecords({ age: [30, 30, 40], sex: ['F', 'F', 'M'], w: [10, 30, 5] }, { age: 'integer', w: 'decimal' });
  const cols = { age: { role: 'quasi' as const }, sex: { role: 'quasi' as const }, w: { role: 'weight' as const } };
  const a = assessTable(w, { columns: cols });
  assert.equal(a.individualRisk.source, 'weights');
  const p2 = 2 / 40, o2 = p2 / (1 - p2);
  close(a.individualRisk.expectedReidentifications, 2 * (o2 - o2 * o2 * Math.log(1 / p2)) + Math.log(5) / 4);
  close(a.population.samplingFraction, 3 / 45);
  const bad = tableFromRecords({ age: [30, 31], sex: ['F', 'F'], w: [10, -777] }, { age: 'integer', w: 'decimal' });
  assert.throws(() => assessTable(bad, { columns: cols }), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-input' && !e.message.includes('777'));
});

test('person level: the unit is the person; a varying QI without aggregation is an error naming it', () => {
  const visits = tableFromRecords({
    pid: ['p1', 'p1', 'p2', 'p3', 'p3', 'p4'],
    birth: [1950, 1950, 1950, 1970, 1970, 1970],
    zip: ['75001', '75002', '75001', '13001', '13001', '13001'],
  }, { birth: 'integer' });
  const cols = { pid: { role: 'person-key' as const }, birth: { role: 'quasi' as const }, zip: { role: 'quasi' as const } };
  assert.throws(() => assessTable(visits, { columns: cols }), (e: unknown) =>
    e instanceof AnonymatError && e.code === 'invalid-policy' && e.message.includes('"zip"'));
  const a = assessTable(visits, { columns: { ...cols, zip: { role: 'quasi', aggregate: 'min' } }, thresholds: { k: 2 } });
  assert.equal(a.unit, 'person');
  assert.equal(a.records, 6);
  assert.equal(a.persons, 4);
  // persons: p1 (1950, 75001), p2 (1950, 75001), p3 (1970, 13001), p4 (1970, 13001) → two classes of 2
  assert.equal(a.k, 2);
  assert.deepEqual(a.classSizeHistogram, { 2: 2 });
  assert.deepEqual(a.personLevel!.varyingColumns, ['zip']);
  assert.equal(a.verdict.passes, true);
});

test('unknown policy column → invalid-policy', () => {
  assert.throws(() => assessTable(data, { columns: { zip: { role: 'quasi' } } }), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-policy');
});

test('property: class sizes sum to the units; prosecutor highest = 1/k; k never decreases without a QI', () => {
  const arb = fc.array(fc.tuple(fc.nat(3), fc.nat(2), fc.nat(3), fc.nat(2)), { minLength: 1, maxLength: 60 });
  fc.assert(fc.property(arb, (rows) => {
    const t = tableFromRecords({
      pid: rows.map((r) => `p${r[3]}${r[0]}`), a: rows.map((r) => `a${r[0]}`), b: rows.map((r) => `b${r[1]}`), s: rows.map((r) => `s${r[2]}`),
    });
    for (const personLevel of [false, true]) {
      const cols: AssessPolicy['columns'] = { a: { role: 'quasi' }, b: { role: 'quasi', aggregate: 'mode' }, s: { role: 'sensitive' } };
      if (personLevel) cols.pid = { role: 'person-key' };
      const x = assessTable(t, { columns: cols }, { suda2MaxSize: 2 });
      const units = personLevel ? x.persons! : x.records;
      const sum = Object.entries(x.classSizeHistogram).reduce((acc, [size, count]) => acc + Number(size) * count, 0);
      assert.equal(sum, units);
      assert.equal(x.prosecutor.highest, 1 / x.k);
      for (const c of x.contributions) { assert.ok(c.kWithout >= x.k); assert.ok(c.uniquesWithout <= x.sampleUniques); }
      assert.ok(x.sensitive.s!.distinctL >= 1 && x.sensitive.s!.t >= 0 && x.sensitive.s!.t <= 1);
      assert.ok(x.suda2!.specialUniques <= x.sampleUniques);
    }
  }), { numRuns: 80 });
});

test('contract: the JSON fields issue 2 requires are present with their types', () => {
  const a = JSON.parse(JSON.stringify(assessTable(data, { ...policy, population: { samplingFraction: 0.2 } }))) as Record<string, any>;
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  assert.ok(num(a.records) && a.persons === null && Array.isArray(a.quasiIdentifiers) && num(a.k) && num(a.classes));
  assert.ok(typeof a.classSizeHistogram === 'object' && Object.values(a.classSizeHistogram).every(num));
  assert.ok(num(a.recordsBelowK) && num(a.sampleUniques));
  assert.ok(num(a.prosecutor.highest) && num(a.prosecutor.average) && num(a.prosecutor.recordsAboveThreshold));
  assert.ok(num(a.journalist.highest) && num(a.marketer.risk));
  for (const m of ['pitman', 'zayatz', 'snb', 'dankar']) assert.ok(m in a.populationUniques && (a.populationUniques[m] === null || num(a.populationUniques[m])), m);
  assert.ok(num(a.individualRisk.expectedReidentifications) && num(a.individualRisk.highest));
  assert.ok(num(a.suda2.specialUniques) && num(a.suda2.maxSize));
  assert.ok(num(a.sensitive.dx.distinctL) && num(a.sensitive.dx.entropyL) && num(a.sensitive.dx.recursiveCL) && num(a.sensitive.dx.t));
  assert.ok(Array.isArray(a.contributions) && a.contributions.every((c: any) => typeof c.column === 'string' && num(c.kWithout) && num(c.uniquesWithout)));
  assert.equal(typeof a.verdict.passes, 'boolean');
  assert.ok(a.verdict.failures.every((f: any) => typeof f.criterion === 'string' && num(f.threshold) && typeof f.message === 'string'));
});

test('verdict: entropy l and t at their thresholds pass despite floating-point sums (as the search\'s models accept them)', () => {
  // each class holds a, b, c once: exp(H) = 3 exactly in reals, 2.9999999999999996 in doubles
  const e = assessTable(tableFromRecords({ sex: ['F', 'F', 'F', 'M', 'M', 'M'], dx: ['a', 'b', 'c', 'a', 'b', 'c'] }),
    { columns: { sex: { role: 'quasi' }, dx: { role: 'sensitive' } }, thresholds: { l: 3, lVariant: 'entropy' } } as AssessPolicy);
  assert.ok(e.sensitive.dx!.entropyL < 3);
  assert.equal(e.verdict.passes, true, JSON.stringify(e.verdict.failures));
  // 7 a and 3 b; the class X is all a: EMD = ½(|1 − 0.7| + |0 − 0.3|) = 0.3 (0.30000000000000004 in doubles) ≤ t = 0.3
  const t = assessTable(tableFromRecords({ g: ['X', 'X', 'X', 'X', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'], dx: ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b'] }),
    { columns: { g: { role: 'quasi' }, dx: { role: 'sensitive' } }, thresholds: { t: 0.3 } } as AssessPolicy);
  assert.equal(t.verdict.passes, true, JSON.stringify(t.verdict.failures));
  // and a real excess still fails
  const f = assessTable(tableFromRecords({ g: ['X', 'X', 'X', 'X', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'], dx: ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b'] }),
    { columns: { g: { role: 'quasi' }, dx: { role: 'sensitive' } }, thresholds: { t: 0.29 } } as AssessPolicy);
  assert.equal(f.verdict.passes, false);
});

test('person level: a sensitive value every person of a class holds is disclosed, though their sets differ ({E11}, {E11, I10}: 1-diverse)', () => {
  const mk = (diag: string[][]) => {
    const pid: string[] = [], age: string[] = [], dx: string[] = [];
    diag.forEach((set, p) => { for (const v of set) { pid.push(String(p)); age.push(p < 2 ? '40' : '50'); dx.push(v); } });
    return tableFromRecords({ pid, age, dx });
  };
  const policy: AssessPolicy = { columns: { pid: { role: 'person-key' }, age: { role: 'quasi' }, dx: { role: 'sensitive' } }, thresholds: { k: 2, l: 2 } } as AssessPolicy;
  // (every patient has E11: two set labels per class, distinct l was 2 and the policy passed)
  const shared = assessTable(mk([['E11'], ['E11', 'I10'], ['E11', 'J45'], ['E11', 'C50']]), policy);
  assert.equal(shared.sensitive.dx!.distinctL, 1);
  assert.equal(shared.sensitive.dx!.classesBelowL, 2);
  assert.ok(!shared.verdict.passes);
  // (no value held by a whole class: 2-diverse)
  const apart = assessTable(mk([['E11'], ['I10', 'J45'], ['E11', 'J45'], ['C50']]), policy);
  assert.equal(apart.sensitive.dx!.distinctL, 2);
  assert.ok(apart.verdict.passes, apart.verdict.failures.map((f) => f.message).join('; '));
});

test('one sensitive value in four spellings (NFC, NFD, a trailing space, upper case) is one value for l and t: it was 4-diverse', () => {
  const spellings = ['Hépatite C', 'He\u0301patite C', 'Hépatite C ', 'HÉPATITE C'];
  const t = tableFromRecords({ age: ['40', '40', '40', '40', '50', '50', '50', '50'], diag: [...spellings, ...spellings] });
  const cols = { age: { role: 'quasi' as const }, diag: { role: 'sensitive' as const } };
  const a = assessTable(t, { columns: cols, thresholds: { k: 4, l: 2, t: 0.01 } });
  assert.deepEqual([a.sensitive.diag!.distinctL, a.sensitive.diag!.entropyL, a.sensitive.diag!.recursiveCL, a.sensitive.diag!.values], [1, 1, 1, 1]);
  assert.equal(a.sensitive.diag!.classesBelowL, 2);
  assert.deepEqual(a.verdict.failures.map((f) => f.criterion), ['l']);
  // (white space inside a value, repeated or not, and non-breaking: one value; other letters stay apart)
  const inner = tableFromRecords({ age: ['40', '40', '40'], diag: ['Hépatite  C', 'hépatite\u00a0c', 'Hépatite B'] });
  const b = assessTable(inner, { columns: cols, thresholds: { l: 2 } });
  assert.equal(b.sensitive.diag!.distinctL, 2);
  // t: the class distributions equal the table's once spellings are one value (they differed: t 0.5 → 0)
  const skew = tableFromRecords({ age: ['40', '40', '50', '50'], diag: ['flu', 'flu', 'FLU', 'Flu '] });
  assert.equal(assessTable(skew, { columns: cols }).sensitive.diag!.t, 0);
  // (quasi-identifiers are grouped as written: separate spellings only make classes smaller)
  const qi = tableFromRecords({ city: ['Paris', 'PARIS', 'Paris '], diag: ['a', 'b', 'c'] });
  assert.equal(assessTable(qi, { columns: { city: { role: 'quasi' }, diag: { role: 'sensitive' } } }).classes, 3);
});

test('person level: spellings of one sensitive value are one value of a person\'s set, and one value the whole class holds', () => {
  const t = tableFromRecords({ pid: ['1', '1', '2', '2'], age: ['40', '40', '40', '40'], dx: ['E11', 'I10', 'e11 ', 'e11'] });
  const a = assessTable(t, { columns: { pid: { role: 'person-key' }, age: { role: 'quasi' }, dx: { role: 'sensitive' } }, thresholds: { l: 2 } });
  // (persons {E11, I10} and {E11}: both hold E11, 1-diverse; read as written, person 2's set was {e11, e11 }, apart)
  assert.equal(a.sensitive.dx!.distinctL, 1);
  assert.equal(a.verdict.passes, false);
});
