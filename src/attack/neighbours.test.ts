import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { columnFromValues, makeTable } from '../table/table.ts';
import { buildSpace, cellDistance } from './space.ts';
import { buildNeighbourIndex, nearest } from './neighbours.ts';

const ages = ['[20-30[', '[30-40[', '>=60', '*', '45'];
test('property: nearest neighbours equal a brute-force scan (distance, then the seeded row priority)', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.boolean(), (seed, generalized) => {
    let s = seed;
    const rnd = (n: number) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s >>> 8) % n; };
    const n = 60, m = 80;
    const orig = makeTable([
      columnFromValues('age', Array.from({ length: n }, () => 20 + rnd(50)), 'integer'),
      columnFromValues('sex', Array.from({ length: n }, () => (rnd(2) ? 'F' : 'M')), 'string'),
      columnFromValues('zip', Array.from({ length: n }, () => String(75000 + rnd(5))), 'string'),
    ]);
    const rel = makeTable([
      generalized ? columnFromValues('age', Array.from({ length: m }, () => ages[rnd(ages.length)]!), 'string') : columnFromValues('age', Array.from({ length: m }, () => 20 + rnd(50)), 'integer'),
      columnFromValues('sex', Array.from({ length: m }, () => (rnd(3) === 0 ? null : rnd(2) ? 'F' : 'M')), 'string'),
      columnFromValues('zip', Array.from({ length: m }, () => (generalized && rnd(3) === 0 ? '7500*' : String(75000 + rnd(5)))), 'string'),
    ]);
    const space = buildSpace([{ table: orig, literal: true, label: 'o' }, { table: rel, literal: false, label: 'r' }], ['age', 'sex', 'zip']);
    const priority = new Int32Array(m);
    const perm = Array.from({ length: m }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
    perm.forEach((r, i) => { priority[r] = i; });
    const index = buildNeighbourIndex(space, [0, 1, 2], 1, priority);
    for (let t = 0; t < n; t++) {
      let best = Infinity, bestRow = -1;
      for (let r = 0; r < m; r++) {
        let d = 0;
        for (const c of space.columns) d += cellDistance(c, c.views[0]!, c.views[0]!.codes[t]!, c.views[1]!, c.views[1]!.codes[r]!);
        if (d < best - 1e-12 || (Math.abs(d - best) <= 1e-12 && priority[r]! < priority[bestRow]!)) { best = d; bestRow = r; }
      }
      const got = nearest(index, 0, t, 1);
      if (got.rows[0] !== bestRow) return false;
      if (Math.abs(got.distance - best) > 1e-9) return false;
      const three = nearest(index, 0, t, 3);
      if (three.rows.length !== 3 || Math.abs(three.distance - best) > 1e-9) return false;
    }
    return true;
  }), { numRuns: 40 });
});

test('random ties: the rows drawn are among the nearest (brute force), distinct, and each tied row is drawn about equally often', async () => {
  const { seededRng } = await import('../util/rng.ts');
  const rng = seededRng(17);
  const n = 40, m = 60;
  const orig = makeTable([
    columnFromValues('age', Array.from({ length: n }, () => 20 + rng.int(10)), 'integer'),
    columnFromValues('sex', Array.from({ length: n }, () => (rng.int(2) ? 'F' : 'M')), 'string'),
  ]);
  const rel = makeTable([
    columnFromValues('age', Array.from({ length: m }, () => ages[rng.int(ages.length)]!), 'string'),
    columnFromValues('sex', Array.from({ length: m }, () => (rng.int(4) === 0 ? '*' : rng.int(2) ? 'F' : 'M')), 'string'),
  ]);
  const space = buildSpace([{ table: orig, literal: true, label: 'o' }, { table: rel, literal: false, label: 'r' }], ['age', 'sex']);
  const index = buildNeighbourIndex(space, [0, 1], 1, Int32Array.from({ length: m }, (_, i) => i));
  const dist = (t: number, r: number) => space.columns.reduce((s, c) => s + cellDistance(c, c.views[0]!, c.views[0]!.codes[t]!, c.views[1]!, c.views[1]!.codes[r]!), 0);
  const ties = seededRng(3);
  for (let t = 0; t < n; t++) {
    const all = Array.from({ length: m }, (_, r) => dist(t, r)).sort((a, b) => a - b);
    for (const k of [1, 3]) {
      const got = nearest(index, 0, t, k, ties);
      assert.equal(new Set(got.rows).size, k);
      const ds = got.rows.map((r) => dist(t, r)).sort((a, b) => a - b);
      for (let q = 0; q < k; q++) assert.ok(Math.abs(ds[q]! - all[q]!) < 1e-9, `target ${t}, k ${k}: ${ds} vs ${all.slice(0, k)}`);
    }
  }
  // 4 identical released rows: 4,000 draws (k = 1), and 3,000 draws of k = 2 (each of the 6 pairs), are uniform:
  // chi-square with 3 (5) degrees of freedom under 25 (false alarm 1.5e-5, 1.4e-4)
  const same = makeTable([columnFromValues('sex', ['F', 'F', 'F', 'F', 'M'], 'string')]);
  const s2 = buildSpace([{ table: same, literal: true, label: 'o' }, { table: same, literal: false, label: 'r' }], ['sex']);
  const i2 = buildNeighbourIndex(s2, [0], 1, Int32Array.from([4, 3, 2, 1, 0]));
  const one = new Array(4).fill(0), pairs = new Map<string, number>();
  for (let i = 0; i < 4000; i++) one[nearest(i2, 0, 0, 1, ties).rows[0]!]++;
  for (let i = 0; i < 3000; i++) { const key = nearest(i2, 0, 0, 2, ties).rows.sort().join(); pairs.set(key, (pairs.get(key) ?? 0) + 1); }
  const chi = (obs: number[], e: number) => obs.reduce((s, o) => s + (o - e) ** 2 / e, 0);
  assert.ok(chi(one, 1000) < 25, `k = 1: ${one}`);
  assert.equal(pairs.size, 6);
  assert.ok(chi([...pairs.values()], 500) < 25, `k = 2: ${[...pairs]}`);
  // without the generator the priority decides, as before (the best-priority row, 3)
  assert.deepEqual(nearest(i2, 0, 0, 1).rows, [3]);
});
