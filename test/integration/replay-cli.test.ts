import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { serverTarget } from '../support/test-database.js';
import { toUrl } from '../../src/db/connection.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BROKEN = fileURLToPath(new URL('../fixtures/histories/broken', import.meta.url));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['SUPABASE_DB_URL'];
  delete env['DATABASE_URL'];
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await run(process.execPath, ['dist/cli/main.js', ...args], { cwd: ROOT, env, maxBuffer: 32 * 1024 * 1024, timeout: 170_000 });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      // dist/ is shared: another test file may be re-emitting it this very moment. Retry once.
      if (attempt === 0 && /ERR_MODULE_NOT_FOUND|SyntaxError|does not provide an export/.test(e.stderr ?? '')) {
        await new Promise((r) => setTimeout(r, 3000));
        continue;
      }
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  }
}

describe('squashbase replay (CLI, end to end)', () => {
  let shadowUrl: string;
  let password: string;
  beforeAll(async () => {
    await run('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT }).catch(() => undefined); // emits even when other files have type errors
    const server = serverTarget();
    shadowUrl = toUrl(server);
    password = String(server.config.password ?? '');
  });

  it('replays the example project on an existing server (--shadow-url): a line per file, stand-ins listed', async () => {
    const r = await cli(['replay', '--workdir', ROOT, '--shadow-url', shadowUrl]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/ok\s+20240101093000_init\.sql\s+6 statements/);
    expect(r.stdout.match(/^ {2}ok\s+\d{14}_/gm)).toHaveLength(16);
    expect(r.stdout).toContain('outside a transaction: CREATE INDEX CONCURRENTLY (line 3)');
    expect(r.stdout).toMatch(/Emulated extensions[^\n]*\n(.*\n)*\s+pg_cron\s+bundled/);
    expect(r.stdout).toMatch(/\n\s+vector\s+bundled/);
    expect(r.stdout).toContain('Replay succeeded: 16 applied, 0 failed, 0 skipped');
    // Not a TTY: one progress line per file on stderr.
    expect(r.stderr).toContain('[16/16] applied 20240410170000_task_audit_log.sql');
    if (password) expect(r.stdout + r.stderr).not.toContain(password);
  });

  it('reports a broken history with file:line:column, SQLSTATE and caret, exit code 20 (embedded default shadow)', async () => {
    const r = await cli(['replay', '--workdir', BROKEN, '--out', 'never-written.json']);
    expect(r.code, r.stderr).toBe(20);
    expect(r.stdout).toContain('20240102000000_summary_view.sql:5:22: ERROR 42703: column "titel" does not exist');
    expect(r.stdout).toContain('5 |   select id, /* ✨ */ titel from public.notes;');
    expect(r.stdout).toMatch(/\| {22}\^/);
    expect(r.stdout).toMatch(/skip\s+20240103000000_after\.sql/);
    expect(r.stdout).toContain('Replay FAILED: 1 applied, 1 failed, 1 skipped');
    expect(r.stdout).toContain('No snapshot written to never-written.json: the replay failed');
  });

  it('--json --continue-on-error: machine-readable result per file', async () => {
    const r = await cli(['replay', '--workdir', BROKEN, '--shadow-url', shadowUrl, '--continue-on-error', '--json']);
    expect(r.code).toBe(20);
    const j = JSON.parse(r.stdout) as {
      ok: boolean;
      replay: { files: { fileName: string; status: string; error?: { line: number; column: number; sqlstate: string; caret: string } }[] };
      shadow: { provider: string };
      standIns: unknown[];
    };
    expect(j.ok).toBe(false);
    expect(j.shadow.provider).toBe('url');
    expect(j.replay.files.map((f) => f.status)).toEqual(['applied', 'failed', 'applied']);
    expect(j.replay.files[1]!.error).toMatchObject({ line: 5, column: 22, sqlstate: '42703' });
    expect(Array.isArray(j.standIns)).toBe(true);
  });

  it('refuses an empty project with a hint (exit 10) and rejects unknown providers (exit 2)', async () => {
    const empty = await cli(['replay', '--workdir', fileURLToPath(new URL('../fixtures/histories', import.meta.url))]);
    expect(empty.code).toBe(10);
    expect(empty.stderr).toMatch(/No migration files found/);
    const bad = await cli(['replay', '--shadow', 'podman']);
    expect(bad.code).toBe(2);
  });

  it('--help describes the flags', async () => {
    const r = await cli(['replay', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--workdir', '--shadow ', '--shadow-url', '--db-url', '--out', '--continue-on-error', '--allow-version-mismatch', '--json']) {
      expect(r.stdout).toContain(flag);
    }
  });
});
