import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serverTarget } from '../support/test-database.js';
import { parseDbUrl } from '../../src/db/connection.js';
import { connect } from '../../src/db/client.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { EXIT } from '../../src/exit-codes.js';
import { isSquashbaseError } from '../../src/errors.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Issue 13, item 12, against the real (TLS-less) test server and the built CLI. */
describe('connection URL edge cases, end to end', () => {
  const server = () => serverTarget().config;
  const url = (query: string, auth = `${server().user}:${encodeURIComponent(String(server().password))}`) =>
    `postgresql://${auth}@${server().host}:${server().port}/postgres${query}`;

  it.each(['prefer', 'allow', 'disable'])('sslmode=%s connects to a server without TLS (libpq falls back)', async (mode) => {
    const client = await connect(parseDbUrl(url(`?sslmode=${mode}`)));
    try {
      expect((await client.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
    } finally {
      await client.end();
    }
  });

  it('sslmode=require to a server without TLS is a connection failure', async () => {
    const err = await connect(parseDbUrl(url('?sslmode=require'))).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'CONNECTION_FAILED')).toBe(true);
    expect((err as { hint: string }).hint).toMatch(/does not offer TLS/);
  });

  it('a URL without a password says so, not the SCRAM internals', async () => {
    const out = memoryOutput();
    const code = await runCli(['inspect', '--db-url', url('', server().user)], out, { env: { PGPASSWORD: '' } });
    const text = out.stderr.join('\n');
    expect(code).toBe(EXIT.CONNECTION);
    expect(text).toContain('error[CONNECTION_FAILED]');
    expect(text).toMatch(/asks for a password and none was given/);
    expect(text).not.toMatch(/SASL|SCRAM/);
  });

  it.each(['99999', '65536', '0'])('the built CLI: port %s exits 2 with DB_URL_INVALID and the reason', (port) => {
    const r = spawnSync(process.execPath, [MAIN, 'inspect', '--db-url', `postgresql://u:pw-1@127.0.0.1:${port}/postgres`], {
      encoding: 'utf8',
      env: { ...process.env, SUPABASE_DB_URL: '', DATABASE_URL: '' },
    });
    expect(r.status, r.stderr).toBe(EXIT.USAGE);
    expect(r.stderr).toContain('error[DB_URL_INVALID]');
    expect(r.stderr).toContain(`port "${port}"`);
  });

  it('the built CLI: sslmode=bogus exits 2 with DB_URL_INVALID', () => {
    const r = spawnSync(process.execPath, [MAIN, 'inspect', '--db-url', `postgresql://u:pw-1@127.0.0.1:5432/postgres?sslmode=bogus`], {
      encoding: 'utf8',
      env: { ...process.env, SUPABASE_DB_URL: '', DATABASE_URL: '' },
    });
    expect(r.status, r.stderr).toBe(EXIT.USAGE);
    expect(r.stderr).toContain('sslmode=bogus');
  });
});
