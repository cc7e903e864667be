import type { VerdictStatus } from '../parity/report-model.js';

/** Short titles for verdicts, shared by every renderer. */
export const VERDICT_TITLES: Record<VerdictStatus, string> = {
  pass: 'PASS',
  drift: 'DRIFT',
  drift_allowed: 'PASS WITH DRIFT (allowed)',
  unfaithful: 'BASELINE UNFAITHFUL',
  replay_failed: 'REPLAY FAILED',
  baseline_failed: 'BASELINE FAILED',
  parity_disagrees: 'PARITY DISAGREES WITH PG_DUMP',
};

/** pass = green, warn = amber (drift), fail = red. */
export function verdictTone(status: VerdictStatus): 'pass' | 'warn' | 'fail' {
  if (status === 'pass') return 'pass';
  if (status === 'drift' || status === 'drift_allowed') return 'warn';
  return 'fail';
}

/** Milliseconds as "850 ms" / "12.3 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
