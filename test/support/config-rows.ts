import type pg from 'pg';

/**
 * The configuration a fresh environment needs, read straight from the platform tables with plain
 * SQL (not through squashbase's loader), so tests compare live and a built database row by row.
 * Per-environment columns are left out: bucket timestamps and owners, cron jobid/nodename/nodeport,
 * queue created_at; a cron job's database is shown as "(this)" when it is the database itself.
 */
export interface ConfigRows {
  buckets: Record<string, string | null>[];
  jobs: Record<string, string | null>[];
  queues: Record<string, string | null>[];
  secrets: Record<string, string | null>[];
}

type Query = <T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<T>>;

async function exists(query: Query, table: string): Promise<boolean> {
  const r = await query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
  return r.rows[0]?.t != null;
}

export async function readConfigRows(query: Query): Promise<ConfigRows> {
  const out: ConfigRows = { buckets: [], jobs: [], queues: [], secrets: [] };
  if (await exists(query, 'storage.buckets')) {
    const r = await query('SELECT to_jsonb(b) - ARRAY[\'created_at\', \'updated_at\', \'owner\', \'owner_id\'] AS row FROM storage.buckets b ORDER BY id COLLATE "C"');
    out.buckets = r.rows.map((x) => stringify(x['row'] as Record<string, unknown>));
  }
  if (await exists(query, 'cron.job')) {
    const r = await query(
      `SELECT jobname, schedule, command, CASE WHEN database = current_database() THEN '(this)' ELSE database END AS database, username, active::text AS active
         FROM cron.job ORDER BY jobname COLLATE "C" NULLS LAST, schedule COLLATE "C", command COLLATE "C"`,
    );
    out.jobs = r.rows;
  }
  if (await exists(query, 'pgmq.meta')) {
    const r = await query('SELECT queue_name::text AS queue_name, is_partitioned::text AS is_partitioned, is_unlogged::text AS is_unlogged FROM pgmq.meta ORDER BY queue_name COLLATE "C"');
    out.queues = r.rows;
  }
  if (await exists(query, 'vault.secrets')) {
    const r = await query('SELECT name, description FROM vault.secrets WHERE name IS NOT NULL ORDER BY name COLLATE "C"');
    out.secrets = r.rows;
  }
  return out;
}

function stringify(row: Record<string, unknown>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of Object.keys(row).sort()) out[k] = row[k] == null ? null : typeof row[k] === 'string' ? (row[k] as string) : JSON.stringify(row[k]);
  return out;
}
