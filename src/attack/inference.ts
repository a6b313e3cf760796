/**
 * Inference (Anonymeter §3, WP29 criterion 3): the attacker knows some columns of a target
 * (auxiliary columns) and guesses a secret column as the secret of the nearest released record.
 * Success: the same category (a generalized released category counts when it contains the true
 * one and is not `*`), or for numbers a guess within ±tolerance × |secret| of the secret (every
 * point of a released interval must be within it). Anonymeter measures the tolerance relative to
 * the guess; we measure it relative to the secret, so negative or zero guesses behave.
 */
import { AnonymatError } from '../errors.ts';
import { attackFigures, type AttackFigures } from './stats.ts';
import { makeContext, sampleRows, CONTROL, ORIGINAL, RELEASE, type AttackContext, type AttackInput } from './context.ts';
import { buildNeighbourIndex, nearest } from './neighbours.ts';
import { compatible } from './space.ts';

export interface InferenceOptions extends AttackInput {
  auxColumns: string[];
  secret: string;
  /** Relative tolerance for numeric secrets. Default 0.05 (Anonymeter's). */
  tolerance?: number;
  /** Force regression (numeric) or classification; default: numeric when the original column is numeric. */
  regression?: boolean;
}

export interface InferenceResult extends AttackFigures {
  secret: string;
  auxColumns: string[];
  regression: boolean;
  notes: string[];
  warnings: string[];
}

export function inference(opts: InferenceOptions): InferenceResult {
  if (!opts.auxColumns.length) throw new AnonymatError('invalid-usage', 'inference needs at least one auxiliary column');
  if (typeof opts.secret !== 'string') throw new AnonymatError('invalid-usage', 'inference takes one secret column (a name)');
  if (opts.auxColumns.includes(opts.secret)) throw new AnonymatError('invalid-usage', `the secret column ${JSON.stringify(opts.secret)} cannot also be an auxiliary column`);
  const names = [...opts.auxColumns, opts.secret];
  const ctx = makeContext(opts, names, 31);
  const s = names.length - 1;
  const secretCol = ctx.space.columns[s]!;
  const regression = opts.regression ?? secretCol.numeric;
  if (regression && !secretCol.numeric) throw new AnonymatError('invalid-usage', `secret column ${JSON.stringify(opts.secret)} is not numeric: regression is impossible`);
  const tol = opts.tolerance ?? 0.05;
  const index = buildNeighbourIndex(ctx.space, opts.auxColumns.map((_, i) => i), RELEASE, ctx.priority());
  const rel = secretCol.views[RELEASE]!;
  const success = (table: number, row: number, guessRow: number): boolean => {
    const tv = secretCol.views[table]!;
    const t = tv.codes[row]!, g = rel.codes[guessRow]!;
    if (rel.any[g]) return false;
    if (tv.miss[t] || rel.miss[g]) return tv.miss[t] === 1 && rel.miss[g] === 1;
    if (!regression) return compatible(secretCol, tv, t, rel, g);
    const x = tv.lo![t]!;
    const lim = tol * Math.abs(x);
    return Math.abs(rel.lo![g]! - x) <= lim && Math.abs(rel.hi![g]! - x) <= lim;
  };
  const run = (c: AttackContext, table: number, rows: Int32Array): number => {
    void c;
    let k = 0;
    for (const r of rows) { const nn = nearest(index, table, r, 1).rows; if (nn.length && success(table, r, nn[0]!)) k++; }
    return k;
  };
  const targets = sampleRows(ctx.rng, opts.original.rowCount, ctx.nAttacks);
  const successes = run(ctx, ORIGINAL, targets);
  let baselineSuccesses = 0;
  for (const r of targets) if (success(ORIGINAL, r, ctx.rng.int(opts.release.rowCount))) baselineSuccesses++;
  let control = {};
  if (ctx.hasControl) {
    const ct = sampleRows(ctx.rng, opts.control!.rowCount, ctx.nAttacks);
    control = { controlSuccesses: run(ctx, CONTROL, ct), controlAttacks: ct.length };
  }
  const notes: string[] = [];
  if (opts.original.rowCount > targets.length) notes.push(`${targets.length} targets sampled from ${opts.original.rowCount} original records (seeded)`);
  const fig = attackFigures({ successes, attacks: targets.length, baselineSuccesses, baselineAttacks: targets.length, ...control }, ctx.confidence);
  return { ...fig, secret: opts.secret, auxColumns: opts.auxColumns, regression, notes, warnings: ctx.warnings };
}
