import type { PublicationObject, PublicationTableObject } from '../../introspect/snapshot-types.js';
import { ident, literal } from '../../sql/ident.js';
import { objectId } from '../../introspect/snapshot-types.js';
import { parseObjectId, type SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, ownerStatement } from './common.js';
import type { Rendered } from './types.js';

/** CREATE PUBLICATION with its publish options and FOR TABLES IN SCHEMA schemas; member tables are separate steps. */
export function renderPublication(o: PublicationObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  const ops = (['insert', 'update', 'delete', 'truncate'] as const).filter((k) => p[k]);
  let sql = `CREATE PUBLICATION ${ident(o.name)}${p.allTables ? ' FOR ALL TABLES' : ''}`;
  sql += ` WITH (publish = ${literal(ops.join(', '))}, publish_via_partition_root = ${p.viaRoot ? 'true' : 'false'});`;
  // Schemas the census found (pg_publication_namespace) that the baseline did not rebuild before.
  const schemas = (p.schemas ?? []).map((s) => `ALTER PUBLICATION ${ident(o.name)} ADD TABLES IN SCHEMA ${ident(s)};`);
  const after = (p.schemas ?? []).map((s) => objectId('schema', [s]));
  return { sql: [sql, ...schemas, ...ownerStatement(o, idx), ...commentStatement(o, idx)], after };
}

/** ALTER PUBLICATION … ADD TABLE …, with a column list and row filter when live has them. */
export function renderPublicationTable(o: PublicationTableObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  const pub = idx.get(p.publication, 'publication');
  const pubName = pub ? pub.name : parseObjectId(p.publication).parts[0] ?? '';
  let sql = `ALTER PUBLICATION ${ident(pubName)} ADD TABLE ONLY ${idx.relationRef(p.table)}`;
  if (p.columns) sql += ` (${p.columns.map(ident).join(', ')})`;
  if (p.where != null) sql += ` WHERE (${p.where})`;
  return { sql: [sql + ';'], after: [p.publication, p.table] };
}
