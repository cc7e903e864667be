import type { ConnectionTarget } from '../db/connection.js';
import type { HistoryExport } from '../history/export-history.js';
import type { HistoryState } from '../history/read-history.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import type { ConsolidationPlan } from './plan.js';
import type { DataCheck } from '../safety/check-data.js';
import type { Journal } from './journal.js';
import type { MigrationSet } from '../migrations/discover.js';
import type { ParityReport } from '../parity/report-model.js';
import type { ConsolidateShadow, ConsolidateStages, PreflightCheck, StageBaseline, StageParity } from './steps/stages.js';
import type { ShadowLaunch } from '../shadow/shadow.js';

export interface ConsolidateOptions {
  target: ConnectionTarget;
  /** Project root holding supabase/migrations. */
  workdir: string;
  /** Archive root, relative to workdir or absolute. Default `migrations_archive`. */
  archiveRoot?: string;
  apply: boolean;
  resume?: boolean;
  allowDirty?: boolean;
  allowUnsynced?: boolean;
  allowVersionMismatch?: boolean;
  allowDrift?: boolean;
  /** Record a baseline although live has objects squashbase does not model (named in the manifest). */
  allowUnmodelled?: boolean;
  createHistoryTable?: boolean;
  upgradeHistoryTable?: boolean;
  shadow?: ConsolidateShadow;
  /** false: the baseline leaves the project's platform changes out (--no-platform-delta; recorded). */
  platformDelta?: boolean;
  /** Record a baseline whose platform changes cannot all be reproduced safely (recorded in the manifest). */
  acceptPlatformDelta?: boolean;
  /** Environment (crash-test hook, …). */
  env?: NodeJS.ProcessEnv;
  onProgress?: (message: string) => void;
  /** Asked once, before the first change (apply only). false → ABORTED. */
  confirm?: (summary: ConfirmSummary) => Promise<boolean>;
  stages?: Partial<ConsolidateStages>;
  /** Lock polling budget for the record step (tests). */
  lockWaitMs?: number;
}

export interface ConfirmSummary {
  target: string;
  baselineFileName: string;
  files: number;
  replacedVersions: string[];
  archiveDir: string;
}

/** Everything the steps produce, filled as they run (or re-loaded from disk on resume). */
export interface RunState {
  options: ConsolidateOptions;
  stages: ConsolidateStages;
  workdir: string;
  migrationsDir: string;
  archiveRoot: string;
  archiveDir: string;
  runId: string;
  plan: ConsolidationPlan;
  history: HistoryState;
  journal?: Journal;
  preflight?: { ok: boolean; checks: PreflightCheck[] };
  exported?: HistoryExport;
  exportFile?: { path: string; fileSha256: string };
  snapshot?: Snapshot;
  /** supabase/migrations as prepare read it (once per run; re-read on resume while parity is pending). */
  migrations?: MigrationSet;
  /** Live's PostgreSQL major, read with the history (the shadow server can start before live is inspected). */
  liveMajor?: number;
  /** The shadow server started before preflight, for the verify stage (released when the run ends). */
  launch?: ShadowLaunch;
  /** Parity's report on the baseline, when the baseline step made it in parity's shadow. */
  verified?: ParityReport;
  /** check-data before the run (issue 7): compared with one taken after the record step. */
  dataBefore?: DataCheck;
  baseline?: StageBaseline & { statements: string[]; sha256: string };
  parity?: { report: StageParity['report'] | null; verdict: string; summary: string; reportFiles: { path: string; sha256: string }[] };
  warnings: string[];
  timings: Record<string, number>;
}

export function progress(state: RunState, message: string): void {
  state.options.onProgress?.(message);
}
