import { KIND_LABELS } from '../introspect/snapshot-types.js';
import { terminalSafe } from '../util/terminal-safe.js';
import type { Comparison } from '../parity/types.js';
import { displayIdentity, kindSummaryLine, matchCell, sideOk, statusLabel } from './report-cells.js';
import type { KindRow, ParityReport } from '../parity/report-model.js';
import { pgDumpSentence } from './pg-dump-section.js';
import { formatDuration, VERDICT_TITLES, verdictTone } from './verdict-text.js';

export interface TerminalOptions {
  /** Report files written, shown at the end. */
  reportPaths?: string[];
  /** Most differences listed per comparison before "… and N more" (default 40). */
  maxDifferences?: number;
  /** ANSI colours (the CLI passes Output.color: a TTY without NO_COLOR). */
  color?: boolean;
}

const ANSI = { green: '\u001b[32m', red: '\u001b[31m', yellow: '\u001b[33m', bold: '\u001b[1m', reset: '\u001b[0m' };

/**
 * The terminal summary: per-kind table, differences (one line each), warnings count, verdict
 * and report paths. Catalog text is printed as data on its own, never interpreted; control
 * characters are replaced so a hostile name cannot move the cursor or recolour the terminal.
 */
export function renderTerminal(report: ParityReport, options: TerminalOptions = {}): string {
  const out: string[] = [];
  out.push(`squashbase parity — ${report.target}`, '');
  out.push(kindTable(report.kinds), '');
  if (report.fidelity) out.push(`Live vs baseline: ${kindSummaryLine(report.kinds, 'baseline')}`);
  if (report.drift) out.push(`Live vs history:  ${kindSummaryLine(report.kinds, 'history')}`);
  out.push('');
  differences(out, 'Baseline fidelity (live vs baseline)', report.fidelity, options.maxDifferences ?? 40);
  differences(out, 'Drift (live vs history)', report.drift, options.maxDifferences ?? 40);
  const failed = (report.replay?.files ?? []).filter((f) => f.error);
  for (const f of failed) {
    if (!f.error) continue;
    out.push(`Replay failed: ${f.fileName}:${f.error.line}:${f.error.column} ${f.error.sqlstate} ${f.error.message}`);
  }
  if (report.baseline && !report.baseline.applied) out.push(`Baseline did not apply: ${report.baseline.error ?? ''}`);
  if (report.standIns.length) {
    const names = [...new Set(report.standIns.map((s) => s.extension))].sort();
    out.push(`Emulated extensions (stand-ins): ${names.join(', ')}`);
  }
  if (report.secretsNeeded.length) out.push(`Vault secrets a new environment must provide: ${report.secretsNeeded.join(', ')}`);
  if (report.pgDump) out.push(pgDumpSentence(report.pgDump));
  const delta = report.platformDelta;
  if (delta?.items.length) {
    const mine = delta.items.filter((i) => i.origin !== 'version');
    out.push(`Platform changes: ${mine.length} of the project's${mine.length ? ` (${mine.slice(0, 4).map((i) => `${i.change} ${i.id}`).join(', ')}${mine.length > 4 ? ', …' : ''})` : ''}; ${delta.items.length - mine.length} platform version difference(s) (see the report).`);
  }
  if (report.warnings.length) out.push(`${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'} (see the report).`);
  out.push(`Verdict: ${VERDICT_TITLES[report.verdict.status]} — ${report.verdict.summary} (${formatDuration(report.durationMs)})`);
  if (options.reportPaths?.length) {
    out.push('Reports:');
    for (const p of options.reportPaths) out.push(`  ${p}`);
  }
  // Catalog text is made safe first; colour codes are ours and added after.
  const lines = terminalSafe(out.join('\n')).split('\n');
  if (!options.color) return lines.join('\n');
  // The last line starting with "Verdict: " is ours (only indented report paths follow it).
  let verdictLine = lines.length - 1;
  while (verdictLine > 0 && !(lines[verdictLine] ?? '').startsWith('Verdict: ')) verdictLine--;
  const tone = verdictTone(report.verdict.status);
  const c = tone === 'pass' ? ANSI.green : tone === 'warn' ? ANSI.yellow : ANSI.red;
  lines[verdictLine] = `${ANSI.bold}${c}${lines[verdictLine]}${ANSI.reset}`;
  return lines.map((l, i) => (i === verdictLine ? l : l.replace(/ ✓/g, ` ${ANSI.green}✓${ANSI.reset}`).replace(/ ✗/g, ` ${ANSI.red}✗${ANSI.reset}`))).join('\n');
}

function kindTable(rows: KindRow[]): string {
  const head = ['Kind', 'Live', 'Baseline', 'History'];
  const body = rows.map((r) => [
    r.label,
    String(r.live),
    r.baseline ? `${matchCell(r.live, r.baseline)} ${sideOk(r.live, r.baseline) ? '✓' : '✗'}` : '–',
    r.history ? `${matchCell(r.live, r.history)} ${sideOk(r.live, r.history) ? '✓' : '✗'}` : '–',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), line(widths.map((w) => '─'.repeat(w))), ...body.map(line)].join('\n');
}

function differences(out: string[], title: string, c: Comparison | null, max: number): void {
  if (!c) return;
  const diffs = c.objects.filter((o) => o.status !== 'equal');
  if (diffs.length === 0) {
    out.push(`${title}: no differences${c.warnings.length ? ` (${c.warnings.length} warnings)` : ''}.`);
    return;
  }
  out.push(`${title}: ${diffs.length} difference${diffs.length === 1 ? '' : 's'}`);
  const labelWidth = Math.max(...diffs.map((d) => statusLabel(d.status, c).length));
  const kindWidth = Math.max(...diffs.map((d) => (KIND_LABELS[d.kind] ?? d.kind).length));
  for (const d of diffs.slice(0, max)) {
    const fields = d.changedFields?.length ? `  [${d.changedFields.join(', ')}]` : '';
    out.push(`  ${statusLabel(d.status, c).padEnd(labelWidth)}  ${(KIND_LABELS[d.kind] ?? d.kind).padEnd(kindWidth)}  ${displayIdentity(d)}${fields}`);
  }
  if (diffs.length > max) out.push(`  … and ${diffs.length - max} more (see the report)`);
  out.push('');
}
