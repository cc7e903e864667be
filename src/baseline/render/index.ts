import type { IndexObject } from '../../introspect/snapshot-types.js';
import { qualified } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, statement } from './common.js';
import type { Rendered } from './types.js';

/**
 * pg_get_indexdef verbatim. An index on a partition that belongs to a partitioned index is
 * attached to it afterwards (ALTER INDEX … ATTACH PARTITION), as pg_dump does.
 */
export function renderIndex(o: IndexObject, idx: SnapshotIndex): Rendered {
  const r: Rendered = { sql: [statement(o.props.definition), ...commentStatement(o, idx)], after: [o.props.table] };
  const parentIndex = partitionParentIndex(o, idx);
  if (parentIndex) {
    r.extra = [
      {
        key: `attach:${o.id}`,
        rank: 11,
        after: [o.id, parentIndex.id],
        sql: [`ALTER INDEX ${qualified(parentIndex.schema, parentIndex.name)} ATTACH PARTITION ${qualified(o.schema, o.name)};`],
      },
    ];
  }
  return r;
}

/** The partitioned index this one is a partition of: an index it depends on, on its table's partition parent. */
export function partitionParentIndex(o: IndexObject, idx: SnapshotIndex): IndexObject | undefined {
  const explicit = (o.props as { parentIndex?: string | null }).parentIndex;
  if (explicit) return idx.get(explicit, 'index');
  const table = idx.get(o.props.table, 'table');
  const parentTable = table?.props.partitionOf?.parent;
  if (!parentTable) return undefined;
  for (const d of o.dependsOn) {
    const i = idx.get(d, 'index');
    if (i && i.props.table === parentTable) return i;
  }
  return undefined;
}
