import { resolve } from 'node:path';
import type { CommandDefinition } from '../context.js';
import { resolveTarget } from '../../db/connection.js';
import { runConsolidate } from '../../consolidate/run-consolidate.js';
import { renderConsolidate } from '../../consolidate/render.js';
import { shadowFlags } from '../shadow-flags.js';
import { EXIT } from '../../exit-codes.js';

interface ConsolidateFlags {
  dbUrl?: string;
  workdir?: string;
  archiveDir?: string;
  apply?: boolean;
  yes?: boolean;
  resume?: boolean;
  allowDirty?: boolean;
  allowUnsynced?: boolean;
  allowVersionMismatch?: boolean;
  allowDrift?: boolean;
  allowUnmodelled?: boolean;
  createHistoryTable?: boolean;
  upgradeHistoryTable?: boolean;
  shadow?: string;
  shadowUrl?: string;
  pristineUrl?: string;
  platformDelta?: boolean;
  acceptPlatformDelta?: boolean;
  json?: boolean;
}

export const consolidateCommand: CommandDefinition = (program, ctx) => {
  program
    .command('consolidate')
    .description(
      'Consolidate the migration history into one verified baseline: preflight → backup (history rows, ' +
        'live snapshot) → inspect → baseline → parity gate → archive the old files → record the baseline in ' +
        'supabase_migrations.schema_migrations (the only production write, one transaction). ' +
        'Without --apply: a dry run that prints the plan, the files, the new file and the exact SQL.',
    )
    .option('--db-url <url>', 'live database (else SUPABASE_DB_URL, else DATABASE_URL)')
    .option('--workdir <dir>', 'project root holding supabase/migrations (default: current directory)')
    .option('--archive-dir <dir>', 'archive root, relative to the workdir (default: migrations_archive)')
    .option('--apply', 'make the changes (archive files, record the baseline); asks for confirmation')
    .option('--yes', 'confirm without asking (required without a terminal)')
    .option('--resume', 'complete an interrupted consolidation from its journal')
    .option('--allow-dirty', 'proceed with uncommitted changes in supabase/migrations or without git (recorded)')
    .option('--allow-unsynced', 'proceed when local files and remote history differ (recorded)')
    .option('--allow-version-mismatch', 'allow a shadow of another Postgres major (recorded)')
    .option('--allow-drift', 'proceed when live differs from the replayed history (recorded); never for an unfaithful baseline')
    .option('--allow-unmodelled', 'record the baseline although live has objects squashbase does not model (each named in the manifest)')
    .option('--create-history-table', "create supabase_migrations.schema_migrations with the Supabase CLI's DDL if it is missing")
    .option('--upgrade-history-table', "add the CLI's missing columns (statements, name) to an older history table")
    .option('--pristine-url <url>', "a fresh project on live's platform release: the pristine platform for the platform delta (only read)")
    .option('--no-platform-delta', "the baseline leaves out the project's changes to Supabase-managed schemas (recorded)")
    .option('--accept-platform-delta', 'record a baseline whose platform changes cannot all be carried safely (each named in the manifest)')
    .option('--shadow <provider>', 'shadow provider: embedded (default, no Docker) or docker')
    .option('--shadow-url <url>', 'use an existing server as the shadow (temporary databases with a fixed prefix)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 done (or dry run) · 10 refused (dirty, unsynced, preflight, …) · 12 locked · 13 history changed ·\n' +
        '20 replay failed · 21 baseline unfaithful · 22 drift · 23 baseline failed · 40 interrupted run exists · 41 not confirmed.\n' +
        'See docs/commands/consolidate.md.',
    )
    .action(async (opts: ConsolidateFlags) => {
      const target = resolveTarget(opts.dbUrl, ctx.env);
      const workdir = resolve(ctx.cwd, opts.workdir ?? '.');
      const shadow = shadowFlags(opts);
      const result = await runConsolidate({
        target,
        workdir,
        ...(opts.archiveDir ? { archiveRoot: opts.archiveDir } : {}),
        apply: Boolean(opts.apply || opts.resume),
        resume: Boolean(opts.resume),
        allowDirty: Boolean(opts.allowDirty),
        allowUnsynced: Boolean(opts.allowUnsynced),
        allowVersionMismatch: Boolean(opts.allowVersionMismatch),
        allowDrift: Boolean(opts.allowDrift),
        allowUnmodelled: Boolean(opts.allowUnmodelled),
        createHistoryTable: Boolean(opts.createHistoryTable),
        upgradeHistoryTable: Boolean(opts.upgradeHistoryTable),
        shadow: { provider: shadow.provider, ...(shadow.url ? { url: shadow.url } : {}), ...(shadow.pristine ? { pristine: shadow.pristine } : {}) },
        platformDelta: opts.platformDelta !== false,
        acceptPlatformDelta: Boolean(opts.acceptPlatformDelta),
        env: ctx.env,
        ...(opts.json ? {} : { onProgress: (m: string) => ctx.output.err(`· ${m}`) }),
        ...(opts.yes
          ? {}
          : {
              confirm: (s) =>
                ctx.confirm(
                  `Consolidate ${s.files} migration file(s) into ${s.baselineFileName} and rewrite ${s.replacedVersions.length} history row(s) on\n  ${s.target}\n(files archived to ${s.archiveDir}/)?`,
                ),
            }),
      });
      if (opts.json) ctx.output.json(result);
      else ctx.output.out(renderConsolidate(result));
      ctx.exitCode = EXIT.OK;
    });
};
