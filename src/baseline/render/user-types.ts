import type { EnumObject, DomainObject, CompositeTypeObject, RangeTypeObject } from '../../introspect/snapshot-types.js';
import { ident, literal, qualified } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, ownerStatement, statement } from './common.js';
import type { Rendered } from './types.js';

export function renderEnum(o: EnumObject, idx: SnapshotIndex): Rendered {
  const labels = o.props.labels.map(literal).join(', ');
  return { sql: [`CREATE TYPE ${qualified(o.schema, o.name)} AS ENUM (${labels});`, ...ownerStatement(o, idx), ...commentStatement(o, idx)] };
}

/** CREATE DOMAIN with its validated checks inline; NOT VALID checks are added afterwards. */
export function renderDomain(o: DomainObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  const name = qualified(o.schema, o.name);
  let sql = `CREATE DOMAIN ${name} AS ${p.baseType}`;
  if (p.collation) sql += ` COLLATE ${p.collation}`;
  if (p.default != null) sql += ` DEFAULT ${p.default}`;
  if (p.notNull) sql += ' NOT NULL';
  const later: string[] = [];
  for (const c of p.constraints) {
    const def = c.definition.replace(/\s+NOT VALID\s*$/u, '');
    if (c.validated) sql += `\n    CONSTRAINT ${ident(c.name)} ${def}`;
    else later.push(`ALTER DOMAIN ${name} ADD CONSTRAINT ${ident(c.name)} ${def} NOT VALID;`);
  }
  const comments = p.constraints.flatMap((c) => (c.comment != null ? [`COMMENT ON CONSTRAINT ${ident(c.name)} ON DOMAIN ${name} IS ${literal(c.comment)};`] : []));
  return { sql: [sql + ';', ...later, ...ownerStatement(o, idx), ...commentStatement(o, idx), ...comments] };
}

export function renderCompositeType(o: CompositeTypeObject, idx: SnapshotIndex): Rendered {
  const attrs = o.props.attributes.map((a) => `    ${ident(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`);
  const body = attrs.length ? `(\n${attrs.join(',\n')}\n)` : '()';
  return { sql: [`CREATE TYPE ${qualified(o.schema, o.name)} AS ${body};`, ...ownerStatement(o, idx), ...commentStatement(o, idx)] };
}

export function renderRangeType(o: RangeTypeObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  const opts = [`SUBTYPE = ${p.subtype}`];
  if (p.subtypeOpclass) opts.push(`SUBTYPE_OPCLASS = ${p.subtypeOpclass}`);
  if (p.collation) opts.push(`COLLATION = ${p.collation}`);
  if (p.canonical) opts.push(`CANONICAL = ${p.canonical}`);
  if (p.subtypeDiff) opts.push(`SUBTYPE_DIFF = ${p.subtypeDiff}`);
  if (p.multirangeName) opts.push(`MULTIRANGE_TYPE_NAME = ${p.multirangeName}`);
  return {
    sql: [statement(`CREATE TYPE ${qualified(o.schema, o.name)} AS RANGE (\n    ${opts.join(',\n    ')}\n)`), ...ownerStatement(o, idx), ...commentStatement(o, idx)],
  };
}
