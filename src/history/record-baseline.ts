import { isDeepStrictEqual } from 'node:util';
import type { ConnectionTarget } from '../db/connection.js';
import { connect, sanitizeCause, type Client } from '../db/client.js';
import { SquashbaseError, isPgError, isSquashbaseError } from '../errors.js';
import {
  ADD_NAME_COLUMN,
  ADD_STATEMENTS_COLUMN,
  CREATE_HISTORY_SCHEMA,
  CREATE_HISTORY_TABLE,
  DELETE_VERSIONS_SQL,
  INSERT_VERSION_SQL,
} from '../migrations/cli-history.js';
import { acquireHistoryLock } from './advisory-lock.js';
import { HISTORY_QUALIFIED, missingCliColumns, type HistoryShape } from './history-shape.js';
import { assertNotTransactionPooler } from './pooler.js';
import { readHistory, statementsHash, type HistoryRow, type HistoryState } from './read-history.js';
import { prologue, stepWithRole, type SqlStep, type SqlStepRole } from './sql-plan.js';

/** The row the baseline gets, exactly as `supabase db push` would write it for the file. */
export interface BaselineRow {
  version: string;
  name: string;
  /** splitLikeSupabaseCli(file text). */
  statements: string[];
}

export interface RecordBaselineOptions {
  target: ConnectionTarget;
  baseline: BaselineRow;
  /** Versions whose rows the baseline replaces (all exported rows ≤ the baseline version). */
  replacedVersions: string[];
  /** historyHash of the preflight export; the transaction re-checks it (I4). */
  expectedExportHash: string;
  /** Consent to run the CLI's CREATE SCHEMA/TABLE IF NOT EXISTS when the table is missing. */
  createHistoryTable?: boolean;
  /** Consent to ADD COLUMN IF NOT EXISTS the CLI's columns on an older table shape. */
  applyIfOlderShape?: boolean;
  lockTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** How long to poll for the advisory lock. */
  lockWaitMs?: number;
  /** Test seam: runs inside the transaction, after the writes, before verification. */
  beforeVerify?: (client: Client) => Promise<void>;
}

export type ShapeAction = 'none' | 'created-table' | 'added-columns' | 'wrote-existing-columns';

export interface RecordPlan {
  steps: SqlStep[];
  shapeAction: ShapeAction;
  /** Columns the INSERT writes. */
  columns: string[];
  /** Plain-language notes (older shape handling, …). */
  notes: string[];
}

export interface RecordResult {
  status: 'recorded' | 'already-recorded';
  plan: RecordPlan;
  /** The steps actually sent (the plan, minus DDL that turned out unnecessary). */
  executed: SqlStep[];
  deletedVersions: string[];
  lockAttempts: number;
  after: { versions: string[]; sha256: string };
}

const DEFAULT_LOCK_TIMEOUT_MS = 3_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

/**
 * The exact statements recordBaseline sends for a given table shape — shown by the dry run and
 * stored in the manifest. Pure.
 */
export function planRecord(shape: HistoryShape, options: Pick<RecordBaselineOptions, 'baseline' | 'replacedVersions' | 'createHistoryTable' | 'applyIfOlderShape' | 'lockTimeoutMs' | 'statementTimeoutMs'>): RecordPlan {
  if (shape.unsupported) {
    throw new SquashbaseError('HISTORY_TABLE_UNSUPPORTED', `${HISTORY_QUALIFIED} has a shape squashbase cannot write safely: ${shape.unsupported}.`, {
      hint: 'Fix the table by hand (squashbase never drops or recreates it), or record the baseline with the Supabase CLI.',
      details: { shape },
    });
  }
  const notes: string[] = [];
  const steps = prologue(options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
  steps.push({
    role: 'reread',
    sql: `SELECT pg_catalog.to_jsonb(t) AS row FROM ${HISTORY_QUALIFIED} t ORDER BY t.version COLLATE "C"`,
    purpose: 're-read the history; its hash must equal the preflight export (else HISTORY_CHANGED)',
    kind: 'check',
  });
  let shapeAction: ShapeAction = 'none';
  let columns = ['version', 'name', 'statements'];
  if (!shape.tableExists) {
    if (!options.createHistoryTable) {
      throw new SquashbaseError('PRECONDITION_FAILED', `${HISTORY_QUALIFIED} does not exist on the target.`, {
        hint: 'Pass --create-history-table to create it with the Supabase CLI\'s own idempotent DDL inside the same transaction.',
      });
    }
    shapeAction = 'created-table';
    notes.push('The history table is missing: it is created with the Supabase CLI\'s DDL (CREATE … IF NOT EXISTS), inside the write transaction.');
    for (const sql of [CREATE_HISTORY_SCHEMA, CREATE_HISTORY_TABLE, ADD_STATEMENTS_COLUMN, ADD_NAME_COLUMN]) {
      steps.push({ role: 'write', sql, purpose: 'the Supabase CLI\'s CreateMigrationTable DDL (consented with --create-history-table)', kind: 'write' });
    }
  } else {
    const missing = missingCliColumns(shape);
    if (missing.length > 0 && options.applyIfOlderShape) {
      shapeAction = 'added-columns';
      notes.push(`The history table has an older shape (${shape.kind}); the CLI's ADD COLUMN IF NOT EXISTS adds: ${missing.join(', ')}.`);
      if (missing.includes('statements')) steps.push({ role: 'write', sql: ADD_STATEMENTS_COLUMN, purpose: 'the Supabase CLI\'s column upgrade (consented)', kind: 'write' });
      if (missing.includes('name')) steps.push({ role: 'write', sql: ADD_NAME_COLUMN, purpose: 'the Supabase CLI\'s column upgrade (consented)', kind: 'write' });
    } else if (missing.length > 0) {
      shapeAction = 'wrote-existing-columns';
      columns = columns.filter((c) => !missing.includes(c));
      notes.push(`The history table has an older shape (${shape.kind}); only its existing columns are written (${columns.join(', ')}). Pass --upgrade-history-table to add ${missing.join(', ')} the way the CLI does.`);
    }
    if (shape.extraColumns.length > 0) notes.push(`Extra columns kept (default/NULL for the baseline row; exported for every replaced row): ${shape.extraColumns.join(', ')}.`);
  }
  if (options.replacedVersions.length > 0) {
    steps.push({ role: 'write', sql: DELETE_VERSIONS_SQL, params: [[...options.replacedVersions]], purpose: 'remove the archived versions (their rows are in the manifest export)', kind: 'write' });
  }
  steps.push(insertStep(options.baseline, columns));
  steps.push({
    role: 'verify',
    sql: `SELECT pg_catalog.to_jsonb(t) AS row FROM ${HISTORY_QUALIFIED} t ORDER BY t.version COLLATE "C"`,
    purpose: 're-read and verify: the replaced rows are gone, the baseline row is exact, every other row unchanged',
    kind: 'check',
  });
  steps.push({ role: 'commit', sql: 'COMMIT', purpose: 'commit (an unknown outcome is resolved by re-reading, never by retrying)', kind: 'control' });
  return { steps, shapeAction, columns, notes };
}

function insertStep(b: BaselineRow, columns: string[]): SqlStep {
  const purpose = 'insert the baseline row exactly as `supabase db push` does';
  if (columns.length === 3) return { role: 'write', sql: INSERT_VERSION_SQL, params: [b.version, b.name, b.statements], purpose, kind: 'write' };
  const values: unknown[] = [b.version];
  if (columns.includes('statements')) values.push(b.statements);
  // Column names are fixed CLI names, never user input.
  const sql = `INSERT INTO ${HISTORY_QUALIFIED}(${columns.join(', ')}) VALUES(${values.map((_, i) => '$' + (i + 1)).join(', ')})`;
  return { role: 'write', sql, params: values, purpose: purpose + ' (older table shape: existing columns only)', kind: 'write' };
}

/** True when `row` is the baseline row (version, name, statements hash) for the columns the table has. */
export function isBaselineRow(row: HistoryRow, b: BaselineRow, shape: HistoryShape): boolean {
  if (row['version'] !== b.version) return false;
  if (shape.hasName && 'name' in row && row['name'] !== b.name) return false;
  if (shape.hasStatements && 'statements' in row && statementsHash(row['statements'] as string[] | null) !== statementsHash(b.statements)) return false;
  return true;
}

/**
 * Records the baseline in supabase_migrations.schema_migrations — squashbase's only production
 * write (S1–S4, S6). One transaction: short lock/statement timeouts, the polled advisory lock,
 * re-read + hash compare with the preflight export, delete the archived versions, insert the
 * baseline row as the CLI would, re-read and verify, commit. Idempotent: the same baseline
 * already recorded is success without a write; anything else unexpected is HISTORY_CHANGED.
 */
export async function recordBaseline(options: RecordBaselineOptions): Promise<RecordResult> {
  assertNotTransactionPooler(options.target);
  const client = await connect(options.target, { applicationName: 'squashbase/record' });
  const executed: SqlStep[] = [];
  let committing = false;
  try {
    const pre = await readHistory(client);
    const plan = planRecord(pre.shape, options);
    const step = (role: Exclude<SqlStepRole, 'write'>) => stepWithRole(plan.steps, role);
    for (const s of [step('begin'), step('lock-timeout'), step('statement-timeout')]) {
      await client.query(s.sql);
      executed.push(s);
    }
    let attempts = 0;
    try {
      attempts = (await acquireHistoryLock(client, { waitMs: options.lockWaitMs ?? 10_000 })).attempts;
      executed.push(step('lock'));
      const current = await readHistory(client);
      executed.push(step('reread'));
      if (alreadyRecorded(current, options)) {
        await client.query('ROLLBACK');
        return { status: 'already-recorded', plan, executed, deletedVersions: [], lockAttempts: attempts, after: { versions: current.versions, sha256: current.sha256 } };
      }
      if (current.sha256 !== options.expectedExportHash) {
        throw historyChanged(current, options);
      }
      for (const s of plan.steps.filter((x) => x.role === 'write')) {
        await client.query(s.sql, s.params as unknown[] | undefined);
        executed.push(s);
      }
      if (options.beforeVerify) await options.beforeVerify(client);
      const after = await readHistory(client);
      executed.push(step('verify'));
      verifyAfterRecord(pre, after, options);
      committing = true;
      await client.query('COMMIT');
      executed.push(step('commit'));
      return {
        status: 'recorded',
        plan,
        executed,
        deletedVersions: options.replacedVersions.filter((v) => current.versions.includes(v)),
        lockAttempts: attempts,
        after: { versions: after.versions, sha256: after.sha256 },
      };
    } catch (err) {
      if (!committing) await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } catch (err) {
    if (committing && !isSquashbaseError(err)) return resolveUnknownOutcome(options, err);
    throw translateWriteError(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function alreadyRecorded(current: HistoryState, o: RecordBaselineOptions): boolean {
  const row = current.rows.find((r) => r['version'] === o.baseline.version);
  if (!row || !isBaselineRow(row, o.baseline, current.shape)) return false;
  // The replaced rows must be gone too (the baseline version itself is now the baseline row).
  return !o.replacedVersions.some((v) => v !== o.baseline.version && current.versions.includes(v));
}

function historyChanged(current: HistoryState, o: RecordBaselineOptions): SquashbaseError {
  const row = current.rows.find((r) => r['version'] === o.baseline.version);
  const differentBaseline = row !== undefined && !o.replacedVersions.includes(o.baseline.version);
  return new SquashbaseError(
    'HISTORY_CHANGED',
    differentBaseline
      ? `${HISTORY_QUALIFIED} already has a different row for version ${o.baseline.version}; refusing to overwrite it.`
      : `${HISTORY_QUALIFIED} changed since preflight exported it (someone pushed, repaired or consolidated in between). Nothing was written.`,
    {
      hint: 'Re-run `squashbase consolidate` from the start so the export, parity and archive describe the current history.',
      details: { expected: o.expectedExportHash, actual: current.sha256, versions: current.versions },
    },
  );
}

/** After the writes, inside the transaction: the replaced rows are gone, the baseline row exact, everything else unchanged. */
function verifyAfterRecord(pre: HistoryState, after: HistoryState, o: RecordBaselineOptions): void {
  const problems: string[] = [];
  const replaced = new Set(o.replacedVersions);
  const keptBefore = pre.rows.filter((r) => !replaced.has(String(r['version'])) && r['version'] !== o.baseline.version);
  const expectVersions = [...keptBefore.map((r) => String(r['version'])), o.baseline.version].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!isDeepStrictEqual(after.versions, expectVersions)) problems.push(`versions are ${after.versions.join(',')}, expected ${expectVersions.join(',')}`);
  const row = after.rows.find((r) => r['version'] === o.baseline.version);
  if (!row || !isBaselineRow(row, o.baseline, after.shape)) problems.push('the baseline row is not exactly what was inserted');
  for (const k of keptBefore) {
    const now = after.rows.find((r) => r['version'] === k['version']);
    const projected = now && Object.fromEntries(Object.keys(k).map((c) => [c, now[c]]));
    if (!isDeepStrictEqual(projected, k)) problems.push(`row ${String(k['version'])} changed`);
  }
  if (problems.length > 0) {
    throw new SquashbaseError('HISTORY_CHANGED', `Verification inside the write transaction failed (${problems.join('; ')}); rolled back, nothing was written.`, {
      details: { problems },
    });
  }
}

/** COMMIT's outcome is unknown (connection lost): re-read on a new connection, never assume (F1). */
async function resolveUnknownOutcome(o: RecordBaselineOptions, err: unknown): Promise<RecordResult> {
  const client = await connect(o.target, { applicationName: 'squashbase/record-verify' });
  try {
    const now = await readHistory(client);
    if (alreadyRecorded(now, o)) {
      const plan = planRecord(now.shape, o);
      return { status: 'recorded', plan, executed: plan.steps, deletedVersions: o.replacedVersions, lockAttempts: 0, after: { versions: now.versions, sha256: now.sha256 } };
    }
    throw new SquashbaseError('PARTIAL_STATE', 'The connection was lost while committing the history record; re-reading shows it did not commit.', {
      hint: 'Run `squashbase consolidate --resume` to record again, or `squashbase rollback` to undo the file changes.',
      cause: sanitizeCause(err),
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** SQLSTATE → stable codes; anything else stays as it is (redacted). */
export function translateWriteError(err: unknown): unknown {
  if (isSquashbaseError(err)) return err;
  if (isPgError(err, '42501')) {
    return new SquashbaseError('PERMISSION_DENIED', `The role may not write ${HISTORY_QUALIFIED}: ${(err as Error).message}. Nothing was written.`, {
      hint: 'Connect as the project owner (postgres), or GRANT USAGE ON SCHEMA supabase_migrations and SELECT, INSERT, DELETE ON supabase_migrations.schema_migrations to the role.',
      cause: sanitizeCause(err),
    });
  }
  if (isPgError(err, '55P03') || isPgError(err, '57014')) {
    return new SquashbaseError('LOCKED', `The history table is busy (lock or statement timeout); nothing was written.`, {
      hint: 'Another session holds a lock on supabase_migrations.schema_migrations; run again when it is done.',
      cause: sanitizeCause(err),
    });
  }
  if (isPgError(err, '25006')) {
    return new SquashbaseError('PRECONDITION_FAILED', 'The target is read-only (a replica or default_transaction_read_only); nothing was written.', {
      hint: 'Connect to the primary.',
      cause: sanitizeCause(err),
    });
  }
  return err;
}

export type { HistoryRow };
