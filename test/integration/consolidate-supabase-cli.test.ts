import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject, REPO_ROOT, type LiveProject } from '../support/live-project.js';
import { runProcess, squashbase, supabase } from '../support/processes.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { compareSnapshots } from '../../src/parity/compare.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';
import { readManifest, verifyArchive } from '../../src/archive/manifest.js';

/**
 * Compatibility with the real Supabase CLI (npm `supabase`, `db push`/`migration list
 * --db-url`, no Docker): after `squashbase consolidate --apply --yes` the CLI sees local and
 * remote in sync, has nothing to push, pushes a new migration normally, builds a fresh database
 * with parity to live from the consolidated folder; `squashbase rollback --apply` restores the
 * previous files and history and the CLI sees them in sync again.
 */
const run = (cmd: string, args: string[], cwd: string) => runProcess(cmd, args, cwd, 120_000);

async function listMigrations(url: string, cwd: string): Promise<{ local: string; remote: string }[]> {
  const r = await supabase(['migration', 'list', '--db-url', url, '--output-format', 'json'], cwd);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { migrations: { local: string; remote: string }[] }).migrations.map((m) => ({ local: m.local, remote: m.remote }));
}

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const f of (await readdir(dir)).sort()) if (f.endsWith('.sql')) out.set(f, await readFile(join(dir, f)));
  return out;
}

let live: LiveProject;
let work: string;
let fresh: TestDatabase | undefined;
const ARCHIVE = 'migrations_archive/20240410170000';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-consolidate-cli-'));
  await cp(join(REPO_ROOT, 'supabase'), join(work, 'supabase'), { recursive: true });
  for (const args of [['init', '-q'], ['add', '.'], ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'history']]) {
    expect((await run('git', args, work)).code).toBe(0);
  }
  live = await createLiveProject({ label: 'consolidate_cli', workdir: work });
});

afterAll(async () => {
  await live?.drop();
  await fresh?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('consolidate with the real Supabase CLI', () => {
  it('consolidates, and the CLI sees one baseline in sync with nothing to push', async () => {
    const before = await readTree(join(work, 'supabase', 'migrations'));
    const historyBefore = (await live.query('SELECT to_jsonb(t) AS r FROM supabase_migrations.schema_migrations t ORDER BY version')).rows;
    const listedBefore = await listMigrations(live.url, work);
    expect(listedBefore).toHaveLength(16);

    const dry = await squashbase(['consolidate', '--db-url', live.url, '--shadow-url', toServerUrl()], work);
    expect(dry.code, dry.stderr + dry.stdout).toBe(0);
    expect(dry.stdout).toContain('DRY RUN');
    expect(dry.stdout).toContain('INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES($1, $2, $3);');
    expect(await readTree(join(work, 'supabase', 'migrations'))).toEqual(before);

    const t0 = Date.now();
    const r = await squashbase(['consolidate', '--db-url', live.url, '--shadow-url', toServerUrl(), '--apply', '--yes'], work);
    const ms = Date.now() - t0;
    expect(r.code, r.stderr + r.stdout).toBe(0);
    console.log(`consolidate --apply on the example project (16 files): ${ms} ms`);
    expect(r.stdout + r.stderr).not.toContain(String(live.target.config.password));

    expect(await readdir(join(work, 'supabase', 'migrations'))).toEqual(['20240410170000_baseline.sql']);
    // No artefact carries the password (S7).
    const password = String(live.target.config.password);
    for (const f of ['manifest.json', 'journal.json', 'history-export.json', 'baseline.sql', 'report/report.md', 'report/report.json']) {
      expect(await readFile(join(work, ARCHIVE, f), 'utf8'), f).not.toContain(password);
    }
    expect((await verifyArchive(join(work, ARCHIVE))).ok).toBe(true);
    for (const [f, bytes] of before) expect(Buffer.compare(await readFile(join(work, ARCHIVE, f)), bytes)).toBe(0);

    expect(await listMigrations(live.url, work)).toEqual([{ local: '20240410170000', remote: '20240410170000' }]);
    const push = await supabase(['db', 'push', '--db-url', live.url, '--dry-run', '--output-format', 'json'], work);
    expect(push.code, push.stderr).toBe(0);
    expect(JSON.parse(push.stdout)).toMatchObject({ upToDate: true, migrations: [] });

    // The row is what `supabase db push` of the baseline file would have written.
    const row = (await live.query('SELECT version, name, statements FROM supabase_migrations.schema_migrations')).rows;
    expect(row).toHaveLength(1);
    expect(row[0].name).toBe('baseline');
    expect(historyBefore).toHaveLength(16);
  });

  it('a fresh database built by `supabase db push` of the consolidated folder has parity with live', async () => {
    fresh = await createTestDatabase('consolidate_fresh');
    await bootstrapPlatform(fresh.target, { major: inject('serverMajor') });
    const push = await supabase(['db', 'push', '--db-url', fresh.url, '--yes'], work);
    expect(push.code, push.stderr + push.stdout).toBe(0);
    const cmp = compareSnapshots(await inspectDatabase(live.target), await inspectDatabase(fresh.target));
    const diffs = cmp.objects.filter((o) => o.status !== 'equal').map((o) => `${o.status} ${o.id}`);
    expect(diffs).toEqual([]);
    expect(cmp.identical).toBe(true);
    expect(await listMigrations(fresh.url, work)).toEqual([{ local: '20240410170000', remote: '20240410170000' }]);
    // The row squashbase recorded on live is byte-for-byte the row `supabase db push` wrote for the same file.
    const q = 'SELECT version, name, statements FROM supabase_migrations.schema_migrations';
    expect((await live.query(q)).rows).toEqual((await fresh.query(q)).rows);
  });

  it('a new migration is pushed normally; rollback then refuses (history changed) until it is reverted', async () => {
    const file = join(work, 'supabase', 'migrations', '20240501000000_add_labels.sql');
    await writeFile(file, 'create table public.labels (id bigint primary key, name text not null);\n');
    const push = await supabase(['db', 'push', '--db-url', live.url, '--yes'], work);
    expect(push.code, push.stderr + push.stdout).toBe(0);
    expect(await listMigrations(live.url, work)).toEqual([
      { local: '20240410170000', remote: '20240410170000' },
      { local: '20240501000000', remote: '20240501000000' },
    ]);
    const refused = await squashbase(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes'], work);
    expect(refused.code).toBe(13);
    expect(refused.stderr).toContain('HISTORY_CHANGED');
    // Undo the new migration the CLI way, then roll back.
    expect((await supabase(['migration', 'repair', '--status', 'reverted', '20240501000000', '--db-url', live.url, '--yes'], work)).code).toBe(0);
    await rm(file);
    await live.query('DROP TABLE public.labels');
  });

  it('rollback restores the files byte-for-byte and the history rows exactly; the CLI sees them in sync', async () => {
    const plan = await squashbase(['rollback', '--archive', ARCHIVE, '--db-url', live.url], work);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('nothing was changed');
    expect(await readdir(join(work, 'supabase', 'migrations'))).toEqual(['20240410170000_baseline.sql']);
    // No artefact carries the password (S7).
    const password = String(live.target.config.password);
    for (const f of ['manifest.json', 'journal.json', 'history-export.json', 'baseline.sql', 'report/report.md', 'report/report.json']) {
      expect(await readFile(join(work, ARCHIVE, f), 'utf8'), f).not.toContain(password);
    }

    const r = await squashbase(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes'], work);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const status = await run('git', ['status', '--porcelain', '--', 'supabase'], work);
    expect(status.stdout).toBe(''); // every original file is back, byte-identical, and the baseline is gone
    const listed = await listMigrations(live.url, work);
    expect(listed).toHaveLength(16);
    expect(listed.every((m) => m.local === m.remote)).toBe(true);
    const push = await supabase(['db', 'push', '--db-url', live.url, '--dry-run', '--output-format', 'json'], work);
    expect(JSON.parse(push.stdout)).toMatchObject({ upToDate: true });
    const manifest = await readManifest(join(work, ARCHIVE));
    const now = (await live.query('SELECT to_jsonb(t) AS r FROM supabase_migrations.schema_migrations t ORDER BY version COLLATE "C"')).rows.map((x) => x.r);
    expect(now).toEqual(manifest.history.export.rows);
  });
});

function toServerUrl(): string {
  return inject('serverUrl');
}
