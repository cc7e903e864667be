import { SquashbaseError } from '../errors.js';
import type { ConnectionTarget } from '../db/connection.js';

export type PoolerMode = 'direct' | 'session-pooler' | 'transaction-pooler';

export interface PoolerCheck {
  mode: PoolerMode;
  reason: string;
}

/**
 * Classifies a connection target. Supabase's Supavisor serves transaction mode on port 6543 and
 * session mode on 5432 (`*.pooler.supabase.com`); PgBouncer setups conventionally use 6543 too,
 * and Prisma-style URLs mark it with `pgbouncer=true`. In transaction mode a session's
 * statements may land on different server connections, so SET LOCAL, the advisory lock and
 * the write must not be spread over several transactions — squashbase refuses it (S6).
 */
export function classifyPooler(target: ConnectionTarget): PoolerCheck {
  const host = target.config.host.toLowerCase();
  const port = target.config.port;
  if (port === 6543) return { mode: 'transaction-pooler', reason: 'port 6543 is the transaction-mode pooler (Supavisor/PgBouncer)' };
  if (target.params['pgbouncer'] === 'true') return { mode: 'transaction-pooler', reason: 'the URL says pgbouncer=true' };
  if (host.endsWith('.pooler.supabase.com')) return { mode: 'session-pooler', reason: 'Supavisor session mode (port 5432)' };
  return { mode: 'direct', reason: 'direct connection' };
}

/** Throws PRECONDITION_FAILED for a transaction-mode pooler, with the hint to switch. */
export function assertNotTransactionPooler(target: ConnectionTarget): PoolerCheck {
  const check = classifyPooler(target);
  if (check.mode === 'transaction-pooler') {
    throw new SquashbaseError('PRECONDITION_FAILED', `Refusing to write the migration history through a transaction-mode pooler (${check.reason}): ${target.display}.`, {
      hint: 'Use the session pooler (same host, port 5432) or the direct connection (db.<ref>.supabase.co:5432) for consolidate and rollback.',
      details: { pooler: check },
    });
  }
  return check;
}
