import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

async function leftovers(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((n) => n.startsWith('squashbase-demo-') || n.startsWith('squashbase-pg-')).sort();
}

/**
 * Ctrl-C in the middle of real work (the demo, with an embedded live server running): the
 * process exits 130 whatever the interrupted step returns, and stops and removes what it started.
 */
describe('signals', () => {
  it('SIGINT during `squashbase demo` exits 130 and leaves no server or temp dir behind', async () => {
    const before = await leftovers();
    const child = spawn(process.execPath, [MAIN, 'demo'], { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
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
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('SIGINT received, cleaning up');
    // Give the reaped postmaster a moment to finish removing its directory.
    await new Promise((r) => setTimeout(r, 500));
    // Only what appeared during this test counts: other processes may add or remove their own.
    expect((await leftovers()).filter((n) => !before.includes(n))).toEqual([]);
  });
});
