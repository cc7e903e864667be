import { createHash } from 'node:crypto';
import { TRY_LOCK_SQL } from './advisory-lock.js';
import { SquashbaseError } from '../errors.js';

/**
 * What a statement does in a write transaction: the executor finds each step by its role, never
 * by its position in the plan.
 */
export type SqlStepRole = 'begin' | 'lock-timeout' | 'statement-timeout' | 'lock' | 'reread' | 'write' | 'verify' | 'commit';

/** One statement squashbase sends to production, with its bind parameters and why. */
export interface SqlStep {
  role: SqlStepRole;
  sql: string;
  params?: unknown[];
  purpose: string;
  /** `poll`: repeated with backoff until granted; `check`: a read whose result is verified in code. */
  kind?: 'write' | 'read' | 'poll' | 'check' | 'control';
}

/** Transaction prologue shared by record and restore: short timeouts, then the polled lock. */
export function prologue(lockTimeoutMs: number, statementTimeoutMs: number): SqlStep[] {
  return [
    { role: 'begin', sql: 'BEGIN', purpose: 'one transaction: the history is exactly old or exactly new (I2)', kind: 'control' },
    { role: 'lock-timeout', sql: `SET LOCAL lock_timeout = '${Math.max(1, Math.floor(lockTimeoutMs))}ms'`, purpose: 'never queue behind other locks for long', kind: 'control' },
    { role: 'statement-timeout', sql: `SET LOCAL statement_timeout = '${Math.max(1, Math.floor(statementTimeoutMs))}ms'`, purpose: 'bound every statement', kind: 'control' },
    { role: 'lock', sql: TRY_LOCK_SQL, purpose: 'transaction-scoped advisory lock, polled with backoff (never blocking, never a session lock)', kind: 'poll' },
  ];
}

/**
 * Renders steps as SQL text a human can read and re-run: each statement, terminated, with its
 * parameters as comments. Deterministic.
 */
/** The one step of `role` in a plan (an INTERNAL error if the plan has none or several). */
export function stepWithRole(steps: readonly SqlStep[], role: Exclude<SqlStepRole, 'write'>): SqlStep {
  const found = steps.filter((s) => s.role === role);
  if (found.length !== 1) throw new SquashbaseError('INTERNAL', `A write plan has ${found.length} ${role} step(s); expected one.`);
  return found[0] as SqlStep;
}

export function renderSqlSteps(steps: SqlStep[], options: { maxParamChars?: number } = {}): string {
  const out: string[] = [];
  for (const s of steps) {
    out.push(`-- ${s.purpose}`);
    out.push(s.sql.trimEnd() + ';');
    (s.params ?? []).forEach((p, i) => out.push(`--   $${i + 1} = ${renderParam(p, options.maxParamChars)}`));
  }
  return out.join('\n') + '\n';
}

/** A bind parameter as JSON; with a limit, long values are summarised by size and sha256. */
function renderParam(p: unknown, max?: number): string {
  const json = JSON.stringify(p);
  if (max === undefined || json.length <= max) return json;
  const digest = createHash('sha256').update(json).digest('hex');
  const items = Array.isArray(p) ? `${p.length} items, ` : '';
  return `<${items}${json.length} characters of JSON, sha256 ${digest}; the full value is in --json output and manifest.json>`;
}
