import { addressOf, type ConnectionTarget } from '../db/connection.js';
import { sanitizeCause } from '../db/client.js';
import { isPgError, isSquashbaseError } from '../errors.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import type { MigrationSet } from '../migrations/discover.js';
import type { Shadow, ShadowDatabase, ShadowOptions, ShadowRequest } from '../shadow/shadow.js';
import type { ReplayResult } from '../shadow/replay.js';
import { assertPristineIsNotLive, pristineSourceOf } from '../platform-delta/read-delta.js';
import { computePlatformDelta } from '../platform-delta/compute-delta.js';
import type { PlatformDelta } from '../platform-delta/delta-types.js';
import { rolesForShadow } from '../shadow/shadow-roles.js';
import { sourceOptions, type PlatformCapture } from '../shadow/clone/platform-capture.js';
import type { ExtensionMemberName } from '../introspect/queries/extension-member-names.js';
import type { PgDumpCheck, PgDumpSecondOpinion } from './pg-dump-check.js';
import type { ParityStages } from './stages.js';

export type SidesProgressStage = 'shadow' | 'replay' | 'inspect-shadow' | 'apply-baseline' | 'compare';

export interface LoadedBaseline {
  sql: string;
  fileName: string;
  source: 'file' | 'generated';
}

export interface ShadowSidesInput {
  target: ConnectionTarget;
  /** Live, inspected (read once per run), or still being inspected. */
  live: Snapshot | Promise<Snapshot>;
  /** Live's major as soon as the inspection knows it (before the snapshot is complete). */
  liveMajor?: Promise<number>;
  set: MigrationSet;
  shadow: ShadowRequest;
  stages: ParityStages;
  progress: (stage: SidesProgressStage, message: string) => void;
  /** Capture and shadow warnings, as they are known. */
  warn: (message: string) => void;
  /** The baseline for B, given the delta measured in this shadow; omitted: the delta only. */
  baselineFor?: (delta: PlatformDelta) => Promise<LoadedBaseline>;
}

export interface BuiltSide {
  snapshot: Snapshot | null;
  standIns: { extension: string; source: string; objects: number }[];
  warnings: string[];
}

export interface HistorySide extends BuiltSide {
  replay: ReplayResult | null;
}

export interface BaselineSide extends BuiltSide {
  baseline: LoadedBaseline;
  /** Why the baseline did not apply (baseline_failed), else null. */
  error: string | null;
  pgDump: PgDumpCheck | null;
}

export interface ShadowSides {
  shadow: { provider: string; version: string; major: number };
  shadowWarnings: string[];
  history: HistorySide;
  /** B before the baseline: the pristine platform. */
  pristine: Snapshot;
  delta: PlatformDelta;
  /** B with the baseline applied (null when no baseline was asked for). */
  baseline: BaselineSide | null;
}

/**
 * The shadow half of the one pipeline, shared by parity (and so consolidate and the demo) and by
 * the platform delta a baseline made outside parity needs (`baseline`, `inspect --platform-delta`).
 * Live's platform is captured once; one shadow server holds two databases on the pristine platform:
 *  - H: the history replayed (like `supabase db push`), then inspected;
 *  - B: inspected first (the pristine platform P the delta is measured from), then — when a
 *    baseline is asked for — the baseline applied, inspected, and pg_dump'ed beside live.
 * Both databases are dropped before the shadow is released, whatever fails.
 */
export function buildShadowSides(input: ShadowSidesInput & Required<Pick<ShadowSidesInput, 'baselineFor'>>): Promise<ShadowSides & { baseline: BaselineSide }>;
export function buildShadowSides(input: ShadowSidesInput): Promise<ShadowSides>;
export async function buildShadowSides(input: ShadowSidesInput): Promise<ShadowSides> {
  const { target, set, stages, progress } = input;
  const { pristine: pristineTarget, ...request } = input.shadow;
  assertPristineIsNotLive(pristineTarget, target);
  const liveRead = Promise.resolve(input.live);
  // The server starts as soon as live's major is known; live's platform is captured meanwhile.
  // (If the inspection fails first, so does this: no shadow is started for an unreadable live.)
  const snapshotMajor = liveRead.then((l) => l.server.major);
  const major = input.shadow.major ?? (await Promise.race(input.liveMajor ? [input.liveMajor, snapshotMajor] : [snapshotMajor]));
  const captured = (async () => {
    const live = await liveRead;
    // Roles live's schema uses come from live's catalog, except those a migration creates itself
    // (the baseline is applied after the history replay anyway: the platform delta needs it).
    const roles = rolesForShadow(live, set);
    // A live without Supabase's managed schemas has no platform to be pristine about: clone it (nothing).
    const platformBase = input.shadow.platformBase ?? (live.platform.supabase ? 'pristine' : 'live');
    // Live's platform is read once, here: the shadows get the data, never live's connection.
    const sources = await stages.captureSources(target, { platformBase, major, roles, ...(pristineTarget ? { pristine: pristineTarget } : {}) });
    for (const w of sources.warnings) input.warn(w);
    return { live, sources, platformBase };
  })();
  // Awaited inside the shadow (and by withShadow); a shadow that fails to start must not leave it unhandled.
  captured.catch(() => undefined);
  const shadowOptions: ShadowOptions = {
    ...request,
    major,
    liveAddress: addressOf(target),
    platformLater: captured.then(({ sources, platformBase }) => ({ platformBase, ...sourceOptions(sources) })),
  };
  const pristineSource = pristineSourceOf({ major, ...(pristineTarget ? { pristine: pristineTarget } : {}) });
  progress('shadow', `Starting the shadow (${shadowOptions.provider}, PostgreSQL ${shadowOptions.major})…`);
  return stages.withShadow(shadowOptions, async (shadow) => {
    const { live, sources } = await captured;
    const historyBuilt = buildHistory(shadow, set, stages, progress);
    // The delta needs the pristine platform (B before the baseline) and the history.
    const deltaFor = async (pristine: Snapshot): Promise<PlatformDelta> => {
      const h = await historyBuilt;
      if (!live.platform.supabase) return { pristine: pristineSource, historyCompared: h.snapshot !== null, items: [] };
      return computePlatformDelta({ pristine: pristine.managed ?? [], live: live.managed ?? [], history: h.snapshot?.managed ?? null, source: pristineSource });
    };
    const pgDumpFor = (delta: PlatformDelta) =>
      stages.pgDump({
        live: target,
        snapshot: live,
        excludeManaged: delta.items.some((i) => i.origin === 'version'),
        ...(sources.live ? { liveMembers: membersFrom(sources.live) } : {}),
      });
    // allSettled, not all: each side drops its own database before the shadow is released.
    const [h, b] = await Promise.allSettled([historyBuilt, buildBaseline(shadow, stages, progress, deltaFor, input.baselineFor, pgDumpFor)]);
    if (h.status === 'rejected') throw h.reason;
    if (b.status === 'rejected') throw b.reason;
    return {
      shadow: { provider: shadow.provider, version: shadow.serverVersion, major: shadow.major },
      shadowWarnings: [...shadow.warnings],
      history: h.value,
      ...b.value,
    };
  });
}

async function buildHistory(shadow: Shadow, set: MigrationSet, stages: ParityStages, progress: ShadowSidesInput['progress']): Promise<HistorySide> {
  const db = await shadow.createDatabase('history');
  try {
    progress('replay', `Replaying ${set.files.length} migration files in a shadow database…`);
    const replay = await stages.replay(set, db.target);
    let snapshot: Snapshot | null = null;
    if (replay.ok) {
      progress('inspect-shadow', 'Inspecting the replayed history…');
      snapshot = await stages.inspect(db.target);
    }
    return { snapshot, replay, standIns: await standInsOf(db), warnings: db.warnings };
  } finally {
    await db.drop();
  }
}

type BaselineDatabase = Pick<ShadowSides, 'pristine' | 'delta' | 'baseline'>;

async function buildBaseline(
  shadow: Shadow,
  stages: ParityStages,
  progress: ShadowSidesInput['progress'],
  deltaFor: (pristine: Snapshot) => Promise<PlatformDelta>,
  baselineFor: ShadowSidesInput['baselineFor'],
  pgDumpFor: (delta: PlatformDelta) => Promise<PgDumpSecondOpinion>,
): Promise<BaselineDatabase> {
  const db = await shadow.createDatabase('baseline');
  try {
    // Before the baseline, this database is the pristine platform the delta is measured from.
    const pristine = await stages.inspect(db.target);
    const delta = await deltaFor(pristine);
    const before = { pristine, delta };
    if (!baselineFor) return { ...before, baseline: null };
    // Live's pg_dump needs only the delta: it runs while the baseline is made, applied and inspected.
    const secondOpinion = pgDumpFor(delta);
    secondOpinion.catch(() => undefined); // awaited by the comparison, or settled below
    try {
      const baseline = await baselineFor(delta);
      progress('apply-baseline', 'Applying the baseline to a fresh shadow database…');
      try {
        await stages.apply(baseline.sql, db.target);
      } catch (err) {
        // A baseline that does not apply is a verdict (baseline_failed), not a crash.
        if (!isSquashbaseError(err, 'BASELINE_FAILED') && !isPgError(err)) throw err;
        const message = isSquashbaseError(err) ? err.message : sanitizeCause(err).message;
        return { ...before, baseline: { baseline, snapshot: null, error: message, standIns: await standInsOf(db), warnings: db.warnings, pgDump: null } };
      }
      progress('inspect-shadow', 'Inspecting the baseline-built database…');
      const snapshot = await stages.inspect(db.target);
      progress('compare', 'pg_dump --schema-only of live and of the baseline-built database (second opinion)…');
      const standIns = await standInsOf(db);
      const pgDump = await (await secondOpinion).compare(db.target, standIns.map((s) => s.extension));
      return { ...before, baseline: { baseline, snapshot, error: null, standIns, warnings: db.warnings, pgDump } };
    } finally {
      await secondOpinion.then((o) => o.settle(), () => undefined);
    }
  } finally {
    await db.drop();
  }
}

/** Stand-ins installed now: migrations (or the baseline) may have created more than the bootstrap did. */
async function standInsOf(db: ShadowDatabase): Promise<BuiltSide['standIns']> {
  const list = await db.currentStandIns().catch(() => db.standIns);
  return list.map((s) => ({ extension: s.extension, source: s.source, objects: s.objects })).sort((a, b) => (a.extension < b.extension ? -1 : a.extension > b.extension ? 1 : 0));
}

/** Live's extension members as captured: the second opinion does not read live for them. */
function membersFrom(capture: PlatformCapture): (extensions: string[]) => ExtensionMemberName[] {
  return (extensions) => capture.extensionMemberNames.filter((m) => extensions.includes(m.extension));
}
