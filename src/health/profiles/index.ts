/** De-identification profiles: HIPAA Safe Harbor and the French profile. */
export { SAFE_HARBOR_IDENTIFIERS, RESTRICTED_ZIP3, safeHarborZip, topCodeAge, dateToYear, safeHarborBirthYear } from './safe-harbor.ts';
export type { SafeHarborIdentifier } from './safe-harbor.ts';
export {
  postalCodeToDepartement, communeToDepartement, mergeSmallCommune, communePopulations, departementPopulations,
  COMMUNE_TABLE_FLOOR, DEFAULT_COMMUNE_THRESHOLD,
} from './fr.ts';
