import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type ConstraintObject, type ConstraintType } from '../snapshot-types.js';

interface ConstraintRow {
  oid: string;
  table_oid: string;
  schema: string;
  table: string;
  name: string;
  contype: string;
  definition: string;
  deferrable: boolean;
  deferred: boolean;
  validated: boolean;
  is_local: boolean;
  ref_schema: string | null;
  ref_table: string | null;
  index_oid: string | null;
}

const TYPES: Record<string, ConstraintType> = {
  p: 'primary_key',
  u: 'unique',
  c: 'check',
  f: 'foreign_key',
  x: 'exclusion',
};

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const CONSTRAINTS_SQL = `SELECT co.oid::text AS oid, c.oid::text AS table_oid, n.nspname AS schema, c.relname AS table, co.conname AS name, co.contype::text AS contype,
            pg_get_constraintdef(co.oid, true) AS definition, co.condeferrable AS deferrable, co.condeferred AS deferred,
            co.convalidated AS validated, co.conislocal AS is_local,
            fn.nspname AS ref_schema, fc.relname AS ref_table,
            CASE WHEN co.contype IN ('p', 'u', 'x') AND co.conindid <> 0 THEN co.conindid::text END AS index_oid
       FROM pg_constraint co
       JOIN pg_class c ON c.oid = co.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class fc ON fc.oid = co.confrelid
       LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
      WHERE co.contype IN ('p', 'u', 'c', 'f', 'x') AND c.relkind IN ('r', 'p')
        AND c.relnamespace = ANY($1::oid[])
        AND NOT (co.conparentid <> 0 AND EXISTS (
              SELECT 1 FROM pg_constraint pco WHERE pco.oid = co.conparentid AND pco.conrelid = co.conrelid))`;

/**
 * Table constraints. Not here: constraint triggers (contype 't'; the trigger object's
 * CREATE CONSTRAINT TRIGGER definition re-creates both), NOT NULL (a column property), and the
 * per-partition copies PostgreSQL makes of a foreign key that references a partitioned table
 * (same table, parent constraint on the same table: re-created by the parent FK).
 */
export async function loadConstraints(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<ConstraintRow>(
    CONSTRAINTS_SQL,
    [state.userNamespaceOids()],
  );
  for (const row of r.rows) {
    if (state.isExtensionMember(CATALOG.pg_class, row.table_oid)) continue;
    const tableId = objectId('table', [row.schema, row.table]);
    const references = row.ref_schema != null && row.ref_table != null ? objectId('table', [row.ref_schema, row.ref_table]) : null;
    const obj: ConstraintObject = {
      kind: 'constraint',
      id: objectId('constraint', [row.schema, row.table, row.name]),
      schema: row.schema,
      name: row.name,
      parent: tableId,
      scope: 'user',
      dependsOn: [],
      props: {
        type: TYPES[row.contype]!,
        definition: row.definition,
        deferrable: row.deferrable,
        initiallyDeferred: row.deferred,
        validated: row.validated,
        isLocal: row.is_local,
        references,
      },
    };
    state.add(obj, catalogKey(CATALOG.pg_constraint, row.oid));
    state.addEdge(obj.id, tableId);
    if (references && references !== tableId) state.addEdge(obj.id, references);
    // The index a PK/UNIQUE/EXCLUDE constraint creates is the constraint (for dependencies:
    // a foreign key depends on the referenced table's unique index).
    if (row.index_oid) state.alias.set(catalogKey(CATALOG.pg_class, row.index_oid), obj.id);
  }
}
