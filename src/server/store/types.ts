/**
 * The service's store: one small interface over DuckDB (embedded file, the default) and
 * PostgreSQL. Every statement is portable SQL with `$1…$n` placeholders, run unchanged on both.
 * Portability rules (../shared/reference/ecosystem.md §3.2): no integer division, no `hash()`,
 * no `GROUP BY ALL`, no `FOR UPDATE`; timestamps are ISO-8601 TEXT; counts come back as numbers
 * (the drivers' bigint / int8 strings are normalised here).
 */
export type SqlValue = string | number | boolean | null;
export type Row = Record<string, SqlValue>;

export interface Queryable {
  /** Runs a query and returns its rows (bigint and int8 strings normalised to number). */
  all(sql: string, params?: SqlValue[]): Promise<Row[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
}

export interface Store extends Queryable {
  readonly kind: 'duckdb' | 'postgres';
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Write transactions of one process are serialised (one at a time), which keeps the audit hash
   * chain and the DP ledger consistent; across processes PostgreSQL's primary keys and the
   * ledger's version column make a conflicting writer fail instead of corrupting state.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Normalises a driver value to a plain JSON-able value. */
export function normalizeValue(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}
