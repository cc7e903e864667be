import { describe, expect, it } from 'vitest';
import { buildParityReport, type ReportInputs } from '../../src/parity/build-report.js';
import { renderMarkdown } from '../../src/reports/render-markdown.js';
import { renderHtml } from '../../src/reports/render-html.js';
import type { NotModelledObject, Snapshot } from '../../src/introspect/snapshot-types.js';
import { publicTable, snapshotOf } from '../support/snapshot-builders.js';

/** Issue 11: a parity report never says "exactly" while the census names objects it could not check. */
const RULE: NotModelledObject = { catalog: 'pg_rewrite', kind: 'rule', identity: 'rule r_log on table public.todos', reason: 'squashbase does not model rule objects yet' };
const STATS: NotModelledObject = { catalog: 'pg_statistic_ext', kind: 'extended statistics', identity: 'statistics object public.todos_stats', reason: 'not modelled' };

function withCensus(s: Snapshot, notModelled: NotModelledObject[]): Snapshot {
  return { ...s, notModelled };
}

function inputs(live: Snapshot, baseline: Snapshot, history: Snapshot): ReportInputs {
  return {
    runId: 'r',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    durationMs: 1000,
    target: 'postgresql://postgres:***@localhost:5432/postgres',
    live,
    history,
    baseline,
    shadow: { provider: 'embedded', version: '15.18', major: 15 },
    versionMismatchAllowed: false,
    migrations: { dir: 'supabase/migrations', files: [], skipped: [] },
    replay: { ok: true, files: [] },
    baselineInfo: { source: 'generated', fileName: '20260101000000_baseline.sql', sha256: 'c'.repeat(64), bytes: 10, applied: true, error: null },
    standIns: [],
    warnings: [],
    allowDrift: false,
  };
}

describe('parity and objects squashbase does not model', () => {
  const objects = [publicTable('todos')];

  it('says "exactly" only when the census found nothing unmodelled', () => {
    const clean = buildParityReport(inputs(snapshotOf(objects), snapshotOf(objects), snapshotOf(objects)));
    expect(clean.verdict.summary).toBe('The baseline rebuilds the live schema exactly, and live matches its migration history.');
    expect(clean.notModelled).toEqual([]);
    expect(renderMarkdown(clean)).toContain('None: the census found no user-owned object');
  });

  it('names what it could not check in the verdict, and lists each object with its presence in the shadows', () => {
    const live = withCensus(snapshotOf(objects), [RULE, STATS]);
    const history = withCensus(snapshotOf(objects), [RULE, STATS]);
    const report = buildParityReport(inputs(live, snapshotOf(objects), history));
    expect(report.verdict.status).toBe('pass');
    expect(report.verdict.summary).not.toContain('exactly');
    expect(report.verdict.summary).toContain('2 objects squashbase does not model could not be checked (rule r_log on table public.todos, statistics object public.todos_stats');
    expect(report.verdict.notModelled).toBe(2);
    expect(report.notModelled).toEqual([
      { ...RULE, inBaseline: false, inHistory: true },
      { ...STATS, inBaseline: false, inHistory: true },
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain('## Not modelled');
    expect(md).toContain('| `rule r_log on table public.todos` | `pg_rewrite` | no | yes |');
    const html = renderHtml(report);
    expect(html).toContain('<table id="not-modelled"');
    expect(html).toContain('<code>statistics object public.todos_stats</code>');
  });

  it('drift and replay-failed verdicts do not say "exactly" either', () => {
    const live = withCensus(snapshotOf(objects), [RULE]);
    const failed = buildParityReport({ ...inputs(live, snapshotOf(objects), snapshotOf(objects)), history: null, replay: { ok: false, files: [] } });
    expect(failed.verdict.status).toBe('replay_failed');
    expect(failed.verdict.summary).not.toContain('exactly');
    expect(failed.verdict.summary).toContain('rule r_log on table public.todos');
  });
});
