import { join } from 'node:path';
import { SquashbaseError } from '../../errors.js';
import { withClient } from '../../db/client.js';
import { exportHistory, writeHistoryExport } from '../../history/export-history.js';
import { assertNotTransactionPooler } from '../../history/pooler.js';
import { splitLikeSupabaseCli } from '../../migrations/split.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { writeFileAtomic } from '../../util/fs-atomic.js';
import { sha256Hex } from '../../archive/manifest.js';
import { saveDataCheck } from '../../safety/check-data.js';
import type { Snapshot } from '../../introspect/snapshot-types.js';
import { progress, type RunState } from '../context.js';
import type { StepOutputs } from '../step-outputs.js';
import type { StageBaseline, VerifyBaseline, VerifyStageOptions } from './stages.js';
import { generateBaseline } from '../../baseline/generate-baseline.js';
import type { PlatformDelta } from '../../platform-delta/delta-types.js';

export const HISTORY_EXPORT_FILE = 'history-export.json';
export const SNAPSHOT_FILE = 'live-snapshot.json';
export const STAGED_BASELINE_FILE = 'baseline.sql';
export const REPORT_DIR = 'report';
export const DATA_CHECK_BEFORE_FILE = 'data-check-before.json';
export const DATA_CHECK_AFTER_FILE = 'data-check-after.json';

/** Preflight: SAFETY's checks plus the write-path checks consolidate owns (pooler). */
export async function preflightStep(state: RunState): Promise<StepOutputs['preflight']> {
  const o = state.options;
  assertNotTransactionPooler(o.target);
  progress(state, 'preflight: checking the target, privileges, locks, disk and git');
  const result = await state.stages.preflight({ target: o.target, workdir: state.workdir, archiveDir: state.archiveRoot });
  // Git state is decided by the plan (with --allow-dirty as the recorded override).
  const failed = result.checks.filter((c) => c.status === 'fail' && c.id !== 'git-state');
  // A missing history table is handled by --create-history-table at record time.
  const blocking = failed.filter((c) => !(c.id === 'history-privileges' && !state.history.shape.tableExists && o.createHistoryTable));
  for (const c of result.checks.filter((x) => x.status === 'warn')) state.warnings.push(`preflight ${c.id}: ${c.message}`);
  state.preflight = result;
  if (blocking.length > 0) {
    throw new SquashbaseError('PRECONDITION_FAILED', `Preflight failed:\n${blocking.map((c) => `  - ${c.id}: ${c.message}${c.hint ? `\n    hint: ${c.hint}` : ''}`).join('\n')}`, {
      hint: 'Nothing was changed. Fix the listed problems and run again.',
      details: { checks: blocking },
    });
  }
  const lint = await lintForConsolidation(state);
  return { ok: true, checks: result.checks.map((c) => ({ id: c.id, status: c.status, message: c.message })), lint };
}

/**
 * `squashbase lint` over the history being consolidated and on live (read-only). Its findings
 * are what a reviewer should know before the history disappears into the archive — data the
 * baseline does not carry (C004), changes to the public schema (C014), destructive steps,
 * security lints — so each unsuppressed warning or error becomes a warning of the run. They do
 * not block: what would break the baseline (syntax, encoding) already fails the replay.
 */
async function lintForConsolidation(state: RunState): Promise<StepOutputs['preflight']['lint']> {
  progress(state, 'preflight: linting the history and live (read-only)');
  const r = await state.stages.lint({ target: state.options.target, workdir: state.workdir });
  for (const f of r.findings) {
    if (f.suppressed || f.severity === 'info') continue;
    const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : (f.object ?? 'live');
    state.warnings.push(`lint ${f.rule} ${where}: ${f.message}`);
  }
  return { errors: r.summary.error, warnings: r.summary.warn, infos: r.summary.info, suppressed: r.summary.suppressed };
}

/** Backup of what will change: every history row, every column, hashed (I4). */
export async function backupStep(state: RunState): Promise<StepOutputs['backup']> {
  const exp = await withClient(state.options.target, (c) => exportHistory(c), { applicationName: 'squashbase/export' });
  if (exp.sha256 !== state.history.sha256) {
    throw new SquashbaseError('HISTORY_CHANGED', 'supabase_migrations.schema_migrations changed while consolidate was planning. Nothing was changed.', {
      hint: 'Someone pushed or repaired at the same time; run consolidate again.',
    });
  }
  state.exported = exp;
  if (state.options.apply) {
    state.exportFile = await writeHistoryExport(join(state.archiveDir, HISTORY_EXPORT_FILE), exp);
    progress(state, `backup: ${exp.rowCount} history row(s) exported to ${HISTORY_EXPORT_FILE}`);
  }
  // Row counts, orphaned rows and duplicates now, to compare after the record step: the report
  // then shows that consolidating changed no data.
  progress(state, 'backup: checking the data (row counts, orphaned rows, duplicates; read-only)');
  state.dataBefore = await state.stages.checkData(state.options.target);
  if (state.options.apply) await saveDataCheck(state.dataBefore, join(state.archiveDir, DATA_CHECK_BEFORE_FILE));
  return {
    file: HISTORY_EXPORT_FILE,
    rowCount: exp.rowCount,
    historySha256: exp.sha256,
    fileSha256: state.exportFile?.fileSha256 ?? null,
    dataCheck: { file: DATA_CHECK_BEFORE_FILE, ...state.dataBefore.summary },
  };
}

/**
 * No blind spots: a baseline that leaves live objects out (the census's not-modelled list) is
 * recorded only with --allow-unmodelled, and then every such object is named in the manifest.
 */
function unmodelledGate(state: RunState, snapshot: Snapshot): void {
  const missing = snapshot.notModelled ?? [];
  if (missing.length === 0) return;
  const names = missing.map((n) => n.identity);
  const shown = names.slice(0, 10).join('; ') + (names.length > 10 ? `; … ${names.length - 10} more` : '');
  if (!state.options.allowUnmodelled) {
    throw new SquashbaseError('PRECONDITION_FAILED', `Live has ${missing.length} object(s) squashbase does not model, so the baseline would leave them out: ${shown}.`, {
      hint: 'See them with `squashbase inspect`. Re-run with --allow-unmodelled to record the baseline anyway (each object is named in the manifest), and keep or hand-write the SQL that creates them.',
      details: { notModelled: names },
    });
  }
  state.plan.overrides.push({ flag: '--allow-unmodelled', reason: `live has ${missing.length} object(s) the baseline does not contain (not modelled)`, details: missing });
  progress(state, `inspect: ${missing.length} object(s) are not modelled and not in the baseline (--allow-unmodelled): ${shown}`);
}

/** Introspect live (read-only) and keep the snapshot beside the archive. */
export async function inspectStep(state: RunState): Promise<StepOutputs['inspect']> {
  progress(state, 'inspect: reading the live schema (read-only)');
  const snapshot = await state.stages.inspect(state.options.target, (m) => progress(state, `inspect: ${m}`));
  state.snapshot = snapshot;
  let fileSha256: string | null = null;
  if (state.options.apply) {
    const text = canonicalJson(snapshot);
    await writeFileAtomic(join(state.archiveDir, SNAPSHOT_FILE), text);
    fileSha256 = sha256Hex(text);
  }
  unmodelledGate(state, snapshot);
  return { file: SNAPSHOT_FILE, fileSha256, objects: snapshot.objects.length };
}

/**
 * Platform changes the baseline cannot carry safely (a dropped platform table a platform upgrade
 * recreates, a change squashbase cannot render) or leaves out on request: consolidate records
 * them, and the first kind needs --accept-platform-delta.
 */
function platformDeltaGate(state: RunState, d: StageBaseline['platformDelta']): void {
  if (!d) return;
  const limited = [...d.carried, ...d.leftOut].filter((i) => i.limit);
  const leftOut = state.options.platformDelta === false ? d.leftOut : [];
  if (leftOut.length) {
    state.plan.overrides.push({ flag: '--no-platform-delta', reason: `the baseline leaves out ${leftOut.length} platform change(s) of the project`, details: leftOut.map((i) => `${i.change} ${i.id}`) });
  }
  if (!limited.length) return;
  const shown = limited.map((i) => `${i.change} ${i.id}: ${i.limit}`);
  if (!state.options.acceptPlatformDelta) {
    throw new SquashbaseError('PRECONDITION_FAILED', `The baseline cannot carry ${limited.length} platform change(s) safely:\n${shown.map((l) => `  - ${l}`).join('\n')}`, {
      hint: 'See them in the parity report ("Platform changes"). Re-run with --accept-platform-delta to record the baseline anyway (each change is named in the manifest).',
    });
  }
  state.plan.overrides.push({ flag: '--accept-platform-delta', reason: `${limited.length} platform change(s) the baseline cannot carry safely`, details: shown });
}

/**
 * Generate the baseline from the live snapshot and stage it in the archive directory. It is made
 * inside parity's shadow, from the platform delta measured there, and verified in the same
 * pass: the parity step then only judges the report (on resume, it verifies the staged file).
 */
export async function baselineStep(state: RunState): Promise<StepOutputs['baseline']> {
  const live = state.snapshot;
  if (!live) throw new SquashbaseError('INTERNAL', 'baseline step without a snapshot');
  const { version, name } = state.plan.baseline;
  const made: StageBaseline[] = [];
  const generate = (delta: PlatformDelta | null): StageBaseline => {
    const r = generateBaseline(live, {
      version,
      name,
      // Every replaced version, the baseline's own included (it replaces that file too).
      consolidates: state.plan.replacedVersions,
      source: state.options.target.display,
      runId: state.runId,
      ...(delta ? { platformDelta: delta, carryPlatformDelta: state.options.platformDelta !== false } : {}),
    });
    const b: StageBaseline = { sql: r.sql, fileName: r.fileName, version: r.version, name: r.name, warnings: r.warnings, platformDelta: r.platformDelta };
    // Refused before the baseline is applied: nothing else is built for a baseline that will not be recorded.
    platformDeltaGate(state, b.platformDelta);
    made.push(b);
    return b;
  };
  const { report } = await state.stages.verify(verifyOptions(state, live, { generate }));
  const b = made[0];
  if (!b) throw new SquashbaseError('INTERNAL', 'parity returned without generating the baseline');
  if (b.version !== state.plan.baseline.version) {
    throw new SquashbaseError('INTERNAL', `The baseline generator chose version ${b.version}, consolidate planned ${state.plan.baseline.version}.`);
  }
  state.plan.baseline = { version: b.version, name: b.name, fileName: b.fileName };
  const statements = splitLikeSupabaseCli(b.sql);
  state.baseline = { ...b, statements, sha256: sha256Hex(b.sql) };
  state.verified = report;
  state.warnings.push(...b.warnings.map((w) => `baseline: ${w}`));
  if (state.options.apply) await writeFileAtomic(join(state.archiveDir, STAGED_BASELINE_FILE), b.sql);
  progress(state, `baseline: ${b.fileName} (${statements.length} statements)`);
  return { fileName: b.fileName, version: b.version, name: b.name, sha256: state.baseline.sha256, statements: statements.length, staged: STAGED_BASELINE_FILE };
}

/** What parity needs from the run, for a baseline to generate or the staged one. */
export function verifyOptions(state: RunState, live: Snapshot, baseline: VerifyBaseline): VerifyStageOptions {
  const o = state.options;
  if (!state.migrations) throw new SquashbaseError('INTERNAL', 'parity without the migrations read by prepare');
  return {
    target: o.target,
    workdir: state.workdir,
    live,
    migrations: state.migrations,
    baseline,
    allowDrift: Boolean(o.allowDrift),
    allowVersionMismatch: Boolean(o.allowVersionMismatch),
    shadow: { ...(o.shadow ?? { provider: 'embedded' }), ...(state.launch ? { launched: state.launch } : {}) },
    platformDelta: o.platformDelta !== false,
    onProgress: (m) => progress(state, `parity: ${m}`),
  };
}
