import type { CommandDefinition } from '../context.js';
import { resolveTarget } from '../../db/connection.js';
import { runPreflight, type PreflightResult } from '../../safety/preflight.js';
import { EXIT } from '../../exit-codes.js';
import path from 'node:path';

const MARK = { pass: 'pass', warn: 'WARN', fail: 'FAIL' } as const;

export function renderPreflight(r: PreflightResult): string {
  const lines = [`Preflight for ${r.target} (workdir ${r.workdir})`, ''];
  for (const c of r.checks) {
    lines.push(`  ${MARK[c.status]}  ${c.id.padEnd(19)} ${c.message}`);
    if (c.hint && c.status !== 'pass') lines.push(`        ${' '.repeat(19)} hint: ${c.hint}`);
  }
  const n = (s: string) => r.checks.filter((c) => c.status === s).length;
  lines.push('', `${n('pass')} passed, ${n('warn')} warning(s), ${n('fail')} failed.${r.ok ? '' : ' Fix the failures before consolidating.'}`);
  return lines.join('\n');
}

export const preflightCommand: CommandDefinition = (program, ctx) => {
  program
    .command('preflight')
    .description(
      'Check that a consolidation can run safely, without changing anything: connectivity and server version, read-only/replica state, privileges on supabase_migrations, transaction-mode pooler (port 6543), long-running transactions and locks on the history table, free disk for the archive, git state of supabase/.',
    )
    .option('--db-url <url>', 'database URL (else SUPABASE_DB_URL, DATABASE_URL)')
    .option('--workdir <dir>', 'project root holding supabase/migrations (default: current directory)')
    .option('--archive-dir <dir>', 'where the archive will be written (default: <workdir>/migrations_archive)')
    .option('--json', 'print the checks as JSON')
    .addHelpText(
      'after',
      '\nChecks: connectivity, writable, pooler, catalog-read, history-privileges, long-transactions, history-locks, disk-space, git-state.\n' +
        'Exit codes: 0 no check failed (warnings are printed) · 50 at least one check failed · 2 usage.',
    )
    .action(async (opts: { dbUrl?: string; workdir?: string; archiveDir?: string; json?: boolean }) => {
      const target = resolveTarget(opts.dbUrl, ctx.env);
      const workdir = path.resolve(ctx.cwd, opts.workdir ?? '.');
      const result = await runPreflight({ target, workdir, ...(opts.archiveDir ? { archiveDir: path.resolve(ctx.cwd, opts.archiveDir) } : {}) });
      if (opts.json) ctx.output.json(result);
      else ctx.output.out(renderPreflight(result));
      ctx.exitCode = result.ok ? EXIT.OK : EXIT.CHECK_FAILED;
    });
};
