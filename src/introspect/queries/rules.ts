import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type RuleObject } from '../snapshot-types.js';
import { relationKind } from './common.js';

interface RuleRow {
  oid: string;
  name: string;
  schema: string;
  rel_name: string;
  relkind: string;
  rel_oid: string;
  definition: string;
  enabled: 'O' | 'D' | 'R' | 'A';
}

/** Rules other than views' _RETURN, on relations in user schemas (exported so inspect can issue it ahead of time). */
export const RULES_SQL = `SELECT r.oid::text AS oid, r.rulename AS name, n.nspname AS schema, c.relname AS rel_name, c.relkind::text AS relkind,
            c.oid::text AS rel_oid, pg_get_ruledef(r.oid, true) AS definition, r.ev_enabled::text AS enabled
       FROM pg_rewrite r
       JOIN pg_class c ON c.oid = r.ev_class
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE r.rulename <> '_RETURN' AND c.relnamespace = ANY($1::oid[])`;

/** CREATE RULE … (pg_get_ruledef verbatim) with its enabled state; sub-objects of their table. */
export async function loadRules(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<RuleRow>(RULES_SQL, [state.userNamespaceOids()]);
  for (const row of r.rows) {
    if (state.isExtensionMember(CATALOG.pg_rewrite, row.oid) || state.isExtensionMember(CATALOG.pg_class, row.rel_oid)) continue;
    const table = objectId(relationKind(row.relkind), [row.schema, row.rel_name]);
    const obj: RuleObject = {
      kind: 'rule',
      id: objectId('rule', [row.schema, row.rel_name, row.name]),
      schema: row.schema,
      name: row.name,
      parent: table,
      scope: 'user',
      dependsOn: [],
      props: { table, definition: row.definition, enabled: row.enabled },
    };
    state.add(obj, catalogKey(CATALOG.pg_rewrite, row.oid));
    state.addEdge(obj.id, table);
  }
}
