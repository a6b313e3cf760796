/**
 * Numeric intervals: level h groups values into half-open intervals `[lo-hi[` of width `width[h-1]`,
 * aligned on `start` (default `bottom`, else 0). Each width must be a multiple of the previous one,
 * so the intervals nest. Bottom coding: values < bottom become `<bottom`; top coding: values ≥ top
 * become `>=top` (e.g. "90 or older"); an interval that crosses `top` is cut there (`[80-90[`).
 * The last level is `*`.
 */
import type { ColumnKind } from '../../table/table.ts';
import type { BuildContext } from './common.ts';
import { dataRows, fmt, specError, valueError, withTop } from './common.ts';
import type { IntervalsSpec } from './schema.ts';

export function buildIntervals(ctx: BuildContext, spec: IntervalsSpec, values: readonly string[], kind: ColumnKind): string[][] {
  const widths = typeof spec.width === 'number' ? [spec.width] : spec.width;
  const issues = [];
  for (let h = 1; h < widths.length; h++) {
    const ratio = widths[h]! / widths[h - 1]!;
    if (!(ratio >= 1) || Math.abs(ratio - Math.round(ratio)) > 1e-9) {
      issues.push({ path: `${ctx.path}.width[${h}]`, message: `width ${fmt(widths[h]!)} is not a multiple of the previous width ${fmt(widths[h - 1]!)}; widths must nest (e.g. [5, 10, 20])` });
    }
  }
  if (spec.bottom !== undefined && spec.top !== undefined && !(spec.bottom < spec.top)) {
    issues.push({ path: `${ctx.path}.top`, message: `top (${fmt(spec.top)}) must be greater than bottom (${fmt(spec.bottom)})` });
  }
  if (kind === 'date') issues.push({ path: ctx.path, message: `column ${ctx.column} is a date column: use the dates builder ({dates: true})` });
  if (issues.length) throw specError(ctx, issues);

  const n = values.length;
  const x = new Float64Array(n);
  const bad: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    x[i] = v.trim() === '' ? NaN : Number(v);
    if (!Number.isFinite(x[i]!)) bad.push(v);
  }
  if (bad.length) {
    throw valueError(ctx, `${bad.length} value${bad.length > 1 ? 's are' : ' is'} not a number`, [
      { path: ctx.path, message: `column ${ctx.column} has non-numeric values (${dataRows(ctx, bad)}); declare the column's type or use another builder` },
    ]);
  }
  const origin = spec.start ?? spec.bottom ?? 0;
  const levels: string[][] = [[...values]];
  for (const w of widths) {
    const level = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (spec.bottom !== undefined && v < spec.bottom) { level[i] = `<${fmt(spec.bottom)}`; continue; }
      if (spec.top !== undefined && v >= spec.top) { level[i] = `>=${fmt(spec.top)}`; continue; }
      const q = (v - origin) / w;
      let idx = Math.floor(q);
      if (q - idx > 1 - 1e-9) idx++; // 0.3 / 0.1 = 2.9999999999999996 is bin 3
      let lo = origin + idx * w;
      let hi = origin + (idx + 1) * w;
      if (spec.bottom !== undefined && lo < spec.bottom) lo = spec.bottom;
      if (spec.top !== undefined && hi > spec.top) hi = spec.top;
      level[i] = `[${fmt(lo)}-${fmt(hi)}[`;
    }
    levels.push(level);
  }
  return withTop(levels, n);
}
