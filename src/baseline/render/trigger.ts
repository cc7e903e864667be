import type { TriggerObject } from '../../introspect/snapshot-types.js';
import { ident } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, statement } from './common.js';
import type { Rendered } from './types.js';

const ENABLE: Record<string, string> = { D: 'DISABLE TRIGGER', R: 'ENABLE REPLICA TRIGGER', A: 'ENABLE ALWAYS TRIGGER' };

/** pg_get_triggerdef verbatim, then its firing state when not the default (ENABLE ORIGIN). */
export function renderTrigger(o: TriggerObject, idx: SnapshotIndex): Rendered {
  const sql = [statement(o.props.definition)];
  const state = ENABLE[o.props.enabled];
  if (state) sql.push(`ALTER TABLE ${idx.relationRef(o.props.table)} ${state} ${ident(o.name)};`);
  sql.push(...commentStatement(o, idx));
  return { sql, after: [o.props.table, o.props.function] };
}
