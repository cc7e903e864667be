import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type TriggerObject } from '../snapshot-types.js';
import { relationKind } from './common.js';
import { ROUTINE_IDENTITY, routineId } from './functions.js';

interface TriggerRow {
  oid: string;
  schema: string;
  table: string;
  relkind: string;
  table_nsp: string;
  table_oid: string;
  name: string;
  definition: string;
  enabled: 'O' | 'D' | 'R' | 'A';
  fn_schema: string;
  fn_name: string;
  fn_signature: string;
  fn_nsp: string;
  fn_oid: string;
}

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const TRIGGERS_SQL = `SELECT tg.oid::text AS oid, n.nspname AS schema, c.relname AS table, c.relkind::text AS relkind,
            c.relnamespace::text AS table_nsp, c.oid::text AS table_oid, tg.tgname AS name,
            pg_get_triggerdef(tg.oid, true) AS definition, tg.tgenabled::text AS enabled,
            ${ROUTINE_IDENTITY('p', 'fn')}, p.pronamespace::text AS fn_nsp, p.oid::text AS fn_oid
       FROM pg_trigger tg
       JOIN pg_class c ON c.oid = tg.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_proc p ON p.oid = tg.tgfoid
       JOIN pg_namespace fn ON fn.oid = p.pronamespace
      WHERE NOT tg.tgisinternal AND tg.tgparentid = 0
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')`;

/**
 * Triggers written by users. Not here: internal triggers (FK enforcement), clones a
 * partitioned table's trigger makes on each partition (tgparentid), and triggers on platform
 * tables that call platform/extension functions. A user trigger on a platform table
 * (auth.users → public.handle_new_user()) is an attachment.
 */
export async function loadTriggers(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<TriggerRow>(
    TRIGGERS_SQL,
  );
  for (const row of r.rows) {
    const tableUser = state.isUserNamespace(row.table_nsp) && !state.isExtensionMember(CATALOG.pg_class, row.table_oid);
    const fnUser = state.isUserNamespace(row.fn_nsp) && !state.isExtensionMember(CATALOG.pg_proc, row.fn_oid);
    if (!tableUser && !fnUser) continue;
    if (!state.namespaces.has(row.table_nsp) || state.namespaces.get(row.table_nsp)!.class === 'system') continue;
    const tableId = objectId(relationKind(row.relkind), [row.schema, row.table]);
    const fnId = routineId(row.fn_schema, row.fn_name, row.fn_signature);
    const obj: TriggerObject = {
      kind: 'trigger',
      id: objectId('trigger', [row.schema, row.table, row.name]),
      schema: row.schema,
      name: row.name,
      parent: tableId,
      scope: tableUser ? 'user' : 'attachment',
      ...(tableUser ? {} : { attachedTo: tableId }),
      dependsOn: [],
      props: { table: tableId, definition: row.definition, enabled: row.enabled, function: fnId },
    };
    state.add(obj, catalogKey(CATALOG.pg_trigger, row.oid));
    if (tableUser) state.addEdge(obj.id, tableId);
    if (fnUser) state.addEdge(obj.id, fnId);
  }
}
