import { lstat, mkdir, open, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SquashbaseError } from '../errors.js';

/**
 * Write a file atomically: temp file in the same directory, fsync, rename, fsync the directory.
 * Only a regular file (or a new path) is replaced that way: a symlink is followed and its
 * target written, and a device or FIFO (`--out /dev/null`, a named pipe) is written straight
 * into — renaming over them would silently turn them into regular files.
 *
 * `data` may also be an iterable of strings (canonicalJsonChunks): written as it is produced,
 * so a 10 MB snapshot is never one string plus its UTF-8 copy in memory, and the disk writes
 * overlap the serialisation.
 */
export async function writeFileAtomic(path: string, data: FileData): Promise<void> {
  const target = await resolveWriteTarget(path);
  if (target.how === 'through') return writeInPlace(target.path, data);
  const dir = dirname(target.path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w', 0o644);
  try {
    await writeData(fh, data);
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

/** What writeFileAtomic writes: text, bytes, or text in pieces. */
export type FileData = string | Uint8Array | Iterable<string>;

/** Pieces are gathered to about this many characters before each write. */
const WRITE_CHUNK = 1 << 20;

async function writeData(fh: FileHandle, data: FileData): Promise<void> {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    await fh.writeFile(data);
    return;
  }
  // One write in flight while the next piece is produced; each awaited before the next starts.
  let inFlight: Promise<unknown> = Promise.resolve();
  let buffered = '';
  const flush = async () => {
    const bytes = utf8(buffered);
    buffered = '';
    await inFlight;
    inFlight = writeAll(fh, bytes);
  };
  try {
    for (const piece of data) {
      buffered += piece;
      if (buffered.length >= WRITE_CHUNK) await flush();
    }
    if (buffered.length > 0) await flush();
  } finally {
    await inFlight;
  }
}

async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  for (let off = 0; off < bytes.length; ) off += (await fh.write(bytes, off)).bytesWritten;
}

/** UTF-8 bytes of `text`; pure ASCII (nearly every snapshot) is copied byte for byte instead of encoded. */
function utf8(text: string): Buffer {
  return /[^\x00-\x7f]/.test(text) ? Buffer.from(text, 'utf8') : Buffer.from(text, 'latin1');
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
async function writeInPlace(path: string, data: FileData): Promise<void> {
  const fh = await open(path, 'w', 0o644);
  try {
    await writeData(fh, data);
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
