/**
 * Health formats → tables: FHIR R4 (Bundles, Bulk Data NDJSON), Synthea CSV (v3 and legacy
 * layouts), OMOP CDM v5.4 → the common model (person + event tables) and the person-level view.
 * Identifier detection, profiles and codes are exported from their own sub-folders
 * (./identifiers/index.ts, ./profiles/index.ts, ./codes/index.ts).
 */
export { ingest, writeIngest } from './ingest.ts';
export type { IngestInput, IngestOptions, IngestResult, WrittenTable } from './ingest.ts';
export { SCHEMAS, TABLE_NAMES, DIRECT_IDENTIFIER_COLUMNS, shortSystem, datePart } from './model.ts';
export type { TableName } from './model.ts';
export {
  personView, chronicCategory, CHRONIC_CATEGORIES, departementOf, zip3Of, ageAt, normalizeCountry,
} from './person-view.ts';
export type { PersonViewOptions, ChronicCategory } from './person-view.ts';
export { MAPPED_TYPES as FHIR_MAPPED_TYPES } from './fhir/reader.ts';
export { SYNTHEA_MAPPED, syntheaLayout } from './synthea/reader.ts';
export type { SyntheaLayout } from './synthea/reader.ts';
export { OMOP_MAPPED } from './omop/reader.ts';
