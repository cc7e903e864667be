import { resolve } from 'node:path';
import type { CommandDefinition } from '../context.js';
import { resolveTarget } from '../../db/connection.js';
import { runParity, type RunParityOptions } from '../../parity/run-parity.js';
import { shadowFlags } from '../shadow-flags.js';
import { renderTerminal } from '../../reports/render-terminal.js';
import { DEFAULT_REPORT_DIR, parseReportFormats } from '../../reports/write-reports.js';
import type { ExitCode } from '../../exit-codes.js';

interface ParityFlags {
  dbUrl?: string;
  workdir?: string;
  baseline?: string;
  reportDir?: string;
  format?: string;
  shadow?: string;
  shadowUrl?: string;
  pristineUrl?: string;
  platformDelta?: boolean;
  allowDrift?: boolean;
  allowVersionMismatch?: boolean;
  json?: boolean;
}

export const parityCommand: CommandDefinition = (program, ctx) => {
  program
    .command('parity')
    .description(
      'Prove the baseline rebuilds production, and show where production drifted\n' +
        'from its migrations. Builds three snapshots:\n' +
        '  L  the live database (read-only),\n' +
        '  H  supabase/migrations replayed in a fresh shadow database,\n' +
        '  B  the baseline (--baseline FILE, else generated from live now) applied\n' +
        '     to another fresh shadow database,\n' +
        'and compares them object by object: L vs B (fidelity: must be identical)\n' +
        'and L vs H (drift). Prints the per-kind table and writes report.md,\n' +
        'report.json and report.html.',
    )
    .option('--db-url <url>', 'live database (else SUPABASE_DB_URL, else DATABASE_URL); only read')
    .option('--workdir <dir>', 'project root holding supabase/migrations (default: current directory)')
    .option('--baseline <file>', 'check this baseline SQL file instead of generating one from live')
    .option('--report-dir <dir>', `where to write the reports (default: ./${DEFAULT_REPORT_DIR})`)
    .option('--format <list>', 'report formats, comma-separated: md,json,html (default: all three)')
    .option('--shadow <provider>', 'shadow provider: embedded (default, no Docker) or docker')
    .option('--shadow-url <url>', 'use an existing server as the shadow (temporary databases with a fixed prefix)')
    .option('--pristine-url <url>', "a fresh project on live's platform release: the pristine platform the shadows start from and the platform delta is measured against (only read; default: the bundled model)")
    .option('--no-platform-delta', "generate the baseline without the project's changes to Supabase-managed schemas (each is named in a warning)")
    .option('--allow-drift', 'exit 0 when live differs from the history (the drift stays in the report)')
    .option('--allow-version-mismatch', 'allow a shadow whose major version differs from live (recorded in the report)')
    .option('--json', 'print the report as JSON instead of the table')
    .addHelpText(
      'after',
      '\nExit codes:\n' +
        '  0   live = baseline and live = history (or drift with --allow-drift)\n' +
        '  21  the baseline does not rebuild live (wins over drift)\n' +
        '  22  live drifted from its migration history\n' +
        '  20  a history file failed to replay      23  the baseline failed to apply\n' +
        '  31  shadow failed · 3 connection · 2 usage\n' +
        'Column order and extension versions are warnings, not failures.',
    )
    .action(async (opts: ParityFlags) => {
      const target = resolveTarget(opts.dbUrl, ctx.env);
      const formats = parseReportFormats(opts.format);
      const options: RunParityOptions = {
        target,
        workdir: resolve(ctx.cwd, opts.workdir ?? '.'),
        shadow: shadowFlags(opts),
        allowDrift: opts.allowDrift === true,
        platformDelta: opts.platformDelta !== false,
        reportDir: resolve(ctx.cwd, opts.reportDir ?? DEFAULT_REPORT_DIR),
        formats,
      };
      if (opts.baseline) options.baselineFile = resolve(ctx.cwd, opts.baseline);
      if (!opts.json) options.onProgress = (e) => ctx.output.err(`· ${e.message}`);
      const { report, reportPaths } = await runParity(options);
      if (opts.json) ctx.output.json({ ...report, reportPaths });
      else ctx.output.out(renderTerminal(report, { reportPaths, color: ctx.output.color }));
      ctx.exitCode = report.verdict.exitCode as ExitCode;
    });
};
