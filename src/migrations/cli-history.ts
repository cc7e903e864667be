/**
 * The Supabase CLI's migration-history SQL (pkg/migration/history.go), verbatim in meaning, so
 * everything squashbase writes to `supabase_migrations.schema_migrations` is what `supabase db
 * push` would have written. Used by replay, by the history recorder and by tests.
 */

export const HISTORY_SCHEMA = 'supabase_migrations';
export const HISTORY_TABLE = 'schema_migrations';

/** `SET lock_timeout = '4s'` — the CLI's guard against waiting forever on a busy table. */
export const SET_LOCK_TIMEOUT = "SET lock_timeout = '4s'";
export const CREATE_HISTORY_SCHEMA = 'CREATE SCHEMA IF NOT EXISTS supabase_migrations';
export const CREATE_HISTORY_TABLE = 'CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)';
export const ADD_STATEMENTS_COLUMN = 'ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]';
export const ADD_NAME_COLUMN = 'ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text';

/** CreateMigrationTable: one idempotent batch, in this order. */
export const CREATE_MIGRATION_TABLE: readonly string[] = [
  SET_LOCK_TIMEOUT,
  CREATE_HISTORY_SCHEMA,
  CREATE_HISTORY_TABLE,
  ADD_STATEMENTS_COLUMN,
  ADD_NAME_COLUMN,
];

/** The batch as one simple-query string (what a single round trip sends). */
export const CREATE_MIGRATION_TABLE_SQL = CREATE_MIGRATION_TABLE.join(';\n') + ';';

/** The row every pushed file gets, in the same implicit transaction as the file's statements. */
export const INSERT_VERSION_SQL = 'INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES($1, $2, $3)';

/** `repair --status applied` / `db pull`: upsert. */
export const UPSERT_VERSION_SQL =
  INSERT_VERSION_SQL + ' ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, statements = EXCLUDED.statements';

/** `repair --status reverted`. */
export const DELETE_VERSIONS_SQL = 'DELETE FROM supabase_migrations.schema_migrations WHERE version = ANY($1)';

/** `migration list` (a missing table, SQLSTATE 42P01, counts as an empty history). */
export const LIST_VERSIONS_SQL = 'SELECT version FROM supabase_migrations.schema_migrations ORDER BY version';

/** Session reset the CLI runs before each file. */
export const RESET_ALL = 'RESET ALL';
