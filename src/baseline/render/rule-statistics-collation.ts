import type { CollationObject, RuleObject, StatisticsObject } from '../../introspect/snapshot-types.js';
import { ident, literal, qualified } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, int, ownerStatement, statement } from './common.js';
import type { Rendered } from './types.js';

const RULE_STATE: Record<string, string> = { D: 'DISABLE RULE', R: 'ENABLE REPLICA RULE', A: 'ENABLE ALWAYS RULE' };

/** CREATE RULE (pg_get_ruledef verbatim), then its enabled state. */
export function renderRule(o: RuleObject, idx: SnapshotIndex): Rendered {
  const sql = [statement(o.props.definition)];
  const state = RULE_STATE[o.props.enabled];
  if (state) sql.push(`ALTER TABLE ${idx.relationRef(o.props.table)} ${state} ${ident(o.name)};`);
  return { sql: [...sql, ...commentStatement(o, idx)], after: [o.props.table] };
}

/** CREATE STATISTICS (pg_get_statisticsobjdef verbatim) and its statistics target. */
export function renderStatistics(o: StatisticsObject, idx: SnapshotIndex): Rendered {
  const sql = [statement(o.props.definition)];
  if (o.props.target != null) sql.push(`ALTER STATISTICS ${qualified(o.schema, o.name)} SET STATISTICS ${int(String(o.props.target))};`);
  return { sql: [...sql, ...ownerStatement(o, idx), ...commentStatement(o, idx)], after: [o.props.table] };
}

const PROVIDER: Record<string, string> = { c: 'libc', i: 'icu', b: 'builtin' };

/** CREATE COLLATION with provider, locale(s), deterministic and ICU rules as on live. */
export function renderCollation(o: CollationObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  const opts = [`provider = ${PROVIDER[p.provider] ?? 'libc'}`];
  if (p.provider === 'c') {
    opts.push(`lc_collate = ${literal(p.lcCollate ?? '')}`, `lc_ctype = ${literal(p.lcCtype ?? '')}`);
  } else {
    opts.push(`locale = ${literal(p.locale ?? '')}`);
    if (p.rules != null) opts.push(`rules = ${literal(p.rules)}`);
  }
  if (!p.deterministic) opts.push('deterministic = false');
  return { sql: [`CREATE COLLATION ${qualified(o.schema, o.name)} (${opts.join(', ')});`, ...ownerStatement(o, idx), ...commentStatement(o, idx)] };
}
