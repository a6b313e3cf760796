/**
 * Linkability (Anonymeter §2, WP29 criterion 2): two parties each hold some columns about the
 * same people (A and B). For a target, the attacker finds its nearest released records on A's
 * columns and on B's columns; the target's two halves are linked when the two neighbour sets
 * share a released record. Targets are original records (main) and control records (control);
 * the baseline draws the neighbours at random.
 *
 * Equally near released records are drawn at random, per target and independently for each half
 * (two seeded streams): one tie order shared by the halves resolved a tie to the same record in both
 * and linked targets the release says nothing about (every linkage column `*` linked every target).
 * With independent draws a release that carries no information links at the baseline's rate, 1/M.
 */
import { AnonymatError } from '../errors.ts';
import { attackFigures, type AttackFigures } from './stats.ts';
import { makeContext, sampleRows, sampleTargets, unitCount, CONTROL, ORIGINAL, RELEASE, type AttackInput } from './context.ts';
import { buildNeighbourIndex, nearest } from './neighbours.ts';

export interface LinkabilityOptions extends AttackInput {
  /** The two parties' columns: [A, B] (disjoint, each non-empty). */
  auxColumns: [string[], string[]];
  /** Neighbours per half. Default 1. */
  neighbours?: number;
}

export interface LinkabilityResult extends AttackFigures {
  auxColumns: [string[], string[]];
  neighbours: number;
  notes: string[];
  warnings: string[];
}

export function linkability(opts: LinkabilityOptions): LinkabilityResult {
  const [A, B] = Array.isArray(opts.auxColumns) ? opts.auxColumns : [];
  if (!A?.length || !B?.length) throw new AnonymatError('invalid-usage', 'linkability needs two non-empty column lists (the two parties)', [{ path: 'attacks.linkability.columns', message: 'give [[a columns], [b columns]]' }]);
  const k = Math.max(1, Math.floor(opts.neighbours ?? 1));
  const names = [...new Set([...A, ...B])];
  const ctx = makeContext(opts, names, 21);
  const idx = (cs: string[]) => cs.map((c) => names.indexOf(c));
  const prio = ctx.priority();
  const ia = buildNeighbourIndex(ctx.space, idx(A), RELEASE, prio);
  const ib = buildNeighbourIndex(ctx.space, idx(B), RELEASE, prio);
  const tiesA = ctx.stream(1), tiesB = ctx.stream(2);
  const run = (table: number, rows: Int32Array): number => {
    let s = 0;
    for (const r of rows) {
      const na = nearest(ia, table, r, k, tiesA).rows, nb = nearest(ib, table, r, k, tiesB).rows;
      if (na.some((x) => nb.includes(x))) s++;
    }
    return s;
  };
  const targets = sampleTargets(ctx, ORIGINAL, opts.original.rowCount, ctx.nAttacks);
  const successes = run(ORIGINAL, targets);
  const m = opts.release.rowCount;
  let baselineSuccesses = 0;
  const kk = Math.min(k, m);
  for (let i = 0; i < targets.length; i++) {
    const a = sampleRows(ctx.rng, m, kk), b = sampleRows(ctx.rng, m, kk);
    if (Array.from(a).some((x) => b.includes(x))) baselineSuccesses++;
  }
  let control: { controlSuccesses: number; controlAttacks: number } | object = {};
  if (ctx.hasControl) {
    const ct = sampleTargets(ctx, CONTROL, opts.control!.rowCount, ctx.nAttacks);
    control = { controlSuccesses: run(CONTROL, ct), controlAttacks: ct.length };
  }
  const notes: string[] = [];
  const units = ctx.persons[ORIGINAL] ? 'persons' : 'records';
  const total = unitCount(ctx, ORIGINAL, opts.original.rowCount);
  if (targets.length < ctx.nAttacks) notes.push(`${targets.length} targets (every original ${units === 'persons' ? 'person, one record each' : 'record'}; ${ctx.nAttacks} wanted)`);
  else if (total > targets.length) notes.push(`${targets.length} targets sampled from ${total} original ${units}${units === 'persons' ? ' (one record each)' : ''} (seeded)`);
  const fig = attackFigures({ successes, attacks: targets.length, baselineSuccesses, baselineAttacks: targets.length, ...control }, ctx.confidence);
  return { ...fig, auxColumns: [A, B], neighbours: k, notes, warnings: ctx.warnings };
}
