import type { ObjectKind } from '../introspect/snapshot-types.js';

/**
 * The result of comparing two Snapshots, as plain data. `reference` is the side that is
 * right by definition (live production); `candidate` is the side under test (the baseline
 * built in a shadow, or the history replayed in a shadow).
 */

/** Per-object outcome. `equal` objects are kept so an auditor can see every object was checked. */
export type ObjectStatus = 'only_in_reference' | 'only_in_candidate' | 'changed' | 'equal';

export const DIFFERENCE_STATUSES: readonly ObjectStatus[] = ['only_in_reference', 'only_in_candidate', 'changed'];

/** One object of either snapshot, with its status. */
export interface ObjectComparison {
  id: string;
  kind: ObjectKind;
  schema: string | null;
  name: string;
  parent: string | null;
  status: ObjectStatus;
  /**
   * For `changed`: a unified diff (reference → candidate) of the canonical text rendering of
   * the object (describe-object.ts), or the fallback text when the diff was too large.
   */
  diff?: string;
  /** For `changed`: true when `diff` is the "too large" fallback, not a real diff. */
  diffTruncated?: boolean;
  /** For `changed`: the top-level fields that differ, e.g. ["definition"] or ["privileges"]. */
  changedFields?: string[];
  /** For `only_in_*`: the canonical text rendering of the object that exists on one side. */
  text?: string;
}

/** Per-kind counts, in KIND_ORDER. `matched` = objects of this kind with status `equal`. */
export interface KindCount {
  kind: ObjectKind;
  label: string;
  reference: number;
  candidate: number;
  matched: number;
}

export type ComparisonWarningCode = 'column_order' | 'extension_version';

/** Something that differs but does not break parity (column order, extension versions). */
export interface ComparisonWarning {
  code: ComparisonWarningCode;
  id: string;
  message: string;
}

export interface Comparison {
  /** Display names of the two sides, e.g. "live" and "baseline". */
  referenceLabel: string;
  candidateLabel: string;
  /** true when no object is only on one side or changed (warnings do not count). */
  identical: boolean;
  counts: KindCount[];
  /** Every object of both sides, sorted by KIND_ORDER then id. */
  objects: ObjectComparison[];
  warnings: ComparisonWarning[];
  /** Number of objects per status. */
  totals: Record<ObjectStatus, number>;
}

export interface CompareOptions {
  referenceLabel?: string;
  candidateLabel?: string;
  /** Upper bound on the Myers edit distance per object diff (default 2000). */
  maxEditLength?: number;
  /** Upper bound in ms per object diff (default 500). */
  diffTimeoutMs?: number;
  /** Longest diff text kept per object, in characters (default 20000). */
  maxDiffChars?: number;
}
