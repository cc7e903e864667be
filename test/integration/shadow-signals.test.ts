import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The signal path: a process inside withShadow gets SIGTERM. The handler is wired exactly as
 * in src/cli/main.ts (runCleanups + stopAllEmbeddedClusters); the embedded server must be gone
 * and its temporary directory removed. Runs the built dist/ (npm test builds first).
 */
const script = `
import { withShadow } from './dist/shadow/shadow.js';
import { runCleanups } from './dist/util/cleanup.js';
import { stopAllEmbeddedClusters } from './dist/shadow/embedded-cluster.js';
process.on('SIGTERM', () => {
  void Promise.allSettled([runCleanups(), stopAllEmbeddedClusters()]).finally(() => process.exit(130));
});
await withShadow({ provider: 'embedded', major: 15 }, async (shadow) => {
  const db = await shadow.createDatabase('signal');
  process.stdout.write(JSON.stringify({ dir: shadow.dir, db: db.name }) + '\\n');
  await new Promise(() => {});
});
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('shadow cleanup on SIGTERM', () => {
  it('stops the embedded server and removes its directory', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const ready = await new Promise<{ dir: string }>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (b: Buffer) => {
        buf += b.toString();
        const line = buf.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as { dir: string });
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    const pid = Number(readFileSync(join(ready.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(pid)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    expect([130, 143]).toContain(code);
    expect(existsSync(ready.dir)).toBe(false);
    expect(alive(pid)).toBe(false);
  });
});
