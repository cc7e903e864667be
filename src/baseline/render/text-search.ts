import type { TextSearchConfigurationObject, TextSearchDictionaryObject } from '../../introspect/snapshot-types.js';
import { ident, qualified } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, ownerStatement } from './common.js';
import type { Rendered } from './types.js';

/** A (schema-qualified) name as the catalog printed it (quote_ident / regdictionary): checked, not trusted. */
function catalogName(text: string): string {
  if (!/^("([^"]|"")+"|[a-z_][a-z0-9_$]*)(\.("([^"]|"")+"|[a-z_][a-z0-9_$]*))?$/.test(text)) throw new Error(`unexpected name ${JSON.stringify(text)}`);
  return text;
}

/** CREATE TEXT SEARCH DICTIONARY (TEMPLATE = …, dictinitoption as pg_dump prints it). */
export function renderTextSearchDictionary(o: TextSearchDictionaryObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  if (p.options != null && /;/.test(p.options)) throw new Error(`unexpected dictionary options ${JSON.stringify(p.options)}`);
  const opts = p.options ? `,\n    ${p.options}` : '';
  const sql = `CREATE TEXT SEARCH DICTIONARY ${qualified(o.schema, o.name)} (\n    TEMPLATE = ${catalogName(p.template)}${opts} );`;
  return { sql: [sql, ...ownerStatement(o, idx), ...commentStatement(o, idx)] };
}

/** CREATE TEXT SEARCH CONFIGURATION (PARSER = …), then every token mapping as on live. */
export function renderTextSearchConfiguration(o: TextSearchConfigurationObject, idx: SnapshotIndex): Rendered {
  const name = qualified(o.schema, o.name);
  const sql = [`CREATE TEXT SEARCH CONFIGURATION ${name} (\n    PARSER = ${catalogName(o.props.parser)} );`];
  for (const m of o.props.mappings) {
    sql.push(`ALTER TEXT SEARCH CONFIGURATION ${name}\n    ADD MAPPING FOR ${ident(m.token)} WITH ${m.dictionaries.map(catalogName).join(', ')};`);
  }
  return { sql: [...sql, ...ownerStatement(o, idx), ...commentStatement(o, idx)] };
}
