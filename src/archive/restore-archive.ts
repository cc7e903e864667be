import { join } from 'node:path';
import { SquashbaseError } from '../errors.js';
import { copyVerified, hashIfExists, removeIfHash } from './copy-verified.js';
import { verifyArchive, type ArchiveManifest } from './manifest.js';
import { resolve } from 'node:path';

export interface RestoreArchivePlan {
  manifest: ArchiveManifest;
  migrationsDir: string;
  /** Files that go back (absolute destination) and their state now. */
  files: { fileName: string; from: string; to: string; sha256: string; state: 'restore' | 'present' | 'conflict' }[];
  baseline: { path: string; state: 'remove' | 'absent' | 'modified' };
  problems: string[];
}

/** Read-only: what putting the files back would do. `workdir` resolves the manifest's relative paths. */
export async function planRestoreArchive(archiveDir: string, workdir: string): Promise<RestoreArchivePlan> {
  const v = await verifyArchive(archiveDir);
  const problems = v.problems.filter((p) => !p.includes('report'));
  const m = v.manifest;
  const migrationsDir = resolve(workdir, m.migrationsDir);
  const files: RestoreArchivePlan['files'] = [];
  for (const f of m.files) {
    const to = join(migrationsDir, f.fileName);
    const h = await hashIfExists(to);
    files.push({ fileName: f.fileName, from: join(archiveDir, f.fileName), to, sha256: f.sha256, state: h === undefined ? 'restore' : h === f.sha256 ? 'present' : 'conflict' });
  }
  for (const f of files) if (f.state === 'conflict') problems.push(`${f.to} exists with different content`);
  // An interrupted archive step may not have copied every file yet: its original is still in
  // place, so a missing archived copy is not a problem for that file.
  const present = new Set(files.filter((f) => f.state === 'present').map((f) => f.fileName));
  for (let i = problems.length - 1; i >= 0; i--) {
    const name = problems[i]!.split(':')[0]!;
    if (present.has(name) && /missing from the archive|size |sha256 |chain link/.test(problems[i]!)) problems.splice(i, 1);
  }
  const bPath = join(migrationsDir, m.baseline.fileName);
  const bh = await hashIfExists(bPath);
  const baseline = { path: bPath, state: bh === undefined ? ('absent' as const) : bh === m.baseline.sha256 ? ('remove' as const) : ('modified' as const) };
  if (baseline.state === 'modified' && !files.some((f) => f.fileName === m.baseline.fileName)) {
    problems.push(`${bPath} was edited after consolidate wrote it; refusing to delete it`);
  }
  return { manifest: m, migrationsDir, files, baseline, problems };
}

/**
 * Puts every archived file back byte-for-byte (verified atomic copies), then removes the
 * baseline file if it is still exactly what consolidate wrote. Idempotent. The archived copies
 * stay in the archive (with the manifest, reports and journal) as the audit trail.
 */
export async function restoreArchive(plan: RestoreArchivePlan): Promise<{ restored: string[]; baselineRemoved: boolean }> {
  if (plan.problems.length > 0) {
    throw new SquashbaseError('PRECONDITION_FAILED', `The archive cannot be restored safely:\n  - ${plan.problems.join('\n  - ')}`, {
      hint: 'Nothing was changed. Resolve the listed files, then run rollback again.',
    });
  }
  const restored: string[] = [];
  for (const f of plan.files) {
    if ((await copyVerified(f.from, f.to, f.sha256)) === 'copied') restored.push(f.fileName);
  }
  let baselineRemoved = false;
  // A baseline file whose name equals an archived file name is one of the restored originals.
  if (!plan.files.some((f) => f.fileName === plan.manifest.baseline.fileName)) {
    baselineRemoved = (await removeIfHash(plan.baseline.path, plan.manifest.baseline.sha256)) === 'removed';
  }
  return { restored, baselineRemoved };
}
