import { AnonymatError } from '../../errors.ts';
import type { Issue } from '../../errors.ts';

/** Where a builder reports problems: the column and the policy path of its spec. */
export interface BuildContext {
  readonly column: string;
  /** Policy path of the builder spec, e.g. `columns.age.hierarchy.intervals`. */
  readonly path: string;
  /** The first data row (1-based, header excluded) holding a value, when the caller knows the data. */
  readonly firstRow?: (value: string) => number | undefined;
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

/**
 * Where some values of the DATA are (never the values: a record's city or diagnosis is not printed): their first data
 * rows, in row order, at most `max` ("data rows 3, 17 and 2 more"); their number when the rows are not known.
 */
export function dataRows(ctx: BuildContext, values: readonly string[], max = 5): string {
  const rows = ctx.firstRow ? values.map((v) => ctx.firstRow!(v)).filter((r): r is number => r !== undefined).sort((a, b) => a - b) : [];
  if (rows.length === 0) return `${values.length} value${values.length > 1 ? 's' : ''} of the data`;
  const shown = rows.slice(0, max).join(', ');
  return `the value${rows.length > 1 ? 's' : ''} of data row${rows.length > 1 ? 's' : ''} ${shown}${rows.length > max ? ` and ${rows.length - max} more` : ''}`;
}

/** Lists at most `max` quoted labels of the POLICY (its own map or group labels, never the data's). */
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
