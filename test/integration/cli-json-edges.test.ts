import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useTestDatabase } from '../support/test-database.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { EXIT } from '../../src/exit-codes.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Issue 13, item 14: under --json, stdout is exactly one JSON document — whatever happens. */
describe('--json keeps stdout JSON', () => {
  const db = useTestDatabase('cli_json_edges');
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-json-edges-'));
    await db.get().query('CREATE TABLE public.notes (id int PRIMARY KEY)');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('baseline --json --stdout: the SQL is inside the JSON, and nothing is written', async () => {
    const out = memoryOutput();
    expect(await runCli(['baseline', '--db-url', db.get().url, '--workdir', dir, '--json', '--stdout'], out, { env: {}, cwd: dir })).toBe(EXIT.OK);
    expect(out.stdout).toHaveLength(1);
    const doc = JSON.parse(out.stdout[0]!) as { ok: boolean; sql: string; written: boolean };
    expect(doc.ok).toBe(true);
    expect(doc.written).toBe(false);
    expect(doc.sql).toMatch(/CREATE TABLE "?public"?\."?notes"?/);
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['an unknown flag', ['inspect', '--bogus', '--json']],
    ['an unknown command', ['frobnicate', '--json']],
    ['a missing option value', ['rollback', '--json']],
  ])('%s is a JSON USAGE error on stdout, nothing on stderr', async (_label, argv) => {
    const out = memoryOutput();
    expect(await runCli(argv, out, { env: {}, cwd: dir })).toBe(EXIT.USAGE);
    expect(out.stderr).toEqual([]);
    const doc = JSON.parse(out.stdout.join('')) as { ok: boolean; error: { code: string; message: string }; exitCode: number };
    expect(doc).toMatchObject({ ok: false, error: { code: 'USAGE' }, exitCode: EXIT.USAGE });
    expect(doc.error.message.length).toBeGreaterThan(0);
  });

  describe('a signal under --json leaves a JSON error on stdout', () => {
    let server: Server;
    let port = 0;
    const sockets: Socket[] = [];
    let connected: () => void = () => undefined;
    beforeAll(async () => {
      // Accepts connections and never answers: the CLI hangs in connect until signalled.
      server = createServer((s) => {
        sockets.push(s);
        connected();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    });

    it.each([
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)('%s → exit %i and an ABORTED document', async (signal, exitCode) => {
      const reached = new Promise<void>((r) => (connected = r));
      const child = spawn(process.execPath, [MAIN, 'inspect', '--json', '--db-url', `postgresql://u:pw-1@127.0.0.1:${port}/postgres`], {
        env: { ...process.env, SUPABASE_DB_URL: '', DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      await reached;
      child.kill(signal);
      expect(await exited).toBe(exitCode);
      const doc = JSON.parse(stdout) as { ok: boolean; error: { code: string; message: string }; exitCode: number };
      expect(doc).toMatchObject({ ok: false, error: { code: 'ABORTED' }, exitCode });
      expect(doc.error.message).toContain(signal);
    });
  });
});
