import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { createLiveProject, REPO_ROOT, type LiveProject } from '../support/live-project.js';
import type { ParityReport } from '../../src/parity/report-model.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { generateBaseline } from '../../src/baseline/generate-baseline.js';
import { cp, writeFile } from 'node:fs/promises';
import { parseParityJson, readParityReport, type ParityJson } from '../support/read-artifacts.js';

/**
 * The acceptance test: push the example project's history into a "live" database,
 * make known changes directly on live, and parity reports exactly those (drift, live vs
 * history) with the right statuses and nothing else; the baseline stays faithful (live vs
 * baseline identical) before and after; exit codes 0 / 22 / 0 with --allow-drift.
 * The shadow is the test server itself (url provider: squashbase_shadow_* databases).
 */
let live: LiveProject;
let reportDir: string;

beforeAll(async () => {
  live = await createLiveProject({ label: 'parity_live', workdir: REPO_ROOT });
  reportDir = await mkdtemp(join(tmpdir(), 'squashbase-parity-test-'));
});

afterAll(async () => {
  await live?.drop();
  if (reportDir) await rm(reportDir, { recursive: true, force: true });
});

async function parity(extra: string[] = []): Promise<{ code: number; report: ParityJson; stderr: string }> {
  const out = memoryOutput();
  const code = await runCli(
    ['parity', '--db-url', live.url, '--workdir', REPO_ROOT, '--shadow-url', inject('serverUrl'), '--report-dir', reportDir, '--json', ...extra],
    out,
    { env: {}, cwd: REPO_ROOT },
  );
  const text = out.stdout.join('');
  if (!text.trim().startsWith('{')) throw new Error(`parity printed no JSON (exit ${code}):\n${text}\n${out.stderr.join('\n')}`);
  return { code, report: parseParityJson(text), stderr: out.stderr.join('\n') };
}

/** Blank the volatile fields (docs/FORMATS-report.md). */
function normalize(r: ParityReport & { reportPaths?: string[] }): unknown {
  const c = structuredClone(r) as ParityReport & { reportPaths?: string[] };
  c.runId = c.startedAt = c.finishedAt = '';
  c.durationMs = 0;
  delete c.reportPaths;
  for (const f of c.replay?.files ?? []) f.durationMs = 0;
  if (c.baseline) c.baseline = { ...c.baseline, sha256: '', bytes: 0 };
  return c;
}

const diffs = (r: ParityReport, which: 'fidelity' | 'drift') =>
  (r[which]?.objects ?? []).filter((o) => o.status !== 'equal').map((o) => `${o.status} ${o.id}`).sort();

describe('squashbase parity on the example project', () => {
  it('reports full parity when live was only ever changed by its migrations', async () => {
    const { code, report } = await parity();
    expect(diffs(report, 'fidelity')).toEqual([]);
    expect(diffs(report, 'drift')).toEqual([]);
    expect(report.verdict).toMatchObject({ status: 'pass', exitCode: 0, fidelity: 'identical', drift: 'none' });
    expect(code).toBe(0);
    // The per-kind table covers the example project's objects, all matched on both sides.
    const tables = report.kinds.find((k) => k.kind === 'table');
    expect(tables?.live).toBeGreaterThanOrEqual(5);
    for (const row of report.kinds) {
      expect(row.baseline?.matched, row.label).toBe(row.live);
      expect(row.history?.matched, row.label).toBe(row.live);
    }
    expect(report.migrations.files.length).toBe(16);
    expect(report.replay?.files.every((f) => f.status === 'applied')).toBe(true);
    expect(report.baseline).toMatchObject({ source: 'generated', applied: true });
    expect(report.target).not.toContain(String(live.target.config.password));
    const md = await readFile(join(reportDir, 'report.md'), 'utf8');
    expect(md).toContain('**✅ PASS**');
    expect(md).toMatch(/\| Tables \| \d+ \| ✅ \d+\/\d+ \| ✅ \d+\/\d+ \|/);
    const html = await readFile(join(reportDir, 'report.html'), 'utf8');
    expect(html).toContain('<section id="verdict" class="verdict tone-pass"');
    const json = await readParityReport(join(reportDir, 'report.json'));
    expect(json.format).toBe('squashbase.parity-report');

    // Deterministic apart from the documented volatile fields.
    const again = await parity(['--format', 'json']);
    expect(normalize(again.report)).toEqual(normalize(report));
  });

  it('reports exactly the hand-made changes as drift, and the baseline stays faithful', async () => {
    await live.query(`
      ALTER TABLE public.projects ADD COLUMN color text;
      CREATE OR REPLACE FUNCTION public.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := clock_timestamp();
        RETURN NEW;
      END;
      $$;
      CREATE POLICY "Anyone can read archived projects" ON public.projects FOR SELECT TO anon USING (archived);
      DROP INDEX public.tasks_project_id_idx;
      GRANT SELECT ON TABLE public.team_members TO anon;
      ALTER PUBLICATION supabase_realtime ADD TABLE public.projects;
    `);
    const { code, report } = await parity();
    expect(diffs(report, 'fidelity')).toEqual([]);
    expect(diffs(report, 'drift')).toEqual(
      [
        'only_in_reference column:"public"."projects"."color"',
        'changed function:"public"."set_updated_at"()',
        'only_in_reference policy:"public"."projects"."Anyone can read archived projects"',
        'only_in_candidate index:"public"."tasks_project_id_idx"',
        'only_in_reference grant:table:"public"."team_members"->"anon"',
        'only_in_reference publication_table:"supabase_realtime"."public"."projects"',
      ].sort(),
    );
    const fn = report.drift?.objects.find((o) => o.kind === 'function' && o.status === 'changed');
    expect(fn?.changedFields).toEqual(['definition']);
    // live is the reference ("-"), the replayed history the candidate ("+").
    expect(fn?.diff).toMatch(/^-\s+NEW\.updated_at := clock_timestamp\(\);$/m);
    expect(fn?.diff).toMatch(/^\+\s+NEW\.updated_at := now\(\);$/m);
    expect(report.verdict).toMatchObject({ status: 'drift', exitCode: 22, fidelity: 'identical', drift: 'found' });
    expect(code).toBe(22);
    const md = await readFile(join(reportDir, 'report.md'), 'utf8');
    expect(md).toContain('**⚠️ DRIFT**');
    expect(md).toContain('```diff');
  });

  it('exits 0 with --allow-drift and keeps the drift in the report', async () => {
    const { code, report } = await parity(['--allow-drift', '--format', 'json']);
    expect(code).toBe(0);
    expect(report.verdict).toMatchObject({ status: 'drift_allowed', exitCode: 0, drift: 'found', allowDrift: true });
    expect(diffs(report, 'drift').length).toBe(6);
    expect(report.reportPaths).toEqual([join(reportDir, 'report.json')]);
  });

  it('exits 21 when the baseline does not rebuild live (--baseline FILE), which wins over drift', async () => {
    const snapshot = await inspectDatabase(live.target);
    const { sql } = generateBaseline(snapshot, { version: '20990101000000', consolidates: [], source: 'test' });
    const file = join(reportDir, 'unfaithful_baseline.sql');
    await writeFile(file, `${sql}\nCREATE TABLE public.only_in_baseline (id integer);\n`);
    const { code, report } = await parity(['--baseline', file, '--allow-drift']);
    expect(code).toBe(21);
    expect(report.verdict).toMatchObject({ status: 'unfaithful', exitCode: 21, fidelity: 'different', drift: 'found' });
    expect(report.baseline).toMatchObject({ source: 'file', fileName: 'unfaithful_baseline.sql', applied: true });
    const fidelity = diffs(report, 'fidelity');
    expect(fidelity).toContain('only_in_candidate table:"public"."only_in_baseline"');
    expect(fidelity).toContain('only_in_candidate column:"public"."only_in_baseline"."id"');
    expect(fidelity.every((d) => d.startsWith('only_in_candidate ') && d.includes('only_in_baseline'))).toBe(true);
  });

  it('leaves a squashbase baseline sitting in supabase/migrations out of the history replay', async () => {
    const project = join(reportDir, 'project');
    await cp(join(REPO_ROOT, 'supabase'), join(project, 'supabase'), { recursive: true });
    const snapshot = await inspectDatabase(live.target);
    const versions = live.migrations.files.map((f) => f.version);
    const { sql, fileName } = generateBaseline(snapshot, { version: '20990101000000', consolidates: versions, source: 'test' });
    await writeFile(join(project, 'supabase', 'migrations', fileName), sql);
    const out = memoryOutput();
    const code = await runCli(
      ['parity', '--db-url', live.url, '--workdir', project, '--shadow-url', inject('serverUrl'), '--report-dir', join(project, 'r'), '--allow-drift', '--json'],
      out,
      { env: {}, cwd: project },
    );
    const report = parseParityJson(out.stdout.join(''));
    expect(code).toBe(0);
    expect(report.replay?.ok).toBe(true);
    expect(report.replay?.files.map((f) => f.fileName)).not.toContain(fileName);
    expect(report.migrations.skipped.map((s) => s.fileName)).toContain(fileName);
    expect(report.warnings.some((w) => w.message.startsWith(`${fileName} left out of the history replay`))).toBe(true);
    expect(report.verdict).toMatchObject({ status: 'drift_allowed', fidelity: 'identical' });
    expect(diffs(report, 'drift').length).toBe(6);
  });
});
