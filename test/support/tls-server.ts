import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { startDebianCluster } from './debian-cluster.js';

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
  const cluster = await startDebianCluster({
    bin: TLS_PG_BIN,
    prefix: 'squashbase-tls-',
    settings: ['ssl=on', 'ssl_cert_file=server.crt', 'ssl_key_file=server.key'],
    async prepare({ data, run }) {
      await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(data, 'server.key'), '-out', join(data, 'server.crt')]);
      await chmod(join(data, 'server.key'), 0o600);
      await writeFile(join(data, 'pg_hba.conf'), 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n');
      return [join(data, 'pg_hba.conf')];
    },
  });
  return { host: '127.0.0.1', port: cluster.port, user: 'postgres', password: cluster.password, stop: cluster.stop };
}
