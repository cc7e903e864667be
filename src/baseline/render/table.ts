import type { ColumnObject, TableObject } from '../../introspect/snapshot-types.js';
import { ident, qualified } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, int, ownerStatement, withOptions } from './common.js';
import { sequenceOptions } from './sequence.js';
import type { Rendered } from './types.js';

const STORAGE: Record<string, string> = { p: 'PLAIN', e: 'EXTERNAL', m: 'MAIN', x: 'EXTENDED' };
const REPLICA: Record<string, string> = { n: 'NOTHING', f: 'FULL' };

/** One column definition inside CREATE TABLE. */
export function columnDefinition(c: ColumnObject, tableSchema: string | null): string {
  const p = c.props;
  let sql = `${ident(c.name)} ${p.type}`;
  if (p.collation) sql += ` COLLATE ${p.collation}`;
  if (p.generated != null) sql += ` GENERATED ALWAYS AS (${p.generated}) STORED`;
  else if (p.identity) {
    const id = p.identity;
    sql += ` GENERATED ${id.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY (\n        SEQUENCE NAME ${qualified(tableSchema, id.sequenceName)}\n        ${sequenceOptions(id, false).replace(/\n    /g, '\n        ')}\n    )`;
  } else if (p.default != null) sql += ` DEFAULT ${p.default}`;
  if (p.notNull) sql += ' NOT NULL';
  return sql;
}

/**
 * CREATE TABLE with every local column (type, collation, default, identity, generated,
 * NOT NULL), partitioning, inheritance and storage options; then RLS, replica identity and
 * per-column settings. Constraints, indexes and triggers are separate steps.
 */
export function renderTable(o: TableObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  const name = qualified(o.schema, o.name);
  const columns = idx.columnsOf(o.id);
  const after: string[] = [];
  const sql: string[] = [];
  let create = `CREATE ${p.unlogged ? 'UNLOGGED ' : ''}TABLE ${name}`;
  if (p.partitionOf) {
    after.push(p.partitionOf.parent);
    create += ` PARTITION OF ${idx.relationRef(p.partitionOf.parent)}\n${p.partitionOf.bound}`;
  } else {
    const local = columns.filter((c) => c.props.isLocal);
    create += local.length ? ` (\n    ${local.map((c) => columnDefinition(c, o.schema)).join(',\n    ')}\n)` : ' (\n)';
    if (p.inherits.length) {
      after.push(...p.inherits);
      create += `\nINHERITS (${p.inherits.map((t) => idx.relationRef(t)).join(', ')})`;
    }
  }
  if (p.partitionKey) create += `\nPARTITION BY ${p.partitionKey}`;
  create += withOptions(p.options);
  sql.push(create + ';');

  // Inherited columns whose local settings differ from the parent's.
  const parents = p.partitionOf ? [p.partitionOf.parent] : p.inherits;
  for (const c of columns) {
    if (c.props.isLocal && !p.partitionOf) continue;
    const parentCol = parents.map((t) => idx.columnsOf(t).find((pc) => pc.name === c.name)).find(Boolean);
    const col = `${name} ALTER COLUMN ${ident(c.name)}`;
    if (c.props.default !== (parentCol?.props.default ?? null) && c.props.generated == null && !c.props.identity) {
      sql.push(c.props.default != null ? `ALTER TABLE ONLY ${col} SET DEFAULT ${c.props.default};` : `ALTER TABLE ONLY ${col} DROP DEFAULT;`);
    }
    if (c.props.notNull && !(parentCol?.props.notNull ?? false)) sql.push(`ALTER TABLE ONLY ${col} SET NOT NULL;`);
  }
  for (const c of columns) {
    const col = `ALTER TABLE ONLY ${name} ALTER COLUMN ${ident(c.name)}`;
    if (c.props.statistics != null) sql.push(`${col} SET STATISTICS ${int(String(c.props.statistics))};`);
    if (c.props.storage != null) {
      const s = STORAGE[c.props.storage] ?? c.props.storage.toUpperCase();
      if (!/^(PLAIN|EXTERNAL|MAIN|EXTENDED)$/.test(s)) throw new Error(`unexpected storage ${c.props.storage}`);
      sql.push(`${col} SET STORAGE ${s};`);
    }
    const compression = c.props.compression;
    if (compression === 'pglz' || compression === 'lz4') sql.push(`${col} SET COMPRESSION ${compression};`);
  }
  if (p.rlsEnabled) sql.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`);
  if (p.rlsForced) sql.push(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`);
  const replica = REPLICA[p.replicaIdentity];
  if (replica) sql.push(`ALTER TABLE ${name} REPLICA IDENTITY ${replica};`);
  sql.push(...ownerStatement(o, idx), ...commentStatement(o, idx));
  for (const c of columns) sql.push(...commentStatement(c, idx));
  return { sql, after };
}

/** REPLICA IDENTITY USING INDEX needs the index: a step after it. */
export function replicaIdentityIndexStep(o: TableObject, idx: SnapshotIndex): Rendered['extra'] {
  const indexName = (o.props as { replicaIdentityIndex?: string | null }).replicaIdentityIndex;
  if (o.props.replicaIdentity !== 'i' || !indexName) return [];
  return [
    {
      key: `replica-identity:${o.id}`,
      rank: 12,
      after: [o.id, idx.ofKind('index').find((i) => i.schema === o.schema && i.name === indexName)?.id ?? o.id],
      sql: [`ALTER TABLE ${qualified(o.schema, o.name)} REPLICA IDENTITY USING INDEX ${ident(indexName)};`],
    },
  ];
}
