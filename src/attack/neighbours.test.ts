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
