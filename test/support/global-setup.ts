import type { TestProject } from 'vitest/node';
import { startEmbeddedCluster } from '../../src/shadow/embedded-cluster.js';
import { toUrl } from '../../src/db/connection.js';
import { livePlatformUnavailable, startLivePlatformServer, type LivePlatformServer } from './live-platform.js';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    serverMajor: number;
    /** Superuser URL of the independent live-platform server, or '' when there is none. */
    livePlatformUrl: string;
    /** Why there is no live-platform server ('' when there is one). */
    livePlatformMissing: string;
  }
}

/**
 * One real PostgreSQL server for the whole run: the one in SQUASHBASE_TEST_DATABASE_URL when
 * set, else an embedded server of major SQUASHBASE_TEST_PG_MAJOR (default 15). Each test file
 * makes its own databases on it (test/support/test-database.ts).
 *
 * Beside it, a second server of its own for "live" databases built from ../shared/live-platform
 * (Debian's postgresql-15, the independent stub extensions): the tests whose live must not come
 * from squashbase's own platform model use it. Without one they are skipped and the run says
 * why; SQUASHBASE_REQUIRE_LIVE_PLATFORM=1 (set by .ci/run) makes that a failure instead.
 */
export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = [];
  const external = process.env['SQUASHBASE_TEST_DATABASE_URL'];
  const major = Number(process.env['SQUASHBASE_TEST_PG_MAJOR'] ?? 15);
  if (external) {
    project.provide('serverUrl', external);
    project.provide('serverMajor', major);
  } else {
    const cluster = await startEmbeddedCluster({ major });
    stops.push(() => cluster.stop());
    project.provide('serverUrl', toUrl(cluster.target));
    project.provide('serverMajor', major);
  }
  const missing = livePlatformUnavailable();
  let live: LivePlatformServer | undefined;
  if (missing) {
    if (process.env['SQUASHBASE_REQUIRE_LIVE_PLATFORM'] === '1') {
      await Promise.all(stops.map((s) => s()));
      throw new Error(`SQUASHBASE_REQUIRE_LIVE_PLATFORM=1 but no live-platform server can be built: ${missing}`);
    }
  } else {
    live = await startLivePlatformServer();
    stops.push(() => live?.stop() ?? Promise.resolve());
  }
  project.provide('livePlatformUrl', live?.url ?? '');
  project.provide('livePlatformMissing', missing ?? '');
  return async () => {
    await Promise.all(stops.map((s) => s()));
  };
}
