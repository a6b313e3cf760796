export type { Column, ColumnKind, Table } from './table.ts';
export {
  column, hasColumn, makeTable, cardinality, valueAt, isNumericKind, labelToNumber,
  columnFromValues, columnFromCodes, tableFromRecords, selectRows, toRecords,
} from './table.ts';
