import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLiveProject, REPO_ROOT, type LiveProject } from '../support/live-project.js';
import { libpqEnv } from '../../src/db/connection.js';
import { discoverMigrations } from '../../src/migrations/discover.js';
import { historyParams } from '../../src/shadow/replay.js';
import { itWithPgDump } from '../support/pg-dump-required.js';

const run = promisify(execFile);
const SUPABASE_BIN = fileURLToPath(new URL('../../node_modules/.bin/supabase', import.meta.url));

/**
 * Compatibility with the real Supabase CLI (npm `supabase`, no Docker needed for a database
 * URL): `supabase db push` of the example project and squashbase's replay must leave the same
 * schema and byte-identical history rows.
 */
describe('replay matches `supabase db push`', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup) await c().catch(() => undefined);
  });

  itWithPgDump('same history rows (version, name, statements) and the same pg_dump --schema-only', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'sb-empty-'));
    await mkdir(join(empty, 'supabase', 'migrations'), { recursive: true });
    cleanup.push(() => rm(empty, { recursive: true, force: true }));

    // A platform-bootstrapped database with no history, pushed to by the real CLI.
    const pushed: LiveProject = await createLiveProject({ label: 'cli_push', workdir: empty });
    cleanup.push(() => pushed.drop());
    const c = pushed.target.config;
    const env = { ...libpqEnv(pushed.target), SUPABASE_YES: '1', DO_NOT_TRACK: '1', SUPABASE_TELEMETRY_DISABLED: '1' };
    // Password via PGPASSWORD only: the URL in argv carries none.
    const url = `postgresql://${encodeURIComponent(c.user)}@${c.host}:${c.port}/${encodeURIComponent(c.database)}?sslmode=disable`;
    const push = await run(SUPABASE_BIN, ['db', 'push', `--remote=${url}`, '--workdir', REPO_ROOT, '--yes', '--include-all'], {
      env,
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((e: { stdout?: string; stderr?: string }) => {
      throw new Error(`supabase db push failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    });
    expect(push.stdout + push.stderr).toMatch(/Finished supabase db push/);

    // The same history through squashbase.
    const replayed = await createLiveProject({ label: 'sb_push', workdir: REPO_ROOT });
    cleanup.push(() => replayed.drop());

    const rowsSql = 'select version, name, statements from supabase_migrations.schema_migrations order by version';
    const cliRows = (await pushed.query(rowsSql)).rows;
    const sbRows = (await replayed.query(rowsSql)).rows;
    expect(cliRows).toHaveLength(16);
    expect(sbRows).toEqual(cliRows);
    const set = await discoverMigrations(REPO_ROOT);
    expect(set.files.map((f) => historyParams(f))).toEqual(cliRows.map((r) => [r['version'], r['name'], r['statements']]));

    const dump = async (db: LiveProject) => {
      const r = await run('pg_dump', ['--schema-only'], { env: libpqEnv(db.target), maxBuffer: 64 * 1024 * 1024 });
      return r.stdout
        .split('\n')
        .filter((l) => !/^\\(un)?restrict /.test(l) && !/^-- Dumped (from|by)/.test(l))
        .join('\n')
        .replaceAll(db.target.config.database, '<db>');
    };
    const [a, b] = [await dump(pushed), await dump(replayed)];
    expect(b).toContain('CREATE TRIGGER on_auth_user_created');
    expect(b).toContain("COMMENT ON TABLE public.profiles");
    expect(b).toBe(a);
  });
});
