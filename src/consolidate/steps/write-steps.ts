import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { withClient } from '../../db/client.js';
import { SquashbaseError } from '../../errors.js';
import { applyArchive } from '../../archive/apply-archive.js';
import { chainFiles, MANIFEST_FORMAT, MANIFEST_VERSION, sha256Hex, type ArchiveManifest } from '../../archive/manifest.js';
import { planArchive, type ArchivePlan } from '../../archive/plan-archive.js';
import { planRecord, recordBaseline, type RecordPlan } from '../../history/record-baseline.js';
import { readHistory, statementsHash } from '../../history/read-history.js';
import { renderSqlSteps } from '../../history/sql-plan.js';
import { VERSION } from '../../version.js';
import { progress, type RunState } from '../context.js';
import type { HistoryExport } from '../../history/export-history.js';
import type { RecordDataCheck, StepOutputs } from '../step-outputs.js';
import { DATA_CHECK_AFTER_FILE, DATA_CHECK_BEFORE_FILE, HISTORY_EXPORT_FILE } from './read-steps.js';
import { compareDataChecks, loadDataCheck, saveDataCheck } from '../../safety/check-data.js';

export function archivePlanOf(state: RunState): ArchivePlan {
  if (!state.baseline) throw new SquashbaseError('INTERNAL', 'archive plan without a baseline');
  return planArchive({
    workdir: state.workdir,
    migrationsDir: state.migrationsDir,
    archiveRoot: state.archiveRoot,
    baselineVersion: state.plan.baseline.version,
    baselineFileName: state.baseline.fileName,
    files: state.plan.files,
    allFileNames: [...state.plan.files.map((f) => f.fileName), ...state.plan.kept],
  });
}

export function recordPlanOf(state: RunState): RecordPlan {
  if (!state.baseline) throw new SquashbaseError('INTERNAL', 'record plan without a baseline');
  return planRecord(state.history.shape, {
    baseline: { version: state.baseline.version, name: state.baseline.name, statements: state.baseline.statements },
    replacedVersions: state.plan.replacedVersions,
    ...(state.options.createHistoryTable ? { createHistoryTable: true } : {}),
    ...(state.options.upgradeHistoryTable ? { applyIfOlderShape: true } : {}),
  });
}

/** What the archive and record steps need from backup and baseline (re-loaded from disk on resume). */
function produced(state: RunState, step: string): { b: NonNullable<RunState['baseline']>; exp: HistoryExport } {
  if (!state.baseline || !state.exported) throw new SquashbaseError('INTERNAL', `${step} without the staged baseline or the history export`);
  return { b: state.baseline, exp: state.exported };
}

export function buildManifest(state: RunState, recordPlan: RecordPlan): ArchiveManifest {
  const { b, exp } = produced(state, 'manifest');
  const { files, head } = chainFiles(state.plan.files.map((f) => ({ fileName: f.fileName, version: f.version, name: f.name, size: f.size, sha256: f.sha256 })));
  return {
    format: MANIFEST_FORMAT,
    manifestVersion: MANIFEST_VERSION,
    hashAlgorithm: 'sha256',
    tool: { name: 'squashbase', version: VERSION },
    runId: state.runId,
    createdAt: new Date().toISOString(),
    target: state.options.target.display,
    migrationsDir: relative(state.workdir, state.migrationsDir),
    archiveDir: relative(state.workdir, state.archiveDir),
    baseline: {
      version: b.version,
      name: b.name,
      fileName: b.fileName,
      size: Buffer.byteLength(b.sql),
      sha256: b.sha256,
      statementsSha256: statementsHash(b.statements),
      statementCount: b.statements.length,
    },
    files,
    chain: { rule: 'h_i = sha256(h_{i-1} + "\\n" + sha256_i), h_0 = "" (hex strings, files in version order)', seed: '', head },
    history: {
      export: exp,
      exportFile: HISTORY_EXPORT_FILE,
      exportFileSha256: state.exportFile?.fileSha256 ?? '',
      replacedVersions: state.plan.replacedVersions,
      recordSql: renderSqlSteps(recordPlan.steps),
      shapeAction: recordPlan.shapeAction,
    },
    parity: { reports: state.parity?.reportFiles ?? [], summary: state.parity ? { verdict: state.parity.verdict, summary: state.parity.summary } : null },
    preflight: state.preflight ?? null,
    overrides: state.plan.overrides,
  };
}

/** Archive: manifest first, then verified moves, then the baseline file (idempotent). */
export async function archiveStep(state: RunState): Promise<StepOutputs['archive']> {
  // Narrow the window between the export and the write: if the history already changed, stop
  // before any file moves (the record step re-checks inside its transaction anyway).
  const { b, exp } = produced(state, 'archive');
  const now = await withClient(state.options.target, (c) => readHistory(c), { applicationName: 'squashbase/pre-archive-check' });
  if (now.sha256 !== exp.sha256 && !alreadyRecordedByThisRun(state, b.version, now.versions)) {
    throw new SquashbaseError('HISTORY_CHANGED', 'supabase_migrations.schema_migrations changed after the export; no file was moved and nothing was written.', {
      hint: 'Someone pushed or repaired meanwhile. Roll this run back (squashbase rollback --archive <dir> --apply) and start again.',
      details: { expected: exp.sha256, actual: now.sha256, versions: now.versions },
    });
  }
  const recordPlan = recordPlanOf(state);
  const plan = archivePlanOf(state);
  const manifest = buildManifest(state, recordPlan);
  const r = await applyArchive(plan, manifest, b.sql);
  progress(state, `archive: ${plan.moves.length} file(s) moved to ${relative(state.workdir, plan.archiveDir)}, ${b.fileName} written`);
  return { manifestSha256: r.manifestSha256, moved: plan.moves.map((m) => m.fileName), copied: r.copied, baselineFile: b.fileName, baselineSha256: sha256Hex(b.sql) };
}

/** On resume after a crash inside the record step, the history may already hold our row. */
function alreadyRecordedByThisRun(state: RunState, v: string, versions: string[]): boolean {
  return versions.includes(v) && !state.plan.replacedVersions.some((x) => x !== v && versions.includes(x));
}

/** Record: the one production write. */
export async function recordStep(state: RunState): Promise<StepOutputs['record']> {
  const { b, exp } = produced(state, 'record');
  progress(state, 'record: writing the baseline row to supabase_migrations.schema_migrations (one transaction)');
  const r = await recordBaseline({
    target: state.options.target,
    baseline: { version: b.version, name: b.name, statements: b.statements },
    replacedVersions: state.plan.replacedVersions,
    expectedExportHash: exp.sha256,
    ...(state.options.createHistoryTable ? { createHistoryTable: true } : {}),
    ...(state.options.upgradeHistoryTable ? { applyIfOlderShape: true } : {}),
    ...(state.options.lockWaitMs !== undefined ? { lockWaitMs: state.options.lockWaitMs } : {}),
  });
  progress(state, `record: ${r.status}; remote history is now ${r.after.versions.join(', ')}`);
  const dataCheck = await dataCheckAfter(state);
  return {
    status: r.status,
    deletedVersions: r.deletedVersions,
    after: r.after,
    shapeAction: r.plan.shapeAction,
    notes: r.plan.notes,
    executedSql: renderSqlSteps(r.executed),
    dataCheck,
  };
}

/**
 * The same data check as before the run, compared: consolidate writes no row outside the history
 * table, so any difference is the live project's own traffic — reported as a warning, with the
 * exact changes in the archive.
 */
async function dataCheckAfter(state: RunState): Promise<RecordDataCheck> {
  const beforeFile = join(state.archiveDir, DATA_CHECK_BEFORE_FILE);
  const before = state.dataBefore ?? (existsSync(beforeFile) ? await loadDataCheck(beforeFile) : undefined);
  if (!before) {
    state.warnings.push('data check: no check from before the run was found; nothing to compare.');
    return { skipped: 'no data check from before the run' };
  }
  progress(state, 'record: checking the data again (read-only)');
  const after = await state.stages.checkData(state.options.target);
  await saveDataCheck(after, join(state.archiveDir, DATA_CHECK_AFTER_FILE));
  const cmp = compareDataChecks(before, after);
  if (cmp.changed) {
    const sample = cmp.changes.slice(0, 5).map((c) => `${c.what} ${c.subject}: ${c.before ?? '—'} → ${c.after ?? '—'}`);
    state.warnings.push(
      `data check: ${cmp.changes.length} difference(s) between before and after the run (consolidate writes no data: live traffic?): ${sample.join('; ')}${cmp.changes.length > 5 ? '; …' : ''}`,
    );
  } else {
    progress(state, 'record: data unchanged (row counts, orphaned rows, duplicates)');
  }
  return { unchanged: !cmp.changed, changes: cmp.changes.length, file: DATA_CHECK_AFTER_FILE };
}
