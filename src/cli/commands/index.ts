import type { CommandDefinition } from '../context.js';
import { backupCommand } from './backup.js';

/** Every command, in --help order. Each file registers one command. */
export const COMMANDS: CommandDefinition[] = [backupCommand];
