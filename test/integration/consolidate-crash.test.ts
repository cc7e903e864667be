import { afterAll, describe, expect, it, inject } from 'vitest';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject, REPO_ROOT, type LiveProject } from '../support/live-project.js';
import { requireJournal } from '../support/read-artifacts.js';
import { STEPS } from '../../src/consolidate/journal.js';
import { verifyArchive } from '../../src/archive/manifest.js';

/**
 * Kill-point injection (safety.md T4): the real CLI process SIGKILLs itself right after each
 * step's journal write (SQUASHBASE_CRASH_AT). For every step both recoveries are proven on the
 * same project: `rollback --apply` restores the files byte-for-byte and the history rows
 * exactly; then the crashed state is put back exactly (workdir copy incl. .git and archive,
 * history rows as they were at the crash) and `consolidate --resume` completes it. Recreating
 * the state instead of crashing a second time halves the shadow work.
 */
const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');

const FIXTURE: Record<string, string> = {
  '20240101000000_init.sql':
    'create table public.notes (id bigint generated always as identity primary key, body text not null);\n' +
    'alter table public.notes enable row level security;\n' +
    "create policy \"read notes\" on public.notes for select to authenticated using (true);\n",
  '20240102000000_more.sql': 'alter table public.notes add column created_at timestamptz not null default now();\ncreate index notes_created_at_idx on public.notes (created_at);\n',
  '20240103000000_view.sql': "create view public.note_bodies with (security_invoker = on) as select id, body from public.notes;\ncomment on view public.note_bodies is 'bodies; with a ; inside';\n",
};
const BASELINE_FILE = '20240103000000_baseline.sql';
const ARCHIVE = 'migrations_archive/20240103000000';

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function cli(args: string[], cwd: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  delete env['SUPABASE_DB_URL'];
  delete env['DATABASE_URL'];
  if (!extraEnv['SQUASHBASE_CRASH_AT']) delete env['SQUASHBASE_CRASH_AT'];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function git(args: string[], cwd: string): Promise<string> {
  const r = await new Promise<{ out: string; code: number | null }>((resolve) => {
    const c = spawn('git', args, { cwd });
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    c.on('close', (code) => resolve({ out, code }));
  });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed`);
  return r.out;
}

async function historyRows(live: LiveProject): Promise<unknown[]> {
  return (await live.query('SELECT to_jsonb(t) AS r FROM supabase_migrations.schema_migrations t ORDER BY version COLLATE "C"')).rows.map((x) => x.r);
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
});

async function setup(step: string): Promise<{ live: LiveProject; work: string }> {
  const work = await mkdtemp(join(tmpdir(), `sb-crash-${step}-`));
  const mig = join(work, 'supabase', 'migrations');
  await mkdir(mig, { recursive: true });
  for (const [f, sql] of Object.entries(FIXTURE)) await writeFile(join(mig, f), sql);
  await git(['init', '-q'], work);
  await git(['add', '.'], work);
  await git(['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'history'], work);
  const live = await createLiveProject({ label: `crash_${step}`, migrationsDir: mig });
  cleanups.push(() => live.drop(), () => rm(work, { recursive: true, force: true }));
  return { live, work };
}

describe.concurrent('crash at every step: rollback and resume both recover', () => {
  for (const step of STEPS) {
    it(`SIGKILL after "${step}"`, async () => {
      const { live, work } = await setup(step);
      const shadow = inject('serverUrl');
      const args = ['consolidate', '--db-url', live.url, '--shadow-url', shadow, '--apply', '--yes'];
      const original = await historyRows(live);
      expect(original).toHaveLength(3);

      // 1. Crash, then roll back.
      const crashed = await cli(args, work, { SQUASHBASE_CRASH_AT: step });
      expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
      const journal = await requireJournal(join(work, ARCHIVE));
      expect(journal.steps.at(-1)?.step).toBe(step);
      const frozen = `${work}-at-crash`;
      await cp(work, frozen, { recursive: true });
      cleanups.push(() => rm(frozen, { recursive: true, force: true }));
      const atCrash = await historyRows(live);
      if (['parity', 'archive', 'record'].includes(step)) {
        // A new run must not plan over a half-finished one.
        const blocked = await cli(['consolidate', '--db-url', live.url], work);
        expect(blocked.code, blocked.stderr).toBe(40);
        expect(blocked.stderr).toContain('--resume');
      }
      const rb = await cli(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes'], work); // rollback --apply confirms like consolidate --apply
      expect(rb.code, rb.stderr + rb.stdout).toBe(0);
      expect(await git(['status', '--porcelain', '--', 'supabase'], work)).toBe('');
      for (const [f, sql] of Object.entries(FIXTURE)) expect(await readFile(join(work, 'supabase', 'migrations', f), 'utf8')).toBe(sql);
      expect(await historyRows(live)).toEqual(original);

      // 2. Put the crashed state back exactly, then resume.
      await rm(work, { recursive: true, force: true });
      await cp(frozen, work, { recursive: true });
      await live.query('DELETE FROM supabase_migrations.schema_migrations');
      await live.query('INSERT INTO supabase_migrations.schema_migrations SELECT * FROM jsonb_populate_recordset(NULL::supabase_migrations.schema_migrations, $1::jsonb)', [JSON.stringify(atCrash)]);
      expect(await historyRows(live)).toEqual(atCrash);
      if (step !== 'done') {
        const resumed = await cli(['consolidate', '--resume', '--db-url', live.url, '--shadow-url', shadow, '--yes'], work);
        expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
        expect(resumed.stdout).toContain('resumed');
      }
      expect(await readdir(join(work, 'supabase', 'migrations'))).toEqual([BASELINE_FILE]);
      const rows = (await live.query('SELECT version, name FROM supabase_migrations.schema_migrations')).rows;
      expect(rows).toEqual([{ version: '20240103000000', name: 'baseline' }]);
      expect((await verifyArchive(join(work, ARCHIVE))).ok).toBe(true);
      const final = await requireJournal(join(work, ARCHIVE));
      expect(final.status).toBe('done');
    });
  }
});

describe('two checkouts of one project consolidate (issue 13 item 5)', () => {
  it('the loser archived its files but never wrote the history: rollback restores its files and leaves the winner\'s history alone', async () => {
    const { live, work: winner } = await setup('two-checkouts');
    const loser = `${winner}-second-checkout`;
    await cp(winner, loser, { recursive: true });
    cleanups.push(() => rm(loser, { recursive: true, force: true }));
    const shadow = inject('serverUrl');
    const args = ['consolidate', '--db-url', live.url, '--shadow-url', shadow, '--apply', '--yes'];

    // The loser gets as far as archiving its files, then stops before it writes the history.
    const stopped = await cli(args, loser, { SQUASHBASE_CRASH_AT: 'archive' });
    expect(stopped.signal, stopped.stderr).toBe('SIGKILL');
    // The winner consolidates the same live in its own checkout.
    const won = await cli(args, winner);
    expect(won.code, won.stderr + won.stdout).toBe(0);
    const winnersHistory = await historyRows(live);
    expect(winnersHistory).toHaveLength(1);

    // Resuming is refused (the history is no longer what the loser exported) …
    const resumed = await cli(['consolidate', '--resume', '--db-url', live.url, '--shadow-url', shadow, '--yes'], loser);
    expect(resumed.code, resumed.stderr).toBe(13);
    expect(resumed.stderr).toContain('rollback');
    // … and rollback puts the loser's files back, without touching the history it never wrote.
    const rb = await cli(['rollback', '--archive', ARCHIVE, '--db-url', live.url, '--apply', '--yes', '--json'], loser);
    expect(rb.code, rb.stderr + rb.stdout).toBe(0);
    const result = JSON.parse(rb.stdout) as { history: { state: string }; actions: string[] };
    expect(result.history.state).toBe('not-written');
    expect(result.actions.join('\n')).toMatch(/never wrote the history/);
    expect(await git(['status', '--porcelain', '--', 'supabase'], loser)).toBe('');
    for (const [f, sql] of Object.entries(FIXTURE)) expect(await readFile(join(loser, 'supabase', 'migrations', f), 'utf8')).toBe(sql);
    expect(await historyRows(live)).toEqual(winnersHistory);

    // The loser's checkout is now simply behind: a new consolidate says so instead of pointing at rollback.
    const again = await cli(['consolidate', '--db-url', live.url, '--shadow-url', shadow], loser);
    expect(again.code, again.stderr).toBe(10);
    expect(again.stderr).not.toContain('--resume');
  });
});
