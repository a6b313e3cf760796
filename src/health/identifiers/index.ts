/** Direct identifiers: validators (NIR/INS/NIA, RPPS, ADELI, FINESS, IBAN, SSN, phone…) and the column detector. */
export {
  compact, luhnValid, mod97, nirKey, checkNir, isValidNir, isValidRpps, isAdeliShape, checkFiness, isValidSiren,
  isValidSiret, isValidIban, isSsn, isFrenchPhone, isPhone, isEmail, isIpv4, isIpv6, isIp, isUrl, isFrenchPostalCode,
  isUsZip, isStreetAddress, isUuid,
} from './validators.ts';
export type { NirCheck } from './validators.ts';
export { detectIdentifierColumn, normalizeHeader, DIRECT_KINDS } from './detect.ts';
export type { IdentifierKind, IdentifierDetection } from './detect.ts';
