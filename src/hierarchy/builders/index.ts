/**
 * Hierarchy builders usable from the policy file (`columns.<name>.hierarchy: {<builder>: …}`).
 * See docs/hierarchies.md for every builder with an example.
 */
import type { Hierarchy } from '../hierarchy.ts';
import type { ColumnKind } from '../../table/table.ts';
import type { BuildContext } from './common.ts';
import { joinPath, specError } from './common.ts';
import { hierarchySpecSchema } from './schema.ts';
import { buildIntervals } from './intervals.ts';
import { buildDates } from './dates.ts';
import { buildMask, buildPrefix } from './mask.ts';
import { buildIcd10 } from './icd10.ts';
import { buildGroups, buildMap } from './groups.ts';

export { hierarchySpecSchema } from './schema.ts';
export type { HierarchySpec } from './schema.ts';
export { icd10Table, normalizeIcd10 } from './icd10.ts';

/**
 * Builds the hierarchy of `column` over its distinct non-missing `values` (level 0, in the given
 * order) from a builder spec. Spec errors throw AnonymatError('invalid-policy') with issues at the
 * policy path (`columns.<column>.hierarchy.<builder>…`); values the builder cannot place (not a
 * number, not a date, unknown ICD-10 code, in no group) throw 'invalid-hierarchy'.
 * The top level is always a single label (`*` unless the spec's last level already is one).
 */
export function buildHierarchy(
  column: string, spec: unknown, values: string[], kind: ColumnKind,
  options: { path?: string; firstRow?: (value: string) => number | undefined } = {},
): Hierarchy {
  const base = options.path ?? `columns.${column}.hierarchy`;
  const parsed = hierarchySpecSchema.safeParse(spec);
  if (!parsed.success) {
    throw specError({ column, path: base }, parsed.error.issues.map((i) => ({
      path: joinPath(base, i.path), message: i.message,
    })));
  }
  const s = parsed.data;
  const at = (k: string): BuildContext => ({ column, path: `${base}.${k}`, ...(options.firstRow ? { firstRow: options.firstRow } : {}) });
  let levels: string[][];
  if (s.intervals) levels = buildIntervals(at('intervals'), s.intervals, values, kind);
  else if (s.dates !== undefined) levels = buildDates(at('dates'), s.dates, values);
  else if (s.mask) levels = buildMask(at('mask'), s.mask, values);
  else if (s.prefix) levels = buildPrefix(at('prefix'), s.prefix, values);
  else if (s.icd10 !== undefined) levels = buildIcd10(at('icd10'), s.icd10, values);
  else if (s.groups) levels = buildGroups(at('groups'), s.groups, values, kind);
  else levels = buildMap(at('map'), s.map!, values);
  return { column, levels };
}
