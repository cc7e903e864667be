/**
 * A platform fact sheet: what a fresh Supabase project has before any user migration, as data
 * (templates/platform/facts/supabase-<major>.json). Written from the platform's own upstream
 * migrations at pinned releases (docs/platform-model.md); the bundled model is held against it
 * (test/integration/platform-facts.test.ts) and `shadow check --db-url` compares live with it.
 *
 * Every list is sorted and every entry names the fact group it came from (`from`), whose
 * upstream repository and ref are in `sources`.
 */
export const PLATFORM_FACTS_FORMAT = 'squashbase-platform-facts/1';

/** The schemas a fact sheet describes (their non-extension objects). */
export const FACT_SCHEMAS: readonly string[] = ['auth', 'extensions', 'graphql_public', 'pgbouncer', 'realtime', 'storage', 'supabase_functions'];

/** Schemas whose default privileges a fact sheet records: the FACT_SCHEMAS and public (global entries too). */
export function isFactDefaultPrivilegeSchema(schema: string | null): boolean {
  return schema === null || schema === 'public' || FACT_SCHEMAS.includes(schema);
}

export type FactOrigin = 'auth' | 'storage' | 'realtime' | 'postgres';

export interface FactSource {
  repo: string;
  /** Tag or commit the facts were read at. */
  ref: string;
  /** What was read there (paths). */
  read: string;
  /** Later single files taken from the repository's index, each with its commit. */
  extra?: { path: string; commit: string }[];
}

export interface PlatformRelease {
  major: number;
  /** e.g. "supabase/postgres 15.8.1 image + auth v2.196.0 + storage v1.70.6 + realtime v2.129.8" */
  label: string;
  /** The date the sources were read (YYYY-MM-DD). */
  readOn: string;
}

export interface RoleFact {
  name: string;
  /** Sorted role attributes that are on: login, superuser, inherit, createrole, createdb, replication, bypassrls. */
  attributes: string[];
  from: FactOrigin;
}

export interface MembershipFact {
  role: string;
  member: string;
  admin: boolean;
  from: FactOrigin;
}

export interface SchemaFact {
  name: string;
  owner: string;
  /** aclitems without grantor ("anon=U"), sorted. */
  acl: string[];
  from: FactOrigin;
}

export interface ExtensionFact {
  name: string;
  schema: string;
  from: FactOrigin;
}

export interface TypeFact {
  schema: string;
  name: string;
  /** e enum, c composite, d domain */
  kind: string;
  /** enum labels in order, composite attributes as "name type", domain base type */
  definition: string[];
  owner: string;
  from: FactOrigin;
}

export interface ColumnFact {
  name: string;
  type: string;
  notNull: boolean;
  /** Default expression, identity ("identity always|by default") or generated expression ("generated: …"); null when none. */
  default: string | null;
}

export interface TableFact {
  schema: string;
  name: string;
  /** r table, p partitioned table, v view, m materialized view, S sequence */
  kind: string;
  owner: string;
  rls: boolean;
  columns: ColumnFact[];
  /** Primary key, unique, foreign key and check constraints as "name: definition", sorted. */
  constraints: string[];
  acl: string[];
  from: FactOrigin;
}

export interface FunctionFact {
  schema: string;
  name: string;
  /** pg_get_function_identity_arguments */
  args: string;
  returns: string;
  owner: string;
  securityDefiner: boolean;
  acl: string[];
  from: FactOrigin;
}

export interface TriggerFact {
  schema: string;
  table: string;
  name: string;
  function: string;
  from: FactOrigin;
}

export interface PolicyFact {
  schema: string;
  table: string;
  name: string;
  command: string;
  roles: string[];
  from: FactOrigin;
}

export interface DefaultPrivilegeFact {
  role: string;
  /** null: global (no IN SCHEMA) */
  schema: string | null;
  /** r tables, S sequences, f functions, T types, n schemas */
  objectType: string;
  acl: string[];
  from: FactOrigin;
}

export interface PublicationFact {
  name: string;
  tables: string[];
  from: FactOrigin;
}

export interface EventTriggerFact {
  name: string;
  event: string;
  function: string;
  from: FactOrigin;
}

/** The catalog part of a fact sheet: what the reader finds in a database. */
export interface PlatformCatalog {
  roles: RoleFact[];
  memberships: MembershipFact[];
  schemas: SchemaFact[];
  extensions: ExtensionFact[];
  types: TypeFact[];
  tables: TableFact[];
  functions: FunctionFact[];
  triggers: TriggerFact[];
  policies: PolicyFact[];
  defaultPrivileges: DefaultPrivilegeFact[];
  publications: PublicationFact[];
  eventTriggers: EventTriggerFact[];
}

export interface PlatformFacts extends PlatformCatalog {
  format: typeof PLATFORM_FACTS_FORMAT;
  release: PlatformRelease;
  sources: Record<FactOrigin, FactSource>;
}
