import type { TestProject } from 'vitest/node';
import { startEmbeddedCluster } from '../../src/shadow/embedded-cluster.js';
import { toUrl } from '../../src/db/connection.js';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    serverMajor: number;
  }
}

/**
 * One real PostgreSQL server for the whole run: the one in SQUASHBASE_TEST_DATABASE_URL when
 * set, else an embedded server of major SQUASHBASE_TEST_PG_MAJOR (default 15). Each test file
 * makes its own databases on it (test/support/test-database.ts).
 */
export default async function setup(project: TestProject) {
  const external = process.env['SQUASHBASE_TEST_DATABASE_URL'];
  if (external) {
    project.provide('serverUrl', external);
    project.provide('serverMajor', Number(process.env['SQUASHBASE_TEST_PG_MAJOR'] ?? 15));
    return;
  }
  const major = Number(process.env['SQUASHBASE_TEST_PG_MAJOR'] ?? 15);
  const cluster = await startEmbeddedCluster({ major });
  project.provide('serverUrl', toUrl(cluster.target));
  project.provide('serverMajor', major);
  return async () => {
    await cluster.stop();
  };
}
