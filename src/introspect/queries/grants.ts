import type { CatalogReader } from '../catalog-reader.js';
import type { InspectState } from '../inspect-state.js';
import { parseAcl } from '../acl.js';
import { grantId, type GrantObject, type GrantTargetType, type SnapshotObject } from '../snapshot-types.js';
import { sortStrings } from './common.js';

const PG_PROC = '1255';
const PG_TYPE = '1247';

interface AclRow {
  classid: string;
  objid: string;
  subid: number;
  acl: string[];
}

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const GRANTS_SQL = `SELECT 'pg_class'::regclass::oid::text AS classid, c.oid::text AS objid, 0 AS subid,
            to_json(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))::text[]) AS acl
       FROM pg_class c
      WHERE c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
     UNION ALL
     SELECT 'pg_class'::regclass::oid::text, at.attrelid::text, at.attnum, to_json(at.attacl::text[])
       FROM pg_attribute at JOIN pg_class c ON c.oid = at.attrelid
      WHERE at.attacl IS NOT NULL AND at.attnum > 0 AND NOT at.attisdropped
        AND c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
     UNION ALL
     SELECT 'pg_proc'::regclass::oid::text, p.oid::text, 0, to_json(coalesce(p.proacl, acldefault('f', p.proowner))::text[])
       FROM pg_proc p
      WHERE p.pronamespace = ANY($1::oid[])
     UNION ALL
     SELECT 'pg_type'::regclass::oid::text, t.oid::text, 0, to_json(coalesce(t.typacl, acldefault('T', t.typowner))::text[])
       FROM pg_type t
      WHERE t.typnamespace = ANY($1::oid[]) AND t.typtype IN ('e', 'd', 'r', 'c') AND t.typelem = 0
     UNION ALL
     SELECT 'pg_namespace'::regclass::oid::text, n.oid::text, 0, to_json(coalesce(n.nspacl, acldefault('n', n.nspowner))::text[])
       FROM pg_namespace n
      WHERE n.oid = ANY($1::oid[])`;

/**
 * Effective privileges on every snapshot object that has an ACL: a NULL acl is expanded with
 * acldefault() so the snapshot shows what really holds (owner privileges, PUBLIC EXECUTE on
 * functions, PUBLIC USAGE on types). One grant object per target × grantee; column grants
 * only where a column ACL is set. Grantors are not recorded. ACLs travel as aclitem text and
 * are parsed here (src/introspect/acl.ts): much cheaper for the server than aclexplode(); as JSON
 * because JSON.parse is cheaper for the client than pg's text[] parser.
 */
export async function loadGrants(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<AclRow>(
    GRANTS_SQL,
    [state.userNamespaceOids()],
  );
  for (const row of r.rows) {
    const targetId = state.exact.get(`${row.classid}:${row.objid}:${row.subid}`);
    if (!targetId) continue; // not a snapshot object (platform, extension member, identity sequence, rowtype …)
    const target = state.objects.get(targetId)!;
    const targetType = grantTargetType(target);
    if (!targetType) continue;
    // Order among the grantees a GRANT appended: not the owner, nor PUBLIC where the built-in
    // ACL already holds it (functions, types), whose place depends on how the ACL was made.
    const builtinPublic = row.classid === PG_PROC || row.classid === PG_TYPE;
    let aclIndex = 0;
    for (const e of parseAcl(row.acl)) {
      if (e.privileges.length === 0) continue;
      const ordered = e.grantee !== target.owner && !(builtinPublic && e.grantee === 'PUBLIC');
      if (ordered) aclIndex++;
      const id = grantId(target.id, e.grantee);
      const obj: GrantObject = {
        kind: 'grant',
        id,
        schema: target.schema,
        name: e.grantee,
        parent: target.id,
        scope: target.scope,
        ...(target.attachedTo ? { attachedTo: target.attachedTo } : {}),
        dependsOn: [],
        props: {
          targetType,
          target: target.id,
          grantee: e.grantee,
          privileges: sortStrings(e.privileges),
          grantable: sortStrings(e.grantable),
          ...(ordered ? { aclIndex: aclIndex - 1 } : {}),
        },
      };
      state.add(obj);
      state.addEdge(id, target.id);
    }
  }
}

function grantTargetType(o: SnapshotObject): GrantTargetType | null {
  switch (o.kind) {
    case 'table':
    case 'view':
    case 'materialized_view':
    case 'foreign_table':
      return 'TABLE';
    case 'sequence':
      return 'SEQUENCE';
    case 'column':
      return 'COLUMN';
    case 'function':
      return o.props.routineKind === 'procedure' ? 'PROCEDURE' : 'FUNCTION';
    case 'schema':
      return 'SCHEMA';
    case 'domain':
      return 'DOMAIN';
    case 'enum':
    case 'composite_type':
    case 'range_type':
      return 'TYPE';
    default:
      return null;
  }
}
