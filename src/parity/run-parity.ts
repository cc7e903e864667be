import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConnectionTarget } from '../db/connection.js';
import { sanitizeCause } from '../db/client.js';
import { isPgError, isSquashbaseError, SquashbaseError } from '../errors.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import type { MigrationSet } from '../migrations/discover.js';
import type { Shadow, ShadowDatabase, ShadowOptions, ShadowRequest } from '../shadow/shadow.js';
import type { ReplayResult } from '../shadow/replay.js';
import type { ParityReport, ReportReplayFile, ReportStandIn, ReportWarning } from './report-model.js';
import { writeReports, type ReportFormat } from '../reports/write-reports.js';
import { newRunId } from '../util/run-id.js';
import { buildParityReport } from './build-report.js';
import { DEFAULT_STAGES, type ParityStages } from './stages.js';
import { historyFiles } from './history-files.js';
import { assertPristineIsNotLive, pristineSourceOf } from '../platform-delta/read-delta.js';
import { computePlatformDelta } from '../platform-delta/compute-delta.js';
import { liveForComparison, relevantManagedIds, withManaged } from '../platform-delta/managed-comparison.js';
import { reportDelta } from '../platform-delta/report-delta.js';
import type { PgDumpCheck } from './pg-dump-check.js';
import { userItems, type PlatformDelta } from '../platform-delta/delta-types.js';
import { rolesForShadow } from '../shadow/shadow-roles.js';
import { sourceOptions, type PlatformCapture } from '../shadow/clone/platform-capture.js';
import type { ExtensionMemberName } from '../introspect/queries/extension-member-names.js';

/**
 * `squashbase parity`: three snapshots and two comparisons.
 *  - L: live, inspected read-only.
 *  - H: the migration history replayed (like `supabase db push`) in a fresh platform shadow database.
 *  - B: the baseline (--baseline FILE, else generated from L now) applied to another fresh one.
 * fidelity = compare(L, B) must be identical; drift = compare(L, H) shows what production
 * has that its migrations do not (or the reverse). H and B are databases of one shadow server,
 * both on the pristine platform; B's database, inspected before the baseline, is the pristine
 * snapshot P the platform delta is measured from, so the baseline is applied once H is built.
 * Managed-schema objects that differ from P are compared too, and pg_dump gives a second
 * opinion on L vs B. Returns the report (and writes it when `reportDir` is set); the verdict's
 * exitCode says how the CLI should exit.
 */
export interface RunParityOptions {
  target: ConnectionTarget;
  /** Project root holding supabase/migrations. */
  workdir: string;
  /** A baseline SQL file to check instead of generating one from live. */
  baselineFile?: string;
  /** Or the baseline itself (consolidate: check exactly the SQL it is about to write). */
  baselineSql?: { sql: string; fileName: string };
  /**
   * Or a maker of it, given the platform delta this run measures (null when live has no managed
   * schemas): consolidate checks the baseline it will write, made in this very shadow, so the
   * history is replayed once per run.
   */
  baselineFrom?: (delta: PlatformDelta | null) => Promise<{ sql: string; fileName: string }>;
  /** Live snapshot already taken (read-only, same run): skips inspecting live again. */
  liveSnapshot?: Snapshot;
  /** The migrations already read this run (consolidate); default: read the workdir's. */
  migrations?: MigrationSet;
  /**
   * Shadow provider; `major` defaults to live's. The shadows start from the pristine platform
   * (`pristine`, else the bundled model with live's roles and extensions), captured once.
   */
  shadow: ShadowRequest;
  allowDrift?: boolean;
  /** false: the generated baseline leaves the user's platform changes out (--no-platform-delta). */
  platformDelta?: boolean;
  /** Directory for the reports; omit to not write any. */
  reportDir?: string;
  formats?: readonly ReportFormat[];
  onProgress?: (event: ParityProgress) => void;
  /** Replace pipeline stages (tests); defaults to the real ones. */
  stages?: Partial<ParityStages>;
}

export interface ParityProgress {
  stage: 'inspect-live' | 'discover' | 'baseline' | 'shadow' | 'replay' | 'apply-baseline' | 'inspect-shadow' | 'compare' | 'write';
  message: string;
}

export interface RunParityResult {
  report: ParityReport;
  /** Absolute paths of the written report files (empty when reportDir was not given). */
  reportPaths: string[];
}

export async function runParity(options: RunParityOptions): Promise<RunParityResult> {
  const stages: ParityStages = { ...DEFAULT_STAGES, ...options.stages };
  const progress = (stage: ParityProgress['stage'], message: string) => options.onProgress?.({ stage, message });
  const started = new Date();
  const t0 = performance.now();
  const runId = newRunId(started);
  const workdir = resolve(options.workdir);
  const warnings: ReportWarning[] = [];

  let live: Snapshot;
  if (options.liveSnapshot) live = options.liveSnapshot;
  else {
    progress('inspect-live', `Inspecting live ${options.target.display} (read-only)…`);
    live = await stages.inspect(options.target);
  }

  let discovered: MigrationSet;
  if (options.migrations) discovered = options.migrations;
  else {
    progress('discover', 'Reading supabase/migrations…');
    discovered = await stages.discover(workdir);
  }
  for (const w of discovered.warnings ?? []) warnings.push({ source: 'migrations', message: w });
  const { set, excluded } = historyFiles(discovered, options.baselineFile ? resolve(options.workdir, options.baselineFile) : undefined);
  for (const e of excluded) warnings.push({ source: 'migrations', message: `${e.fileName} left out of the history replay: ${e.reason}.` });

  // A file given (or consolidate's exact SQL) is read now; a generated one waits for the
  // platform delta, which needs the replayed history.
  const given = await loadGivenBaseline(options, progress);
  const meta = { runId, generatedAt: started.toISOString(), source: options.target.display };
  const carryDelta = options.platformDelta !== false;

  // Roles live's schema uses come from live's catalog, except those a migration creates itself
  // (the baseline is applied after the history replay anyway: the platform delta needs it).
  const roles = rolesForShadow(live, set);
  const { pristine: pristineTarget, ...request } = options.shadow;
  assertPristineIsNotLive(pristineTarget, options.target);
  const major = options.shadow.major ?? live.server.major;
  // A live without Supabase's managed schemas has no platform to be pristine about: clone it (nothing).
  const platformBase = options.shadow.platformBase ?? (live.platform.supabase ? 'pristine' : 'live');
  // Live's platform is read once, here: the shadows get the data, never live's connection.
  const sources = await stages.captureSources(options.target, { platformBase, major, roles, ...(pristineTarget ? { pristine: pristineTarget } : {}) });
  for (const w of sources.warnings) warnings.push({ source: 'shadow', message: w });
  const shadowOptions: ShadowOptions = {
    ...request,
    major,
    platformBase,
    ...sourceOptions(sources),
  };
  const pristineSource = pristineSourceOf({ major, ...(pristineTarget ? { pristine: pristineTarget } : {}) });
  progress('shadow', `Starting the shadow (${shadowOptions.provider}, PostgreSQL ${shadowOptions.major})…`);
  const built = await stages.withShadow(shadowOptions, async (shadow) => {
    const historyBuilt = buildHistory(shadow, set, stages, progress);
    // The delta needs the pristine platform (the baseline database before the baseline) and the history.
    const deltaFor = async (pristine: Snapshot) => {
      const h = await historyBuilt;
      if (!live.platform.supabase) return { pristine: pristineSource, historyCompared: h.snapshot !== null, items: [] };
      return computePlatformDelta({ pristine: pristine.managed ?? [], live: live.managed ?? [], history: h.snapshot?.managed ?? null, source: pristineSource });
    };
    const pgDumpFor = (built: ConnectionTarget, delta: PlatformDelta, standIns: string[]) =>
      stages.pgDump({
        live: options.target,
        built,
        snapshot: live,
        excludeManaged: delta.items.some((i) => i.origin === 'version'),
        standIns,
        ...(sources.live ? { liveMembers: membersFrom(sources.live) } : {}),
      });
    const sqlFor = async (delta: PlatformDelta): Promise<LoadedBaseline> => {
      if (given) return given;
      progress('baseline', 'Generating a baseline from live…');
      if (options.baselineFrom) {
        const made = await options.baselineFrom(live.platform.supabase ? delta : null);
        return { sql: made.sql, fileName: made.fileName, source: 'generated' };
      }
      const g = await stages.generate(live, set, meta, { delta, carry: carryDelta });
      for (const w of g.warnings) warnings.push({ source: 'baseline', message: w });
      return { sql: g.sql, fileName: g.fileName, source: 'generated' };
    };
    // allSettled, not all: each side drops its own database before the shadow is released.
    const [h, b] = await Promise.allSettled([historyBuilt, buildBaseline(shadow, stages, progress, deltaFor, sqlFor, pgDumpFor)]);
    if (h.status === 'rejected') throw h.reason;
    if (b.status === 'rejected') throw b.reason;
    const history = h.value;
    const baselineBuilt = b.value;
    return {
      shadow: { provider: shadow.provider, version: shadow.serverVersion, major: shadow.major },
      shadowWarnings: [...shadow.warnings],
      history,
      baselineBuilt,
    };
  });
  const baseline = built.baselineBuilt.baseline;
  const delta = built.baselineBuilt.delta;

  const standIns: ReportStandIn[] = [
    ...built.history.standIns.map((s) => ({ database: 'history' as const, extension: s.extension, source: s.source, objects: s.objects })),
    ...built.baselineBuilt.standIns.map((s) => ({ database: 'baseline' as const, extension: s.extension, source: s.source, objects: s.objects })),
  ];
  for (const w of built.shadowWarnings) warnings.push({ source: 'shadow', message: w });
  for (const w of built.history.warnings) if (!built.shadowWarnings.includes(w)) warnings.push({ source: 'shadow', message: w });
  for (const w of built.baselineBuilt.warnings) if (!built.history.warnings.includes(w) && !built.shadowWarnings.includes(w)) warnings.push({ source: 'shadow', message: w });

  progress('compare', 'Comparing live with the baseline and with the history…');
  // Managed schemas are compared where anything differs from the pristine platform.
  const managedIds = relevantManagedIds(delta, built.baselineBuilt.pristine.managed ?? [], [live.managed, built.history.snapshot?.managed, built.baselineBuilt.snapshot?.managed]);
  const leftOut = new Set(carryDelta ? [] : userItems(delta).map((i) => i.id));
  const report = buildParityReport({
    runId,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: performance.now() - t0,
    target: options.target.display,
    live: withManaged(liveForComparison(live, delta), managedIds),
    history: built.history.snapshot ? withManaged(built.history.snapshot, managedIds) : null,
    baseline: built.baselineBuilt.snapshot ? withManaged(built.baselineBuilt.snapshot, managedIds) : null,
    // What --no-platform-delta leaves out is not compared with the baseline (it is listed).
    baselineExclude: leftOut,
    pgDump: built.baselineBuilt.pgDump,
    platformDelta: reportDelta(delta, built.baselineBuilt.snapshot?.managed ?? null, leftOut),
    shadow: built.shadow,
    versionMismatchAllowed: options.shadow.allowVersionMismatch === true,
    migrations: {
      dir: relative(workdir, set.dir).split('\\').join('/') || '.',
      files: set.files.map((f) => ({ version: f.version, name: f.name, fileName: f.fileName, sha256: f.sha256, bytes: f.bytes.length })),
      skipped: set.skipped,
    },
    replay: built.history.replay ? { ok: built.history.replay.ok, files: built.history.replay.files.map(reportReplayFile) } : null,
    baselineInfo: {
      source: baseline.source,
      fileName: baseline.fileName,
      sha256: createHash('sha256').update(baseline.sql).digest('hex'),
      bytes: Buffer.byteLength(baseline.sql),
      applied: built.baselineBuilt.error === null,
      error: built.baselineBuilt.error,
    },
    standIns,
    warnings,
    allowDrift: options.allowDrift === true,
  });

  let reportPaths: string[] = [];
  if (options.reportDir) {
    progress('write', `Writing reports to ${options.reportDir}…`);
    reportPaths = await writeReports(report, options.reportDir, options.formats);
  }
  return { report, reportPaths };
}

interface LoadedBaseline {
  sql: string;
  fileName: string;
  source: 'file' | 'generated';
}

async function loadGivenBaseline(options: RunParityOptions, progress: (stage: ParityProgress['stage'], message: string) => void): Promise<LoadedBaseline | null> {
  if (options.baselineSql) return { sql: options.baselineSql.sql, fileName: options.baselineSql.fileName, source: 'file' };
  if (!options.baselineFile) return null;
  const path = resolve(options.workdir, options.baselineFile);
  progress('baseline', `Reading the baseline ${path}…`);
  try {
    return { sql: await readFile(path, 'utf8'), fileName: basename(path), source: 'file' };
  } catch (err) {
    throw new SquashbaseError('PRECONDITION_FAILED', `The baseline file ${path} could not be read.`, {
      hint: 'Pass the path of an existing .sql file to --baseline, or omit it to generate one from live.',
      cause: err,
    });
  }
}

interface BuiltSide {
  snapshot: Snapshot | null;
  standIns: { extension: string; source: string; objects: number }[];
  warnings: string[];
}

async function buildHistory(
  shadow: Shadow,
  set: MigrationSet,
  stages: ParityStages,
  progress: (stage: ParityProgress['stage'], message: string) => void,
): Promise<BuiltSide & { replay: ReplayResult | null }> {
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

async function buildBaseline(
  shadow: Shadow,
  stages: ParityStages,
  progress: (stage: ParityProgress['stage'], message: string) => void,
  deltaFor: (pristine: Snapshot) => Promise<PlatformDelta>,
  sqlFor: (delta: PlatformDelta) => Promise<LoadedBaseline>,
  pgDumpFor: (built: ConnectionTarget, delta: PlatformDelta, standIns: string[]) => Promise<PgDumpCheck>,
): Promise<BuiltSide & { error: string | null; pristine: Snapshot; delta: PlatformDelta; baseline: LoadedBaseline; pgDump: PgDumpCheck | null }> {
  const db = await shadow.createDatabase('baseline');
  try {
    // Before the baseline, this database is the pristine platform the delta is measured from.
    const pristine = await stages.inspect(db.target);
    const delta = await deltaFor(pristine);
    const baseline = await sqlFor(delta);
    progress('apply-baseline', 'Applying the baseline to a fresh shadow database…');
    try {
      await stages.apply(baseline.sql, db.target);
    } catch (err) {
      // A baseline that does not apply is a verdict (baseline_failed), not a crash.
      if (!isSquashbaseError(err, 'BASELINE_FAILED') && !isPgError(err)) throw err;
      const message = isSquashbaseError(err) ? err.message : sanitizeCause(err).message;
      return { snapshot: null, error: message, standIns: await standInsOf(db), warnings: db.warnings, pristine, delta, baseline, pgDump: null };
    }
    progress('inspect-shadow', 'Inspecting the baseline-built database…');
    const snapshot = await stages.inspect(db.target);
    progress('compare', 'pg_dump --schema-only of live and of the baseline-built database (second opinion)…');
    const standIns = await standInsOf(db);
    const pgDump = await pgDumpFor(db.target, delta, standIns.map((s) => s.extension));
    return { snapshot, error: null, standIns, warnings: db.warnings, pristine, delta, baseline, pgDump };
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

function reportReplayFile(f: ReplayResult['files'][number]): ReportReplayFile {
  const out: ReportReplayFile = {
    version: f.version,
    fileName: f.fileName,
    sha256: f.sha256,
    status: f.status,
    statements: f.statements,
    durationMs: f.durationMs,
  };
  if (f.error) {
    out.error = {
      line: f.error.line,
      column: f.error.column,
      sqlstate: f.error.sqlstate,
      message: f.error.message,
      caret: f.error.caret,
      ...(f.error.detail ? { detail: f.error.detail } : {}),
      ...(f.error.hint ? { hint: f.error.hint } : {}),
    };
  }
  return out;
}
