/**
 * Preflight checks that ask the database: version, catalog access, read-only state and the
 * privileges the history write needs. All read-only (has_*_privilege, settings, counts).
 */
import type { Client } from '../../db/client.js';
import type { CheckResult } from '../check-types.js';
import { ident, roleName } from '../../sql/ident.js';

/** Majors squashbase is tested on (Supabase ships 15 and 17). */
const SUPPORTED_MAJORS = [14, 15, 16, 17, 18];

export async function checkServer(client: Client): Promise<CheckResult & { details: { version: string; versionNum: number; user: string; database: string } }> {
  const r = await client.query<{ ver: string; num: string; usr: string; db: string }>(
    "SELECT current_setting('server_version') AS ver, current_setting('server_version_num') AS num, current_user AS usr, current_database() AS db",
  );
  const row = r.rows[0]!;
  const num = Number(row.num);
  const major = Math.floor(num / 10000);
  const details = { version: row.ver, versionNum: num, user: row.usr, database: row.db };
  if (!SUPPORTED_MAJORS.includes(major)) {
    return {
      id: 'connectivity',
      status: 'warn',
      message: `Connected as ${row.usr} to ${row.db}; PostgreSQL ${row.ver} is outside the tested range (${SUPPORTED_MAJORS.join(', ')}).`,
      hint: 'Results may still be right; run squashbase replay/parity and read the report carefully.',
      details,
    };
  }
  return { id: 'connectivity', status: 'pass', message: `Connected as ${row.usr} to ${row.db} (PostgreSQL ${row.ver}).`, details };
}

/** A read replica or a read-only session cannot record the baseline. */
export async function checkWritable(client: Client): Promise<CheckResult> {
  const r = await client.query<{ rec: boolean; ro: string; dro: string }>(
    "SELECT pg_catalog.pg_is_in_recovery() AS rec, current_setting('transaction_read_only') AS ro, current_setting('default_transaction_read_only') AS dro",
  );
  const row = r.rows[0]!;
  if (row.rec) {
    return {
      id: 'writable',
      status: 'fail',
      message: 'The server is a read replica (pg_is_in_recovery() = true); the history write needs the primary.',
      hint: 'Use the primary database URL (Supabase: Project Settings → Database, not a read replica endpoint).',
    };
  }
  if (row.ro === 'on' || row.dro === 'on') {
    return {
      id: 'writable',
      status: 'fail',
      message: `Sessions are read-only here (transaction_read_only = ${row.ro}, default_transaction_read_only = ${row.dro}).`,
      hint: 'Connect with a role/database whose default_transaction_read_only is off (ALTER ROLE … SET default_transaction_read_only = off), or drop the setting from the URL options.',
    };
  }
  return { id: 'writable', status: 'pass', message: 'Primary server, read-write session.' };
}

/** Introspection reads the whole catalog; a restricted role would silently see less. */
export async function checkCatalogRead(client: Client): Promise<CheckResult> {
  const r = await client.query<{ classes: string; procs: string; policies: string; hidden: string }>(
    `SELECT (SELECT count(*) FROM pg_catalog.pg_class) AS classes,
            (SELECT count(*) FROM pg_catalog.pg_proc) AS procs,
            (SELECT count(*) FROM pg_catalog.pg_policy) AS policies,
            (SELECT count(*) FROM pg_catalog.pg_namespace n
              WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                AND NOT pg_catalog.has_schema_privilege(n.oid, 'USAGE')) AS hidden`,
  );
  const row = r.rows[0]!;
  const hidden = Number(row.hidden);
  if (hidden > 0) {
    const names = await client.query<{ n: string }>(
      `SELECT n.nspname AS n FROM pg_catalog.pg_namespace n
        WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND NOT pg_catalog.has_schema_privilege(n.oid, 'USAGE')
        ORDER BY 1 LIMIT 10`,
    );
    return {
      id: 'catalog-read',
      status: 'warn',
      message: `The catalog is readable, but the role lacks USAGE on ${hidden} schema(s): ${names.rows.map((x) => x.n).join(', ')}.`,
      hint: 'Definitions in those schemas are still in the catalog, but function bodies and row counts there may be unreadable. Connect as postgres (the Supabase owner role) for a complete picture.',
    };
  }
  return { id: 'catalog-read', status: 'pass', message: `Catalog readable (${row.classes} relations, ${row.procs} functions, ${row.policies} policies).` };
}

/**
 * The history write: USAGE on supabase_migrations and SELECT/INSERT/DELETE on the table — or,
 * when they do not exist yet, CREATE on the database / schema so the CLI's DDL can make them.
 */
export async function checkHistoryPrivileges(client: Client): Promise<CheckResult> {
  const r = await client.query<{
    usr: string;
    db: string;
    schema_exists: boolean;
    table_exists: boolean;
    db_create: boolean;
    schema_usage: boolean | null;
    schema_create: boolean | null;
    sel: boolean | null;
    ins: boolean | null;
    del: boolean | null;
  }>(
    `SELECT current_user AS usr, current_database() AS db,
            s.oid IS NOT NULL AS schema_exists,
            t.oid IS NOT NULL AS table_exists,
            pg_catalog.has_database_privilege(current_database(), 'CREATE') AS db_create,
            CASE WHEN s.oid IS NULL THEN NULL ELSE pg_catalog.has_schema_privilege(s.oid, 'USAGE') END AS schema_usage,
            CASE WHEN s.oid IS NULL THEN NULL ELSE pg_catalog.has_schema_privilege(s.oid, 'CREATE') END AS schema_create,
            CASE WHEN t.oid IS NULL THEN NULL ELSE pg_catalog.has_table_privilege(t.oid, 'SELECT') END AS sel,
            CASE WHEN t.oid IS NULL THEN NULL ELSE pg_catalog.has_table_privilege(t.oid, 'INSERT') END AS ins,
            CASE WHEN t.oid IS NULL THEN NULL ELSE pg_catalog.has_table_privilege(t.oid, 'DELETE') END AS del
       FROM (SELECT 1) one
       LEFT JOIN pg_catalog.pg_namespace s ON s.nspname = 'supabase_migrations'
       LEFT JOIN pg_catalog.pg_class t ON t.relnamespace = s.oid AND t.relname = 'schema_migrations' AND t.relkind IN ('r','p')`,
  );
  const x = r.rows[0]!;
  const role = roleName(x.usr);
  if (!x.schema_exists) {
    return x.db_create
      ? { id: 'history-privileges', status: 'warn', message: 'supabase_migrations does not exist yet; the role may create it (CREATE on the database).', hint: 'consolidate creates the history table only with --create-history-table.' }
      : {
          id: 'history-privileges',
          status: 'fail',
          message: `supabase_migrations does not exist and ${role} cannot create it (no CREATE on the database).`,
          hint: `GRANT CREATE ON DATABASE ${ident(x.db)} TO ${role}; or connect as postgres.`,
        };
  }
  const missing: string[] = [];
  if (!x.schema_usage) missing.push('USAGE on schema supabase_migrations');
  if (!x.table_exists) {
    if (!x.schema_create) missing.push('CREATE on schema supabase_migrations (the history table is missing)');
  } else {
    if (!x.sel) missing.push('SELECT');
    if (!x.ins) missing.push('INSERT');
    if (!x.del) missing.push('DELETE');
  }
  if (missing.length > 0) {
    const tablePrivs = missing.filter((m) => ['SELECT', 'INSERT', 'DELETE'].includes(m));
    const grants: string[] = [];
    if (!x.schema_usage) grants.push(`GRANT USAGE ON SCHEMA supabase_migrations TO ${role};`);
    if (!x.table_exists && !x.schema_create) grants.push(`GRANT CREATE ON SCHEMA supabase_migrations TO ${role};`);
    if (tablePrivs.length > 0) grants.push(`GRANT ${tablePrivs.join(', ')} ON supabase_migrations.schema_migrations TO ${role};`);
    return {
      id: 'history-privileges',
      status: 'fail',
      message: `${role} lacks ${missing.map((m) => (['SELECT', 'INSERT', 'DELETE'].includes(m) ? `${m} on supabase_migrations.schema_migrations` : m)).join(', ')}.`,
      hint: `Run as the owner: ${grants.join(' ')} (or connect as postgres).`,
    };
  }
  if (!x.table_exists) {
    return { id: 'history-privileges', status: 'warn', message: 'supabase_migrations.schema_migrations does not exist; the role may create it.', hint: 'consolidate creates the history table only with --create-history-table.' };
  }
  return { id: 'history-privileges', status: 'pass', message: `${role} may read, insert and delete supabase_migrations.schema_migrations.` };
}
