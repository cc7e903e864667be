import type { ClientConfig } from 'pg';
import { SquashbaseError } from '../errors.js';
import { registerSecret } from './redact.js';
import { libpqSslMode, parseSslMode, sslAttempts, type SslMode } from './ssl-mode.js';

/**
 * A parsed, validated connection target. The password lives only in `config` (never in
 * `display`), and is registered for redaction the moment it is parsed.
 */
export interface ConnectionTarget {
  /**
   * pg ClientConfig — host, port, user, password, database, and `ssl` when the sslmode makes
   * one attempt with TLS. `prefer`/`allow` fall back between TLS and plain: only
   * `connect()` (src/db/client.ts) does that, a bare pg.Client with this config goes plain.
   */
  config: ClientConfig & { host: string; port: number; user: string; database: string };
  /** libpq sslmode (from ?sslmode=, else prefer; require for Supabase hosts). */
  sslmode: SslMode;
  /** Redacted, human-readable: postgresql://user:***@host:port/db */
  display: string;
  /** Where the URL came from: --db-url, SUPABASE_DB_URL, DATABASE_URL, or a caller label. */
  source: string;
  /** Query parameters that are not connection fields (kept for completeness, e.g. sslmode). */
  params: Record<string, string>;
}

export const DB_URL_ENV_VARS = ['SUPABASE_DB_URL', 'DATABASE_URL'] as const;

const DASHBOARD_HINT =
  'Pass --db-url, or set SUPABASE_DB_URL. In the Supabase dashboard: Project Settings → Database → ' +
  'Connection string (use the direct connection or the session pooler on port 5432). ' +
  'Percent-encode special characters in the password (@ → %40, # → %23, % → %25, space → %20).';

/** --db-url, else SUPABASE_DB_URL, else DATABASE_URL. Throws DB_URL_MISSING with a hint. */
export function resolveDbUrl(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { url: string; source: string } {
  if (flag) return { url: flag, source: '--db-url' };
  for (const name of DB_URL_ENV_VARS) {
    const v = env[name];
    if (v) return { url: v, source: name };
  }
  throw new SquashbaseError('DB_URL_MISSING', 'No database URL given.', { hint: DASHBOARD_HINT });
}

/**
 * Parse a postgres URL without ever echoing it. Tolerates an unencoded password containing
 * '@', '#', '%' or spaces (a common copy-paste mistake, supabase/cli#155) by splitting on the
 * last '@' before the host.
 */
export function parseDbUrl(url: string, source = 'url'): ConnectionTarget {
  const trimmed = url.trim();
  const m = /^(postgres(?:ql)?):\/\/(.*)$/is.exec(trimmed);
  if (!m) {
    throw new SquashbaseError('DB_URL_INVALID', `The database URL from ${source} is not a postgres:// or postgresql:// URL.`, {
      hint: DASHBOARD_HINT,
    });
  }
  const rest = m[2] ?? '';
  // Split authority from path: the host part never contains '/', but an unencoded password may.
  const at = rest.lastIndexOf('@', firstSlashAfterLastAt(rest));
  let userinfo = '';
  let hostAndPath = rest;
  if (at >= 0) {
    userinfo = rest.slice(0, at);
    hostAndPath = rest.slice(at + 1);
  }
  const colon = userinfo.indexOf(':');
  const rawUser = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  const rawPassword = colon >= 0 ? userinfo.slice(colon + 1) : undefined;
  const password = rawPassword === undefined ? undefined : safeDecode(rawPassword);
  registerSecret(rawPassword);
  registerSecret(password);

  const qIndex = hostAndPath.indexOf('?');
  const query = qIndex >= 0 ? hostAndPath.slice(qIndex + 1) : '';
  const beforeQuery = qIndex >= 0 ? hostAndPath.slice(0, qIndex) : hostAndPath;
  const slash = beforeQuery.indexOf('/');
  const hostPort = slash >= 0 ? beforeQuery.slice(0, slash) : beforeQuery;
  const database = safeDecode(slash >= 0 ? beforeQuery.slice(slash + 1) : '') || 'postgres';

  let host = hostPort;
  let port = 5432;
  const hp = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(hostPort);
  if (!hp) {
    throw new SquashbaseError('DB_URL_INVALID', `The database URL from ${source} has an unreadable host or port.`, {
      hint: DASHBOARD_HINT,
    });
  }
  host = (hp[1] ?? '').replace(/^\[|\]$/g, '') || 'localhost';
  if (hp[2] !== undefined) port = parsePort(hp[2], source);

  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) params[k] = v;
  const user = safeDecode(rawUser) || params['user'] || 'postgres';
  if (params['password']) registerSecret(params['password']);

  const config: ConnectionTarget['config'] = {
    host: params['host'] ?? host,
    port: params['port'] !== undefined ? parsePort(params['port'], source) : port,
    user,
    database,
  };
  if (password !== undefined) config.password = password;
  else if (params['password']) config.password = params['password'];
  const sslmode = parseSslMode(params['sslmode'], config.host, source);
  const attempts = sslAttempts(sslmode);
  if (attempts.length === 1 && attempts[0]) config.ssl = attempts[0];

  const displayHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  const display = `postgresql://${encodeURIComponent(user)}${config.password !== undefined ? ':***' : ''}@${displayHost}:${config.port}/${encodeURIComponent(database)}`;
  return { config, display, source, params, sslmode };
}

/** A TCP port: digits, 1–65535. Port 0 would let the OS pick one; pg then silently uses 5432. */
function parsePort(text: string, source: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  throw new SquashbaseError('DB_URL_INVALID', `The database URL from ${source} has port ${JSON.stringify(text)}, which is not a TCP port.`, {
    hint: 'A port is a number from 1 to 65535: 5432 for the direct connection or the session pooler, 6543 for the transaction pooler.',
  });
}

function firstSlashAfterLastAt(s: string): number {
  const lastAt = s.lastIndexOf('@');
  return lastAt < 0 ? s.length : lastAt;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Resolve from flag/env and parse in one go. */
export function resolveTarget(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): ConnectionTarget {
  const { url, source } = resolveDbUrl(flag, env);
  // pg falls back to PGPASSWORD when the URL has none: it is a secret like any other.
  registerSecret(env['PGPASSWORD']);
  return parseDbUrl(url, source);
}

/** Build a URL (password percent-encoded) for child processes that need one — pass via env, never argv. */
export function toUrl(target: ConnectionTarget, database = target.config.database): string {
  const c = target.config;
  const auth = encodeURIComponent(c.user) + (c.password !== undefined ? ':' + encodeURIComponent(String(c.password)) : '');
  const host = c.host.includes(':') ? `[${c.host}]` : c.host;
  return `postgresql://${auth}@${host}:${c.port}/${encodeURIComponent(database)}`;
}

/** Environment for libpq children (psql, pg_dump): the password travels in PGPASSWORD, never argv. */
export function libpqEnv(target: ConnectionTarget, database = target.config.database): NodeJS.ProcessEnv {
  const c = target.config;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: c.host,
    PGPORT: String(c.port),
    PGUSER: c.user,
    PGDATABASE: database,
  };
  if (c.password !== undefined) env['PGPASSWORD'] = String(c.password);
  env['PGSSLMODE'] = libpqSslMode(target.sslmode);
  delete env['SUPABASE_DB_URL'];
  delete env['DATABASE_URL'];
  return env;
}

/** Same server, another database. */
export function withDatabase(target: ConnectionTarget, database: string): ConnectionTarget {
  const display = target.display.replace(/\/[^/]*$/, '/' + encodeURIComponent(database));
  return { ...target, config: { ...target.config, database }, display };
}

/** Where a database is, without credentials. */
export interface DatabaseAddress {
  host: string;
  port: number;
  database: string;
}

export function addressOf(t: ConnectionTarget): DatabaseAddress {
  return { host: t.config.host, port: t.config.port, database: t.config.database };
}

export function sameServer(a: Omit<DatabaseAddress, 'database'>, b: Omit<DatabaseAddress, 'database'>): boolean {
  const norm = (h: string) => (h === 'localhost' || h === '::1' ? '127.0.0.1' : h.toLowerCase());
  return norm(a.host) === norm(b.host) && a.port === b.port;
}

/** True when two addresses name the same database on the same server. */
export function sameDatabase(a: DatabaseAddress, b: DatabaseAddress): boolean {
  return sameServer(a, b) && a.database === b.database;
}
