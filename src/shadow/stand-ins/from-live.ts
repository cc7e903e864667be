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
  return withClient(live, (client) => withReadOnlySnapshot(client, async (c) => standInFromMembers(extension, await readExtensionMembers(c, extension))));
}

/** An extension's members as read from its source database (the platform capture keeps these). */
export interface ExtensionMembers {
  version: string;
  members: GeneratedMember[];
  skipped: Record<string, number>;
}

/** One reproduced member: its identity, the statement creating it, and how ALTER EXTENSION names it. */
interface GeneratedMember {
  key: string;
  create: string;
  addAs: string;
}

/** The stand-in script for `extension` made from its members as read (no database involved). */
export function standInFromMembers(extension: string, read: ExtensionMembers): GeneratedStandIn {
  const { version, members, skipped } = read;
  const parts = [`-- squashbase stand-in for ${extension} ${version}, generated from the live project's extension members.\n`, ...members.map((m) => m.create)];
  return { extension, version, script: parts.join('\n') + '\n', objects: members.length, skipped };
}

/**
 * The members of live's `extension` that the shadow's installed extension of that name lacks
 * (a bundled stand-in that presents fewer objects than the real one: e.g. pg_graphql's
 * graphql.seq_schema_version, which a `db pull` file grants on), created as stubs and added to
 * the extension, so statements naming them replay as on live. Takes the members as captured from live (read once per run);
 * returns what was added.
 */
export async function completeStandIn(shadow: Client, extension: string, read: ExtensionMembers): Promise<{ added: string[]; failed: string[] }> {
  const { members } = read;
  const present = new Set(await memberKeys(shadow, extension));
  const added: string[] = [];
  const failed: string[] = [];
  // Called inside the clone's transaction: one savepoint per member, so a stub that cannot be
  // made (a type it needs is not there either) is reported, not fatal.
  for (const m of members.filter((x) => !present.has(x.key))) {
    await shadow.query('SAVEPOINT sb_member');
    try {
      await shadow.query(m.create);
      await shadow.query(`ALTER EXTENSION ${ident(extension)} ADD ${m.addAs}`);
      await shadow.query('RELEASE SAVEPOINT sb_member');
      added.push(m.addAs);
    } catch {
      await shadow.query('ROLLBACK TO SAVEPOINT sb_member');
      failed.push(m.addAs);
    }
  }
  return { added, failed };
}

/** Identity of a member, the same on live and in the shadow: kind, schema, name, identity arguments. */
function memberKey(kind: string, schema: string | null, name: string, args = ''): string {
  return JSON.stringify([kind, schema, name, args]);
}

/** Identity keys of an installed extension's members. */
async function memberKeys(c: Client, extension: string): Promise<string[]> {
  const r = await c.query<{ kind: string; schema: string | null; name: string; args: string }>(
    `WITH e AS (SELECT oid FROM pg_catalog.pg_extension WHERE extname = $1),
     d AS (SELECT d.classid, d.objid FROM pg_catalog.pg_depend d, e WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.refobjid = e.oid AND d.deptype = 'e')
     SELECT 'schema' AS kind, NULL::text AS schema, n.nspname::text AS name, '' AS args FROM d JOIN pg_catalog.pg_namespace n ON d.classid = 'pg_catalog.pg_namespace'::regclass AND n.oid = d.objid
     UNION ALL SELECT 'type', n.nspname, t.typname, '' FROM d JOIN pg_catalog.pg_type t ON d.classid = 'pg_catalog.pg_type'::regclass AND t.oid = d.objid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
     UNION ALL SELECT 'relation', n.nspname, x.relname, '' FROM d JOIN pg_catalog.pg_class x ON d.classid = 'pg_catalog.pg_class'::regclass AND x.oid = d.objid JOIN pg_catalog.pg_namespace n ON n.oid = x.relnamespace
     UNION ALL SELECT 'function', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid) FROM d JOIN pg_catalog.pg_proc p ON d.classid = 'pg_catalog.pg_proc'::regclass AND p.oid = d.objid JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace`,
    [extension],
  );
  return r.rows.map((x) => memberKey(x.kind, x.schema, x.name, x.args));
}

export async function readExtensionMembers(c: Client, extension: string): Promise<ExtensionMembers> {
  // Every query names the extension, so all are issued at once (one round trip on a pipelined client).
  const oid = `(SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname = $1)`;
  const member = (classid: string) =>
    `EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = ${literal(classid)}::regclass AND d.objid = x.oid AND d.deptype = 'e' AND d.refobjid = ${oid})`;
  const extQ = c.query<{ oid: string; version: string }>('SELECT oid::text, extversion AS version FROM pg_catalog.pg_extension WHERE extname = $1', [extension]);
  const schemasQ = c.query<{ name: string }>(`SELECT x.nspname AS name FROM pg_catalog.pg_namespace x WHERE ${member('pg_catalog.pg_namespace')} ORDER BY 1`, [extension]);
  const typesQ = c.query<{ schema: string; name: string; typtype: string; labels: string[] | null; attrs: string[] | null; base: string | null; notnull: boolean }>(
    `SELECT n.nspname AS schema, x.typname AS name, x.typtype::text AS typtype,
       CASE WHEN x.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = x.oid) END AS labels,
       CASE WHEN x.typtype = 'c' THEN (SELECT array_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
         FROM pg_catalog.pg_attribute a WHERE a.attrelid = x.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END AS attrs,
       CASE WHEN x.typtype = 'd' THEN pg_catalog.format_type(x.typbasetype, x.typtypmod) END AS base, x.typnotnull AS notnull
     FROM pg_catalog.pg_type x JOIN pg_catalog.pg_namespace n ON n.oid = x.typnamespace
     WHERE ${member('pg_catalog.pg_type')} ORDER BY CASE x.typtype WHEN 'e' THEN 0 WHEN 'd' THEN 1 ELSE 2 END, x.oid`,
    [extension],
  );
  const relsQ = c.query<{ schema: string; name: string; relkind: string; cols: string[] | null }>(
    `SELECT n.nspname AS schema, x.relname AS name, x.relkind::text AS relkind,
       (SELECT array_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
         FROM pg_catalog.pg_attribute a WHERE a.attrelid = x.oid AND a.attnum > 0 AND NOT a.attisdropped) AS cols
     FROM pg_catalog.pg_class x JOIN pg_catalog.pg_namespace n ON n.oid = x.relnamespace
     WHERE ${member('pg_catalog.pg_class')} ORDER BY CASE x.relkind WHEN 'S' THEN 0 WHEN 'r' THEN 1 WHEN 'p' THEN 1 ELSE 2 END, x.oid`,
    [extension],
  );
  const funcsQ = c.query<{ schema: string; name: string; kind: string; args: string; identity: string; result: string | null; rettype: string }>(
    `SELECT n.nspname AS schema, x.proname AS name, x.prokind::text AS kind, pg_catalog.pg_get_function_arguments(x.oid) AS args,
       pg_catalog.pg_get_function_identity_arguments(x.oid) AS identity,
       pg_catalog.pg_get_function_result(x.oid) AS result, pg_catalog.format_type(x.prorettype, NULL) AS rettype
     FROM pg_catalog.pg_proc x JOIN pg_catalog.pg_namespace n ON n.oid = x.pronamespace
     WHERE ${member('pg_catalog.pg_proc')} ORDER BY x.oid`,
    [extension],
  );
  const othersQ = c.query<{ kind: string; n: string }>(
    `SELECT d.classid::regclass::text AS kind, count(*)::text AS n FROM pg_catalog.pg_depend d
     WHERE d.refobjid = ${oid} AND d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
       AND d.classid NOT IN ('pg_catalog.pg_namespace'::regclass, 'pg_catalog.pg_type'::regclass, 'pg_catalog.pg_class'::regclass, 'pg_catalog.pg_proc'::regclass)
     GROUP BY 1 ORDER BY 1`,
    [extension],
  );
  for (const q of [extQ, schemasQ, typesQ, relsQ, funcsQ, othersQ]) q.catch(() => undefined);
  const ext = (await extQ).rows[0];
  if (!ext) throw new Error(`extension ${extension} is not installed on live`);
  const members: GeneratedMember[] = [];
  const skipped: Record<string, number> = {};
  const skip = (kind: string) => (skipped[kind] = (skipped[kind] ?? 0) + 1);

  const schemas = await schemasQ;
  for (const s of schemas.rows) members.push({ key: memberKey('schema', null, s.name), create: `CREATE SCHEMA ${ident(s.name)};`, addAs: `SCHEMA ${ident(s.name)}` });

  const types = await typesQ;
  for (const t of types.rows) {
    const name = qualified(t.schema, t.name);
    const key = memberKey('type', t.schema, t.name);
    if (t.typtype === 'e') members.push({ key, create: `CREATE TYPE ${name} AS ENUM (${(t.labels ?? []).map((l) => literal(l)).join(', ')});`, addAs: `TYPE ${name}` });
    else if (t.typtype === 'c') members.push({ key, create: `CREATE TYPE ${name} AS (${(t.attrs ?? []).join(', ')});`, addAs: `TYPE ${name}` });
    else if (t.typtype === 'd') members.push({ key, create: `CREATE DOMAIN ${name} AS ${t.base}${t.notnull ? ' NOT NULL' : ''};`, addAs: `DOMAIN ${name}` });
    else skip('base or range type');
  }

  const rels = await relsQ;
  for (const r of rels.rows) {
    const name = qualified(r.schema, r.name);
    const key = memberKey('relation', r.schema, r.name);
    const cols = r.cols ?? [];
    if (r.relkind === 'S') members.push({ key, create: `CREATE SEQUENCE ${name};`, addAs: `SEQUENCE ${name}` });
    else if (r.relkind === 'r' || r.relkind === 'p') members.push({ key, create: `CREATE TABLE ${name} (${cols.join(', ')});`, addAs: `TABLE ${name}` });
    else if (r.relkind === 'v' || r.relkind === 'm') {
      const select = cols.length ? cols.map((col) => {
        const sp = splitColumn(col);
        return `NULL::${sp.type} AS ${sp.name}`;
      }).join(', ') : 'NULL';
      members.push({ key, create: `CREATE VIEW ${name} AS SELECT ${select} WHERE false;`, addAs: `VIEW ${name}` });
    } else skip(`relation (${r.relkind})`);
  }

  const funcs = await funcsQ;
  for (const f of funcs.rows) {
    const name = qualified(f.schema, f.name);
    const body = dollarQuote(`BEGIN RAISE EXCEPTION 'squashbase stand-in for ${extension.replace(/'/g, "''")}: ${f.name.replace(/'/g, "''")}() is not implemented in a shadow database' USING ERRCODE = '0A000'; END`, 'fn');
    const key = memberKey('function', f.schema, f.name, f.identity);
    if (f.kind === 'p') {
      members.push({ key, create: `CREATE PROCEDURE ${name}(${f.args}) LANGUAGE plpgsql AS ${body};`, addAs: `PROCEDURE ${name}(${f.identity})` });
    } else if (f.kind === 'f' && !UNSTUBBABLE_RESULTS.test(f.rettype) && !/\b(internal|cstring)\b/.test(f.args)) {
      members.push({ key, create: `CREATE FUNCTION ${name}(${f.args}) RETURNS ${f.result} LANGUAGE plpgsql AS ${body};`, addAs: `FUNCTION ${name}(${f.identity})` });
    } else {
      skip(f.kind === 'a' ? 'aggregate' : f.kind === 'w' ? 'window function' : 'function with internal types');
    }
  }
  const others = await othersQ;
  for (const o of others.rows) skipped[o.kind] = (skipped[o.kind] ?? 0) + Number(o.n);
  return { version: ext.version, members, skipped };
}

/** "name type…" → parts (the name is already quote_ident'ed, so the first space after it splits). */
function splitColumn(col: string): { name: string; type: string } {
  const m = /^("(?:[^"]|"")*"|\S+)\s+(.*)$/.exec(col);
  return m ? { name: m[1]!, type: m[2]! } : { name: col, type: 'text' };
}
