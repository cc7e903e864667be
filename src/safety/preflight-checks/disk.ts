/**
 * Free disk where the archive (and backups) will be written. The archive copies the old
 * migration files plus reports, so it needs a few times the migrations folder's size.
 */
import { statfs, stat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult } from '../check-types.js';

/** Minimum free space regardless of project size (reports, manifests, a snapshot). */
export const MIN_FREE_BYTES = 100 * 1024 * 1024;

async function nearestExisting(dir: string): Promise<string> {
  let d = path.resolve(dir);
  for (;;) {
    try {
      await stat(d);
      return d;
    } catch {
      const parent = path.dirname(d);
      if (parent === d) return d;
      d = parent;
    }
  }
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await dirSize(p);
    else if (e.isFile()) total += (await stat(p)).size;
  }
  return total;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export async function checkDiskSpace(archiveDir: string, migrationsDir: string): Promise<CheckResult> {
  const at = await nearestExisting(archiveDir);
  const fs = await statfs(at);
  const free = Number(fs.bavail) * Number(fs.bsize);
  const needed = Math.max(MIN_FREE_BYTES, 3 * (await dirSize(migrationsDir)));
  const details = { path: at, freeBytes: free, neededBytes: needed };
  if (free < needed) {
    return {
      id: 'disk-space',
      status: 'fail',
      message: `Only ${mb(free)} free at ${at}; the archive needs about ${mb(needed)}.`,
      hint: 'Free some space or choose another archive directory.',
      details,
    };
  }
  return { id: 'disk-space', status: 'pass', message: `${mb(free)} free at ${at} (archive needs about ${mb(needed)}).`, details };
}
