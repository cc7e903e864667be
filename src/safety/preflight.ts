/**
 * `squashbase preflight`: everything that would stop or endanger a consolidation, checked
 * before anything is touched. Each check passes, warns or fails with a hint; the run is
 * read-only (catalog queries, has_*_privilege, pg_stat_activity, pg_locks, statfs, git status).
 */
import path from 'node:path';
import type { ConnectionTarget } from '../db/connection.js';
import { connect } from '../db/client.js';
import { isSquashbaseError } from '../errors.js';
import { VERSION } from '../version.js';
import { worstStatus, type CheckResult, type CheckStatus } from './check-types.js';
import { checkCatalogRead, checkHistoryPrivileges, checkServer, checkWritable } from './preflight-checks/database.js';
import { poolerCheck, probePooler } from './preflight-checks/pooler.js';
import { checkHistoryLocks, checkLongTransactions } from './preflight-checks/activity.js';
import { checkDiskSpace } from './preflight-checks/disk.js';
import { checkGitState } from './preflight-checks/git.js';

export interface PreflightOptions {
  target: ConnectionTarget;
  /** Project root holding supabase/migrations. Default: cwd. */
  workdir?: string;
  /** Where the archive goes (disk check). Default: <workdir>/migrations_archive. */
  archiveDir?: string;
  /** Long-transaction threshold in seconds (default 300). */
  longTransactionSeconds?: number;
}

export interface PreflightResult {
  /** false when any check failed. */
  ok: boolean;
  status: CheckStatus;
  target: string;
  workdir: string;
  checks: CheckResult[];
}

/** Run every check. Never throws for a failed check; connection failure is itself a failed check. */
export async function runPreflight(options: PreflightOptions): Promise<PreflightResult> {
  const workdir = path.resolve(options.workdir ?? process.cwd());
  const checks: CheckResult[] = [];
  const guard = async (id: string, fn: () => Promise<CheckResult>) => {
    try {
      checks.push(await fn());
    } catch (err) {
      checks.push({ id, status: 'fail', message: `Check could not run: ${err instanceof Error ? err.message : String(err)}`, hint: 'Run with --verbose, or check the role\'s privileges on the catalog.' });
    }
  };

  let client: Awaited<ReturnType<typeof connect>> | null = null;
  try {
    client = await connect(options.target, { applicationName: `squashbase/${VERSION}/preflight`, statementTimeoutMs: 30_000 });
  } catch (err) {
    checks.push({
      id: 'connectivity',
      status: 'fail',
      message: isSquashbaseError(err) ? err.message : `Could not connect to ${options.target.display}.`,
      hint: isSquashbaseError(err) ? err.hint ?? 'Check the URL.' : 'Check the URL.',
    });
  }
  if (client) {
    const c = client;
    try {
      await guard('connectivity', () => checkServer(c));
      await guard('writable', () => checkWritable(c));
      await guard('pooler', async () => poolerCheck(options.target, await probePooler(c)));
      await guard('catalog-read', () => checkCatalogRead(c));
      await guard('history-privileges', () => checkHistoryPrivileges(c));
      await guard('long-transactions', () => checkLongTransactions(c, options.longTransactionSeconds));
      await guard('history-locks', () => checkHistoryLocks(c));
    } finally {
      await c.end().catch(() => undefined);
    }
  } else {
    checks.push(poolerCheck(options.target, null));
  }
  const migrations = path.join(workdir, 'supabase', 'migrations');
  await guard('disk-space', () => checkDiskSpace(options.archiveDir ?? path.join(workdir, 'migrations_archive'), migrations));
  await guard('git-state', () => checkGitState(workdir));

  const status = worstStatus(checks.map((c) => c.status));
  return { ok: status !== 'fail', status, target: options.target.display, workdir, checks };
}
