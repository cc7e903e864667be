import type { CastObject } from '../../introspect/snapshot-types.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement } from './common.js';
import type { Rendered } from './types.js';

const CONTEXT: Record<string, string> = { a: ' AS ASSIGNMENT', i: ' AS IMPLICIT' };

/** CREATE CAST (source AS target) WITH FUNCTION f(args) | WITH INOUT | WITHOUT FUNCTION, in its context. */
export function renderCast(o: CastObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  if (/;/.test(p.source + p.target + (p.functionSignature ?? ''))) throw new Error(`unexpected cast text ${o.id}`);
  const how = p.method === 'f' ? `WITH FUNCTION ${p.functionSignature ?? ''}` : p.method === 'i' ? 'WITH INOUT' : 'WITHOUT FUNCTION';
  const sql = `CREATE CAST (${p.source} AS ${p.target})\n    ${how}${CONTEXT[p.context] ?? ''};`;
  return { sql: [sql, ...commentStatement(o, idx)], ...(p.function ? { after: [p.function] } : {}) };
}
