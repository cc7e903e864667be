import { KIND_LABELS, KIND_ORDER, type Snapshot } from '../introspect/snapshot-types.js';
import { canonicalJsonSha256 } from './canonical-hash.js';
import { commentText, loadTemplate, renderTemplate } from './template.js';
import { referencedRoles } from './roles.js';
import { renderExpectedRoles } from './roles-guard.js';

/** sha256 of the canonical JSON of the snapshot's objects: same schema, same fingerprint. */
export function snapshotFingerprint(snapshot: Snapshot): string {
  // Objects are sorted by id in a snapshot; sort anyway so a reordered copy fingerprints the same.
  const objects = [...snapshot.objects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return canonicalJsonSha256(objects);
}

/** Object counts per kind, in KIND_ORDER, kinds with none left out. */
export function countByKind(snapshot: Snapshot): { kind: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const o of snapshot.objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return KIND_ORDER.filter((k) => counts.get(k)).map((k) => ({ kind: k, label: KIND_LABELS[k], count: counts.get(k)! }));
}

export interface HeaderValues {
  version: string;
  name: string;
  toolVersion: string;
  source: string;
  fingerprint: string;
  runId: string;
  generatedAt: string;
  consolidates: string[];
}

/** The header comment block from templates/baseline/header.sql. Only runId/generatedAt vary between runs. */
export function renderHeader(snapshot: Snapshot, v: HeaderValues): string {
  const counts = countByKind(snapshot);
  const width = Math.max(0, ...counts.map((c) => c.label.length));
  const countLines = counts.length ? counts.map((c) => `--   ${c.label.padEnd(width)}  ${c.count}`).join('\n') : '--   (none)';
  const consolidates = v.consolidates.length ? wrap([...v.consolidates].sort(), 90).map((l) => `--   ${l}`).join('\n') : '--   (none)';
  return renderTemplate(loadTemplate('header.sql'), {
    version: commentText(v.version),
    name: commentText(v.name),
    toolVersion: commentText(v.toolVersion),
    source: commentText(v.source),
    serverVersion: commentText(snapshot.server.version),
    fingerprint: v.fingerprint,
    runId: commentText(v.runId),
    generatedAt: commentText(v.generatedAt),
    counts: countLines,
    consolidatedCount: String(v.consolidates.length),
    consolidates,
    expectedRoles: renderExpectedRoles(referencedRoles(snapshot)),
  });
}

function wrap(items: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items.map(commentText)) {
    if (line && line.length + 2 + item.length > width) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line}, ${item}` : item;
  }
  if (line) lines.push(line);
  return lines;
}
