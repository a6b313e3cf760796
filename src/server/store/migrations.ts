/**
 * Schema migrations, applied in order on start (each in its own transaction, recorded in
 * schema_migrations). The SQL is the same for DuckDB and PostgreSQL: TEXT, INTEGER, BOOLEAN,
 * ISO-8601 timestamps as TEXT, JSON documents as TEXT. Never edit a migration that has shipped:
 * append a new one.
 */
import type { Store } from './types.ts';

export interface Migration { version: number; name: string; statements: string[] }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'observatory core',
    statements: [
      `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
         practice_id TEXT, client_id TEXT, created_at TEXT NOT NULL, disabled BOOLEAN NOT NULL)`,
      `CREATE TABLE api_tokens (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, label TEXT NOT NULL,
         created_at TEXT NOT NULL, revoked_at TEXT)`,
      `CREATE TABLE practices (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL)`,
      `CREATE TABLE panel (practice_id TEXT NOT NULL, enrolled_at TEXT NOT NULL, notice_version TEXT NOT NULL,
         left_at TEXT, PRIMARY KEY (practice_id, enrolled_at))`,
      `CREATE TABLE clients (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL)`,
      `CREATE TABLE uploads (id TEXT PRIMARY KEY, practice_id TEXT NOT NULL, format TEXT NOT NULL,
         content_sha256 TEXT NOT NULL, received_at TEXT NOT NULL, records INTEGER NOT NULL,
         patients INTEGER NOT NULL, dropped_columns TEXT NOT NULL, pseudonymized_columns TEXT NOT NULL)`,
      `CREATE TABLE records (upload_id TEXT NOT NULL, practice_id TEXT NOT NULL, pseudonym TEXT NOT NULL,
         row_no INTEGER NOT NULL, data TEXT NOT NULL)`,
      `CREATE TABLE objections (pseudonym TEXT PRIMARY KEY, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL)`,
      `CREATE TABLE projects (id TEXT PRIMARY KEY, client_id TEXT NOT NULL, title TEXT NOT NULL,
         purpose TEXT NOT NULL, data_requested TEXT NOT NULL, legal_basis TEXT NOT NULL, legal_reference TEXT,
         retention_until TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL)`,
      `CREATE TABLE releases (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, client_id TEXT NOT NULL,
         requested_at TEXT NOT NULL, requested_by TEXT NOT NULL, status TEXT NOT NULL, verdict_passes BOOLEAN NOT NULL,
         report TEXT NOT NULL, decision TEXT, decided_by TEXT, decided_at TEXT, comment TEXT,
         file_sha256 TEXT NOT NULL, content TEXT NOT NULL, downloads INTEGER NOT NULL)`,
      `CREATE TABLE dp_budgets (client_id TEXT PRIMARY KEY, total TEXT NOT NULL, spent TEXT NOT NULL,
         version INTEGER NOT NULL, updated_at TEXT NOT NULL)`,
      `CREATE TABLE dp_queries (id TEXT PRIMARY KEY, client_id TEXT NOT NULL, project_id TEXT NOT NULL,
         asked_at TEXT NOT NULL, query TEXT NOT NULL, epsilon TEXT NOT NULL, status TEXT NOT NULL, result TEXT)`,
      `CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, logged_at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
         subject TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'dp ledger measures (pure-dp ε or zCDP ρ) and δ',
    statements: [
      `ALTER TABLE dp_budgets ADD COLUMN measure TEXT DEFAULT 'pure-dp'`,
      `ALTER TABLE dp_budgets ADD COLUMN total_delta TEXT DEFAULT '0'`,
      `ALTER TABLE dp_budgets ADD COLUMN spent_delta TEXT DEFAULT '0'`,
    ],
  },
  {
    // (an upload id is the practice's own name for its file: one id for all practices told a practice, by a 409, that
    // another practice had used it — and, with the same content, that it had sent that very file. The table is copied,
    // since neither store changes a primary key in place)
    version: 3,
    name: 'upload ids per practice',
    statements: [
      `CREATE TABLE uploads_v3 (id TEXT NOT NULL, practice_id TEXT NOT NULL, format TEXT NOT NULL,
         content_sha256 TEXT NOT NULL, received_at TEXT NOT NULL, records INTEGER NOT NULL,
         patients INTEGER NOT NULL, dropped_columns TEXT NOT NULL, pseudonymized_columns TEXT NOT NULL,
         PRIMARY KEY (practice_id, id))`,
      `INSERT INTO uploads_v3 (id, practice_id, format, content_sha256, received_at, records, patients, dropped_columns, pseudonymized_columns)
         SELECT id, practice_id, format, content_sha256, received_at, records, patients, dropped_columns, pseudonymized_columns FROM uploads`,
      `DROP TABLE uploads`,
      `ALTER TABLE uploads_v3 RENAME TO uploads`,
    ],
  },
];

/** Applies every migration not yet recorded; returns the versions applied now. */
export async function migrate(store: Store, now: () => string = () => new Date().toISOString()): Promise<number[]> {
  await store.run(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set((await store.all(`SELECT version FROM schema_migrations`)).map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    await store.transaction(async (tx) => {
      for (const s of m.statements) await tx.run(s);
      await tx.run(`INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, [m.version, m.name, now()]);
    });
    applied.push(m.version);
  }
  return applied;
}
