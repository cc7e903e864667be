import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { SquashbaseError } from '../../errors.js';
import { sha256Hex } from '../../archive/manifest.js';
import { progress, type RunState } from '../context.js';
import type { StepOutputs } from '../step-outputs.js';
import { REPORT_DIR, verifyOptions } from './read-steps.js';

/**
 * The parity gate (R1): nothing irreversible happens unless the baseline rebuilds live
 * exactly. Drift (live ≠ history) needs --allow-drift; an unfaithful baseline (live ≠
 * baseline) is never overridable.
 */
export async function parityStep(state: RunState): Promise<StepOutputs['parity']> {
  const o = state.options;
  if (!state.snapshot || !state.baseline) throw new SquashbaseError('INTERNAL', 'parity step without a snapshot or baseline');
  let report = state.verified;
  if (!report) {
    // Resumed after the baseline step: verify the staged file itself.
    progress(state, 'parity: replaying the history and the baseline in shadow databases');
    ({ report } = await state.stages.verify(verifyOptions(state, state.snapshot, { sql: state.baseline.sql, fileName: state.baseline.fileName })));
  }
  const reportFiles: { path: string; sha256: string }[] = [];
  if (o.apply) {
    const dir = join(state.archiveDir, REPORT_DIR);
    for (const p of await state.stages.writeReports(report, dir)) {
      reportFiles.push({ path: relative(state.archiveDir, p), sha256: sha256Hex(await readFile(p)) });
    }
  }
  const v = report.verdict;
  state.parity = { report, verdict: v.status, summary: v.summary, reportFiles };
  const versionMismatch = report.postgres.versionMismatch;
  if (versionMismatch && o.allowVersionMismatch) {
    state.plan.overrides.push({ flag: '--allow-version-mismatch', reason: 'the shadow runs a different Postgres major than live', details: versionMismatch });
  }
  if (v.status === 'drift_allowed') {
    state.plan.overrides.push({ flag: '--allow-drift', reason: 'live differs from the replayed history (drift); the baseline follows live', details: { summary: v.summary } });
  }
  const where = reportFiles.length ? ` See ${join(relative(state.workdir, state.archiveDir), REPORT_DIR)}/report.md.` : '';
  switch (v.status) {
    case 'pass':
    case 'drift_allowed':
      progress(state, `parity: ${v.summary}`);
      break;
    case 'drift':
      throw new SquashbaseError('DRIFT_DETECTED', `Parity: ${v.summary}${where}`, { hint: 'The baseline follows live. If the drift is expected (dashboard edits), re-run with --allow-drift; it is recorded in the manifest.' });
    case 'unfaithful':
      throw new SquashbaseError('BASELINE_UNFAITHFUL', `Parity: ${v.summary}${where}`, { hint: 'The baseline would not rebuild production. This cannot be overridden; please report it with the parity report.' });
    case 'replay_failed':
      throw new SquashbaseError('REPLAY_FAILED', `Parity: ${v.summary}${failureCause(report)}${where}`);
    case 'parity_disagrees':
      throw new SquashbaseError('PARITY_DISAGREEMENT', `Parity: ${v.summary}${where}`, { hint: 'Nothing was changed. pg_dump sees a difference the snapshot comparison does not: please report it with the parity report.' });
    case 'baseline_failed':
      throw new SquashbaseError('BASELINE_FAILED', `Parity: ${v.summary}${failureCause(report)}${where}`);
    default:
      throw new SquashbaseError('INTERNAL', `Parity returned an unknown verdict ${v.status}.`);
  }
  return { verdict: v.status, summary: v.summary, reports: reportFiles };
}

/** Why the replay or the baseline failed in the shadow (the file, line and error), for the refusal message. */
function failureCause(report: NonNullable<RunState['parity']>['report']): string {
  if (!report) return '';
  const failed = report.replay?.files.find((f) => f.status === 'failed');
  if (report.verdict.status === 'replay_failed' && failed?.error) return `\n  ${failed.fileName}:${failed.error.line}:${failed.error.column}: ${failed.error.message}`;
  if (report.verdict.status === 'baseline_failed' && report.baseline?.error) return `\n  ${report.baseline.error}`;
  return '';
}
