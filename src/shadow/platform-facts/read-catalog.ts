import type { Client } from '../../db/client.js';
import { literal } from '../../sql/ident.js';
import {
  FACT_SCHEMAS,
  isFactDefaultPrivilegeSchema,
  type ColumnFact,
  type FactOrigin,
  type PlatformCatalog,
  type TableFact,
} from './facts-types.js';

/**
 * Read the platform part of a database as facts: roles, memberships, the FACT_SCHEMAS and
 * their non-extension objects, extensions, default privileges, publications and event
 * triggers. Only SELECTs on the catalog (it runs against live projects too).
 */
export async function readPlatformCatalog(client: Client): Promise<PlatformCatalog> {
  // Type and function names are printed relative to search_path: pin it so every name is
  // schema-qualified whatever the role's own search_path is (a session setting, not a write).
  const saved = (await client.query<{ sp: string }>('SELECT pg_catalog.current_setting(\'search_path\') AS sp')).rows[0]?.sp ?? '';
  await client.query("SELECT pg_catalog.set_config('search_path', 'pg_catalog', false)");
  try {
    return await readCatalog(client);
  } finally {
    await client.query('SELECT pg_catalog.set_config(\'search_path\', $1, false)', [saved]);
  }
}

async function readCatalog(client: Client): Promise<PlatformCatalog> {
  const schemas = [...FACT_SCHEMAS];
  const q = async <R>(sql: string, params: unknown[] = []): Promise<R[]> => (await client.query(sql, params)).rows as R[];

  const roles = await q<{ name: string; attributes: string[] }>(
    `SELECT rolname AS name, array_remove(ARRAY[
       CASE WHEN rolbypassrls THEN 'bypassrls' END, CASE WHEN rolcreatedb THEN 'createdb' END,
       CASE WHEN rolcreaterole THEN 'createrole' END, CASE WHEN rolinherit THEN 'inherit' END,
       CASE WHEN rolcanlogin THEN 'login' END, CASE WHEN rolreplication THEN 'replication' END,
       CASE WHEN rolsuper THEN 'superuser' END], NULL) AS attributes
     FROM pg_catalog.pg_roles WHERE rolname !~ '^pg_' ORDER BY 1`);

  const memberships = await q<{ role: string; member: string; admin: boolean }>(
    // PostgreSQL 16+ keeps one row per grantor: a membership is one fact, with admin if any grant has it.
    `SELECT r.rolname AS role, m.rolname AS member, bool_or(am.admin_option) AS admin
     FROM pg_catalog.pg_auth_members am
     JOIN pg_catalog.pg_roles r ON r.oid = am.roleid JOIN pg_catalog.pg_roles m ON m.oid = am.member
     WHERE m.rolname !~ '^pg_' GROUP BY 1, 2 ORDER BY 1, 2`);

  const schemaRows = await q<{ name: string; owner: string; acl: string[] | null }>(
    `SELECT n.nspname AS name, pg_catalog.pg_get_userbyid(n.nspowner) AS owner, n.nspacl::text[] AS acl
     FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY($1) ORDER BY 1`, [schemas]);

  const extensions = await q<{ name: string; schema: string }>(
    `SELECT e.extname AS name, n.nspname AS schema FROM pg_catalog.pg_extension e
     JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1`);

  // "Not an extension member" filter shared by the object queries below.
  const notMember = (cls: string, alias: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = ${literal(cls)}::regclass AND d.objid = ${alias}.oid AND d.deptype = 'e')`;

  const types = await q<{ schema: string; name: string; kind: string; definition: string[]; owner: string }>(
    `SELECT n.nspname AS schema, t.typname AS name, t.typtype AS kind, pg_catalog.pg_get_userbyid(t.typowner) AS owner,
       CASE t.typtype
         WHEN 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
         WHEN 'd' THEN ARRAY[pg_catalog.format_type(t.typbasetype, t.typtypmod)]
         ELSE ARRAY(SELECT a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) END AS definition
     FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = ANY($1) AND ${notMember('pg_type', 't')}
       AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c'))
     ORDER BY 1, 2`, [schemas]);

  const tableRows = await q<{ schema: string; name: string; kind: string; owner: string; rls: boolean; acl: string[] | null; oid: number }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind, pg_catalog.pg_get_userbyid(c.relowner) AS owner,
       c.relrowsecurity AS rls, c.relacl::text[] AS acl, c.oid::int AS oid
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND NOT c.relispartition AND ${notMember('pg_class', 'c')}
     ORDER BY 1, 2`, [schemas]);
  const columnRows = await q<{ oid: number; name: string; type: string; notNull: boolean; default: string | null }>(
    `SELECT a.attrelid::int AS oid, a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
       CASE WHEN a.attidentity = 'a' THEN 'identity always' WHEN a.attidentity = 'd' THEN 'identity by default'
            WHEN a.attgenerated = 's' THEN 'generated: ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)
            ELSE pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS default
     FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
     WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attrelid, a.attnum`, [tableRows.map((t) => t.oid)]);
  const columnsByOid = new Map<number, ColumnFact[]>();
  for (const c of columnRows) {
    const list = columnsByOid.get(c.oid) ?? [];
    list.push({ name: c.name, type: c.type, notNull: c.notNull, default: c.default });
    columnsByOid.set(c.oid, list);
  }
  const constraintRows = await q<{ oid: number; def: string }>(
    `SELECT co.conrelid::int AS oid, co.conname || ': ' || pg_catalog.pg_get_constraintdef(co.oid) AS def
     FROM pg_catalog.pg_constraint co WHERE co.conrelid = ANY($1::oid[]) AND co.contype IN ('p', 'u', 'f', 'c') ORDER BY 1, 2`,
    [tableRows.map((t) => t.oid)]);
  const constraintsByOid = new Map<number, string[]>();
  for (const c of constraintRows) constraintsByOid.set(c.oid, [...(constraintsByOid.get(c.oid) ?? []), c.def]);
  const tables: TableFact[] = tableRows.map((t) => ({
    schema: t.schema, name: t.name, kind: t.kind, owner: t.owner, rls: t.rls,
    columns: t.kind === 'S' ? [] : columnsByOid.get(t.oid) ?? [], constraints: constraintsByOid.get(t.oid) ?? [], acl: normaliseAcl(t.acl), from: originOf(t.schema),
  }));

  const functions = await q<{ schema: string; name: string; args: string; returns: string; owner: string; securityDefiner: boolean; acl: string[] | null }>(
    `SELECT n.nspname AS schema, p.proname AS name, pg_catalog.pg_get_function_identity_arguments(p.oid) AS args,
       pg_catalog.pg_get_function_result(p.oid) AS returns, pg_catalog.pg_get_userbyid(p.proowner) AS owner,
       p.prosecdef AS "securityDefiner", p.proacl::text[] AS acl
     FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = ANY($1) AND ${notMember('pg_proc', 'p')}
     ORDER BY 1, 2, 3`, [schemas]);

  const triggers = await q<{ schema: string; table: string; name: string; function: string }>(
    `SELECT n.nspname AS schema, c.relname AS "table", t.tgname AS name, p.oid::regproc::text AS function
     FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
     WHERE n.nspname = ANY($1) AND NOT t.tgisinternal AND NOT c.relispartition ORDER BY 1, 2, 3`, [schemas]);

  const policies = await q<{ schema: string; table: string; name: string; command: string; roles: string[] }>(
    `SELECT schemaname AS schema, tablename AS "table", policyname AS name, cmd AS command, roles::text[] AS roles
     FROM pg_catalog.pg_policies WHERE schemaname = ANY($1) ORDER BY 1, 2, 3`, [schemas]);

  const defaultPrivileges = await q<{ role: string; schema: string | null; objectType: string; acl: string[] | null }>(
    `SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema, d.defaclobjtype::text AS "objectType", d.defaclacl::text[] AS acl
     FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
     ORDER BY 1, 2 NULLS FIRST, 3`);

  const publications = await q<{ name: string; tables: string[] }>(
    `SELECT p.pubname AS name, ARRAY(SELECT pt.schemaname || '.' || pt.tablename FROM pg_catalog.pg_publication_tables pt
       WHERE pt.pubname = p.pubname ORDER BY 1) AS tables
     FROM pg_catalog.pg_publication p ORDER BY 1`);

  const eventTriggers = await q<{ name: string; event: string; function: string }>(
    `SELECT e.evtname AS name, e.evtevent AS event, e.evtfoid::regproc::text AS function
     FROM pg_catalog.pg_event_trigger e ORDER BY 1`);

  return {
    roles: roles.map((r) => ({ ...r, attributes: [...r.attributes].sort(), from: 'postgres' as const })),
    memberships: memberships.map((m) => ({ ...m, from: 'postgres' as const })),
    schemas: schemaRows.map((s) => ({ name: s.name, owner: s.owner, acl: normaliseAcl(s.acl), from: originOf(s.name) })),
    extensions: extensions.map((e) => ({ ...e, from: 'postgres' as const })),
    types: types.map((t) => ({ ...t, from: originOf(t.schema) })),
    tables,
    functions: functions.map((f) => ({ ...f, acl: normaliseAcl(f.acl), from: originOf(f.schema) })),
    triggers: triggers.map((t) => ({ ...t, from: originOf(t.schema) })),
    policies: policies.map((p) => ({ ...p, roles: [...p.roles].sort(), from: originOf(p.schema) })),
    defaultPrivileges: defaultPrivileges.filter((d) => isFactDefaultPrivilegeSchema(d.schema)).map((d) => ({ ...d, acl: normaliseAcl(d.acl), from: d.schema ? originOf(d.schema) : 'postgres' })),
    publications: publications.map((p) => ({ ...p, from: 'postgres' as const })),
    eventTriggers: eventTriggers.map((e) => ({ ...e, from: 'postgres' as const })),
  };
}

/** Which upstream service builds a schema's objects. */
export function originOf(schema: string): FactOrigin {
  return schema === 'auth' || schema === 'storage' || schema === 'realtime' ? schema : 'postgres';
}

/**
 * aclitems without their grantor ("anon=arwdDxt/supabase_admin" → "anon=arwdDxt"), sorted; the
 * grantor depends on who ran the GRANT, which is not part of what a role may do. A NULL acl
 * (the owner's implicit default) is an empty list.
 */
export function normaliseAcl(acl: string[] | null): string[] {
  if (!acl) return [];
  return acl.map((a) => a.replace(/\/[^/]*$/, '')).sort();
}
