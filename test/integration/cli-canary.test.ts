import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverTarget } from '../support/test-database.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../supabase', import.meta.url));
const CANARY = 'p@ss w#rd%!';
/** Every spelling the canary could leak in. */
const SPELLINGS = [CANARY, encodeURIComponent(CANARY), encodeURI(CANARY), 'ss w#rd', 'ss%20w', 'rd%25'];

interface Run {
  code: number | null;
  out: string;
}

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd,
      env: { ...process.env, SUPABASE_DB_URL: '', DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/**
 * The password of a connection string never appears in any output — including connection
 * failures — for every command that takes a database URL, run as a real process (no in-process
 * redaction shortcut): a closed port, and the real server with the canary as a wrong password.
 */
describe('no command ever prints the password', () => {
  let dir: string;
  const server = () => serverTarget().config;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-canary-'));
    await cp(EXAMPLE, join(dir, 'supabase'), { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const commands: { name: string; args: (url: string) => string[] }[] = [
    { name: 'inspect', args: (u) => ['inspect', '--db-url', u] },
    { name: 'baseline', args: (u) => ['baseline', '--db-url', u, '--workdir', dir, '--stdout'] },
    { name: 'replay', args: (u) => ['replay', '--db-url', u, '--workdir', dir] },
    { name: 'parity', args: (u) => ['parity', '--db-url', u, '--workdir', dir, '--report-dir', join(dir, 'report')] },
    { name: 'consolidate', args: (u) => ['consolidate', '--db-url', u, '--workdir', dir, '--allow-dirty'] },
    { name: 'backup', args: (u) => ['backup', '--db-url', u, '--out', join(dir, 'backup-' + Math.random().toString(36).slice(2))] },
    { name: 'preflight', args: (u) => ['preflight', '--db-url', u, '--workdir', dir] },
    { name: 'check-data', args: (u) => ['check-data', '--db-url', u, '--save', join(dir, 'check.json')] },
    { name: 'lint', args: (u) => ['lint', '--db-url', u, '--workdir', dir] },
    { name: 'shadow check', args: (u) => ['shadow', 'check', '--shadow-url', u] },
  ];

  it.each(commands)('$name: closed port and wrong password, flag and SUPABASE_DB_URL', async ({ name, args }) => {
    const s = server();
    const encoded = encodeURIComponent(CANARY);
    const closed = `postgresql://postgres:${encoded}@127.0.0.1:1/postgres`;
    const wrong = `postgresql://${s.user}:${encoded}@${s.host}:${s.port}/postgres`;
    const runs: Run[] = [];
    for (const url of [closed, wrong]) {
      runs.push(await run(args(url), {}, dir));
      // The same URL from the environment, for commands that read it there (lint and replay
      // only connect when told to with --db-url; shadow check takes --shadow-url).
      if (!['shadow check', 'lint', 'replay'].includes(name)) {
        const viaEnv = args(url);
        const i = viaEnv.indexOf('--db-url');
        viaEnv.splice(i, 2);
        runs.push(await run(viaEnv, { SUPABASE_DB_URL: url }, dir));
      }
    }
    for (const r of runs) {
      expect(r.code, r.out).not.toBe(0);
      for (const s of SPELLINGS) expect(r.out, `${name} leaked "${s}":\n${r.out}`).not.toContain(s);
    }
    // The core read commands report a connection failure as such (exit 3).
    if (['inspect', 'baseline', 'backup', 'check-data'].includes(name)) {
      expect(runs[0]!.code, runs[0]!.out).toBe(3);
      expect(runs[0]!.out).toMatch(/error\[CONNECTION_FAILED\]/);
      expect(runs[0]!.out).toContain('postgresql://postgres:***@127.0.0.1:1/postgres');
    }
  });
});
