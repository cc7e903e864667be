/**
 * Locating and running the PostgreSQL client tools (pg_dump, pg_restore) for backups.
 *
 * Why our own lookup: a pg_dump older than the server refuses to dump it ("server version
 * mismatch"), and Debian/Ubuntu install several majors side by side under
 * /usr/lib/postgresql/<major>/bin while PATH holds only one wrapper. We take the newest tool
 * whose major is at least the server's. Passwords reach children only through PGPASSWORD
 * (libpqEnv), never argv.
 */
import { spawn } from 'node:child_process';
import { access, readdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { redact } from '../db/redact.js';

export interface PgTool {
  /** Absolute path or bare name resolved on PATH. */
  path: string;
  /** e.g. "15.18 (Debian 15.18-0+deb12u1)" */
  version: string;
  major: number;
  /** pg_dump only: supports --restrict-key (15.14+/16.10+/17.6+). */
  supportsRestrictKey: boolean;
}

export interface ToolRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** Redacted. */
  stderr: string;
}

/** Run a tool, collecting output (stdout capped, for --list style outputs). */
export function runTool(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; maxStdout?: number; onStdout?: (chunk: Buffer) => void } = {},
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    const max = options.maxStdout ?? 64 * 1024 * 1024;
    child.stdout.on('data', (b: Buffer) => {
      if (options.onStdout) options.onStdout(b);
      else if (outBytes < max) {
        out.push(b);
        outBytes += b.length;
      }
    });
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: redact(Buffer.concat(err).toString('utf8')) }),
    );
  });
}

/** Parse "pg_dump (PostgreSQL) 15.18 (Debian …)" → { version, major }. */
export function parseToolVersion(text: string): { version: string; major: number } | null {
  const m = /\(PostgreSQL\)\s+((\d+)(?:\.\d+)?[^\n]*)/.exec(text);
  if (!m) return null;
  return { version: m[1]!.trim(), major: Number(m[2]) };
}

async function probe(file: string, name: 'pg_dump' | 'pg_restore'): Promise<PgTool | null> {
  try {
    const r = await runTool(file, ['--version']);
    if (r.code !== 0) return null;
    const v = parseToolVersion(r.stdout);
    if (!v) return null;
    let supportsRestrictKey = false;
    if (name === 'pg_dump') {
      const help = await runTool(file, ['--help']);
      supportsRestrictKey = help.stdout.includes('--restrict-key');
    }
    return { path: file, version: v.version, major: v.major, supportsRestrictKey };
  } catch {
    return null;
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Candidate paths: $SQUASHBASE_PG_BIN, PATH, then /usr/lib/postgresql/<major>/bin (newest first). */
async function candidates(name: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const out: string[] = [];
  const override = env['SQUASHBASE_PG_BIN'];
  if (override) out.push(path.join(override, name));
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) if (dir) out.push(path.join(dir, name));
  for (const root of ['/usr/lib/postgresql', '/usr/local/opt']) {
    try {
      const majors = (await readdir(root)).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
      for (const m of majors) out.push(path.join(root, m, 'bin', name));
    } catch {
      // not present on this system
    }
  }
  for (const m of [18, 17, 16, 15, 14]) out.push(`/opt/homebrew/opt/postgresql@${m}/bin/${name}`);
  return [...new Set(out)];
}

export interface ToolChoice {
  tool: PgTool | null;
  /** Every tool found, for the message when none fits. */
  found: PgTool[];
}

/**
 * The best tool for a server of `serverMajor`: the lowest major ≥ the server's (closest match
 * produces the most faithful dump), else null with every version found.
 */
export async function findPgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number, env: NodeJS.ProcessEnv = process.env): Promise<ToolChoice> {
  const found: PgTool[] = [];
  const seenVersions = new Set<string>();
  for (const file of await candidates(name, env)) {
    if (!(await isExecutable(file))) continue;
    const t = await probe(file, name);
    if (!t || seenVersions.has(t.version)) continue;
    seenVersions.add(t.version);
    found.push(t);
  }
  const fitting = found.filter((t) => t.major >= serverMajor).sort((a, b) => a.major - b.major);
  return { tool: fitting[0] ?? null, found };
}

/** What to install when no fitting tool exists. */
export function installHint(serverMajor: number): string {
  return (
    `Install the PostgreSQL ${serverMajor} client tools (pg_dump must be at least the server's major version): ` +
    `Debian/Ubuntu: apt-get install postgresql-client-${serverMajor} (from apt.postgresql.org); ` +
    `macOS: brew install postgresql@${serverMajor}; or point SQUASHBASE_PG_BIN at a directory holding pg_dump ${serverMajor}+.`
  );
}
