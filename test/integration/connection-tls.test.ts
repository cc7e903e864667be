import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../../src/db/connection.js';
import { connect } from '../../src/db/client.js';
import { isSquashbaseError } from '../../src/errors.js';
import { startTlsOnlyServer, tlsServerUnavailable, type TlsServer } from '../support/tls-server.js';

/**
 * Issue 13, item 12: libpq's sslmode semantics against a real server that only accepts TLS
 * (self-signed certificate). The TLS-less direction (prefer falls back to plain) is in
 * connection-edges-cli.test.ts.
 */
describe.skipIf(tlsServerUnavailable() !== undefined)('sslmode against a TLS-only server', () => {
  let server: TlsServer;
  beforeAll(async () => {
    server = await startTlsOnlyServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const url = (mode: string) => `postgresql://${server.user}:${server.password}@${server.host}:${server.port}/postgres?sslmode=${mode}`;

  async function usesTls(mode: string): Promise<boolean> {
    const client = await connect(parseDbUrl(url(mode)));
    try {
      const r = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_catalog.pg_stat_ssl WHERE pid = pg_catalog.pg_backend_pid()');
      return r.rows[0]?.ssl ?? false;
    } finally {
      await client.end();
    }
  }

  it.each(['prefer', 'require', 'no-verify'])('sslmode=%s connects over TLS', async (mode) => {
    expect(await usesTls(mode)).toBe(true);
  });

  it('sslmode=allow tries plain, is refused (pg_hba hostssl), and falls back to TLS', async () => {
    expect(await usesTls('allow')).toBe(true);
  });

  it.each(['disable', 'verify-ca', 'verify-full'])('sslmode=%s is a connection failure (no plain access / untrusted certificate)', async (mode) => {
    const err = await connect(parseDbUrl(url(mode))).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'CONNECTION_FAILED'), String(err)).toBe(true);
  });
});
