import { mkdtemp, rm, chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCleanup } from './cleanup.js';

/** The owner marker in every temp dir squashbase makes: `shadow gc` tells orphans by it. */
export const TEMP_OWNER_FILE = '.squashbase-owner.json';

/**
 * A private temp dir (0700: it may hold a baseline, dumps of live's platform schemas) with an
 * owner marker, removed by `fn`'s `finally` and, on SIGINT/SIGTERM, by the CLI's cleanup; after
 * kill -9 the marker names a dead pid and `squashbase shadow gc --apply` removes it.
 */
export async function withPrivateTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const remove = () => rm(dir, { recursive: true, force: true });
  const unregister = registerCleanup(remove);
  try {
    await chmod(dir, 0o700);
    await writeFile(join(dir, TEMP_OWNER_FILE), JSON.stringify({ pid: process.pid }), { mode: 0o600 });
    return await fn(dir);
  } finally {
    unregister();
    await remove();
  }
}
