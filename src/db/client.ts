import pg from 'pg';
import { SquashbaseError, isPgError } from '../errors.js';
import type { ConnectionTarget } from './connection.js';
import { redact } from './redact.js';
import { VERSION } from '../version.js';

export type Client = pg.Client;

export interface ClientOptions {
  /** Shown in pg_stat_activity; helps a DBA see who is connected. */
  applicationName?: string;
  /** Milliseconds; default 15 s. */
  connectTimeoutMs?: number;
  /** Session statement_timeout in ms (0 = none). */
  statementTimeoutMs?: number;
}

/** Open a client, run `fn`, always close it. Connection failures become CONNECTION_FAILED (redacted). */
export async function withClient<T>(target: ConnectionTarget, fn: (client: Client) => Promise<T>, options: ClientOptions = {}): Promise<T> {
  const client = await connect(target, options);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function connect(target: ConnectionTarget, options: ClientOptions = {}): Promise<Client> {
  const client = new pg.Client({
    ...target.config,
    application_name: options.applicationName ?? `squashbase/${VERSION}`,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 15_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // An idle client whose server goes away emits 'error'; without a listener Node would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw connectionError(target, err);
  }
  return client;
}

function connectionError(target: ConnectionTarget, err: unknown): SquashbaseError {
  const raw = err instanceof Error ? err.message : String(err);
  const msg = redact(raw);
  let hint = 'Check the host, port, user and password, and that the server accepts connections from this machine.';
  if (isPgError(err, '28P01') || isPgError(err, '28000')) hint = 'Authentication failed: check the user and password (percent-encode special characters in the URL).';
  else if (isPgError(err, '3D000')) hint = 'The database does not exist on that server.';
  else if (/ENOTFOUND|EAI_AGAIN/.test(raw)) hint = 'The host name could not be resolved.';
  else if (/ECONNREFUSED/.test(raw)) hint = 'Nothing is listening on that host and port.';
  else if (/timeout/i.test(raw)) hint = 'The connection timed out: check network access and the port (5432 direct / session pooler).';
  const code = isPgError(err) ? (err as { code: string }).code : undefined;
  return new SquashbaseError('CONNECTION_FAILED', `Could not connect to ${target.display}: ${msg}`, {
    hint,
    cause: sanitizeCause(err),
    details: code ? { sqlstate: code } : undefined,
  });
}

/** A copy of an error safe to keep as `cause`: message redacted, no config object attached. */
export function sanitizeCause(err: unknown): Error {
  if (!(err instanceof Error)) return new Error(redact(String(err)));
  const copy = new Error(redact(err.message));
  copy.name = err.name;
  for (const key of ['code', 'detail', 'hint', 'position', 'where', 'severity']) {
    const v = (err as unknown as Record<string, unknown>)[key];
    if (typeof v === 'string') (copy as unknown as Record<string, unknown>)[key] = redact(v);
  }
  return copy;
}

/** BEGIN … COMMIT, ROLLBACK on any error. */
export async function withTransaction<T>(client: Client, fn: (client: Client) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  await client.query(begin);
  try {
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * One consistent, read-only view of the catalog (production is sacred): every introspection
 * query runs inside this. search_path = pg_catalog makes pg_get_*def() schema-qualify names.
 */
export async function withReadOnlySnapshot<T>(client: Client, fn: (client: Client) => Promise<T>): Promise<T> {
  return withTransaction(
    client,
    async (c) => {
      await c.query('SET LOCAL search_path = pg_catalog');
      return fn(c);
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}

/** server_version_num as a number, e.g. 150018. */
export async function serverVersionNum(client: Client): Promise<number> {
  const r = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Number(r.rows[0]!.v);
}
