import type { CatalogReader } from '../catalog-reader.js';
import { isPlatformRole } from '../platform-scope.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { parseOptions } from '../secret-options.js';
import {
  objectId,
  type ForeignColumn,
  type ForeignDataWrapperObject,
  type ForeignServerObject,
  type ForeignTableObject,
  type UserMappingObject,
} from '../snapshot-types.js';

const PG_FOREIGN_DATA_WRAPPER = '2328';
const PG_FOREIGN_SERVER = '1417';
const PG_USER_MAPPING = '1418';

interface WrapperRow {
  oid: string;
  name: string;
  owner: string;
  handler: string | null;
  validator: string | null;
  options: string[] | null;
}

interface ServerRow {
  oid: string;
  name: string;
  owner: string;
  type: string | null;
  version: string | null;
  options: string[] | null;
  fdw_name: string;
}

interface MappingRow {
  oid: string;
  server_oid: string;
  server_name: string;
  user_name: string;
  options: string[] | null;
}

interface ForeignColumnRow {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  collation: string | null;
  options: string[] | null;
}

interface ForeignTableRow {
  oid: string;
  nsp_oid: string;
  schema: string;
  name: string;
  owner: string;
  reltype: string;
  server_oid: string;
  server_name: string;
  options: string[] | null;
  columns: ForeignColumnRow[] | null;
}

export const FDW_SQL = `SELECT w.oid::text AS oid, w.fdwname AS name, pg_get_userbyid(w.fdwowner) AS owner,
            CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::regproc::text END AS handler,
            CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::regproc::text END AS validator,
            w.fdwoptions AS options
       FROM pg_foreign_data_wrapper w`;

export const SERVERS_SQL = `SELECT s.oid::text AS oid, s.srvname AS name, pg_get_userbyid(s.srvowner) AS owner, s.srvtype AS type,
            s.srvversion AS version, s.srvoptions AS options, w.fdwname AS fdw_name
       FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw`;

/** pg_user_mappings (the catalog itself is superuser-only); umoptions shows to the server's owner. */
export const USER_MAPPINGS_SQL = `SELECT u.umid::text AS oid, u.srvid::text AS server_oid, u.srvname AS server_name,
            CASE WHEN u.umuser = 0 THEN 'PUBLIC' ELSE u.usename::text END AS user_name, u.umoptions AS options
       FROM pg_user_mappings u`;

export const FOREIGN_TABLES_SQL = `SELECT c.oid::text AS oid, c.relnamespace::text AS nsp_oid, n.nspname AS schema, c.relname AS name,
            pg_get_userbyid(c.relowner) AS owner, c.reltype::text AS reltype,
            ft.ftserver::text AS server_oid, s.srvname AS server_name, ft.ftoptions AS options,
            (SELECT json_agg(json_build_object(
                      'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull,
                      'default', pg_get_expr(ad.adbin, ad.adrelid),
                      'collation', CASE WHEN a.attcollation <> t.typcollation THEN
                         (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                            FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END,
                      'options', a.attfdwoptions) ORDER BY a.attnum)
               FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
               LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
       FROM pg_foreign_table ft
       JOIN pg_class c ON c.oid = ft.ftrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_foreign_server s ON s.oid = ft.ftserver
      WHERE c.relnamespace = ANY($1::oid[])`;

/** Catalog queries of this loader, in the order it runs them. */
export const FOREIGN_SQL = [FDW_SQL, SERVERS_SQL, USER_MAPPINGS_SQL, FOREIGN_TABLES_SQL];

/**
 * Foreign data wrappers, servers, user mappings and foreign tables (Supabase Wrappers, postgres_fdw;
 * IMPORT FOREIGN SCHEMA results are plain foreign tables). A wrapper that is an extension member
 * (postgres_fdw's own) is a platform object the servers refer to by name. Secret option values
 * (passwords, api keys) are never read into the snapshot: see parseOptions.
 */
export async function loadForeign(client: CatalogReader, state: InspectState): Promise<void> {
  const wrappers = await client.query<WrapperRow>(FDW_SQL);
  const userWrappers = new Set<string>();
  for (const row of wrappers.rows) {
    if (state.isExtensionMember(PG_FOREIGN_DATA_WRAPPER, row.oid) || isPlatformRole(row.owner)) continue;
    const obj: ForeignDataWrapperObject = {
      kind: 'foreign_data_wrapper',
      id: objectId('foreign_data_wrapper', [row.name]),
      schema: null,
      name: row.name,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: { handler: row.handler, validator: row.validator, options: parseOptions(row.options) },
    };
    state.add(obj, catalogKey(PG_FOREIGN_DATA_WRAPPER, row.oid));
    userWrappers.add(row.name);
  }

  const servers = await client.query<ServerRow>(SERVERS_SQL);
  const userServers = new Set<string>();
  for (const row of servers.rows) {
    if (state.isExtensionMember(PG_FOREIGN_SERVER, row.oid) || isPlatformRole(row.owner)) continue;
    const wrapper = objectId('foreign_data_wrapper', [row.fdw_name]);
    const obj: ForeignServerObject = {
      kind: 'foreign_server',
      id: objectId('foreign_server', [row.name]),
      schema: null,
      name: row.name,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: { wrapper, wrapperName: row.fdw_name, type: row.type, version: row.version, options: parseOptions(row.options) },
    };
    state.add(obj, catalogKey(PG_FOREIGN_SERVER, row.oid));
    if (userWrappers.has(row.fdw_name)) state.addEdge(obj.id, wrapper);
    userServers.add(row.oid);
  }

  const mappings = await client.query<MappingRow>(USER_MAPPINGS_SQL);
  for (const row of mappings.rows) {
    if (!userServers.has(row.server_oid)) continue;
    const server = objectId('foreign_server', [row.server_name]);
    const obj: UserMappingObject = {
      kind: 'user_mapping',
      id: objectId('user_mapping', [row.user_name, row.server_name]),
      schema: null,
      name: row.user_name,
      parent: server,
      scope: 'user',
      dependsOn: [],
      props: { server, serverName: row.server_name, user: row.user_name, options: parseOptions(row.options) },
    };
    state.add(obj, catalogKey(PG_USER_MAPPING, row.oid));
    state.addEdge(obj.id, server);
  }

  const tables = await client.query<ForeignTableRow>(FOREIGN_TABLES_SQL, [state.userNamespaceOids()]);
  for (const row of tables.rows) {
    if (state.isExtensionMember(CATALOG.pg_class, row.oid)) continue;
    const server = objectId('foreign_server', [row.server_name]);
    const columns: ForeignColumn[] = (row.columns ?? []).map((c) => ({
      name: c.name,
      type: c.type,
      notNull: c.notNull,
      default: c.default,
      collation: c.collation,
      options: parseOptions(c.options),
    }));
    const obj: ForeignTableObject = {
      kind: 'foreign_table',
      id: objectId('foreign_table', [row.schema, row.name]),
      schema: row.schema,
      name: row.name,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: { server, serverName: row.server_name, columns, options: parseOptions(row.options) },
    };
    state.add(obj, catalogKey(CATALOG.pg_class, row.oid));
    state.alias.set(catalogKey(CATALOG.pg_type, row.reltype), obj.id);
    state.addSchemaEdge(obj.id, row.nsp_oid);
    state.addEdge(obj.id, server);
  }
}


