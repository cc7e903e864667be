import { describe, expect, it } from 'vitest';
import { renderHtml, esc } from '../../src/reports/render-html.js';
import { renderJson } from '../../src/reports/render-json.js';
import { renderMarkdown, code, fence, text } from '../../src/reports/render-markdown.js';
import { renderTerminal } from '../../src/reports/render-terminal.js';
import { parseReportFormats } from '../../src/reports/write-reports.js';
import { sampleReport, HOSTILE } from './reports-sample-report.js';
import { parseParityReport } from '../support/read-artifacts.js';

describe('report verdicts', () => {
  it('drift → 22, allowed drift → 0 with the drift kept, full parity → 0', () => {
    const d = sampleReport();
    expect(d.verdict).toMatchObject({ status: 'drift', exitCode: 22, fidelity: 'identical', drift: 'found' });
    expect(d.drift?.totals).toEqual({ only_in_reference: 1, only_in_candidate: 1, changed: 1, equal: 4 });
    const a = sampleReport({ allowDrift: true });
    expect(a.verdict).toMatchObject({ status: 'drift_allowed', exitCode: 0, drift: 'found' });
    expect(a.drift?.identical).toBe(false);
    const p = sampleReport({ drift: false });
    expect(p.verdict).toMatchObject({ status: 'pass', exitCode: 0, fidelity: 'identical', drift: 'none' });
  });

  it('builds the per-kind table with matched/live per side', () => {
    const r = sampleReport();
    const policies = r.kinds.find((k) => k.kind === 'policy');
    expect(policies).toMatchObject({ label: 'RLS policies', live: 2, baseline: { matched: 2, onlyInCandidate: 0 }, history: { matched: 1, onlyInLive: 1 } });
    const grants = r.kinds.find((k) => k.kind === 'grant');
    expect(grants).toMatchObject({ live: 0, history: { onlyInCandidate: 1 } });
  });
});

describe('renderJson', () => {
  it('is versioned, canonical and deterministic', () => {
    const a = renderJson(sampleReport());
    const b = renderJson(sampleReport());
    expect(a).toBe(b);
    const parsed = parseParityReport(a);
    expect(parsed.format).toBe('squashbase.parity-report');
    expect(parsed.formatVersion).toBe(1);
    expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort());
    expect(parsed.fidelity?.identical).toBe(true);
    expect(parsed.migrations.files[1].sha256).toBe('b'.repeat(64));
  });
});

describe('renderHtml', () => {
  const html = renderHtml(sampleReport());

  it('escapes hostile catalog text everywhere', () => {
    // Exactly one script element: ours.
    expect(html.match(/<script/gi)?.length).toBe(1);
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain(esc(HOSTILE));
    expect(html).toContain('&lt;/pre&gt;&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<b>x</b>');
    expect(esc(`a"b'c<d>&`)).toBe('a&quot;b&#39;c&lt;d&gt;&amp;');
  });

  it('is self-contained: no external URLs, a CSP that forbids network', () => {
    expect(html).not.toMatch(/(src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<section id="verdict" class="verdict tone-warn"');
    expect(html).toContain('data-filter="kind" data-value="policy"');
    expect(html).toContain('<details class="obj" data-obj data-kind="function" data-status="changed"');
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleReport());

  it('has the verdict, the per-kind table and diff blocks', () => {
    expect(md).toContain('**⚠️ DRIFT**');
    expect(md).toContain('| Kind | Live | Baseline | History |');
    expect(md).toContain('| RLS policies | 2 | ✅ 2/2 | ⚠️ 1/2 |');
    expect(md).toContain('| Grants | 0 | ✅ 0/0 | ⚠️ 0/0 +1 |');
    expect(md).toContain('### Functions');
    // The hostile name contains ``` so the fence must be longer.
    expect(md).toContain('````diff');
    expect(md).toContain('No differences: all 6 objects are identical in live and baseline.');
  });

  it('caps the differences it writes, pointing at the full reports', () => {
    const capped = renderMarkdown(sampleReport(), { maxDifferences: 1 });
    expect(capped).toContain('… and 2 more differences: see report.json or report.html.');
    expect(capped).toContain('### Functions');
    expect(capped).not.toContain('### Grants');
  });

  it('keeps catalog text out of raw Markdown/HTML', () => {
    // Outside code spans and fences there is no raw hostile markup.
    const stripped = stripCode(md);
    expect(stripped).not.toContain('<script>');
    // A table row with a hostile file name keeps its cell count.
    const row = md.split('\n').find((l) => l.includes('20240102000000_'));
    expect(row?.replace(/\\\|/g, '').split('|').length).toBe(7);
    expect(text('<b>|x')).toBe('&lt;b&gt;&#124;x');
    expect(code('a`b')).toBe('``a`b``');
    expect(fence('```\nx', 'text').startsWith('````text\n')).toBe(true);
  });
});

describe('renderTerminal', () => {
  it('prints the per-kind table, the differences and the report paths', () => {
    const t = renderTerminal(sampleReport(), { reportPaths: ['/tmp/r/report.md'] });
    expect(t).toMatch(/Tables\s+3\s+3\/3 ✓\s+3\/3 ✓/);
    expect(t).toMatch(/RLS policies\s+2\s+2\/2 ✓\s+1\/2 ✗/);
    expect(t).toContain('Drift (live vs history): 3 differences');
    expect(t).toMatch(/only in live\s+RLS policies/);
    expect(t).toContain('Verdict: DRIFT');
    expect(t).toContain('/tmp/r/report.md');
    expect(renderTerminal({ ...sampleReport(), target: 'x\u001b[31m' })).toContain('x\\x1b[31m');
    // Colour only when asked, and only our own codes.
    expect(t).not.toContain('\u001b[');
    const coloured = renderTerminal({ ...sampleReport(), target: 'x\u001b[31m' }, { color: true });
    expect(coloured).toContain('\u001b[1m\u001b[33mVerdict: DRIFT');
    expect(coloured).toContain('\u001b[32m✓\u001b[0m');
    expect(coloured).toContain('x\\x1b[31m');
  });
});

describe('parseReportFormats', () => {
  it('parses subsets and rejects unknown formats', () => {
    expect(parseReportFormats(undefined)).toEqual(['md', 'json', 'html']);
    expect(parseReportFormats('html, json')).toEqual(['html', 'json']);
    expect(() => parseReportFormats('pdf')).toThrow(/Unknown report format/);
  });
});

/** Remove fenced blocks and code spans the way CommonMark delimits them. */
function stripCode(md: string): string {
  const lines = md.split('\n');
  const kept: string[] = [];
  let fenceLen = 0;
  for (const line of lines) {
    const m = /^\s*(`{3,})/.exec(line);
    if (fenceLen) {
      if (m && (m[1] ?? '').length >= fenceLen && /^\s*`+\s*$/.test(line)) fenceLen = 0;
      continue;
    }
    if (m) {
      fenceLen = (m[1] ?? '').length;
      continue;
    }
    kept.push(line);
  }
  let out = '';
  const text = kept.join('\n');
  let i = 0;
  while (i < text.length) {
    if (text[i] === '`') {
      let n = 0;
      while (text[i + n] === '`') n++;
      const re = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
      re.lastIndex = i + n;
      const close = re.exec(text);
      if (close) {
        i = close.index + n;
        continue;
      }
      out += text.slice(i, i + n);
      i += n;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}
