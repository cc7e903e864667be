import { relative, resolve } from 'node:path';
import type { CommandDefinition } from '../context.js';
import { resolveTarget } from '../../db/connection.js';
import { runBaseline } from '../../baseline/run-baseline.js';
import { EXIT } from '../../exit-codes.js';
import { shadowFlags } from '../shadow-flags.js';
import type { DeltaItem } from '../../platform-delta/delta-types.js';

/** "changed function:"storage"."extension"(text) (made by the migrations)" */
function deltaLine(i: DeltaItem): string {
  return `${i.change} ${i.id} (${i.origin === 'history' ? 'made by the migrations' : 'made on live outside the migrations'})`;
}

interface BaselineFlags {
  dbUrl?: string;
  workdir?: string;
  out?: string;
  version?: string;
  name?: string;
  includeData?: string;
  /** commander's --no-config-data: false when given. */
  configData?: boolean;
  requireSecrets?: boolean;
  platformDelta?: boolean;
  pristineUrl?: string;
  shadow?: string;
  shadowUrl?: string;
  stdout?: boolean;
  json?: boolean;
}

export const baselineCommand: CommandDefinition = (program, ctx) => {
  program
    .command('baseline')
    .summary('generate one consolidated, dependency-ordered baseline migration from the live schema')
    .description(
      'Generate one consolidated baseline migration that builds the live schema. The live database is ' +
        'introspected read-only and supabase/migrations/<version>_<name>.sql is written in dependency order: ' +
        'schemas and extensions, pinned default privileges, types, functions, sequences, tables, constraints, ' +
        'indexes, views, triggers and policies; then user attachments to platform objects (auth.users triggers, ' +
        'storage/realtime policies, supabase_realtime tables); then per-object privileges. A guard at the top ' +
        'refuses to run on an environment that is behind the squash. The command never changes the database; ' +
        'writing the new file is its only effect.',
    )
    .option('--db-url <url>', 'live database (else SUPABASE_DB_URL, else DATABASE_URL)')
    .option('--workdir <dir>', 'project root holding supabase/migrations', '.')
    .option('--out <file>', 'write the baseline here instead of supabase/migrations/<version>_<name>.sql')
    .option('--version <version>', 'migration version (digits; default: now in UTC, after every existing version)')
    .option('--name <name>', 'file name part after the version', 'baseline')
    .option('--include-data <tables>', 'carry the rows of these tables, e.g. storage.buckets,cron.job,public.countries')
    .option('--no-config-data', 'leave out the configuration rows (storage buckets, cron jobs, pgmq queues, vault secret names)')
    .option('--require-secrets', 'the baseline fails at its end while a vault secret still holds its placeholder')
    .option('--no-platform-delta', "leave out the project's changes to Supabase-managed schemas (each is named in a warning)")
    .option('--pristine-url <url>', "a fresh project on live's platform release, to measure the platform delta against (only read; default: the bundled model)")
    .option('--shadow <provider>', 'shadow for measuring the platform delta: embedded (default) or docker')
    .option('--shadow-url <url>', 'use an existing server as that shadow (temporary databases with a fixed prefix)')
    .option('--stdout', 'print the SQL to stdout instead of writing a file')
    .option('--json', 'print the plan (path, counts, warnings) as JSON')
    .addHelpText(
      'after',
      '\nThe file layout, privilege strategy and guard are described in docs/commands/baseline.md.\n' +
        'The same live schema always gives the same bytes (only the run id and timestamp in the header differ).\n' +
        'Exit codes: 0 ok · 2 usage / missing URL · 3 connection failed · 10 file exists · 23 generation failed · 30 introspection failed.',
    )
    .action(async (opts: BaselineFlags) => {
      const target = resolveTarget(opts.dbUrl, ctx.env);
      const workdir = resolve(ctx.cwd, opts.workdir ?? '.');
      const quiet = Boolean(opts.json || opts.stdout);
      const r = await runBaseline({
        target,
        workdir,
        ...(opts.out ? { out: resolve(ctx.cwd, opts.out) } : {}),
        ...(opts.version ? { version: opts.version } : {}),
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.includeData ? { includeData: opts.includeData } : {}),
        ...(opts.configData === false ? { configData: false } : {}),
        ...(opts.requireSecrets ? { requireSecrets: true } : {}),
        platformDelta: opts.platformDelta !== false,
        shadow: shadowFlags(opts),
        write: !opts.stdout,
        onProgress: (m) => {
          if (!quiet) ctx.output.err(m);
        },
      });
      const b = r.baseline;
      const warnings = [...r.migrationWarnings, ...b.warnings];
      // Under --json stdout is one JSON document: with --stdout the SQL travels inside it.
      if (opts.json) {
        ctx.output.json({
          ...(opts.stdout ? { sql: b.sql } : {}),
          ok: true,
          path: r.path,
          written: r.written,
          fileName: b.fileName,
          version: b.version,
          name: b.name,
          fingerprint: b.fingerprint,
          consolidates: r.consolidates,
          counts: b.counts,
          sections: b.sections,
          data: r.data,
          secrets: b.secrets,
          platformDelta: { carried: b.platformDelta.carried.map(deltaLine), leftOut: b.platformDelta.leftOut.map(deltaLine) },
          warnings,
          bytes: Buffer.byteLength(b.sql),
        });
      } else if (opts.stdout) {
        ctx.output.out(b.sql);
        for (const w of warnings) ctx.output.err(`warning: ${w}`);
      } else {
        const shown = relative(ctx.cwd, r.path) || r.path;
        const lines = [
          `Baseline ${b.fileName} (${Buffer.byteLength(b.sql)} bytes, snapshot sha256:${b.fingerprint.slice(0, 12)}…)`,
          `Consolidates ${r.consolidates.length} migration(s)${r.consolidates.length ? `: ${r.consolidates[0]} … ${r.consolidates[r.consolidates.length - 1]}` : ''}`,
          '',
          'Objects:',
          ...b.counts.map((c) => `  ${c.label.padEnd(20)} ${c.count}`),
          '',
          'Sections:',
          ...b.sections.map((s) => `  ${s.title.padEnd(34)} ${s.statements} step(s)`),
        ];
        if (b.platformDelta.carried.length) lines.push('', 'Platform changes carried:', ...b.platformDelta.carried.map((i) => `  ${deltaLine(i)}`));
        if (r.data.length) lines.push('', 'Data carried:', ...r.data.map((d) => `  ${d.table}: ${d.rows} row(s)`));
        if (b.secrets.length) {
          lines.push('', 'Vault secrets a new environment must provide (created with a placeholder; set with vault.update_secret):');
          lines.push(...b.secrets.map((s) => `  ${s.name}${s.description ? ` — ${s.description}` : ''}`));
        }
        if (warnings.length) lines.push('', 'Warnings:', ...warnings.map((w) => `  - ${w}`));
        lines.push('', `Wrote ${shown}`);
        lines.push('Next: review it, then prove it with `squashbase parity` (or `squashbase consolidate`).');
        ctx.output.out(lines.join('\n'));
      }
      ctx.exitCode = EXIT.OK;
    });
};
