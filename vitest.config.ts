import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects in one run. `unit` (test/unit) needs no database: no global setup, so
 * `npx vitest run --project unit` starts no server. `integration` (every other test file) gets
 * the global setup's PostgreSQL server and live-platform server (test/support/global-setup.ts).
 * Both inherit the options below (`extends: true`) and share one pool of two forked workers.
 */
export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
