import { writeFile } from 'node:fs/promises';
import { withPrivateTempDir } from '../../util/private-temp.js';
import { join } from 'node:path';
import type { ConnectionTarget } from '../../db/connection.js';
import { libpqEnv } from '../../db/connection.js';
import { SquashbaseError } from '../../errors.js';
import { findPgTool, installHint, runTool } from '../../safety/pg-tools.js';
import type { LivePlatform } from './read-live.js';

/**
 * Schema-only dump of the live project's managed schemas (auth, storage, realtime, …) through
 * pg_dump's custom format, filtered by its table of contents so that:
 * - user attachments stay out (policies on platform tables, user triggers on auth.users, …):
 *   the replayed migrations create those;
 * - default privileges, publications and event triggers are left to platform-clone.ts, which
 *   reproduces all of them from the catalog.
 * Split into the schema entries (restored before extensions are created) and the rest.
 * pg_dump must be at least the server's major; `\restrict` lines are stripped.
 */
export interface ManagedDump {
  schemasSql: string;
  objectsSql: string;
  tool: string;
  entries: { kept: number; dropped: number };
}

/** details.reason when no fitting pg_dump exists (bootstrap then overlays live onto the bundled model). */
export const NO_PG_DUMP = 'no-fitting-pg-dump';

const DROPPED_KINDS = ['POLICY', 'DEFAULT ACL', 'PUBLICATION', 'EVENT TRIGGER'];

export async function dumpManagedSchemas(live: ConnectionTarget, platform: LivePlatform): Promise<ManagedDump> {
  const liveMajor = Math.floor(platform.versionNum / 10000);
  const dump = (await findPgTool('pg_dump', liveMajor)).tool;
  const restore = (await findPgTool('pg_restore', liveMajor)).tool;
  if (!dump || !restore) {
    throw new SquashbaseError('SHADOW_FAILED', `No pg_dump/pg_restore ${liveMajor}+ was found to clone the platform schemas from live.`, {
      hint: installHint(liveMajor),
      details: { reason: NO_PG_DUMP },
    });
  }
  // A live without Supabase's managed schemas (plain PostgreSQL with a history table): nothing
  // to dump. pg_dump with no --schema at all would dump everything, user schemas included.
  if (platform.managedSchemas.length === 0) return { schemasSql: '', objectsSql: '', tool: `${dump.path} ${dump.version} (no managed schemas on live)`, entries: { kept: 0, dropped: 0 } };
  return withPrivateTempDir('squashbase-clone-', async (dir) => {
    const file = join(dir, 'managed.dump');
    const args = ['--schema-only', '--format=custom', '--file', file, ...platform.managedSchemas.flatMap((s) => ['--schema', s])];
    const run = await runTool(dump.path, args, { env: libpqEnv(live) });
    if (run.code !== 0) {
      throw new SquashbaseError('SHADOW_FAILED', `pg_dump of the live platform schemas failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
    }
    const list = await runTool(restore.path, ['--list', file]);
    if (list.code !== 0) throw new SquashbaseError('SHADOW_FAILED', `pg_restore --list failed: ${list.stderr.trim()}`);
    const userTriggers = new Set(platform.userTriggerOids);
    const schemaLines: string[] = [];
    const objectLines: string[] = [];
    let dropped = 0;
    for (const line of list.stdout.split('\n')) {
      const m = /^\s*\d+;\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (!m) continue;
      const oid = m[2]!;
      const rest = m[3]!;
      if (DROPPED_KINDS.some((k) => rest.startsWith(k + ' ')) || (rest.startsWith('TRIGGER ') && userTriggers.has(oid))) {
        dropped++;
        continue;
      }
      if (/^(SCHEMA|ACL - SCHEMA|COMMENT - SCHEMA) /.test(rest)) schemaLines.push(line);
      else objectLines.push(line);
    }
    const render = async (lines: string[], name: string): Promise<string> => {
      if (!lines.length) return '';
      const listFile = join(dir, name);
      await writeFile(listFile, lines.join('\n') + '\n');
      const r = await runTool(restore.path, ['--use-list', listFile, '--file', '-', file]);
      if (r.code !== 0) throw new SquashbaseError('SHADOW_FAILED', `pg_restore failed: ${r.stderr.trim()}`);
      return cleanDumpSql(r.stdout);
    };
    return {
      schemasSql: await render(schemaLines, 'schemas.list'),
      objectsSql: await render(objectLines, 'objects.list'),
      tool: `${dump.path} ${dump.version}`,
      entries: { kept: schemaLines.length + objectLines.length, dropped },
    };
  });
}

/** Remove psql meta-commands (\restrict, \unrestrict, \connect) and settings older servers reject. */
export function cleanDumpSql(sql: string): string {
  return sql
    .split('\n')
    .filter((l) => !/^\\/.test(l) && !/^SET transaction_timeout\b/.test(l))
    .join('\n');
}
