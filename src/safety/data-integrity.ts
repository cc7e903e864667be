/**
 * Data-integrity probes for check-data: rows that break a foreign key, and duplicate keys
 * under unique indexes/constraints. Both can exist in a live database: NOT VALID constraints,
 * triggers disabled (session_replication_role = replica, ALTER TABLE … DISABLE TRIGGER ALL),
 * or a failed CREATE UNIQUE INDEX CONCURRENTLY that left an invalid index behind.
 *
 * Identifiers go through ident(); key expressions and predicates are Postgres's own deparsed
 * text (pg_get_indexdef/pg_get_expr under search_path = pg_catalog).
 */
import type { Client } from '../db/client.js';
import { ident, qualified } from '../sql/ident.js';
import { userSchemaPredicate } from './scope.js';

export interface ForeignKeyCheck {
  schema: string;
  table: string;
  constraint: string;
  refSchema: string;
  refTable: string;
  columns: string[];
  refColumns: string[];
  /** false for NOT VALID constraints. */
  validated: boolean;
  orphans: number;
  /** Up to 5 offending key values. */
  sample: Record<string, unknown>[];
}

export interface UniqueCheck {
  schema: string;
  table: string;
  index: string;
  /** 'primary key' | 'unique constraint' | 'unique index' */
  kind: string;
  /** false for an invalid index (e.g. a failed CREATE UNIQUE INDEX CONCURRENTLY). */
  valid: boolean;
  keys: string[];
  predicate: string | null;
  duplicateGroups: number;
  /** Up to 5 duplicated key values with their counts. */
  sample: Record<string, unknown>[];
  /** Not checked because the table exceeds the row cap. */
  skipped?: string;
}

/** Foreign keys whose referencing table is in user scope (including FKs into auth.users). */
export async function checkForeignKeys(client: Client, excluded: string[]): Promise<ForeignKeyCheck[]> {
  const fks = await client.query<{
    schema: string;
    table: string;
    relkind: string;
    constraint: string;
    ref_schema: string;
    ref_relkind: string;
    ref_table: string;
    columns: string[];
    ref_columns: string[];
    ops: string[];
    validated: boolean;
    match: string;
  }>(
    `SELECT n.nspname AS schema, c.relname AS table, c.relkind::text AS relkind, k.conname AS constraint,
            rn.nspname AS ref_schema, rc.relname AS ref_table, rc.relkind::text AS ref_relkind, k.convalidated AS validated, k.confmatchtype::text AS match,
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, o)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o) AS ref_columns,
            -- the constraint's own PK = FK operators, schema-qualified: with search_path = pg_catalog a
            -- bare '=' would miss e.g. citext's, and the FK's semantics are what must be checked
            ARRAY(SELECT pg_catalog.format('OPERATOR(%I.%s)', opn.nspname, op.oprname) FROM unnest(k.conpfeqop) WITH ORDINALITY u(x, o)
                    JOIN pg_catalog.pg_operator op ON op.oid = u.x JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace ORDER BY u.o) AS ops
       FROM pg_catalog.pg_constraint k
       JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid
       JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE k.contype = 'f' AND k.conparentid = 0 AND ${userSchemaPredicate('n.nspname', '$1')}
      ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", k.conname COLLATE "C"`,
    [excluded],
  );
  const out: ForeignKeyCheck[] = [];
  for (const fk of fks.rows) {
    const child = `${fk.relkind === 'p' ? '' : 'ONLY '}${qualified(fk.schema, fk.table)}`;
    const join = fk.columns.map((col, i) => `p.${ident(fk.ref_columns[i]!)} ${fk.ops[i] ?? '='} c.${ident(col)}`).join(' AND ');
    // MATCH SIMPLE: a row with any NULL key column is not checked. MATCH FULL: all-NULL is exempt.
    const scope =
      fk.match === 'f' ? `NOT (${fk.columns.map((col) => `c.${ident(col)} IS NULL`).join(' AND ')})` : fk.columns.map((col) => `c.${ident(col)} IS NOT NULL`).join(' AND ');
    // Foreign keys see only the referenced table itself (not inheritance children); a
    // partitioned table's rows live in its partitions.
    const parent = `${fk.ref_relkind === 'p' ? '' : 'ONLY '}${qualified(fk.ref_schema, fk.ref_table)}`;
    const from = `FROM ${child} c WHERE ${scope} AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE ${join})`;
    const n = await client.query<{ n: string }>(`SELECT count(*) AS n ${from}`);
    const orphans = Number(n.rows[0]!.n);
    let sample: Record<string, unknown>[] = [];
    if (orphans > 0) {
      const cols = fk.columns.map((col) => `c.${ident(col)}`).join(', ');
      const asText = fk.columns.map((col) => `c.${ident(col)}::text AS ${ident(col)}`).join(', ');
      const s = await client.query<Record<string, unknown>>(`SELECT ${asText} ${from} ORDER BY ${cols} LIMIT 5`);
      sample = s.rows;
    }
    out.push({
      schema: fk.schema,
      table: fk.table,
      constraint: fk.constraint,
      refSchema: fk.ref_schema,
      refTable: fk.ref_table,
      columns: fk.columns,
      refColumns: fk.ref_columns,
      validated: fk.validated,
      orphans,
      sample,
    });
  }
  return out;
}

/** Duplicate groups under every unique index of a user table (row cap per table). */
export async function checkUniqueKeys(client: Client, excluded: string[], rowsByTable: Map<string, number>, rowCap: number): Promise<UniqueCheck[]> {
  const idx = await client.query<{
    schema: string;
    table: string;
    relkind: string;
    index: string;
    kind: string;
    valid: boolean;
    keys: string[];
    predicate: string | null;
    nulls_not_distinct: boolean;
  }>(
    `SELECT n.nspname AS schema, c.relname AS table, c.relkind::text AS relkind, ic.relname AS index,
            CASE WHEN k.contype = 'p' THEN 'primary key' WHEN k.contype = 'u' THEN 'unique constraint' ELSE 'unique index' END AS kind,
            i.indisvalid AS valid,
            ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, g, true) FROM generate_series(1, i.indnkeyatts) g ORDER BY g) AS keys,
            pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
            coalesce((pg_catalog.to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct
       FROM pg_catalog.pg_index i
       JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_catalog.pg_constraint k ON k.conindid = i.indexrelid AND k.contype IN ('p','u')
      WHERE i.indisunique AND c.relkind = 'r' AND ${userSchemaPredicate('n.nspname', '$1')}
      ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", ic.relname COLLATE "C"`,
    [excluded],
  );
  const out: UniqueCheck[] = [];
  for (const x of idx.rows) {
    const base: UniqueCheck = {
      schema: x.schema,
      table: x.table,
      index: x.index,
      kind: x.kind,
      valid: x.valid,
      keys: x.keys,
      predicate: x.predicate,
      duplicateGroups: 0,
      sample: [],
    };
    const rows = rowsByTable.get(qualified(x.schema, x.table)) ?? 0;
    if (rows > rowCap) {
      out.push({ ...base, skipped: `${rows} rows exceed the row cap of ${rowCap}` });
      continue;
    }
    const keyList = x.keys.map((k, i) => `(${k}) AS k${i + 1}`).join(', ');
    const where: string[] = [];
    if (!x.nulls_not_distinct) for (const k of x.keys) where.push(`(${k}) IS NOT NULL`);
    if (x.predicate) where.push(`(${x.predicate})`);
    const groups = `SELECT ${keyList}, count(*) AS copies FROM ONLY ${qualified(x.schema, x.table)} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY ${x.keys.map((_, i) => i + 1).join(', ')} HAVING count(*) > 1`;
    const n = await client.query<{ n: string }>(`SELECT count(*) AS n FROM (${groups}) d`);
    base.duplicateGroups = Number(n.rows[0]!.n);
    if (base.duplicateGroups > 0) {
      const asText = x.keys.map((_, i) => `d.k${i + 1}::text AS k${i + 1}`).join(', ');
      const s = await client.query<Record<string, unknown>>(`SELECT ${asText}, d.copies::int AS copies FROM (${groups}) d ORDER BY d.copies DESC, 1 LIMIT 5`);
      base.sample = s.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.startsWith('k') ? x.keys[Number(k.slice(1)) - 1]! : k, v])));
    }
    out.push(base);
  }
  return out;
}
