import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { runConsolidate } from '../../src/consolidate/run-consolidate.js';
import { runRollback } from '../../src/consolidate/rollback.js';
import { findJournals } from '../../src/consolidate/journal.js';
import { ident, literal } from '../../src/sql/ident.js';
import { sha256Hex } from '../../src/archive/manifest.js';
import type { ParityReport } from '../../src/parity/report-model.js';

/**
 * A consolidate --apply refused at preflight (a role that may read but not write the history, a
 * transaction pooler) leaves the evidence of an earlier rolled-back run byte-for-byte as it was
 * (issue 13 item 4). A run that does start keeps that evidence in previous-runs/<runId>/.
 * Parity is stubbed (proven elsewhere) to keep this file fast.
 */
const FIXTURE: Record<string, string> = {
  '20240501000000_init.sql': 'create table public.things (id bigint primary key);\n',
  '20240502000000_col.sql': 'alter table public.things add column label text;\n',
};
const ARCHIVE = 'migrations_archive/20240502000000';
const role = `sb_reader_${randomBytes(3).toString('hex')}`;
const password = 'reader-role-pw';

let live: LiveProject;
let work: string;
let firstRunId: string;

const pass = { verdict: { status: 'pass', summary: 'stubbed parity', exitCode: 0, fidelity: 'identical', drift: 'none', allowDrift: false } } as unknown as ParityReport;
const stages = { parity: async () => ({ report: pass }), writeReports: async () => [] };

/** Every file under dir (relative path → sha256 of its bytes, plus mtime), for a byte-for-byte comparison. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out[relative(dir, p)] = `${sha256Hex(await readFile(p))} ${(await stat(p)).mtimeMs}`;
    }
  };
  await walk(dir);
  return out;
}

async function sb(args: string[]) {
  const out = memoryOutput();
  const code = await runCli(args, out, { env: {}, cwd: work, confirm: async () => true });
  return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-evidence-'));
  const mig = join(work, 'supabase', 'migrations');
  await mkdir(mig, { recursive: true });
  for (const [f, sql] of Object.entries(FIXTURE)) await writeFile(join(mig, f), sql);
  execFileSync('git', ['init', '-q'], { cwd: work });
  execFileSync('git', ['add', '.'], { cwd: work });
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'h'], { cwd: work });
  live = await createLiveProject({ label: 'earlier_evidence', migrationsDir: mig });
  // A role that may read the history (so the plan is made) but not write it (preflight refuses).
  await live.query(`CREATE ROLE ${ident(role)} LOGIN PASSWORD ${literal(password)}`);
  await live.query(`GRANT CONNECT ON DATABASE ${ident(live.name)} TO ${ident(role)}; GRANT USAGE ON SCHEMA supabase_migrations TO ${ident(role)}; GRANT SELECT ON supabase_migrations.schema_migrations TO ${ident(role)}`);
  // The earlier run: consolidated, then rolled back — its archive directory is the evidence.
  const first = await runConsolidate({ target: live.target, workdir: work, apply: true, env: {}, stages });
  firstRunId = first.runId;
  await runRollback({ archiveDir: join(work, ARCHIVE), target: live.target, apply: true });
  expect((await readdir(mig)).sort()).toEqual(Object.keys(FIXTURE));
});

afterAll(async () => {
  await live?.query(`DROP OWNED BY ${ident(role)}; REVOKE CONNECT ON DATABASE ${ident(live.name)} FROM ${ident(role)}; DROP ROLE IF EXISTS ${ident(role)}`).catch(() => undefined);
  await live?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('a refused consolidate --apply and an earlier run in the same archive directory', () => {
  it('refused at preflight (read-only role, transaction pooler): every file of the rolled-back run is unchanged', async () => {
    const before = await tree(join(work, ARCHIVE));
    for (const f of ['journal.json', 'manifest.json', 'baseline.sql', 'history-export.json', 'live-snapshot.json']) expect(Object.keys(before)).toContain(f);
    const reader = new URL(live.url);
    reader.username = role;
    reader.password = password;
    const pooler = new URL(live.url);
    pooler.searchParams.set('pgbouncer', 'true');
    const refusals: [string, string][] = [
      [reader.toString(), 'Nothing was changed'],
      [pooler.toString(), 'transaction-mode pooler'],
    ];
    for (const [url, says] of refusals) {
      const r = await sb(['consolidate', '--db-url', url, '--apply', '--yes']);
      expect(r.code, r.stderr).toBe(10);
      expect(r.stderr).toContain(says);
      expect(await tree(join(work, ARCHIVE))).toEqual(before);
    }
  });

  it('a run that starts keeps the earlier evidence in previous-runs/<runId>/, and resume/rollback see only the new run', async () => {
    const before = await tree(join(work, ARCHIVE));
    const second = await runConsolidate({ target: live.target, workdir: work, apply: true, env: {}, stages });
    expect(second.runId).not.toBe(firstRunId);
    const kept = join(work, ARCHIVE, 'previous-runs', firstRunId);
    const keptTree = await tree(kept);
    for (const [f, content] of Object.entries(before)) expect(keptTree[f], f).toBe(content);
    const old = JSON.parse(await readFile(join(kept, 'journal.json'), 'utf8')) as { runId: string; status: string };
    expect(old).toMatchObject({ runId: firstRunId, status: 'rolled-back' });
    const now = JSON.parse(await readFile(join(work, ARCHIVE, 'journal.json'), 'utf8')) as { runId: string; status: string };
    expect(now).toMatchObject({ runId: second.runId, status: 'done' });
    expect((await findJournals(join(work, 'migrations_archive'))).map((j) => j.runId)).toEqual([second.runId]);
    // The new run's archive is whole: rollback verifies it and puts the files back.
    const rb = await runRollback({ archiveDir: join(work, ARCHIVE), target: live.target, apply: true });
    expect(rb.runId).toBe(second.runId);
    expect(rb.files.map((f) => f.state)).toEqual(['restored', 'restored']);
  });
});
