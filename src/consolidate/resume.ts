import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { SquashbaseError } from '../errors.js';
import { withClient } from '../db/client.js';
import { readHistoryExport, type HistoryExport } from '../history/export-history.js';
import { readHistory, type HistoryState } from '../history/read-history.js';
import { splitLikeSupabaseCli } from '../migrations/split.js';
import { sha256Hex } from '../archive/manifest.js';
import { discoverMigrations, migrationsDir } from '../migrations/discover.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import type { ConsolidateOptions, RunState } from './context.js';
import { findJournals, stepDone, type Journal } from './journal.js';
import { archiveRootOf } from './steps/prepare.js';
import { DEFAULT_STAGES } from './steps/stages.js';
import { HISTORY_EXPORT_FILE, SNAPSHOT_FILE, STAGED_BASELINE_FILE } from './steps/read-steps.js';

/** The one interrupted run under the archive root (status `running`), or a clear refusal. */
export async function findInterruptedRun(options: Pick<ConsolidateOptions, 'workdir' | 'archiveRoot'>): Promise<Journal> {
  const root = archiveRootOf(options);
  const running = (await findJournals(root)).filter((j) => j.status === 'running');
  if (running.length === 0) {
    throw new SquashbaseError('PRECONDITION_FAILED', `No interrupted consolidation under ${root}; nothing to resume.`, {
      hint: 'Start one with `squashbase consolidate --apply`.',
    });
  }
  if (running.length > 1) {
    throw new SquashbaseError('PRECONDITION_FAILED', `More than one interrupted consolidation under ${root}: ${running.map((j) => relative(root, j.archiveDir)).join(', ')}.`, {
      hint: 'Roll back all but one with `squashbase rollback --archive <dir> --apply`.',
    });
  }
  const [only] = running;
  if (!only) throw new SquashbaseError('INTERNAL', 'no interrupted run after all');
  return only;
}

/**
 * Rebuilds the run state of an interrupted consolidation from its journal and the files it
 * wrote (each re-verified by hash), so the remaining steps continue where it stopped. The
 * run's consents (allow-* flags) come from the journal; the target must be the same database.
 */
export async function loadResumeState(options: ConsolidateOptions): Promise<RunState> {
  const j = await findInterruptedRun(options);
  if (j.target !== options.target.display) {
    throw new SquashbaseError('PRECONDITION_FAILED', `The interrupted run targeted ${j.target}, not ${options.target.display}.`, {
      hint: 'Resume with the same --db-url the run was started with.',
    });
  }
  const jo = j.options;
  const merged: ConsolidateOptions = {
    ...options,
    apply: true,
    allowDirty: Boolean(jo.allowDirty),
    allowUnsynced: Boolean(jo.allowUnsynced),
    allowVersionMismatch: Boolean(jo.allowVersionMismatch),
    allowDrift: Boolean(jo.allowDrift),
    allowUnmodelled: Boolean(jo.allowUnmodelled),
    createHistoryTable: Boolean(jo.createHistoryTable),
    upgradeHistoryTable: Boolean(jo.upgradeHistoryTable),
  };
  const planned = stepDone(j, 'planned')?.output;
  if (!planned) throw new SquashbaseError('PRECONDITION_FAILED', `The journal of run ${j.runId} has no plan; it cannot be resumed.`, { hint: 'Roll it back with `squashbase rollback --archive <dir> --apply` and start again.' });
  const history = await historyFor(j, options, planned.history.sha256);
  const state: RunState = {
    options: merged,
    stages: { ...DEFAULT_STAGES, ...options.stages },
    workdir: j.workdir,
    migrationsDir: migrationsDir(j.workdir),
    archiveRoot: String(jo['archiveRoot'] ?? archiveRootOf(options)),
    archiveDir: j.archiveDir,
    runId: j.runId,
    plan: planned.plan,
    history: history.state,
    journal: j,
    warnings: [],
    timings: {},
  };
  if (history.exported) {
    state.exported = history.exported.exp;
    state.exportFile = history.exported.file;
  }
  const pre = stepDone(j, 'preflight');
  if (pre) state.preflight = { ok: true, checks: pre.output.checks };
  const base = stepDone(j, 'baseline');
  if (base) {
    const sql = await readFile(join(j.archiveDir, STAGED_BASELINE_FILE), 'utf8');
    const sha = sha256Hex(sql);
    if (sha !== base.output.sha256) {
      throw new SquashbaseError('PRECONDITION_FAILED', `The staged ${STAGED_BASELINE_FILE} in ${j.archiveDir} changed since the run wrote it.`, {
        hint: 'Roll the run back and start again.',
      });
    }
    const { fileName, version, name } = base.output;
    state.baseline = { sql, fileName, version, name, warnings: [], statements: splitLikeSupabaseCli(sql), sha256: sha };
    state.plan.baseline = { version: state.baseline.version, name: state.baseline.name, fileName };
  }
  if (stepDone(j, 'inspect') && !stepDone(j, 'parity')) {
    state.snapshot = JSON.parse(await readFile(join(j.archiveDir, SNAPSHOT_FILE), 'utf8')) as Snapshot;
  }
  // Nothing is archived before parity passed: the folder still holds the whole history.
  if (!stepDone(j, 'parity')) state.migrations = await discoverMigrations(j.workdir);
  const par = stepDone(j, 'parity');
  if (par) {
    state.parity = { report: null, verdict: par.output.verdict, summary: par.output.summary, reportFiles: par.output.reports };
  }
  return state;
}

/**
 * The history the run works on: after the backup step, the export it wrote (verified by hash);
 * before it, the remote history now, which must still be the one the run planned with.
 */
async function historyFor(j: Journal, options: ConsolidateOptions, plannedSha: string): Promise<{ state: HistoryState; exported?: { exp: HistoryExport; file: { path: string; fileSha256: string } } }> {
  if (stepDone(j, 'backup')) {
    const path = join(j.archiveDir, HISTORY_EXPORT_FILE);
    const exp = await readHistoryExport(path);
    const state = { shape: exp.shape, rows: exp.rows, versions: exp.rows.map((r) => String(r['version'])), sha256: exp.sha256 };
    return { state, exported: { exp, file: { path, fileSha256: sha256Hex(await readFile(path)) } } };
  }
  const now = await withClient(options.target, (c) => readHistory(c));
  if (now.sha256 !== plannedSha) {
    throw new SquashbaseError('HISTORY_CHANGED', 'The remote history changed since the interrupted run planned; it cannot be resumed.', {
      hint: 'Roll it back (nothing outside the archive directory changed yet) and start again.',
    });
  }
  return { state: now };
}
