import { readFile } from 'node:fs/promises';
import { ident } from '../sql/ident.js';
import type { ConnectionTarget } from '../db/connection.js';
import type { PlatformCapture } from './clone/platform-capture.js';
import { withClient, sanitizeCause, type Client } from '../db/client.js';
import { SquashbaseError, isPgError, isSquashbaseError } from '../errors.js';
import { PLATFORM_EXTENSION_SCHEMA, platformDefaultStandIns } from './stand-ins/catalog.js';
import { installBundledStandIn, makeStandInsAvailable, type StandIn } from './stand-ins/install.js';

export type { StandIn } from './stand-ins/install.js';

/**
 * Make a fresh database look like a Supabase project's platform before user migrations run:
 * roles, auth/storage/realtime, grants, default privileges, the realtime publication, and the
 * default extensions vanilla PostgreSQL lacks (as reported stand-ins). With `live`, the
 * platform part is cloned from the live project (read-only there); if that fails, the bundled
 * model is used and a warning says so.
 */
export interface BootstrapOptions {
  major: number;
  /** The source's platform, captured once per run (live's, or the pristine project's). */
  live?: PlatformCapture;
  /**
   * With `live`: false skips the pg_dump clone of the managed schemas and takes only roles,
   * default privileges, extensions, publication options and settings from live (overlay).
   */
  cloneSchemas?: boolean;
  /** Called with warnings as they happen (they are also returned). */
  onWarning?: (message: string) => void;
  /**
   * The database comes from the platform pool (platform-pool.ts): the bundled model is applied
   * already, with these stand-ins. Only for a bootstrap that does not clone live's schemas.
   */
  pooled?: { model: string; standIns: StandIn[] };
}

export interface BootstrapResult {
  source: 'live' | 'bundled';
  /** Stand-ins installed in the database now. */
  standIns: StandIn[];
  /** Stand-ins a migration may CREATE EXTENSION (not installed). */
  available: string[];
  warnings: string[];
  /** When the bundled model was overlaid with parts of live's platform: which parts. */
  liveOverlay?: string[];
  /** The bundled model file used (when source is 'bundled'). */
  model?: string;
  durationMs: number;
}

export async function bootstrapPlatform(target: ConnectionTarget, opts: BootstrapOptions): Promise<BootstrapResult> {
  const started = Date.now();
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    opts.onWarning?.(m);
  };
  let overlay = false;
  if (opts.live) {
    if (opts.cloneSchemas === false) {
      overlay = true;
    } else {
      try {
        const { cloneFromLive } = await import('./platform-clone.js');
        const cloned = await cloneFromLive(target, opts.live, { major: opts.major, onWarning: warn });
        return { source: 'live', standIns: cloned.standIns, available: cloned.available, warnings, durationMs: Date.now() - started };
      } catch (err) {
        const { NO_PG_DUMP } = await import('./clone/dump-managed.js');
        if (isSquashbaseError(err) && err.details?.['reason'] === NO_PG_DUMP) {
          overlay = true;
          warn(`${err.message} The managed schemas (auth, storage, realtime, …) come from the bundled PG${modelMajor(opts.major)} model; roles, default privileges, platform extensions, publication options and settings are cloned from live.`);
        } else {
          warn(`Cloning the platform from the live project failed (${isSquashbaseError(err) ? err.message : sanitizeCause(err).message}); using the bundled PG${modelMajor(opts.major)} model instead.`);
        }
        // The clone's database changes ran in one transaction that was rolled back; roles it created are harmless.
      }
    }
  }
  const pooled = opts.pooled;
  const result = await withClient(target, async (client) => (pooled ? pooledPlatform(client, pooled, warn) : applyBundledPlatform(client, opts.major, warn)));
  if (overlay && opts.live) {
    try {
      const { overlayLivePlatform } = await import('./clone/overlay.js');
      const o = await overlayLivePlatform(target, opts.live, { major: opts.major, onWarning: warn });
      return {
        ...result,
        standIns: o.standIns,
        available: [...new Set([...result.available, ...o.available])].sort(),
        liveOverlay: o.parts,
        source: 'bundled',
        warnings,
        durationMs: Date.now() - started,
      };
    } catch (err) {
      warn(`Taking roles and default privileges from live failed (${isSquashbaseError(err) ? err.message : sanitizeCause(err).message}); the bundled model is used as is.`);
    }
  }
  return { ...result, source: 'bundled', warnings, durationMs: Date.now() - started };
}

/** The bundled model used for a major: 17 for 17+, 15 below. */
export function modelMajor(major: number): number {
  return major >= 17 ? 17 : 15;
}

/** The PG15 model, plus the PG17 image's differences (templates/platform/supabase-17-delta.sql) for 17+. */
export async function bundledModelSql(major: number): Promise<string> {
  const base = await readFile(new URL('../../templates/platform/supabase-15.sql', import.meta.url), 'utf8');
  if (modelMajor(major) === 15) return base;
  const delta = await readFile(new URL('../../templates/platform/supabase-17-delta.sql', import.meta.url), 'utf8');
  return `${base}\n${delta}`;
}

async function applyBundledPlatform(client: Client, major: number, warn: (m: string) => void): Promise<Omit<BootstrapResult, 'source' | 'warnings' | 'durationMs'>> {
  const model = modelMajor(major) === 15 ? 'templates/platform/supabase-15.sql' : 'templates/platform/supabase-15.sql + supabase-17-delta.sql';
  try {
    const sql = await bundledModelSql(major);
    // One simple-query string runs as one transaction, so a retry starts clean. Retries cover
    // shadows bootstrapping concurrently on one server: roles and memberships are cluster-wide
    // and two CREATE ROLE/GRANT of the same name can collide (23505, "tuple concurrently updated").
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(sql);
        break;
      } catch (err) {
        if (attempt >= 5 || !(isPgError(err, '23505') || isPgError(err, 'XX000') || isPgError(err, '42710') || isPgError(err, '40P01'))) throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  } catch (err) {
    throw new SquashbaseError('SHADOW_FAILED', `The bundled Supabase platform model (${model}) did not apply to the shadow database.`, {
      hint: 'The shadow must be a fresh database on a server where squashbase connects as a superuser.',
      cause: sanitizeCause(err),
    });
  }
  // Supabase gives postgres `search_path "$user", public, extensions`; migrations rely on it
  // (uuid_generate_v4() unqualified). Scoped to this database, so a shared server is untouched.
  await client.query(`DO $sb$ BEGIN EXECUTE pg_catalog.format('ALTER DATABASE %I SET search_path TO "$user", public, extensions', pg_catalog.current_database()); END $sb$`);
  // storage.protect_delete() (storage-api 0055) refuses DELETE on storage.objects/buckets unless
  // the Storage API allows it. Histories ran such deletes before the guard existed; a replay
  // must reproduce them, so the shadow database runs with the API's permission.
  await client.query(`DO $sb$ BEGIN EXECUTE pg_catalog.format('ALTER DATABASE %I SET storage.allow_delete_query TO %L', pg_catalog.current_database(), 'true'); END $sb$`);
  const availability = await standInAvailability(client, warn);
  const standIns: StandIn[] = [];
  for (const ext of platformDefaultStandIns(major)) {
    if (availability.real.includes(ext)) {
      // The server has the real extension (e.g. a supabase/postgres shadow): use it, no stand-in.
      await client.query(`SET ROLE supabase_admin`);
      try {
        // WITH SCHEMA needs the schema to exist; an extension whose control file fixes its own
        // schema (pg_graphql → graphql, supabase_vault → vault) creates it when none is named.
        const schema = PLATFORM_EXTENSION_SCHEMA[ext] ?? 'extensions';
        const exists = (await client.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;
        await client.query(`CREATE EXTENSION IF NOT EXISTS ${ident(ext)}${exists ? ` WITH SCHEMA ${ident(schema)}` : ''}`);
      } finally {
        await client.query('RESET ROLE');
      }
      continue;
    }
    standIns.push(await installBundledStandIn(client, ext, PLATFORM_EXTENSION_SCHEMA[ext], availability.dir, 'supabase_admin'));
  }
  return { standIns, available: availability.available, model };
}

/** A pooled database has the model and its stand-ins; a migration's CREATE EXTENSION still needs the others available. */
async function pooledPlatform(client: Client, pooled: { model: string; standIns: StandIn[] }, warn: (m: string) => void): Promise<Omit<BootstrapResult, 'source' | 'warnings' | 'durationMs'>> {
  const availability = await standInAvailability(client, warn);
  return { standIns: pooled.standIns, available: availability.available, model: pooled.model };
}

async function standInAvailability(client: Client, warn: (m: string) => void): ReturnType<typeof makeStandInsAvailable> {
  const availability = await makeStandInsAvailable(client);
  if (!availability.dir) {
    warn('The shadow server\'s extension directory is not writable from here: platform extensions are emulated as plain objects, and a migration\'s CREATE EXTENSION of pg_cron, vector, … will fail.');
  }
  return availability;
}
