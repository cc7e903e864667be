/**
 * The other pipeline stages consolidate drives (preflight, inspect, verify, lint, …), behind
 * one interface so tests can substitute them and so the seams are visible.
 */
import { addressOf, type ConnectionTarget } from '../../db/connection.js';
import { launchShadowServer, type ShadowLaunch } from '../../shadow/shadow.js';
import type { Snapshot } from '../../introspect/snapshot-types.js';
import { runPreflight } from '../../safety/preflight.js';
import { runCheckData, type DataCheck } from '../../safety/check-data.js';
import { runLint, type LintResult } from '../../lint/lint.js';
import { inspectDatabase } from '../../introspect/inspect.js';
import { runParity } from '../../parity/run-parity.js';
import { writeReports } from '../../reports/write-reports.js';
import type { ParityReport } from '../../parity/report-model.js';
import type { MigrationSet } from '../../migrations/discover.js';
import type { DeltaItem, PlatformDelta } from '../../platform-delta/delta-types.js';

export interface PreflightCheck {
  id: string;
  status: 'pass' | 'warn' | 'fail';
  message: string;
  hint?: string;
}

export interface StageBaseline {
  sql: string;
  fileName: string;
  version: string;
  name: string;
  warnings: string[];
  /** The project's platform changes the baseline carries and those it leaves out. */
  platformDelta?: { carried: DeltaItem[]; leftOut: DeltaItem[] };
}

/** The shadow consolidate's parity (and platform delta) use. */
export interface ConsolidateShadow {
  provider: 'embedded' | 'url' | 'docker';
  url?: string;
  major?: number;
  /** --pristine-url: the pristine platform. */
  pristine?: ConnectionTarget;
  /** The server the verify stage's launch started ahead of time (withShadow takes it over). */
  launched?: ShadowLaunch;
}

export interface StageParity {
  report: ParityReport;
}

/** The baseline to verify: the staged one (resume), or how to make it from the platform delta. */
export type VerifyBaseline =
  | { sql: string; fileName: string }
  /** Called once, inside parity's shadow, with the delta measured there (null: live has no managed schemas). */
  | { generate(delta: PlatformDelta | null): StageBaseline };

export interface VerifyStageOptions {
  target: ConnectionTarget;
  workdir: string;
  live: Snapshot;
  /** The migrations prepare read: read once per run. */
  migrations: MigrationSet;
  baseline: VerifyBaseline;
  allowDrift: boolean;
  allowVersionMismatch: boolean;
  shadow: ConsolidateShadow;
  /** false: --no-platform-delta (what the baseline leaves out is not compared with it). */
  platformDelta: boolean;
  onProgress?: (message: string) => void;
}

/** Parity on the run's baseline; `launch` starts its shadow server ahead (a substitute without it gets none). */
export interface VerifyStage {
  (o: VerifyStageOptions): Promise<StageParity>;
  launch?(o: { shadow: ConsolidateShadow; major: number; target: ConnectionTarget; allowVersionMismatch: boolean }): ShadowLaunch;
}

export interface ConsolidateStages {
  preflight(o: { target: ConnectionTarget; workdir: string; archiveDir: string }): Promise<{ ok: boolean; checks: PreflightCheck[] }>;
  inspect(target: ConnectionTarget, onProgress?: (m: string) => void): Promise<Snapshot>;
  /**
   * Parity: the history and the baseline built in one shadow and compared with live. A baseline
   * to generate is made there from the measured platform delta, so one run replays the history once.
   */
  verify: VerifyStage;
  writeReports(report: ParityReport, dir: string): Promise<string[]>;
  /** Row counts, orphans, duplicates (read-only): taken before the run and after the record step. */
  checkData(target: ConnectionTarget): Promise<DataCheck>;
  /** The history lints plus the security lints on live (read-only). */
  lint(o: { target: ConnectionTarget; workdir: string }): Promise<LintResult>;
}

export const DEFAULT_STAGES: ConsolidateStages = {
  preflight: (o) => runPreflight(o),
  inspect: (target, onProgress) => inspectDatabase(target, onProgress ? { onProgress: (e: unknown) => onProgress(describe(e)) } : {}),
  verify: Object.assign(verifyInParity, {
    // Started before preflight: the server is up by the time parity needs it (consolidate's reads of live come first).
    launch: (o: { shadow: ConsolidateShadow; major: number; target: ConnectionTarget; allowVersionMismatch: boolean }) =>
      launchShadowServer({
        provider: o.shadow.provider,
        major: o.major,
        ...(o.shadow.url ? { url: o.shadow.url } : {}),
        allowVersionMismatch: o.allowVersionMismatch,
        liveAddress: addressOf(o.target),
      }),
  }),
  writeReports: (report, dir) => writeReports(report, dir),
  checkData: (target) => runCheckData({ target }),
  lint: (o) => runLint({ workdir: o.workdir, target: o.target }),
};

async function verifyInParity(o: VerifyStageOptions): Promise<StageParity> {
  // Exactly the SQL consolidate writes, and its live snapshot: production is not inspected twice.
  const b = o.baseline;
  const { report } = await runParity({
    target: o.target,
    workdir: o.workdir,
    liveSnapshot: o.live,
    migrations: o.migrations,
    ...('generate' in b ? { baselineFrom: async (delta: PlatformDelta | null) => b.generate(delta) } : { baselineSql: b }),
    shadow: {
      provider: o.shadow.provider,
      ...(o.shadow.url ? { url: o.shadow.url } : {}),
      ...(o.shadow.major ? { major: o.shadow.major } : {}),
      ...(o.shadow.pristine ? { pristine: o.shadow.pristine } : {}),
      ...(o.shadow.launched ? { launched: o.shadow.launched } : {}),
      allowVersionMismatch: o.allowVersionMismatch,
    },
    allowDrift: o.allowDrift,
    platformDelta: o.platformDelta,
    ...(o.onProgress ? { onProgress: (e: { message: string }) => o.onProgress?.(e.message) } : {}),
  });
  return { report };
}

function describe(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && 'step' in e && 'index' in e && 'total' in e) {
    const x = e as { step: unknown; index: unknown; total: unknown };
    return `${String(x.step)} (${String(x.index)}/${String(x.total)})`;
  }
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return JSON.stringify(e);
}
