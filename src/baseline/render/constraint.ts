import type { ConstraintObject } from '../../introspect/snapshot-types.js';
import { ident } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, statement } from './common.js';
import type { Rendered } from './types.js';

/** Rank of constraint steps: keys and checks right after tables; foreign keys after every table. */
export const CONSTRAINT_RANK = 10;
export const FOREIGN_KEY_RANK = 12;

/**
 * ALTER TABLE … ADD CONSTRAINT name <pg_get_constraintdef>. The definition carries NOT VALID,
 * DEFERRABLE and ON DELETE verbatim. Foreign keys are separate, late steps so tables never wait
 * on each other (pg_dump's way of breaking FK cycles).
 */
export function renderConstraint(o: ConstraintObject, idx: SnapshotIndex): Rendered {
  const table = idx.relationRef(o.parent!);
  const sql = [statement(`ALTER TABLE ${table} ADD CONSTRAINT ${ident(o.name)} ${o.props.definition}`), ...commentStatement(o, idx)];
  const after = [o.parent!];
  if (o.props.type === 'foreign_key' && o.props.references) {
    after.push(o.props.references);
    // The referenced table's keys must exist first, whatever pg_depend listed.
    for (const c of idx.childrenOf(o.props.references, 'constraint')) {
      if (c.props.type === 'primary_key' || c.props.type === 'unique') after.push(c.id);
    }
    for (const i of idx.childrenOf(o.props.references, 'index')) if (i.props.unique) after.push(i.id);
  }
  return { sql, after };
}

/** Constraints the baseline emits itself (inherited ones come from the parent; trigger constraints from CREATE CONSTRAINT TRIGGER). */
export function isEmittedConstraint(o: ConstraintObject): boolean {
  return o.props.isLocal && o.props.type !== 'trigger';
}
