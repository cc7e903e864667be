import { createHash } from 'node:crypto';
import { TRY_LOCK_SQL } from './advisory-lock.js';

/** One statement squashbase sends to production, with its bind parameters and why. */
export interface SqlStep {
  sql: string;
  params?: unknown[];
  purpose: string;
  /** `poll`: repeated with backoff until granted; `check`: a read whose result is verified in code. */
  kind?: 'write' | 'read' | 'poll' | 'check' | 'control';
}

/** Transaction prologue shared by record and restore: short timeouts, then the polled lock. */
export function prologue(lockTimeoutMs: number, statementTimeoutMs: number): SqlStep[] {
  return [
    { sql: 'BEGIN', purpose: 'one transaction: the history is exactly old or exactly new (I2)', kind: 'control' },
    { sql: `SET LOCAL lock_timeout = '${Math.max(1, Math.floor(lockTimeoutMs))}ms'`, purpose: 'never queue behind other locks for long', kind: 'control' },
    { sql: `SET LOCAL statement_timeout = '${Math.max(1, Math.floor(statementTimeoutMs))}ms'`, purpose: 'bound every statement', kind: 'control' },
    { sql: TRY_LOCK_SQL, purpose: 'transaction-scoped advisory lock, polled with backoff (never blocking, never a session lock)', kind: 'poll' },
  ];
}

/**
 * Renders steps as SQL text a human can read and re-run: each statement, terminated, with its
 * parameters as comments. Deterministic.
 */
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
