import type { Reporter, TestModule } from 'vitest/node';
import { NEEDS_PG_DUMP, PG_DUMP_INSTALL } from './pg-dump-tag.js';

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, after vitest's own
 * summary — a format any CI log reader understands. Tests skipped for want of pg_dump get a
 * line of their own just before it, saying how many and what to install.
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let needPgDump = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else {
          skipped++;
          if (test.fullName.includes(NEEDS_PG_DUMP)) needPgDump++;
        }
      }
      // A file that failed to load has no tests but is a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    if (needPgDump > 0) process.stdout.write(`\nskipped ${needPgDump} test(s) that need pg_dump: ${PG_DUMP_INSTALL}\n`);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
