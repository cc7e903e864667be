import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { ConnectionTarget } from '../db/connection.js';
import { SquashbaseError } from '../errors.js';
import { planRestoreArchive, restoreArchive, type RestoreArchivePlan } from '../archive/restore-archive.js';
import { readManifest, sha256Hex, type ArchiveManifest } from '../archive/manifest.js';
import { planRestoreHistory, restoreHistory, type RestoreState } from '../history/restore-history.js';
import { renderSqlSteps } from '../history/sql-plan.js';
import { splitLikeSupabaseCli } from '../migrations/split.js';
import { readJournal, stepDone, writeJournal, type Journal } from './journal.js';
import { STAGED_BASELINE_FILE } from './steps/read-steps.js';
import { acquireRunLock } from './run-lock.js';

export interface RollbackOptions {
  /** migrations_archive/<version> (absolute, or relative to cwd). */
  archiveDir: string;
  /** Project root; default: the workdir recorded in the journal, else the archive root's parent. */
  workdir?: string;
  /** Needed whenever the history may have been written (a manifest exists). */
  target?: ConnectionTarget;
  apply: boolean;
  lockWaitMs?: number;
  /** Asked before anything is written (as consolidate --apply asks); false → ABORTED. Omitted = confirmed. */
  confirm?: (summary: RollbackConfirmSummary) => Promise<boolean>;
}

/** What rollback --apply is about to do, for the confirmation question. */
export interface RollbackConfirmSummary {
  target: string;
  /** History rows put back (0 when the history already equals the export). */
  historyRows: number;
  files: number;
  /** The baseline file to remove, relative to the workdir; null when it is already gone. */
  baselineFile: string | null;
}

export interface RollbackResult {
  mode: 'plan' | 'applied';
  archiveDir: string;
  runId: string | null;
  journalStatus: string | null;
  files: { fileName: string; to: string; state: string }[];
  baselineFile: { path: string; state: string } | null;
  history: { state: RestoreState | 'not-written'; sql: string; versionsNow: string[] };
  actions: string[];
}

async function loadBaselineRow(dir: string, m: ArchiveManifest): Promise<{ version: string; name: string; statements: string[] }> {
  const sql = await readFile(join(dir, STAGED_BASELINE_FILE), 'utf8');
  if (sha256Hex(sql) !== m.baseline.sha256) {
    throw new SquashbaseError('PRECONDITION_FAILED', `${join(dir, STAGED_BASELINE_FILE)} does not match the manifest's baseline hash.`, {
      hint: 'The archive was modified; restore it from git before rolling back.',
    });
  }
  return { version: m.baseline.version, name: m.baseline.name, statements: splitLikeSupabaseCli(sql) };
}

/**
 * `squashbase rollback`: undoes a consolidation (finished or interrupted) — the exported
 * history rows back in one transaction (only if the history is exactly what consolidate
 * left), the archived files back byte-for-byte, the baseline file removed. Without `apply`
 * it returns the plan and changes nothing.
 */
export async function runRollback(options: RollbackOptions): Promise<RollbackResult> {
  const dir = resolve(options.archiveDir);
  const journal = await readJournal(dir);
  const manifest = await readManifest(dir).catch((err: unknown) => {
    if (journal) return undefined;
    throw err;
  });
  const workdir = resolve(options.workdir ?? journal?.workdir ?? dirname(dirname(dir)));
  const actions: string[] = [];
  if (!manifest && journal && (stepDone(journal, 'archive') || stepDone(journal, 'record') || stepDone(journal, 'done'))) {
    // The journal says the files were archived (and maybe the history written): without the
    // manifest nothing can be restored or verified. Refuse rather than "roll back" nothing.
    throw new SquashbaseError('PRECONDITION_FAILED', `${join(dir, 'manifest.json')} is missing, but the journal records the archive step: the archive is damaged.`, {
      hint: 'Restore manifest.json (from a backup or version control) and run rollback again; nothing was changed. Without it, the archived files and the exported history rows (history-export.json) must be put back by hand.',
    });
  }
  if (!manifest) {
    // Interrupted before the archive step: nothing outside the archive directory changed.
    actions.push('Nothing outside the archive directory was changed (the run stopped before archiving); the run is marked rolled back.');
    if (options.apply && journal) await markRolledBack(journal, 'not-written', []);
    return { mode: options.apply ? 'applied' : 'plan', archiveDir: dir, runId: journal?.runId ?? null, journalStatus: journal?.status ?? null, files: [], baselineFile: null, history: { state: 'not-written', sql: '', versionsNow: [] }, actions };
  }
  const filesPlan: RestoreArchivePlan = await planRestoreArchive(dir, workdir);
  if (!options.target) {
    throw new SquashbaseError('DB_URL_MISSING', 'rollback needs the database to restore the history rows (the consolidation may have recorded its baseline).', {
      hint: 'Pass --db-url (or set SUPABASE_DB_URL) — the same database consolidate ran against.',
    });
  }
  if (journal && journal.target !== options.target.display) {
    throw new SquashbaseError('PRECONDITION_FAILED', `This archive was consolidated against ${journal.target}, not ${options.target.display}.`);
  }
  const baseline = await loadBaselineRow(dir, manifest);
  const restoreOpts = { target: options.target, exported: manifest.history.export, baseline, replacedVersions: manifest.history.replacedVersions, ...(options.lockWaitMs !== undefined ? { lockWaitMs: options.lockWaitMs } : {}) };
  const hp = await planRestoreHistory(restoreOpts);
  // A run that archived its files but never recorded its baseline (another checkout of the
  // project consolidated first, so its record step met HISTORY_CHANGED): the history is not its
  // to restore. Its files are put back and the history is left as it is.
  const neverWrote = hp.state === 'changed' && journal !== undefined && !stepDone(journal, 'record') && !hp.ownBaselinePresent;
  if (hp.state === 'changed' && !neverWrote) {
    throw new SquashbaseError('HISTORY_CHANGED', `The remote history is not what consolidate left (${hp.reason}); rollback changes nothing.`, {
      hint: 'Someone wrote to supabase_migrations.schema_migrations after the consolidation. The original rows are in manifest.json (history.export).',
      details: { versions: hp.current.versions },
    });
  }
  if (filesPlan.problems.length > 0) {
    throw new SquashbaseError('PRECONDITION_FAILED', `The files cannot be restored safely:\n  - ${filesPlan.problems.join('\n  - ')}`, { hint: 'Nothing was changed.' });
  }
  actions.push(
    neverWrote
      ? `This run never wrote the history (its record step did not run, and the history does not hold its baseline): the history stays as it is (now: ${hp.current.versions.join(', ') || 'empty'}). Another consolidation of this project has probably recorded its own baseline; pull it from version control.`
      : hp.state === 'consolidated'
        ? `Restore ${manifest.history.replacedVersions.length} history row(s) and remove the baseline row ${baseline.version} (one transaction).`
        : 'History already equals the export: nothing to write.',
  );
  const toRestore = filesPlan.files.filter((f) => f.state === 'restore');
  actions.push(toRestore.length ? `Put back ${toRestore.length} file(s) into ${relative(workdir, filesPlan.migrationsDir)}.` : 'All archived files are already back.');
  actions.push(filesPlan.baseline.state === 'remove' ? `Remove ${relative(workdir, filesPlan.baseline.path)}.` : 'The baseline file is already gone.');
  let historyState: RollbackResult['history']['state'] = neverWrote ? 'not-written' : hp.state;
  if (options.apply && options.confirm) {
    const ok = await options.confirm({
      target: options.target.display,
      historyRows: hp.state === 'consolidated' ? manifest.history.replacedVersions.length : 0,
      files: toRestore.length,
      baselineFile: filesPlan.baseline.state === 'remove' ? relative(workdir, filesPlan.baseline.path) : null,
    });
    if (!ok) throw new SquashbaseError('ABORTED', 'Not confirmed; nothing was changed.', { hint: 'Pass --yes to confirm non-interactively.' });
  }
  if (options.apply) {
    const release = await acquireRunLock(dirname(dir), { runId: manifest.runId, command: 'rollback' });
    try {
      if (hp.state === 'consolidated') historyState = (await restoreHistory(restoreOpts)).status === 'restored' ? 'consolidated' : 'already-restored';
      await restoreArchive(filesPlan);
      if (journal) await markRolledBack(journal, historyState, toRestore.map((f) => f.fileName));
    } finally {
      await release();
    }
  }
  const done = options.apply;
  return {
    mode: options.apply ? 'applied' : 'plan',
    archiveDir: dir,
    runId: manifest.runId,
    journalStatus: journal?.status ?? null,
    files: filesPlan.files.map((f) => ({ fileName: f.fileName, to: relative(workdir, f.to), state: done && f.state === 'restore' ? 'restored' : f.state })),
    baselineFile: { path: relative(workdir, filesPlan.baseline.path), state: done && filesPlan.baseline.state === 'remove' ? 'removed' : filesPlan.baseline.state },
    history: {
      state: historyState,
      sql: renderSqlSteps(hp.steps),
      versionsNow: done && !neverWrote ? manifest.history.export.rows.map((r) => String(r['version'])) : hp.current.versions,
    },
    actions,
  };
}

async function markRolledBack(j: Journal, history: string, files: string[]): Promise<void> {
  j.status = 'rolled-back';
  j.rollback = { at: new Date().toISOString(), history, files };
  j.updatedAt = j.rollback.at;
  await writeJournal(j);
}
