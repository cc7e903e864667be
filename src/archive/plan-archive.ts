import { join, relative, resolve } from 'node:path';
import { SquashbaseError } from '../errors.js';

export interface ArchiveInputFile {
  fileName: string;
  version: string;
  name: string;
  sha256: string;
  size: number;
}

export interface ArchiveMove extends ArchiveInputFile {
  /** Absolute source path in the migrations folder. */
  from: string;
  /** Absolute destination in the archive directory. */
  to: string;
}

export interface ArchivePlan {
  archiveDir: string;
  migrationsDir: string;
  moves: ArchiveMove[];
  /** Where the baseline file goes (absolute). */
  baselinePath: string;
  baselineFileName: string;
  /** Files that stay in the migrations folder (newer than the baseline, not consolidated). */
  kept: string[];
}

export interface PlanArchiveInput {
  workdir: string;
  /** Absolute `<workdir>/supabase/migrations`. */
  migrationsDir: string;
  /** `--archive-dir` (relative to workdir) or default `migrations_archive`. */
  archiveRoot?: string;
  baselineVersion: string;
  baselineFileName: string;
  /** Files to archive (the consolidated history). */
  files: ArchiveInputFile[];
  /** Every migration file currently in the folder (to detect collisions). */
  allFileNames: string[];
}

export const DEFAULT_ARCHIVE_ROOT = 'migrations_archive';

/** `<workdir>/<archiveRoot>/<baselineVersion>`, absolute. */
export function archiveDirFor(workdir: string, baselineVersion: string, archiveRoot = DEFAULT_ARCHIVE_ROOT): string {
  return resolve(workdir, archiveRoot, baselineVersion);
}

/**
 * Pure: which files move where. Refuses an archive directory inside `supabase/migrations` only
 * when it would be read as migrations (never: the CLI ignores subdirectories — allowed), and a
 * baseline file name that collides with a file that stays.
 */
export function planArchive(input: PlanArchiveInput): ArchivePlan {
  const archiveDir = archiveDirFor(input.workdir, input.baselineVersion, input.archiveRoot);
  const moving = new Set(input.files.map((f) => f.fileName));
  const kept = input.allFileNames.filter((f) => !moving.has(f)).sort();
  if (kept.includes(input.baselineFileName)) {
    throw new SquashbaseError('PRECONDITION_FAILED', `${input.baselineFileName} already exists in ${relative(input.workdir, input.migrationsDir) || '.'} and is not being archived.`);
  }
  const rel = relative(input.migrationsDir, archiveDir);
  if (rel === '') throw new SquashbaseError('USAGE', 'The archive directory cannot be the migrations folder itself.');
  const moves = [...input.files]
    .sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : a.fileName < b.fileName ? -1 : 1))
    .map((f) => ({ ...f, from: join(input.migrationsDir, f.fileName), to: join(archiveDir, f.fileName) }));
  return {
    archiveDir,
    migrationsDir: input.migrationsDir,
    moves,
    baselinePath: join(input.migrationsDir, input.baselineFileName),
    baselineFileName: input.baselineFileName,
    kept,
  };
}
