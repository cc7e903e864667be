/**
 * Poolers. Supabase's transaction-mode pooler (Supavisor, port 6543) hands each transaction to
 * any backend: session state (advisory locks, SET, prepared statements) leaks or vanishes
 * (flyway#2895, authentik#23876). Reading is fine; the history write must not go through it.
 */
import type { Client } from '../../db/client.js';
import type { ConnectionTarget } from '../../db/connection.js';
import type { CheckResult } from '../check-types.js';

export interface PoolerProbe {
  /** inet_server_port(): the port the backend listens on (null over a Unix socket). */
  serverPort: number | null;
  /** Two consecutive autocommit statements ran on different backends. */
  backendChanged: boolean;
}

/** Ask the server which port it listens on and whether our statements stay on one backend. */
export async function probePooler(client: Client): Promise<PoolerProbe> {
  const a = await client.query<{ port: number | null; pid: number }>('SELECT pg_catalog.inet_server_port() AS port, pg_catalog.pg_backend_pid() AS pid');
  const b = await client.query<{ pid: number }>('SELECT pg_catalog.pg_backend_pid() AS pid');
  return { serverPort: a.rows[0]!.port, backendChanged: a.rows[0]!.pid !== b.rows[0]!.pid };
}

/** Pure: decide from the target (port, host) and an optional probe. Unit-testable without a pooler. */
export function poolerCheck(target: ConnectionTarget, probe: PoolerProbe | null): CheckResult {
  const { host, port } = target.config;
  const supabasePooler = /\.pooler\.supabase\.com$/i.test(host);
  const hint =
    'Reading through a pooler is fine, but the history write needs session semantics: use the direct connection ' +
    '(db.<ref>.supabase.co:5432) or the session pooler (port 5432) for consolidate --apply.';
  if (port === 6543) {
    return {
      id: 'pooler',
      status: 'warn',
      message: `Port 6543 is Supabase's transaction-mode pooler${supabasePooler ? ' (Supavisor)' : ''}; the write step will refuse it.`,
      hint,
      details: { port, host, mode: 'transaction' },
    };
  }
  if (probe?.backendChanged) {
    return {
      id: 'pooler',
      status: 'warn',
      message: 'Consecutive statements ran on different backends: this looks like a transaction-mode pooler; the write step will refuse it.',
      hint,
      details: { port, host, mode: 'transaction' },
    };
  }
  if (probe && probe.serverPort !== null && probe.serverPort !== port) {
    return {
      id: 'pooler',
      status: supabasePooler ? 'pass' : 'warn',
      message: `Connected through a proxy or pooler (client port ${port}, server port ${probe.serverPort})${supabasePooler ? ': Supabase session pooler' : ''}.`,
      ...(supabasePooler ? {} : { hint: 'If this is PgBouncer/Supavisor in transaction mode, use a direct or session-mode connection for the write step.' }),
      details: { port, host, serverPort: probe.serverPort, mode: supabasePooler ? 'session' : 'unknown' },
    };
  }
  return { id: 'pooler', status: 'pass', message: supabasePooler ? 'Supabase session pooler (port 5432).' : 'Direct connection (no pooler detected).', details: { port, host } };
}
