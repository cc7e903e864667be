import type { ConnectionTarget } from '../../db/connection.js';
import { withClient, withReadOnlySnapshot, type Client } from '../../db/client.js';
import { dollarQuote, ident, literal, qualified } from '../../sql/ident.js';

/**
 * A stand-in generated from the live project's extension member objects, for an extension
 * the shadow server does not have: schemas, enums, composite types, domains, tables (columns
 * only), sequences, views (column shapes only) and functions with the same signatures and
 * stub bodies that raise. Base types, aggregates, operators and functions that PL/pgSQL
 * cannot declare (internal/cstring/handler results) are skipped and counted.
 * Read-only on live.
 */
export interface GeneratedStandIn {
  extension: string;
  version: string;
  script: string;
  /** Member objects reproduced. */
  objects: number;
  /** Member objects that could not be reproduced, by kind. */
  skipped: Record<string, number>;
}

const UNSTUBBABLE_RESULTS = /^(internal|cstring|fdw_handler|index_am_handler|tsm_handler|table_am_handler|language_handler|opaque)$/;

export async function generateStandInFromLive(live: ConnectionTarget, extension: string): Promise<GeneratedStandIn> {
  return withClient(live, (client) => withReadOnlySnapshot(client, (c) => generate(c, extension)));
}

async function generate(c: Client, extension: string): Promise<GeneratedStandIn> {
  const ext = (await c.query<{ oid: string; version: string }>('SELECT oid::text, extversion AS version FROM pg_catalog.pg_extension WHERE extname = $1', [extension])).rows[0];
  if (!ext) throw new Error(`extension ${extension} is not installed on live`);
  const member = (classid: string) =>
    `EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = ${literal(classid)}::regclass AND d.objid = x.oid AND d.deptype = 'e' AND d.refobjid = $1::oid)`;
  const parts: string[] = [`-- squashbase stand-in for ${extension} ${ext.version}, generated from the live project's extension members.\n`];
  const skipped: Record<string, number> = {};
  let objects = 0;
  const skip = (kind: string) => (skipped[kind] = (skipped[kind] ?? 0) + 1);

  const schemas = await c.query<{ name: string }>(`SELECT x.nspname AS name FROM pg_catalog.pg_namespace x WHERE ${member('pg_catalog.pg_namespace')} ORDER BY 1`, [ext.oid]);
  for (const s of schemas.rows) {
    parts.push(`CREATE SCHEMA ${ident(s.name)};`);
    objects++;
  }

  const types = await c.query<{ schema: string; name: string; typtype: string; labels: string[] | null; attrs: string[] | null; base: string | null; notnull: boolean }>(
    `SELECT n.nspname AS schema, x.typname AS name, x.typtype::text AS typtype,
       CASE WHEN x.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = x.oid) END AS labels,
       CASE WHEN x.typtype = 'c' THEN (SELECT array_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
         FROM pg_catalog.pg_attribute a WHERE a.attrelid = x.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END AS attrs,
       CASE WHEN x.typtype = 'd' THEN pg_catalog.format_type(x.typbasetype, x.typtypmod) END AS base, x.typnotnull AS notnull
     FROM pg_catalog.pg_type x JOIN pg_catalog.pg_namespace n ON n.oid = x.typnamespace
     WHERE ${member('pg_catalog.pg_type')} ORDER BY CASE x.typtype WHEN 'e' THEN 0 WHEN 'd' THEN 1 ELSE 2 END, x.oid`,
    [ext.oid],
  );
  for (const t of types.rows) {
    const name = qualified(t.schema, t.name);
    if (t.typtype === 'e') parts.push(`CREATE TYPE ${name} AS ENUM (${(t.labels ?? []).map((l) => literal(l)).join(', ')});`);
    else if (t.typtype === 'c') parts.push(`CREATE TYPE ${name} AS (${(t.attrs ?? []).join(', ')});`);
    else if (t.typtype === 'd') parts.push(`CREATE DOMAIN ${name} AS ${t.base}${t.notnull ? ' NOT NULL' : ''};`);
    else {
      skip('base or range type');
      continue;
    }
    objects++;
  }

  const rels = await c.query<{ schema: string; name: string; relkind: string; cols: string[] | null }>(
    `SELECT n.nspname AS schema, x.relname AS name, x.relkind::text AS relkind,
       (SELECT array_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
         FROM pg_catalog.pg_attribute a WHERE a.attrelid = x.oid AND a.attnum > 0 AND NOT a.attisdropped) AS cols
     FROM pg_catalog.pg_class x JOIN pg_catalog.pg_namespace n ON n.oid = x.relnamespace
     WHERE ${member('pg_catalog.pg_class')} ORDER BY CASE x.relkind WHEN 'S' THEN 0 WHEN 'r' THEN 1 WHEN 'p' THEN 1 ELSE 2 END, x.oid`,
    [ext.oid],
  );
  for (const r of rels.rows) {
    const name = qualified(r.schema, r.name);
    const cols = r.cols ?? [];
    if (r.relkind === 'S') parts.push(`CREATE SEQUENCE ${name};`);
    else if (r.relkind === 'r' || r.relkind === 'p') parts.push(`CREATE TABLE ${name} (${cols.join(', ')});`);
    else if (r.relkind === 'v' || r.relkind === 'm') {
      const select = cols.length ? cols.map((col) => {
        const sp = splitColumn(col);
        return `NULL::${sp.type} AS ${sp.name}`;
      }).join(', ') : 'NULL';
      parts.push(`CREATE VIEW ${name} AS SELECT ${select} WHERE false;`);
    } else {
      skip(`relation (${r.relkind})`);
      continue;
    }
    objects++;
  }

  const funcs = await c.query<{ schema: string; name: string; kind: string; args: string; result: string | null; rettype: string }>(
    `SELECT n.nspname AS schema, x.proname AS name, x.prokind::text AS kind, pg_catalog.pg_get_function_arguments(x.oid) AS args,
       pg_catalog.pg_get_function_result(x.oid) AS result, pg_catalog.format_type(x.prorettype, NULL) AS rettype
     FROM pg_catalog.pg_proc x JOIN pg_catalog.pg_namespace n ON n.oid = x.pronamespace
     WHERE ${member('pg_catalog.pg_proc')} ORDER BY x.oid`,
    [ext.oid],
  );
  for (const f of funcs.rows) {
    const name = qualified(f.schema, f.name);
    const body = dollarQuote(`BEGIN RAISE EXCEPTION 'squashbase stand-in for ${extension.replace(/'/g, "''")}: ${f.name.replace(/'/g, "''")}() is not implemented in a shadow database' USING ERRCODE = '0A000'; END`, 'fn');
    if (f.kind === 'p') {
      parts.push(`CREATE PROCEDURE ${name}(${f.args}) LANGUAGE plpgsql AS ${body};`);
    } else if (f.kind === 'f' && !UNSTUBBABLE_RESULTS.test(f.rettype) && !/\b(internal|cstring)\b/.test(f.args)) {
      parts.push(`CREATE FUNCTION ${name}(${f.args}) RETURNS ${f.result} LANGUAGE plpgsql AS ${body};`);
    } else {
      skip(f.kind === 'a' ? 'aggregate' : f.kind === 'w' ? 'window function' : 'function with internal types');
      continue;
    }
    objects++;
  }
  const others = await c.query<{ kind: string; n: string }>(
    `SELECT d.classid::regclass::text AS kind, count(*)::text AS n FROM pg_catalog.pg_depend d
     WHERE d.refobjid = $1::oid AND d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
       AND d.classid NOT IN ('pg_catalog.pg_namespace'::regclass, 'pg_catalog.pg_type'::regclass, 'pg_catalog.pg_class'::regclass, 'pg_catalog.pg_proc'::regclass)
     GROUP BY 1 ORDER BY 1`,
    [ext.oid],
  );
  for (const o of others.rows) skipped[o.kind] = (skipped[o.kind] ?? 0) + Number(o.n);
  return { extension, version: ext.version, script: parts.join('\n') + '\n', objects, skipped };
}

/** "name type…" → parts (the name is already quote_ident'ed, so the first space after it splits). */
function splitColumn(col: string): { name: string; type: string } {
  const m = /^("(?:[^"]|"")*"|\S+)\s+(.*)$/.exec(col);
  return m ? { name: m[1]!, type: m[2]! } : { name: col, type: 'text' };
}
