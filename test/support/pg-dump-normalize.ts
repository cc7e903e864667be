import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { libpqEnv, type ConnectionTarget } from '../../src/db/connection.js';

const run = promisify(execFile);

/** PostgreSQL 15 client from Debian (pg_dump must be at least the server major). */
export const PG_DUMP = process.env['SQUASHBASE_PG_DUMP'] ?? '/usr/bin/pg_dump';

/** Major version of PG_DUMP (pg_dump refuses servers of a newer major). */
export async function pgDumpMajor(): Promise<number> {
  const { stdout } = await run(PG_DUMP, ['--version']);
  const m = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^0-9]*/, ''));
  return m ? Number(m[1]) : 0;
}

/**
 * Can pg_dump dump a server of this major? The default test server (15) always can; with
 * SQUASHBASE_TEST_PG_MAJOR=17 and Debian's pg_dump 15 the comparison is not possible.
 */
export async function pgDumpCanDump(serverMajor: number): Promise<boolean> {
  return (await pgDumpMajor()) >= serverMajor;
}

/** `pg_dump --schema-only` of a database (password via PGPASSWORD, never argv), without supabase_migrations. */
export async function pgDumpSchema(target: ConnectionTarget): Promise<string> {
  const { stdout } = await run(PG_DUMP, ['--schema-only', '--no-password', '--exclude-schema=supabase_migrations'], {
    env: libpqEnv(target),
    maxBuffer: 512 * 1024 * 1024,
  });
  return stdout;
}

/** The normaliser parity's pg_dump second opinion uses (src/parity/pg-dump-normalize.ts). */
export { normalizePgDump, maskSecretOptions } from '../../src/parity/pg-dump-normalize.js';

export { identitySequenceGrantLines } from '../../src/parity/pg-dump-check.js';
