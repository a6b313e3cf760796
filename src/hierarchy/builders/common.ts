import { AnonymatError } from '../../errors.ts';
import type { Issue } from '../../errors.ts';

/** Where a builder reports problems: the column and the policy path of its spec. */
export interface BuildContext {
  readonly column: string;
  /** Policy path of the builder spec, e.g. `columns.age.hierarchy.intervals`. */
  readonly path: string;
}

/** Formats a zod-like path (`['width', 1]`) after a prefix: `prefix.width[1]`. */
export function joinPath(prefix: string, parts: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

export function specError(ctx: BuildContext, issues: Issue[]): AnonymatError {
  return new AnonymatError('invalid-policy',
    `hierarchy builder of column ${ctx.column} is not valid (${issues.length} problem${issues.length > 1 ? 's' : ''})`, issues);
}

export function valueError(ctx: BuildContext, what: string, issues: Issue[]): AnonymatError {
  return new AnonymatError('invalid-hierarchy', `hierarchy builder of column ${ctx.column}: ${what}`, issues);
}

/** Lists at most `max` quoted labels (hierarchy ground values are quasi-identifier labels). */
export function sample(values: readonly string[], max = 5): string {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v)).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/**
 * Appends the `*` level, so the number of levels does not depend on the data. With
 * `unlessSingle` (the mask builder, whose last level may already be `*****` for every value), the
 * level is only added when the last level has more than one label.
 */
export function withTop(levels: string[][], n: number, unlessSingle = false): string[][] {
  const last = levels[levels.length - 1]!;
  let single = n > 0 && levels.length > 1;
  for (let i = 1; i < n && single; i++) if (last[i] !== last[0]) single = false;
  if (!(unlessSingle && single)) levels.push(new Array<string>(n).fill('*'));
  return levels;
}

/** Formats a number without binary noise (0.1 + 0.2 → "0.3"). */
export function fmt(x: number): string {
  if (Object.is(x, -0)) return '0';
  return String(Number(x.toPrecision(12)));
}
