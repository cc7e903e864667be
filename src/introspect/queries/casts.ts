import type { CatalogReader } from '../catalog-reader.js';
import { catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type CastObject } from '../snapshot-types.js';
import { ROUTINE_IDENTITY, routineId } from './functions.js';

const PG_CAST = '2605';

interface CastRow {
  oid: string;
  source: string;
  target: string;
  method: 'f' | 'i' | 'b';
  context: 'e' | 'a' | 'i';
  fn_sig_text: string | null;
  fn_schema: string | null;
  fn_name: string | null;
  fn_signature: string | null;
}

/** User-created casts: oids of the built-in ones are below FirstNormalObjectId (exported so inspect can issue it ahead of time). */
export const CASTS_SQL = `SELECT c.oid::text AS oid, format_type(c.castsource, NULL) AS source, format_type(c.casttarget, NULL) AS target,
            c.castmethod::text AS method, c.castcontext::text AS context,
            CASE WHEN c.castfunc <> 0 THEN c.castfunc::regprocedure::text END AS fn_sig_text,
            ${ROUTINE_IDENTITY('p', 'fn')}
       FROM pg_cast c
       LEFT JOIN pg_proc p ON p.oid = c.castfunc
       LEFT JOIN pg_namespace fn ON fn.oid = p.pronamespace
      WHERE c.oid >= 16384
        -- Casts a range type makes to its multirange come with the type (internal dependency).
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'i')`;

/** CREATE CAST … WITH FUNCTION / WITH INOUT / WITHOUT FUNCTION [AS ASSIGNMENT | AS IMPLICIT]. */
export async function loadCasts(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<CastRow>(CASTS_SQL);
  for (const row of r.rows) {
    if (state.isExtensionMember(PG_CAST, row.oid)) continue;
    const fn = row.method === 'f' && row.fn_schema != null && row.fn_name != null && row.fn_signature != null ? routineId(row.fn_schema, row.fn_name, row.fn_signature) : null;
    const obj: CastObject = {
      kind: 'cast',
      id: objectId('cast', [row.source, row.target]),
      schema: null,
      name: `${row.source} AS ${row.target}`,
      scope: 'user',
      dependsOn: [],
      props: { source: row.source, target: row.target, method: row.method, function: fn, functionSignature: row.method === 'f' ? row.fn_sig_text : null, context: row.context },
    };
    state.add(obj, catalogKey(PG_CAST, row.oid));
    state.addEdge(obj.id, fn);
  }
}
