import { compareVersions, type MigrationFile } from '../migrations/discover.js';
import type { HistoryState } from '../history/read-history.js';
import type { ManifestOverride } from '../archive/manifest.js';
import type { GitState } from './git-state.js';

export const DEFAULT_BASELINE_NAME = 'baseline';

export interface PlannedFile {
  fileName: string;
  version: string;
  name: string;
  sha256: string;
  size: number;
}

/** A reason consolidate will not proceed, and the flag (if any) that overrides it. */
export interface Refusal {
  id: 'dirty-tree' | 'not-a-repository' | 'git-operation' | 'unsynced-remote' | 'unsynced-local' | 'nothing-to-consolidate' | 'history-table-unsupported';
  message: string;
  /** undefined: cannot be overridden. */
  override?: '--allow-dirty' | '--allow-unsynced';
  overridden: boolean;
  details?: unknown;
}

export interface ConsolidationPlan {
  baseline: { version: string; name: string; fileName: string };
  /** Files that move to the archive (applied on live, in the remote history). */
  files: PlannedFile[];
  /** Remote rows the record step deletes (every remote version ≤ the baseline version). */
  replacedVersions: string[];
  /** Local files that stay (not in the remote history; only with --allow-unsynced). */
  kept: string[];
  sync: { localOnly: string[]; remoteOnly: string[]; inSync: boolean };
  refusals: Refusal[];
  overrides: ManifestOverride[];
}

export interface PlanInput {
  files: MigrationFile[];
  history: HistoryState;
  git: GitState;
  allowDirty?: boolean;
  allowUnsynced?: boolean;
  baselineName?: string;
}

/**
 * Pure: decides what consolidate does from the local files, the remote history and git.
 * The baseline takes the newest remote version (the CLI's squash semantics: rows ≤ the
 * baseline are replaced), so every environment that already ran that version stays in step.
 * Only files that are in the remote history are archived — a local file production never ran
 * is never archived (with --allow-unsynced it stays, pending, and is reported).
 */
export function planConsolidation(input: PlanInput): ConsolidationPlan {
  const remote = input.history.versions;
  const remoteSet = new Set(remote);
  const localSet = new Set(input.files.map((f) => f.version));
  const localOnly = input.files.filter((f) => !remoteSet.has(f.version)).map((f) => f.fileName);
  const remoteOnly = remote.filter((v) => !localSet.has(v));
  const refusals: Refusal[] = [];
  const overrides: ManifestOverride[] = [];

  if (!input.git.repository) {
    refusals.push({
      id: 'not-a-repository',
      message: 'The workdir is not in a git repository, so git cannot be the second copy of the archived files.',
      override: '--allow-dirty',
      overridden: Boolean(input.allowDirty),
    });
  } else {
    if (input.git.dirty.length > 0) {
      refusals.push({
        id: 'dirty-tree',
        message: `Uncommitted changes in the migrations folder: ${input.git.dirty.map((d) => `${d.path} (${d.status})`).join(', ')}. Commit or stash them first.`,
        override: '--allow-dirty',
        overridden: Boolean(input.allowDirty),
        details: input.git.dirty,
      });
    }
    if (input.git.operationInProgress) {
      refusals.push({
        id: 'git-operation',
        message: `A git ${input.git.operationInProgress} is in progress.`,
        override: '--allow-dirty',
        overridden: Boolean(input.allowDirty),
      });
    }
  }
  if (remoteOnly.length > 0) {
    refusals.push({
      id: 'unsynced-remote',
      message: `Remote migration versions not found in local migrations directory: ${remoteOnly.join(', ')}. (The Supabase CLI refuses to push in this state too.)`,
      override: '--allow-unsynced',
      overridden: Boolean(input.allowUnsynced),
      details: remoteOnly,
    });
  }
  if (localOnly.length > 0) {
    refusals.push({
      id: 'unsynced-local',
      message: `Local migration files not in the remote history (production never ran them): ${localOnly.join(', ')}. Push or remove them first.`,
      override: '--allow-unsynced',
      overridden: Boolean(input.allowUnsynced),
      details: localOnly,
    });
  }
  if (input.history.shape.unsupported) {
    refusals.push({ id: 'history-table-unsupported', message: `supabase_migrations.schema_migrations: ${input.history.shape.unsupported}.`, overridden: false });
  }
  const sorted = [...remote].sort(compareVersions);
  // An empty (or missing) remote history with local files: the files were applied some other way
  // (psql, dashboard). Only with --allow-unsynced are they all consolidated; parity's drift check
  // then shows whether live really is what they build.
  const adoptLocal = sorted.length === 0 && input.files.length > 0 && Boolean(input.allowUnsynced);
  const version = sorted.length === 0 ? [...input.files].map((f) => f.version).sort(compareVersions).pop() : sorted[sorted.length - 1];
  if (version === undefined) {
    refusals.push({ id: 'nothing-to-consolidate', message: 'There are no migrations, locally or in the remote history: there is nothing to consolidate.', overridden: false });
  }
  for (const r of refusals) if (r.overridden && r.override) overrides.push({ flag: r.override, reason: r.message, ...(r.details ? { details: r.details } : {}) });

  const name = input.baselineName ?? DEFAULT_BASELINE_NAME;
  const v = version ?? '0';
  const files = input.files
    .filter((f) => adoptLocal || remoteSet.has(f.version))
    .map((f) => ({ fileName: f.fileName, version: f.version, name: f.name, sha256: f.sha256, size: f.bytes.length }));
  return {
    baseline: { version: v, name, fileName: `${v}_${name}.sql` },
    files,
    replacedVersions: sorted.filter((x) => compareVersions(x, v) <= 0),
    kept: adoptLocal ? [] : localOnly,
    sync: { localOnly, remoteOnly, inSync: localOnly.length === 0 && remoteOnly.length === 0 },
    refusals,
    overrides,
  };
}

/** Refusals that are not overridden. */
export function blockingRefusals(plan: ConsolidationPlan): Refusal[] {
  return plan.refusals.filter((r) => !r.overridden);
}
