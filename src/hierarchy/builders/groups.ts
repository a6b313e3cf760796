/**
 * Ordered groups. Level 1 is either the listed groups (`groups: [[a, b], [c, d, e]]`, or
 * `{of: […]}`), or groups of `size` consecutive values in the column's natural order. Each further
 * level merges `merge[h]` adjacent groups (default 2) until one group is left; then `*`.
 * A group's label is its only member, or `[first-last]` (first and last member in order).
 *
 * Explicit maps: `map: [{value: parent, …}, {parent: grandparent, …}]`, one record per level,
 * each mapping every label of the previous level to its parent.
 */
import type { ColumnKind } from '../../table/table.ts';
import { isNumericKind, labelToNumber } from '../../table/table.ts';
import type { BuildContext } from './common.ts';
import { dataRows, sample, specError, valueError, withTop } from './common.ts';
import type { GroupsSpec, MapSpec } from './schema.ts';

function groupLabel(members: readonly string[], lo: number, hi: number): string {
  return lo === hi ? members[lo]! : `[${members[lo]}-${members[hi]}]`;
}

export function buildGroups(ctx: BuildContext, spec: GroupsSpec, values: readonly string[], kind: ColumnKind): string[][] {
  const n = values.length;
  const explicit = Array.isArray(spec) ? spec : spec.of;
  const size = Array.isArray(spec) ? undefined : spec.size;
  const merge = Array.isArray(spec) ? [] : spec.merge ?? [];
  if ((explicit === undefined) === (size === undefined)) {
    throw specError(ctx, [{ path: ctx.path, message: 'give either the groups (a list of lists, or `of`) or a group `size`' }]);
  }
  // order: the members in group order; groupOfMember: index of the group of each member position
  let order: string[];
  let groupStart: number[]; // start position (in order) of each level-1 group
  if (explicit) {
    order = [];
    groupStart = [];
    const seen = new Map<string, string>();
    const issues = [];
    for (let g = 0; g < explicit.length; g++) {
      groupStart.push(order.length);
      for (let j = 0; j < explicit[g]!.length; j++) {
        const v = explicit[g]![j]!;
        if (seen.has(v)) { issues.push({ path: `${ctx.path}${Array.isArray(spec) ? '' : '.of'}[${g}][${j}]`, message: `value ${JSON.stringify(v)} is listed twice (also at ${seen.get(v)}); a value belongs to one group` }); continue; }
        seen.set(v, `[${g}][${j}]`);
        order.push(v);
      }
    }
    if (issues.length) throw specError(ctx, issues);
    const missing = values.filter((v) => !seen.has(v));
    if (missing.length) {
      throw valueError(ctx, `${missing.length} value${missing.length > 1 ? 's are' : ' is'} in no group`, [
        { path: ctx.path, message: `column ${ctx.column}: add to a group ${dataRows(ctx, missing)}` },
      ]);
    }
  } else {
    order = [...new Set(values)];
    if (isNumericKind(kind)) order.sort((a, b) => labelToNumber(kind, a) - labelToNumber(kind, b) || (a < b ? -1 : a > b ? 1 : 0));
    else order.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    groupStart = [];
    for (let p = 0; p < order.length; p += size!) groupStart.push(p);
  }
  const posOf = new Map<string, number>();
  order.forEach((v, p) => posOf.set(v, p));
  // groupOfPos at the current level, and the [lo, hi] member range of each group
  const groupOfPos = new Int32Array(order.length);
  let ranges: [number, number][] = groupStart.map((s, g) => [s, (groupStart[g + 1] ?? order.length) - 1]);
  ranges.forEach(([lo, hi], g) => { for (let p = lo; p <= hi; p++) groupOfPos[p] = g; });
  const levels: string[][] = [[...values]];
  const emit = () => {
    const labels = ranges.map(([lo, hi]) => groupLabel(order, lo, hi));
    levels.push(values.map((v) => labels[groupOfPos[posOf.get(v)!]!]!));
  };
  emit();
  for (let h = 0; ranges.length > 1; h++) {
    const m = merge[h] ?? 2;
    const next: [number, number][] = [];
    for (let g = 0; g < ranges.length; g += m) {
      const last = Math.min(g + m, ranges.length) - 1;
      next.push([ranges[g]![0], ranges[last]![1]]);
    }
    ranges = next;
    ranges.forEach(([lo, hi], g) => { for (let p = lo; p <= hi; p++) groupOfPos[p] = g; });
    if (ranges.length > 1) emit();
  }
  return withTop(levels, n);
}

export function buildMap(ctx: BuildContext, spec: MapSpec, values: readonly string[]): string[][] {
  const n = values.length;
  const levels: string[][] = [[...values]];
  let current: readonly string[] = values;
  for (let h = 0; h < spec.length; h++) {
    const m = spec[h]!;
    const missing = new Set<string>();
    const next = current.map((v) => {
      const p = Object.hasOwn(m, v) ? m[v] : undefined;
      if (p === undefined) missing.add(v);
      return p ?? '';
    });
    if (missing.size) {
      throw valueError(ctx, `level ${h + 1} has no parent for ${missing.size} label${missing.size > 1 ? 's' : ''}`, [
        { path: `${ctx.path}[${h}]`, message: `column ${ctx.column}: map every level-${h} label to a parent; missing: ${h === 0 ? dataRows(ctx, [...missing]) : sample([...missing])}` },
      ]);
    }
    levels.push(next);
    current = next;
  }
  return withTop(levels, n);
}
