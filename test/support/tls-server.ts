import { execFile, spawn } from 'node:child_process';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

export const TLS_PG_BIN = '/usr/lib/postgresql/15/bin';

export interface TlsServer {
  host: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/** Why no TLS server can be started here (undefined when it can). */
export function tlsServerUnavailable(): string | undefined {
  if (!existsSync(join(TLS_PG_BIN, 'postgres'))) return `no PostgreSQL server binaries in ${TLS_PG_BIN}`;
  if (!existsSync('/usr/bin/openssl')) return 'no openssl';
  return undefined;
}

/**
 * A private Debian PostgreSQL 15 cluster with TLS on (self-signed certificate) that accepts
 * TCP connections over TLS only (pg_hba `hostssl`): a plain attempt is refused with 28000,
 * as on a server that requires encryption. Always stop() it.
 */
export async function startTlsOnlyServer(): Promise<TlsServer> {
  const dir = await mkdtemp(join(tmpdir(), 'squashbase-tls-'));
  await chmod(dir, 0o700);
  const owner = userInfo().uid === 0 ? await osUser('postgres') : undefined;
  if (owner) await chown(dir, owner.uid, owner.gid);
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  await writeFile(pwfile, password + '\n', { mode: 0o600 });
  if (owner) await chown(pwfile, owner.uid, owner.gid);
  const env = { ...process.env, LC_ALL: 'C.UTF-8' };
  await run(join(TLS_PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8'], { ...as, env });
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(data, 'server.key'), '-out', join(data, 'server.crt')], { ...as, env });
  await chmod(join(data, 'server.key'), 0o600);
  await writeFile(join(data, 'pg_hba.conf'), 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n');
  if (owner) await chown(join(data, 'pg_hba.conf'), owner.uid, owner.gid);
  const port = await freePort();
  const settings = ['listen_addresses=127.0.0.1', `port=${port}`, `unix_socket_directories=${dir}`, 'fsync=off', 'ssl=on', 'ssl_cert_file=server.crt', 'ssl_key_file=server.key'];
  const server = spawn(join(TLS_PG_BIN, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])], { ...as, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-4000)));
  let exited = false;
  server.once('exit', () => (exited = true));
  const stop = async () => {
    if (!exited) {
      server.kill('SIGINT');
      await new Promise<void>((r) => {
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
  // Ready once pg_isready answers on the socket directory.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`TLS server exited during start-up:\n${log}`);
    }
    const ok = await run(join(TLS_PG_BIN, 'pg_isready'), ['-h', dir, '-p', String(port), '-q']).then(() => true, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`TLS server did not start in 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { host: '127.0.0.1', port, user: 'postgres', password, stop };
}

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env: opts.env ?? process.env, uid: opts.uid, gid: opts.gid }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${String(stderr) || err.message}`));
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
