/**
 * anonymat — the library. The CLI (src/cli) and the service (src/server) are thin shells over it.
 * Explicit named exports only; each block is one layer of ../shared/DESIGN.md.
 */

// errors
export { AnonymatError, isAnonymatError, exitCodeOf, httpStatusOf, type ErrorCode, type Issue } from './errors.ts';

// table: dictionary-coded columns
export {
  makeTable, column, hasColumn, columnFromValues, columnFromCodes, tableFromRecords, selectRows, toRecords, valueAt,
  type Table, type Column, type ColumnKind,
} from './table/index.ts';

// io: reading and writing through DuckDB, atomic writes
export { readTable, writeTable, writeFileAtomic, tableToCsv, openDuckDB, tableFromSql, type ReadOptions, type InputFormat } from './io/index.ts';

// policy
export {
  loadPolicy, parsePolicy, parsePolicyText, columnsWithRole, quasiIdentifiers, sensitiveColumns, personKey, readOptionsOf,
  resolvePolicyPath, policySchema, type Policy, type ColumnPolicy, type Role, type Thresholds,
} from './policy/index.ts';
export { profileTable, proposePolicyYaml, type ColumnProfile } from './policy/init.ts';

// equivalence classes and risk
export { groupify, classSizeHistogram, type Classes } from './check/groupify.ts';
export {
  assessTable, prosecutorRisk, journalistRisk, marketerRisk, populationUniqueness, pitman, zayatz, snb,
  individualRisk, benedettiFranconi, suda2, diversity, aggregateByPerson,
  type Assessment, type AssessOptions, type PopulationUniqueness, type IndividualRisk, type Suda2Result,
} from './risk/index.ts';

// hierarchies, privacy models, metrics, search, transformations
export {
  readArxHierarchy, writeArxHierarchy, compileHierarchy, buildHierarchy, validateHierarchy, checkCoverage,
  type Hierarchy, type CompiledHierarchy, type HierarchySpec,
} from './hierarchy/index.ts';
export {
  kAnonymity, distinctLDiversity, entropyLDiversity, recursiveCLDiversity, tCloseness, deltaPresence, kMap,
  maxProsecutorRisk, maxAverageRisk, type PrivacyModel,
} from './models/index.ts';
export { createMetric, METRIC_NAMES, type Metric, type MetricName } from './metrics/index.ts';
export { createEngine, runSearch, exhaustiveSearch, optimalSearch, heuristicSearch } from './search/index.ts';
export { generalizeTable, mondrian, mdav, localSuppression } from './transform/index.ts';

// release: pipelines and reports
export { assessFile, readPopulationTable } from './release/assess.ts';
export { anonymize, anonymizeJson, anonymizeReportSections, resolveHierarchies, type AnonymizeOptions, type AnonymizeResult } from './release/anonymize.ts';
export { renderHtmlReport, type ReportDocument, type Section, type Block } from './release/report.ts';
export { assessmentSections, summaryLines } from './release/assess-report.ts';
export { verdictOfTables, verdictOfFiles, holdOut, type VerdictTables, type HoldOut } from './release/verdict.ts';

// attacks and the verdict
export {
  proveAnonymity, verdictSummary, singlingOut, linkability, inference, linkage, crossRelease, wilson,
  type VerdictReport, type ProveInput,
} from './attack/index.ts';

// health formats, identifiers, pseudonymization, free text
export { ingest, writeIngest, type IngestOptions, type IngestResult } from './health/index.ts';
export { detectIdentifierColumn, DIRECT_KINDS } from './health/identifiers/index.ts';
export { pseudonymizeTable, rekeyTable, loadKey, pseudonym, personDateOffset } from './pseudonymize/index.ts';
export { redactText, redactTexts, recognize, type RedactOptions, type RedactResult } from './text/index.ts';

// differential privacy
export {
  runQuery, planQuery, parseQuery, parseDescriptor, parseRational, openLedger, cryptoSource, makeCount, makeSum, makeClamp, makeBoundedContributions,
  makeDiscreteLaplace, makeDiscreteGaussian, makeChainMT, makeChainTT, type Query, type Ledger,
} from './dp/index.ts';

// the observatory service
export { openService, createApp, openStore, verifyAudit, type Service, type ServiceOptions } from './server/index.ts';
