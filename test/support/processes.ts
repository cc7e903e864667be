import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Real processes the tests and the corpus run drive: squashbase's CLI, the Supabase CLI, git. */
export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SQUASHBASE_BIN = join(REPO, 'dist', 'cli', 'main.js');
export const SUPABASE_BIN = join(REPO, 'node_modules', '.bin', 'supabase');

/** Run a process (no shell); never throws for a non-zero exit. URLs from the environment are dropped. */
export function runProcess(cmd: string, args: string[], cwd: string, timeoutMs = 900_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DO_NOT_TRACK: '1', SUPABASE_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...extraEnv };
  delete env['SUPABASE_DB_URL'];
  delete env['DATABASE_URL'];
  delete env['SQUASHBASE_CRASH_AT'];
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), ms: Date.now() - started });
    });
  });
}

export const squashbase = (args: string[], cwd: string) => runProcess(process.execPath, [SQUASHBASE_BIN, ...args], cwd);
export const supabase = (args: string[], cwd: string) => runProcess(SUPABASE_BIN, [...args, '--workdir', cwd], cwd);

/** The PostgreSQL client tool of the live-platform server's major (Debian's), else on PATH. */
export function pgTool(tool: string, bindir = '/usr/lib/postgresql/15/bin'): string {
  return existsSync(join(bindir, tool)) ? join(bindir, tool) : `/usr/bin/${tool}`;
}

/** A temp project folder with supabase/migrations copied from `migrationsDir`, committed to git. */
export async function makeGitProject(migrationsDir: string, label: string): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), `sb-${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}-`));
  await mkdir(join(work, 'supabase'), { recursive: true });
  await cp(migrationsDir, join(work, 'supabase', 'migrations'), { recursive: true });
  for (const args of [['init', '-q'], ['add', '.'], ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'history']]) {
    const r = await runProcess('git', args, work);
    if (r.code !== 0) throw new Error(`git ${args[0]} failed in ${work}: ${r.stderr}`);
  }
  return work;
}

/** `pg_dump --schema-only` without the history table (libpq takes the URL's password). */
export async function pgDumpSchemaOf(url: string): Promise<string> {
  const r = await runProcess(pgTool('pg_dump'), ['--schema-only', '--no-password', '--exclude-schema=supabase_migrations', '-d', url], REPO);
  if (r.code !== 0) throw new Error(`pg_dump failed: ${r.stderr}`);
  return r.stdout;
}

/** psql -f of files, stopping at the first error, in one process. */
export function psqlFiles(url: string, files: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  return runProcess(pgTool('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...files.flatMap((f) => ['-f', f])], cwd, 900_000, extraEnv);
}
