import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { cp, mkdtemp, rm, writeFile, appendFile, readdir, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLiveProject, REPO_ROOT, type LiveProject } from '../support/live-project.js';
import { runLint } from '../../src/lint/lint.js';
import type { Finding } from '../../src/lint/types.js';

const history = (fs: Finding[]) => fs.filter((f) => /^C00[123]$|^C012$/.test(f.rule));

describe('lint against the live history (C001–C003, C012)', () => {
  let live: LiveProject;
  let tmp: string;
  let work: string;

  beforeAll(async () => {
    live = await createLiveProject({ label: 'linthist', workdir: REPO_ROOT });
    tmp = await mkdtemp(path.join(tmpdir(), 'sb-linthist-'));
    work = path.join(tmp, 'project');
    await cp(path.join(REPO_ROOT, 'supabase', 'migrations'), path.join(work, 'supabase', 'migrations'), { recursive: true });
  });
  afterAll(async () => {
    await live?.drop();
    await rm(tmp, { recursive: true, force: true });
  });

  it('is quiet when the example project is in sync with its database', async () => {
    const r = await runLint({ workdir: work, target: live.target });
    expect(history(r.findings)).toEqual([]);
  });

  it('finds an edited file, a pending file, a missing file and a version that never ran', async () => {
    const files = (await readdir(path.join(work, 'supabase', 'migrations'))).filter((f) => f.endsWith('.sql')).sort();
    const edited = files[2]!;
    const removed = files[5]!;
    const skipped = files[7]!;
    await appendFile(path.join(work, 'supabase', 'migrations', edited), '\ncomment on schema public is \'edited later\';\n');
    await unlink(path.join(work, 'supabase', 'migrations', removed));
    await writeFile(path.join(work, 'supabase', 'migrations', '20991231000000_future.sql'), 'select 1;\n');
    await live.query('DELETE FROM supabase_migrations.schema_migrations WHERE version = $1', [skipped.split('_')[0]]);

    const r = await runLint({ workdir: work, target: live.target });
    const h = history(r.findings);
    expect(h.find((f) => f.rule === 'C003' && f.file === edited)?.message).toMatch(/differs from what ran/);
    expect(h.find((f) => f.rule === 'C001' && f.object === `version ${removed.split('_')[0]}`)?.severity).toBe('error');
    expect(h.find((f) => f.rule === 'C001' && f.file === skipped)?.message).toMatch(/never ran/);
    expect(h.find((f) => f.rule === 'C002')?.file).toBe('20991231000000_future.sql');
    expect(r.ok).toBe(false);
  });
});
