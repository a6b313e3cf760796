/** Keyed pseudonymization: keys, versioned HMAC tokens, per-person date shifting, column actions, key rotation. */
export { PseudonymKey, loadKey, keyFromBytes, keyFromText, decodeKey, MIN_KEY_BYTES, DEFAULT_KEY_ENV } from './key.ts';
export { pseudonym, isToken, keyedInt, normalizeValue, TOKEN_VERSION } from './tokens.ts';
export type { Normalizer, TokenOptions } from './tokens.ts';
export { personDateOffset, shiftIsoDate, daysToIso, isoToDays, DEFAULT_SHIFT_DAYS } from './dates.ts';
export { pseudonymizeTable, rekeyTable, mapColumn } from './table.ts';
export type { Action, PseudonymizePolicy, PseudonymizeOptions, PseudonymizeReport, PseudonymizeResult, ColumnReport } from './table.ts';
