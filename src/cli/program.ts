import { Command, CommanderError } from 'commander';
import { SquashbaseError } from '../errors.js';
import { VERSION } from '../version.js';
import type { CommandContext, CommandDefinition } from './context.js';
import type { Output } from './output.js';
import { renderError } from './render-error.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadCommands } from './commands/index.js';
import { createInterface } from 'node:readline/promises';

export interface RunCliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  confirm?: (question: string) => Promise<boolean>;
}

/** Parse argv, run one command, render any error once, return the exit code. */
export async function runCli(argv: string[], output: Output, options: RunCliOptions = {}): Promise<ExitCode> {
  const ctx: CommandContext = {
    output,
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    exitCode: EXIT.OK,
    confirm: options.confirm ?? ttyConfirm,
  };
  // `--version` after a sub-command is that command's option (e.g. `baseline --version V`),
  // not the global version flag, which commander would otherwise match anywhere.
  const first = argv.find((a) => !a.startsWith('-'));
  const wantsJson = argv.includes('--json');
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  // Under --json a usage error is a JSON document on stdout (below), not commander's text.
  const program = buildProgram(ctx, await loadCommands(first), {
    globalVersion: first === undefined || first === 'help',
    ...(wantsJson ? { writeErr: () => undefined } : {}),
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.OK;
      if (wantsJson) {
        const usage = new SquashbaseError('USAGE', err.message.replace(/^error: /, ''), { hint: 'Run the command with --help for usage.' });
        output.json(renderError(usage, { json: true, verbose }).json);
      }
      return EXIT.USAGE;
    }
    const r = renderError(err, { json: wantsJson, verbose });
    if (wantsJson) output.json(r.json);
    else output.err(r.text);
    return r.exitCode;
  }
}

export interface BuildProgramOptions {
  globalVersion?: boolean;
  /** Where commander's own messages (usage errors) go; default the command's stderr. */
  writeErr?: (text: string) => void;
}

export function buildProgram(ctx: CommandContext, commands: CommandDefinition[], options: BuildProgramOptions = {}): Command {
  const writeErr = options.writeErr ?? ((s: string) => ctx.output.err(s.replace(/\n$/, '')));
  const program = new Command();
  if (options.globalVersion !== false) program.version(VERSION, '-V, --version');
  program
    .name('squashbase')
    .description(
      'Squash a Supabase migration history into one verified baseline.\n' +
        'Introspects the live database read-only, replays the history in a shadow database,\n' +
        'proves the baseline builds the same schema, then archives and records it.',
    )
    .option('-v, --verbose', 'print error causes and details')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.output.out(s.replace(/\n$/, '')),
      writeErr,
    })
    .addHelpText('after', '\nConnection: --db-url, else SUPABASE_DB_URL, else DATABASE_URL.\nExit codes and error codes: see README.md.');
  for (const define of commands) define(program, ctx);
  // Sub-commands inherit the output routing and exit override.
  for (const cmd of program.commands) {
    cmd.exitOverride().configureOutput({
      writeOut: (s) => ctx.output.out(s.replace(/\n$/, '')),
      writeErr,
    });
  }
  return program;
}

async function ttyConfirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
