import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { requireJournal } from '../support/read-artifacts.js';
import { readManifest } from '../../src/archive/manifest.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';

/** The refusals of consolidate, each with its override, and the dry run that changes nothing. */
const FIXTURE: Record<string, string> = {
  '20240201000000_init.sql': 'create table public.items (id bigint primary key, label text not null);\n',
  '20240202000000_index.sql': 'create index items_label_idx on public.items (label);\n',
};
const ARCHIVE = 'migrations_archive/20240202000000';

let live: LiveProject;
let work: string;
let mig: string;

function gitCommit(msg: string): void {
  execFileSync('git', ['add', '.'], { cwd: work });
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', msg], { cwd: work });
}

async function sb(args: string[], confirm: (q: string) => Promise<boolean> = async () => false) {
  const out = memoryOutput();
  const code = await runCli(args, out, { env: {}, cwd: work, confirm });
  return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
}

const history = async () => (await live.query('SELECT version FROM supabase_migrations.schema_migrations ORDER BY 1')).rows.map((r) => r.version as string);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-refusals-'));
  mig = join(work, 'supabase', 'migrations');
  await mkdir(mig, { recursive: true });
  for (const [f, sql] of Object.entries(FIXTURE)) await writeFile(join(mig, f), sql);
  execFileSync('git', ['init', '-q'], { cwd: work });
  gitCommit('history');
  live = await createLiveProject({ label: 'consolidate_refusals', migrationsDir: mig });
});

afterAll(async () => {
  await live?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('consolidate refusals and dry run', () => {
  it('dry run prints the plan and the exact SQL and changes nothing', async () => {
    const r = await sb(['consolidate', '--db-url', live.url, '--shadow-url', inject('serverUrl'), '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { mode: string; recordSql: string; moves: { from: string }[]; baseline: { fileName: string; sql: string } };
    expect(json.mode).toBe('dry-run');
    expect(json.moves.map((m) => m.from)).toEqual(Object.keys(FIXTURE).map((f) => `supabase/migrations/${f}`));
    expect(json.baseline.fileName).toBe('20240202000000_baseline.sql');
    expect(json.recordSql).toContain('DELETE FROM supabase_migrations.schema_migrations WHERE version = ANY($1);');
    expect(json.recordSql).toContain('pg_try_advisory_xact_lock');
    expect(existsSync(join(work, 'migrations_archive'))).toBe(false);
    expect((await readdir(mig)).sort()).toEqual(Object.keys(FIXTURE));
    expect(await history()).toEqual(['20240201000000', '20240202000000']);
  });

  it('refuses uncommitted changes in the migrations folder (--allow-dirty)', async () => {
    await writeFile(join(mig, '20240201000000_init.sql'), FIXTURE['20240201000000_init.sql'] + '-- edited\n');
    const r = await sb(['consolidate', '--db-url', live.url]);
    expect(r.code).toBe(10);
    expect(r.stderr).toContain('Uncommitted changes in the migrations folder');
    expect(r.stderr).toContain('--allow-dirty');
    await writeFile(join(mig, '20240201000000_init.sql'), FIXTURE['20240201000000_init.sql']!);
  });

  it('refuses remote versions without a local file, and local files not in the remote history (--allow-unsynced)', async () => {
    await live.query("INSERT INTO supabase_migrations.schema_migrations(version, name) VALUES ('20240203000000', 'dashboard')");
    let r = await sb(['consolidate', '--db-url', live.url]);
    expect(r.code).toBe(10);
    expect(r.stderr).toContain('Remote migration versions not found in local migrations directory: 20240203000000');
    await live.query("DELETE FROM supabase_migrations.schema_migrations WHERE version = '20240203000000'");
    await writeFile(join(mig, '20240204000000_pending.sql'), 'select 1;\n');
    gitCommit('pending');
    r = await sb(['consolidate', '--db-url', live.url]);
    expect(r.code).toBe(10);
    expect(r.stderr).toContain('Local migration files not in the remote history');
    expect(r.stderr).toContain('20240204000000_pending.sql');
    execFileSync('git', ['rm', '-q', join(mig, '20240204000000_pending.sql')], { cwd: work });
    gitCommit('drop pending');
  });

  it('--apply without confirmation is ABORTED and changes nothing', async () => {
    const r = await sb(['consolidate', '--db-url', live.url, '--apply']);
    expect(r.code).toBe(41);
    expect(r.stderr).toContain('ABORTED');
    expect(existsSync(join(work, 'migrations_archive'))).toBe(false);
  });

  it('drift stops before any change (exit 22); --allow-drift proceeds and is recorded in the manifest', async () => {
    await live.query('CREATE TABLE public.dashboard_only (id int)');
    const shadow = inject('serverUrl');
    const r = await sb(['consolidate', '--db-url', live.url, '--shadow-url', shadow, '--apply', '--yes']);
    expect(r.code, r.stderr).toBe(22);
    expect(r.stderr).toContain('DRIFT_DETECTED');
    expect((await readdir(mig)).sort()).toEqual(Object.keys(FIXTURE));
    expect(await history()).toEqual(['20240201000000', '20240202000000']);
    const j = await requireJournal(join(work, ARCHIVE));
    expect(j.status).toBe('failed');
    expect(j.failure?.code).toBe('DRIFT_DETECTED');

    const ok = await sb(['consolidate', '--db-url', live.url, '--shadow-url', shadow, '--apply', '--yes', '--allow-drift']);
    expect(ok.code, ok.stderr).toBe(0);
    const manifest = await readManifest(join(work, ARCHIVE));
    expect(manifest.overrides.map((o) => o.flag)).toContain('--allow-drift');
    expect(manifest.parity.reports.map((p) => p.path).sort()).toEqual(['report/report.html', 'report/report.json', 'report/report.md']);
    expect(await history()).toEqual(['20240202000000']);
    const baseline = await readFile(join(mig, '20240202000000_baseline.sql'), 'utf8');
    expect(baseline).toContain('dashboard_only'); // the baseline follows live

    const again = await sb(['consolidate', '--db-url', live.url, '--apply', '--yes']);
    expect(again.code).toBe(10);
  });
});
