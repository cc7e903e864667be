import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type PolicyObject, type PolicyProps } from '../snapshot-types.js';
import { sortStrings } from './common.js';

interface PolicyRow {
  oid: string;
  schema: string;
  table: string;
  table_nsp: string;
  table_oid: string;
  name: string;
  cmd: string;
  permissive: boolean;
  roles: string[];
  using_expr: string | null;
  check_expr: string | null;
}

const COMMANDS: Record<string, PolicyProps['command']> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const POLICIES_SQL = `SELECT pol.oid::text AS oid, n.nspname AS schema, c.relname AS table, c.relnamespace::text AS table_nsp,
            c.oid::text AS table_oid, pol.polname AS name, pol.polcmd::text AS cmd, pol.polpermissive AS permissive,
            ARRAY(SELECT CASE WHEN rl = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(rl)::text END FROM unnest(pol.polroles) rl) AS roles,
            pg_get_expr(pol.polqual, pol.polrelid) AS using_expr, pg_get_expr(pol.polwithcheck, pol.polrelid) AS check_expr
       FROM pg_policy pol
       JOIN pg_class c ON c.oid = pol.polrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')`;

/**
 * RLS policies. On user tables: user objects. On platform tables (storage.objects,
 * storage.buckets, realtime.messages, auth.*): attachments — unless the table belongs to an
 * extension (cron.job's policies come with pg_cron).
 */
export async function loadPolicies(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<PolicyRow>(
    POLICIES_SQL,
  );
  for (const row of r.rows) {
    if (state.isExtensionMember(CATALOG.pg_class, row.table_oid)) continue;
    const ns = state.namespaces.get(row.table_nsp);
    if (!ns || ns.class === 'system') continue;
    const tableUser = state.isUserNamespace(row.table_nsp);
    const tableId = objectId('table', [row.schema, row.table]);
    const obj: PolicyObject = {
      kind: 'policy',
      id: objectId('policy', [row.schema, row.table, row.name]),
      schema: row.schema,
      name: row.name,
      parent: tableId,
      scope: tableUser ? 'user' : 'attachment',
      ...(tableUser ? {} : { attachedTo: tableId }),
      dependsOn: [],
      props: {
        table: tableId,
        command: COMMANDS[row.cmd] ?? 'ALL',
        permissive: row.permissive,
        roles: sortStrings(row.roles),
        using: row.using_expr,
        withCheck: row.check_expr,
      },
    };
    state.add(obj, catalogKey(CATALOG.pg_policy, row.oid));
    if (tableUser) state.addEdge(obj.id, tableId);
  }
}
