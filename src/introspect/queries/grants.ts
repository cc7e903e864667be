import type { Client } from '../../db/client.js';
import type { InspectState } from '../inspect-state.js';
import { grantId, type GrantObject, type GrantTargetType, type SnapshotObject } from '../snapshot-types.js';
import { sortStrings } from './common.js';

interface AclRow {
  classid: string;
  objid: string;
  subid: number;
  grantee: string;
  privilege: string;
  grantable: boolean;
}

const GRANTEE = `CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END`;

/**
 * Effective privileges on every snapshot object that has an ACL: a NULL acl is expanded with
 * acldefault() so the snapshot shows what really holds (owner privileges, PUBLIC EXECUTE on
 * functions, PUBLIC USAGE on types). One grant object per target × grantee; column grants
 * only where a column ACL is set. Grantors are not recorded.
 */
export async function loadGrants(client: Client, state: InspectState): Promise<void> {
  const r = await client.query<AclRow>(
    `SELECT 'pg_class'::regclass::oid::text AS classid, c.oid::text AS objid, 0 AS subid, ${GRANTEE} AS grantee,
            a.privilege_type AS privilege, a.is_grantable AS grantable
       FROM pg_class c,
            LATERAL aclexplode(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) a
      WHERE c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
     UNION ALL
     SELECT 'pg_class'::regclass::oid::text, at.attrelid::text, at.attnum, ${GRANTEE}, a.privilege_type, a.is_grantable
       FROM pg_attribute at JOIN pg_class c ON c.oid = at.attrelid,
            LATERAL aclexplode(at.attacl) a
      WHERE at.attacl IS NOT NULL AND at.attnum > 0 AND NOT at.attisdropped
        AND c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
     UNION ALL
     SELECT 'pg_proc'::regclass::oid::text, p.oid::text, 0, ${GRANTEE}, a.privilege_type, a.is_grantable
       FROM pg_proc p, LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
      WHERE p.pronamespace = ANY($1::oid[])
     UNION ALL
     SELECT 'pg_type'::regclass::oid::text, t.oid::text, 0, ${GRANTEE}, a.privilege_type, a.is_grantable
       FROM pg_type t, LATERAL aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) a
      WHERE t.typnamespace = ANY($1::oid[]) AND t.typtype IN ('e', 'd', 'r', 'c') AND t.typelem = 0
     UNION ALL
     SELECT 'pg_namespace'::regclass::oid::text, n.oid::text, 0, ${GRANTEE}, a.privilege_type, a.is_grantable
       FROM pg_namespace n, LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
      WHERE n.oid = ANY($1::oid[])`,
    [state.userNamespaceOids()],
  );
  const grouped = new Map<string, { target: SnapshotObject; targetType: GrantTargetType; grantee: string; privs: Set<string>; grantable: Set<string> }>();
  for (const row of r.rows) {
    const targetId = state.exact.get(`${row.classid}:${row.objid}:${row.subid}`);
    if (!targetId) continue; // not a snapshot object (platform, extension member, identity sequence, rowtype …)
    const target = state.objects.get(targetId)!;
    const targetType = grantTargetType(target);
    if (!targetType) continue;
    const id = grantId(target.id, row.grantee);
    let g = grouped.get(id);
    if (!g) grouped.set(id, (g = { target, targetType, grantee: row.grantee, privs: new Set(), grantable: new Set() }));
    g.privs.add(row.privilege);
    if (row.grantable) g.grantable.add(row.privilege);
  }
  for (const [id, g] of grouped) {
    const obj: GrantObject = {
      kind: 'grant',
      id,
      schema: g.target.schema,
      name: g.grantee,
      parent: g.target.id,
      scope: g.target.scope,
      ...(g.target.attachedTo ? { attachedTo: g.target.attachedTo } : {}),
      dependsOn: [],
      props: {
        targetType: g.targetType,
        target: g.target.id,
        grantee: g.grantee,
        privileges: sortStrings([...g.privs]),
        grantable: sortStrings([...g.grantable]),
      },
    };
    state.add(obj);
    state.addEdge(id, g.target.id);
  }
}

function grantTargetType(o: SnapshotObject): GrantTargetType | null {
  switch (o.kind) {
    case 'table':
    case 'view':
    case 'materialized_view':
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
