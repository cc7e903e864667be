import type { CommandDefinition } from '../context.js';
import { resolveTarget } from '../../db/connection.js';
import { runReplay, type RunReplayOptions } from '../../shadow/replay-run.js';
import { shadowFlags } from '../shadow-flags.js';
import { progressPrinter, renderReplay } from '../../shadow/replay-render.js';
import { EXIT } from '../../exit-codes.js';

interface ReplayFlags {
  workdir?: string;
  shadow?: string;
  shadowUrl?: string;
  dbUrl?: string;
  out?: string;
  continueOnError?: boolean;
  allowVersionMismatch?: boolean;
  json?: boolean;
}

export const replayCommand: CommandDefinition = (program, ctx) => {
  program
    .command('replay')
    .description(
      'Replay supabase/migrations into a shadow database that looks like a Supabase project, file by file as ' +
        '`supabase db push` would, and report each file. Files are found exactly as the Supabase CLI finds them ' +
        '(<digits>_<name>.sql, ordered by version). Extensions the shadow lacks (pg_cron, vector, …) get ' +
        'stand-ins, which are always listed. Never writes to the live database.',
    )
    .option('--workdir <dir>', 'project root holding supabase/migrations (default: current directory)')
    .option('--shadow <provider>', 'shadow provider: embedded (default, no Docker) or docker')
    .option('--shadow-url <url>', 'use an existing server as the shadow (temporary databases with a fixed prefix)')
    .option('--db-url <url>', 'live project (optional, read-only): clone its platform and match its major version')
    .option('--out <file>', 'write the replayed database\'s snapshot (squashbase inspect format) to this file')
    .option('--continue-on-error', 'record a failing file and go on with the next one')
    .option('--allow-version-mismatch', 'allow a shadow whose major version differs from the live project (recorded)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nFailures are reported as file:line:column with SQLSTATE, message, detail,\n' +
        'hint and a caret. Docs: docs/commands/replay.md\n' +
        'Exit codes: 0 all files applied · 20 a file failed · 10 invalid migrations\n' +
        'folder · 31 shadow failed · 3 connection · 2 usage.',
    )
    .action(async (opts: ReplayFlags) => {
      const options: RunReplayOptions = { workdir: opts.workdir ?? ctx.cwd, shadow: shadowFlags(opts) };
      if (opts.dbUrl) options.live = resolveTarget(opts.dbUrl, ctx.env);
      if (opts.out) options.out = opts.out;
      if (opts.continueOnError) options.continueOnError = true;
      if (!opts.json) {
        options.onProgress = progressPrinter((l) => ctx.output.err(l), ctx.output.isTTY);
        options.onDiscovered = (set) => {
          for (const s of set.skipped) ctx.output.err(`warning: skipping ${s.fileName}: ${s.reason}`);
          for (const w of set.warnings) ctx.output.err(`warning: ${w}`);
        };
      }
      const result = await runReplay(options);
      if (opts.json) {
        const { snapshot: _snapshot, ...rest } = result;
        ctx.output.json({ ok: result.replay.ok, ...rest });
      } else {
        ctx.output.out(renderReplay(result));
      }
      ctx.exitCode = result.replay.ok ? EXIT.OK : EXIT.REPLAY_FAILED;
    });
};
