import type { CatalogReader } from '../catalog-reader.js';
import type { InspectState } from '../inspect-state.js';
import { parseAcl } from '../acl.js';
import { grantId, objectId, type GrantObject, type GrantTargetType, type ObjectKind } from '../snapshot-types.js';
import { routineId } from './functions.js';
import { sortStrings } from './common.js';

interface MemberAclRow {
  relkind: string | null;
  prokind: string | null;
  schema: string;
  name: string;
  signature: string | null;
  owner: string;
  acl: string[];
  /** The ACL the extension script left (pg_init_privs), or the default one. */
  init: string[];
}

/** ACLs of extension members in the given (managed) namespaces: functions, tables, views, sequences. */
export const EXTENSION_MEMBER_GRANTS_SQL = `SELECT NULL::text AS relkind, p.prokind::text AS prokind, n.nspname AS schema, p.proname AS name,
            oidvectortypes(p.proargtypes) AS signature, pg_get_userbyid(p.proowner) AS owner,
            to_json(coalesce(p.proacl, acldefault('f', p.proowner))::text[]) AS acl,
            to_json(coalesce(ip.initprivs, acldefault('f', p.proowner))::text[]) AS init
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       LEFT JOIN pg_init_privs ip ON ip.classoid = 'pg_proc'::regclass AND ip.objoid = p.oid AND ip.objsubid = 0
      WHERE p.pronamespace = ANY($1::oid[])
        AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
     UNION ALL
     SELECT c.relkind::text, NULL, n.nspname, c.relname, NULL, pg_get_userbyid(c.relowner),
            to_json(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))::text[]),
            to_json(coalesce(ip.initprivs, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))::text[])
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_init_privs ip ON ip.classoid = 'pg_class'::regclass AND ip.objoid = c.oid AND ip.objsubid = 0
      WHERE c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

const RELATION: Record<string, { kind: ObjectKind; type: GrantTargetType }> = {
  r: { kind: 'table', type: 'TABLE' },
  p: { kind: 'table', type: 'TABLE' },
  v: { kind: 'view', type: 'TABLE' },
  m: { kind: 'materialized_view', type: 'TABLE' },
  f: { kind: 'foreign_table', type: 'TABLE' },
  S: { kind: 'sequence', type: 'SEQUENCE' },
};

/**
 * Grants on extension members inside managed schemas (GRANT … ON FUNCTION extensions.crypt(…)
 * TO dashboard_user): the members are the extension's, but who may use them is the project's
 * business, and pg_dump dumps such grants. Like pg_dump, only what differs from the ACL the
 * extension script left (pg_init_privs): one grant object per grantee whose privileges differ,
 * with its current privileges (empty: everything revoked). The members themselves are not
 * registered: a grant names its target by id.
 */
export async function loadExtensionMemberGrants(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<MemberAclRow>(EXTENSION_MEMBER_GRANTS_SQL, [state.userNamespaceOids()]);
  for (const row of r.rows) {
    let target: string;
    let targetType: GrantTargetType;
    if (row.prokind !== null) {
      if (row.prokind === 'a' || row.prokind === 'w') continue;
      target = routineId(row.schema, row.name, row.signature ?? '');
      targetType = row.prokind === 'p' ? 'PROCEDURE' : 'FUNCTION';
    } else {
      const rel = RELATION[row.relkind ?? ''];
      if (!rel) continue;
      target = objectId(rel.kind, [row.schema, row.name]);
      targetType = rel.type;
    }
    const now = new Map(parseAcl(row.acl).map((e) => [e.grantee, e]));
    const initial = new Map(parseAcl(row.init).map((e) => [e.grantee, e]));
    for (const grantee of new Set([...now.keys(), ...initial.keys()])) {
      const e = now.get(grantee) ?? { grantee, privileges: [], grantable: [] };
      const i = initial.get(grantee);
      if (i && sameEntry(i, e)) continue;
      if (!i && e.privileges.length === 0) continue;
      const id = grantId(target, e.grantee);
      if (state.objects.has(id)) continue;
      const obj: GrantObject = {
        kind: 'grant',
        id,
        schema: row.schema,
        name: e.grantee,
        parent: target,
        scope: 'user',
        dependsOn: [],
        props: { targetType, target, grantee: e.grantee, privileges: sortStrings(e.privileges), grantable: sortStrings(e.grantable) },
      };
      state.add(obj);
    }
  }
}

function sameEntry(a: { privileges: readonly string[]; grantable: readonly string[] }, b: { privileges: readonly string[]; grantable: readonly string[] }): boolean {
  return sortStrings([...a.privileges]).join() === sortStrings([...b.privileges]).join() && sortStrings([...a.grantable]).join() === sortStrings([...b.grantable]).join();
}
