import { KIND_LABELS, KIND_ORDER, type NotModelledObject, type ObjectKind, type Snapshot } from './snapshot-types.js';

/** The census's verdict under the summary: no blind spots, or each object squashbase does not model, by name. */
export function renderNotModelled(objects: readonly NotModelledObject[]): string[] {
  if (objects.length === 0) return ['Census: every user-owned object is modelled (nothing left out).'];
  return [
    `Not modelled — ${objects.length} object(s) a baseline would leave out and parity cannot check:`,
    ...objects.map((n) => `  ${n.identity}  [${n.catalog}] ${n.reason}`),
  ];
}

/** One row of the per-kind count table. `attachments` counts the objects of that kind hung on platform objects. */
export interface SummaryRow {
  kind: ObjectKind;
  label: string;
  count: number;
  attachments: number;
}

/** Counts per object kind, in KIND_ORDER (every kind listed, zeros included). */
export function summarizeSnapshot(s: Snapshot): SummaryRow[] {
  const counts = new Map<ObjectKind, { count: number; attachments: number }>();
  for (const kind of KIND_ORDER) counts.set(kind, { count: 0, attachments: 0 });
  for (const o of s.objects) {
    const c = counts.get(o.kind)!;
    c.count++;
    if (o.scope === 'attachment') c.attachments++;
  }
  return KIND_ORDER.map((kind) => ({ kind, label: KIND_LABELS[kind], ...counts.get(kind)! }));
}

/** The summary as an aligned text table (what `squashbase inspect` prints). */
export function renderSummaryTable(rows: SummaryRow[]): string {
  const header = ['Kind', 'Count', 'Attachments'];
  const body = rows.map((r) => [r.label, String(r.count), r.attachments ? String(r.attachments) : '']);
  const total = rows.reduce((n, r) => n + r.count, 0);
  const attached = rows.reduce((n, r) => n + r.attachments, 0);
  body.push(['Total', String(total), attached ? String(attached) : '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.slice(0, -1).map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(body[body.length - 1]!)].join('\n');
}
