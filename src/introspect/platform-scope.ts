/**
 * What belongs to the Supabase platform, and so is NOT a user object. The single list every
 * stage uses (inspect, baseline, parity, lint).
 *
 * Scoping rules (applied by src/introspect/inspect.ts; decided by dependency and ownership,
 * not by a blunt schema filter):
 *
 * 1. System schemas (pg_catalog, information_schema, pg_toast*, pg_temp*) are never looked at.
 * 2. Managed schemas (MANAGED_SCHEMAS, MANAGED_SCHEMA_PATTERNS: the Supabase CLI's
 *    InternalSchemas plus its diff `managedSchemas`, research/supabase-platform.md §13) and every
 *    object in them are platform objects.
 * 3. Every extension member (pg_depend deptype 'e') is a platform object wherever it lives,
 *    including a schema that is itself an extension member and everything inside it.
 * 4. The `public` schema object is excluded (it exists in every database); objects in it are
 *    user objects.
 * 5. Extensions the platform installs itself (PLATFORM_EXTENSIONS) are platform objects; every
 *    other extension is a user object (the baseline must CREATE EXTENSION it).
 * 6. Attachments — user objects hung on platform objects — are KEPT with scope 'attachment':
 *    - a trigger on a platform table whose function is not a platform or extension function
 *      (e.g. on auth.users → public.handle_new_user());
 *    - a policy on a platform table that is not an extension member table (storage.objects,
 *      storage.buckets, realtime.messages; cron.job policies belong to pg_cron);
 *    - membership of a user table in a platform publication (supabase_realtime*).
 *    Functions in user schemas that platform triggers call are plain user objects.
 * 7. Event triggers owned by a platform role, or whose function is a platform/extension
 *    function, are platform objects (pgrst_ddl_watch, issue_pg_*_access); others are user objects.
 * 8. Default privileges are user objects when the role is not a platform role (postgres counts
 *    as a user role: migrations run as postgres, so its defaults must be pinned by the
 *    baseline) and the schema is not managed (or the entry is global).
 * 9. User publications are user objects; supabase_realtime* publications are platform objects.
 */

/** Schemas PostgreSQL itself owns; never inspected. */
export const SYSTEM_SCHEMAS: readonly string[] = ['pg_catalog', 'information_schema'];

/** true for pg_catalog, information_schema, pg_toast*, pg_temp_*, pg_toast_temp_*. */
export function isSystemSchema(name: string): boolean {
  return SYSTEM_SCHEMAS.includes(name) || /^pg_toast/.test(name) || /^pg_temp_/.test(name);
}

/**
 * Supabase-managed schemas, exact names. Union of the CLI's InternalSchemas (schema dumps) and
 * its diff managedSchemas (research/supabase-platform.md §13), sorted.
 */
export const MANAGED_SCHEMAS: readonly string[] = [
  '_analytics',
  '_realtime',
  '_supavisor',
  'auth',
  'cron',
  'dbdev',
  'etl',
  'extensions',
  'graphql',
  'graphql_public',
  'net',
  'pgbouncer',
  'pgmq',
  'pgroonga',
  'pgsodium',
  'pgsodium_masks',
  'pgtle',
  'realtime',
  'repack',
  'storage',
  'supabase_functions',
  'supabase_migrations',
  'tiger',
  'tiger_data',
  'topology',
  'vault',
];

/** Managed schema families matched by prefix (pgsodium*, tiger*, timescaledb_*, _timescaledb_*). */
export const MANAGED_SCHEMA_PATTERNS: readonly RegExp[] = [/^pgsodium/, /^tiger/, /^timescaledb_/, /^_timescaledb_/];

/** true when a schema is managed by the Supabase platform (not a user schema). */
export function isManagedSchema(name: string): boolean {
  return MANAGED_SCHEMAS.includes(name) || MANAGED_SCHEMA_PATTERNS.some((re) => re.test(name));
}

/** true for schemas whose objects may be user objects (not system, not managed). `public` included. */
export function isUserSchemaName(name: string): boolean {
  return !isSystemSchema(name) && !isManagedSchema(name);
}

/**
 * Roles the platform reserves (the CLI's reservedRoles, §13): role DDL for them is never
 * emitted. Includes `postgres` and PostgreSQL's built-in pg_* roles.
 */
export const RESERVED_ROLES: readonly string[] = [
  'anon',
  'authenticated',
  'authenticator',
  'dashboard_user',
  'pgbouncer',
  'pgtle_admin',
  'postgres',
  'service_role',
];

export const RESERVED_ROLE_PATTERNS: readonly RegExp[] = [/^supabase_/, /^cli_login_/, /^pgsodium_key/, /^pg_/];

/** true for roles the Supabase platform (or PostgreSQL) creates and owns. */
export function isReservedRole(name: string): boolean {
  return RESERVED_ROLES.includes(name) || RESERVED_ROLE_PATTERNS.some((re) => re.test(name));
}

/**
 * Roles whose objects and default privileges are platform-owned. Like isReservedRole but
 * `postgres` (the role user migrations run as) and the API roles anon/authenticated/
 * service_role (which users grant to, never create objects as) are not platform owners.
 */
export function isPlatformRole(name: string): boolean {
  if (name === 'postgres') return false;
  return isReservedRole(name);
}

/**
 * Extensions a fresh Supabase project already has (research/supabase-platform.md §4 and the
 * `db reset` keep-list). They are recorded in Snapshot.platform but are not user objects.
 */
export const PLATFORM_EXTENSIONS: readonly string[] = [
  'pg_graphql',
  'pg_net',
  'pg_stat_statements',
  'pgcrypto',
  'pgjwt',
  'pgsodium',
  'plpgsql',
  'supabase_vault',
  'uuid-ossp',
];

export function isPlatformExtension(name: string): boolean {
  return PLATFORM_EXTENSIONS.includes(name);
}

/** supabase_realtime, supabase_realtime_messages_publication, … (created by the platform). */
export function isPlatformPublication(name: string): boolean {
  return /^supabase_realtime/.test(name) || /^realtime_messages/.test(name);
}

/** Platform tables whose rows fresh environments usually need; counted into Snapshot.data. */
export const DATA_NOTE_TABLES: readonly { schema: string; table: string }[] = [
  { schema: 'cron', table: 'job' },
  { schema: 'storage', table: 'buckets' },
  { schema: 'supabase_functions', table: 'hooks' },
  { schema: 'vault', table: 'secrets' },
];
