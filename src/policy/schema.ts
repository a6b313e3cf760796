/**
 * The policy file's schema (YAML or JSON), validated with zod. Every problem is reported at once,
 * each with its path (e.g. `columns.age.role`). Sections owned by later stages (anonymize, attacks,
 * pseudonymize, dp) accept extra keys so those stages can extend them; the core sections are
 * strict, so a typo such as `tresholds` or `rol` is an error, not a silent default.
 * Reference: docs/policy.md.
 */
import * as z from 'zod';
import { hierarchySpecSchema } from '../hierarchy/builders/schema.ts';

export const roles = ['identifier', 'person-key', 'quasi', 'sensitive', 'insensitive', 'weight'] as const;
export type Role = (typeof roles)[number];

export const kinds = ['string', 'integer', 'decimal', 'date', 'boolean'] as const;
export const aggregations = ['first', 'min', 'max', 'mode', 'set'] as const;
export type Aggregation = (typeof aggregations)[number];
export const actions = ['drop', 'pseudonymize', 'shift-dates', 'generalize', 'keep'] as const;

const fraction = z.number().min(0).max(1);

/**
 * A strict section: an unknown key is an error that names it and the section's nearest key ("K" → "k",
 * "maxProsecutorrisk" → "maxProsecutorRisk"), else the section's keys — zod's "Unrecognized key" left the reader to guess.
 */
function strict<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? iss.keys.map((k) => unknownKey(k, known)).join('; ') : undefined),
  });
}

/** The message of an unknown key: its nearest known key when one is near, else the known keys. */
function unknownKey(key: string, known: readonly string[]): string {
  const near = nearestName(key, known);
  return `unknown key ${JSON.stringify(key)} (${near !== null ? `did you mean ${JSON.stringify(near)}?` : `the keys here: ${known.join(', ')}`})`;
}

/**
 * The known name nearest a misspelled one: fewest edits (insertions, deletions, substitutions, transpositions of two
 * letters) without regard to case, when they are at most a third of the longer name (at least one); null when none is.
 */
function nearestName(name: string, known: readonly string[]): string | null {
  const a = name.toLowerCase();
  let best: string | null = null, bestDistance = Infinity;
  for (const k of known) {
    const b = k.toLowerCase();
    const d = editDistance(a, b);
    if (d < bestDistance && d <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 3))) { best = k; bestDistance = d; }
  }
  return best;
}

/**
 * The parse's error map: an unknown key of a strict object without a message of its own (a hierarchy builder's: `intervals:
 * { widths: … }`) is named with the object's nearest key, as the policy's own sections name theirs.
 */
export const policyErrorMap: z.core.$ZodErrorMap = (iss) => {
  if (iss.code !== 'unrecognized_keys') return undefined;
  const shape = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  return shape ? iss.keys.map((k) => unknownKey(k, Object.keys(shape))).join('; ') : undefined;
};

/** A problem of the policy: its path (keys and indices) and message. */
export interface PolicyIssue { path: PropertyKey[]; message: string }

/**
 * The issues of a failed parse, a union's own made precise: `z.union([file, builder])` said only "Invalid input" for a typo
 * inside a builder (`intervals: { widths: … }`, `width: "5"`, `dates: { levels: [year, decades] }`). The options the value
 * does not even have the type of (a file name's string for an object, `true` for `{ levels: … }`) are set aside: when one
 * option is left, its own issues are given, at their full path; when none is, the types the value may have. Parse with
 * `reportInput: true` (the value's type is read from the issue; the value itself is never put in a message).
 */
export function explainIssues(issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[] = []): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  for (const i of issues) {
    const path = [...base, ...i.path];
    if (i.code === 'invalid_union' && i.errors.length > 0) {
      const input = (i as { input?: unknown }).input;
      const typeOnly = (opt: readonly z.core.$ZodIssue[]): boolean => {
        if (opt.length !== 1 || opt[0]!.path.length !== 0) return false;
        const o = opt[0]!;
        if (o.code === 'invalid_type') return true;
        return o.code === 'invalid_value' && 'input' in i && o.values.every((v) => typeName(v) !== typeName(input));
      };
      const meant = i.errors.filter((opt) => !typeOnly(opt));
      if (meant.length === 1) { out.push(...explainIssues(meant[0]!, path)); continue; }
      if (meant.length === 0) {
        const expected = [...new Set(i.errors.map((opt) => {
          const o = opt[0]!;
          return o.code === 'invalid_type' ? o.expected : o.code === 'invalid_value' ? o.values.map((v) => JSON.stringify(v)).join(' or ') : 'another value';
        }))];
        // (a key left out — `widths` written for `width` — is missing, not "received undefined")
        out.push({ path, message: 'input' in i && input === undefined ? `missing: expected ${expected.join(' or ')}` : `Invalid input: expected ${expected.join(' or ')}${'input' in i ? `, received ${typeName(input)}` : ''}` });
        continue;
      }
    }
    out.push({ path, message: i.message });
  }
  return out;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function editDistance(a: string, b: string): number {
  // (optimal string alignment: rows i − 2, i − 1, i)
  let prev2: number[] = [], prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
    }
    prev2 = prev; prev = cur;
  }
  return prev[b.length]!;
}

export const columnPolicySchema = strict({
  role: z.enum(roles),
  type: z.enum(kinds).optional(),
  /** ARX hierarchy CSV (path relative to the policy file) or a builder spec (see docs/hierarchies.md). */
  hierarchy: z.union([z.string().min(1), hierarchySpecSchema]).optional(),
  /** Per-person aggregation of a quasi-identifier when a person has several rows. */
  aggregate: z.enum(aggregations).optional(),
  /** What pseudonymization does with the column (identifiers default to drop). */
  action: z.enum(actions).optional(),
  /** Free-text column to de-identify with the text recognizers. */
  text: z.boolean().optional(),
  /** The column holds birth dates or birth years, whatever its header: generalized as one (90+ over 89 at the reference date). */
  birthDate: z.boolean().optional(),
  /** Attribute weight for information-loss metrics (default 1). */
  weight: z.number().positive().optional(),
  /** Ordered (t-closeness ordered distance) even if text. */
  ordered: z.boolean().optional(),
  /** The values of an ordinal text column, lowest first (t-closeness ordered distance in this order; implies ordered). */
  order: z.array(z.string()).min(2).optional(),
  description: z.string().optional(),
});
export type ColumnPolicy = z.infer<typeof columnPolicySchema>;

// (strict, as the other core sections: "K" or "maxProsecutorrisk" was ignored, and the verdict called data of k = 1 fine)
export const thresholdsSchema = strict({
  k: z.number().int().min(1).optional(),
  l: z.number().min(1).optional(),
  lVariant: z.enum(['distinct', 'entropy', 'recursive']).optional(),
  /** c of recursive (c,l)-diversity. */
  c: z.number().positive().optional(),
  t: z.number().min(0).max(1).optional(),
  tDistance: z.enum(['equal', 'ordered', 'hierarchical']).optional(),
  maxProsecutorRisk: fraction.optional(),
  maxAverageRisk: fraction.optional(),
  /** Share of records allowed above maxProsecutorRisk (default 0). */
  maxRecordsAtRisk: fraction.optional(),
  maxJournalistRisk: fraction.optional(),
  maxMarketerRisk: fraction.optional(),
  maxSampleUniques: fraction.optional(),
  maxPopulationUniques: fraction.optional(),
  /** Upper bound of every attack's 95% confidence interval (default 0.05). */
  maxAttackRisk: fraction.optional(),
  /** δ-presence bounds (needs population.table). */
  deltaMin: fraction.optional(),
  deltaMax: fraction.optional(),
  /** k-map (needs population.table: a class's matches are counted in it; a sampling fraction gives no records to match). */
  kMap: z.number().int().min(1).optional(),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const populationSchema = strict({
  samplingFraction: z.number().gt(0).max(1).optional(),
  size: z.number().int().positive().optional(),
  /** A population table (path relative to the policy): same quasi-identifiers, one row per person. */
  table: z.string().optional(),
});

export const inputSchema = strict({
  format: z.enum(['csv', 'tsv', 'parquet', 'jsonl', 'json']).optional(),
  delimiter: z.string().min(1).max(4).optional(),
  quote: z.string().length(1).optional(),
  escape: z.string().length(1).optional(),
  header: z.boolean().optional(),
  encoding: z.enum(['utf-8', 'latin-1']).optional(),
  missing: z.array(z.string()).optional(),
  /** The decimal separator of numbers written as text ("1,94" in French exports): '.' (default) or ','. */
  decimal: z.enum(['.', ',']).optional(),
  /** The order of a date written with slashes, dots or dashes ("04/08/2004"): ymd (ISO only, default), dmy or mdy. */
  dateOrder: z.enum(['ymd', 'dmy', 'mdy']).optional(),
});

export const anonymizeSchema = z.looseObject({
  suppressionLimit: fraction.optional(),
  metric: z.enum(['loss', 'discernibility', 'entropy', 'precision', 'aecs']).optional(),
  strategy: z.enum(['auto', 'optimal', 'exhaustive', 'heuristic', 'mondrian', 'mdav']).optional(),
  maxOptimalLattice: z.number().int().positive().optional(),
  /** Records the transformation suppresses: removed (default), kept with every quasi-identifier
   * masked (`mask`), or kept with the fewest cells masked (`local`: local cell suppression). */
  suppressed: z.enum(['remove', 'mask', 'local']).optional(),
  seed: z.number().int().optional(),
});

export const riskSchema = strict({
  /** Largest subset size SUDA2 searches (default 3; cost grows combinatorially). */
  suda2MaxSize: z.number().int().min(0).max(8).optional(),
  /** Individual-risk threshold for counting records at risk (default 0.1). */
  individualRiskThreshold: fraction.optional(),
});

/** `pseudonymize:` section (src/pseudonymize; docs/pseudonymize.md). Loose: later options may be added. */
export const pseudonymizeSchema = z.looseObject({
  /** De-identification profile applied to columns without an explicit action. */
  profile: z.enum(['safe-harbor', 'fr']).optional(),
  /** Environment variable holding the key when --key-file is not given (default ANONYMAT_KEY). */
  keyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
  /** Maximum per-person date shift in days (offsets in whole weeks in [-d, d] \ {0}, days when d < 7; default 365). */
  dateShiftDays: z.number().int().min(1).max(36500).optional(),
  /** Token domain: tokens of different domains do not match (use one per release/recipient). */
  domain: z.string().optional(),
  /** French profile: communes below this population are merged (default 20000, minimum 1000). */
  communeThreshold: z.number().int().min(1000).optional(),
  /** Reference date for ages (Safe Harbor 90+), YYYY-MM-DD (default: today). */
  referenceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Replacement for free-text columns (columns with text: true). */
  textReplacement: z.enum(['mask', 'tag', 'surrogate', 'pseudonym']).optional(),
  lang: z.enum(['fr', 'en', 'auto']).optional(),
});

export const policySchema = strict({
  $schema: z.string().optional(),
  description: z.string().optional(),
  columns: z.record(z.string().min(1), columnPolicySchema),
  thresholds: thresholdsSchema.default({}),
  population: populationSchema.optional(),
  input: inputSchema.optional(),
  risk: riskSchema.optional(),
  anonymize: anonymizeSchema.optional(),
  attacks: z.looseObject({}).optional(),
  pseudonymize: pseudonymizeSchema.optional(),
  dp: z.looseObject({}).optional(),
}).superRefine((p, ctx) => {
  const byRole = (r: Role) => Object.entries(p.columns).filter(([, c]) => c.role === r).map(([n]) => n);
  for (const r of ['person-key', 'weight'] as const) {
    const cols = byRole(r);
    if (cols.length > 1) ctx.addIssue({ code: 'custom', path: ['columns', cols[1]!, 'role'], message: `only one column may have role ${r} (also: ${cols[0]})` });
  }
  for (const [name, c] of Object.entries(p.columns)) {
    if (c.aggregate && c.role !== 'quasi' && c.role !== 'sensitive') ctx.addIssue({ code: 'custom', path: ['columns', name, 'aggregate'], message: 'aggregate applies to quasi-identifiers and sensitive columns only' });
    if (c.role === 'weight' && c.type && c.type !== 'decimal' && c.type !== 'integer') ctx.addIssue({ code: 'custom', path: ['columns', name, 'type'], message: 'a weight column must be numeric (integer or decimal)' });
    if (c.birthDate) {
      // (a birth date is a quasi-identifier's value: not a person's key, a weight, a free text, a boolean or a decimal)
      const why = c.role === 'person-key' || c.role === 'weight' ? `a column of role ${c.role} holds no birth dates` : c.text ? 'a free-text column (text: true) holds no birth dates: its dates are redacted with the text recognizers'
        : c.type === 'boolean' || c.type === 'decimal' ? `a column of type ${c.type} holds no birth dates (dates, or years as integers)` : null;
      if (why) ctx.addIssue({ code: 'custom', path: ['columns', name, 'birthDate'], message: `${why}; remove birthDate or fix the column's role or type` });
    }
  }
  const t = p.thresholds;
  if ((t.l !== undefined || t.t !== undefined) && byRole('sensitive').length === 0) {
    ctx.addIssue({ code: 'custom', path: ['thresholds', t.l !== undefined ? 'l' : 't'], message: 'l and t need at least one column with role sensitive' });
  }
  if (t.lVariant === 'recursive' && t.c === undefined) ctx.addIssue({ code: 'custom', path: ['thresholds', 'c'], message: 'recursive (c,l)-diversity needs c' });
  if ((t.deltaMin !== undefined || t.deltaMax !== undefined) && !p.population?.table) ctx.addIssue({ code: 'custom', path: ['thresholds', 'deltaMax'], message: 'δ-presence needs population.table' });
  // (k-map counts each class's matches among the population's records: without a table there are none to count, and the
  // threshold went unevaluated — `assess` passed the policy while `anonymize` refused it)
  if (t.kMap !== undefined && !p.population?.table) ctx.addIssue({ code: 'custom', path: ['thresholds', 'kMap'], message: 'k-map needs population.table (a population table with the same quasi-identifiers, one row per person); a sampling fraction or a population size gives no records to match' });
});

export type PolicyDocument = z.infer<typeof policySchema>;
