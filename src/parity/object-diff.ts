import { structuredPatch, formatPatch } from 'diff';

/**
 * A unified diff of two object texts, always bounded: the `diff` package is O(ND) and a
 * pathological pair (a 2 MB function body rewritten) would otherwise stall the run
 * (research/dependencies.md). Past the bounds we say so instead of diffing.
 */
export interface BoundedDiffOptions {
  referenceLabel: string;
  candidateLabel: string;
  maxEditLength?: number;
  timeoutMs?: number;
  maxChars?: number;
  /** Lines of context around each change (default 3). */
  context?: number;
}

export interface BoundedDiff {
  text: string;
  /** true when the bounds were hit and `text` is the fallback, not a diff. */
  truncated: boolean;
}

export const DIFF_TOO_LARGE = 'definitions differ (diff too large)';

export function boundedDiff(reference: string, candidate: string, options: BoundedDiffOptions): BoundedDiff {
  const maxChars = options.maxChars ?? 20_000;
  const patch = structuredPatch(options.referenceLabel, options.candidateLabel, reference, candidate, undefined, undefined, {
    context: options.context ?? 3,
    maxEditLength: options.maxEditLength ?? 2_000,
    timeout: options.timeoutMs ?? 500,
  });
  if (!patch) return { text: DIFF_TOO_LARGE, truncated: true };
  // Drop the "Index:"/"====" header lines; keep ---/+++ so the block reads as a normal unified diff.
  const text = formatPatch(patch, { includeIndex: false, includeUnderline: false, includeFileHeaders: true })
    .split('\n')
    .filter((l) => l !== '\\ No newline at end of file')
    .join('\n')
    .replace(/\n+$/, '\n');
  if (text.length > maxChars) return { text: DIFF_TOO_LARGE, truncated: true };
  return { text, truncated: false };
}
