import type { ObjectKind, SnapshotObject } from '../introspect/snapshot-types.js';

/**
 * The platform delta: how live's Supabase-managed schemas (auth, storage, realtime,
 * extensions, …) differ from a pristine platform, object by object, and whose doing each
 * difference is. Plain data: computed by compute-delta.ts, rendered into the baseline by
 * render-delta.ts and into reports by src/reports/.
 */
export type DeltaChange = 'added' | 'changed' | 'removed';

/**
 * - `history`: the replayed migrations produce live's state of this object: the user's change.
 * - `live-only`: live's state is not what the history makes of it, and the object is the
 *   user's (owned by a non-platform role, or the history touched it too): the user's change,
 *   made outside the migrations (dashboard, SQL editor). Drift, carried by the baseline.
 * - `version`: the history leaves the object as the pristine platform has it and a platform
 *   role owns it: live runs another platform release. Not the user's doing; never carried.
 */
export type DeltaOrigin = 'history' | 'live-only' | 'version';

export interface DeltaItem {
  id: string;
  kind: ObjectKind;
  change: DeltaChange;
  origin: DeltaOrigin;
  /** Why this origin, in a sentence. */
  reason: string;
  /** For `changed`: the fields that differ (describe-object names), the project's only. */
  changedFields: string[];
  /**
   * For a changed object of the project's: fields that differ from the pristine platform as on
   * another release (the history leaves them as they were). Not carried, not compared.
   */
  versionFields?: string[];
  /** Live's object (null when removed). */
  live: SnapshotObject | null;
  /** The pristine platform's object (null when added). */
  pristine: SnapshotObject | null;
  /**
   * Set when the baseline cannot carry this change safely (e.g. a dropped platform table a
   * platform upgrade recreates): consolidate then needs --accept-platform-delta.
   */
  limit?: string;
}

export interface PristineSource {
  /** 'url': a clone of a fresh project (--pristine-url); 'bundled': squashbase's platform model. */
  kind: 'url' | 'bundled';
  /** Redacted URL, or the model's name. */
  description: string;
}

export interface PlatformDelta {
  pristine: PristineSource;
  /** false when the history did not replay: origins then rest on ownership alone. */
  historyCompared: boolean;
  /** Sorted by kind order, then id. */
  items: DeltaItem[];
}

/** The items the baseline carries: the user's (history or live-only), not version differences. */
export function userItems(delta: PlatformDelta): DeltaItem[] {
  return delta.items.filter((i) => i.origin !== 'version');
}
