import type { CommandDefinition } from '../context.js';

/**
 * Every command, in --help order, loaded on demand: a run imports only its own command's
 * module tree (inspect does not load parity, consolidate, the shadow providers, …), which
 * keeps start-up short. Program-level help loads them all.
 */
export const COMMAND_LOADERS: Record<string, () => Promise<CommandDefinition>> = {
  inspect: async () => (await import('./inspect.js')).inspectCommand,
  baseline: async () => (await import('./baseline.js')).baselineCommand,
  replay: async () => (await import('./replay.js')).replayCommand,
  parity: async () => (await import('./parity.js')).parityCommand,
  demo: async () => (await import('./demo.js')).demoCommand,
  backup: async () => (await import('./backup.js')).backupCommand,
  preflight: async () => (await import('./preflight.js')).preflightCommand,
  'check-data': async () => (await import('./check-data.js')).checkDataCommand,
  lint: async () => (await import('./lint.js')).lintCommand,
  consolidate: async () => (await import('./consolidate.js')).consolidateCommand,
  rollback: async () => (await import('./rollback.js')).rollbackCommand,
  shadow: async () => (await import('./shadow.js')).shadowCommand,
};

/** The definitions a run needs: just the named command when it is known, else all of them. */
export async function loadCommands(name?: string): Promise<CommandDefinition[]> {
  const one = name !== undefined ? COMMAND_LOADERS[name] : undefined;
  if (one) return [await one()];
  return Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()));
}
