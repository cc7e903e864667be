import type { FunctionObject } from '../../introspect/snapshot-types.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, ownerStatement, statement } from './common.js';
import type { Rendered } from './types.js';

/**
 * pg_get_functiondef verbatim (CREATE OR REPLACE …, with SECURITY DEFINER, SET search_path,
 * volatility, …); aggregates from their assembled CREATE AGGREGATE. Bodies are not checked at
 * creation (check_function_bodies = off), so a function may name tables created later.
 */
export function renderFunction(o: FunctionObject, idx: SnapshotIndex): Rendered {
  const def = o.props.routineKind === 'aggregate' ? o.props.aggregateDefinition : o.props.definition;
  if (!def) throw new Error(`function ${o.id} has no definition`);
  return { sql: [statement(def), ...ownerStatement(o, idx), ...commentStatement(o, idx)] };
}
