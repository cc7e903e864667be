import type { NotModelledObject, Snapshot } from '../introspect/snapshot-types.js';
import { commentText } from './template.js';

/** One warning per object the census found but the snapshot does not model: named, with why. */
export function notModelledWarnings(snapshot: Snapshot): string[] {
  return snapshot.notModelled.map((n) => `Not in the baseline (not modelled): ${n.identity} — ${n.reason}.`);
}

/** Comment lines for the baseline file, so whoever applies it sees what it leaves out. */
export function notModelledComment(objects: readonly NotModelledObject[]): string[] {
  if (objects.length === 0) return [];
  return [
    `-- ${objects.length} object(s) on live are not in this file (squashbase does not model them yet):`,
    ...objects.map((n) => `--   ${commentText(n.identity)} (${commentText(n.catalog)})`),
  ];
}
