import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type MaterializedViewObject, type ViewObject } from '../snapshot-types.js';
import { sortStrings } from './common.js';

interface ViewRow {
  oid: string;
  nsp_oid: string;
  schema: string;
  name: string;
  relkind: 'v' | 'm';
  owner: string;
  definition: string;
  options: string[];
  populated: boolean;
  columns: string[] | null;
  reltype: string;
  rules: string[];
}

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const VIEWS_SQL = `SELECT c.oid::text AS oid, c.relnamespace::text AS nsp_oid, n.nspname AS schema, c.relname AS name,
            c.relkind::text AS relkind, pg_get_userbyid(c.relowner) AS owner, pg_get_viewdef(c.oid, true) AS definition,
            coalesce(c.reloptions, '{}') AS options, c.relispopulated AS populated,
            (SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
            c.reltype::text AS reltype,
            ARRAY(SELECT rw.oid::text FROM pg_rewrite rw WHERE rw.ev_class = c.oid AND rw.rulename = '_RETURN') AS rules
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('v', 'm') AND c.relnamespace = ANY($1::oid[])`;

/** Views and materialized views; what they read comes from their _RETURN rule's pg_depend rows. */
export async function loadViews(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<ViewRow>(
    VIEWS_SQL,
    [state.userNamespaceOids()],
  );
  for (const row of r.rows) {
    if (state.isExtensionMember(CATALOG.pg_class, row.oid)) continue;
    const base = {
      schema: row.schema,
      name: row.name,
      scope: 'user' as const,
      owner: row.owner,
      dependsOn: [],
    };
    const props = { definition: row.definition, options: sortStrings(row.options), columns: row.columns ?? [] };
    let id: string;
    if (row.relkind === 'v') {
      const obj: ViewObject = { kind: 'view', id: objectId('view', [row.schema, row.name]), ...base, props };
      state.add(obj, catalogKey(CATALOG.pg_class, row.oid));
      id = obj.id;
    } else {
      const obj: MaterializedViewObject = {
        kind: 'materialized_view',
        id: objectId('materialized_view', [row.schema, row.name]),
        ...base,
        props: { ...props, withData: row.populated },
      };
      state.add(obj, catalogKey(CATALOG.pg_class, row.oid));
      id = obj.id;
    }
    state.alias.set(catalogKey(CATALOG.pg_type, row.reltype), id);
    for (const rule of row.rules) state.alias.set(catalogKey(CATALOG.pg_rewrite, rule), id);
    state.addSchemaEdge(id, row.nsp_oid);
  }
}
