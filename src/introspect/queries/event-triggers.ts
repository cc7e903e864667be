import type { CatalogReader } from '../catalog-reader.js';
import { isPlatformRole } from '../platform-scope.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type EventTriggerObject } from '../snapshot-types.js';
import { sortStrings } from './common.js';
import { ROUTINE_IDENTITY, routineId } from './functions.js';

interface EventTriggerRow {
  oid: string;
  name: string;
  event: string;
  tags: string[];
  enabled: 'O' | 'D' | 'R' | 'A';
  owner: string;
  fn_schema: string;
  fn_name: string;
  fn_signature: string;
  fn_nsp: string;
  fn_oid: string;
}

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const EVENT_TRIGGERS_SQL = `SELECT e.oid::text AS oid, e.evtname AS name, e.evtevent AS event, coalesce(e.evttags, '{}') AS tags,
            e.evtenabled::text AS enabled, pg_get_userbyid(e.evtowner) AS owner,
            ${ROUTINE_IDENTITY('p', 'fn')}, p.pronamespace::text AS fn_nsp, p.oid::text AS fn_oid
       FROM pg_event_trigger e
       JOIN pg_proc p ON p.oid = e.evtfoid
       JOIN pg_namespace fn ON fn.oid = p.pronamespace`;

/**
 * Event triggers. Platform ones (owned by a platform role such as supabase_admin, or calling a
 * function in a managed schema or an extension: pgrst_ddl_watch, issue_pg_*_access) are skipped.
 */
export async function loadEventTriggers(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<EventTriggerRow>(
    EVENT_TRIGGERS_SQL,
  );
  for (const row of r.rows) {
    if (state.isExtensionMember(CATALOG.pg_event_trigger, row.oid)) continue;
    if (isPlatformRole(row.owner)) continue;
    const fnUser = state.isUserNamespace(row.fn_nsp) && !state.isExtensionMember(CATALOG.pg_proc, row.fn_oid);
    if (!fnUser) continue;
    const fnId = routineId(row.fn_schema, row.fn_name, row.fn_signature);
    const obj: EventTriggerObject = {
      kind: 'event_trigger',
      id: objectId('event_trigger', [row.name]),
      schema: null,
      name: row.name,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: { event: row.event, tags: sortStrings(row.tags), function: fnId, enabled: row.enabled },
    };
    state.add(obj, catalogKey(CATALOG.pg_event_trigger, row.oid));
    state.addEdge(obj.id, fnId);
  }
}
