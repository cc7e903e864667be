import { mkdir } from 'node:fs/promises';
import { SquashbaseError } from '../errors.js';
import { fsyncDir, writeFileAtomic } from '../util/fs-atomic.js';
import type { ArchivePlan } from './plan-archive.js';
import { copyVerified, hashIfExists, removeIfHash } from './copy-verified.js';
import { readManifest, sha256Hex, writeManifest, type ArchiveManifest } from './manifest.js';

export interface ApplyArchiveResult {
  manifestPath: string;
  manifestSha256: string;
  copied: string[];
  alreadyArchived: string[];
  removed: string[];
  baseline: 'written' | 'present';
}

/**
 * Moves the historic files into the archive and installs the baseline file, in an order that
 * is safe to interrupt anywhere and to run again (each step re-checks state):
 * 1. manifest.json (atomic) — the hashes are on disk before any file moves;
 * 2. per file: verified atomic copy into the archive, then remove the original;
 * 3. the baseline file (atomic), only after every original is gone, so the folder never holds
 *    two files of one version.
 */
export async function applyArchive(plan: ArchivePlan, manifest: ArchiveManifest, baselineSql: string): Promise<ApplyArchiveResult> {
  await mkdir(plan.archiveDir, { recursive: true });
  let manifestInfo: { path: string; sha256: string };
  const existing = await readManifest(plan.archiveDir).catch(() => undefined);
  if (existing && existing.runId === manifest.runId) {
    manifestInfo = await writeManifest(plan.archiveDir, existing); // rewrite identical bytes
  } else {
    manifestInfo = await writeManifest(plan.archiveDir, manifest);
  }
  const result: ApplyArchiveResult = { manifestPath: manifestInfo.path, manifestSha256: manifestInfo.sha256, copied: [], alreadyArchived: [], removed: [], baseline: 'present' };
  for (const m of plan.moves) {
    const src = await hashIfExists(m.from);
    if (src === undefined) {
      // Already moved by an interrupted run: the archived copy must be intact.
      if ((await hashIfExists(m.to)) !== m.sha256) {
        throw new SquashbaseError('PARTIAL_STATE', `${m.fileName} is neither in the migrations folder nor intact in the archive.`, {
          hint: 'Restore it from git (the tree was clean when consolidate started) and run `squashbase rollback`.',
        });
      }
      result.alreadyArchived.push(m.fileName);
      continue;
    }
    const r = await copyVerified(m.from, m.to, m.sha256);
    (r === 'copied' ? result.copied : result.alreadyArchived).push(m.fileName);
    await removeIfHash(m.from, m.sha256);
    result.removed.push(m.fileName);
  }
  await fsyncDir(plan.archiveDir);
  const want = sha256Hex(baselineSql);
  const have = await hashIfExists(plan.baselinePath);
  if (have === want) result.baseline = 'present';
  else if (have === undefined) {
    await writeFileAtomic(plan.baselinePath, baselineSql);
    result.baseline = 'written';
  } else {
    throw new SquashbaseError('PRECONDITION_FAILED', `${plan.baselinePath} exists with different content.`, {
      hint: 'Move it aside and run `squashbase consolidate --resume` again.',
    });
  }
  return result;
}
