import type PgTypes from 'pg';
import { pg } from './pg-module.js';
import { SquashbaseError, isPgError } from '../errors.js';
import type { ConnectionTarget } from './connection.js';
import { sslAttempts, type SslAttempt } from './ssl-mode.js';
import { redact } from './redact.js';
import { VERSION } from '../version.js';

export type Client = PgTypes.Client;

export interface ClientOptions {
  /** Shown in pg_stat_activity; helps a DBA see who is connected. */
  applicationName?: string;
  /** Milliseconds; default 15 s. */
  connectTimeoutMs?: number;
  /** Session statement_timeout in ms (0 = none). */
  statementTimeoutMs?: number;
  /**
   * pg's pipeline mode: queries are written to the server as soon as they are issued, not one
   * after the other's result (node-postgres.com/features/pipelining). Results still come back in
   * order, each to its own query.
   */
  pipeline?: boolean;
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

/** Connect as libpq would for the target's sslmode: `prefer` falls back to plain, `allow` to TLS. */
export async function connect(target: ConnectionTarget, options: ClientOptions = {}): Promise<Client> {
  const attempts = sslAttempts(target.sslmode);
  for (let i = 0; ; i++) {
    const ssl = attempts[i] ?? false;
    const client = new pg.Client({
      ...target.config,
      ssl,
      application_name: options.applicationName ?? `squashbase/${VERSION}`,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 15_000,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      // Not in @types/pg 8.15 yet; pg 8.23 reads it (lib/client.js).
      ...(options.pipeline ? ({ pipeline: true } as object) : {}),
    });
    // An idle client whose server goes away emits 'error'; without a listener Node would crash.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (i + 1 >= attempts.length || !worthRetrying(err, ssl)) throw connectionError(target, err);
    }
  }
}

/**
 * libpq's fallbacks: after a TLS attempt, retry plain when the server has no TLS or the
 * handshake failed; after a plain attempt, retry TLS when pg_hba.conf refused it (28000).
 */
function worthRetrying(err: unknown, ssl: SslAttempt): boolean {
  if (ssl === false) return isPgError(err, '28000');
  if (isPgError(err)) return false;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : '';
  return /does not support SSL/i.test(message) || code === 'ECONNRESET' || code === 'EPROTO' || (typeof code === 'string' && code.startsWith('ERR_SSL'));
}

function connectionError(target: ConnectionTarget, err: unknown): SquashbaseError {
  const raw = err instanceof Error ? err.message : String(err);
  const msg = redact(raw);
  let hint = 'Check the host, port, user and password, and that the server accepts connections from this machine.';
  let message = `Could not connect to ${target.display}: ${msg}`;
  if (target.config.password === undefined && passwordWanted(err)) {
    message = `Could not connect to ${target.display}: the server asks for a password and none was given.`;
    hint = 'Put the password in the URL (postgresql://user:PASSWORD@host:port/db, percent-encoded) or set PGPASSWORD.';
  } else if (isPgError(err, '28P01') || isPgError(err, '28000')) hint = 'Authentication failed: check the user and password (percent-encode special characters in the URL).';
  else if (isPgError(err, '3D000')) hint = 'The database does not exist on that server.';
  else if (/does not support SSL/i.test(raw)) hint = `The server does not offer TLS, and sslmode=${target.sslmode} requires it: use sslmode=prefer (TLS when offered) or disable.`;
  else if (/ENOTFOUND|EAI_AGAIN/.test(raw)) hint = 'The host name could not be resolved.';
  else if (/ECONNREFUSED/.test(raw)) hint = 'Nothing is listening on that host and port.';
  else if (/timeout/i.test(raw)) hint = 'The connection timed out: check network access and the port (5432 direct / session pooler).';
  const code = isPgError(err) ? (err as { code: string }).code : undefined;
  return new SquashbaseError('CONNECTION_FAILED', message, {
    hint,
    cause: sanitizeCause(err),
    details: code ? { sqlstate: code } : undefined,
  });
}

/**
 * The URL had no password and authentication needed one: pg then fails inside SCRAM ("client
 * password must be a string") or md5 hashing, or the server rejects the empty password (28P01).
 */
function passwordWanted(err: unknown): boolean {
  if (isPgError(err)) return err.code === '28P01';
  return err instanceof Error && /password/i.test(err.message);
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
