import { sameDatabase, type ConnectionTarget } from '../db/connection.js';
import { SquashbaseError } from '../errors.js';
import { rolesForShadow } from '../shadow/shadow-roles.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import type { MigrationSet } from '../migrations/discover.js';
import type { ShadowOptions, ShadowRequest } from '../shadow/shadow.js';
import { modelMajor } from '../shadow/platform-bootstrap.js';
import { computePlatformDelta } from './compute-delta.js';
import type { PlatformDelta, PristineSource } from './delta-types.js';

export interface ReadDeltaOptions {
  /** Live, inspected already (read once per run). */
  live: Snapshot;
  target: ConnectionTarget;
  set: MigrationSet;
  shadow: Omit<ShadowRequest, 'platformBase'>;
  onProgress?: (message: string) => void;
}

/** Where the pristine platform comes from, as the report and the baseline name it. */
export function pristineSourceOf(shadow: { pristine?: { display: string }; major: number }): PristineSource {
  return shadow.pristine
    ? { kind: 'url', description: shadow.pristine.display }
    : { kind: 'bundled', description: `squashbase's bundled PG${modelMajor(shadow.major)} platform model` };
}

/** --pristine-url must name a fresh project: live itself would make every change "pristine". */
export function assertPristineIsNotLive(pristine: ConnectionTarget | undefined, live: ConnectionTarget): void {
  if (pristine && sameDatabase(pristine.config, live.config)) {
    throw new SquashbaseError('USAGE', '--pristine-url points at the live database.', {
      hint: "Give a fresh project on live's platform release (nothing but the platform in it), or leave --pristine-url out to use the bundled model.",
    });
  }
}

/**
 * The platform delta for a baseline made outside parity (`baseline`, `consolidate`): one
 * shadow with two databases on the pristine platform, one left as it is and one with the
 * history replayed, compared with live's managed schemas. Nothing is written to live.
 * A project without Supabase's managed schemas has no delta (null).
 */
export async function readPlatformDelta(options: ReadDeltaOptions): Promise<PlatformDelta | null> {
  if (!options.live.platform.supabase) return null;
  const { withShadow } = await import('../shadow/shadow.js');
  const { inspectDatabase } = await import('../introspect/inspect.js');
  const { replayMigrations } = await import('../shadow/replay.js');
  const { captureShadowSources, sourceOptions } = await import('../shadow/clone/platform-capture.js');
  assertPristineIsNotLive(options.shadow.pristine, options.target);
  // As in parity: the roles live's schema uses, except those a migration creates itself.
  const roles = rolesForShadow(options.live, options.set);
  const { pristine, ...request } = options.shadow;
  const major = options.shadow.major ?? options.live.server.major;
  const sources = await captureShadowSources(options.target, { platformBase: 'pristine', major, roles, ...(pristine ? { pristine } : {}) });
  for (const w of sources.warnings) options.onProgress?.(`warning: ${w}`);
  const shadowOptions: ShadowOptions = {
    ...request,
    major,
    platformBase: 'pristine',
    ...sourceOptions(sources),
  };
  options.onProgress?.('platform delta: building the pristine platform and replaying the history in a shadow…');
  return withShadow(shadowOptions, async (shadow) => {
    const pristineSide = (async () => {
      const db = await shadow.createDatabase('pristine');
      try {
        return await inspectDatabase(db.target);
      } finally {
        await db.drop();
      }
    })();
    const historySide = (async () => {
      const db = await shadow.createDatabase('history');
      try {
        const replay = await replayMigrations(options.set.files, db.target, { recordHistory: true });
        return replay.ok ? await inspectDatabase(db.target) : null;
      } finally {
        await db.drop();
      }
    })();
    const [p, h] = await Promise.allSettled([pristineSide, historySide]);
    if (p.status === 'rejected') throw p.reason;
    if (h.status === 'rejected') throw h.reason;
    return computePlatformDelta({
      pristine: p.value.managed ?? [],
      live: options.live.managed ?? [],
      history: h.value?.managed ?? null,
      source: pristineSourceOf({ major, ...(pristine ? { pristine } : {}) }),
    });
  });
}
