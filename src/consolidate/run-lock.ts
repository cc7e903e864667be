import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SquashbaseError } from '../errors.js';
import { registerCleanup } from '../util/cleanup.js';

export const RUN_LOCK_FILE = '.squashbase.lock';

interface LockInfo {
  pid: number;
  host: string;
  runId: string;
  command: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A local lock for the project (F5): `O_CREAT|O_EXCL` on `<archive root>/.squashbase.lock`
 * holding pid, host and run id, so two consolidate/rollback processes never work on the same
 * files at once. A lock left by a process that no longer exists on this host (a crash) is
 * broken, with a warning; the journal is what recovery relies on. Returns the release function.
 */
export async function acquireRunLock(archiveRoot: string, info: { runId: string; command: string }, warn: (m: string) => void = () => undefined): Promise<() => Promise<void>> {
  await mkdir(archiveRoot, { recursive: true });
  const path = join(archiveRoot, RUN_LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: hostname(), runId: info.runId, command: info.command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o644);
      try {
        await fh.writeFile(JSON.stringify(mine) + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        unregister();
        await rm(path, { force: true });
      };
      const unregister = registerCleanup(release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let other: LockInfo | undefined;
      try {
        other = JSON.parse(await readFile(path, 'utf8')) as LockInfo;
      } catch {
        other = undefined;
      }
      if (other && other.host === hostname() && !alive(other.pid)) {
        warn(`Removed a stale lock left by ${other.command} run ${other.runId} (pid ${other.pid} no longer exists).`);
        await rm(path, { force: true });
        continue;
      }
      throw new SquashbaseError('LOCKED', `Another squashbase ${other?.command ?? 'run'} is working in this project${other ? ` (pid ${other.pid} on ${other.host}, run ${other.runId}, since ${other.startedAt})` : ''}.`, {
        hint: `Wait for it to finish. If it is gone (another machine, or a crash), delete ${path}.`,
      });
    }
  }
  throw new SquashbaseError('LOCKED', `Could not take the project lock ${path}.`);
}
