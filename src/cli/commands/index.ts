import type { CommandDefinition } from '../context.js';
import { inspectCommand } from './inspect.js';
import { backupCommand } from './backup.js';
import { checkDataCommand } from './check-data.js';
import { lintCommand } from './lint.js';
import { preflightCommand } from './preflight.js';
import { replayCommand } from './replay.js';
import { parityCommand } from './parity.js';
import { demoCommand } from './demo.js';
import { consolidateCommand } from './consolidate.js';
import { rollbackCommand } from './rollback.js';
import { baselineCommand } from './baseline.js';
import { shadowCommand } from './shadow.js';

/** Every command, in --help order. Each file registers one command. */
export const COMMANDS: CommandDefinition[] = [inspectCommand, baselineCommand, replayCommand, parityCommand, demoCommand, backupCommand, preflightCommand, checkDataCommand,
  lintCommand, consolidateCommand, rollbackCommand, shadowCommand];
