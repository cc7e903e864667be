import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { lstat, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/util/fs-atomic.js';
import { isSquashbaseError } from '../../src/errors.js';

/** `--out` targets that are not regular files must survive the write (issue 13, item 1). */
describe('writeFileAtomic onto things that are not regular files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-fsatomic-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces a regular file and creates a new one', async () => {
    const p = join(dir, 'plain.json');
    await writeFileAtomic(p, 'one');
    await writeFileAtomic(p, 'two');
    expect(await readFile(p, 'utf8')).toBe('two');
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    const target = join(dir, 'target.json');
    const link = join(dir, 'link.json');
    await writeFile(target, 'old');
    await symlink(target, link);
    await writeFileAtomic(link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('writes through a dangling symlink, creating its target', async () => {
    const target = join(dir, 'later.json');
    const link = join(dir, 'dangling.json');
    await symlink(target, link);
    await writeFileAtomic(link, 'made');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('made');
  });

  it('writes into a FIFO instead of replacing it', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    await writeFileAtomic(fifo, 'through the pipe');
    // Without the fix the FIFO is renamed over and the reader waits forever: bound it.
    const timer = setTimeout(() => reader.kill(), 5000);
    await closed;
    clearTimeout(timer);
    expect(got).toBe('through the pipe');
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  // Never /dev/null itself: a regression would replace the machine's /dev/null.
  it('writes through a symlink to /dev/null and leaves the device a device', async () => {
    const link = join(dir, 'null-link');
    await symlink('/dev/null', link);
    await writeFileAtomic(link, 'discarded');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect((await stat('/dev/null')).isCharacterDevice()).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)('writes into a char device made with mknod in a temp dir', async () => {
    const dev = join(dir, 'null');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    await writeFileAtomic(dev, 'discarded');
    expect((await lstat(dev)).isCharacterDevice()).toBe(true);
  });

  it('refuses a directory clearly (IO_FAILED)', async () => {
    const d = join(dir, 'adir');
    await mkdir(d);
    const err = await writeFileAtomic(d, 'x').catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'IO_FAILED')).toBe(true);
    expect((err as Error).message).toMatch(/is a directory/);
  });
});
