import type { CatalogReader } from '../catalog-reader.js';
import { isPlatformRole } from '../platform-scope.js';
import type { InspectState } from '../inspect-state.js';
import { objectId, type DefaultPrivilegeObject, type DefaultPrivilegeProps } from '../snapshot-types.js';
import { sortStrings } from './common.js';

type AclEntry = [grantee: string, privilege: string, grantable: boolean];

interface DefaultAclRow {
  role: string;
  schema: string | null;
  nsp_oid: string;
  objtype: string;
  acl: AclEntry[] | null;
  builtin: AclEntry[] | null;
}

const OBJECT_TYPES: Record<string, DefaultPrivilegeProps['objectType']> = {
  r: 'TABLES',
  S: 'SEQUENCES',
  f: 'FUNCTIONS',
  T: 'TYPES',
  n: 'SCHEMAS',
};

const EXPLODE = (aclExpr: string) =>
  `(SELECT json_agg(json_build_array(CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee)::text END,
                                     x.privilege_type, x.is_grantable))
      FROM aclexplode(${aclExpr}) x)`;

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const DEFAULT_ACL_SQL = `SELECT pg_get_userbyid(d.defaclrole)::text AS role, n.nspname AS schema, d.defaclnamespace::text AS nsp_oid,
            d.defaclobjtype::text AS objtype, ${EXPLODE('d.defaclacl')} AS acl,
            CASE WHEN d.defaclnamespace = 0 THEN ${EXPLODE(
              `acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END::"char", d.defaclrole)`,
            )} END AS builtin
       FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace`;

/**
 * ALTER DEFAULT PRIVILEGES entries (pg_default_acl) of non-platform roles (postgres included:
 * migrations run as postgres), in user schemas or global. One object per
 * role × schema × object type × grantee. A global entry replaces the built-in default, so the
 * built-in privileges it lacks are listed in revokedFromBuiltin (e.g. EXECUTE from PUBLIC).
 */
export async function loadDefaultPrivileges(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<DefaultAclRow>(
    DEFAULT_ACL_SQL,
  );
  for (const row of r.rows) {
    if (isPlatformRole(row.role)) continue;
    const global = row.nsp_oid === '0';
    if (!global && !state.isUserNamespace(row.nsp_oid)) continue;
    const objectType = OBJECT_TYPES[row.objtype];
    if (!objectType) continue;
    const acl = byGrantee(row.acl ?? []);
    const builtin = byGrantee(row.builtin ?? []);
    const grantees = new Set([...acl.keys(), ...(global ? builtin.keys() : [])]);
    for (const grantee of grantees) {
      const have = acl.get(grantee) ?? { privs: new Set<string>(), grantable: new Set<string>() };
      const base = global ? builtin.get(grantee) : undefined;
      const revoked = base ? [...base.privs].filter((p) => !have.privs.has(p)) : [];
      // A global entry that leaves this grantee's built-in default untouched says nothing.
      if (base && revoked.length === 0 && sameSet(base.privs, have.privs) && sameSet(base.grantable, have.grantable)) continue;
      const schema = global ? null : row.schema;
      const obj: DefaultPrivilegeObject = {
        kind: 'default_privilege',
        id: objectId('default_privilege', [row.role, schema, objectType, grantee]),
        schema,
        name: `${objectType} to ${grantee}`,
        scope: 'user',
        dependsOn: [],
        props: {
          role: row.role,
          inSchema: schema,
          objectType,
          grantee,
          privileges: sortStrings([...have.privs]),
          grantable: sortStrings([...have.grantable]),
          ...(global ? { revokedFromBuiltin: sortStrings(revoked) } : {}),
        },
      };
      state.add(obj);
      if (!global) state.addSchemaEdge(obj.id, row.nsp_oid);
    }
  }
}

function byGrantee(entries: AclEntry[]): Map<string, { privs: Set<string>; grantable: Set<string> }> {
  const m = new Map<string, { privs: Set<string>; grantable: Set<string> }>();
  for (const [grantee, priv, grantable] of entries) {
    let e = m.get(grantee);
    if (!e) m.set(grantee, (e = { privs: new Set(), grantable: new Set() }));
    e.privs.add(priv);
    if (grantable) e.grantable.add(priv);
  }
  return m;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
