/**
 * Dates: day → month (`2024-03`) → quarter (`2024-Q1`) → year (`2024`) → 5 years (`[2020-2025[`)
 * → decade (`[2020-2030[`) → `*`. Any subset of the levels, in that order. Values are ISO dates
 * (`YYYY-MM-DD`, a time part is ignored).
 */
import type { BuildContext } from './common.ts';
import { dataRows, specError, valueError, withTop } from './common.ts';
import { DATE_LEVELS } from './schema.ts';
import type { DatesSpec } from './schema.ts';

type DateLevel = (typeof DATE_LEVELS)[number];

const ISO = /^(-?\d{4,})-(\d{2})(?:-(\d{2}))?/;

function label(level: DateLevel, y: number, m: number): string {
  switch (level) {
    case 'month': return `${pad4(y)}-${String(m).padStart(2, '0')}`;
    case 'quarter': return `${pad4(y)}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'year': return pad4(y);
    case '5years': { const lo = Math.floor(y / 5) * 5; return `[${pad4(lo)}-${pad4(lo + 5)}[`; }
    case 'decade': { const lo = Math.floor(y / 10) * 10; return `[${pad4(lo)}-${pad4(lo + 10)}[`; }
  }
}
function pad4(y: number): string { return y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0'); }

export function buildDates(ctx: BuildContext, spec: DatesSpec, values: readonly string[]): string[][] {
  const chosen: DateLevel[] = spec === true || !spec.levels ? [...DATE_LEVELS] : spec.levels;
  for (let i = 1; i < chosen.length; i++) {
    if (DATE_LEVELS.indexOf(chosen[i]!) <= DATE_LEVELS.indexOf(chosen[i - 1]!)) {
      throw specError(ctx, [{ path: `${ctx.path}.levels[${i}]`, message: `date levels must go from fine to coarse without repeats, in the order ${DATE_LEVELS.join(', ')}` }]);
    }
  }
  const n = values.length;
  const ys = new Int32Array(n);
  const ms = new Int32Array(n);
  const bad: string[] = [];
  for (let i = 0; i < n; i++) {
    const m = ISO.exec(values[i]!.trim());
    const month = m ? Number(m[2]) : NaN;
    if (!m || !(month >= 1 && month <= 12)) { bad.push(values[i]!); continue; }
    ys[i] = Number(m[1]);
    ms[i] = month;
  }
  if (bad.length) {
    throw valueError(ctx, `${bad.length} value${bad.length > 1 ? 's are' : ' is'} not an ISO date`, [
      { path: ctx.path, message: `column ${ctx.column} has values that are not YYYY-MM-DD dates (${dataRows(ctx, bad)}); declare the column as a date or fix the values` },
    ]);
  }
  const levels: string[][] = [[...values]];
  for (const lv of chosen) {
    const level = new Array<string>(n);
    for (let i = 0; i < n; i++) level[i] = label(lv, ys[i]!, ms[i]!);
    levels.push(level);
  }
  return withTop(levels, n);
}
