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
  const table = idx.get(o.props.table, 'table');
  const parentIndex = partitionParentIndex(o, idx);
  // The snapshot leaves out the partitions' attached indexes, so a partitioned index is created
  // without ONLY: PostgreSQL then builds (and attaches) one on every partition, as it did on live.
  const definition = table?.props.relkind === 'p' && !parentIndex ? withoutOnly(o.props.definition) : o.props.definition;
  const r: Rendered = { sql: [statement(definition), ...commentStatement(o, idx)], after: [o.props.table] };
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

/** CREATE [UNIQUE] INDEX <name> ON ONLY … → … ON …; the name token is skipped exactly (it may contain anything). */
export function withoutOnly(definition: string): string {
  const head = /^CREATE (UNIQUE )?INDEX /.exec(definition);
  if (!head) return definition;
  let i = head[0].length;
  if (definition[i] === '"') {
    i++;
    while (i < definition.length) {
      if (definition[i] === '"') {
        if (definition[i + 1] === '"') {
          i += 2;
          continue;
        }
        i++;
        break;
      }
      i++;
    }
  } else {
    while (i < definition.length && definition[i] !== ' ') i++;
  }
  return definition.startsWith(' ON ONLY ', i) ? definition.slice(0, i) + ' ON ' + definition.slice(i + ' ON ONLY '.length) : definition;
}
