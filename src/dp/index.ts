/**
 * anonymat/dp — differential privacy for study statistics. Library API.
 *
 * Answer a query (the JSON language of docs/dp.md) with exact noise and a persistent budget:
 *
 *   import { openLedger, runQuery, parseDescriptor, parseRational } from './dp/index.ts';
 *   const ledger = await openLedger('budget.duckdb');          // a file path …
 *   // … or the observatory's already-open DuckDB connection: await openLedger(connection)
 *   await ledger.allocate('client-7', 'patients', { measure: 'zcdp', total: parseRational('1/2')!, delta: parseRational('1e-9')! });
 *   const dataset = parseDescriptor({ name: 'patients', privacyUnit: 'patient_id', columns: { age: { bounds: [0, 110] } } });
 *   const out = await runQuery(table, { select: [{ count: 'patients' }], from: 'patients', groupBy: ['sex'],
 *                                       keys: { sex: ['F', 'M'] }, epsilon: '1/2' },
 *                              { dataset, ledger, client: 'client-7' });
 *   if (out.status === 'refused') …                               // spent nothing; out.budget says what remains
 *   ledger.close();                                               // closes only what openLedger opened
 *
 * - `runQuery` validates (AnonymatError 'invalid-query' with JSON paths), prices the query from
 *   the constructors' privacy maps, charges the ledger (check-and-spend in one transaction), then
 *   draws noise from node:crypto. `rng` is for tests only (results say `randomness: "test-seeded"`).
 * - `planQuery(table, query, dataset)` prices without spending (`plan.charge(measure)`), e.g. for a
 *   "what would this cost" endpoint; never call `plan.execute()` without charging a ledger first.
 * - Timing: sampling time depends on the noise; a network service should pad response times
 *   with `runQuery(…, { padMs })` above its p99 (docs/dp.md "Timing").
 * - Constructors (`make*`) follow OpenDP's shape; each has `<name>.proof.md` beside it.
 */
export type { Rational } from './rational.ts';
export { rat, parseRational, toString as rationalToString, toNumber as rationalToNumber } from './rational.ts';
export type { RandomSource } from './random.ts';
export { cryptoSource, testSource } from './random.ts';
export {
  sampleBernoulli, sampleBernoulliExp, sampleGeometricExp, sampleDiscreteLaplace, sampleDiscreteGaussian,
} from './samplers.ts';
export type {
  Domain, MetricName, MeasureName, PrivacyLoss, Transformation, Measurement, ValueBounds,
  PatientRowsDomain, BoundedCellsDomain, IntVectorDomain,
} from './core.ts';
export { makeChainTT, makeChainMT } from './core.ts';
export type { PatientRows } from './prepare.ts';
export { preparePatientRows } from './prepare.ts';
export { makeClamp } from './constructors/makeClamp.ts';
export { makeBoundedContributions } from './constructors/makeBoundedContributions.ts';
export type { BoundedCells, CellAssigner } from './constructors/makeBoundedContributions.ts';
export { makeCount } from './constructors/makeCount.ts';
export { makeSum } from './constructors/makeSum.ts';
export { makeDiscreteLaplace } from './constructors/makeDiscreteLaplace.ts';
export { makeDiscreteGaussian } from './constructors/makeDiscreteGaussian.ts';
export { makeQuantileScores } from './constructors/makeQuantileScores.ts';
export { makePermuteAndFlip } from './constructors/makePermuteAndFlip.ts';
export { makeLaplaceThreshold, thresholdFor, thresholdDelta } from './constructors/makeLaplaceThreshold.ts';
export type { Charge, LedgerMeasure } from './accountant.ts';
export { charge, zcdpEpsilon, zcdpEpsilonBS16 } from './accountant.ts';
export type { Ledger, BudgetView, SpendResult } from './ledger.ts';
export { openLedger } from './ledger.ts';
export type { Query, DatasetDescriptor } from './schema.ts';
export { parseQuery, parseDescriptor } from './schema.ts';
export type { QueryOutcome, Answer, Refusal, SuppressionAnswer, StatisticResult, ResultRow, Plan, RunOptions } from './queries.ts';
export { runQuery, planQuery, runSuppression, numericReads } from './queries.ts';
export type { SuppressionResult } from './suppression.ts';
export { suppressCounts } from './suppression.ts';
