/**
 * A deliberately naive reference for the anonymization engine, written straight from the
 * definitions (../shared/reference/arx-loss.md): rows as strings, classes by joined label keys,
 * shares by counting hierarchy rows. Slow and obviously correct; used to check the fast engine.
 */
import type { Hierarchy } from '../../src/hierarchy/hierarchy.ts';

export interface NaiveSetup {
  /** rows[i][j] = value of QI j. */
  rows: string[][];
  /** sensitive[i] = sensitive value of row i (or undefined). */
  sensitive?: string[];
  hierarchies: Hierarchy[];
  k: number;
  /** distinct l-diversity on the sensitive value (0 = off). */
  l?: number;
  suppressionLimit: number;
}

export interface NaiveResult { feasible: boolean; suppressed: number; loss: number; classes: number }

function gen(h: Hierarchy, value: string, level: number): string {
  const i = h.levels[0]!.indexOf(value);
  if (i < 0) throw new Error('value not in hierarchy');
  return h.levels[level]![i]!;
}

export function naiveEvaluate(s: NaiveSetup, levels: number[]): NaiveResult {
  const n = s.rows.length;
  const keys = s.rows.map((r) => r.map((v, j) => gen(s.hierarchies[j]!, v, levels[j]!)).join('\u0001'));
  const members = new Map<string, number[]>();
  keys.forEach((k, i) => { const a = members.get(k) ?? []; a.push(i); members.set(k, a); });
  const suppressedRow = new Array<boolean>(n).fill(false);
  let classes = 0;
  for (const rows of members.values()) {
    let ok = rows.length >= s.k;
    if (ok && s.l && s.sensitive) ok = new Set(rows.map((i) => s.sensitive![i])).size >= s.l;
    if (!ok) for (const i of rows) suppressedRow[i] = true; else classes++;
  }
  const suppressed = suppressedRow.filter(Boolean).length;
  const feasible = suppressed <= Math.floor(s.suppressionLimit * n + 1e-9);
  // ARX Loss
  const m = s.hierarchies.length;
  const L: number[] = [];
  for (let j = 0; j < m; j++) {
    const h = s.hierarchies[j]!;
    const R = h.levels[0]!.length;
    let S = 0;
    for (let i = 0; i < n; i++) {
      if (suppressedRow[i]) { S += 1; continue; }
      const label = gen(h, s.rows[i]![j]!, levels[j]!);
      S += h.levels[levels[j]!]!.filter((x) => x === label).length / R;
    }
    const lo = n / R, den = n - lo;
    L.push(den > 0 ? Math.floor(1e10 * Math.max(0, (S - lo) / den)) / 1e10 : 0);
  }
  let p = 1;
  for (const x of L) p *= Math.pow(x + 1, 1 / m);
  return { feasible, suppressed, loss: p - 1, classes };
}

/** All level vectors of a lattice. */
export function allLevels(maxLevels: number[]): number[][] {
  const out: number[][] = [[]];
  for (const max of maxLevels) {
    const next: number[][] = [];
    for (const prefix of out) for (let l = 0; l <= max; l++) next.push([...prefix, l]);
    out.splice(0, out.length, ...next);
  }
  return out;
}
