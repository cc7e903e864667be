import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type SequenceObject } from '../snapshot-types.js';

interface SequenceRow {
  oid: string;
  nsp_oid: string;
  schema: string;
  name: string;
  owner: string;
  data_type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  own_schema: string | null;
  own_table: string | null;
  own_column: string | null;
}

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const SEQUENCES_SQL = `SELECT c.oid::text AS oid, c.relnamespace::text AS nsp_oid, n.nspname AS schema, c.relname AS name,
            pg_get_userbyid(c.relowner) AS owner, format_type(s.seqtypid, NULL) AS data_type,
            s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
            s.seqcache::text AS cache, s.seqcycle AS cycle,
            own.schema AS own_schema, own.tbl AS own_table, own.col AS own_column
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_sequence s ON s.seqrelid = c.oid
       LEFT JOIN LATERAL (
         SELECT tn.nspname AS schema, tc.relname AS tbl, ta.attname AS col
           FROM pg_depend d
           JOIN pg_class tc ON tc.oid = d.refobjid
           JOIN pg_namespace tn ON tn.oid = tc.relnamespace
           JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid
          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
            AND d.refobjsubid > 0 AND d.deptype = 'a'
          LIMIT 1) own ON true
      WHERE c.relkind = 'S' AND c.relnamespace = ANY($1::oid[])
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')`;

/**
 * Free-standing and serial sequences. Identity sequences (internal dependency on their column)
 * are not objects: their options live on the column (ColumnProps.identity).
 */
export async function loadSequences(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<SequenceRow>(
    SEQUENCES_SQL,
    [state.userNamespaceOids()],
  );
  for (const row of r.rows) {
    if (state.isExtensionMember(CATALOG.pg_class, row.oid)) continue;
    const obj: SequenceObject = {
      kind: 'sequence',
      id: objectId('sequence', [row.schema, row.name]),
      schema: row.schema,
      name: row.name,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: {
        dataType: row.data_type,
        start: row.start,
        increment: row.increment,
        min: row.min,
        max: row.max,
        cache: row.cache,
        cycle: row.cycle,
        ownedBy: row.own_schema != null && row.own_table != null && row.own_column != null
          ? objectId('column', [row.own_schema, row.own_table, row.own_column])
          : null,
      },
    };
    // No edge to the owning column: the column's DEFAULT nextval() already depends on the
    // sequence, and OWNED BY is set after both exist (an edge here would make a cycle).
    state.add(obj, catalogKey(CATALOG.pg_class, row.oid));
    state.addSchemaEdge(obj.id, row.nsp_oid);
  }
}
