import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeReports } from '../../src/reports/write-reports.js';
import { findChromium } from '../support/chromium-browser.js';
import { sampleReport, HOSTILE } from '../unit/reports-sample-report.js';

/**
 * report.html in real headless Chromium (a system browser, else @sparticuz/chromium — see
 * test/support/chromium-browser.ts): the verdict and the
 * per-kind table are visible, filters hide other kinds, a diff expands, hostile names render
 * as text, and the page makes no request other than its own file.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let dir: string;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const dialogs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'squashbase-report-html-'));
  await writeReports(sampleReport(), dir, ['html']);
  const found = await findChromium();
  browser = await chromium.launch({ executablePath: found.executablePath, args: [...new Set([...found.args, ...CHROMIUM_ARGS])] });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('report.html in headless Chromium', () => {
  it('shows the verdict banner and the per-kind table', async () => {
    const verdict = page.locator('#verdict');
    expect(await verdict.isVisible()).toBe(true);
    expect(await verdict.locator('.title').innerText()).toBe('DRIFT');
    const box = await verdict.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(40);
    const table = page.locator('#kinds');
    expect(await table.isVisible()).toBe(true);
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      'Tables 3 ✓ 3/3 ✓ 3/3',
      'Functions 1 ✓ 1/1 ✗ 0/1',
      'RLS policies 2 ✓ 2/2 ✗ 1/2',
      'Grants 0 ✓ 0/0 ✗ 0/0 +1',
    ]);
    const tableBox = await table.boundingBox();
    expect(tableBox && box && tableBox.y > box.y).toBe(true);
  });

  it('renders hostile catalog text as text: no script ran, no page error', async () => {
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    const texts = await page.locator('#drift [data-obj] code').allInnerTexts();
    expect(texts.some((t) => t.includes(HOSTILE.replace(/"/g, `""`)))).toBe(true);
  });

  it('filters by kind: clicking a kind hides the others', async () => {
    const visible = () => page.locator('#drift [data-obj]:visible');
    expect(await visible().count()).toBe(3);
    await page.locator('#kind-filters [data-value="policy"]').click();
    const kinds = await visible().evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['policy']);
    expect(await page.locator('#kind-filters [data-value="policy"]').getAttribute('aria-pressed')).toBe('true');
    // Fidelity has no policy differences: its "nothing matches" note shows.
    expect(await page.locator('#fidelity .empty-filter').isVisible()).toBe(true);
    await page.locator('#status-filters [data-value="equal"]').click();
    const equal = await page.locator('#fidelity [data-obj]:visible').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-status')}`));
    expect(equal).toEqual(['policy:equal', 'policy:equal']);
    await page.locator('#kind-filters [data-value="all"]').click();
    await page.locator('#status-filters [data-value="diff"]').click();
    expect(await visible().count()).toBe(3);
  });

  it('expands a diff', async () => {
    const fn = page.locator('#drift details[data-kind="function"]');
    const pre = fn.locator('pre.diff');
    expect(await pre.isVisible()).toBe(false);
    await fn.locator('summary').click();
    expect(await pre.isVisible()).toBe(true);
    expect(await pre.locator('.d-add').first().innerText()).toContain('select 2 -- </pre><b>x</b>');
    expect(await pre.locator('.d-del').first().innerText()).toContain('select 1');
    const shot = join(tmpdir(), 'squashbase-report-html-screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
  });

  it('made no network request: only its own file', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  });
});
