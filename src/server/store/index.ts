/**
 * Opens the service's store: `--database postgres://…` selects PostgreSQL, otherwise the DuckDB
 * file `<data>/observatory.duckdb`. Migrations run on open.
 */
import { AnonymatError } from '../../errors.ts';
import { migrate } from './migrations.ts';
import type { Store } from './types.ts';

export interface StoreOptions { data?: string; database?: string }

export async function openStore(opts: StoreOptions): Promise<Store> {
  let store: Store;
  if (opts.database) {
    if (!/^postgres(ql)?:\/\//.test(opts.database)) {
      throw new AnonymatError('invalid-usage', '--database expects a postgres://user@host:port/db URL', [{ path: '--database', message: 'not a postgres:// URL' }]);
    }
    const { openPgStore } = await import('./pg.ts');
    store = await openPgStore(opts.database);
  } else {
    if (!opts.data) throw new AnonymatError('invalid-usage', 'give --data <folder> (embedded DuckDB store) or --database postgres://…');
    const { openDuckDBStore } = await import('./duckdb.ts');
    store = await openDuckDBStore(opts.data);
  }
  try {
    await migrate(store);
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
  return store;
}

export type { Store, Queryable, Row, SqlValue } from './types.ts';
