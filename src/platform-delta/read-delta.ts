import { sameDatabase, type ConnectionTarget } from '../db/connection.js';
import { SquashbaseError } from '../errors.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import type { ShadowRequest } from '../shadow/shadow.js';
import type { MigrationSet } from '../migrations/discover.js';
import { modelMajor } from '../shadow/platform-bootstrap.js';
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
 * The platform delta for a baseline made outside parity (`baseline`, `inspect --platform-delta`):
 * parity's own shadow pipeline (parity/shadow-sides.ts) without the baseline — the pristine
 * platform inspected, the history replayed, both compared with live's managed schemas. Nothing
 * is written to live. A project without Supabase's managed schemas has no delta (null).
 */
export async function readPlatformDelta(options: ReadDeltaOptions): Promise<PlatformDelta | null> {
  if (!options.live.platform.supabase) return null;
  const { buildShadowSides } = await import('../parity/shadow-sides.js');
  const { DEFAULT_STAGES } = await import('../parity/stages.js');
  options.onProgress?.('platform delta: building the pristine platform and replaying the history in a shadow…');
  const sides = await buildShadowSides({
    target: options.target,
    live: options.live,
    set: options.set,
    shadow: { ...options.shadow, platformBase: 'pristine' },
    stages: DEFAULT_STAGES,
    progress: () => undefined,
    warn: (w) => options.onProgress?.(`warning: ${w}`),
  });
  return sides.delta;
}
