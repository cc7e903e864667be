import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { parseDbUrl } from '../../src/db/connection.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { runBaseline } from '../../src/baseline/run-baseline.js';
import { runParity } from '../../src/parity/run-parity.js';
import { ident, literal } from '../../src/sql/ident.js';

/**
 * A role that cannot read storage.buckets (no SELECT) or from which row-level security hides
 * cron.job rows (as on Supabase, where cron.job belongs to supabase_admin and its policy shows a
 * role only its own jobs): the snapshot records what could not be read, and inspect, the
 * baseline's warnings and the parity report say so, instead of the "N rows not included"
 * warnings silently disappearing (issue 13 item 9). Real roles on a real database.
 */
let live: LiveProject;
let work: string;
const role = `sb_limited_data_${randomBytes(3).toString('hex')}`;
const password = 'limited-data-pw';
let limitedUrl: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-unreadable-'));
  const dir = join(work, 'supabase', 'migrations');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '20240601000000_t.sql'), 'create table public.t (id int primary key);\n');
  execFileSync('git', ['init', '-q'], { cwd: work });
  live = await createLiveProject({ label: 'unreadable_data', workdir: work });
  await live.query(`
    INSERT INTO storage.buckets (id, name, public) VALUES ('avatars', 'avatars', true);
    CREATE SCHEMA IF NOT EXISTS cron;
    CREATE TABLE cron.job (jobid bigserial PRIMARY KEY, schedule text NOT NULL, command text NOT NULL, nodename text NOT NULL DEFAULT 'localhost',
      nodeport int NOT NULL DEFAULT 5432, database text NOT NULL DEFAULT current_database(), username text NOT NULL DEFAULT current_user,
      active boolean NOT NULL DEFAULT true, jobname text);
    ALTER TABLE cron.job ENABLE ROW LEVEL SECURITY;
    CREATE POLICY cron_job_policy ON cron.job USING (username = current_user);
    INSERT INTO cron.job (schedule, command, jobname) VALUES ('0 * * * *', 'select 1', 'hourly'), ('0 0 * * *', 'select 2', 'nightly');
    CREATE ROLE ${ident(role)} LOGIN PASSWORD ${literal(password)};
    GRANT CONNECT ON DATABASE ${ident(live.name)} TO ${ident(role)};
    GRANT USAGE ON SCHEMA cron, storage TO ${ident(role)};
    GRANT SELECT ON cron.job TO ${ident(role)};
    REVOKE ALL ON storage.buckets FROM PUBLIC;
  `);
  const u = new URL(live.url);
  u.username = role;
  u.password = password;
  limitedUrl = u.toString();
});

afterAll(async () => {
  await live?.query(`DROP OWNED BY ${ident(role)}; REVOKE CONNECT ON DATABASE ${ident(live.name)} FROM ${ident(role)}; DROP ROLE IF EXISTS ${ident(role)}`).catch(() => undefined);
  await live?.drop();
  await rm(work, { recursive: true, force: true });
});

async function sb(args: string[]) {
  const out = memoryOutput();
  const code = await runCli(args, out, { env: {}, cwd: work });
  return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
}

const bucketsLine = `storage.buckets could not be read as ${role}: no SELECT privilege — rows there (if any) are not in the baseline`;
const cronLine = `cron.job could not be read in full as ${role}: row-level security applies to it — rows it hides (if any) are not in the baseline`;

describe('platform data a limited role cannot read', () => {
  it('the snapshot records each unreadable table and why; the owner reads everything', async () => {
    const limited = await inspectDatabase(parseDbUrl(limitedUrl));
    const notes = Object.fromEntries(limited.data.map((d) => [d.table, d]));
    expect(notes['storage.buckets']).toMatchObject({ rows: 0, unreadable: { role, reason: 'no-select' } });
    expect(notes['cron.job']).toMatchObject({ rows: 0, unreadable: { role, reason: 'rls' } });
    const owner = await inspectDatabase(live.target);
    for (const d of owner.data) expect(d.unreadable, d.table).toBeUndefined();
    expect(owner.data.find((d) => d.table === 'cron.job')?.rows).toBe(2);
  });

  it('inspect says what could not be read (text and --json)', async () => {
    const text = await sb(['inspect', '--db-url', limitedUrl]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(bucketsLine);
    expect(text.stdout).toContain(cronLine);
    const json = await sb(['inspect', '--db-url', limitedUrl, '--json']);
    const data = (JSON.parse(json.stdout) as { data: { table: string; unreadable?: { reason: string } }[] }).data;
    expect(data.find((d) => d.table === 'storage.buckets')?.unreadable?.reason).toBe('no-select');
  });

  it('the baseline warnings and the parity report say it', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sb-unreadable-out-'));
    try {
      await mkdir(join(out, 'supabase', 'migrations'), { recursive: true });
      const b = await runBaseline({ target: parseDbUrl(limitedUrl), workdir: out, write: false });
      expect(b.baseline.warnings).toContain(bucketsLine);
      expect(b.baseline.warnings).toContain(cronLine);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
    const { report } = await runParity({ target: parseDbUrl(limitedUrl), workdir: work, shadow: { provider: 'url', url: inject('serverUrl') } });
    const messages = report.warnings.map((w) => w.message);
    expect(messages).toContain(bucketsLine);
    expect(messages).toContain(cronLine);
  });
});
