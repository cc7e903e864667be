import type { PgDumpCheck } from './pg-dump-check.js';
import type { DeltaItem, PristineSource } from '../platform-delta/delta-types.js';
import type { ObjectKind } from '../introspect/snapshot-types.js';
import type { Comparison } from './types.js';

/**
 * The parity report: the auditor's record of one `squashbase parity` run, as plain data.
 * Rendered to report.json (this object, canonical JSON), report.md and report.html.
 * Documented field by field in docs/FORMATS-report.md. Additive changes keep formatVersion;
 * anything else bumps it.
 *
 * Deterministic for the same inputs, apart from the volatile fields: `runId`, `startedAt`,
 * `finishedAt`, `durationMs` (top level and per replayed file).
 */
export const REPORT_FORMAT = 'squashbase.parity-report';
export const REPORT_FORMAT_VERSION = 1;

/**
 * - pass: live = baseline and live = history.
 * - drift: live = baseline, live ≠ history (dashboard edits, hand-made changes, unapplied files).
 * - drift_allowed: as drift, with --allow-drift.
 * - unfaithful: live ≠ baseline — the baseline would not rebuild production. Wins over drift.
 * - replay_failed: a history file failed in the shadow; drift could not be checked.
 * - baseline_failed: the baseline did not apply in the shadow; fidelity could not be checked.
 */
export type VerdictStatus = 'pass' | 'drift' | 'drift_allowed' | 'unfaithful' | 'replay_failed' | 'baseline_failed' | 'parity_disagrees';

export interface Verdict {
  status: VerdictStatus;
  /** The process exit code this verdict maps to (src/exit-codes.ts). */
  exitCode: number;
  /** One sentence for humans. */
  summary: string;
  /** live vs baseline */
  fidelity: 'identical' | 'different' | 'not_checked';
  /** live vs history */
  drift: 'none' | 'found' | 'not_checked';
  allowDrift: boolean;
  /** Live objects parity could not check (not modelled); the summary names them. */
  notModelled: number;
}

/**
 * An object on live the census found but the snapshot does not model: parity could not compare
 * it. `inBaseline` / `inHistory`: whether an object of the same identity exists in that shadow
 * (null when that side did not run); existence is all parity can say about it.
 */
export interface ReportNotModelled {
  catalog: string;
  kind: string;
  identity: string;
  reason: string;
  inBaseline: boolean | null;
  inHistory: boolean | null;
}

export interface ReportMigrationFile {
  version: string;
  name: string;
  fileName: string;
  sha256: string;
  bytes: number;
}

export interface ReportReplayError {
  line: number;
  column: number;
  sqlstate: string;
  message: string;
  detail?: string;
  hint?: string;
  /** The failing line with a caret under the column. */
  caret: string;
}

export interface ReportReplayFile {
  version: string;
  fileName: string;
  sha256: string;
  status: 'applied' | 'failed' | 'skipped';
  statements: number;
  durationMs: number;
  error?: ReportReplayError;
}

export interface ReportStandIn {
  /** Which shadow database the stand-in was installed in. */
  database: 'history' | 'baseline';
  extension: string;
  /** 'live': cloned from the live project's definition; 'bundled': squashbase's stub. */
  source: string;
  objects: number;
}

export interface ReportWarning {
  /** Where it came from: compare, migrations, baseline, shadow, replay. */
  source: string;
  code?: string;
  message: string;
}

/** One side of a per-kind row: how the candidate's objects of this kind relate to live's. */
export interface KindSide {
  /** Objects of this kind in the candidate. */
  count: number;
  /** Live objects with an equal candidate object. */
  matched: number;
  changed: number;
  onlyInLive: number;
  onlyInCandidate: number;
}

/** One row of the per-kind table. `baseline`/`history` are null when that side was not checked. */
export interface KindRow {
  kind: ObjectKind;
  label: string;
  live: number;
  baseline: KindSide | null;
  history: KindSide | null;
}

/** A platform-delta item as the report shows it (src/platform-delta/delta-types.ts), without the objects. */
export type ReportPlatformDeltaItem = Pick<DeltaItem, 'id' | 'kind' | 'change' | 'origin' | 'reason' | 'changedFields' | 'versionFields' | 'limit'> & {
  /** The baseline-built database has live's state of it; null when the baseline did not apply. */
  inBaseline: boolean | null;
  /** Left out of the baseline by --no-platform-delta. */
  leftOut?: true;
};

export interface ReportPlatformDelta {
  pristine: PristineSource;
  historyCompared: boolean;
  items: ReportPlatformDeltaItem[];
}

export interface ParityReport {
  format: typeof REPORT_FORMAT;
  formatVersion: typeof REPORT_FORMAT_VERSION;
  tool: { name: 'squashbase'; version: string };
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Redacted connection display, e.g. postgresql://postgres:***@db.x.supabase.co:5432/postgres */
  target: string;
  verdict: Verdict;
  postgres: {
    live: { version: string; major: number };
    shadow: { provider: string; version: string; major: number } | null;
    /** Set when the shadow's major differs from live and --allow-version-mismatch was given. */
    versionMismatch: { live: number; shadow: number; allowed: true } | null;
  };
  migrations: {
    /** Relative to the workdir, e.g. supabase/migrations. */
    dir: string;
    files: ReportMigrationFile[];
    skipped: { fileName: string; reason: string }[];
  };
  /** The history replayed in a shadow (null when it was not run). */
  replay: { ok: boolean; files: ReportReplayFile[] } | null;
  baseline: {
    /** 'file': --baseline FILE; 'generated': generated from live for this run. */
    source: 'file' | 'generated';
    fileName: string;
    sha256: string;
    bytes: number;
    applied: boolean;
    /** Why it did not apply, when it did not. */
    error: string | null;
  } | null;
  /** Every extension emulated in a shadow instead of installed for real. */
  standIns: ReportStandIn[];
  /** Names of live's vault secrets a new environment must provide (values never travel). */
  secretsNeeded: string[];
  warnings: ReportWarning[];
  /** Per-kind table, in KIND_ORDER. */
  kinds: KindRow[];
  /** Live objects squashbase does not model (the census): not checked, named. (Added by issue 11, additive.) */
  notModelled: ReportNotModelled[];
  /**
   * How live's managed schemas differ from the pristine platform, and whose doing each
   * difference is (src/platform-delta/). null when parity had no pristine platform to compare.
   */
  platformDelta: ReportPlatformDelta | null;
  /** pg_dump --schema-only of live vs the baseline-built database (a second opinion); null when the baseline did not apply. */
  pgDump: PgDumpCheck | null;
  /** live (reference) vs baseline (candidate); null when the baseline did not apply. */
  fidelity: Comparison | null;
  /** live (reference) vs history (candidate); null when the history did not replay. */
  drift: Comparison | null;
}
