import { resolve } from 'node:path';
import type { CommandDefinition } from '../context.js';
import { runDemo, type DemoResult } from '../../demo/run-demo.js';
import { renderTerminal } from '../../reports/render-terminal.js';
import { formatDuration } from '../../reports/verdict-text.js';
import type { ExitCode } from '../../exit-codes.js';

interface DemoFlags {
  reportDir?: string;
  keep?: boolean;
  json?: boolean;
}

/** Default report directory of the demo, relative to the current directory. */
export const DEMO_REPORT_DIR = 'squashbase-demo-report';

export const demoCommand: CommandDefinition = (program, ctx) => {
  program
    .command('demo')
    .description(
      'See squashbase work in under a minute: no Docker, no Supabase account.\n' +
        'Starts an embedded PostgreSQL as a stand-in live project with the Supabase\n' +
        'platform model, pushes the example project (supabase/, a realistic 16-file\n' +
        'history) as `supabase db push` would, makes two hand-made changes on live\n' +
        '(drift), then runs `squashbase parity` on a temporary copy of the project\n' +
        'and prints the result. Everything it starts is stopped and removed at the\n' +
        'end; only the reports are kept.',
    )
    .option('--report-dir <dir>', `where to write the reports (default: ./${DEMO_REPORT_DIR})`)
    .option('--keep', 'keep the temporary project copy and print where it is')
    .option('--json', 'print the parity report and step timings as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 the demo ran (its planted drift is expected and allowed) ·\n' +
        '21 the baseline was unfaithful · 20/23/31 a stage failed · 1 internal.',
    )
    .action(async (opts: DemoFlags) => {
      const reportDir = resolve(ctx.cwd, opts.reportDir ?? DEMO_REPORT_DIR);
      const result = await runDemo({
        reportDir,
        ...(opts.keep ? { keep: true } : {}),
        ...(opts.json ? {} : { onProgress: (line: string) => ctx.output.err(line) }),
      });
      const { report, reportPaths } = result.parity;
      if (opts.json) {
        ctx.output.json({
          ...report,
          reportPaths,
          demo: {
            steps: result.steps,
            durationMs: result.durationMs,
            drift: result.drift,
            keptDir: result.keptDir,
            consolidation: result.consolidation
              ? { baseline: result.consolidation.baseline?.fileName ?? null, archiveDir: result.consolidation.archiveDir, moves: result.consolidation.moves.length }
              : null,
            after: result.after,
          },
        });
      } else {
        ctx.output.out(
          [
            '',
            renderTerminal(report, { reportPaths, color: ctx.output.color }),
            '',
            'What happened: the baseline squashbase generated from live was applied to a fresh shadow database and',
            `matched live object for object (fidelity); replaying the ${report.migrations.files.length} historic migrations did not reproduce`,
            `the ${result.drift.length} changes made by hand on live, so they are reported as drift (only in live):`,
            ...result.drift.map((d) => `  - ${d.description}`),
            ...consolidationLines(result),
            '',
            `Demo finished in ${formatDuration(result.durationMs)}${result.keptDir ? `; project copy kept in ${result.keptDir}` : ''}.`,
            `Open ${reportPaths.find((p) => p.endsWith('.html')) ?? reportDir} in a browser for the auditor's view.`,
          ].join('\n'),
        );
      }
      ctx.exitCode = report.verdict.exitCode as ExitCode;
    });
};

function consolidationLines(result: DemoResult): string[] {
  const c = result.consolidation;
  const after = result.after;
  if (!c || !after) return [];
  return [
    '',
    `Then consolidate --apply: ${c.moves.length} historic files moved to ${after.archiveDir}`,
    `(manifest.json with sha256 hash chain, exported history rows, parity reports), and live's`,
    `supabase_migrations.schema_migrations now holds only the baseline ${after.remoteVersions.join(', ')};`,
    `supabase/migrations holds only ${after.localFiles.join(', ')}. \`squashbase rollback --archive … --apply\` would undo it.`,
  ];
}
