import { isDeepStrictEqual } from 'node:util';
import type { ConnectionTarget } from '../db/connection.js';
import { connect } from '../db/client.js';
import { SquashbaseError } from '../errors.js';
import { DELETE_VERSIONS_SQL } from '../migrations/cli-history.js';
import { ident, literal } from '../sql/ident.js';
import { canonicalJson } from '../util/canonical-json.js';
import { acquireHistoryLock } from './advisory-lock.js';
import type { HistoryExport } from './export-history.js';
import { HISTORY_QUALIFIED } from './history-shape.js';
import { readHistory, type HistoryRow, type HistoryState } from './read-history.js';
import { isBaselineRow, translateWriteError, type BaselineRow } from './record-baseline.js';
import { prologue, stepWithRole, type SqlStep, type SqlStepRole } from './sql-plan.js';
import { assertNotTransactionPooler } from './pooler.js';

export interface RestoreHistoryOptions {
  target: ConnectionTarget;
  /** The export taken before consolidate wrote anything (from the manifest). */
  exported: HistoryExport;
  /** The row consolidate inserted. */
  baseline: BaselineRow;
  /** Versions consolidate deleted. */
  replacedVersions: string[];
  lockTimeoutMs?: number;
  statementTimeoutMs?: number;
  lockWaitMs?: number;
}

export type RestoreState = 'consolidated' | 'already-restored' | 'changed';

export interface RestorePlan {
  state: RestoreState;
  steps: SqlStep[];
  current: { versions: string[]; sha256: string };
  /** Whether the live history holds this run's baseline row (same version, name and statements). */
  ownBaselinePresent: boolean;
  /** Why the state is `changed` (for the refusal message). */
  reason?: string;
}

/**
 * Classifies the live history against what consolidate left: `consolidated` (exactly the
 * export minus the replaced rows plus the baseline row), `already-restored` (equal to the
 * export on its columns), or `changed` (anything else: rollback refuses).
 */
export function classifyRestore(current: HistoryState, o: Omit<RestoreHistoryOptions, 'target'>): { state: RestoreState; reason?: string } {
  const cols = o.exported.shape.columns.map((c) => c.name);
  const project = (rows: HistoryRow[]) => rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));
  if (isDeepStrictEqual(project(current.rows), project(o.exported.rows))) return { state: 'already-restored' };
  // Consolidate never recorded (it stopped before the record step) but rows were added since,
  // e.g. a later push: every exported row is still there, unchanged — nothing to restore, and
  // the newer rows are not squashbase's to remove.
  const currentProjected = project(current.rows);
  const baselinePresent = current.rows.some((r) => isBaselineRow(r, o.baseline, current.shape));
  if (!baselinePresent && project(o.exported.rows).every((r) => currentProjected.some((c) => isDeepStrictEqual(c, r)))) return { state: 'already-restored' };
  const replaced = new Set(o.replacedVersions);
  const kept = o.exported.rows.filter((r) => !replaced.has(String(r['version'])));
  const expectVersions = [...kept.map((r) => String(r['version'])), o.baseline.version].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!isDeepStrictEqual(current.versions, expectVersions)) {
    return { state: 'changed', reason: `remote versions are [${current.versions.join(', ')}], consolidate left [${expectVersions.join(', ')}]` };
  }
  const row = current.rows.find((r) => r['version'] === o.baseline.version)!;
  if (!isBaselineRow(row, o.baseline, current.shape)) return { state: 'changed', reason: `the row for ${o.baseline.version} is not the baseline squashbase recorded` };
  const keptNow = current.rows.filter((r) => r['version'] !== o.baseline.version);
  if (!isDeepStrictEqual(project(keptNow), project(kept))) return { state: 'changed', reason: 'rows consolidate kept have changed since' };
  return { state: 'consolidated' };
}

/** The statements a restore sends: delete the baseline row, re-insert the exported rows verbatim. */
export function planRestoreSteps(o: Omit<RestoreHistoryOptions, 'target'>): SqlStep[] {
  const steps = prologue(o.lockTimeoutMs ?? 3_000, o.statementTimeoutMs ?? 60_000);
  steps.push({ role: 'reread', sql: `SELECT pg_catalog.to_jsonb(t) AS row FROM ${HISTORY_QUALIFIED} t ORDER BY t.version COLLATE "C"`, purpose: 're-read: must be exactly what consolidate left (else HISTORY_CHANGED)', kind: 'check' });
  steps.push({ role: 'write', sql: DELETE_VERSIONS_SQL, params: [[o.baseline.version]], purpose: 'remove the baseline row', kind: 'write' });
  const replaced = new Set(o.replacedVersions);
  const rows = o.exported.rows.filter((r) => replaced.has(String(r['version'])));
  const cols = o.exported.shape.columns.filter((c) => !c.generated).map((c) => c.name);
  if (rows.length > 0) {
    // jsonb_populate_recordset turns the exported JSON back into rows of the table's own types,
    // so every column (including ones squashbase does not know) comes back exactly.
    const colList = cols.map(ident).join(', ');
    steps.push({
      role: 'write',
      sql: `INSERT INTO ${HISTORY_QUALIFIED} (${colList}) SELECT ${colList} FROM pg_catalog.jsonb_populate_recordset(NULL::${HISTORY_QUALIFIED}, ${literal(canonicalJson(rows).trimEnd())}::jsonb)`,
      purpose: `re-insert the ${rows.length} exported row(s), every column, verbatim`,
      kind: 'write',
    });
  }
  steps.push({ role: 'verify', sql: `SELECT pg_catalog.to_jsonb(t) AS row FROM ${HISTORY_QUALIFIED} t ORDER BY t.version COLLATE "C"`, purpose: 're-read and verify: equal to the export on every exported column', kind: 'check' });
  steps.push({ role: 'commit', sql: 'COMMIT', purpose: 'commit', kind: 'control' });
  return steps;
}

/** Read-only: what a restore would do now. */
export async function planRestoreHistory(o: RestoreHistoryOptions): Promise<RestorePlan> {
  const client = await connect(o.target, { applicationName: 'squashbase/rollback-plan' });
  try {
    const current = await readHistory(client);
    const c = classifyRestore(current, o);
    return {
      state: c.state,
      steps: c.state === 'consolidated' ? planRestoreSteps(o) : [],
      current: { versions: current.versions, sha256: current.sha256 },
      ownBaselinePresent: current.rows.some((r) => isBaselineRow(r, o.baseline, current.shape)),
      ...(c.reason ? { reason: c.reason } : {}),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Puts the exported rows back, in one transaction behind the advisory lock — only when the
 * history is exactly what consolidate left; already restored is success with no write.
 */
export async function restoreHistory(o: RestoreHistoryOptions): Promise<{ status: 'restored' | 'already-restored'; executed: SqlStep[] }> {
  assertNotTransactionPooler(o.target);
  const client = await connect(o.target, { applicationName: 'squashbase/rollback' });
  const steps = planRestoreSteps(o);
  const executed: SqlStep[] = [];
  try {
    const step = (role: Exclude<SqlStepRole, 'write'>) => stepWithRole(steps, role);
    for (const s of [step('begin'), step('lock-timeout'), step('statement-timeout')]) {
      await client.query(s.sql);
      executed.push(s);
    }
    try {
      await acquireHistoryLock(client, { waitMs: o.lockWaitMs ?? 10_000 });
      executed.push(step('lock'));
      const current = await readHistory(client);
      executed.push(step('reread'));
      const c = classifyRestore(current, o);
      if (c.state === 'already-restored') {
        await client.query('ROLLBACK');
        return { status: 'already-restored', executed };
      }
      if (c.state === 'changed') {
        throw new SquashbaseError('HISTORY_CHANGED', `The remote history is not what consolidate left (${c.reason}); refusing to restore over it.`, {
          hint: 'Someone changed supabase_migrations.schema_migrations after the consolidation. Compare it with the export in manifest.json and restore by hand if needed.',
          details: { versions: current.versions },
        });
      }
      for (const s of steps.filter((x) => x.role === 'write')) {
        await client.query(s.sql, s.params as unknown[] | undefined);
        executed.push(s);
      }
      const after = await readHistory(client);
      executed.push(step('verify'));
      if (classifyRestore(after, o).state !== 'already-restored') {
        throw new SquashbaseError('HISTORY_CHANGED', 'Verification inside the restore transaction failed: the rows are not equal to the export. Rolled back.');
      }
      await client.query('COMMIT');
      executed.push(step('commit'));
      return { status: 'restored', executed };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } catch (err) {
    throw translateWriteError(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}
