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
 * overlap the serialisation. Text is written in ~1 MB pieces either way.
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

/** Size of each of the two buffers text is encoded into and written from. */
const WRITE_BUFFER = 1 << 20;

async function writeData(fh: FileHandle, data: FileData): Promise<void> {
  if (data instanceof Uint8Array) {
    await writeAll(fh, data);
    return;
  }
  // Text goes through two reused buffers: one is being written while the other fills. Every
  // page a process touches for the first time costs a page fault, and on some machines (VMs)
  // a fault is dear: encoding 10 MB into fresh memory, or joining it into one string first,
  // touches 10 MB more than needed.
  const buffers = [Buffer.allocUnsafeSlow(WRITE_BUFFER), Buffer.allocUnsafeSlow(WRITE_BUFFER)];
  let current = 0;
  let used = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const full = buffers[current]!.subarray(0, used);
    await inFlight;
    inFlight = writeAll(fh, full);
    current ^= 1;
    used = 0;
  };
  let carry = '';
  try {
    for (const piece of typeof data === 'string' ? [data] : data) {
      let rest = carry + piece;
      // A pair split between two pieces is encoded whole: its first half waits for the next piece.
      carry = isHighSurrogate(rest.charCodeAt(rest.length - 1)) ? rest.slice(-1) : '';
      if (carry) rest = rest.slice(0, -1);
      while (rest.length > 0) {
        const { read, written } = UTF8.encodeInto(rest, buffers[current]!.subarray(used));
        used += written;
        if (read === rest.length) break;
        rest = rest.slice(read);
        await flush();
      }
    }
    if (carry) used += UTF8.encodeInto(carry, buffers[current]!.subarray(used)).written;
    if (used > 0) await flush();
  } finally {
    await inFlight;
  }
}

/**
 * UTF-8 encoder of the text: the same bytes as Buffer.from(text, 'utf8') (a lone surrogate
 * becomes U+FFFD either way), many times faster on Node 20 for long one-byte strings.
 */
const UTF8 = new TextEncoder();

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

async function writeAll(fh: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let off = 0; off < bytes.length; ) off += (await fh.write(bytes, off)).bytesWritten;
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
