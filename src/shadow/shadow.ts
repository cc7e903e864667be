import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ConnectionTarget, DatabaseAddress } from '../db/connection.js';
import { withDatabase } from '../db/connection.js';
import { withClient, sanitizeCause } from '../db/client.js';
import { ident, literal } from '../sql/ident.js';
import { SquashbaseError } from '../errors.js';
import { registerCleanup } from '../util/cleanup.js';
import { bootstrapPlatform } from './platform-bootstrap.js';
import type { PlatformCapture } from './clone/platform-capture.js';
import { listInstalledStandIns, type StandIn } from './stand-ins/install.js';
import type { ShadowServer } from './providers/types.js';
import { provideShadowRoles, shadowRolesWarning, type ShadowRoles } from './shadow-roles.js';

export type { StandIn } from './stand-ins/install.js';

/**
 * Shadow databases: one interface, three providers (embedded by default, an existing server
 * URL, or the supabase/postgres image through Docker). withShadow always releases what it
 * started — in `finally`, and through registerCleanup on SIGINT/SIGTERM.
 */
export type ShadowProvider = 'embedded' | 'url' | 'docker';

/** Every database squashbase creates on a shadow server starts with this; nothing else is ever dropped. */
export const SHADOW_DB_PREFIX = 'squashbase_shadow_';

export interface ShadowOptions {
  provider: ShadowProvider;
  /** Server URL for the 'url' provider. */
  url?: string;
  /** The live project's PostgreSQL major (the shadow must match). */
  major: number;
  /**
   * Live's platform, captured once per run (clone/platform-capture.ts): the shadow never gets
   * live's connection. A url shadow may not be the database it was read from.
   */
  live?: PlatformCapture;
  /**
   * What the managed schemas (auth, storage, …) of a shadow database start as, with `live`:
   * 'live' clones them from live (the default); 'pristine' takes them from `pristine` (a fresh
   * project, cloned read-only) or else from the bundled model, and only roles, extensions,
   * default privileges and settings from live. Parity uses 'pristine', so the history's own
   * platform changes are made in the shadow, not found there already.
   */
  platformBase?: 'live' | 'pristine';
  /** A fresh project on live's platform release (--pristine-url), captured: the pristine platform. */
  pristine?: PlatformCapture;
  /** Where live is (no credentials): a url shadow may not be that database. */
  liveAddress?: DatabaseAddress;
  /**
   * live, pristine and platformBase when they are still being captured as the server starts
   * (parity starts it while production is read); they replace those fields, and a rejection
   * releases the server. A url shadow then needs `liveAddress`.
   */
  platformLater?: Promise<ShadowPlatform>;
  /**
   * A server started ahead of time (launchShadowServer) for this major and provider: withShadow
   * takes it over (and releases it) instead of starting one. consolidate starts it before its
   * preflight, so the server is up by the time its parity needs it.
   */
  launched?: ShadowLaunch;
  allowVersionMismatch?: boolean;
  /** supabase/postgres image for the docker provider (default per major). */
  image?: string;
  onWarning?: (message: string) => void;
}

export type ShadowPlatform = Pick<ShadowOptions, 'live' | 'pristine' | 'platformBase'>;

/** What starting a server needs (the databases' platform comes later). */
export type ShadowServerRequest = Pick<ShadowOptions, 'provider' | 'url' | 'major' | 'allowVersionMismatch' | 'image' | 'liveAddress'>;

export interface ShadowLaunch {
  provider: ShadowProvider;
  major: number;
  /** Starting, or started. */
  server: Promise<ShadowServer>;
  /** What starting it said (url shadows: the address checks). */
  warnings: string[];
  /** Stops the server (also after withShadow took it over; idempotent). */
  release(): Promise<void>;
}

/** Starts a shadow server now, for a withShadow later (`ShadowOptions.launched`); released on signals too. */
export function launchShadowServer(request: ShadowServerRequest): ShadowLaunch {
  const warnings: string[] = [];
  const server = startServer(request, (m) => warnings.push(m));
  server.catch(() => undefined); // reported by the withShadow that awaits it
  let released: Promise<void> | undefined;
  const release = () => (released ??= server.then((s) => s.release(), () => undefined));
  const unregister = registerCleanup(release);
  return {
    provider: request.provider,
    major: request.major,
    server,
    warnings,
    release: () => {
      unregister();
      return release();
    },
  };
}

/** What a command asks for: the pristine project as a connection; the shadow gets captures (captureShadowSources). */
export type ShadowRequest = Omit<ShadowOptions, 'major' | 'live' | 'pristine' | 'liveAddress' | 'platformLater'> & { major?: number; pristine?: ConnectionTarget };

export interface Shadow {
  provider: ShadowProvider;
  /** The shadow server's major. */
  major: number;
  serverVersion: string;
  /** Redacted description for reports. */
  description: string;
  /** Set when the shadow's major differs from live's (only possible with allowVersionMismatch). */
  versionMismatch?: { live: number; shadow: number };
  warnings: string[];
  /** Temporary directory of an embedded cluster (gone after withShadow returns). */
  dir?: string;
  /** Admin connection to the shadow server (superuser for embedded). */
  admin: ConnectionTarget;
  createDatabase(label: string, opts?: { platform?: boolean }): Promise<ShadowDatabase>;
}

export interface ShadowDatabase {
  name: string;
  target: ConnectionTarget;
  /** Stand-ins installed by the platform bootstrap. */
  standIns: StandIn[];
  /** Stand-ins a migration may CREATE EXTENSION. */
  available: string[];
  platform: 'live' | 'bundled' | 'image' | 'none';
  warnings: string[];
  bootstrapMs: number;
  /** Taken from the platform pool (the bundled model made once, in the embedded template; platform-pool.ts). */
  pooled: boolean;
  /** Stand-ins installed now (call after a replay: migrations may have created more). */
  currentStandIns(): Promise<StandIn[]>;
  drop(): Promise<void>;
}

export async function withShadow<T>(options: ShadowOptions, fn: (shadow: Shadow) => Promise<T>): Promise<T> {
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    options.onWarning?.(m);
  };
  // Awaited once the server is up; until then a rejection must not go unhandled.
  options.platformLater?.catch(() => undefined);
  const server = await takeOrStartServer(options, warn);
  const created = new Set<string>();
  let roles: ShadowRoles | undefined;
  // Shared in-flight release: the signal path and `finally` may both call it; both must wait.
  let releasing: Promise<void> | undefined;
  const release = () => {
    releasing ??= (async () => {
      if (server.provider === 'url') {
        for (const name of [...created]) await dropShadowDatabase(server.admin, name).catch(() => undefined);
        await roles?.drop();
      }
      await server.release();
      await options.launched?.release();
    })();
    return releasing;
  };
  const unregister = registerCleanup(release);
  try {
    const shadowMajor = Math.floor(server.versionNum / 10000);
    let versionMismatch: Shadow['versionMismatch'];
    if (shadowMajor !== options.major) {
      if (!options.allowVersionMismatch) {
        throw new SquashbaseError('VERSION_MISMATCH', `The shadow server is PostgreSQL ${shadowMajor}, the live database PostgreSQL ${options.major}.`, {
          hint: 'Replay on the same major as live (a different major can change defaults, catalogs and SQL behaviour). Use a matching --shadow-url, or pass --allow-version-mismatch to go on anyway (the report records it).',
          details: { live: options.major, shadow: shadowMajor },
        });
      }
      versionMismatch = { live: options.major, shadow: shadowMajor };
      warn(`Version mismatch allowed: the shadow is PostgreSQL ${shadowMajor}, live is PostgreSQL ${options.major}.`);
    }
    const sources: ShadowOptions = options.platformLater ? { ...options, ...(await options.platformLater) } : options;
    const customRoles = sources.live?.customRoles;
    if (customRoles?.roles.length) {
      roles = await provideShadowRoles(server.admin, customRoles).catch((err: unknown) => {
        warn(`The roles live's schema uses (${customRoles.roles.map((r) => r.name).join(', ')}) could not be created in the shadow: ${sanitizeCause(err).message}. The replay or the baseline may fail for want of them.`);
        return undefined;
      });
      const note = shadowRolesWarning(roles?.created ?? []);
      if (note) warn(note);
    }
    const shadow: Shadow = {
      provider: server.provider,
      major: shadowMajor,
      serverVersion: server.serverVersion,
      description: server.description,
      ...(versionMismatch ? { versionMismatch } : {}),
      ...(server.dir ? { dir: server.dir } : {}),
      admin: server.admin,
      warnings,
      async createDatabase(label, opts = {}) {
        const name = shadowDatabaseName(label);
        const source = platformSource(sources);
        // The bundled model, unless live's schemas are cloned: a pooled database has it already.
        const pooled = opts.platform !== false && server.vanilla && !(source.live && source.cloneSchemas !== false) ? server.takePooled?.() : undefined;
        await createShadowDatabase(server, name, pooled?.name);
        created.add(name);
        const target = withDatabase(server.admin, name);
        const dbWarnings: string[] = [];
        const drop = async () => {
          await dropShadowDatabase(server.admin, name);
          created.delete(name);
        };
        try {
          let platform: ShadowDatabase['platform'] = 'none';
          let standIns: StandIn[] = [];
          let available: string[] = [];
          let bootstrapMs = 0;
          if (opts.platform !== false) {
            if (server.vanilla) {
              const b = await bootstrapPlatform(target, {
                major: shadowMajor,
                ...source,
                ...(pooled ? { pooled } : {}),
                onWarning: (m) => {
                  dbWarnings.push(m);
                  options.onWarning?.(m);
                },
              });
              platform = b.source;
              standIns = b.standIns;
              available = b.available;
              bootstrapMs = b.durationMs;
            } else {
              platform = 'image';
            }
          }
          return {
            name,
            target,
            standIns,
            available,
            platform,
            warnings: dbWarnings,
            bootstrapMs,
            pooled: pooled !== undefined,
            currentStandIns: async () => {
              const now = await withClient(target, (c) => listInstalledStandIns(c));
              // Plain-object stand-ins (extension directory not writable) are not extensions: keep them listed.
              return [...now, ...standIns.filter((s) => s.mode === 'objects' && !now.some((n) => n.extension === s.extension))];
            },
            drop,
          };
        } catch (err) {
          await drop().catch(() => undefined);
          throw err;
        }
      },
    };
    return await fn(shadow);
  } finally {
    unregister();
    await release();
  }
}

/** Where bootstrapPlatform takes the platform from (see ShadowOptions.platformBase). */
function platformSource(options: ShadowOptions): { live?: PlatformCapture; cloneSchemas?: boolean } {
  if (options.platformBase === 'pristine') {
    if (options.pristine) return { live: options.pristine };
    return options.live ? { live: options.live, cloneSchemas: false } : {};
  }
  return options.live ? { live: options.live } : {};
}

/** The launched server when it fits these options (else it is stopped), or a new one. */
async function takeOrStartServer(options: ShadowOptions, warn: (m: string) => void): Promise<ShadowServer> {
  const launched = options.launched;
  if (launched && launched.provider === options.provider && launched.major === options.major) {
    try {
      return await launched.server;
    } finally {
      launched.warnings.forEach(warn);
    }
  }
  await launched?.release();
  const liveAddress = options.liveAddress ?? options.live?.address;
  return startServer({ ...options, ...(liveAddress ? { liveAddress } : {}) }, warn);
}

async function startServer(options: ShadowServerRequest, warn: (m: string) => void): Promise<ShadowServer> {
  switch (options.provider) {
    case 'embedded': {
      const { startEmbeddedShadow } = await import('./providers/embedded.js');
      return startEmbeddedShadow(options.major, options.allowVersionMismatch ?? false);
    }
    case 'url': {
      if (!options.url) throw new SquashbaseError('USAGE', 'The url shadow provider needs --shadow-url.');
      const { connectUrlShadow } = await import('./providers/url.js');
      const { server, warnings } = await connectUrlShadow(options.url, options.liveAddress);
      warnings.forEach(warn);
      return server;
    }
    case 'docker': {
      const { startDockerShadow } = await import('./providers/docker.js');
      return startDockerShadow(options.major, options.image);
    }
    default:
      throw new SquashbaseError('USAGE', `Unknown shadow provider ${String(options.provider)} (expected embedded, url or docker).`);
  }
}

/** squashbase_shadow_<label>_<random>, at most 63 bytes, lowercase ASCII. */
export function shadowDatabaseName(label: string): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 30) || 'db';
  return `${SHADOW_DB_PREFIX}${clean}_${randomBytes(5).toString('hex')}`;
}

/** Throws unless `name` carries the shadow prefix: the one guard in front of every DROP DATABASE. */
export function assertShadowDatabaseName(name: string): void {
  if (!name.startsWith(SHADOW_DB_PREFIX) || name.length <= SHADOW_DB_PREFIX.length) {
    throw new SquashbaseError('INTERNAL', `Refusing to drop database ${JSON.stringify(name)}: only databases named ${SHADOW_DB_PREFIX}* are ever dropped.`);
  }
}

/** A new shadow database, or the pooled database `pooled` renamed to it. */
async function createShadowDatabase(server: ShadowServer, name: string, pooled?: string): Promise<void> {
  assertShadowDatabaseName(name);
  // A supabase/postgres image keeps its platform in the `postgres` database: copy that one.
  const template = server.vanilla ? 'template0' : 'postgres';
  const owner = `squashbase shadow; pid=${process.pid}; host=${hostname()}; created=${new Date().toISOString()}`;
  try {
    await withClient(server.vanilla ? server.admin : withDatabase(server.admin, 'template1'), async (c) => {
      if (pooled) await c.query(`ALTER DATABASE ${ident(pooled)} RENAME TO ${ident(name)}`);
      else await c.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)} ENCODING 'UTF8'`);
      await c.query(`COMMENT ON DATABASE ${ident(name)} IS ${literal(owner)}`);
    });
  } catch (err) {
    if (err instanceof SquashbaseError) throw err;
    throw new SquashbaseError('SHADOW_FAILED', `Could not create the shadow database ${name} on ${server.description}.`, {
      hint: 'The shadow user needs CREATEDB (a superuser is best).',
      cause: sanitizeCause(err),
    });
  }
}

/** Drop one shadow database (prefix asserted first; connections terminated). */
export async function dropShadowDatabase(admin: ConnectionTarget, name: string): Promise<void> {
  assertShadowDatabaseName(name);
  const maintenance = admin.config.database === name ? withDatabase(admin, 'postgres') : admin;
  await withClient(maintenance, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
  });
}

export interface ShadowDatabaseInfo {
  name: string;
  comment: string | null;
  /** True when its creator was a process on this host that no longer runs. */
  orphaned: boolean;
}

/** Shadow databases on a server (for `shadow gc`-style cleanup after a kill -9). */
export async function listShadowDatabases(admin: ConnectionTarget): Promise<ShadowDatabaseInfo[]> {
  return withClient(admin, async (c) => {
    const r = await c.query<{ name: string; comment: string | null }>(
      `SELECT d.datname AS name, pg_catalog.shobj_description(d.oid, 'pg_database') AS comment
       FROM pg_catalog.pg_database d WHERE starts_with(d.datname, $1) ORDER BY d.datname`,
      [SHADOW_DB_PREFIX],
    );
    return r.rows.map((row) => ({ ...row, orphaned: isOrphaned(row.comment) }));
  });
}

/** Drop orphaned shadow databases (only prefixed ones, only when their creator is gone). */
export async function gcShadowDatabases(admin: ConnectionTarget, opts: { apply: boolean }): Promise<string[]> {
  const orphans = (await listShadowDatabases(admin)).filter((d) => d.orphaned).map((d) => d.name);
  if (opts.apply) for (const name of orphans) await dropShadowDatabase(admin, name);
  return orphans;
}

function isOrphaned(comment: string | null): boolean {
  const m = comment ? /pid=(\d+); host=([^;]*); created=([^;]*)$/.exec(comment) : null;
  if (!m) return false;
  const created = Date.parse(m[3]!);
  if (m[2] !== hostname()) return Number.isFinite(created) && Date.now() - created > 24 * 3600_000;
  try {
    process.kill(Number(m[1]), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
