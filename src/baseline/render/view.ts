import type { MaterializedViewObject, ViewObject } from '../../introspect/snapshot-types.js';
import { ident, literal, qualified } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, ownerStatement, withOptions } from './common.js';
import type { Rendered } from './types.js';

/** COMMENT ON COLUMN for view / materialized view columns. */
function columnComments(o: ViewObject | MaterializedViewObject): string[] {
  const c = o.props.columnComments ?? {};
  return Object.keys(c)
    .sort()
    .map((col) => `COMMENT ON COLUMN ${qualified(o.schema, o.name)}.${ident(col)} IS ${literal(c[col]!)};`);
}

function body(definition: string): string {
  return definition.replace(/[\s;]+$/u, '');
}

/** CREATE VIEW … WITH (security_invoker, check_option, …) AS <pg_get_viewdef>. */
export function renderView(o: ViewObject, idx: SnapshotIndex): Rendered {
  const sql = `CREATE VIEW ${qualified(o.schema, o.name)}${withOptions(o.props.options)} AS\n${body(o.props.definition)};`;
  return { sql: [sql, ...ownerStatement(o, idx), ...commentStatement(o, idx), ...columnComments(o)] };
}

/** CREATE MATERIALIZED VIEW … AS … WITH [NO] DATA, as live was populated. */
export function renderMaterializedView(o: MaterializedViewObject, idx: SnapshotIndex): Rendered {
  const sql = `CREATE MATERIALIZED VIEW ${qualified(o.schema, o.name)}${withOptions(o.props.options)} AS\n${body(o.props.definition)}\nWITH ${o.props.withData ? '' : 'NO '}DATA;`;
  return { sql: [sql, ...ownerStatement(o, idx), ...commentStatement(o, idx), ...columnComments(o)] };
}
