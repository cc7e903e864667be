/**
 * Exact row counts per table (count(*) FROM ONLY, so inheritance/partition children are not
 * counted twice). Shared by backup (manifest) and check-data. Runs on a client the caller put
 * in a read-only transaction.
 */
import { sanitizeCause, type Client } from '../db/client.js';
import { redact } from '../db/redact.js';
import { SquashbaseError, isPgError } from '../errors.js';
import { qualified } from '../sql/ident.js';
import { excludedSchemas, userSchemaPredicate } from './scope.js';
import { SYSTEM_SCHEMAS } from '../introspect/platform-scope.js';

export interface TableRef {
  schema: string;
  table: string;
}

export interface TableRowCount extends TableRef {
  rows: number;
}

/** Stable key for a table: always-quoted qualified name. */
export function tableKey(t: TableRef): string {
  return qualified(t.schema, t.table);
}

/**
 * Ordinary tables to count. 'user' = outside managed schemas; 'all' = every non-system schema
 * (what a full pg_dump contains). Extension member tables are skipped: pg_dump does not dump
 * their rows (config tables only partially).
 */
export async function listTables(client: Client, scope: 'user' | 'all'): Promise<TableRef[]> {
  const excluded = scope === 'user' ? await excludedSchemas() : SYSTEM_SCHEMAS;
  const r = await client.query<{ schema: string; table: string }>(
    `SELECT n.nspname AS schema, c.relname AS table
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r'
        AND ${userSchemaPredicate('n.nspname', '$1')}
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                         WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
      ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"`,
    [excluded],
  );
  return r.rows;
}

/**
 * count(*) for each table, one query per table (exact; small tables are cheap).
 * Sets row_security = off for the rest of the transaction (as pg_dump does): a count that RLS
 * would silently filter raises 42501 instead, so a number is never quietly wrong.
 */
export async function countRows(client: Client, tables: TableRef[]): Promise<TableRowCount[]> {
  await client.query('SET LOCAL row_security = off');
  const out: TableRowCount[] = [];
  for (const t of tables) {
    try {
      const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ONLY ${qualified(t.schema, t.table)}`);
      out.push({ ...t, rows: Number(r.rows[0]!.n) });
    } catch (err) {
      if (isPgError(err, '42501')) {
        throw new SquashbaseError('PERMISSION_DENIED', `Cannot count the rows of ${tableKey(t)}: ${redact(err.message)}.`, {
          hint: 'Connect as the table owner or a role that may read every row (postgres, or one with BYPASSRLS); row level security must not filter the counts.',
          cause: sanitizeCause(err),
          details: { table: tableKey(t), sqlstate: err.code },
        });
      }
      throw err;
    }
  }
  return out;
}
