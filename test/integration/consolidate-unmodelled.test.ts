import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { runConsolidate } from '../../src/consolidate/run-consolidate.js';
import type { ParityReport } from '../../src/parity/report-model.js';

/**
 * Issue 11: consolidate must not record a baseline that silently leaves live objects out. A
 * conversion and an operator family are not modelled: without --allow-unmodelled consolidate refuses (exit 10) and
 * names them; with it, the manifest records the override and every object left out.
 */
const FIXTURE: Record<string, string> = {
  '20240301000000_init.sql': 'create table public.items (id bigint primary key, label text not null);\n',
  '20240302000000_extras.sql':
    "create conversion public.items_conv for 'UTF8' to 'LATIN1' from utf8_to_iso8859_1;\ncreate operator family public.items_fam using btree;\n",
};

let live: LiveProject;
let work: string;

async function sb(args: string[]) {
  const out = memoryOutput();
  const code = await runCli(args, out, { env: {}, cwd: work, confirm: async () => true });
  return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-unmodelled-'));
  const mig = join(work, 'supabase', 'migrations');
  await mkdir(mig, { recursive: true });
  for (const [f, sql] of Object.entries(FIXTURE)) await writeFile(join(mig, f), sql);
  execFileSync('git', ['init', '-q'], { cwd: work });
  execFileSync('git', ['add', '.'], { cwd: work });
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'history'], { cwd: work });
  // A plain Postgres project: the gate is about user objects, not the platform.
  live = await createLiveProject({ label: 'consolidate_unmodelled', migrationsDir: mig, platform: false });
});

afterAll(async () => {
  await live?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('consolidate and objects squashbase does not model', () => {
  it('inspect names them under its summary and in --json', async () => {
    const text = await sb(['inspect', '--db-url', live.url]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Not modelled — 2 object(s)');
    expect(text.stdout).toContain('operator family public.items_fam for access method btree');
    const json = await sb(['inspect', '--db-url', live.url, '--json']);
    const parsed = JSON.parse(json.stdout) as { notModelled: { identity: string; catalog: string }[] };
    expect(parsed.notModelled.map((n) => n.catalog).sort()).toEqual(['pg_conversion', 'pg_opfamily']);
  });

  it('refuses without --allow-unmodelled, naming each object, and changes nothing', async () => {
    const r = await sb(['consolidate', '--db-url', live.url, '--shadow-url', inject('serverUrl'), '--apply', '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(10);
    expect(r.stderr).toContain('2 object(s) squashbase does not model');
    expect(r.stderr).toContain('conversion public.items_conv');
    expect(r.stderr).toContain('operator family public.items_fam for access method btree');
    expect(r.stderr).toContain('--allow-unmodelled');
    expect(existsSync(join(work, 'supabase', 'migrations', '20240301000000_init.sql'))).toBe(true);
  });

  it('with --allow-unmodelled records the baseline and names every object left out in the manifest', async () => {
    // Parity is stubbed (this file is about the gate and the manifest; parity's own tests cover shadows).
    const pass = { verdict: { status: 'pass', summary: 'stubbed parity', exitCode: 0, fidelity: 'identical', drift: 'none', allowDrift: false, notModelled: 2 } } as unknown as ParityReport;
    const refused = runConsolidate({ target: live.target, workdir: work, apply: true, env: {}, stages: { parity: async () => ({ report: pass }), writeReports: async () => [] } });
    await expect(refused).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const r = await runConsolidate({
      target: live.target,
      workdir: work,
      apply: true,
      allowUnmodelled: true,
      env: {},
      stages: { parity: async () => ({ report: pass }), writeReports: async () => [] },
    });
    expect(r).toBeTruthy();
    const manifest = JSON.parse(await readFile(join(work, 'migrations_archive', '20240302000000', 'manifest.json'), 'utf8')) as {
      overrides: { flag: string; details?: { identity: string }[] }[];
    };
    const o = manifest.overrides.find((x) => x.flag === '--allow-unmodelled');
    expect(o?.details?.map((d) => d.identity).sort()).toEqual(['conversion public.items_conv', 'operator family public.items_fam for access method btree']);
    const baseline = await readFile(join(work, 'supabase', 'migrations', '20240302000000_baseline.sql'), 'utf8');
    expect(baseline).toContain('--   operator family public.items_fam for access method btree (pg_opfamily)');
  });
});
