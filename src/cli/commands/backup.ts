import type { CommandDefinition } from '../context.js';
import { resolveTarget } from '../../db/connection.js';
import { runBackup, type BackupResult } from '../../safety/backup.js';
import { verifyBackup, type BackupVerification } from '../../safety/backup-verify.js';
import { EXIT } from '../../exit-codes.js';

function renderVerification(v: BackupVerification): string[] {
  const mark = { pass: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;
  return v.checks.map((c) => `  ${mark[c.status]} ${c.message}`);
}

function renderBackup(r: BackupResult): string {
  const m = r.manifest;
  const lines = [`Backup of ${m.target} (PostgreSQL ${m.server.version}) in ${r.dir}`, ''];
  for (const f of m.files) lines.push(`  ${f.name.padEnd(14)} ${String(f.bytes).padStart(12)} bytes  sha256 ${f.sha256.slice(0, 16)}…`);
  const rows = m.rowCounts.reduce((a, t) => a + t.rows, 0);
  lines.push('', `  ${m.rowCounts.length} tables, ${rows} rows; ${m.history.rows} history rows; pg_dump ${m.pgDump?.version ?? 'not used'}`);
  for (const w of m.warnings) lines.push(`  warning: ${w}`);
  lines.push('', `Verification: ${r.verification.ok ? 'passed' : 'FAILED'}`, ...renderVerification(r.verification));
  lines.push('', `Took ${(r.durationMs / 1000).toFixed(1)} s.`);
  return lines.join('\n');
}

export const backupCommand: CommandDefinition = (program, ctx) => {
  program
    .command('backup')
    .description(
      'Back up the database before consolidating: pg_dump full (custom format), schema-only and data-only dumps, the squashbase snapshot and every supabase_migrations row, with a sha256 manifest, then verify it. Read-only on the database. Needs pg_dump of at least the server\'s major version.',
    )
    .option('--db-url <url>', 'database URL (else SUPABASE_DB_URL, DATABASE_URL)')
    .option('--out <dir>', 'output directory (new or empty; default ./squashbase-backups/<UTC time>)')
    .option('--exclude-schema <name...>', 'leave a schema out of the dumps (e.g. one the role cannot read)')
    .option('--allow-no-dump', 'without a fitting pg_dump, save only the snapshot and history rows (warns)')
    .option('--verify <dir>', 'only verify an existing backup directory (add --db-url to re-count rows)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit codes: 0 backup verified · 50 verification failed · 10 no fitting pg_dump / directory not empty · 3 connection.')
    .action(async (opts: { dbUrl?: string; out?: string; excludeSchema?: string[]; allowNoDump?: boolean; verify?: string; json?: boolean }) => {
      if (opts.verify) {
        const target = opts.dbUrl ? resolveTarget(opts.dbUrl, ctx.env) : undefined;
        const v = await verifyBackup(opts.verify, { ...(target ? { target } : {}), env: ctx.env });
        if (opts.json) ctx.output.json(v);
        else ctx.output.out([`Verification of ${v.dir}: ${v.ok ? 'passed' : 'FAILED'}`, ...renderVerification(v)].join('\n'));
        ctx.exitCode = v.ok ? EXIT.OK : EXIT.CHECK_FAILED;
        return;
      }
      const target = resolveTarget(opts.dbUrl, ctx.env);
      const result = await runBackup({
        target,
        cwd: ctx.cwd,
        env: ctx.env,
        dumps: opts.allowNoDump ? 'optional' : 'required',
        ...(opts.out ? { outDir: opts.out } : {}),
        ...(opts.excludeSchema ? { excludeSchemas: opts.excludeSchema } : {}),
        onProgress: opts.json ? undefined : (m) => ctx.output.err(`… ${m}`),
      });
      if (opts.json) ctx.output.json({ ok: result.verification.ok, dir: result.dir, manifest: result.manifest, verification: result.verification, durationMs: result.durationMs });
      else ctx.output.out(renderBackup(result));
      ctx.exitCode = result.verification.ok ? EXIT.OK : EXIT.CHECK_FAILED;
    });
};
