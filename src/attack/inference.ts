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
import { makeContext, sampleRows, sampleTargets, unitCount, CONTROL, ORIGINAL, RELEASE, type AttackInput } from './context.ts';
import { buildNeighbourIndex, nearest } from './neighbours.ts';
import { compatible } from './space.ts';

export interface InferenceOptions extends AttackInput {
  auxColumns: string[];
  secret: string;
  /** Relative tolerance for numeric secrets. Default 0.05 (Anonymeter's). */
  tolerance?: number;
  /** Force regression (numeric) or classification; default: numeric when the original column is a number (not a date). */
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
  return inferenceMany({ ...opts, secrets: [opts.secret] })[0]!;
}

/**
 * Inference of several secrets from the same auxiliary columns: the neighbours are searched once
 * (same targets, same seed) and each secret is scored on them. Results equal separate runs.
 */
export function inferenceMany(opts: Omit<InferenceOptions, 'secret'> & { secrets: string[] }): InferenceResult[] {
  if (!opts.auxColumns.length) throw new AnonymatError('invalid-usage', 'inference needs at least one auxiliary column');
  if (!Array.isArray(opts.secrets) || opts.secrets.some((x) => typeof x !== 'string')) throw new AnonymatError('invalid-usage', 'inference takes secret column names');
  for (const secret of opts.secrets) {
    if (opts.auxColumns.includes(secret)) throw new AnonymatError('invalid-usage', `the secret column ${JSON.stringify(secret)} cannot also be an auxiliary column`);
  }
  const names = [...opts.auxColumns, ...opts.secrets];
  const ctx = makeContext(opts, names, 31);
  const tol = opts.tolerance ?? 0.05;
  const index = buildNeighbourIndex(ctx.space, opts.auxColumns.map((_, i) => i), RELEASE, ctx.priority());
  const targets = sampleTargets(ctx, ORIGINAL, opts.original.rowCount, ctx.nAttacks);
  const guesses = Int32Array.from(targets, (r) => nearest(index, ORIGINAL, r, 1).rows[0] ?? -1);
  const baselineGuesses = Int32Array.from(targets, () => ctx.rng.int(opts.release.rowCount));
  let ct: Int32Array | null = null, ctGuesses: Int32Array | null = null;
  if (ctx.hasControl) {
    ct = sampleTargets(ctx, CONTROL, opts.control!.rowCount, ctx.nAttacks);
    ctGuesses = Int32Array.from(ct, (r) => nearest(index, CONTROL, r, 1).rows[0] ?? -1);
  }
  const notes: string[] = [];
  const total = unitCount(ctx, ORIGINAL, opts.original.rowCount);
  const units = ctx.persons[ORIGINAL] ? 'persons (one record each)' : 'records';
  if (total > targets.length) notes.push(`${targets.length} targets sampled from ${total} original ${units} (seeded)`);
  return opts.secrets.map((secret, si) => {
    const secretCol = ctx.space.columns[opts.auxColumns.length + si]!;
    // (a date is guessed exactly, or inside a released date interval: a tolerance relative to the value would count
    // days since 1970 — two years off for a date of 2024 — as Anonymeter scores dates, a non-number dtype, by equality)
    const regression = opts.regression ?? (secretCol.numeric && !secretCol.isDate);
    if (regression && !secretCol.numeric) throw new AnonymatError('invalid-usage', `secret column ${JSON.stringify(secret)} is not numeric: regression is impossible`);
    if (regression && secretCol.isDate) throw new AnonymatError('invalid-usage', `secret column ${JSON.stringify(secret)} holds dates: a relative tolerance has no meaning for dates (scored by equality or interval instead)`);
    const rel = secretCol.views[RELEASE]!;
    const success = (table: number, row: number, guessRow: number): boolean => {
      if (guessRow < 0) return false;
      const tv = secretCol.views[table]!;
      const t = tv.codes[row]!, g = rel.codes[guessRow]!;
      if (rel.any[g]) return false;
      if (tv.miss[t] || rel.miss[g]) return tv.miss[t] === 1 && rel.miss[g] === 1;
      if (!regression) return compatible(secretCol, tv, t, rel, g);
      const x = tv.lo![t]!;
      const lim = tol * Math.abs(x);
      return Math.abs(rel.lo![g]! - x) <= lim && Math.abs(rel.hi![g]! - x) <= lim;
    };
    const count = (table: number, rows: Int32Array, gs: Int32Array) => { let k = 0; for (let i = 0; i < rows.length; i++) if (success(table, rows[i]!, gs[i]!)) k++; return k; };
    const fig = attackFigures({
      successes: count(ORIGINAL, targets, guesses), attacks: targets.length,
      baselineSuccesses: count(ORIGINAL, targets, baselineGuesses), baselineAttacks: targets.length,
      ...(ct ? { controlSuccesses: count(CONTROL, ct, ctGuesses!), controlAttacks: ct.length } : {}),
    }, ctx.confidence);
    return { ...fig, secret, auxColumns: opts.auxColumns, regression, notes, warnings: ctx.warnings };
  });
}
