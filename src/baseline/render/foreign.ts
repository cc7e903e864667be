import type { ForeignDataWrapperObject, ForeignServerObject, ForeignTableObject, UserMappingObject } from '../../introspect/snapshot-types.js';
import { ident, literal, qualified, roleName } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, ownerStatement } from './common.js';
import { fmt, guardedStatement, optionsClause } from './secret-guard.js';
import type { Rendered } from './types.js';

/** A handler/validator as regproc printed it (schema-qualified, quoted where needed): checked, not trusted. */
function procName(text: string): string {
  if (!/^("([^"]|"")+"|[a-z_][a-z0-9_$]*)(\.("([^"]|"")+"|[a-z_][a-z0-9_$]*))?$/.test(text)) throw new Error(`unexpected function name ${JSON.stringify(text)}`);
  return text;
}

/** CREATE FOREIGN DATA WRAPPER … HANDLER … VALIDATOR … OPTIONS (…). */
export function renderForeignDataWrapper(o: ForeignDataWrapperObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  let sql = `CREATE FOREIGN DATA WRAPPER ${fmt(ident(o.name))}`;
  sql += p.handler ? ` HANDLER ${fmt(procName(p.handler))}` : ' NO HANDLER';
  sql += p.validator ? ` VALIDATOR ${fmt(procName(p.validator))}` : ' NO VALIDATOR';
  const opts = optionsClause(p.options, `fdw_${o.name}`);
  return { sql: [guardedStatement(sql + opts.text, opts.secrets, `Foreign data wrapper ${o.name}`), ...ownerStatement(o, idx), ...commentStatement(o, idx)] };
}

/** CREATE SERVER … FOREIGN DATA WRAPPER … OPTIONS (…); a secret option is read from a setting. */
export function renderForeignServer(o: ForeignServerObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  let sql = `CREATE SERVER ${fmt(ident(o.name))}`;
  if (p.type != null) sql += ` TYPE ${fmt(literal(p.type))}`;
  if (p.version != null) sql += ` VERSION ${fmt(literal(p.version))}`;
  sql += ` FOREIGN DATA WRAPPER ${fmt(ident(p.wrapperName))}`;
  const opts = optionsClause(p.options, o.name);
  return {
    sql: [guardedStatement(sql + opts.text, opts.secrets, `Server ${o.name}`), ...ownerStatement(o, idx), ...commentStatement(o, idx)],
    after: [p.wrapper],
  };
}

/** CREATE USER MAPPING FOR … SERVER … OPTIONS (…); a password is read from a setting, never embedded. */
export function renderUserMapping(o: UserMappingObject): Rendered {
  const p = o.props;
  const sql = `CREATE USER MAPPING FOR ${fmt(roleName(p.user))} SERVER ${fmt(ident(p.serverName))}`;
  const opts = optionsClause(p.options, `${p.serverName}_${p.user}`);
  return { sql: [guardedStatement(sql + opts.text, opts.secrets, `User mapping for ${p.user} on server ${p.serverName}`)], after: [p.server] };
}

/** CREATE FOREIGN TABLE with columns (type, column options, collation, NOT NULL, default), SERVER and OPTIONS. */
export function renderForeignTable(o: ForeignTableObject, idx: SnapshotIndex): Rendered {
  const p = o.props;
  const name = qualified(o.schema, o.name);
  const secrets: string[] = [];
  const columns = p.columns.map((c) => {
    let col = `${fmt(ident(c.name))} ${fmt(c.type)}`;
    const co = optionsClause(c.options, `${o.schema}_${o.name}_${c.name}`);
    col += co.text;
    secrets.push(...co.secrets);
    if (c.collation) col += ` COLLATE ${fmt(c.collation)}`;
    if (c.notNull) col += ' NOT NULL';
    if (c.default != null) col += ` DEFAULT ${fmt(c.default)}`;
    return col;
  });
  let sql = `CREATE FOREIGN TABLE ${fmt(name)} (${columns.length ? `\n    ${columns.join(',\n    ')}\n` : ''})\nSERVER ${fmt(ident(p.serverName))}`;
  const opts = optionsClause(p.options, `${o.schema}_${o.name}`);
  secrets.push(...opts.secrets);
  sql += opts.text;
  return {
    sql: [guardedStatement(sql, secrets, `Foreign table ${o.schema}.${o.name}`), ...ownerStatement(o, idx), ...commentStatement(o, idx)],
    after: [p.server],
  };
}
