/**
 * Risk assessment: equivalence classes, attacker models, population uniqueness, individual risk,
 * SUDA2, diversity/closeness of sensitive attributes, per-QI contributions, person level.
 * `assessTable` is the whole assessment (docs/assessment.md); the building blocks are exported for
 * the anonymization search and the attack simulations.
 */
export { assessTable, verdictOf, type Assessment, type AssessOptions, type AssessPolicy, type VerdictFailure } from './assess.ts';
export {
  equivalenceClasses, classSummary, sizeHistogram, histogramObject, coarsen, columnsByName,
  type ClassSummary, type SizeHistogram,
} from './classes.ts';
export {
  prosecutorRisk, journalistRisk, journalistRiskFromRecordRisks, marketerRisk,
  type ProsecutorRisk, type JournalistRisk, type PopulationSource,
} from './attacker.ts';
export {
  populationUniqueness, zayatz, pitman, snb, shlosserClasses, hypergeometricOne, populationSizeOf,
  type PopulationUniqueness, type Estimate, type PitmanEstimate, type SnbEstimate, type DankarModel,
} from './uniqueness.ts';
export { benedettiFranconi, individualRisk, type IndividualRisk, type IndividualRiskMethod } from './individual.ts';
export { suda2, type Suda2Options, type Suda2Result, type Suda2Summary } from './suda2.ts';
export { diversity, type Diversity, type DiversityOptions, type TDistance } from './diversity.ts';
export { aggregateByPerson, personsOf, type Aggregation, type PersonColumnSpec, type PersonLevel } from './person.ts';
export { lnGamma, digamma, trigamma } from './special.ts';
