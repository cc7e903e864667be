import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';

/**
 * A project whose migrations were applied without the Supabase CLI (no history table): refused by
 * default; with --allow-unsynced --create-history-table the table is created with the CLI's DDL
 * inside the record transaction and the local files are consolidated (parity proves them).
 */
const FIXTURE: Record<string, string> = {
  '20240501000000_init.sql': 'create table public.gadgets (id bigint primary key, name text);\n',
  '20240502000000_idx.sql': 'create unique index gadgets_name_key on public.gadgets (name);\n',
};

let live: LiveProject;
let work: string;

async function sb(args: string[]) {
  const out = memoryOutput();
  const code = await runCli(args, out, { env: {}, cwd: work, confirm: async () => false });
  return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-histtable-'));
  const mig = join(work, 'supabase', 'migrations');
  await mkdir(mig, { recursive: true });
  for (const [f, sql] of Object.entries(FIXTURE)) await writeFile(join(mig, f), sql);
  execFileSync('git', ['init', '-q'], { cwd: work });
  execFileSync('git', ['add', '.'], { cwd: work });
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'h'], { cwd: work });
  live = await createLiveProject({ label: 'consolidate_histtable', migrationsDir: mig });
  await live.query('DROP SCHEMA supabase_migrations CASCADE');
});

afterAll(async () => {
  await live?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('missing history table', () => {
  it('is refused without consent, created with --create-history-table', async () => {
    let r = await sb(['consolidate', '--db-url', live.url, '--allow-unsynced']);
    expect(r.code).toBe(10);
    expect(r.stderr).toContain('--create-history-table');
    r = await sb(['consolidate', '--db-url', live.url, '--shadow-url', inject('serverUrl'), '--allow-unsynced', '--create-history-table', '--apply', '--yes', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { record: { shapeAction: string }; plan: { overrides: { flag: string }[] } };
    expect(json.record.shapeAction).toBe('created-table');
    expect(json.plan.overrides.map((o) => o.flag)).toContain('--allow-unsynced');
    const rows = (await live.query('SELECT version, name FROM supabase_migrations.schema_migrations')).rows;
    expect(rows).toEqual([{ version: '20240502000000', name: 'baseline' }]);
    expect(await readdir(join(work, 'supabase', 'migrations'))).toEqual(['20240502000000_baseline.sql']);
  });
});
