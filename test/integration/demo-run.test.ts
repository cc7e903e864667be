import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { runDemo, type DemoContext } from '../../src/demo/run-demo.js';
import { startLiveStep } from '../../src/demo/demo-steps.js';
import { runCleanups } from '../../src/util/cleanup.js';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { readParityReport } from '../support/read-artifacts.js';

/**
 * `squashbase demo` in-process: embedded live server, platform model, example history pushed,
 * two hand-made changes, parity on a temporary copy. Checks the printed table, the reports,
 * and that nothing is left behind.
 */
let reportDir: string | undefined;

// This file's own temp dir (os.tmpdir() follows TMPDIR): "nothing left behind" then counts only
// what these tests created, not other test files' demos running in parallel. 0755: the embedded
// servers created in it run as `postgres`.
const sharedTmp = tmpdir();
const privateTmp = mkdtempSync(join(sharedTmp, 'sb-demo-test-'));
chmodSync(privateTmp, 0o755);
process.env['TMPDIR'] = privateTmp;

afterAll(async () => {
  if (reportDir) await rm(reportDir, { recursive: true, force: true });
  process.env['TMPDIR'] = sharedTmp;
  await rm(privateTmp, { recursive: true, force: true });
});

const demoTempDirs = async () => (await readdir(tmpdir())).filter((n) => n.startsWith('squashbase-demo-')).sort();

describe('squashbase demo', () => {
  it('runs end to end in under a minute and reports exactly the planted drift', async () => {
    reportDir = await mkdtemp(join(tmpdir(), 'squashbase-demo-report-test-'));
    const before = await demoTempDirs();
    const out = memoryOutput();
    const t0 = Date.now();
    const code = await runCli(['demo', '--report-dir', reportDir], out, { env: {}, cwd: reportDir });
    const elapsed = Date.now() - t0;
    const stdout = out.stdout.join('\n');
    const stderr = out.stderr.join('\n');
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(elapsed).toBeLessThan(60_000);

    // Steps were announced on stderr.
    expect(stderr).toContain('[1/8] Starting an embedded PostgreSQL');
    expect(stderr).toContain('[6/8] Running squashbase parity');
    expect(stderr).toContain('[7/8] Running squashbase consolidate --apply');
    // The whole consolidation ran on the copy: 16 files archived, only the baseline left on
    // both sides (the verify step throws otherwise).
    expect(stdout).toMatch(/consolidate --apply: 16 historic files moved to migrations_archive\/(\d{14})/);
    expect(stdout).toMatch(/schema_migrations now holds only the baseline \d{14};/);
    expect(stdout).toMatch(/supabase\/migrations holds only \d{14}_baseline\.sql/);
    // The per-kind table and the verdict on stdout.
    expect(stdout).toMatch(/Kind\s+Live\s+Baseline\s+History/);
    expect(stdout).toMatch(/Tables\s+(\d+)\s+\1\/\1 ✓\s+\1\/\1 ✓/);
    expect(stdout).toMatch(/Indexes\s+(\d+)\s+\1\/\1 ✓\s+\d+\/\1 ✗/);
    expect(stdout).toContain('Baseline fidelity (live vs baseline): no differences');
    expect(stdout).toContain('Drift (live vs history): 2 differences');
    expect(stdout).toMatch(/only in live\s+Indexes\s+"public"."tasks_due_on_idx"/);
    expect(stdout).toMatch(/only in live\s+Grants\s+table:"public"."team_members"->"anon"/);
    expect(stdout).toContain('Verdict: PASS WITH DRIFT (allowed)');
    expect(stdout).toContain(join(reportDir, 'report.html'));

    // Reports written where asked.
    expect((await readdir(reportDir)).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    const report = await readParityReport(join(reportDir, 'report.json'));
    expect(report.verdict).toMatchObject({ status: 'drift_allowed', fidelity: 'identical', drift: 'found' });
    expect(report.migrations.files).toHaveLength(16);
    expect(report.target).toMatch(/^postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres$/);

    // The auditor's view of the demo's real report, in headless Chromium.
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(reportDir, 'report.html')).href);
      expect(await page.locator('#verdict .title').innerText()).toBe('PASS WITH DRIFT (allowed)');
      expect(await page.locator('#kinds').isVisible()).toBe(true);
      expect(await page.locator('#kinds tbody tr').count()).toBe(report.kinds.length);
      expect(await page.locator('#drift [data-obj]:visible').count()).toBe(2);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    } finally {
      await browser.close();
    }

    // Cleaned up: no demo temp dir left behind.
    expect(await demoTempDirs()).toEqual(before);
  });

  it('cleans up on failure and on the signal path (registerCleanup), stopping the live server', async () => {
    const before = await demoTempDirs();
    let seen: DemoContext | undefined;
    const failing = { id: 'fail', title: 'Failing on purpose', run: async (ctx: DemoContext) => { seen = ctx; throw new Error('boom'); } };
    await expect(runDemo({ reportDir: join(tmpdir(), 'unused') }, [startLiveStep, failing])).rejects.toThrow('boom');
    expect(seen?.live?.cluster.dir).toBeTruthy();
    expect(existsSync(seen!.live!.cluster.dir)).toBe(false);
    expect(existsSync(seen!.tmp)).toBe(false);

    // SIGINT: main.ts runs runCleanups() while a step is still in flight.
    let release!: () => void;
    let hanging: DemoContext | undefined;
    const entered = new Promise<void>((resolveEntered) => {
      const hang = {
        id: 'hang',
        title: 'Waiting',
        run: (ctx: DemoContext) => new Promise<void>((r) => { hanging = ctx; release = r; resolveEntered(); }),
      };
      void runDemo({ reportDir: join(tmpdir(), 'unused') }, [startLiveStep, hang]).catch(() => undefined);
    });
    await entered;
    await runCleanups();
    expect(existsSync(hanging!.live!.cluster.dir)).toBe(false);
    expect(existsSync(hanging!.tmp)).toBe(false);
    release();
    expect(await demoTempDirs()).toEqual(before);
  });
});
