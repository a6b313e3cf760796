/** Transformations: full-domain generalization, Mondrian, MDAV microaggregation, local suppression. */
export type { GeneralizeSpec, GeneralizeOptions } from './generalize.ts';
export { generalizeColumn, generalizeTable } from './generalize.ts';
export type { MondrianOptions, MondrianResult, MondrianLoss } from './mondrian.ts';
export { mondrian } from './mondrian.ts';
export type { MdavOptions, MdavResult, MdavLoss } from './mdav.ts';
export { mdav } from './mdav.ts';
export type { LocalSuppressionOptions, LocalSuppressionResult } from './local-suppression.ts';
export { localSuppression, wildcardFrequencies } from './local-suppression.ts';
export type { LocalCellOptions, LocalCellResult } from './local-cells.ts';
export { localCellSuppression } from './local-cells.ts';
