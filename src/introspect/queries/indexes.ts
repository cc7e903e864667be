import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type IndexObject } from '../snapshot-types.js';
import { relationKind } from './common.js';

interface IndexRow {
  oid: string;
  table_oid: string;
  schema: string;
  name: string;
  table: string;
  table_kind: string;
  definition: string;
  unique: boolean;
  valid: boolean;
  predicate: string | null;
}

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const INDEXES_SQL = `SELECT i.indexrelid::text AS oid, t.oid::text AS table_oid, n.nspname AS schema, ic.relname AS name, t.relname AS table,
            t.relkind::text AS table_kind, pg_get_indexdef(i.indexrelid) AS definition,
            i.indisunique AS unique, i.indisvalid AS valid, pg_get_expr(i.indpred, i.indrelid) AS predicate
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE t.relkind IN ('r', 'p', 'm') AND t.relnamespace = ANY($1::oid[])
        -- pg_constraint has no index on conindid: a hashed NOT IN instead of a per-row scan.
        AND i.indexrelid NOT IN (SELECT co.conindid FROM pg_constraint co WHERE co.contype IN ('p', 'u', 'x'))
        AND NOT EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = i.indexrelid)`;

/**
 * Indexes on tables and materialized views. Not separate objects: indexes that back a
 * PK/UNIQUE/EXCLUDE constraint (the constraint creates them) and partition indexes attached to a
 * partitioned parent index (CREATE INDEX on the parent creates them).
 */
export async function loadIndexes(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<IndexRow>(
    INDEXES_SQL,
    [state.userNamespaceOids()],
  );
  for (const row of r.rows) {
    if (state.isExtensionMember(CATALOG.pg_class, row.table_oid)) continue;
    const tableId = objectId(relationKind(row.table_kind), [row.schema, row.table]);
    const obj: IndexObject = {
      kind: 'index',
      id: objectId('index', [row.schema, row.name]),
      schema: row.schema,
      name: row.name,
      parent: tableId,
      scope: 'user',
      dependsOn: [],
      props: { definition: row.definition, table: tableId, unique: row.unique, valid: row.valid, predicate: row.predicate },
    };
    state.add(obj, catalogKey(CATALOG.pg_class, row.oid));
    state.addEdge(obj.id, tableId);
  }
}
