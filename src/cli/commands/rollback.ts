import { resolve } from 'node:path';
import type { CommandDefinition } from '../context.js';
import { resolveTarget, type ConnectionTarget } from '../../db/connection.js';
import { isSquashbaseError } from '../../errors.js';
import { runRollback } from '../../consolidate/rollback.js';
import { renderRollback } from '../../consolidate/render.js';
import { EXIT } from '../../exit-codes.js';

export const rollbackCommand: CommandDefinition = (program, ctx) => {
  program
    .command('rollback')
    .description(
      'Undo a consolidation (finished or interrupted): restore the exported schema_migrations rows in one ' +
        'transaction (only if the history is exactly what consolidate left), put the archived files back ' +
        'byte-for-byte and remove the baseline file. Without --apply it prints the plan and changes nothing.',
    )
    .requiredOption('--archive <dir>', 'the archive directory consolidate created, e.g. migrations_archive/<version>')
    .option('--db-url <url>', 'the database consolidate ran against (else SUPABASE_DB_URL, else DATABASE_URL)')
    .option('--workdir <dir>', 'project root (default: the one recorded in the journal)')
    .option('--apply', 'make the changes (restore history rows on the database, move files back); asks for confirmation')
    .option('--yes', 'confirm without asking (required without a terminal)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit codes: 0 done (or plan) · 10 refused (files modified, archive damaged) · 12 locked · 13 history changed · 41 not confirmed.\nSee docs/commands/rollback.md.')
    .action(async (opts: { archive: string; dbUrl?: string; workdir?: string; apply?: boolean; yes?: boolean; json?: boolean }) => {
      let target: ConnectionTarget | undefined;
      try {
        target = resolveTarget(opts.dbUrl, ctx.env);
      } catch (err) {
        if (!isSquashbaseError(err, 'DB_URL_MISSING')) throw err;
      }
      const result = await runRollback({
        archiveDir: resolve(ctx.cwd, opts.archive),
        ...(opts.workdir ? { workdir: resolve(ctx.cwd, opts.workdir) } : {}),
        ...(target ? { target } : {}),
        apply: Boolean(opts.apply),
        ...(opts.yes
          ? {}
          : {
              confirm: (s) =>
                ctx.confirm(
                  `Roll back: restore ${s.historyRows} history row(s) on\n  ${s.target}\nput back ${s.files} file(s)` +
                    `${s.baselineFile ? ` and remove ${s.baselineFile}` : ''}?`,
                ),
            }),
      });
      if (opts.json) ctx.output.json(result);
      else ctx.output.out(renderRollback(result));
      ctx.exitCode = EXIT.OK;
    });
};
