import { lstat, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SquashbaseError } from '../errors.js';

/**
 * Write a file atomically: temp file in the same directory, fsync, rename, fsync the directory.
 * Only a regular file (or a new path) is replaced that way: a symlink is followed and its
 * target written, and a device or FIFO (`--out /dev/null`, a named pipe) is written straight
 * into — renaming over them would silently turn them into regular files.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = await resolveWriteTarget(path);
  if (target.how === 'through') return writeInPlace(target.path, data);
  const dir = dirname(target.path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w', 0o644);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, target.path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}

interface WriteTarget {
  /** replace: temp file + rename; through: open and write the existing thing itself. */
  how: 'replace' | 'through';
  path: string;
}

/** What `path` names once symlinks are followed: a (new) regular file, or something to write into. */
async function resolveWriteTarget(path: string): Promise<WriteTarget> {
  let link;
  try {
    link = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { how: 'replace', path };
    throw err;
  }
  let real = path;
  let info = link;
  if (link.isSymbolicLink()) {
    try {
      real = await realpath(path);
      info = await stat(real);
    } catch (err) {
      // A dangling symlink: writing through it creates its target, as a shell redirect would.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { how: 'through', path };
      throw err;
    }
  }
  if (info.isDirectory()) {
    throw new SquashbaseError('IO_FAILED', `Cannot write ${path}: it is a directory.`, {
      hint: 'Give a file name, e.g. ' + join(path, 'out.json') + '.',
    });
  }
  return { how: info.isFile() ? 'replace' : 'through', path: real };
}

/** Devices, FIFOs and dangling symlinks: open and write, no rename and no fsync (devices refuse it). */
async function writeInPlace(path: string, data: string | Uint8Array): Promise<void> {
  const fh = await open(path, 'w', 0o644);
  try {
    await fh.writeFile(data);
  } finally {
    await fh.close();
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  try {
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  }
}
