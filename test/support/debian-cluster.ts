import { execFile, spawn } from 'node:child_process';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * A private PostgreSQL cluster from Debian's server binaries (not the embedded one the shadow
 * uses): initdb into a 0700 temp directory (owned by the OS user `postgres` when we are root,
 * since initdb refuses root), started on 127.0.0.1 at a free port, its socket in that directory.
 * stop() always removes everything.
 */
export interface DebianCluster {
  dir: string;
  data: string;
  port: number;
  /** The superuser `postgres`'s password (scram-sha-256 over TCP). */
  password: string;
  stop(): Promise<void>;
}

export interface DebianClusterOptions {
  /** Server binaries, e.g. /usr/lib/postgresql/15/bin. */
  bin: string;
  /** Temp directory name prefix. */
  prefix: string;
  /** Extra `-c name=value` settings. */
  settings?: string[];
  /** Runs after initdb, before the server starts (certificates, pg_hba.conf); files it writes in `data` are handed to the cluster's owner. */
  prepare?: (ctx: { data: string; run: (cmd: string, args: string[]) => Promise<void> }) => Promise<string[]>;
}

export async function startDebianCluster(options: DebianClusterOptions): Promise<DebianCluster> {
  const dir = await mkdtemp(join(tmpdir(), options.prefix));
  await chmod(dir, 0o700);
  const owner = userInfo().uid === 0 ? await osUser('postgres') : undefined;
  if (owner) await chown(dir, owner.uid, owner.gid);
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const env = { ...process.env, LC_ALL: 'C.UTF-8' };
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  await writeFile(pwfile, password + '\n', { mode: 0o600 });
  if (owner) await chown(pwfile, owner.uid, owner.gid);
  try {
    await run(join(options.bin, 'initdb'), ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8'], { ...as, env });
  } finally {
    await rm(pwfile, { force: true });
  }
  const written = (await options.prepare?.({ data, run: (cmd, args) => run(cmd, args, { ...as, env }) })) ?? [];
  if (owner) for (const f of written) await chown(f, owner.uid, owner.gid);
  const port = await freePort();
  const settings = ['listen_addresses=127.0.0.1', `port=${port}`, `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', ...(options.settings ?? [])];
  const server = spawn(join(options.bin, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])], { ...as, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-8000)));
  let exited = false;
  server.once('exit', () => (exited = true));
  const stop = async () => {
    if (!exited) {
      server.kill('SIGINT');
      await new Promise<void>((r) => {
        if (exited) return r();
        const t = setTimeout(() => {
          server.kill('SIGKILL');
          r();
        }, 15_000);
        server.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    await rm(dir, { recursive: true, force: true });
  };
  // Ready once pg_isready answers on the socket directory (whatever TCP accepts: TLS-only too).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`PostgreSQL (${options.bin}) exited during start-up:\n${log}`);
    }
    if (await run(join(options.bin, 'pg_isready'), ['-h', dir, '-p', String(port), '-q']).then(() => true, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`PostgreSQL (${options.bin}) did not start in 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { dir, data, port, password, stop };
}

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env: opts.env ?? process.env, uid: opts.uid, gid: opts.gid, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${String(stderr) || err.message}`));
      else resolve();
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function osUser(name: string): Promise<{ uid: number; gid: number }> {
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) => execFile('id', [flag, name], (err, out) => (err ? reject(err) : resolve(Number(String(out).trim())))));
  return { uid: await id('-u'), gid: await id('-g') };
}
