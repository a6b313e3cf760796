import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnFromValues, makeTable } from '../table/table.ts';
import { seededRng } from '../util/rng.ts';
import { linkability } from './linkability.ts';
import { makeContext, sampleTargets, ORIGINAL } from './context.ts';
import { anonymeterDir, randomRecords, readCsvTable } from './test-util.ts';

test('baseline: two random draws of k = 2 among M = 4 released rows intersect with probability 1 − C(2,2)/C(4,2) = 5/6', () => {
  const rng = seededRng(5);
  const n = 3000;
  const ori = makeTable([columnFromValues('a', Array.from({ length: n }, () => rng.int(100)), 'integer'), columnFromValues('b', Array.from({ length: n }, () => rng.int(100)), 'integer')]);
  const syn = makeTable([columnFromValues('a', [0, 1, 4, 9], 'integer'), columnFromValues('b', [0, 1, 4, 9], 'integer')]);
  const r = linkability({ original: ori, release: syn, auxColumns: [['a'], ['b']], neighbours: 2, attacks: n, seed: 1 });
  const p = 5 / 6, sd = Math.sqrt((p * (1 - p)) / n);
  // 4 standard deviations: false-alarm rate ≈ 6e-5
  assert.ok(Math.abs(r.baselineRate - p) < 4 * sd, `baseline ${r.baselineRate}`);
});

test('adults, release identical to the originals: ~55 % linked with 7 + 7 columns (Anonymeter\'s statistical runs gave ~56 %)', (t) => {
  const ori = readCsvTable(new URL('adults_ori.csv', anonymeterDir));
  if (!ori) { t.skip('../shared/data/anonymeter absent'); return; }
  const cols = ori.columns.map((c) => c.name);
  const aux: [string[], string[]] = [cols.slice(0, 7), cols.slice(7)];
  const r = linkability({ original: ori, release: ori, auxColumns: aux, attacks: 100, seed: 1 });
  assert.equal(r.attacks, 100);
  assert.ok(r.attackRate > 0.4 && r.attackRate < 0.7, `attack ${r.attackRate}`);
  // deterministic: same seed, same answer
  assert.deepEqual(linkability({ original: ori, release: ori, auxColumns: aux, attacks: 100, seed: 1 }), r);
  // the synthetic release links almost nobody (Anonymeter's own test data)
  const syn = readCsvTable(new URL('adults_syn.csv', anonymeterDir))!;
  const s = linkability({ original: ori, release: syn, auxColumns: aux, attacks: 100, seed: 1 });
  assert.ok(s.attackRate < 0.1, `syn attack ${s.attackRate}`);
});

test('known answers: identical release → high risk; independent rows → near 0 with the interval covering 0', () => {
  const ori = randomRecords(3000, 31), control = randomRecords(3000, 32), other = randomRecords(3000, 33);
  const aux: [string[], string[]] = [['age (years)', 'zip [code]'], ['sex', 'birth date', 'income']];
  const same = linkability({ original: ori, release: ori, control, auxColumns: aux, attacks: 500, seed: 3 });
  assert.ok(same.risk > 0.3, `risk ${same.risk}`);
  assert.ok(same.ci[0] > 0.2);
  const indep = linkability({ original: ori, release: other, control, auxColumns: aux, attacks: 500, seed: 3 });
  assert.equal(indep.ci[0], 0);
  assert.ok(indep.risk < 0.05, `risk ${indep.risk}`);
});

test('two parties need two non-empty column lists', () => {
  const ori = randomRecords(10, 1);
  assert.throws(() => linkability({ original: ori, release: ori, auxColumns: [['sex'], []] }), /two non-empty/);
  // (and none at all, from JavaScript: the same clear error, not a TypeError)
  assert.throws(() => linkability({ original: ori, release: ori } as unknown as Parameters<typeof linkability>[0]), /two non-empty/);
});

test('person key: targets are distinct persons, one record each', () => {
  // 30 persons with 1 to 5 records each, and 4 records without a key (persons of their own)
  const pid: (string | null)[] = [], v: string[] = [];
  for (let i = 0; i < 30; i++) for (let k = 0; k <= i % 5; k++) { pid.push(`p${i}`); v.push(String(k)); }
  for (let k = 0; k < 4; k++) { pid.push(null); v.push('x'); }
  const original = makeTable([columnFromValues('pid', pid), columnFromValues('v', v)]);
  const release = makeTable([columnFromValues('v', v)]);
  const ctx = makeContext({ original, release, personKey: 'pid', seed: 5 }, ['v'], 1);
  const all = sampleTargets(ctx, ORIGINAL, original.rowCount, 1000);
  assert.equal(all.length, 34); // 30 keyed persons + 4 records without a key
  const persons = Array.from(all, (r) => pid[r] ?? `row${r}`);
  assert.equal(new Set(persons).size, 34);
  const some = sampleTargets(ctx, ORIGINAL, original.rowCount, 10);
  assert.equal(new Set(Array.from(some, (r) => pid[r] ?? `row${r}`)).size, 10);
});

test('a release that carries no information links at the baseline rate 1/M (independent random ties per half)', async () => {
  const { buildNeighbourIndex, nearest } = await import('./neighbours.ts');
  const { RELEASE } = await import('./context.ts');
  // 1,000 original and 1,000 control records; the release: M = 20 records whose linkage columns are all `*`, so every
  // released record is equally near every target on both halves and the two picks are independent uniform draws:
  // successes ~ Binomial(1000, 1/20), mean 50. Accepted: 20 to 85 (rates 0.020–0.085); the exact binomial tails outside
  // sum to 1.5e-6, the false-alarm rate of this test (each run is seeded: the figures are the same on every run)
  const original = randomRecords(1000, 41), control = randomRecords(1000, 42);
  const M = 20;
  const release = makeTable(['sex', 'zip [code]', 'income'].map((n) => columnFromValues(n, Array.from({ length: M }, () => '*'), 'string')));
  const aux: [string[], string[]] = [['sex', 'zip [code]'], ['income']];
  const inRange = (k: number) => k >= 20 && k <= 85;
  for (const seed of [1, 2]) {
    const r = linkability({ original, release, control, auxColumns: aux, attacks: 1000, seed });
    assert.equal(r.attacks, 1000);
    assert.ok(inRange(r.successes), `seed ${seed}: ${r.successes} of 1000 linked (expected about 50)`);
    assert.ok(inRange(r.controlSuccesses), `seed ${seed}: control ${r.controlSuccesses} of 1000 linked`);
    assert.ok(inRange(r.baselineSuccesses), `seed ${seed}: baseline ${r.baselineSuccesses} of 1000`);
  }
  // the deliberately broken attacker the check must catch: one tie order shared by the two halves (the released rows'
  // priority) resolves every tie to the same first record in both and "links" every target
  const ctx = makeContext({ original, release, seed: 1 }, aux.flat(), 21);
  const prio = ctx.priority();
  const ia = buildNeighbourIndex(ctx.space, [0, 1], RELEASE, prio), ib = buildNeighbourIndex(ctx.space, [2], RELEASE, prio);
  let broken = 0;
  for (let r = 0; r < 1000; r++) if (nearest(ia, ORIGINAL, r).rows[0] === nearest(ib, ORIGINAL, r).rows[0]) broken++;
  assert.ok(!inRange(broken), `shared tie order: ${broken} of 1000 linked`);
});
