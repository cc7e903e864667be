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
import { access, readdir, realpath } from 'node:fs/promises';
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

/** --restrict-key arrived in the August 2025 minors (CVE-2025-8714): 13.22, 14.19, 15.14, 16.10, 17.6, and 18. */
export function supportsRestrictKey(version: string): boolean {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = Number(m[2] ?? 0);
  const firstMinor: Record<number, number> = { 13: 22, 14: 19, 15: 14, 16: 10, 17: 6 };
  if (major >= 18) return true;
  const need = firstMinor[major];
  return need !== undefined && minor >= need;
}

async function probe(file: string): Promise<PgTool | null> {
  try {
    const r = await runTool(file, ['--version']);
    if (r.code !== 0) return null;
    const v = parseToolVersion(r.stdout);
    if (!v) return null;
    return { path: file, version: v.version, major: v.major, supportsRestrictKey: supportsRestrictKey(v.version) };
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

/**
 * Candidate paths: $SQUASHBASE_PG_BIN, then the per-major binaries of Debian/Ubuntu
 * (/usr/lib/postgresql/<major>/bin, newest first — real binaries, not the pg_wrapper script),
 * then PATH, then Homebrew's postgresql@<major>.
 */
async function candidates(name: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const out: string[] = [];
  const override = env['SQUASHBASE_PG_BIN'];
  if (override) out.push(path.join(override, name));
  try {
    const majors = (await readdir('/usr/lib/postgresql')).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
    for (const m of majors) out.push(path.join('/usr/lib/postgresql', m, 'bin', name));
  } catch {
    // not a Debian-style install
  }
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) if (dir) out.push(path.join(dir, name));
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
  const key = `${name}\0${serverMajor}\0${env['SQUASHBASE_PG_BIN'] ?? ''}\0${env['PATH'] ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const found: PgTool[] = [];
  const seen = new Set<string>();
  for (const file of await candidates(name, env)) {
    if (!(await isExecutable(file))) continue;
    const real = await realpath(file).catch(() => file);
    if (seen.has(real)) continue;
    seen.add(real);
    const t = await probe(file);
    if (!t) continue;
    found.push(t);
    if (t.major === serverMajor) break; // the closest possible match: stop probing
  }
  const fitting = found.filter((t) => t.major >= serverMajor).sort((a, b) => a.major - b.major);
  const choice = { tool: fitting[0] ?? null, found };
  cache.set(key, choice);
  return choice;
}

/** Probing spawns processes; a run asks the same question several times (backup, verify). */
const cache = new Map<string, ToolChoice>();

/** What to install when no fitting tool exists. */
export function installHint(serverMajor: number): string {
  return (
    `Install the PostgreSQL ${serverMajor} client tools (pg_dump must be at least the server's major version): ` +
    `Debian/Ubuntu: apt-get install postgresql-client-${serverMajor} (from apt.postgresql.org); ` +
    `macOS: brew install postgresql@${serverMajor}; or point SQUASHBASE_PG_BIN at a directory holding pg_dump ${serverMajor}+.`
  );
}
