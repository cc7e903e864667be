import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { runConsolidate } from '../../src/consolidate/run-consolidate.js';
import type { ParityReport } from '../../src/parity/report-model.js';

/**
 * rollback's refusals: each leaves files and history untouched. The consolidation under test is
 * made with a stubbed parity stage (parity itself is proven elsewhere) to keep this file fast.
 */
const FIXTURE: Record<string, string> = {
  '20240301000000_init.sql': 'create table public.things (id bigint primary key);\n',
  '20240302000000_col.sql': 'alter table public.things add column label text;\n',
};
const ARCHIVE = 'migrations_archive/20240302000000';
const BASELINE = '20240302000000_baseline.sql';

let live: LiveProject;
let work: string;
let mig: string;

async function sb(args: string[]) {
  const out = memoryOutput();
  const code = await runCli(args, out, { env: {}, cwd: work, confirm: async () => false });
  return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
}
const versions = async () => (await live.query('SELECT version FROM supabase_migrations.schema_migrations ORDER BY 1')).rows.map((r) => r.version as string);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-rollback-'));
  mig = join(work, 'supabase', 'migrations');
  await mkdir(mig, { recursive: true });
  for (const [f, sql] of Object.entries(FIXTURE)) await writeFile(join(mig, f), sql);
  execFileSync('git', ['init', '-q'], { cwd: work });
  execFileSync('git', ['add', '.'], { cwd: work });
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'h'], { cwd: work });
  live = await createLiveProject({ label: 'rollback_refusals', migrationsDir: mig });
  const pass = { verdict: { status: 'pass', summary: 'stubbed parity', exitCode: 0, fidelity: 'identical', drift: 'none', allowDrift: false } } as unknown as ParityReport;
  await runConsolidate({
    target: live.target,
    workdir: work,
    apply: true,
    env: {},
    stages: { parity: async () => ({ report: pass }), writeReports: async () => [] },
  });
  expect(await readdir(mig)).toEqual([BASELINE]);
});

afterAll(async () => {
  await live?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('rollback refusals', () => {
  it('needs the database URL once the history may have been written', async () => {
    const r = await sb(['rollback', '--archive', ARCHIVE, '--apply']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DB_URL_MISSING');
  });

  it('refuses to delete an edited baseline file, and to restore from a tampered archive', async () => {
    const path = join(mig, BASELINE);
    const original = await readFile(path);
    await writeFile(path, original.toString() + '\n-- my edit\n');
    let r = await sb(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes']);
    expect(r.code).toBe(10);
    expect(r.stderr).toContain('was edited after consolidate wrote it');
    await writeFile(path, original);

    const archived = join(work, ARCHIVE, '20240301000000_init.sql');
    await writeFile(archived, 'drop table important;\n');
    r = await sb(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes']);
    expect(r.code).toBe(10);
    expect(r.stderr).toContain('sha256');
    await writeFile(archived, FIXTURE['20240301000000_init.sql']!);
    expect(await versions()).toEqual(['20240302000000']);
    expect(await readdir(mig)).toEqual([BASELINE]);
  });

  it('refuses a finished consolidation whose manifest.json was deleted (damaged archive), changing nothing', async () => {
    const manifestPath = join(work, ARCHIVE, 'manifest.json');
    const journalPath = join(work, ARCHIVE, 'journal.json');
    const [manifest, journal] = [await readFile(manifestPath), await readFile(journalPath)];
    await rm(manifestPath);
    try {
      const r = await sb(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes']);
      expect(r.code, r.stderr).toBe(10);
      expect(r.stderr).toContain('manifest.json is missing');
      expect(r.stderr).toContain('damaged');
      // Nothing was touched: files and history consolidated, the journal not marked rolled back.
      expect(await versions()).toEqual(['20240302000000']);
      expect(await readdir(mig)).toEqual([BASELINE]);
      expect(Buffer.compare(await readFile(journalPath), journal)).toBe(0);
    } finally {
      await writeFile(manifestPath, manifest);
    }
  });

  it('refuses while another live process holds the project lock (LOCKED)', async () => {
    const lock = join(work, 'migrations_archive', '.squashbase.lock');
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), runId: 'other', command: 'consolidate', startedAt: 'now' }));
    const r = await sb(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes']);
    expect(r.code).toBe(12);
    expect(r.stderr).toContain(`pid ${process.pid}`);
    await rm(lock);
  });

  it('refuses when the history is not what consolidate left (HISTORY_CHANGED)', async () => {
    await live.query("INSERT INTO supabase_migrations.schema_migrations(version, name) VALUES ('20240401000000', 'later')");
    const r = await sb(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes']);
    expect(r.code).toBe(13);
    await live.query("DELETE FROM supabase_migrations.schema_migrations WHERE version = '20240401000000'");
    expect(await readdir(mig)).toEqual([BASELINE]);
  });

  it('asks before writing, like consolidate --apply: not confirmed (no terminal, no --yes) is ABORTED, exit 41', async () => {
    const questions: string[] = [];
    const out = memoryOutput();
    const code = await runCli(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply'], out, {
      env: {},
      cwd: work,
      confirm: async (q) => {
        questions.push(q);
        return false;
      },
    });
    expect(code).toBe(41);
    expect(out.stderr.join('\n')).toContain('error[ABORTED]');
    expect(out.stderr.join('\n')).toContain('--yes');
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain(live.target.display);
    expect(questions[0]).toMatch(/restore 2 history row\(s\).*\n.*\nput back 2 file\(s\) and remove supabase\/migrations\/20240302000000_baseline\.sql\?/s);
    expect(await versions()).toEqual(['20240302000000']);
    expect(await readdir(mig)).toEqual([BASELINE]);
  });

  it('plans without changing anything, applies, and is idempotent', async () => {
    const plan = await sb(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--json']);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ mode: 'plan', history: { state: 'consolidated' } });
    expect(await versions()).toEqual(['20240302000000']);
    const r = await sb(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(await versions()).toEqual(['20240301000000', '20240302000000']);
    expect((await readdir(mig)).sort()).toEqual(Object.keys(FIXTURE));
    for (const [f, sql] of Object.entries(FIXTURE)) expect(await readFile(join(mig, f), 'utf8')).toBe(sql);
    const again = await sb(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ history: { state: 'already-restored' } });
    const j = JSON.parse(await readFile(join(work, ARCHIVE, 'journal.json'), 'utf8')) as { status: string };
    expect(j.status).toBe('rolled-back');
    const resume = await sb(['consolidate', '--resume', '--db-url', live.url]);
    expect(resume.code).toBe(10);
    expect(resume.stderr).toContain('nothing to resume');
  });

  it('two concurrent consolidations: exactly one runs, the other is LOCKED', async () => {
    const pass = { verdict: { status: 'pass', summary: 'stubbed parity', exitCode: 0, fidelity: 'identical', drift: 'none', allowDrift: false } } as unknown as ParityReport;
    const run = () =>
      runConsolidate({ target: live.target, workdir: work, apply: true, env: {}, stages: { parity: async () => ({ report: pass }), writeReports: async () => [] } });
    const results = await Promise.allSettled([run(), run()]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toMatchObject({ code: 'LOCKED' });
    expect(await versions()).toEqual(['20240302000000']);
    expect(await readdir(mig)).toEqual([BASELINE]);
  });
});
