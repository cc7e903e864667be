import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SquashbaseError } from '../errors.js';
import { fsyncDir } from '../util/fs-atomic.js';
import { sha256Hex } from './manifest.js';

/** sha256 of a file, or undefined when it does not exist. */
export async function hashIfExists(path: string): Promise<string | undefined> {
  try {
    return sha256Hex(await readFile(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Copies `from` to `to` so that `to` either does not exist or is complete and byte-identical:
 * the bytes are checked against `sha256` before writing, written to a temporary file in the
 * destination directory, fsynced, renamed over `to`, the directory fsynced, and re-read and
 * re-hashed. Idempotent: an existing `to` with the right hash is left alone.
 */
export async function copyVerified(from: string, to: string, sha256: string): Promise<'copied' | 'present'> {
  if ((await hashIfExists(to)) === sha256) return 'present';
  const bytes = await readFile(from);
  if (sha256Hex(bytes) !== sha256) {
    throw new SquashbaseError('PRECONDITION_FAILED', `${from} changed since it was planned (sha256 differs); nothing was moved.`, {
      hint: 'Re-run consolidate from the start.',
    });
  }
  const dir = dirname(to);
  const tmp = join(dir, `.${basename(to)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o644);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, to);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
  if ((await hashIfExists(to)) !== sha256) {
    throw new SquashbaseError('IO_FAILED', `${to} does not read back with the expected sha256 after copying.`);
  }
  return 'copied';
}

/** Removes `path` only when it still holds exactly `sha256` (never deletes something unexpected). */
export async function removeIfHash(path: string, sha256: string): Promise<'removed' | 'absent'> {
  const h = await hashIfExists(path);
  if (h === undefined) return 'absent';
  if (h !== sha256) {
    throw new SquashbaseError('PRECONDITION_FAILED', `${path} was modified (sha256 differs from the manifest); refusing to remove it.`, {
      hint: 'Move your change aside, then run the command again.',
    });
  }
  await rm(path);
  await fsyncDir(dirname(path));
  return 'removed';
}
