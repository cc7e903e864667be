import { access, constants } from 'node:fs/promises';
import { describe, it } from 'vitest';
import { findPgTool } from '../../src/safety/pg-tools.js';
import { NEEDS_PG_DUMP, PG_DUMP_INSTALL } from './pg-dump-tag.js';

/**
 * pg_dump has no npm package: tests that need it are skipped on a machine without it (their
 * names get NEEDS_PG_DUMP, which the closing summary counts, with what to install), unless
 * SQUASHBASE_REQUIRE_PG_DUMP=1 (set by .ci/run) turns its absence into a failure. The test
 * server is PostgreSQL 15, so pg_dump 15+ is needed; SQUASHBASE_PG_DUMP names the binary
 * to use (a missing path counts as missing, which is how the skip path is exercised).
 */
export { NEEDS_PG_DUMP, PG_DUMP_INSTALL } from './pg-dump-tag.js';

async function locate(env: NodeJS.ProcessEnv): Promise<string | null> {
  const explicit = env['SQUASHBASE_PG_DUMP'];
  if (explicit) {
    try {
      await access(explicit, constants.X_OK);
      return explicit;
    } catch {
      return null;
    }
  }
  return (await findPgTool('pg_dump', 15, env)).tool?.path ?? null;
}

export const pgDumpPath = await locate(process.env);
const required = process.env['SQUASHBASE_REQUIRE_PG_DUMP'] === '1';

function missing(): never {
  throw new Error(`pg_dump 15+ was not found and SQUASHBASE_REQUIRE_PG_DUMP=1: ${PG_DUMP_INSTALL}.`);
}

/** `it` when pg_dump is there; skipped (and counted) or failing (CI) when it is not. */
export function itWithPgDump(name: string, fn: () => Promise<void> | void, timeout?: number): void {
  if (pgDumpPath) it(name, fn, timeout);
  else if (required) it(name, missing);
  else it.skip(`${name} ${NEEDS_PG_DUMP}`, fn);
}

/** `describe` when pg_dump is there; its tests skipped (and counted) or one failure (CI) when not. */
export function describeWithPgDump(name: string, fn: () => void): void {
  if (pgDumpPath) describe(name, fn);
  else if (required) describe(name, () => it('pg_dump is available', missing));
  else describe.skip(`${name} ${NEEDS_PG_DUMP}`, fn);
}
