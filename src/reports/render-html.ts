import { notModelledIntro, presence } from './not-modelled-section.js';
import { inBaselineLabel, orderedItems, originLabel, platformDeltaIntro } from './platform-delta-section.js';
import { pgDumpSentence } from './pg-dump-section.js';
import { redact } from '../db/redact.js';
import { KIND_LABELS, KIND_ORDER, type ObjectKind } from '../introspect/snapshot-types.js';
import type { Comparison, ObjectComparison, ObjectStatus } from '../parity/types.js';
import { REPORT_CSS, REPORT_JS } from './html-assets.js';
import { displayIdentity, kindSummaryLine, matchCell, sideOk, statusLabel } from './report-cells.js';
import type { KindSide, ParityReport } from '../parity/report-model.js';
import { formatDuration, VERDICT_TITLES, verdictTone } from './verdict-text.js';

/**
 * report.html: one self-contained file (inline CSS and JS, a CSP that forbids every network
 * request) for auditors: verdict banner, per-kind table, filters by kind and status, every
 * object of both comparisons with expandable diffs, then migrations, replay, stand-ins and
 * warnings. Every piece of report text goes through esc(): catalog text is untrusted.
 */
export function renderHtml(report: ParityReport): string {
  const tone = verdictTone(report.verdict.status);
  const h: string[] = [];
  h.push('<!DOCTYPE html>');
  h.push('<html lang="en"><head><meta charset="utf-8">');
  h.push(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
  );
  h.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  h.push(`<title>squashbase parity — ${esc(VERDICT_TITLES[report.verdict.status])}</title>`);
  h.push(`<style>${REPORT_CSS}</style></head><body><main>`);
  h.push('<h1>squashbase parity report</h1>');

  h.push(`<section id="verdict" class="verdict tone-${tone}" role="status">`);
  h.push(`<div class="title">${esc(VERDICT_TITLES[report.verdict.status])}</div>`);
  h.push(`<div class="summary">${esc(report.verdict.summary)}</div>`);
  if (report.fidelity) h.push(`<div class="line">live vs baseline: ${esc(kindSummaryLine(report.kinds, 'baseline'))}</div>`);
  if (report.drift) h.push(`<div class="line">live vs history: ${esc(kindSummaryLine(report.kinds, 'history'))}</div>`);
  h.push('</section>');

  h.push('<table class="meta"><tbody>');
  meta(h, 'Target', `<code>${esc(report.target)}</code>`);
  meta(h, 'Tool', `squashbase ${esc(report.tool.version)}`);
  meta(h, 'Run', `<code>${esc(report.runId)}</code> · ${esc(report.startedAt)} · ${esc(formatDuration(report.durationMs))}`);
  const shadow = report.postgres.shadow;
  meta(
    h,
    'Postgres',
    `live ${esc(report.postgres.live.version)}` +
      (shadow ? ` · shadow ${esc(shadow.version)} (${esc(shadow.provider)})` : '') +
      (report.postgres.versionMismatch
        ? ` · <strong>major version mismatch allowed</strong> (live ${esc(String(report.postgres.versionMismatch.live))}, shadow ${esc(String(report.postgres.versionMismatch.shadow))})`
        : ''),
  );
  if (report.baseline) {
    meta(
      h,
      'Baseline',
      `<code>${esc(report.baseline.fileName)}</code> (${esc(report.baseline.source)}) · sha256 <code>${esc(report.baseline.sha256)}</code>` +
        (report.baseline.applied ? '' : ` · <strong>did not apply</strong>: ${esc(report.baseline.error ?? '')}`),
    );
  }
  meta(h, 'Migrations', `${report.migrations.files.length} files in <code>${esc(report.migrations.dir)}</code>`);
  meta(h, 'Exit code', esc(String(report.verdict.exitCode)));
  if (report.secretsNeeded.length) meta(h, 'Secrets to provide', report.secretsNeeded.map((n) => `<code>${esc(n)}</code>`).join(', '));
  h.push('</tbody></table>');

  h.push('<h2 id="kinds-title">Objects per kind</h2>');
  h.push('<table id="kinds" aria-labelledby="kinds-title"><thead><tr><th>Kind</th><th class="num">Live</th><th class="num">Baseline</th><th class="num">History</th></tr></thead><tbody>');
  for (const r of report.kinds) {
    h.push(
      `<tr data-kind-row="${esc(r.kind)}"><td>${esc(r.label)}</td><td class="num">${r.live}</td>` +
        `${sideCell(r.live, r.baseline, 'bad')}${sideCell(r.live, r.history, 'warn')}</tr>`,
    );
  }
  h.push('</tbody></table>');

  h.push(filters(report));
  comparisonSection(h, 'fidelity', 'Baseline fidelity — live vs baseline', report.fidelity, report.baseline?.error ?? 'The baseline was not checked.');
  comparisonSection(h, 'drift', 'Drift — live vs history', report.drift, 'The history did not replay, so drift was not checked.');

  h.push('<h2 id="pg-dump-title">pg_dump second opinion</h2>');
  h.push(`<p id="pg-dump" data-status="${esc(report.pgDump?.status ?? 'not_run')}">${esc(pgDumpSentence(report.pgDump ?? null))}</p>`);
  if (report.pgDump?.status === 'different') h.push(diffHtml(report.pgDump.diff, false));

  const delta = report.platformDelta ?? null;
  h.push('<h2 id="platform-delta-title">Platform changes</h2>');
  h.push(`<p${delta?.items.length ? '' : ' class="empty"'}>${esc(platformDeltaIntro(delta))}</p>`);
  if (delta?.items.length) {
    h.push('<table id="platform-delta" aria-labelledby="platform-delta-title"><thead><tr><th>Change</th><th>Object</th><th>Whose</th><th>In baseline</th><th>Note</th></tr></thead><tbody>');
    for (const i of orderedItems(delta)) {
      const note = [i.changedFields.length ? `changed: ${i.changedFields.join(', ')}` : '', i.limit ?? '', i.origin === 'version' ? '' : i.reason].filter(Boolean).join('; ');
      h.push(`<tr data-origin="${esc(i.origin)}"><td>${esc(i.change)}</td><td><code>${esc(i.id)}</code></td><td>${esc(originLabel(i))}</td><td>${esc(inBaselineLabel(i))}</td><td>${esc(note)}</td></tr>`);
    }
    h.push('</tbody></table>');
  }

  const notModelled = report.notModelled ?? [];
  h.push('<h2 id="not-modelled-title">Not modelled</h2>');
  h.push(`<p${notModelled.length ? '' : ' class="empty"'}>${esc(notModelledIntro(notModelled))}</p>`);
  if (notModelled.length) {
    h.push('<table id="not-modelled" aria-labelledby="not-modelled-title"><thead><tr><th>Object</th><th>Catalog</th><th>In baseline</th><th>In history</th><th>Why</th></tr></thead><tbody>');
    for (const n of notModelled) {
      h.push(`<tr><td><code>${esc(n.identity)}</code></td><td><code>${esc(n.catalog)}</code></td><td>${presence(n.inBaseline)}</td><td>${presence(n.inHistory)}</td><td>${esc(n.reason)}</td></tr>`);
    }
    h.push('</tbody></table>');
  }

  h.push('<h2>Warnings</h2>');
  if (report.warnings.length === 0) h.push('<p class="empty">No warnings.</p>');
  else {
    h.push('<ul id="warnings">');
    for (const w of report.warnings) h.push(`<li><span class="kind">${esc(w.source)}${w.code ? ' · ' + esc(w.code) : ''}</span> ${esc(w.message)}</li>`);
    h.push('</ul>');
  }

  h.push('<h2>Migration files</h2>');
  const replayed = new Map((report.replay?.files ?? []).map((f) => [f.fileName, f]));
  if (report.migrations.files.length === 0) h.push('<p class="empty">No migration files.</p>');
  else {
    h.push('<table id="migrations"><thead><tr><th>File</th><th>sha256</th><th>Replay</th><th class="num">Statements</th><th class="num">Time</th></tr></thead><tbody>');
    for (const f of report.migrations.files) {
      const r = replayed.get(f.fileName);
      const cls = r?.status === 'applied' ? 'ok' : r?.status === 'failed' ? 'bad' : '';
      h.push(
        `<tr><td><code>${esc(f.fileName)}</code></td><td><code>${esc(f.sha256)}</code></td>` +
          `<td class="${cls}">${esc(r?.status ?? '–')}</td><td class="num">${r ? r.statements : '–'}</td>` +
          `<td class="num">${r ? esc(formatDuration(r.durationMs)) : '–'}</td></tr>`,
      );
    }
    h.push('</tbody></table>');
  }
  if (report.migrations.skipped.length) {
    h.push('<ul>');
    for (const s of report.migrations.skipped) h.push(`<li>skipped <code>${esc(s.fileName)}</code>: ${esc(s.reason)}</li>`);
    h.push('</ul>');
  }
  for (const f of report.replay?.files ?? []) {
    if (!f.error) continue;
    h.push(`<h3>Replay error in <code>${esc(f.fileName)}</code></h3>`);
    h.push(`<p><code>${esc(`${f.fileName}:${f.error.line}:${f.error.column}`)}</code> <code>${esc(f.error.sqlstate)}</code> ${esc(f.error.message)}</p>`);
    const extra = [f.error.caret, f.error.detail ? `DETAIL: ${f.error.detail}` : '', f.error.hint ? `HINT: ${f.error.hint}` : ''].filter(Boolean).join('\n');
    if (extra) h.push(`<pre>${esc(extra)}</pre>`);
  }

  h.push('<h2>Emulated extensions</h2>');
  if (report.standIns.length === 0) h.push('<p class="empty">None: every extension the schema uses was installed for real in the shadows.</p>');
  else {
    h.push('<p>Not available in the shadow, replaced by stand-ins with the same names and signatures:</p>');
    h.push('<table id="stand-ins"><thead><tr><th>Shadow</th><th>Extension</th><th>Source</th><th class="num">Objects</th></tr></thead><tbody>');
    for (const s of report.standIns) {
      h.push(`<tr><td>${esc(s.database)}</td><td><code>${esc(s.extension)}</code></td><td>${esc(s.source)}</td><td class="num">${s.objects}</td></tr>`);
    }
    h.push('</tbody></table>');
  }
  h.push(`<footer>squashbase ${esc(report.tool.version)} · ${esc(report.format)} v${report.formatVersion} · run ${esc(report.runId)}</footer>`);
  h.push(`</main><script>${REPORT_JS}</script></body></html>`);
  return redact(h.join('\n')) + '\n';
}

/** Escape for HTML text and attribute values (both quote kinds). */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function meta(h: string[], label: string, html: string): void {
  h.push(`<tr><th>${esc(label)}</th><td>${html}</td></tr>`);
}

function sideCell(live: number, side: KindSide | null, badTone: 'bad' | 'warn'): string {
  if (!side) return '<td class="num muted">–</td>';
  const ok = sideOk(live, side);
  return `<td class="num ${ok ? 'ok' : badTone}">${ok ? '✓' : '✗'} ${esc(matchCell(live, side))}</td>`;
}

const STATUS_ORDER: ObjectStatus[] = ['only_in_reference', 'only_in_candidate', 'changed', 'equal'];

function filters(report: ParityReport): string {
  const kinds = new Set<ObjectKind>();
  for (const c of [report.fidelity, report.drift]) for (const o of c?.objects ?? []) kinds.add(o.kind);
  const chip = (filter: string, value: string, label: string, pressed: boolean) =>
    `<button type="button" class="chip" data-filter="${esc(filter)}" data-value="${esc(value)}" aria-pressed="${pressed}">${esc(label)}</button>`;
  const k = [chip('kind', 'all', 'All kinds', true), ...KIND_ORDER.filter((x) => kinds.has(x)).map((x) => chip('kind', x, KIND_LABELS[x], false))];
  const s = [
    chip('status', 'diff', 'Differences', true),
    chip('status', 'only_in_reference', 'Only in live', false),
    chip('status', 'only_in_candidate', 'Only in baseline / history', false),
    chip('status', 'changed', 'Changed', false),
    chip('status', 'equal', 'Equal', false),
    chip('status', 'all', 'Everything', false),
  ];
  return (
    `<h2>Objects</h2><nav class="filters" id="filters" aria-label="Filters">` +
    `<div class="group" id="kind-filters"><span class="label">Kind</span>${k.join('')}</div>` +
    `<div class="group" id="status-filters"><span class="label">Status</span>${s.join('')}</div></nav>`
  );
}

function comparisonSection(h: string[], id: string, title: string, c: Comparison | null, notChecked: string): void {
  h.push(`<section id="${esc(id)}" data-list>`);
  h.push(`<h3>${esc(title)}</h3>`);
  if (!c) {
    h.push(`<p class="empty">Not checked: ${esc(notChecked)}</p></section>`);
    return;
  }
  const t = c.totals;
  h.push(
    `<p class="muted">${t.equal} equal · ${t.only_in_reference} only in ${esc(c.referenceLabel)} · ` +
      `${t.only_in_candidate} only in ${esc(c.candidateLabel)} · ${t.changed} changed${c.warnings.length ? ` · ${c.warnings.length} warnings` : ''}</p>`,
  );
  const sorted = [...c.objects].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  for (const o of sorted) h.push(objectRow(o, c));
  h.push(`<p class="empty empty-filter"${c.identical ? '' : ' hidden'}>${c.identical ? 'No differences.' : 'Nothing matches the filters.'}</p>`);
  if (c.warnings.length) {
    h.push('<ul class="comparison-warnings">');
    for (const w of c.warnings) h.push(`<li><code>${esc(w.code)}</code> ${esc(w.message)}</li>`);
    h.push('</ul>');
  }
  h.push('</section>');
}

function objectRow(o: ObjectComparison, c: Comparison): string {
  const attrs = `data-obj data-kind="${esc(o.kind)}" data-status="${esc(o.status)}" data-id="${esc(o.id)}"${o.status === 'equal' ? ' hidden' : ''}`;
  const head =
    `<span class="badge s-${esc(o.status)}">${esc(statusLabel(o.status, c))}</span>` +
    `<span class="kind">${esc(KIND_LABELS[o.kind] ?? o.kind)}</span><code>${esc(displayIdentity(o))}</code>` +
    (o.changedFields?.length ? `<span class="fields">${esc(o.changedFields.join(', '))}</span>` : '');
  const body = o.diff !== undefined ? diffHtml(o.diff, o.diffTruncated === true) : o.text !== undefined ? `<pre>${esc(o.text)}</pre>` : '';
  if (!body) return `<div class="obj" ${attrs}><div class="row">${head}</div></div>`;
  return `<details class="obj" ${attrs}><summary>${head}</summary>${body}</details>`;
}

function diffHtml(diff: string, truncated: boolean): string {
  if (truncated) return `<pre>${esc(diff)}</pre>`;
  const lines = diff.replace(/\n$/, '').split('\n');
  const spans = lines.map((l) => {
    const cls = l.startsWith('+++') || l.startsWith('---') ? 'd-head' : l.startsWith('@@') ? 'd-hunk' : l.startsWith('+') ? 'd-add' : l.startsWith('-') ? 'd-del' : 'd-ctx';
    return `<span class="${cls}">${esc(l) || ' '}</span>`;
  });
  return `<pre class="diff">${spans.join('')}</pre>`;
}
