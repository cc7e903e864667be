import { addressOf, type ConnectionTarget, type DatabaseAddress } from '../../db/connection.js';
import { sanitizeCause, withClient, withReadOnlySnapshot } from '../../db/client.js';
import { SquashbaseError, isSquashbaseError } from '../../errors.js';
import { readCustomRoles, type CustomRoleDefinitions } from '../shadow-roles.js';
import { readExtensionMembers, type ExtensionMembers } from '../stand-ins/from-live.js';
import { dumpManagedSchemas, type ManagedDump } from './dump-managed.js';
import { readPlatformWith, type LivePlatform } from './read-live.js';
import type { ShadowOptions } from '../shadow.js';
import { readExtensionMemberNames, type ExtensionMemberName } from '../../introspect/queries/extension-member-names.js';

/**
 * Everything a shadow takes from a database it must never write — live, or the fresh project
 * of --pristine-url — read once per run, in one read-only snapshot, before any shadow starts.
 * Shadows get this data, never the connection: they hold no production credentials, and two
 * shadow databases do not read production twice.
 */
export interface PlatformCapture {
  /** Redacted description (warnings, reports). */
  display: string;
  /** Where it was read (no credentials). */
  address: DatabaseAddress;
  platform: LivePlatform;
  /** Members of each installed extension, for stand-ins of what the shadow server lacks. */
  extensionMembers: ReadonlyMap<string, ExtensionMembers>;
  /** schema.name of every extension member (pg_dump's second opinion leaves stand-ins' grants out). */
  extensionMemberNames: ExtensionMemberName[];
  /** The custom roles asked for, as the source defines them. */
  customRoles: CustomRoleDefinitions;
  /** pg_dump of the managed schemas, when asked for (a full clone): the dump or why there is none. */
  managedDump: { ok: true; dump: ManagedDump } | { ok: false; error: SquashbaseError } | null;
}

export interface CaptureOptions {
  /** Also pg_dump the managed schemas (a full clone; the overlay needs no dump). */
  dumpSchemas: boolean;
  /** Custom roles the shadow must create (shadow-roles.ts). */
  roles?: readonly string[];
}

export async function capturePlatform(source: ConnectionTarget, opts: CaptureOptions): Promise<PlatformCapture> {
  const read = await withClient(
    source,
    (client) =>
      withReadOnlySnapshot(client, async (c) => {
        // Pipelined: what does not depend on the platform's extension list is asked for with it,
        // and every extension's members at once, so a distant live costs two round trips, not ~80.
        const customRoles = readCustomRoles(c, opts.roles ?? []);
        customRoles.catch(() => undefined);
        const platform = await readPlatformWith(c);
        const names = platform.extensions.map((e) => e.name).filter((n) => n !== 'plpgsql');
        const reads = names.map((n) => [n, readExtensionMembers(c, n)] as const);
        const memberNames = readExtensionMemberNames(c, names);
        for (const r of [...reads.map(([, read]) => read), memberNames]) r.catch(() => undefined);
        const extensionMembers = new Map<string, ExtensionMembers>();
        for (const [n, read] of reads) extensionMembers.set(n, await read);
        return { platform, extensionMembers, extensionMemberNames: await memberNames, customRoles: await customRoles };
      }),
    { applicationName: 'squashbase/platform-capture', pipeline: true },
  );
  let managedDump: PlatformCapture['managedDump'] = null;
  if (opts.dumpSchemas) {
    try {
      managedDump = { ok: true, dump: await dumpManagedSchemas(source, read.platform) };
    } catch (err) {
      managedDump = { ok: false, error: isSquashbaseError(err) ? err : new SquashbaseError('SHADOW_FAILED', `pg_dump of the platform schemas failed: ${sanitizeCause(err).message}`, { cause: sanitizeCause(err) }) };
    }
  }
  return { display: source.display, address: addressOf(source), ...read, managedDump };
}

/** What a command asks of a shadow: the pristine project as a connection, captured before the shadow starts. */
export interface ShadowSourceRequest {
  /** 'live': full clone of live's managed schemas; 'pristine': from `pristine`, else the bundled model with live's roles, extensions and settings. */
  platformBase: 'live' | 'pristine';
  pristine?: ConnectionTarget;
  roles?: readonly string[];
  major: number;
}

export interface ShadowSources {
  live?: PlatformCapture;
  pristine?: PlatformCapture;
  /** Where live is, so a url shadow can refuse it even when its platform could not be read. */
  liveAddress?: DatabaseAddress;
  warnings: string[];
}

/**
 * Reads, once, what the shadow will take from live and from the pristine project. A source that
 * cannot be read leaves the shadow on the bundled model, with a warning, as a failed clone does.
 */
export async function captureShadowSources(live: ConnectionTarget | undefined, request: ShadowSourceRequest): Promise<ShadowSources> {
  const warnings: string[] = [];
  const attempt = async (source: ConnectionTarget, opts: CaptureOptions): Promise<PlatformCapture | undefined> => {
    try {
      return await capturePlatform(source, opts);
    } catch (err) {
      warnings.push(`Cloning the platform from ${source === live ? 'the live project' : `the pristine project ${source.display}`} failed (${isSquashbaseError(err) ? err.message : sanitizeCause(err).message}); using the bundled PG${request.major >= 17 ? 17 : 15} model instead.`);
      return undefined;
    }
  };
  const pristine = request.platformBase === 'pristine' && request.pristine ? await attempt(request.pristine, { dumpSchemas: true }) : undefined;
  const liveCapture = live ? await attempt(live, { dumpSchemas: request.platformBase === 'live', ...(request.roles ? { roles: request.roles } : {}) }) : undefined;
  return {
    ...(liveCapture ? { live: liveCapture } : {}),
    ...(pristine ? { pristine } : {}),
    ...(live ? { liveAddress: addressOf(live) } : {}),
    warnings,
  };
}

/** The shadow options the captured sources fill in (those that were read). */
export function sourceOptions(s: ShadowSources | undefined): Pick<ShadowOptions, 'live' | 'pristine' | 'liveAddress'> {
  return {
    ...(s?.live ? { live: s.live } : {}),
    ...(s?.pristine ? { pristine: s.pristine } : {}),
    ...(s?.liveAddress ? { liveAddress: s.liveAddress } : {}),
  };
}
