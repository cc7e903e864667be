import { notModelledIntro, presence } from './not-modelled-section.js';
import { inBaselineLabel, orderedItems, originLabel, platformDeltaIntro } from './platform-delta-section.js';
import { pgDumpSentence } from './pg-dump-section.js';
import { redact } from '../db/redact.js';
import { KIND_LABELS, KIND_ORDER, type ObjectKind } from '../introspect/snapshot-types.js';
import type { Comparison, ObjectComparison } from '../parity/types.js';
import { displayIdentity, kindSummaryLine, matchCell, sideOk, statusLabel } from './report-cells.js';
import type { KindRow, ParityReport } from '../parity/report-model.js';
import { formatDuration, VERDICT_TITLES, verdictTone } from './verdict-text.js';

/**
 * report.md: made to be pasted into (or linked from) a pull request. Catalog text is untrusted,
 * so it only ever appears inside code spans or fences sized to their content; plain text is
 * escaped.
 */
export interface MarkdownOptions {
  /** Most differences written per comparison (default 200); the rest are counted, and are in report.json/html. */
  maxDifferences?: number;
}

export function renderMarkdown(report: ParityReport, options: MarkdownOptions = {}): string {
  const max = options.maxDifferences ?? 200;
  const out: string[] = [];
  const icon = { pass: '✅', warn: '⚠️', fail: '❌' }[verdictTone(report.verdict.status)];
  out.push('# squashbase parity report', '');
  out.push(`**${icon} ${VERDICT_TITLES[report.verdict.status]}** — ${text(report.verdict.summary)}`, '');
  if (report.fidelity) out.push(`Live vs baseline: ${code(kindSummaryLine(report.kinds, 'baseline'))}`, '');
  if (report.drift) out.push(`Live vs history: ${code(kindSummaryLine(report.kinds, 'history'))}`, '');

  out.push('| | |', '|---|---|');
  out.push(`| Target | ${cell(code(report.target))} |`);
  out.push(`| Tool | squashbase ${cell(text(report.tool.version))} |`);
  out.push(`| Run | ${cell(code(report.runId))} · ${cell(text(report.startedAt))} · ${formatDuration(report.durationMs)} |`);
  const shadow = report.postgres.shadow;
  out.push(
    `| Postgres | live ${cell(text(report.postgres.live.version))}` +
      (shadow ? ` · shadow ${cell(text(shadow.version))} (${cell(text(shadow.provider))})` : '') +
      (report.postgres.versionMismatch
        ? ` · **major version mismatch allowed** (live ${report.postgres.versionMismatch.live}, shadow ${report.postgres.versionMismatch.shadow})`
        : '') +
      ' |',
  );
  if (report.baseline) {
    out.push(
      `| Baseline | ${cell(code(report.baseline.fileName))} (${report.baseline.source}) · sha256 ${cell(code(report.baseline.sha256))}` +
        `${report.baseline.applied ? '' : ' · **did not apply**'} |`,
    );
  }
  out.push(`| Migrations | ${report.migrations.files.length} files in ${cell(code(report.migrations.dir))} |`);
  out.push(`| Exit code | ${report.verdict.exitCode} |`, '');
  if (report.secretsNeeded.length) {
    out.push(`Vault secrets a new environment must provide (the baseline creates them with a placeholder): ${report.secretsNeeded.map(code).join(', ')}`, '');
  }

  out.push('## Objects per kind', '');
  out.push(kindTable(report.kinds), '');

  section(out, 'Baseline fidelity — live vs baseline', report.fidelity, report.baseline?.error ?? 'The baseline was not checked.', max);
  section(out, 'Drift — live vs history', report.drift, 'The history did not replay, so drift was not checked.', max);

  out.push('## pg_dump second opinion', '', text(pgDumpSentence(report.pgDump ?? null)), '');
  if (report.pgDump?.status === 'different') out.push(fence(report.pgDump.diff, 'diff'), '');

  const delta = report.platformDelta ?? null;
  out.push('## Platform changes', '', platformDeltaIntro(delta), '');
  if (delta?.items.length) {
    out.push('| Change | Object | Whose | In baseline | Note |', '|---|---|---|---|---|');
    for (const i of orderedItems(delta)) {
      const note = [i.changedFields.length ? `changed: ${i.changedFields.join(', ')}` : '', i.limit ?? '', i.origin === 'version' ? '' : i.reason].filter(Boolean).join('; ');
      out.push(`| ${i.change} | ${cell(code(i.id))} | ${originLabel(i)} | ${inBaselineLabel(i)} | ${cell(text(note))} |`);
    }
    out.push('');
  }

  const notModelled = report.notModelled ?? [];
  out.push('## Not modelled', '', notModelledIntro(notModelled), '');
  if (notModelled.length) {
    out.push('| Object | Catalog | In baseline | In history | Why |', '|---|---|---|---|---|');
    for (const n of notModelled) out.push(`| ${cell(code(n.identity))} | ${cell(code(n.catalog))} | ${presence(n.inBaseline)} | ${presence(n.inHistory)} | ${cell(text(n.reason))} |`);
    out.push('');
  }

  if (report.warnings.length) {
    out.push('## Warnings', '');
    for (const w of report.warnings) out.push(`- ${text(w.source)}${w.code ? ` ${code(w.code)}` : ''}: ${text(w.message)}`);
    out.push('');
  }

  out.push('## Migration files', '');
  if (report.migrations.files.length === 0) out.push('No migration files.', '');
  else {
    const replayed = new Map((report.replay?.files ?? []).map((f) => [f.fileName, f]));
    out.push('| File | sha256 | Replay | Statements | Time |', '|---|---|---|---:|---:|');
    for (const f of report.migrations.files) {
      const r = replayed.get(f.fileName);
      const status = r ? (r.status === 'applied' ? '✅ applied' : r.status === 'failed' ? '❌ failed' : '⏭️ skipped') : '–';
      out.push(`| ${cell(code(f.fileName))} | ${cell(code(f.sha256))} | ${status} | ${r ? r.statements : '–'} | ${r ? formatDuration(r.durationMs) : '–'} |`);
    }
    out.push('');
  }
  for (const s of report.migrations.skipped) out.push(`- skipped ${code(s.fileName)}: ${text(s.reason)}`);
  if (report.migrations.skipped.length) out.push('');
  for (const f of report.replay?.files ?? []) {
    if (!f.error) continue;
    out.push(`### Replay error in ${code(f.fileName)}`, '');
    out.push(`${code(`${f.fileName}:${f.error.line}:${f.error.column}`)} ${code(f.error.sqlstate)} ${text(f.error.message)}`, '');
    const extra = [f.error.caret, f.error.detail ? `DETAIL: ${f.error.detail}` : '', f.error.hint ? `HINT: ${f.error.hint}` : ''].filter(Boolean).join('\n');
    if (extra) out.push(fence(extra, 'text'), '');
  }

  out.push('## Emulated extensions', '');
  if (report.standIns.length === 0) out.push('None: every extension the schema uses was installed for real in the shadows.', '');
  else {
    out.push('These extensions were not available in the shadow and were replaced by stand-ins (objects with the same names and signatures):', '');
    out.push('| Shadow | Extension | Source | Objects |', '|---|---|---|---:|');
    for (const s of report.standIns) out.push(`| ${s.database} | ${cell(code(s.extension))} | ${cell(text(s.source))} | ${s.objects} |`);
    out.push('');
  }
  out.push(`<sub>squashbase ${text(report.tool.version)} · format ${report.format} v${report.formatVersion}</sub>`, '');
  return redact(out.join('\n'));
}

function kindTable(rows: KindRow[]): string {
  const lines = ['| Kind | Live | Baseline | History |', '|---|---:|---:|---:|'];
  for (const r of rows) {
    const b = r.baseline ? `${sideOk(r.live, r.baseline) ? '✅' : '❌'} ${matchCell(r.live, r.baseline)}` : '–';
    const h = r.history ? `${sideOk(r.live, r.history) ? '✅' : '⚠️'} ${matchCell(r.live, r.history)}` : '–';
    lines.push(`| ${r.label} | ${r.live} | ${b} | ${h} |`);
  }
  return lines.join('\n');
}

function section(out: string[], title: string, c: Comparison | null, notChecked: string, max: number): void {
  out.push(`## ${title}`, '');
  if (!c) {
    out.push(`Not checked: ${text(notChecked)}`, '');
    return;
  }
  const diffs = c.objects.filter((o) => o.status !== 'equal');
  if (diffs.length === 0) {
    const n = c.totals.equal;
    out.push(`No differences: all ${n} objects are identical in ${text(c.referenceLabel)} and ${text(c.candidateLabel)}.`, '');
  } else {
    out.push(
      `${diffs.length} difference${diffs.length === 1 ? '' : 's'}: ` +
        `${c.totals.only_in_reference} only in ${text(c.referenceLabel)}, ` +
        `${c.totals.only_in_candidate} only in ${text(c.candidateLabel)}, ${c.totals.changed} changed.`,
      '',
    );
    const byKind = new Map<ObjectKind, ObjectComparison[]>();
    for (const o of diffs.slice(0, max)) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
    for (const kind of KIND_ORDER) {
      const list = byKind.get(kind);
      if (!list) continue;
      out.push(`### ${KIND_LABELS[kind]}`, '');
      for (const o of list) {
        const fields = o.changedFields?.length ? ` (${o.changedFields.map((f) => code(f)).join(', ')})` : '';
        out.push(`- **${text(statusLabel(o.status, c))}** ${code(displayIdentity(o))}${fields}`, '');
        if (o.diff !== undefined) out.push(indent(o.diffTruncated ? fence(o.diff, 'text') : fence(o.diff, 'diff')), '');
        else if (o.text !== undefined) out.push(indent(fence(o.text, 'text')), '');
      }
    }
    if (diffs.length > max) out.push(`… and ${diffs.length - max} more differences: see report.json or report.html.`, '');
  }
  if (c.warnings.length) {
    out.push(`${c.warnings.length} warning${c.warnings.length === 1 ? '' : 's'} (not failures):`, '');
    for (const w of c.warnings) out.push(`- ${code(w.code)} ${text(w.message)}`);
    out.push('');
  }
}

/** Escape plain text for Markdown: HTML-significant characters and Markdown punctuation. */
export function text(s: string): string {
  return s
    .replace(/([\\`*_[\]{}()#+!~])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/\r?\n/g, ' ');
}

/** An inline code span that cannot be broken out of: the fence is longer than any backtick run inside. */
export function code(s: string): string {
  const one = s.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((r) => r.length));
  const tick = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || one.startsWith(' ') ? ' ' : '';
  return `${tick}${pad}${one}${pad}${tick}`;
}

/** A fenced block whose fence is longer than any backtick run in the content. */
export function fence(body: string, lang: string): string {
  const longest = Math.max(0, ...(body.match(/`{3,}/g) ?? []).map((r) => r.length));
  const f = '`'.repeat(Math.max(3, longest + 1));
  return `${f}${lang}\n${body.replace(/\n$/, '')}\n${f}`;
}

/** Inside a GFM table cell a bare `|` ends the cell, even in a code span. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function indent(block: string): string {
  return block
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
}
