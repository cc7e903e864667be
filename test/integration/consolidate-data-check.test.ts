import { afterEach, describe, expect, it, inject } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { runConsolidate } from '../../src/consolidate/run-consolidate.js';
import { loadDataCheck, runCheckData } from '../../src/safety/check-data.js';
import { parseDbUrl } from '../../src/db/connection.js';
import { withClient } from '../../src/db/client.js';

/**
 * Issue 7: consolidate records check-data before its run and after the record step, so its
 * result proves no row changed — and says so when the live project's own traffic changed one.
 */
const FIXTURE: Record<string, string> = {
  '20240601000000_init.sql': 'create table public.widgets (id bigint primary key, name text unique);\n',
  '20240602000000_seed.sql': "insert into public.widgets values (1, 'a'), (2, 'b');\n",
};

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

async function project(label: string): Promise<{ work: string; live: LiveProject }> {
  const work = await mkdtemp(join(tmpdir(), 'sb-datacheck-'));
  const mig = join(work, 'supabase', 'migrations');
  await mkdir(mig, { recursive: true });
  for (const [f, sql] of Object.entries(FIXTURE)) await writeFile(join(mig, f), sql);
  execFileSync('git', ['init', '-q'], { cwd: work });
  execFileSync('git', ['add', '.'], { cwd: work });
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'h'], { cwd: work });
  const live = await createLiveProject({ label, migrationsDir: mig });
  cleanup.push(async () => {
    await live.drop();
    await rm(work, { recursive: true, force: true });
  });
  return { work, live };
}

describe('consolidate checks the data before and after', () => {
  it('records an unchanged data check in the archive', async () => {
    const { work, live } = await project('consolidate_datacheck');
    const target = parseDbUrl(live.url);
    const r = await runConsolidate({ target, workdir: work, apply: true, confirm: async () => true, shadow: { provider: 'url', url: inject('serverUrl') } });
    expect(r.dataCheck).toEqual({ unchanged: true, changes: 0, file: 'data-check-after.json' });
    const archive = join(work, r.archiveDir);
    const before = await loadDataCheck(join(archive, 'data-check-before.json'));
    const after = await loadDataCheck(join(archive, 'data-check-after.json'));
    expect(before.rowCounts).toEqual(after.rowCounts);
    expect(before.rowCounts.find((t) => t.table === 'widgets')?.rows).toBe(2);
    expect(r.warnings.filter((w) => w.startsWith('data check'))).toEqual([]);
    // The lints ran on the history being archived: the seed rows a schema baseline does not carry.
    expect(r.warnings).toContainEqual(expect.stringMatching(/^lint C004 20240602000000_seed\.sql:1: .*INSERT adds rows in public\.widgets/));
  });

  it('reports rows that changed during the run (live traffic) as a warning, with the exact change', async () => {
    const { work, live } = await project('consolidate_datacheck_traffic');
    const target = parseDbUrl(live.url);
    let calls = 0;
    const r = await runConsolidate({
      target,
      workdir: work,
      apply: true,
      confirm: async () => true,
      shadow: { provider: 'url', url: inject('serverUrl') },
      stages: {
        // The app writes a row between the two checks.
        async checkData(t) {
          if (calls++ === 1) await withClient(t, (c) => c.query("insert into public.widgets values (3, 'c')"));
          return runCheckData({ target: t });
        },
      },
    });
    expect(calls).toBe(2);
    expect(r.dataCheck).toMatchObject({ unchanged: false, changes: 1 });
    expect(r.warnings.join('\n')).toMatch(/data check: 1 difference\(s\).*rows .*widgets.*: 2 → 3/);
  });
});
