import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SquashbaseError, isSquashbaseError } from '../errors.js';
import { renderSqlSteps } from '../history/sql-plan.js';
import { MANIFEST_FILE } from '../archive/manifest.js';
import { VERSION } from '../version.js';
import type { ConsolidateOptions, RunState } from './context.js';
import { JOURNAL_FORMAT, JOURNAL_VERSION, STEPS, findJournals, readJournal, recordStep as journalStep, stepDone, writeJournal, type Journal, type StepName } from './journal.js';
import { blockingRefusals, type ConsolidationPlan } from './plan.js';
import { loadResumeState } from './resume.js';
import { acquireRunLock } from './run-lock.js';
import { setAsideEarlierRun } from './previous-runs.js';
import { prepare } from './steps/prepare.js';
import { backupStep, baselineStep, inspectStep, preflightStep } from './steps/read-steps.js';
import { parityStep } from './steps/parity-step.js';
import { archivePlanOf, archiveStep, recordPlanOf, recordStep } from './steps/write-steps.js';
import type { Journaled, RecordDataCheck, StepOutputs } from './step-outputs.js';

export interface ConsolidateResult {
  mode: 'dry-run' | 'applied';
  resumed: boolean;
  runId: string;
  target: string;
  workdir: string;
  archiveDir: string;
  plan: ConsolidationPlan;
  baseline: { fileName: string; version: string; name: string; sha256: string; statements: number; sql: string } | null;
  /** What moves where (relative to workdir). */
  moves: { from: string; to: string; sha256: string }[];
  /** The exact statements of the production write, every parameter in full. */
  recordSql: string;
  /** The same, with very long parameters (the baseline's statements) summarised by sha256. */
  recordSqlSummary: string;
  recordNotes: string[];
  parity: { verdict: string; summary: string; reports: { path: string; sha256: string }[] } | null;
  preflight: { id: string; status: string; message: string }[];
  record: Journaled<'record'> | null;
  /** check-data before vs after the run (files in the archive directory); null in a dry run. */
  dataCheck: RecordDataCheck | null;
  warnings: string[];
  timings: Record<string, number>;
}

/** The steps the loop runs ('planned' and 'done' are journaled by runSteps itself). */
type LoopStep = Exclude<StepName, 'planned' | 'done'>;

const STEP_FNS: { [K in LoopStep]: (s: RunState) => Promise<StepOutputs[K]> } = {
  preflight: preflightStep,
  backup: backupStep,
  inspect: inspectStep,
  baseline: baselineStep,
  parity: parityStep,
  archive: archiveStep,
  record: recordStep,
};

/** Steps that only read production and write inside the archive directory. */
const READ_ONLY_STEPS: StepName[] = ['preflight', 'backup', 'inspect', 'baseline', 'parity'];

function isLoopStep(step: StepName): step is LoopStep {
  return step !== 'planned' && step !== 'done';
}

/** Runs one step and journals its output with its duration (apply only: a dry run has no journal). */
async function runStep<K extends LoopStep>(state: RunState, step: K, env: NodeJS.ProcessEnv): Promise<void> {
  const t0 = Date.now();
  const output = await STEP_FNS[step](state);
  const durationMs = Date.now() - t0;
  state.timings[step] = durationMs;
  if (state.journal) await journalStep(state.journal, step, { ...output, durationMs }, env);
}

function refuse(plan: ConsolidationPlan): void {
  const blocking = blockingRefusals(plan);
  if (blocking.length === 0) return;
  const lines = blocking.map((r) => `  - ${r.message}${r.override ? ` (override: ${r.override})` : ''}`);
  throw new SquashbaseError('PRECONDITION_FAILED', `consolidate refuses to run:\n${lines.join('\n')}`, {
    hint: 'Nothing was changed. Each override is recorded in the manifest and the report.',
    details: { refusals: blocking },
  });
}

/**
 * `squashbase consolidate`: preflight → backup → inspect → baseline → parity gate → archive →
 * record, journaled step by step in <archive>/journal.json. Without `apply` it is a dry run
 * that changes nothing and returns the plan, the moves, the baseline and the exact SQL.
 */
export async function runConsolidate(options: ConsolidateOptions): Promise<ConsolidateResult> {
  const env = options.env ?? process.env;
  let state: RunState;
  let resumed = false;
  if (options.resume) {
    state = await loadResumeState(options);
    resumed = true;
  } else {
    state = await prepare(options);
    await refuseIfInterrupted(state);
    refuse(state.plan);
    if (!state.history.shape.tableExists && !options.createHistoryTable) {
      throw new SquashbaseError('PRECONDITION_FAILED', 'supabase_migrations.schema_migrations does not exist on the target.', {
        hint: "Pass --create-history-table to create it with the Supabase CLI's own DDL inside the record transaction. Nothing was changed.",
      });
    }
  }
  if (options.apply && options.confirm) {
    const ok = await options.confirm({
      target: options.target.display,
      baselineFileName: state.plan.baseline.fileName,
      files: state.plan.files.length,
      replacedVersions: state.plan.replacedVersions,
      archiveDir: relative(state.workdir, state.archiveDir) || '.',
    });
    if (!ok) throw new SquashbaseError('ABORTED', 'Not confirmed; nothing was changed.', { hint: 'Pass --yes to confirm non-interactively.' });
  }
  const release = options.apply ? await acquireRunLock(state.archiveRoot, { runId: state.runId, command: 'consolidate' }, (m) => state.warnings.push(m)) : undefined;
  try {
    // The shadow server starts now, while preflight, lint, backup and inspect read production.
    if (!resumed && state.liveMajor !== undefined) {
      const shadow = options.shadow ?? { provider: 'embedded' as const };
      state.launch = state.stages.verify.launch?.({ shadow, major: shadow.major ?? state.liveMajor, target: options.target, allowVersionMismatch: Boolean(options.allowVersionMismatch) });
    }
    const earlier = options.apply && !resumed ? await guardExistingRun(state) : undefined;
    return await runSteps(state, resumed, env, earlier);
  } finally {
    await state.launch?.release();
    await release?.();
  }
}

async function runSteps(state: RunState, resumed: boolean, env: NodeJS.ProcessEnv, earlier?: EarlierRun): Promise<ConsolidateResult> {
  const options = state.options;
  if (options.apply && !state.journal) {
    // Preflight first, with nothing written: a refused run (read-only role, pooler, …) leaves
    // the archive directory — an earlier run's evidence included — exactly as it was.
    const t0 = Date.now();
    const preflight = await preflightStep(state);
    const preflightMs = Date.now() - t0;
    state.timings['preflight'] = preflightMs;
    const keptAt = earlier ? await setAsideEarlierRun(state.archiveDir, earlier.runId) : undefined;
    const earlierRun = earlier && keptAt ? { runId: earlier.runId, status: earlier.status, keptAt } : undefined;
    if (earlierRun) state.warnings.push(`The earlier ${earlierRun.status} run's files (run ${earlierRun.runId}) were moved to ${relative(state.workdir, join(state.archiveDir, earlierRun.keptAt))}.`);
    const journal = newJournal(state);
    state.journal = journal;
    await journalStep(journal, 'planned', { plan: state.plan, history: { sha256: state.history.sha256, versions: state.history.versions, shape: state.history.shape.kind }, ...(earlierRun ? { earlierRun } : {}) }, env);
    await journalStep(journal, 'preflight', { ...preflight, durationMs: preflightMs }, env);
  }
  const start = state.journal ? STEPS.indexOf(nextOf(state.journal)) : 1;
  for (const step of STEPS.slice(start)) {
    if (!isLoopStep(step)) break;
    if (!options.apply && !READ_ONLY_STEPS.includes(step)) break;
    try {
      await runStep(state, step, env);
    } catch (err) {
      if (!state.journal || !isSquashbaseError(err)) throw err;
      const nothingMoved = READ_ONLY_STEPS.includes(step) || (step === 'archive' && !existsSync(join(state.archiveDir, MANIFEST_FILE)));
      if (nothingMoved) {
        await markFailed(state.journal, step, err);
        throw err;
      }
      throw interrupted(state, step, err);
    }
  }
  if (state.journal && state.journal.status !== 'done') await journalStep(state.journal, 'done', { timings: state.timings }, env);
  return resultOf(state, resumed);
}

function nextOf(j: Journal): StepName {
  for (const s of STEPS) if (!stepDone(j, s)) return s;
  return 'done';
}

function newJournal(state: RunState): Journal {
  const now = new Date().toISOString();
  const o = state.options;
  return {
    format: JOURNAL_FORMAT,
    journalVersion: JOURNAL_VERSION,
    runId: state.runId,
    status: 'running',
    createdAt: now,
    updatedAt: now,
    target: o.target.display,
    workdir: state.workdir,
    archiveDir: state.archiveDir,
    baseline: state.plan.baseline,
    options: {
      tool: VERSION,
      allowDirty: Boolean(o.allowDirty),
      allowUnsynced: Boolean(o.allowUnsynced),
      allowVersionMismatch: Boolean(o.allowVersionMismatch),
      allowDrift: Boolean(o.allowDrift),
      allowUnmodelled: Boolean(o.allowUnmodelled),
      createHistoryTable: Boolean(o.createHistoryTable),
      upgradeHistoryTable: Boolean(o.upgradeHistoryTable),
      archiveRoot: state.archiveRoot,
      shadow: o.shadow ? { provider: o.shadow.provider, major: o.shadow.major ?? null } : null,
    },
    steps: [],
  };
}

/**
 * An interrupted run that got past parity (files may have moved, the history may be written)
 * must be finished or undone first — planning over its half-moved files would mislead (exit 40).
 */
async function refuseIfInterrupted(state: RunState): Promise<void> {
  for (const j of await findJournals(state.archiveRoot)) {
    if (j.status !== 'running' || !stepDone(j, 'parity')) continue;
    const dir = relative(state.workdir, j.archiveDir);
    throw new SquashbaseError('PARTIAL_STATE', `An interrupted consolidation (run ${j.runId}, last step ${j.steps[j.steps.length - 1]?.step}) is in ${dir}.`, {
      hint: `Complete it with \`squashbase consolidate --resume --db-url …\`, or undo it with \`squashbase rollback --archive ${dir} --db-url … --apply\`.`,
    });
  }
}

/** An earlier run in the archive directory that changed nothing outside it (set aside once this run starts). */
interface EarlierRun {
  runId: string;
  status: string;
}

/**
 * A previous run in the same archive directory: resume or roll back a completed or interrupted
 * one (refused here, read-only); a failed or rolled-back one is set aside into
 * previous-runs/<runId>/ once this run passes preflight — its files are evidence, never deleted.
 * Files without a journal are set aside too.
 */
async function guardExistingRun(state: RunState): Promise<EarlierRun | undefined> {
  const j = await readJournal(state.archiveDir);
  if (!j) return existsSync(state.archiveDir) ? { runId: `unjournaled-${state.runId}`, status: 'unjournaled' } : undefined;
  if (j.status === 'done') {
    throw new SquashbaseError('PRECONDITION_FAILED', `${relative(state.workdir, state.archiveDir)} already holds a completed consolidation (run ${j.runId}).`, {
      hint: 'Nothing to do. To undo it: squashbase rollback --archive ' + relative(state.workdir, state.archiveDir) + ' --apply',
    });
  }
  if (j.status === 'running' && stepDone(j, 'parity') !== undefined) {
    throw new SquashbaseError('PARTIAL_STATE', `An interrupted consolidation (run ${j.runId}, last step ${j.steps[j.steps.length - 1]?.step}) is in ${relative(state.workdir, state.archiveDir)}.`, {
      hint: 'Complete it with `squashbase consolidate --resume --apply`, or undo it with `squashbase rollback --archive ' + relative(state.workdir, state.archiveDir) + ' --apply`.',
    });
  }
  return { runId: j.runId, status: j.status };
}

/** A failure after files moved: the run is resumable; say how to finish or undo it. */
function interrupted(state: RunState, step: StepName, err: SquashbaseError): SquashbaseError {
  const dir = relative(state.workdir, state.archiveDir);
  const how = `The ${step} step did not complete; the run is journaled in ${dir}/journal.json. Fix the cause and run \`squashbase consolidate --resume --db-url …\`, or undo everything with \`squashbase rollback --archive ${dir} --db-url … --apply\`.`;
  return new SquashbaseError(err.code, err.message, { hint: err.hint ? `${err.hint}\n${how}` : how, cause: err, ...(err.details ? { details: err.details } : {}) });
}

async function markFailed(j: Journal, step: StepName, err: SquashbaseError): Promise<void> {
  j.status = 'failed';
  j.failure = { step, code: err.code, message: err.message, at: new Date().toISOString() };
  await writeJournal(j).catch(() => undefined);
}

function resultOf(state: RunState, resumed: boolean): ConsolidateResult {
  let moves: ConsolidateResult['moves'] = [];
  let recordSql = '';
  let recordSqlSummary = '';
  let recordNotes: string[] = [];
  if (state.baseline) {
    moves = archivePlanOf(state).moves.map((m) => ({ from: relative(state.workdir, m.from), to: relative(state.workdir, m.to), sha256: m.sha256 }));
    const rp = recordPlanOf(state);
    recordSql = renderSqlSteps(rp.steps);
    recordSqlSummary = renderSqlSteps(rp.steps, { maxParamChars: 1000 });
    recordNotes = rp.notes;
  }
  const recordOut = state.journal ? stepDone(state.journal, 'record')?.output ?? null : null;
  return {
    mode: state.options.apply ? 'applied' : 'dry-run',
    resumed,
    runId: state.runId,
    target: state.options.target.display,
    workdir: state.workdir,
    archiveDir: relative(state.workdir, state.archiveDir),
    plan: state.plan,
    baseline: state.baseline ? { fileName: state.baseline.fileName, version: state.baseline.version, name: state.baseline.name, sha256: state.baseline.sha256, statements: state.baseline.statements.length, sql: state.baseline.sql } : null,
    moves,
    recordSql,
    recordSqlSummary,
    recordNotes,
    parity: state.parity ? { verdict: state.parity.verdict, summary: state.parity.summary, reports: state.parity.reportFiles } : null,
    preflight: (state.preflight?.checks ?? []).map((c) => ({ id: c.id, status: c.status, message: c.message })),
    record: recordOut,
    dataCheck: recordOut?.dataCheck ?? null,
    warnings: state.warnings,
    timings: state.timings,
  };
}
