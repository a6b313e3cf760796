/**
 * The `attacks:` section of a policy (the schema keeps it open; this module validates it).
 * Reference: docs/verdict.md §Policy.
 */
import * as z from 'zod';
import { AnonymatError } from '../errors.ts';

const names = z.array(z.string().min(1));

export const attacksSectionSchema = z.strictObject({
  /** Limit on every attack's upper confidence bound (same as thresholds.maxAttackRisk; default 0.05). */
  maxRisk: z.number().min(0).max(1).optional(),
  /** Attacks per evaluation (targets or predicates). Default 2000. */
  attacks: z.number().int().min(1).optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /**
   * Level of the intervals whose upper bound the limit judges. Default 0.95; the verdict's rule is the upper 95 % bound,
   * so a higher level (stricter) is allowed and a lower one refused: `confidence: 0.5` made it a 50 % bound — about the
   * point estimate — while the verdict still said 95 %.
   */
  confidence: z.number().min(0.95, { message: 'the verdict judges the upper bound of a 95 % interval at least: give 0.95 (the default) or more, below 1' }).lt(1).optional(),
  singlingOut: z.strictObject({
    mode: z.enum(['univariate', 'multivariate', 'both']).optional(),
    columns: names.optional(),
    nCols: z.number().int().min(1).optional(),
    enabled: z.boolean().optional(),
  }).optional(),
  linkability: z.strictObject({
    columns: z.tuple([names, names]).optional(),
    neighbours: z.number().int().min(1).optional(),
    enabled: z.boolean().optional(),
  }).optional(),
  inference: z.strictObject({
    secrets: names.optional(),
    auxColumns: names.optional(),
    tolerance: z.number().min(0).optional(),
    enabled: z.boolean().optional(),
  }).optional(),
  linkage: z.strictObject({
    on: names.optional(),
    truth: z.strictObject({ release: z.string().min(1), aux: z.string().min(1) }).optional(),
    m: z.number().gt(0).lt(1).optional(),
  }).optional(),
  crossRelease: z.strictObject({
    keyCardinality: z.number().min(0).max(1).optional(),
    keyRecurrence: z.number().min(0).max(1).optional(),
  }).optional(),
});

export type AttacksSection = z.infer<typeof attacksSectionSchema>;

/** Validates `policy.attacks` (undefined → {}), with paths such as `attacks.linkability.columns`. */
export function parseAttacksSection(section: unknown, source = 'policy'): AttacksSection {
  if (section === undefined || section === null) return {};
  const r = attacksSectionSchema.safeParse(section);
  if (r.success) return r.data;
  throw new AnonymatError('invalid-policy', `${source}: ${r.error.issues.length} problem(s) in the attacks section; see docs/verdict.md`,
    r.error.issues.map((i) => ({ path: ['attacks', ...i.path.map(String)].join('.'), message: i.message })));
}
