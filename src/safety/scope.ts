/**
 * Which schemas count as the user's for safety checks (row counts, data checks, lints).
 *
 * The single list lives in src/introspect/platform-scope.ts (MANAGED_SCHEMAS, owned by the
 * introspect stage). It is loaded lazily so this module works before/without it; the fallback
 * mirrors research/supabase-platform.md ("managed schemas" + the platform model's schemas).
 */
const FALLBACK_MANAGED = [
  '_analytics',
  '_realtime',
  '_supavisor',
  'auth',
  'cron',
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
  'tiger_data',
  'timescaledb_information',
  'timescaledb_experimental',
  'vault',
];

/** Schemas Postgres itself owns: never user data. */
export const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast'];

let cached: string[] | undefined;

/** Managed (platform) schema names, sorted. */
export async function managedSchemas(): Promise<string[]> {
  if (cached) return cached;
  let list: string[] = FALLBACK_MANAGED;
  try {
    // A variable specifier keeps this optional at compile time (the module is another stage's).
    const spec = '../introspect/platform-scope.js';
    const mod = (await import(spec)) as { MANAGED_SCHEMAS?: Iterable<string> };
    if (mod.MANAGED_SCHEMAS) list = [...new Set([...mod.MANAGED_SCHEMAS, 'supabase_migrations'])];
  } catch {
    // platform-scope not available: keep the fallback
  }
  cached = [...list].sort();
  return cached;
}

/**
 * A SQL predicate over a schema-name expression: true for user schemas. Parameterised on $n
 * (text[] of excluded names) so no catalog text is ever spliced in.
 */
export function userSchemaPredicate(expr: string, param: string): string {
  return `(${expr} <> ALL(${param}::text[]) AND ${expr} NOT LIKE 'pg\\_temp\\_%' AND ${expr} NOT LIKE 'pg\\_toast%' AND ${expr} NOT LIKE 'pgsodium%' AND ${expr} NOT LIKE 'timescaledb%')`;
}

/** Every excluded schema for user scope: system + managed. */
export async function excludedSchemas(): Promise<string[]> {
  return [...SYSTEM_SCHEMAS, ...(await managedSchemas())];
}
