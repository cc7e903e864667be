/**
 * The other pipeline stages parity drives, gathered in one place so runParity can be given
 * other implementations (tests, the demo) and so the seams are visible. Loaded lazily: the
 * CLI imports every command at start-up, and `squashbase --help` should not pay for them.
 */
import type { ConnectionTarget } from '../db/connection.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import type { InspectOptions } from '../introspect/inspect.js';
import type { ShadowOptions, Shadow } from '../shadow/shadow.js';
import type { MigrationSet } from '../migrations/discover.js';
import type { ReplayResult } from '../shadow/replay.js';
import type { PlatformDelta } from '../platform-delta/delta-types.js';
import type { PgDumpLiveOptions, PgDumpSecondOpinion } from './pg-dump-check.js';
import type { ShadowSourceRequest, ShadowSources } from '../shadow/clone/platform-capture.js';

export interface GeneratedBaseline {
  sql: string;
  fileName: string;
  warnings: string[];
}

export interface ParityStages {
  inspect(target: ConnectionTarget, options?: Pick<InspectOptions, 'onServerVersion'>): Promise<Snapshot>;
  /** Live's platform (and the pristine project's), read once before the shadow starts. */
  captureSources(live: ConnectionTarget, request: ShadowSourceRequest): Promise<ShadowSources>;
  withShadow<T>(options: ShadowOptions, fn: (shadow: Shadow) => Promise<T>): Promise<T>;
  discover(workdir: string): Promise<MigrationSet>;
  replay(set: MigrationSet, target: ConnectionTarget): Promise<ReplayResult>;
  /** Generate a baseline from live (pure). `meta` only reaches the file's header comment. */
  generate(live: Snapshot, set: MigrationSet, meta: { runId: string; generatedAt: string; source: string }, platform?: { delta: PlatformDelta; carry: boolean }): Promise<GeneratedBaseline>;
  apply(sql: string, target: ConnectionTarget): Promise<void>;
  /** pg_dump --schema-only of live (started now) vs the baseline-built database (the second opinion). */
  pgDump(o: PgDumpLiveOptions): Promise<PgDumpSecondOpinion>;
}

export const DEFAULT_STAGES: ParityStages = {
  inspect: async (target, options) => (await import('../introspect/inspect.js')).inspectDatabase(target, options),
  captureSources: async (live, request) => (await import('../shadow/clone/platform-capture.js')).captureShadowSources(live, request),
  withShadow: async (options, fn) => (await import('../shadow/shadow.js')).withShadow(options, fn),
  discover: async (workdir) => (await import('../migrations/discover.js')).discoverMigrations(workdir),
  // Record history rows like `supabase db push`: live has supabase_migrations too.
  replay: async (set, target) => (await import('../shadow/replay.js')).replayMigrations(set.files, target, { recordHistory: true }),
  generate: async (live, set, meta, platform) => {
    const { generateBaseline } = await import('../baseline/generate-baseline.js');
    const { defaultBaselineVersion } = await import('../baseline/version.js');
    const versions = set.files.map((f) => f.version);
    // Deterministic: one past the newest file (the epoch as "now" never wins), not the clock.
    const version = defaultBaselineVersion(versions, new Date(0));
    const r = generateBaseline(live, {
      version,
      consolidates: versions,
      source: meta.source,
      runId: meta.runId,
      generatedAt: meta.generatedAt,
      ...(platform ? { platformDelta: platform.delta, carryPlatformDelta: platform.carry } : {}),
    });
    return { sql: r.sql, fileName: r.fileName, warnings: r.warnings };
  },
  // Secrets get placeholders: the shadow needs the servers and mappings, never the real keys.
  apply: async (sql, target) => (await import('../baseline/apply-baseline.js')).applyBaseline(sql, target, { secretPlaceholders: true }),
  pgDump: async (o) => (await import('./pg-dump-check.js')).startPgDumpSecondOpinion(o),
};
