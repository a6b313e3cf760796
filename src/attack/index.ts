/**
 * Attack simulations and the anonymity verdict (docs/verdict.md): singling out, linkability and
 * inference measured against a control set (Anonymeter's method, seeded and with generalized
 * values), linkage with an auxiliary table, cross-release linkability, and `proveAnonymity`.
 */
export { proveAnonymity, verdictSummary, confidenceLabel, type ProveInput, type VerdictReport, type VerdictPolicy, type Failure, type IdentifierDetector } from './verdict.ts';
export { singlingOut, countMatches, type SinglingOutOptions, type SinglingOutResult, type Predicate, type Condition } from './singling-out.ts';
export { linkability, type LinkabilityOptions, type LinkabilityResult } from './linkability.ts';
export { inference, inferenceMany, type InferenceOptions, type InferenceResult } from './inference.ts';
export { linkage, type LinkageOptions, type LinkageResult, type LinkageCounts } from './linkage.ts';
export { crossRelease, type CrossReleaseOptions, type CrossReleaseResult, type CrossColumn } from './cross-release.ts';
export { wilson, probit, attackFigures, residual, type AttackFigures, type AttackCounts, type SuccessRate } from './stats.ts';
export { parseNumericLabel, parseCategoricalLabel, categoricalAllows, numericAllows, type NumericCell, type CategoricalCell } from './labels.ts';
export { buildSpace, compatible, cellDistance, distancesTo, type Space, type SpaceColumn, type HierarchyLike } from './space.ts';
export { NO_CONTROL_WARNING, DEFAULT_ATTACKS, type AttackInput } from './context.ts';
export { parseAttacksSection, attacksSectionSchema, type AttacksSection } from './policy.ts';
