import type { CatalogReader } from '../catalog-reader.js';
import { catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type TextSearchConfigurationObject, type TextSearchDictionaryObject } from '../snapshot-types.js';

const PG_TS_DICT = '3600';
const PG_TS_CONFIG = '3602';

interface DictionaryRow {
  oid: string;
  nsp_oid: string;
  schema: string;
  name: string;
  owner: string;
  template: string;
  options: string | null;
}

interface ConfigurationRow {
  oid: string;
  nsp_oid: string;
  schema: string;
  name: string;
  owner: string;
  parser: string;
  mappings: [token: string, dictionaries: string[]][] | null;
}

/** Text search dictionaries in user schemas (exported so inspect can issue it ahead of time). */
export const TS_DICTIONARIES_SQL = `SELECT d.oid::text AS oid, d.dictnamespace::text AS nsp_oid, n.nspname AS schema, d.dictname AS name,
            pg_get_userbyid(d.dictowner) AS owner,
            CASE WHEN tn.nspname = 'pg_catalog' THEN quote_ident(t.tmplname) ELSE quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname) END AS template,
            d.dictinitoption AS options
       FROM pg_ts_dict d
       JOIN pg_namespace n ON n.oid = d.dictnamespace
       JOIN pg_ts_template t ON t.oid = d.dicttemplate
       JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
      WHERE d.dictnamespace = ANY($1::oid[])`;

/** Text search configurations with their token → dictionaries mappings (exported so inspect can issue it ahead of time). */
export const TS_CONFIGURATIONS_SQL = `SELECT c.oid::text AS oid, c.cfgnamespace::text AS nsp_oid, n.nspname AS schema, c.cfgname AS name,
            pg_get_userbyid(c.cfgowner) AS owner,
            CASE WHEN pn.nspname = 'pg_catalog' THEN quote_ident(p.prsname) ELSE quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) END AS parser,
            (SELECT json_agg(json_build_array(x.alias, x.dicts) ORDER BY x.tokid)
               FROM (SELECT t.tokid, t.alias, array_agg(m.mapdict::regdictionary::text ORDER BY m.mapseqno) AS dicts
                       FROM pg_ts_config_map m JOIN ts_token_type(c.cfgparser) t ON t.tokid = m.maptokentype
                      WHERE m.mapcfg = c.oid GROUP BY t.tokid, t.alias) x) AS mappings
       FROM pg_ts_config c
       JOIN pg_namespace n ON n.oid = c.cfgnamespace
       JOIN pg_ts_parser p ON p.oid = c.cfgparser
       JOIN pg_namespace pn ON pn.oid = p.prsnamespace
      WHERE c.cfgnamespace = ANY($1::oid[])`;

/** CREATE TEXT SEARCH DICTIONARY / CONFIGURATION (parsers and templates need C functions: named by the census). */
export async function loadTextSearch(client: CatalogReader, state: InspectState): Promise<void> {
  const nsOids = [state.userNamespaceOids()];
  const dicts = await client.query<DictionaryRow>(TS_DICTIONARIES_SQL, nsOids);
  for (const row of dicts.rows) {
    if (state.isExtensionMember(PG_TS_DICT, row.oid)) continue;
    const obj: TextSearchDictionaryObject = {
      kind: 'text_search_dictionary',
      id: objectId('text_search_dictionary', [row.schema, row.name]),
      schema: row.schema,
      name: row.name,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: { template: row.template, options: row.options },
    };
    state.add(obj, catalogKey(PG_TS_DICT, row.oid));
    state.addSchemaEdge(obj.id, row.nsp_oid);
  }
  const configs = await client.query<ConfigurationRow>(TS_CONFIGURATIONS_SQL, nsOids);
  for (const row of configs.rows) {
    if (state.isExtensionMember(PG_TS_CONFIG, row.oid)) continue;
    const obj: TextSearchConfigurationObject = {
      kind: 'text_search_configuration',
      id: objectId('text_search_configuration', [row.schema, row.name]),
      schema: row.schema,
      name: row.name,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: { parser: row.parser, mappings: (row.mappings ?? []).map(([token, dictionaries]) => ({ token, dictionaries })) },
    };
    state.add(obj, catalogKey(PG_TS_CONFIG, row.oid));
    state.addSchemaEdge(obj.id, row.nsp_oid);
  }
}
