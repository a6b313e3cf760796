/**
 * The zod schema of a hierarchy builder in the policy file (`columns.<name>.hierarchy: {…}`).
 * Exactly one builder key per spec. A string (ARX CSV file) is handled by the policy, not here.
 */
import * as z from 'zod';

const scalar = z.union([z.string(), z.number()]).transform((v) => String(v));
const positive = z.number().positive().finite();

export const intervalsSpecSchema = z.strictObject({
  /** Width of the intervals at level 1, 2, …; each must be a multiple of the previous one. */
  width: z.union([positive, z.array(positive).min(1)]),
  /** Origin the intervals are aligned on (default: `bottom`, else 0). */
  start: z.number().finite().optional(),
  /** Bottom coding: values below `bottom` become `<bottom` at every interval level. */
  bottom: z.number().finite().optional(),
  /** Top coding: values at or above `top` become `>=top` at every interval level. */
  top: z.number().finite().optional(),
});

export const DATE_LEVELS = ['month', 'quarter', 'year', '5years', 'decade'] as const;
export const datesSpecSchema = z.union([
  z.literal(true),
  z.strictObject({ levels: z.array(z.enum(DATE_LEVELS)).min(1).optional() }),
]);

export const maskSpecSchema = z.strictObject({
  /** Number of masking levels (level h masks h characters); default: the longest value's length. */
  levels: z.number().int().min(1).max(64).optional(),
  /** Masking character (default `*`). */
  char: z.string().length(1).optional(),
  /** Mask from the end of the code (`right`, default: 75011 → 7501*) or from its start (`left`). */
  from: z.enum(['right', 'left']).optional(),
});

export const prefixSpecSchema = z.strictObject({
  /** Prefix lengths kept at level 1, 2, … (strictly decreasing), e.g. [4, 3, 2]. */
  lengths: z.array(z.number().int().min(0)).min(1),
});

export const ICD10_LEVELS = ['subcategory', 'category', 'block', 'chapter'] as const;
export const icd10SpecSchema = z.union([
  z.literal(true),
  z.strictObject({
    levels: z.array(z.enum(ICD10_LEVELS)).min(1).optional(),
    /** Codes whose category is not in the table: `error` (default) or `other` (label `other` up to `*`). */
    unknown: z.enum(['error', 'other']).optional(),
  }),
]);

export const groupsSpecSchema = z.union([
  z.array(z.array(scalar).min(1)).min(1),
  z.strictObject({
    /** Level-1 groups, in order (each a list of values). */
    of: z.array(z.array(scalar).min(1)).min(1).optional(),
    /** Or: level-1 groups of `size` consecutive values in the column's natural order. */
    size: z.number().int().min(1).optional(),
    /** How many adjacent groups merge at each further level (default 2, repeated until one group). */
    merge: z.array(z.number().int().min(2)).optional(),
  }),
]);

const levelMap = z.record(z.string(), scalar);
/** One mapping per level: a list, or an object `{level1: {...}, level2: {...}}` (levels 1..m, no gap). */
export const mapSpecSchema = z.union([
  z.array(levelMap).min(1),
  z.record(z.string().regex(/^level[1-9][0-9]*$/, 'keys are level1, level2, …'), levelMap).superRefine((v, ctx) => {
    const n = Object.keys(v).length;
    if (n === 0) ctx.addIssue({ code: 'custom', message: 'give at least level1' });
    for (let h = 1; h <= n; h++) if (!(`level${h}` in v)) ctx.addIssue({ code: 'custom', message: `level${h} is missing (levels must be level1..level${n})` });
  }).transform((v) => Object.keys(v).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5))).map((key) => v[key]!)),
]);

export const hierarchySpecSchema = z.strictObject({
  intervals: intervalsSpecSchema.optional(),
  dates: datesSpecSchema.optional(),
  mask: maskSpecSchema.optional(),
  prefix: prefixSpecSchema.optional(),
  icd10: icd10SpecSchema.optional(),
  groups: groupsSpecSchema.optional(),
  map: mapSpecSchema.optional(),
}).superRefine((v, ctx) => {
  const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: keys.length === 0
        ? 'a hierarchy builder needs one of: intervals, dates, mask, prefix, icd10, groups, map'
        : `a hierarchy builder takes exactly one of intervals, dates, mask, prefix, icd10, groups, map (got ${keys.join(', ')})`,
    });
  }
});

export type HierarchySpec = z.output<typeof hierarchySpecSchema>;
export type IntervalsSpec = z.output<typeof intervalsSpecSchema>;
export type DatesSpec = z.output<typeof datesSpecSchema>;
export type MaskSpec = z.output<typeof maskSpecSchema>;
export type PrefixSpec = z.output<typeof prefixSpecSchema>;
export type Icd10Spec = z.output<typeof icd10SpecSchema>;
export type GroupsSpec = z.output<typeof groupsSpecSchema>;
export type MapSpec = z.output<typeof mapSpecSchema>;
