import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromRecords } from '../table/table.ts';
import { crossRelease } from './cross-release.ts';
import { syntheticPeople } from './test-util.ts';

test('a persistent per-patient pseudonym links two releases (the motivating case); re-keyed releases do not', () => {
  const p = syntheticPeople(3000, 5);
  const pick = (from: number, to: number, key: (i: number) => string) => tableFromRecords({
    pseudo: p.id!.slice(from, to).map((_, i) => key(from + i)),
    year: p.birth!.slice(from, to).map((b) => b.slice(0, 4)), sex: p.sex!.slice(from, to), dx: p.diagnosis!.slice(from, to),
  });
  const cur = pick(0, 2000, (i) => `X${i}`), prev = pick(1000, 3000, (i) => `X${i}`);
  const r = crossRelease({ release: cur, previous: prev, quasiIdentifiers: ['year', 'sex'] });
  const key = r.columns.find((c) => c.columns[0] === 'pseudo')!;
  assert.equal(key.keyLike, true);
  assert.equal(key.shared, 1000); // persons 1000..1999 are in both
  assert.equal(key.linkablePersons, 1000);
  assert.equal(r.keyLike.map((c) => c.columns[0]).join(), 'pseudo');
  assert.equal(r.linkablePersons, 1000);
  // fresh tokens per release: nothing recurs
  const cur2 = pick(0, 2000, (i) => `A${i}`), prev2 = pick(1000, 3000, (i) => `B${i}`);
  const r2 = crossRelease({ release: cur2, previous: prev2, quasiIdentifiers: ['year', 'sex'] });
  assert.equal(r2.keyLike.length, 0);
  // (year, sex) of 2,000 people among 80 years: some combinations are held by one person in both releases
  const combo = r2.combinations.find((c) => c.columns.join() === 'year,sex')!;
  assert.ok(combo.linkablePersons >= 0 && combo.linkablePersons < 200);
});

test('hand-computed counts: values held by one person in each release', () => {
  const cur = tableFromRecords({ k: ['a', 'b', 'c', 'c'], g: ['x', 'x', 'y', 'y'] });
  const prev = tableFromRecords({ k: ['a', 'c', 'd'], g: ['x', 'y', 'y'] });
  const r = crossRelease({ release: cur, previous: prev, keyCardinality: 0, keyRecurrence: 0.5 });
  const k = r.columns.find((c) => c.columns[0] === 'k')!;
  assert.equal(k.distinct, 3);
  assert.equal(k.shared, 2);            // a, c
  assert.equal(k.linkablePersons, 1);   // a (c is held by two rows in the current release)
  // with a person column, c's two rows are one person
  const curP = tableFromRecords({ k: ['a', 'b', 'c', 'c'], pid: ['1', '2', '3', '3'] });
  const prevP = tableFromRecords({ k: ['a', 'c', 'd'], pid: ['1', '3', '4'] });
  const rp = crossRelease({ release: curP, previous: prevP, personColumn: 'pid', keyCardinality: 0 });
  assert.equal(rp.persons, 3);
  assert.equal(rp.columns.find((c) => c.columns[0] === 'k')!.linkablePersons, 2);
  assert.equal(rp.personUnit, 'person column');
  assert.ok(rp.keyLike.some((c) => c.columns[0] === 'pid'));
});

test('differencing: two 2-anonymous releases with overlapping age bands single out people together; a nested coarser one does not', async () => {
  const { differencing } = await import('./cross-release.ts');
  // 4 zips × 12 persons (ages 22, 27, … 77: one per 5-year sub-band); each diagnosis twice per zip, 30 years apart
  const age: number[] = [], zip: string[] = [], dx: string[] = [];
  for (let z = 0; z < 4; z++) for (let i = 0; i < 12; i++) { age.push(22 + 5 * i); zip.push(`7500${z}`); dx.push(`D${i % 6}`); }
  const band = (a: number, edges: number[]) => { let k = 0; while (a >= edges[k + 1]!) k++; return `[${edges[k]}-${edges[k + 1]}[`; };
  const tens = [20, 30, 40, 50, 60, 70, 80], shifted = [20, 35, 45, 55, 65, 80], twenties = [20, 40, 60, 80];
  const original = tableFromRecords({ age, zip, dx }, { age: 'integer', zip: 'string' });
  const rel = (edges: number[]) => tableFromRecords({ age: age.map((a) => band(a, edges)), zip, dx }, { zip: 'string' });
  const cols = ['age', 'zip', 'dx'], qi = ['age', 'zip'];
  const d = differencing({ original, release: rel(shifted), previous: rel(tens), columns: cols, quasiIdentifiers: qi, seed: 1 });
  assert.equal(d.attempted, 48);
  assert.equal(d.linked, 48);
  // by hand, per zip: [20-35[ ∩ [30-40[ = 30-34 leaves the person of 32 alone, and so for 37, 42, 47, 52, 57, 62, 67;
  // 22 and 27 ([20-35[ ∩ [20-30[), 72 and 77 ([65-80[ ∩ [70-80[) stay in pairs: 8 of 12, 32 of 48
  assert.equal(d.isolated, 32);
  const nested = differencing({ original, release: rel(twenties), previous: rel(tens), columns: cols, quasiIdentifiers: qi, seed: 1 });
  assert.equal(nested.isolated, 0);
});
