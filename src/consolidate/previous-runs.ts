import { mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir } from '../util/fs-atomic.js';
import { JOURNAL_FILE } from './journal.js';

/** Where an earlier run's files go when a new run starts in the same archive directory. */
export const PREVIOUS_RUNS_DIR = 'previous-runs';

/**
 * Moves everything an earlier run left in `archiveDir` (journal, manifest, staged baseline,
 * history export, snapshot, reports, archived copies) into `previous-runs/<runId>/`, by rename:
 * never deleted, never overwritten. The journal goes last, so an interruption leaves it in
 * place and the next run finishes the move into the same folder. Call it only once the new run
 * really starts (preflight passed): a refused run must leave the directory as it was.
 * Returns the folder (relative to archiveDir), or undefined when there was nothing to move.
 */
export async function setAsideEarlierRun(archiveDir: string, runId: string): Promise<string | undefined> {
  let entries: string[];
  try {
    entries = (await readdir(archiveDir)).filter((e) => e !== PREVIOUS_RUNS_DIR);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (entries.length === 0) return undefined;
  const rel = join(PREVIOUS_RUNS_DIR, runId.replace(/[^A-Za-z0-9._-]/g, '_'));
  const dest = join(archiveDir, rel);
  await mkdir(dest, { recursive: true });
  const ordered = [...entries.filter((e) => e !== JOURNAL_FILE).sort(), ...entries.filter((e) => e === JOURNAL_FILE)];
  for (const e of ordered) await rename(join(archiveDir, e), await freeName(dest, e));
  await fsyncDir(dest);
  await fsyncDir(archiveDir);
  return rel;
}

/** `name`, or `name.1`, `name.2`, … when an interrupted earlier move already put one there. */
async function freeName(dir: string, name: string): Promise<string> {
  const taken = new Set(await readdir(dir));
  if (!taken.has(name)) return join(dir, name);
  for (let i = 1; ; i++) if (!taken.has(`${name}.${i}`)) return join(dir, `${name}.${i}`);
}
