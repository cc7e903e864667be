/**
 * Other sessions that could block or be blocked by the history write: long-running
 * transactions (they also hold back the snapshot horizon) and locks on supabase_migrations.
 */
import type { Client } from '../../db/client.js';
import type { CheckResult } from '../check-types.js';

export const LONG_TRANSACTION_SECONDS = 300;

export async function checkLongTransactions(client: Client, thresholdSeconds = LONG_TRANSACTION_SECONDS): Promise<CheckResult> {
  const r = await client.query<{ pid: number; usename: string | null; app: string | null; state: string | null; age_s: number }>(
    `SELECT a.pid, a.usename, a.application_name AS app, a.state,
            floor(extract(epoch FROM (clock_timestamp() - a.xact_start)))::int AS age_s
       FROM pg_catalog.pg_stat_activity a
      WHERE a.xact_start IS NOT NULL AND a.pid <> pg_catalog.pg_backend_pid()
        AND a.backend_type = 'client backend' AND a.datname = current_database()
        AND clock_timestamp() - a.xact_start > make_interval(secs => $1)
      ORDER BY a.xact_start LIMIT 20`,
    [thresholdSeconds],
  );
  if (r.rows.length === 0) {
    return { id: 'long-transactions', status: 'pass', message: `No transaction open longer than ${Math.round(thresholdSeconds / 60)} min (visible to this role).` };
  }
  const list = r.rows.map((x) => `pid ${x.pid} (${x.usename ?? '?'}${x.app ? `, ${x.app}` : ''}, ${x.state ?? '?'}, ${Math.round(x.age_s / 60)} min)`);
  return {
    id: 'long-transactions',
    status: 'warn',
    message: `${r.rows.length} transaction(s) open longer than ${Math.round(thresholdSeconds / 60)} min: ${list.join('; ')}.`,
    hint: 'Long transactions can hold locks the history write waits for. Let them finish, or end them (SELECT pg_cancel_backend(pid)) if they are stuck.',
    details: { sessions: r.rows },
  };
}

/** Lock modes that conflict with the write's ROW EXCLUSIVE (DELETE/INSERT). */
const BLOCKING = ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];

export async function checkHistoryLocks(client: Client): Promise<CheckResult> {
  const r = await client.query<{ pid: number; mode: string; granted: boolean; rel: string; usename: string | null; app: string | null }>(
    `SELECT l.pid, l.mode, l.granted, c.relname AS rel, a.usename, a.application_name AS app
       FROM pg_catalog.pg_locks l
       JOIN pg_catalog.pg_class c ON c.oid = l.relation
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'supabase_migrations'
       LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND l.pid <> pg_catalog.pg_backend_pid()
        -- relation OIDs are per database: only locks in this one
        AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database())
      ORDER BY l.pid, c.relname, l.mode`,
  );
  if (r.rows.length === 0) return { id: 'history-locks', status: 'pass', message: 'No other session holds locks on supabase_migrations.' };
  const describe = (x: (typeof r.rows)[number]) => `pid ${x.pid} ${x.granted ? 'holds' : 'waits for'} ${x.mode} on ${x.rel}${x.app ? ` (${x.app})` : ''}`;
  const blocking = r.rows.filter((x) => BLOCKING.includes(x.mode));
  const hint = 'Find the session (SELECT * FROM pg_stat_activity WHERE pid = …); wait for it, or end it with pg_cancel_backend(pid). A concurrent `supabase db push` or another consolidate run looks like this.';
  if (blocking.length > 0) {
    return { id: 'history-locks', status: 'fail', message: `Locks that block the history write: ${blocking.map(describe).join('; ')}.`, hint, details: { locks: r.rows } };
  }
  return { id: 'history-locks', status: 'warn', message: `Other sessions use supabase_migrations: ${r.rows.map(describe).join('; ')}.`, hint, details: { locks: r.rows } };
}
