import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ident } from '../../src/sql/ident.js';
import { startDebianCluster } from './debian-cluster.js';

/**
 * A PostgreSQL server that builds "live" Supabase databases from `../shared/live-platform`, a
 * platform model written independently of squashbase's own (templates/platform/). It is a server
 * of its own — Debian's postgresql-15 binaries, its own data directory and its own extension
 * directory holding the independent stub extensions — so nothing of squashbase's shadow (the
 * embedded server and its stand-ins) can leak into what squashbase inspects.
 */
export interface LivePlatformServer {
  /** Superuser URL of the `postgres` database (password included: tests only). */
  url: string;
  port: number;
  major: number;
  /** A fresh database built from platform.sql (template0, then the platform model). */
  createLiveDatabase(label: string): Promise<LiveDatabase>;
  /** A fresh empty database (template0), no platform: for plain-Postgres cases. */
  createEmptyDatabase(label: string): Promise<LiveDatabase>;
  stop(): Promise<void>;
}

export interface LiveDatabase {
  name: string;
  url: string;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<T>>;
  drop(): Promise<void>;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** ../shared/live-platform beside the checkout (override: SQUASHBASE_LIVE_PLATFORM_DIR). */
export const LIVE_PLATFORM_DIR = resolve(process.env['SQUASHBASE_LIVE_PLATFORM_DIR'] ?? join(HERE, '..', '..', '..', 'shared', 'live-platform'));

/** Debian's server binaries for a major (override: SQUASHBASE_LIVE_PG_BINDIR). */
export function livePgBinDir(major = 15): string {
  return process.env['SQUASHBASE_LIVE_PG_BINDIR'] ?? `/usr/lib/postgresql/${major}/bin`;
}

/** Why a live-platform server cannot be built here, or undefined when it can. */
export function livePlatformUnavailable(major = 15): string | undefined {
  if (!existsSync(join(LIVE_PLATFORM_DIR, 'platform.sql'))) return `no live-platform model at ${LIVE_PLATFORM_DIR}`;
  const bin = livePgBinDir(major);
  if (!existsSync(join(bin, 'postgres')) || !existsSync(join(bin, 'initdb'))) return `no PostgreSQL ${major} server binaries in ${bin} (apt-get install postgresql-${major})`;
  if (!existsSync(join(bin, 'psql')) && !existsSync('/usr/bin/psql')) return 'no psql (apt-get install postgresql-client-15)';
  if (userInfo().uid !== 0 && !process.env['SQUASHBASE_LIVE_PG_BINDIR']) return 'installing the stub extensions into the server needs root';
  return undefined;
}

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(cmd, args, { env: opts.env ?? process.env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${String(stderr) || err.message}`));
      else resolvePromise({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * initdb + start a private cluster on 127.0.0.1 (a free port), install the independent stub
 * extensions into that server's extension directory, run roles.sql once. Always stop() it.
 */
export async function startLivePlatformServer(options: { major?: number } = {}): Promise<LivePlatformServer> {
  const major = options.major ?? 15;
  const why = livePlatformUnavailable(major);
  if (why) throw new Error(`live-platform server unavailable: ${why}`);
  const bin = livePgBinDir(major);
  const pgConfig = existsSync(join(bin, 'pg_config')) ? join(bin, 'pg_config') : '/usr/bin/pg_config';
  // The stubs go into THIS server's extension directory (Debian's), never the embedded one.
  await run('bash', [join(LIVE_PLATFORM_DIR, 'install-stubext.sh'), '-q'], { env: { ...process.env, PG_CONFIG: pgConfig } });

  const cluster = await startDebianCluster({ bin, prefix: 'squashbase-live-', settings: ['max_connections=200', 'max_locks_per_transaction=512'] });
  const url = `postgresql://postgres:${cluster.password}@127.0.0.1:${cluster.port}/postgres`;
  try {
    const rolesSql = await readFile(join(LIVE_PLATFORM_DIR, 'roles.sql'), 'utf8');
    await withClient(url, (c) => c.query(rolesSql));
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return { ...livePlatformAt(url, major), stop: cluster.stop };
}

/**
 * A handle on a running live-platform server (started by startLivePlatformServer, e.g. in the
 * suite's global setup): makes live databases on it. The URL is its superuser's.
 */
export function livePlatformAt(url: string, major = 15): Omit<LivePlatformServer, 'stop'> {
  const bin = livePgBinDir(major);
  const psql = existsSync(join(bin, 'psql')) ? join(bin, 'psql') : '/usr/bin/psql';
  const server = new URL(url);
  const make = async (label: string, platform: boolean): Promise<LiveDatabase> => {
    const name = `live_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`.slice(0, 63);
    await withClient(url, (c) => c.query(`CREATE DATABASE ${ident(name)} TEMPLATE template0 ENCODING 'UTF8'`));
    const db = new URL(url);
    db.pathname = `/${name}`;
    const dbUrl = db.toString();
    const drop = () => withClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`)).then(() => undefined);
    if (platform) {
      try {
        await run(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', dbUrl, '-f', join(LIVE_PLATFORM_DIR, 'platform.sql')]);
      } catch (err) {
        await drop().catch(() => undefined);
        throw err;
      }
    }
    return {
      name,
      url: dbUrl,
      query: (sql, params) => withClient(dbUrl, (c) => c.query(sql, params as unknown[])),
      drop,
    };
  };
  return {
    url,
    port: Number(server.port),
    major,
    createLiveDatabase: (label) => make(label, true),
    createEmptyDatabase: (label) => make(label, false),
  };
}
