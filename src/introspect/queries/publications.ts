import type { CatalogReader } from '../catalog-reader.js';
import { isPlatformPublication } from '../platform-scope.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type PublicationObject, type PublicationTableObject } from '../snapshot-types.js';
import { sortStrings } from './common.js';

interface PublicationRow {
  oid: string;
  name: string;
  owner: string;
  all_tables: boolean;
  ins: boolean;
  upd: boolean;
  del: boolean;
  trunc: boolean;
  via_root: boolean;
  schemas: string[];
}

interface PublicationRelRow {
  oid: string;
  publication: string;
  schema: string;
  table: string;
  table_nsp: string;
  table_oid: string;
  columns: string[] | null;
  where_expr: string | null;
}

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const PUBLICATIONS_SQL = `SELECT p.oid::text AS oid, p.pubname AS name, pg_get_userbyid(p.pubowner) AS owner, p.puballtables AS all_tables,
            p.pubinsert AS ins, p.pubupdate AS upd, p.pubdelete AS del, p.pubtruncate AS trunc, p.pubviaroot AS via_root,
            ARRAY(SELECT n.nspname::text FROM pg_publication_namespace pn JOIN pg_namespace n ON n.oid = pn.pnnspid
                   WHERE pn.pnpubid = p.oid ORDER BY 1) AS schemas
       FROM pg_publication p`;

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const PUBLICATION_TABLES_SQL = `SELECT pr.oid::text AS oid, p.pubname AS publication, n.nspname AS schema, c.relname AS table,
            c.relnamespace::text AS table_nsp, c.oid::text AS table_oid,
            CASE WHEN pr.prattrs IS NULL THEN NULL ELSE
              ARRAY(SELECT a.attname::text FROM unnest(pr.prattrs::int2[]) k
                      JOIN pg_attribute a ON a.attrelid = pr.prrelid AND a.attnum = k ORDER BY k) END AS columns,
            pg_get_expr(pr.prqual, pr.prrelid) AS where_expr
       FROM pg_publication_rel pr
       JOIN pg_publication p ON p.oid = pr.prpubid
       JOIN pg_class c ON c.oid = pr.prrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace`;

/**
 * Publications and their tables. supabase_realtime* are platform publications: only the
 * membership of user tables in them is kept (as attachments). User publications are user
 * objects; a platform table in one is an attachment of that membership.
 */
export async function loadPublications(client: CatalogReader, state: InspectState): Promise<void> {
  const p = await client.query<PublicationRow>(
    PUBLICATIONS_SQL,
  );
  for (const row of p.rows) {
    if (isPlatformPublication(row.name)) continue;
    const obj: PublicationObject = {
      kind: 'publication',
      id: objectId('publication', [row.name]),
      schema: null,
      name: row.name,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: {
        allTables: row.all_tables,
        insert: row.ins,
        update: row.upd,
        delete: row.del,
        truncate: row.trunc,
        viaRoot: row.via_root,
        ...(row.schemas.length > 0 ? { schemas: sortStrings(row.schemas) } : {}),
      },
    };
    state.add(obj, catalogKey(CATALOG.pg_publication, row.oid));
    for (const s of row.schemas) state.addEdge(obj.id, objectId('schema', [s]));
  }

  const rel = await client.query<PublicationRelRow>(
    PUBLICATION_TABLES_SQL,
  );
  for (const row of rel.rows) {
    const platformPub = isPlatformPublication(row.publication);
    const tableUser = state.isUserNamespace(row.table_nsp) && !state.isExtensionMember(CATALOG.pg_class, row.table_oid);
    if (platformPub && !tableUser) continue;
    const pubId = objectId('publication', [row.publication]);
    const tableId = objectId('table', [row.schema, row.table]);
    const attachedTo = platformPub ? pubId : tableUser ? undefined : tableId;
    const obj: PublicationTableObject = {
      kind: 'publication_table',
      id: objectId('publication_table', [row.publication, row.schema, row.table]),
      schema: row.schema,
      name: row.table,
      parent: pubId,
      scope: attachedTo ? 'attachment' : 'user',
      ...(attachedTo ? { attachedTo } : {}),
      dependsOn: [],
      props: { publication: pubId, table: tableId, columns: row.columns, where: row.where_expr },
    };
    state.add(obj, catalogKey(CATALOG.pg_publication_rel, row.oid));
    if (!platformPub) state.addEdge(obj.id, pubId);
    if (tableUser) state.addEdge(obj.id, tableId);
  }
}
