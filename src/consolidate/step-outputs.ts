import type { HistoryShapeKind } from '../history/history-shape.js';
import type { ShapeAction } from '../history/record-baseline.js';
import type { DataCheck } from '../safety/check-data.js';
import type { ConsolidationPlan } from './plan.js';
import type { PreflightCheck } from './steps/stages.js';

/**
 * What each consolidate step produces, as journaled in journal.json (plain JSON, never secrets).
 * Resume reads these back, so a step's output is part of the journal format.
 */
export interface StepOutputs {
  planned: {
    plan: ConsolidationPlan;
    history: { sha256: string; versions: string[]; shape: HistoryShapeKind };
    earlierRun?: { runId: string; status: string; keptAt: string };
  };
  preflight: {
    ok: true;
    checks: Pick<PreflightCheck, 'id' | 'status' | 'message'>[];
    lint: { errors: number; warnings: number; infos: number; suppressed: number };
  };
  backup: {
    file: string;
    rowCount: number;
    historySha256: string;
    fileSha256: string | null;
    dataCheck: { file: string } & DataCheck['summary'];
  };
  inspect: { file: string; fileSha256: string | null; objects: number };
  baseline: { fileName: string; version: string; name: string; sha256: string; statements: number; staged: string };
  parity: { verdict: string; summary: string; reports: { path: string; sha256: string }[] };
  archive: { manifestSha256: string; moved: string[]; copied: string[]; baselineFile: string; baselineSha256: string };
  record: {
    status: 'recorded' | 'already-recorded';
    deletedVersions: string[];
    after: { versions: string[]; sha256: string };
    shapeAction: ShapeAction;
    notes: string[];
    executedSql: string;
    dataCheck: RecordDataCheck;
  };
  done: { timings: Record<string, number> };
}

/** check-data after the record step, compared with the one from before the run. */
export type RecordDataCheck = { unchanged: boolean; changes: number; file: string } | { skipped: string };

/** A step's output as the journal holds it: timed steps also carry their duration. */
export type Journaled<K extends keyof StepOutputs> = StepOutputs[K] & { durationMs?: number };
