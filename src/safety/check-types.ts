/** Shared result shapes for the safety checks (preflight, backup verification, check-data). */

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One check: a stable id, a verdict, what was found, and what to do about it. */
export interface CheckResult {
  id: string;
  status: CheckStatus;
  message: string;
  hint?: string;
  /** JSON-serialisable specifics (never secrets). */
  details?: Record<string, unknown>;
}

/** The worst status of a list (fail > warn > pass). */
export function worstStatus(statuses: CheckStatus[]): CheckStatus {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('warn')) return 'warn';
  return 'pass';
}
