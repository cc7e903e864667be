import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type ColumnObject, type IdentityOptions, type TableObject } from '../snapshot-types.js';
import { sortStrings } from './common.js';

interface TableRow {
  oid: string;
  nsp_oid: string;
  schema: string;
  name: string;
  relkind: 'r' | 'p';
  unlogged: boolean;
  owner: string;
  partkey: string | null;
  parent_schema: string | null;
  parent_name: string | null;
  bound: string | null;
  options: string[];
  rls: boolean;
  rls_forced: boolean;
  replident: 'd' | 'n' | 'f' | 'i';
  inherits: [string, string][] | null;
  reltype: string;
  replident_index: string | null;
}

interface ColumnRow {
  reloid: string;
  name: string;
  attnum: number;
  type: string;
  not_null: boolean;
  default_expr: string | null;
  generated: string | null;
  identity: '' | 'a' | 'd';
  collation: string | null;
  is_local: boolean;
  stats: number | null;
  storage: string | null;
  compression: string | null;
  seq_name: string | null;
  seq_type: string | null;
  seq_start: string | null;
  seq_increment: string | null;
  seq_min: string | null;
  seq_max: string | null;
  seq_cache: string | null;
  seq_cycle: boolean | null;
}

const STORAGE: Record<string, string> = { p: 'PLAIN', e: 'EXTERNAL', m: 'MAIN', x: 'EXTENDED' };

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const TABLES_SQL = `SELECT c.oid::text AS oid, c.relnamespace::text AS nsp_oid, n.nspname AS schema, c.relname AS name,
            c.relkind::text AS relkind, c.relpersistence = 'u' AS unlogged, pg_get_userbyid(c.relowner) AS owner,
            CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
            pn.nspname AS parent_schema, pc.relname AS parent_name,
            CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
            coalesce(c.reloptions, '{}') AS options,
            c.relrowsecurity AS rls, c.relforcerowsecurity AS rls_forced, c.relreplident::text AS replident,
            CASE WHEN NOT c.relispartition THEN
              (SELECT json_agg(json_build_array(ipn.nspname, ipc.relname) ORDER BY i.inhseqno)
                 FROM pg_inherits i JOIN pg_class ipc ON ipc.oid = i.inhparent
                 JOIN pg_namespace ipn ON ipn.oid = ipc.relnamespace
                WHERE i.inhrelid = c.oid) END AS inherits,
            c.reltype::text AS reltype,
            CASE WHEN c.relreplident = 'i' THEN
              (SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                WHERE i.indrelid = c.oid AND i.indisreplident LIMIT 1) END AS replident_index
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_inherits pi ON c.relispartition AND pi.inhrelid = c.oid
       LEFT JOIN pg_class pc ON pc.oid = pi.inhparent
       LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
      WHERE c.relkind IN ('r', 'p') AND c.relnamespace = ANY($1::oid[])`;

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const COLUMNS_SQL = `SELECT a.attrelid::text AS reloid, a.attname AS name, a.attnum,
            format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
            CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS default_expr,
            CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generated,
            a.attidentity::text AS identity,
            CASE WHEN co.oid IS NOT NULL THEN quote_ident(con.nspname) || '.' || quote_ident(co.collname) END AS collation,
            a.attislocal AS is_local,
            CASE WHEN a.attstattarget >= 0 THEN a.attstattarget::int END AS stats,
            CASE WHEN a.attstorage <> ty.typstorage THEN a.attstorage::text END AS storage,
            CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END AS compression,
            idn.seq_name, idn.seq_type, idn.seq_start, idn.seq_increment, idn.seq_min, idn.seq_max, idn.seq_cache, idn.seq_cycle
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_type ty ON ty.oid = a.atttypid
       LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
       LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> ty.typcollation
       LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
       -- Identity columns' implicit sequences (internal dependency on the column), hash-joined.
       LEFT JOIN (
         SELECT d.refobjid, d.refobjsubid, sc.relname AS seq_name, format_type(s.seqtypid, NULL) AS seq_type,
                s.seqstart::text AS seq_start, s.seqincrement::text AS seq_increment, s.seqmin::text AS seq_min,
                s.seqmax::text AS seq_max, s.seqcache::text AS seq_cache, s.seqcycle AS seq_cycle
           FROM pg_depend d
           JOIN pg_class sc ON sc.oid = d.objid AND sc.relkind = 'S'
           JOIN pg_sequence s ON s.seqrelid = sc.oid
          WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i'
            AND d.refobjsubid > 0) idn ON a.attidentity <> '' AND idn.refobjid = a.attrelid AND idn.refobjsubid = a.attnum
      WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        AND c.relnamespace = ANY($1::oid[])
      ORDER BY a.attrelid, a.attnum`;

/** Ordinary and partitioned tables, then all their columns: two set-based queries. */
export async function loadTables(client: CatalogReader, state: InspectState): Promise<void> {
  const nsOids = [state.userNamespaceOids()];
  const t = await client.query<TableRow>(
    TABLES_SQL,
    nsOids,
  );
  for (const row of t.rows) {
    if (state.isExtensionMember(CATALOG.pg_class, row.oid)) continue;
    const id = objectId('table', [row.schema, row.name]);
    const partitionOf =
      row.parent_schema != null && row.parent_name != null && row.bound != null
        ? { parent: objectId('table', [row.parent_schema, row.parent_name]), bound: row.bound }
        : null;
    const inherits = (row.inherits ?? []).map(([s, n]) => objectId('table', [s, n]));
    const obj: TableObject = {
      kind: 'table',
      id,
      schema: row.schema,
      name: row.name,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: {
        relkind: row.relkind,
        unlogged: row.unlogged,
        partitionKey: row.partkey,
        partitionOf,
        inherits,
        options: sortStrings(row.options),
        rlsEnabled: row.rls,
        rlsForced: row.rls_forced,
        replicaIdentity: row.replident,
        ...(row.replident_index != null ? { replicaIdentityIndex: row.replident_index } : {}),
      },
    };
    state.add(obj, catalogKey(CATALOG.pg_class, row.oid));
    // The table's row type stands for the table in dependencies (functions taking the row type).
    state.alias.set(catalogKey(CATALOG.pg_type, row.reltype), id);
    state.addSchemaEdge(id, row.nsp_oid);
    if (partitionOf) state.addEdge(id, partitionOf.parent);
    for (const p of inherits) state.addEdge(id, p);
  }

  const c = await client.query<ColumnRow>(
    COLUMNS_SQL,
    nsOids,
  );
  // Columns carry only their table's oid (less to transfer); names come from the tables above.
  const tableNames = new Map(t.rows.map((row) => [row.oid, row]));
  let lastRel = '';
  let position = 0;
  for (const row of c.rows) {
    const table = tableNames.get(row.reloid);
    if (!table || state.isExtensionMember(CATALOG.pg_class, row.reloid)) continue;
    if (row.reloid !== lastRel) {
      lastRel = row.reloid;
      position = 0;
    }
    position++;
    const tableId = objectId('table', [table.schema, table.name]);
    let identity: IdentityOptions | null = null;
    if (row.identity !== '' && row.seq_name != null) {
      identity = {
        generation: row.identity === 'a' ? 'always' : 'by default',
        sequenceName: row.seq_name,
        dataType: row.seq_type ?? 'bigint',
        start: row.seq_start ?? '1',
        increment: row.seq_increment ?? '1',
        min: row.seq_min ?? '1',
        max: row.seq_max ?? '',
        cache: row.seq_cache ?? '1',
        cycle: row.seq_cycle ?? false,
      };
    }
    const obj: ColumnObject = {
      kind: 'column',
      id: objectId('column', [table.schema, table.name, row.name]),
      schema: table.schema,
      name: row.name,
      parent: tableId,
      scope: 'user',
      dependsOn: [],
      props: {
        position,
        type: row.type,
        notNull: row.not_null,
        default: row.default_expr,
        identity,
        generated: row.generated,
        collation: row.collation,
        isLocal: row.is_local,
        statistics: row.stats,
        storage: row.storage == null ? null : (STORAGE[row.storage] ?? row.storage),
        ...(row.compression === 'pglz' || row.compression === 'lz4' ? { compression: row.compression } : {}),
      },
    };
    state.add(obj, catalogKey(CATALOG.pg_class, row.reloid, row.attnum));
    state.addEdge(obj.id, tableId);
  }
}
