export { readTable, formatOf, inferKinds, columnList, type ReadOptions, type InputFormat } from './read.ts';
export { writeTable, writeFileAtomic, withAtomicFile, tableToCsv } from './write.ts';
export { openDuckDB, tableFromSql, encodeTable, readIntColumns, ident, literal, sqlType, kindOfSqlType, type DuckDBConnection } from './duckdb.ts';
