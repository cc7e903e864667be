import type { EventTriggerObject } from '../../introspect/snapshot-types.js';
import { ident, literal } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, ownerStatement } from './common.js';
import type { Rendered } from './types.js';

const EVENTS = new Set(['ddl_command_start', 'ddl_command_end', 'sql_drop', 'table_rewrite', 'login']);
const ENABLE: Record<string, string> = { D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

/** CREATE EVENT TRIGGER (needs a superuser on the target; Supabase's own are platform objects). */
export function renderEventTrigger(o: EventTriggerObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  if (!EVENTS.has(p.event)) throw new Error(`unexpected event ${JSON.stringify(p.event)}`);
  const fn = idx.get(p.function, 'function');
  const fnRef = fn ? `${idx.relationRef(fn.id)}()` : `${idx.relationRef(p.function)}()`;
  let sql = `CREATE EVENT TRIGGER ${ident(o.name)} ON ${p.event}`;
  if (p.tags.length) sql += `\n    WHEN TAG IN (${p.tags.map(literal).join(', ')})`;
  sql += `\n    EXECUTE FUNCTION ${fnRef};`;
  const out = [sql];
  const state = ENABLE[p.enabled];
  if (state) out.push(`ALTER EVENT TRIGGER ${ident(o.name)} ${state};`);
  return { sql: [...out, ...ownerStatement(o, idx), ...commentStatement(o, idx)], after: [p.function] };
}
