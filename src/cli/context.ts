import type { Command } from 'commander';
import type { Output } from './output.js';
import type { ExitCode } from '../exit-codes.js';

/** What a command handler may touch. Handlers never call process.exit; they set exitCode. */
export interface CommandContext {
  output: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
  exitCode: ExitCode;
  /** Ask a yes/no question on the terminal; resolves false when there is no TTY. */
  confirm(question: string): Promise<boolean>;
}

export type CommandDefinition = (program: Command, ctx: CommandContext) => void;
