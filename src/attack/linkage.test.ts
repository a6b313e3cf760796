import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromRecords } from '../table/table.ts';
import { linkage } from './linkage.ts';
import { syntheticPeople } from './test-util.ts';

// a register of 6 identities; two share (1970, F, 75011)
const register = tableFromRecords({
  id: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'],
  name: ['Ada', 'Bea', 'Cy', 'Dan', 'Eve', 'Flo'],
  'birth year': [1970, 1970, 1985, 1990, 1990, 2001],
  sex: ['F', 'F', 'M', 'M', 'F', 'F'],
  zip: ['75011', '75011', '13001', '69001', '69001', '75012'],
});

test('exact linkage: linked, ambiguous, unmatched; correct and wrong with a ground truth', () => {
  const release = tableFromRecords({
    truth: ['p1', 'p3', 'p4', 'p9', 'p6'],
    'birth year': [1970, 1985, 1990, 1950, 2001],
    sex: ['F', 'M', 'M', 'M', 'F'],
    zip: ['75011', '13001', '69001', '75011', '75012'],
    dx: ['E11', 'I10', 'J45', 'F32', 'C50'],
  });
  const r = linkage({ release, aux: register, truth: { release: 'truth', aux: 'id' }, m: 0.95 });
  assert.deepEqual(r.columns, ['birth year', 'sex', 'zip']);
  assert.equal(r.attempted, 5);
  assert.equal(r.exact.linked, 3); // p3, p4, p6 unique; p1 shares with p2; p9 is not in the register
  assert.equal(r.exact.correct, 3);
  assert.equal(r.exact.wrong, 0);
  assert.equal(r.exact.ambiguous, 1);
  assert.equal(r.exact.unmatched, 1);
  assert.equal(r.reidentified, 3);
  assert.equal(r.rate, 3 / 5);
  assert.equal(r.persons!.reidentified, 3);
  // probabilistic: the same unique matches, nothing for the tie; p9 (1950, M, 75011) agrees on zip with p1/p2 only — not linked
  assert.equal(r.probabilistic.correct, 3);
  assert.equal(r.probabilistic.wrong, 0);
});

test('a wrong link is counted as wrong (the register holds a look-alike, not the person)', () => {
  const release = tableFromRecords({ truth: ['p7'], 'birth year': [1985], sex: ['M'], zip: ['13001'] });
  const r = linkage({ release, aux: register, truth: { release: 'truth', aux: 'id' } });
  assert.equal(r.exact.linked, 1);
  assert.equal(r.exact.correct, 0);
  assert.equal(r.exact.wrong, 1);
  assert.equal(r.reidentified, 0);
});

test('generalized release: [1980-1990[ and 130** match the register values they allow', () => {
  const release = tableFromRecords({ truth: ['p3', 'p6', 'p1'], 'birth year': ['[1980-1990[', '>=2000', '[1960-1980['], sex: ['M', 'F', 'F'], zip: ['130**', '750**', '750**'] });
  const r = linkage({ release, aux: register, truth: { release: 'truth', aux: 'id' } });
  assert.equal(r.exact.linked, 2); // p3: the only 1980s man in 130**; p6: the only woman born ≥ 2000 in 750**
  assert.equal(r.exact.correct, 2);
  assert.equal(r.exact.ambiguous, 1); // p1 and p2 both fit
});

test('probabilistic matching links through one disagreeing column; without truth it counts unique links', () => {
  const release = tableFromRecords({ 'birth year': [1985], sex: ['M'], zip: ['13009'] }); // typo in the postal code
  const r = linkage({ release, aux: register });
  assert.equal(r.exact.linked, 0);
  assert.equal(r.exact.unmatched, 1);
  assert.equal(r.probabilistic.linked, 1); // 1985 and M are rare enough: posterior > 0.5
  assert.equal(r.correctnessKnown, false);
  assert.equal(r.probabilistic.correct, null);
  assert.ok(r.notes.some((n) => n.includes('no ground truth')));
});

test('larger population: a raw extract is re-identified, a generalized one is not (fast path and scan agree)', () => {
  const p = syntheticPeople(4000, 9);
  const reg = tableFromRecords({ id: p.id!, birth: p.birth!, sex: p.sex!, zip: p.zip! }, { birth: 'date' });
  const n = 1000;
  const raw = tableFromRecords({ tid: p.id!.slice(0, n), birth: p.birth!.slice(0, n), sex: p.sex!.slice(0, n), zip: p.zip!.slice(0, n) }, { birth: 'date' });
  const r = linkage({ release: raw, aux: reg, truth: { release: 'tid', aux: 'id' }, seed: 1 });
  assert.ok(r.rate > 0.9, `rate ${r.rate}`);
  assert.equal(r.exact.wrong, 0);
  assert.deepEqual(linkage({ release: raw, aux: reg, truth: { release: 'tid', aux: 'id' }, seed: 1, fastPath: false }), r);
  const gen = tableFromRecords({
    tid: p.id!.slice(0, n), birth: p.birth!.slice(0, n).map((b) => { const y = Math.floor(Number(b.slice(0, 4)) / 10) * 10; return `[${y}-${y + 10}[`; }),
    sex: p.sex!.slice(0, n), zip: p.zip!.slice(0, n).map((z) => z.slice(0, 3) + '**'),
  });
  const g = linkage({ release: gen, aux: reg, truth: { release: 'tid', aux: 'id' }, seed: 1 });
  assert.equal(g.reidentified, 0);
  assert.equal(g.exact.ambiguous, n);
  assert.deepEqual(linkage({ release: gen, aux: reg, truth: { release: 'tid', aux: 'id' }, seed: 1, fastPath: false }), g);
  // a partly generalized release: some records still unique among the compatible register entries
  const half = tableFromRecords({ tid: p.id!.slice(0, n), birth: p.birth!.slice(0, n).map((b, i) => (i % 2 ? b : b.slice(0, 4))), sex: p.sex!.slice(0, n), zip: p.zip!.slice(0, n) });
  const h = linkage({ release: half, aux: reg, truth: { release: 'tid', aux: 'id' }, seed: 1 });
  assert.deepEqual(linkage({ release: half, aux: reg, truth: { release: 'tid', aux: 'id' }, seed: 1, fastPath: false }), h);
  assert.ok(h.reidentified > 0 && h.reidentified < r.reidentified);
});

test('Fellegi–Sunter never links a record the released value excludes (u > m: no weight for or against), "value|NA" matches a missing value, unknown "on" columns are a usage error', () => {
  // 40 register entries: t (45, M, 75011) alone is compatible with the released ([20-80[, M, 75011); d (85, M, 75011) is
  // outside the interval. u_age = 39/40 > m = 0.95: the unbounded weights rewarded d's disagreement
  const id = ['t', 'd'], age = [45, 85], sex = ['M', 'M'], zip = ['75011', '75011'];
  for (let i = 0; i < 38; i++) { id.push(`o${i}`); age.push(30 + i); sex.push(i % 2 ? 'F' : 'M'); zip.push(String(75020 + (i % 10))); }
  const aux = tableFromRecords({ id, age, sex, zip }, { age: 'integer' });
  const asD = linkage({ release: tableFromRecords({ tid: ['d'], age: ['[20-80['], sex: ['M'], zip: ['75011'] }), aux, truth: { release: 'tid', aux: 'id' } });
  assert.equal(asD.probabilistic.correct, 0, 'no link to d');
  assert.equal(asD.probabilistic.wrong, 0);
  // a categorical "value or missing" label: the register's missing zip is compatible
  const reg = tableFromRecords({ id: ['a', 'b', 'c'], sex: ['F', 'M', 'F'], zip: [null, '75011', '75012'] });
  const rel = tableFromRecords({ tid: ['a'], sex: ['F'], zip: ['75011|NA'] });
  const r = linkage({ release: rel, aux: reg, truth: { release: 'tid', aux: 'id' } });
  assert.equal(r.exact.correct, 1);
  assert.equal(r.probabilistic.wrong, 0);
  assert.throws(() => linkage({ release: rel, aux: reg, on: ['sex', 'dx'] }), /attacks\.linkage\.on/);
});
