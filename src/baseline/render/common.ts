import type { SnapshotObject, FunctionObject } from '../../introspect/snapshot-types.js';
import { ident, literal, qualified } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { operatorQualified } from './operator.js';

/** The role that runs the baseline (as `supabase db push` does): objects it creates are its own. */
export const BASELINE_ROLE = 'postgres';

/** Definition text from pg_get_*def without its trailing semicolon/whitespace, then one ';'. */
export function statement(text: string): string {
  return text.replace(/[\s;]+$/u, '') + ';';
}

/** Wrap an expression in parentheses unless pg_get_expr already did for the whole of it. */
export function parens(expr: string): string {
  return `(${expr})`;
}

/** The SQL keyword(s) naming a kind in COMMENT ON / ALTER … OWNER TO. */
export function kindKeyword(o: SnapshotObject): string {
  switch (o.kind) {
    case 'schema':
      return 'SCHEMA';
    case 'extension':
      return 'EXTENSION';
    case 'enum':
    case 'composite_type':
    case 'range_type':
      return 'TYPE';
    case 'domain':
      return 'DOMAIN';
    case 'sequence':
      return 'SEQUENCE';
    case 'table':
      return 'TABLE';
    case 'column':
      return 'COLUMN';
    case 'constraint':
      return 'CONSTRAINT';
    case 'index':
      return 'INDEX';
    case 'view':
      return 'VIEW';
    case 'materialized_view':
      return 'MATERIALIZED VIEW';
    case 'function':
      return o.props.routineKind === 'procedure' ? 'PROCEDURE' : o.props.routineKind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION';
    case 'trigger':
      return 'TRIGGER';
    case 'policy':
      return 'POLICY';
    case 'event_trigger':
      return 'EVENT TRIGGER';
    case 'publication':
      return 'PUBLICATION';
    case 'foreign_data_wrapper':
      return 'FOREIGN DATA WRAPPER';
    case 'foreign_server':
      return 'SERVER';
    case 'foreign_table':
      return 'FOREIGN TABLE';
    case 'rule':
      return 'RULE';
    case 'statistics':
      return 'STATISTICS';
    case 'collation':
      return 'COLLATION';
    case 'text_search_dictionary':
      return 'TEXT SEARCH DICTIONARY';
    case 'text_search_configuration':
      return 'TEXT SEARCH CONFIGURATION';
    case 'cast':
      return 'CAST';
    case 'operator':
      return 'OPERATOR';
    default:
      throw new Error(`no keyword for ${o.kind}`);
  }
}

/** Function reference with its identity arguments: "s"."f"(integer, text). */
export function functionRef(f: FunctionObject): string {
  const args = f.props.identityArguments;
  if (f.props.routineKind === 'aggregate' && args.trim() === '') return `${qualified(f.schema, f.name)}(*)`;
  return `${qualified(f.schema, f.name)}(${args})`;
}

/** How COMMENT ON / ALTER name this object. */
export function objectRef(o: SnapshotObject, idx: SnapshotIndex): string {
  switch (o.kind) {
    case 'schema':
    case 'extension':
    case 'event_trigger':
    case 'publication':
    case 'foreign_data_wrapper':
    case 'foreign_server':
      return ident(o.name);
    case 'function':
      return functionRef(o);
    case 'column':
      return `${idx.relationRef(o.parent!)}.${ident(o.name)}`;
    case 'constraint':
      return `${ident(o.name)} ON ${idx.relationRef(o.parent!)}`;
    case 'trigger':
    case 'policy':
    case 'rule':
      return `${ident(o.name)} ON ${idx.relationRef(o.props.table)}`;
    case 'cast':
      return `(${o.props.source} AS ${o.props.target})`;
    case 'operator':
      return `${operatorQualified(o)} (${o.props.left ?? 'NONE'}, ${o.props.right})`;
    default:
      return qualified(o.schema, o.name);
  }
}

export function commentStatement(o: SnapshotObject, idx: SnapshotIndex): string[] {
  if (o.comment == null) return [];
  return [`COMMENT ON ${kindKeyword(o)} ${objectRef(o, idx)} IS ${literal(o.comment)};`];
}

/** ALTER … OWNER TO, only when the live owner is not the role that runs the baseline. */
export function ownerStatement(o: SnapshotObject, idx: SnapshotIndex): string[] {
  if (!o.owner || o.owner === BASELINE_ROLE) return [];
  if (o.kind === 'extension' || o.kind === 'column' || o.kind === 'constraint' || o.kind === 'index' || o.kind === 'trigger' || o.kind === 'policy') return [];
  return [`ALTER ${kindKeyword(o)} ${objectRef(o, idx)} OWNER TO ${ident(o.owner)};`];
}

/**
 * reloptions ("fillfactor=70", "security_invoker=true") as a WITH (…) list. Keys are checked;
 * values that are not plain words are passed as string literals (catalog text is untrusted).
 */
export function withOptions(options: string[]): string {
  if (options.length === 0) return '';
  const items = options.map((opt) => {
    const eq = opt.indexOf('=');
    const key = eq >= 0 ? opt.slice(0, eq) : opt;
    const value = eq >= 0 ? opt.slice(eq + 1) : null;
    if (!/^[a-z_][a-z0-9_.]*$/.test(key)) throw new Error(`unexpected reloption ${JSON.stringify(opt)}`);
    if (value === null) return key;
    return /^[A-Za-z0-9_.\-]+$/.test(value) ? `${key}=${value}` : `${key}=${literal(value)}`;
  });
  return ` WITH (${items.join(', ')})`;
}

/** Integer text from the snapshot (sequence options): checked, never trusted. */
export function int(value: string): string {
  if (!/^-?\d+$/.test(value)) throw new Error(`not an integer: ${JSON.stringify(value)}`);
  return value;
}
