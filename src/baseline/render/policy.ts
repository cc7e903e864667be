import type { PolicyObject } from '../../introspect/snapshot-types.js';
import { ident, roleName } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement } from './common.js';
import type { Rendered } from './types.js';

const COMMANDS = new Set(['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE']);

/** CREATE POLICY … AS PERMISSIVE|RESTRICTIVE FOR cmd TO roles USING (…) WITH CHECK (…). */
export function renderPolicy(o: PolicyObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  if (!COMMANDS.has(p.command)) throw new Error(`unexpected policy command ${JSON.stringify(p.command)}`);
  let sql = `CREATE POLICY ${ident(o.name)} ON ${idx.relationRef(p.table)}\n    AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'}\n    FOR ${p.command}\n    TO ${(p.roles.length ? p.roles : ['PUBLIC']).map(roleName).join(', ')}`;
  if (p.using != null) sql += `\n    USING (${p.using})`;
  if (p.withCheck != null) sql += `\n    WITH CHECK (${p.withCheck})`;
  return { sql: [sql + ';', ...commentStatement(o, idx)], after: [p.table] };
}
