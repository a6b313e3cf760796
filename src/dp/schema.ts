/**
 * The DP query language and the data-set descriptor (zod 4). Anything else is rejected with
 * every issue and its JSON path ("$.select[0].count"). Rationals are written as strings
 * ("1/2", "0.1", "1e-9") or JSON numbers (taken at their shortest decimal form, exactly).
 * Reference: docs/dp.md.
 */
import * as z from 'zod';
import { AnonymatError, type Issue } from '../errors.ts';
import { type Rational, parseRational } from './rational.ts';

const rationalText = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const r = parseRational(v);
  if (!r) { ctx.addIssue({ code: 'custom', message: 'expected a number such as "1/2", "0.5" or "1e-6"' }); return z.NEVER; }
  return r;
});
const positive = rationalText.refine((r) => r.num > 0n, { message: 'must be > 0' });
const probability = rationalText.refine((r) => r.num > 0n && r.num < r.den, { message: 'must be strictly between 0 and 1' });
const quantileLevel = rationalText.refine((r) => r.num >= 0n && r.num <= r.den, { message: 'must be in [0, 1]' });
const columnName = z.string().min(1, 'a column name');
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const posInt = z.number().int().min(1);

const selectItem = z.union([
  z.strictObject({ count: z.enum(['rows', 'patients']) }),
  z.strictObject({ sum: columnName }),
  z.strictObject({ mean: columnName }),
  z.strictObject({ variance: columnName }),
  z.strictObject({ histogram: columnName, bins: z.array(z.number()).min(2, 'at least two bin edges') }),
  z.strictObject({ quantile: columnName, q: z.union([quantileLevel, z.array(quantileLevel).min(1)]), grid: positive.optional() }),
], { error: 'expected one of {"count":"rows"|"patients"}, {"sum":col}, {"mean":col}, {"variance":col}, {"histogram":col,"bins":[…]}, {"quantile":col,"q":…}' });

const condition = z.union([
  scalar,
  z.strictObject({ in: z.array(scalar).min(1) }),
  z.strictObject({ gte: z.number().optional(), gt: z.number().optional(), lte: z.number().optional(), lt: z.number().optional() })
    .refine((o) => Object.keys(o).length > 0, { message: 'give at least one of gte, gt, lte, lt' }),
]);

const bounds = z.tuple([z.union([z.number(), z.string()]), z.union([z.number(), z.string()])]);

export const querySchema = z.strictObject({
  select: z.array(selectItem).min(1, 'select at least one statistic'),
  from: z.string().min(1),
  where: z.record(z.string(), condition).optional(),
  groupBy: z.array(columnName).max(4, 'at most 4 group-by columns').optional(),
  keys: z.record(z.string(), z.array(scalar).min(1)).optional(),
  bounds: z.record(z.string(), bounds).optional(),
  contributions: z.strictObject({ rowsPerGroup: posInt.optional(), groupsPerPatient: posInt.optional() }).optional(),
  epsilon: positive.optional(),
  rho: positive.optional(),
  delta: probability.optional(),
  confidence: probability.optional(),
  mechanism: z.enum(['dp', 'small-cell-suppression']).optional(),
  suppression: z.strictObject({ threshold: posInt.optional() }).optional(),
});
export type Query = z.infer<typeof querySchema>;
export type SelectItem = Query['select'][number];

export const descriptorSchema = z.strictObject({
  name: z.string().min(1),
  privacyUnit: columnName,
  description: z.string().optional(),
  contributions: z.strictObject({ rowsPerGroup: posInt.optional(), groupsPerPatient: posInt.optional() }).optional(),
  columns: z.record(z.string(), z.strictObject({
    /**
     * The column's type, public metadata (the policy's vocabulary). A column a query reads as numbers (sums, means,
     * variances, quantiles, histograms, range conditions) must be declared numeric — here (integer, decimal, date, boolean,
     * or by its bounds or scale) or by the data's own schema — never judged from its values (docs/dp.md).
     */
    type: z.enum(['integer', 'decimal', 'date', 'boolean', 'string']).optional(),
    bounds: bounds.optional(),
    /** Decimal digits of the fixed-point grid (0 = integers). */
    scale: z.number().int().min(0).max(12).optional(),
    keys: z.array(scalar).min(1).optional(),
  })).optional(),
  suppression: z.strictObject({ allowed: z.boolean(), threshold: posInt.optional() }).optional(),
});
export type DatasetDescriptor = z.infer<typeof descriptorSchema>;

function jsonPath(path: readonly PropertyKey[]): string {
  let s = '$';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`;
  return s;
}

function zodIssues(e: z.ZodError): Issue[] {
  return e.issues.map((i) => ({ path: jsonPath(i.path), message: i.message }));
}

export function parseQuery(doc: unknown): Query {
  const r = querySchema.safeParse(doc);
  if (!r.success) throw new AnonymatError('invalid-query', 'the DP query is not valid (see docs/dp.md for the query language)', zodIssues(r.error));
  const q = r.data;
  const issues: Issue[] = [];
  const dp = (q.mechanism ?? 'dp') === 'dp';
  if (dp && (q.epsilon === undefined) === (q.rho === undefined)) issues.push({ path: '$', message: 'give exactly one of "epsilon" (pure DP) or "rho" (zCDP)' });
  if (!dp && (q.epsilon !== undefined || q.rho !== undefined || q.delta !== undefined)) issues.push({ path: '$.mechanism', message: 'small-cell suppression is not differential privacy and takes no epsilon, rho or delta' });
  q.select.forEach((s, i) => {
    if ('histogram' in s) {
      for (let j = 1; j < s.bins.length; j++) if (!(s.bins[j]! > s.bins[j - 1]!)) { issues.push({ path: `$.select[${i}].bins[${j}]`, message: 'bin edges must be strictly increasing' }); break; }
      if (q.groupBy?.length) issues.push({ path: `$.select[${i}]`, message: 'a histogram cannot be combined with groupBy (group by a binned column instead)' });
    }
    if ('quantile' in s && q.groupBy?.length) issues.push({ path: `$.select[${i}]`, message: 'quantiles are computed over the whole (filtered) data; remove groupBy' });
    if (!dp && !('count' in s)) issues.push({ path: `$.select[${i}]`, message: 'small-cell suppression supports count only' });
  });
  if (issues.length) throw new AnonymatError('invalid-query', 'the DP query is not valid (see docs/dp.md for the query language)', issues);
  return q;
}

export function parseDescriptor(doc: unknown, source = 'descriptor'): DatasetDescriptor {
  const r = descriptorSchema.safeParse(doc);
  if (!r.success) {
    throw new AnonymatError('invalid-input', `the data-set descriptor ${source} is not valid (see docs/dp.md)`, zodIssues(r.error));
  }
  // (bounds and a grid are numbers': a column declared text cannot have them)
  const issues: Issue[] = [];
  for (const [name, c] of Object.entries(r.data.columns ?? {})) {
    if (c.type === 'string' && (c.bounds !== undefined || c.scale !== undefined)) {
      issues.push({ path: jsonPath(['columns', name, 'type']), message: 'a column declared "string" (text) has no bounds or scale: remove them, or declare its numeric type' });
    }
  }
  if (issues.length) throw new AnonymatError('invalid-input', `the data-set descriptor ${source} is not valid (see docs/dp.md)`, issues);
  return r.data;
}

export type { Rational };
