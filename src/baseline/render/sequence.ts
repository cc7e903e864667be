import type { SequenceObject, SequenceOptions } from '../../introspect/snapshot-types.js';
import { ident, qualified } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, int, ownerStatement } from './common.js';
import type { Rendered } from './types.js';

const DATA_TYPES = new Set(['smallint', 'integer', 'bigint']);

/** START/INCREMENT/MIN/MAX/CACHE/CYCLE clauses, every option explicit so nothing depends on defaults. */
export function sequenceOptions(p: SequenceOptions, withType: boolean): string {
  const parts: string[] = [];
  if (withType) {
    if (!DATA_TYPES.has(p.dataType)) throw new Error(`unexpected sequence type ${JSON.stringify(p.dataType)}`);
    parts.push(`AS ${p.dataType}`);
  }
  parts.push(`START WITH ${int(p.start)}`, `INCREMENT BY ${int(p.increment)}`, `MINVALUE ${int(p.min)}`, `MAXVALUE ${int(p.max)}`, `CACHE ${int(p.cache)}`);
  parts.push(p.cycle ? 'CYCLE' : 'NO CYCLE');
  return parts.join('\n    ');
}

/**
 * CREATE SEQUENCE before the tables whose defaults call nextval(); OWNED BY as its own step
 * after the table (pg_dump's way of breaking the sequence ↔ column cycle).
 */
export function renderSequence(o: SequenceObject, idx: SnapshotIndex): Rendered {
  const name = qualified(o.schema, o.name);
  const r: Rendered = {
    sql: [`CREATE SEQUENCE ${name}\n    ${sequenceOptions(o.props, true)};`, ...ownerStatement(o, idx), ...commentStatement(o, idx)],
  };
  const owned = o.props.ownedBy;
  if (owned) {
    const col = idx.get(owned, 'column');
    if (col && col.parent) {
      r.extra = [
        {
          key: `owned-by:${o.id}`,
          rank: 9,
          after: [o.id, col.parent],
          sql: [`ALTER SEQUENCE ${name} OWNED BY ${idx.relationRef(col.parent)}.${ident(col.name)};`],
        },
      ];
    }
  }
  return r;
}
