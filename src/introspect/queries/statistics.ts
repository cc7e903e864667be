import type { CatalogReader } from '../catalog-reader.js';
import { catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type StatisticsObject } from '../snapshot-types.js';

const PG_STATISTIC_EXT = '3381';

interface StatisticsRow {
  oid: string;
  nsp_oid: string;
  schema: string;
  name: string;
  owner: string;
  table_schema: string;
  table_name: string;
  definition: string;
  target: number | null;
}

/** Extended statistics in user schemas (exported so inspect can issue it ahead of time). */
export const STATISTICS_SQL = `SELECT s.oid::text AS oid, s.stxnamespace::text AS nsp_oid, n.nspname AS schema, s.stxname AS name,
            pg_get_userbyid(s.stxowner) AS owner, tn.nspname AS table_schema, c.relname AS table_name,
            pg_get_statisticsobjdef(s.oid) AS definition,
            CASE WHEN s.stxstattarget >= 0 THEN s.stxstattarget::int END AS target
       FROM pg_statistic_ext s
       JOIN pg_namespace n ON n.oid = s.stxnamespace
       JOIN pg_class c ON c.oid = s.stxrelid
       JOIN pg_namespace tn ON tn.oid = c.relnamespace
      WHERE s.stxnamespace = ANY($1::oid[])`;

/** CREATE STATISTICS (pg_get_statisticsobjdef verbatim) and its statistics target. */
export async function loadStatistics(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<StatisticsRow>(STATISTICS_SQL, [state.userNamespaceOids()]);
  for (const row of r.rows) {
    if (state.isExtensionMember(PG_STATISTIC_EXT, row.oid)) continue;
    const table = objectId('table', [row.table_schema, row.table_name]);
    const obj: StatisticsObject = {
      kind: 'statistics',
      id: objectId('statistics', [row.schema, row.name]),
      schema: row.schema,
      name: row.name,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: { table, definition: row.definition, target: row.target },
    };
    state.add(obj, catalogKey(PG_STATISTIC_EXT, row.oid));
    state.addSchemaEdge(obj.id, row.nsp_oid);
    state.addEdge(obj.id, table);
  }
}
