export type { Classes } from './groupify.ts';
export { groupify, classSizeHistogram } from './groupify.ts';
export type { CheckSetup, CheckResult, SensitiveInput } from './checker.ts';
export { Checker } from './checker.ts';
