import type { OperatorObject } from '../../introspect/snapshot-types.js';
import { ident } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, ownerStatement } from './common.js';
import type { Rendered } from './types.js';

/** Operator names are made of + - * / < > = ~ ! @ # % ^ & | ` ? only: checked, never trusted. */
function operatorName(name: string): string {
  if (!/^[+\-*/<>=~!@#%^&|`?]+$/.test(name)) throw new Error(`unexpected operator name ${JSON.stringify(name)}`);
  return name;
}

/** `schema.op` as CREATE OPERATOR / COMMENT ON OPERATOR take it. */
export function operatorQualified(o: OperatorObject): string {
  return `${ident(o.schema ?? 'public')}.${operatorName(o.name)}`;
}

/** CREATE OPERATOR s.op (FUNCTION = …, LEFTARG, RIGHTARG, COMMUTATOR, NEGATOR, RESTRICT, JOIN, HASHES, MERGES). */
export function renderOperator(o: OperatorObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  const text = [p.left, p.right, p.function, p.commutator, p.negator, p.restrict, p.join].join('');
  if (/;/.test(text)) throw new Error(`unexpected operator text ${o.id}`);
  const fn = p.function.replace(/\(.*$/s, '');
  const items = [`FUNCTION = ${fn}`];
  if (p.left) items.push(`LEFTARG = ${p.left}`);
  items.push(`RIGHTARG = ${p.right}`);
  if (p.commutator) items.push(`COMMUTATOR = ${p.commutator}`);
  if (p.negator) items.push(`NEGATOR = ${p.negator}`);
  if (p.restrict) items.push(`RESTRICT = ${p.restrict}`);
  if (p.join) items.push(`JOIN = ${p.join}`);
  if (p.hashes) items.push('HASHES');
  if (p.merges) items.push('MERGES');
  const sql = `CREATE OPERATOR ${operatorQualified(o)} (\n    ${items.join(',\n    ')}\n);`;
  return { sql: [sql, ...ownerStatement(o, idx), ...commentStatement(o, idx)], after: [p.functionId] };
}
