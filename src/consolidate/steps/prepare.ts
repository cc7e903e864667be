import { isAbsolute, resolve } from 'node:path';
import { serverVersionNum, withClient } from '../../db/client.js';
import { readHistory } from '../../history/read-history.js';
import { discoverMigrations, migrationsDir } from '../../migrations/discover.js';
import { DEFAULT_ARCHIVE_ROOT } from '../../archive/plan-archive.js';
import { readGitState } from '../git-state.js';
import { planConsolidation } from '../plan.js';
import type { ConsolidateOptions, RunState } from '../context.js';
import { DEFAULT_STAGES } from './stages.js';
import { newRunId } from '../../util/run-id.js';

export function archiveRootOf(options: Pick<ConsolidateOptions, 'workdir' | 'archiveRoot'>): string {
  const root = options.archiveRoot ?? DEFAULT_ARCHIVE_ROOT;
  return isAbsolute(root) ? root : resolve(options.workdir, root);
}

/**
 * Read-only: the local files (as the CLI reads them), the remote history (every row), git's
 * view of the migrations folder, and the plan that follows from them.
 */
export async function prepare(options: ConsolidateOptions): Promise<RunState> {
  const workdir = resolve(options.workdir);
  const set = await discoverMigrations(workdir);
  const { history, versionNum } = await withClient(options.target, async (c) => ({ history: await readHistory(c), versionNum: await serverVersionNum(c) }), { applicationName: 'squashbase/consolidate-plan' });
  const git = await readGitState(workdir, set.dir);
  const plan = planConsolidation({
    files: set.files,
    history,
    git,
    ...(options.allowDirty ? { allowDirty: true } : {}),
    ...(options.allowUnsynced ? { allowUnsynced: true } : {}),
  });
  const archiveRoot = archiveRootOf(options);
  return {
    options,
    stages: { ...DEFAULT_STAGES, ...options.stages },
    workdir,
    migrationsDir: migrationsDir(workdir),
    archiveRoot,
    archiveDir: resolve(archiveRoot, plan.baseline.version),
    runId: newRunId(),
    plan,
    history,
    liveMajor: Math.floor(versionNum / 10000),
    migrations: set,
    warnings: [...set.warnings],
    timings: {},
  };
}
