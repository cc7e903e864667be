import type { Client } from '../../db/client.js';
import { isManagedSchema, isPlatformPublication, isReservedRole } from '../../introspect/platform-scope.js';

/**
 * The platform part of a live project, read in one read-only snapshot (production is sacred:
 * only SELECTs on the catalog). What withShadow's clone then reproduces in the shadow.
 */
/** An installed extension on live, with the control metadata a stand-in must present. */
export interface LiveExtension {
  name: string;
  schema: string;
  version: string;
  owner: string;
  /** COMMENT ON EXTENSION as live shows it (the control file's comment unless changed). */
  comment: string | null;
  relocatable: boolean;
  /** `schema =` of live's control file for this version, if any. */
  controlSchema: string | null;
  superuser: boolean;
  requires: string[];
}

export interface LivePlatform {
  versionNum: number;
  roles: LiveRole[];
  memberships: { role: string; member: string; adminOption: boolean }[];
  roleSettings: { role: string; setting: string }[];
  /** ALTER DATABASE … SET settings of the live database. */
  databaseSettings: string[];
  /** ACL of the public schema (the platform grants USAGE to the API roles), as aclitem text. */
  publicSchemaAcl: string[];
  extensions: LiveExtension[];
  defaultAcls: LiveDefaultAcl[];
  publications: { name: string; owner: string; insert: boolean; update: boolean; delete: boolean; truncate: boolean; tables: string[] }[];
  eventTriggers: { name: string; event: string; func: string; tags: string[] | null; enabled: string; owner: string }[];
  /** Managed schemas that are not extension members (pg_dump -n list). */
  managedSchemas: string[];
  /** OIDs of user triggers attached to platform tables (kept out of the clone: replay creates them). */
  userTriggerOids: string[];
}

export interface LiveRole {
  name: string;
  superuser: boolean;
  inherit: boolean;
  createrole: boolean;
  createdb: boolean;
  login: boolean;
  replication: boolean;
  bypassrls: boolean;
}

export interface LiveDefaultAcl {
  role: string;
  schema: string | null;
  /** r (tables), S (sequences), f (functions), T (types), n (schemas) */
  objtype: string;
  grants: { grantee: string; privilege: string; grantable: boolean }[];
}

/**
 * The platform part, read on a client already in a read-only snapshot. The queries are issued
 * together: on a pipelined client (capturePlatform) they cost one round trip to live, not one each.
 */
export async function readPlatformWith(c: Client): Promise<LivePlatform> {
  const versionQ = c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  const rolesQ = c.query<LiveRole>(
    `SELECT rolname AS name, rolsuper AS superuser, rolinherit AS inherit, rolcreaterole AS createrole, rolcreatedb AS createdb,
       rolcanlogin AS login, rolreplication AS replication, rolbypassrls AS bypassrls
     FROM pg_catalog.pg_roles WHERE rolname !~ '^pg_' ORDER BY rolname`,
  );
  const membershipsQ = c.query<{ role: string; member: string; adminOption: boolean }>(
    `SELECT r.rolname AS role, m.rolname AS member, a.admin_option AS "adminOption"
     FROM pg_catalog.pg_auth_members a JOIN pg_catalog.pg_roles r ON r.oid = a.roleid JOIN pg_catalog.pg_roles m ON m.oid = a.member
     ORDER BY 1, 2`,
  );
  const roleSettingsQ = c.query<{ role: string; setting: string }>(
    `SELECT r.rolname AS role, unnest(s.setconfig) AS setting FROM pg_catalog.pg_db_role_setting s
     JOIN pg_catalog.pg_roles r ON r.oid = s.setrole
     WHERE s.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()))
     ORDER BY 1, 2`,
  );
  const databaseSettingsQ = c.query<{ setting: string }>(
    `SELECT unnest(s.setconfig) AS setting FROM pg_catalog.pg_db_role_setting s
     WHERE s.setrole = 0 AND s.setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) ORDER BY 1`,
  );
  const publicSchemaAclQ = c.query<{ acl: string[] | null }>("SELECT pg_catalog.to_json(n.nspacl::text[]) AS acl FROM pg_catalog.pg_namespace n WHERE n.nspname = 'public'");
  const extensionsQ = c.query<LiveExtension>(
    `SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version, pg_catalog.pg_get_userbyid(e.extowner) AS owner,
       pg_catalog.obj_description(e.oid, 'pg_extension') AS comment, e.extrelocatable AS relocatable,
       v.schema::text AS "controlSchema", coalesce(v.superuser, true) AS superuser, coalesce(v.requires::text[], '{}') AS requires
     FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
     LEFT JOIN pg_catalog.pg_available_extension_versions v ON v.name = e.extname AND v.version = e.extversion
     ORDER BY e.extname`,
  );
  const defaultAclsQ = queryDefaultAcls(c);
  const publicationsQ = c.query<LivePlatform['publications'][number]>(
    `SELECT p.pubname AS name, pg_catalog.pg_get_userbyid(p.pubowner) AS owner, p.pubinsert AS insert, p.pubupdate AS update,
       p.pubdelete AS delete, p.pubtruncate AS truncate,
       coalesce((SELECT array_agg(pg_catalog.format('%I.%I', t.schemaname, t.tablename) ORDER BY 1)
         FROM pg_catalog.pg_publication_tables t WHERE t.pubname = p.pubname), '{}') AS tables
     FROM pg_catalog.pg_publication p ORDER BY 1`,
  );
  const eventTriggersQ = c.query<LivePlatform['eventTriggers'][number]>(
    `SELECT e.evtname AS name, e.evtevent AS event, e.evtfoid::regprocedure::text AS func, e.evttags AS tags,
       e.evtenabled::text AS enabled, pg_catalog.pg_get_userbyid(e.evtowner) AS owner
     FROM pg_catalog.pg_event_trigger e ORDER BY 1`,
  );
  const schemasQ = c.query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_catalog.pg_namespace n
     WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_namespace'::regclass
       AND d.objid = n.oid AND d.deptype = 'e') ORDER BY 1`,
  );
  // Every query is issued before the first is awaited; a failure of one is reported by its await.
  const all = [versionQ, rolesQ, membershipsQ, roleSettingsQ, databaseSettingsQ, publicSchemaAclQ, extensionsQ, defaultAclsQ, publicationsQ, eventTriggersQ, schemasQ];
  for (const q of all) q.catch(() => undefined);
  const versionNum = Number((await versionQ).rows[0]!.v);
  const roles = (await rolesQ).rows.filter((r) => isReservedRole(r.name));
  const roleNames = new Set(roles.map((r) => r.name));
  const memberships = (await membershipsQ).rows.filter((m) => roleNames.has(m.member) && (roleNames.has(m.role) || m.role.startsWith('pg_')));
  const roleSettings = (await roleSettingsQ).rows.filter((s) => roleNames.has(s.role));
  const databaseSettings = (await databaseSettingsQ).rows.map((r) => r.setting);
  const publicSchemaAcl = (await publicSchemaAclQ).rows[0]?.acl ?? [];
  const extensions = (await extensionsQ).rows;
  const defaultAcls = (await defaultAclsQ).filter((d) => roleNames.has(d.role));
  const publications = (await publicationsQ).rows
    .filter((p) => isPlatformPublication(p.name))
    // Only platform tables stay: user tables are added by the replayed migrations.
    .map((p) => ({ ...p, tables: p.tables.filter((t) => isManagedSchema(unquoteSchema(t))) }));
  const eventTriggers = (await eventTriggersQ).rows.filter((e) => isReservedRole(e.owner) && e.owner !== 'postgres');
  const schemas = (await schemasQ).rows.map((r) => r.name);
  const managedSchemas = schemas.filter((s) => isManagedSchema(s) && s !== 'supabase_migrations' && !s.startsWith('_'));
  const userTriggerOids = (
    await c.query<{ oid: string }>(
      `SELECT t.oid::text AS oid FROM pg_catalog.pg_trigger t
       JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid JOIN pg_catalog.pg_namespace fn ON fn.oid = p.pronamespace
       WHERE NOT t.tgisinternal AND n.nspname = ANY($1::text[]) AND NOT (fn.nspname = ANY($1::text[]))`,
      [managedSchemas],
    )
  ).rows.map((r) => r.oid);
  return { versionNum, roles, memberships, roleSettings, databaseSettings, publicSchemaAcl, extensions, defaultAcls, publications, eventTriggers, managedSchemas, userTriggerOids };
}

function unquoteSchema(qualifiedName: string): string {
  const m = /^("(?:[^"]|"")*"|[^.]*)\./.exec(qualifiedName);
  const s = m ? m[1]! : qualifiedName;
  return s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
}

/** Every pg_default_acl entry of the connected database, exploded (role names, not OIDs). */
export async function queryDefaultAcls(c: Client): Promise<LiveDefaultAcl[]> {
  return (
    await c.query<LiveDefaultAcl>(
      `SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema, d.defaclobjtype::text AS objtype,
         coalesce((SELECT json_agg(json_build_object('grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee) END,
             'privilege', a.privilege_type, 'grantable', a.is_grantable) ORDER BY a.grantee, a.privilege_type)
           FROM pg_catalog.aclexplode(d.defaclacl) a), '[]'::json) AS grants
       FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
       ORDER BY 1, 2 NULLS FIRST, 3`,
    )
  ).rows;
}
