/**
 * Which schemas count as the user's for safety checks (row counts, data checks, lints).
 * The single list lives in src/introspect/platform-scope.ts (MANAGED_SCHEMAS and the prefix
 * families of MANAGED_SCHEMA_PATTERNS, mirrored as LIKE patterns in userSchemaPredicate), and
 * so does SYSTEM_SCHEMAS (pg_toast* and pg_temp_* are matched by pattern, here as there).
 */
import { MANAGED_SCHEMAS, SYSTEM_SCHEMAS } from '../introspect/platform-scope.js';

/** Managed (platform) schema names, sorted (the introspect stage's single list). */
export async function managedSchemas(): Promise<string[]> {
  return [...new Set([...MANAGED_SCHEMAS, 'supabase_migrations'])].sort();
}

/**
 * A SQL predicate over a schema-name expression: true for user schemas. Parameterised on $n
 * (text[] of excluded names) so no catalog text is ever spliced in.
 */
export function userSchemaPredicate(expr: string, param: string): string {
  return `(${expr} <> ALL(${param}::text[]) AND ${expr} NOT LIKE 'pg\\_temp\\_%' AND ${expr} NOT LIKE 'pg\\_toast%' AND ${expr} NOT LIKE 'pgsodium%' AND ${expr} NOT LIKE 'tiger%' AND ${expr} NOT LIKE 'timescaledb\\_%' AND ${expr} NOT LIKE '\\_timescaledb\\_%')`;
}

/** Every excluded schema for user scope: system + managed. */
export async function excludedSchemas(): Promise<string[]> {
  return [...SYSTEM_SCHEMAS, ...(await managedSchemas())];
}
