import path from 'node:path';
import type { CommandDefinition } from '../context.js';
import { resolveTarget } from '../../db/connection.js';
import { lintRules, runLint } from '../../lint/lint.js';
import { renderLint, renderRules } from '../../lint/render.js';
import { EXIT } from '../../exit-codes.js';

export const lintCommand: CommandDefinition = (program, ctx) => {
  program
    .command('lint')
    .description(
      'Review the migration history before consolidating: data statements, psql meta-commands, encoding, transaction control, role switches, bad versions (C0xx); functions used before they exist and orphaned trigger functions (O0xx); destructive statements classified safe / risky / needs review (D0xx). With --db-url, Supabase security lints on the live database (S00xx, splinter numbering). Read-only.',
    )
    .option('--workdir <dir>', 'project root holding supabase/migrations (default: current directory)')
    .option('--migrations-dir <dir>', 'lint this folder instead of <workdir>/supabase/migrations')
    .option('--db-url <url>', 'also run the security lints on this database (never read from the environment)')
    .option('--config <file>', 'lint config with suppressions and severity overrides (default: <workdir>/squashbase.lint.json)')
    .option('--no-suppressions', 'ignore every suppression (show all findings)')
    .option('--rules', 'list the rule catalogue and exit')
    .option('--json', 'print findings as JSON (suppressed ones included, with their reason)')
    .addHelpText(
      'after',
      '\nSuppress with a reason, on the line before the statement:\n' +
        '  -- squashbase-ignore C004: bucket rows are recreated by seed.sql\n' +
        'or for a whole file: -- squashbase-ignore-file C007: reason; or in squashbase.lint.json\n' +
        '  {"ignore": [{"rule": "S0011", "object": "\\"public\\".\\"f\\"()", "reason": "…"}], "severity": {"S0001": "off"}}\n' +
        'A suppression without a reason (L001) or that matches nothing (L002) is an error.\n' +
        'Exit codes: 0 no unsuppressed error · 50 unsuppressed errors · 2 usage · 3 connection.',
    )
    .action(async (opts: { workdir?: string; migrationsDir?: string; dbUrl?: string; config?: string; suppressions?: boolean; rules?: boolean; json?: boolean }) => {
      if (opts.rules) {
        if (opts.json) ctx.output.json(lintRules());
        else ctx.output.out(renderRules(lintRules()));
        return;
      }
      const workdir = path.resolve(ctx.cwd, opts.workdir ?? '.');
      // Only an explicit --db-url turns on live lints: linting files must not silently hit production.
      const target = opts.dbUrl ? resolveTarget(opts.dbUrl, ctx.env) : undefined;
      const result = await runLint({
        workdir,
        ...(opts.migrationsDir ? { migrationsDir: path.resolve(ctx.cwd, opts.migrationsDir) } : {}),
        ...(target ? { target } : {}),
        ...(opts.config ? { configPath: opts.config } : {}),
        suppressions: opts.suppressions !== false,
      });
      if (opts.json) ctx.output.json(result);
      else ctx.output.out(renderLint(result));
      ctx.exitCode = result.ok ? EXIT.OK : EXIT.CHECK_FAILED;
    });
};
