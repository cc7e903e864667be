import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConnectionTarget } from '../db/connection.js';
import { SquashbaseError } from '../errors.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import type { MigrationSet } from '../migrations/discover.js';
import type { ShadowRequest } from '../shadow/shadow.js';
import type { ReplayResult } from '../shadow/replay.js';
import type { ParityReport, ReportReplayFile, ReportStandIn, ReportWarning } from './report-model.js';
import { writeReports, type ReportFormat } from '../reports/write-reports.js';
import { newRunId } from '../util/run-id.js';
import { buildParityReport } from './build-report.js';
import { buildShadowSides, type LoadedBaseline } from './shadow-sides.js';
import { DEFAULT_STAGES, type ParityStages } from './stages.js';
import { historyFiles } from './history-files.js';
import { liveForComparison, relevantManagedIds, withManaged } from '../platform-delta/managed-comparison.js';
import { reportDelta } from '../platform-delta/report-delta.js';
import { userItems, type PlatformDelta } from '../platform-delta/delta-types.js';

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

  // Live is inspected while the rest gets ready: the shadow server starts once live's major is known.
  let liveRead: Promise<Snapshot>;
  let liveMajor: Promise<number> | undefined;
  if (options.liveSnapshot) liveRead = Promise.resolve(options.liveSnapshot);
  else {
    progress('inspect-live', `Inspecting live ${options.target.display} (read-only)…`);
    let knowMajor: (major: number) => void = () => undefined;
    liveMajor = new Promise<number>((resolveMajor) => (knowMajor = resolveMajor));
    liveRead = stages.inspect(options.target, { onServerVersion: (v) => knowMajor(Math.floor(v / 10000)) });
    liveRead.catch(() => undefined); // awaited below (after the migrations are read, or in their place)
  }
  // An unreachable live is the first thing to report, as when live was read before anything else.
  const liveFirst = <T>(step: Promise<T>): Promise<T> =>
    step.catch(async (err: unknown) => {
      await liveRead;
      throw err;
    });

  let discovered: MigrationSet;
  if (options.migrations) discovered = options.migrations;
  else {
    progress('discover', 'Reading supabase/migrations…');
    discovered = await liveFirst(stages.discover(workdir));
  }
  for (const w of discovered.warnings ?? []) warnings.push({ source: 'migrations', message: w });
  const { set, excluded } = historyFiles(discovered, options.baselineFile ? resolve(options.workdir, options.baselineFile) : undefined);
  for (const e of excluded) warnings.push({ source: 'migrations', message: `${e.fileName} left out of the history replay: ${e.reason}.` });

  // A file given (or consolidate's exact SQL) is read now; a generated one waits for the
  // platform delta, which needs the replayed history.
  const given = await liveFirst(loadGivenBaseline(options, progress));
  const meta = { runId, generatedAt: started.toISOString(), source: options.target.display };
  const carryDelta = options.platformDelta !== false;

  const sqlFor = async (delta: PlatformDelta): Promise<LoadedBaseline> => {
    if (given) return given;
    const live = await liveRead;
    progress('baseline', 'Generating a baseline from live…');
    if (options.baselineFrom) {
      const made = await options.baselineFrom(live.platform.supabase ? delta : null);
      return { sql: made.sql, fileName: made.fileName, source: 'generated' };
    }
    const g = await stages.generate(live, set, meta, { delta, carry: carryDelta });
    for (const w of g.warnings) warnings.push({ source: 'baseline', message: w });
    return { sql: g.sql, fileName: g.fileName, source: 'generated' };
  };
  const sides = await buildShadowSides({
    target: options.target,
    live: liveRead,
    ...(liveMajor ? { liveMajor } : {}),
    set,
    shadow: options.shadow,
    stages,
    progress,
    warn: (message) => warnings.push({ source: 'shadow', message }),
    baselineFor: sqlFor,
  });
  const { history, delta, baseline: built } = sides;
  const live = await liveRead;
  const baseline = built.baseline;

  const standIns: ReportStandIn[] = [
    ...history.standIns.map((s) => ({ database: 'history' as const, extension: s.extension, source: s.source, objects: s.objects })),
    ...built.standIns.map((s) => ({ database: 'baseline' as const, extension: s.extension, source: s.source, objects: s.objects })),
  ];
  for (const w of sides.shadowWarnings) warnings.push({ source: 'shadow', message: w });
  for (const w of history.warnings) if (!sides.shadowWarnings.includes(w)) warnings.push({ source: 'shadow', message: w });
  for (const w of built.warnings) if (!history.warnings.includes(w) && !sides.shadowWarnings.includes(w)) warnings.push({ source: 'shadow', message: w });

  progress('compare', 'Comparing live with the baseline and with the history…');
  // Managed schemas are compared where anything differs from the pristine platform.
  const managedIds = relevantManagedIds(delta, sides.pristine.managed ?? [], [live.managed, history.snapshot?.managed, built.snapshot?.managed]);
  const leftOut = new Set(carryDelta ? [] : userItems(delta).map((i) => i.id));
  const report = buildParityReport({
    runId,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: performance.now() - t0,
    target: options.target.display,
    live: withManaged(liveForComparison(live, delta), managedIds),
    history: history.snapshot ? withManaged(history.snapshot, managedIds) : null,
    baseline: built.snapshot ? withManaged(built.snapshot, managedIds) : null,
    // What --no-platform-delta leaves out is not compared with the baseline (it is listed).
    baselineExclude: leftOut,
    pgDump: built.pgDump,
    platformDelta: reportDelta(delta, built.snapshot?.managed ?? null, leftOut),
    shadow: sides.shadow,
    versionMismatchAllowed: options.shadow.allowVersionMismatch === true,
    migrations: {
      dir: relative(workdir, set.dir).split('\\').join('/') || '.',
      files: set.files.map((f) => ({ version: f.version, name: f.name, fileName: f.fileName, sha256: f.sha256, bytes: f.bytes.length })),
      skipped: set.skipped,
    },
    replay: history.replay ? { ok: history.replay.ok, files: history.replay.files.map(reportReplayFile) } : null,
    baselineInfo: {
      source: baseline.source,
      fileName: baseline.fileName,
      sha256: createHash('sha256').update(baseline.sql).digest('hex'),
      bytes: Buffer.byteLength(baseline.sql),
      applied: built.error === null,
      error: built.error,
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
