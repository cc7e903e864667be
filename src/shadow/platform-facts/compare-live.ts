import type { ConnectionTarget } from '../../db/connection.js';
import { withClient, withReadOnlySnapshot } from '../../db/client.js';
import { compareWithFacts, type FactDifference } from './compare-facts.js';
import { loadPlatformFacts } from './load-facts.js';
import { readPlatformCatalog } from './read-catalog.js';
import type { PlatformRelease } from './facts-types.js';

export interface LivePlatformComparison {
  /** The release the bundled model of this major corresponds to. */
  model: PlatformRelease;
  /**
   * How live's platform differs from the model's fact sheet. Information, not drift: a project
   * runs whatever auth/storage/realtime release Supabase deployed to it, older or newer.
   */
  differences: FactDifference[];
}

/**
 * Compare a live project's platform with the bundled model's fact sheet. Read-only on live:
 * catalog SELECTs in one read-only snapshot.
 */
export async function comparePlatformWithModel(live: ConnectionTarget, major: number): Promise<LivePlatformComparison> {
  const facts = await loadPlatformFacts(major);
  const catalog = await withClient(live, (c) => withReadOnlySnapshot(c, (tx) => readPlatformCatalog(tx)), { applicationName: 'squashbase shadow check' });
  return { model: facts.release, differences: compareWithFacts(facts, catalog) };
}

/** The model's release for a major, for reports that name it. */
export async function modelRelease(major: number): Promise<PlatformRelease> {
  return (await loadPlatformFacts(major)).release;
}
