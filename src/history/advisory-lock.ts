import type { Client } from '../db/client.js';
import { SquashbaseError } from '../errors.js';

/**
 * The fixed advisory-lock key every squashbase history write takes: (classid, objid) =
 * ('SQSH', 'HIST') as int4. Two-key form, so pg_locks shows it as objsubid = 2 and we can
 * name the holder. Always the transaction-scoped try-variant (F5): never a blocking waiter
 * (the CREATE INDEX CONCURRENTLY deadlock) and never a session lock (leaks behind poolers).
 */
export const ADVISORY_LOCK_KEY: readonly [number, number] = [0x53515348, 0x48495354];

export interface LockOptions {
  /** Total time to keep polling, ms (default 10 s). */
  waitMs?: number;
  /** First backoff step, ms (default 25); doubles up to 1 s, with jitter. */
  initialDelayMs?: number;
}

export interface LockHolder {
  pid: number;
  user: string | null;
  applicationName: string | null;
  clientAddr: string | null;
  backendStart: string | null;
  state: string | null;
}

/** The statement polled inside the write transaction. */
export const TRY_LOCK_SQL = `SELECT pg_catalog.pg_try_advisory_xact_lock(${ADVISORY_LOCK_KEY[0]}, ${ADVISORY_LOCK_KEY[1]}) AS locked`;

/**
 * Polls pg_try_advisory_xact_lock with capped, jittered backoff until it is granted or
 * `waitMs` elapses; then throws LOCKED naming the session that holds it. Must run inside a
 * transaction (the lock is released at COMMIT/ROLLBACK).
 */
export async function acquireHistoryLock(client: Client, options: LockOptions = {}): Promise<{ attempts: number }> {
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  let delay = options.initialDelayMs ?? 25;
  for (let attempts = 1; ; attempts++) {
    const r = await client.query<{ locked: boolean }>(TRY_LOCK_SQL);
    if (r.rows[0]?.locked) return { attempts };
    if (Date.now() >= deadline) {
      const holders = await lockHolders(client);
      const who = holders.length
        ? holders.map((h) => `pid ${h.pid} (${h.user ?? '?'}, ${h.applicationName || 'no application_name'}, ${h.clientAddr ?? 'local'}, since ${h.backendStart ?? '?'})`).join('; ')
        : 'a session that has since finished';
      throw new SquashbaseError('LOCKED', `Another squashbase run holds the migration-history lock: ${who}.`, {
        hint: 'Wait for it to finish and run again; if it is stuck, a DBA can end it with pg_terminate_backend(<pid>).',
        details: { holders, attempts },
      });
    }
    const jitter = Math.random() * delay * 0.5;
    await new Promise((res) => setTimeout(res, Math.min(delay + jitter, Math.max(0, deadline - Date.now()))));
    delay = Math.min(delay * 2, 1000);
  }
}

/** Who holds the squashbase advisory lock (pg_locks joined with pg_stat_activity). */
export async function lockHolders(client: Client): Promise<LockHolder[]> {
  const r = await client.query<{ pid: number; usename: string | null; application_name: string | null; client_addr: string | null; backend_start: string | null; state: string | null }>(
    `SELECT a.pid, a.usename::text AS usename, a.application_name, a.client_addr::text AS client_addr,
            a.backend_start::text AS backend_start, a.state
       FROM pg_catalog.pg_locks l
       JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND a.pid <> pg_catalog.pg_backend_pid()`,
    [ADVISORY_LOCK_KEY[0], ADVISORY_LOCK_KEY[1]],
  );
  return r.rows.map((x) => ({
    pid: x.pid,
    user: x.usename,
    applicationName: x.application_name,
    clientAddr: x.client_addr,
    backendStart: x.backend_start,
    state: x.state,
  }));
}
