import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/**
 * Ctrl-C in the middle of real work (the demo, with an embedded live server running): the
 * process exits 130 whatever the interrupted step returns, and stops and removes what it started.
 * The child gets a private TMPDIR, so what it leaves behind is told apart from other processes'.
 */
describe('signals', () => {
  it('SIGINT during `squashbase demo` exits 130 and leaves no server or temp dir behind', async () => {
    const privateTmp = await mkdtemp(join(tmpdir(), 'sb-signal-test-'));
    await chmod(privateTmp, 0o755); // the embedded server runs as `postgres` and must traverse it
    try {
      const child = spawn(process.execPath, [MAIN, 'demo'], {
        cwd: privateTmp,
        env: { ...process.env, TMPDIR: privateTmp },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          // The live server is up and the history is being pushed: interrupt now.
          if (stderr.includes('[3/8]')) resolve();
        });
        void exited.then((code) => reject(new Error(`demo exited (${code}) before it could be interrupted:\n${stderr}`)));
      });
      expect((await readdir(privateTmp)).some((n) => n.startsWith('squashbase-pg-'))).toBe(true);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toContain('SIGINT received, cleaning up');
      expect(await readdir(privateTmp)).toEqual([]);
    } finally {
      await rm(privateTmp, { recursive: true, force: true });
    }
  });
});
