import path from 'node:path';
import type { CommandDefinition } from '../context.js';
import { resolveTarget } from '../../db/connection.js';
import { SquashbaseError } from '../../errors.js';
import { compareDataChecks, loadDataCheck, runCheckData, saveDataCheck, DEFAULT_ROW_CAP, type DataCheck, type DataComparison } from '../../safety/check-data.js';
import { qualified } from '../../sql/ident.js';
import { EXIT } from '../../exit-codes.js';

export function renderDataCheck(c: DataCheck): string {
  const s = c.summary;
  const lines = [`Data check of ${c.target} (PostgreSQL ${c.serverVersion}) at ${c.takenAt}`, ''];
  lines.push(`  ${s.tables} user tables, ${s.rows} rows`);
  for (const r of c.rowCounts) lines.push(`    ${qualified(r.schema, r.table).padEnd(48)} ${String(r.rows).padStart(12)}`);
  lines.push('', `  Foreign keys: ${c.foreignKeys.length} checked, ${s.fkViolated} with orphaned rows (${s.orphanRows} rows)`);
  for (const f of c.foreignKeys.filter((x) => x.orphans > 0)) {
    lines.push(
      `    ORPHANS ${qualified(f.schema, f.table)} ${f.constraint}${f.validated ? '' : ' (NOT VALID)'}: ${f.orphans} row(s) whose (${f.columns.join(', ')}) has no match in ${qualified(f.refSchema, f.refTable)}; e.g. ${JSON.stringify(f.sample[0] ?? {})}`,
    );
  }
  lines.push('', `  Unique keys: ${c.uniqueKeys.length} checked, ${s.uniqueViolated} with duplicates (${s.duplicateGroups} groups), ${s.uniqueSkipped} skipped (row cap ${c.rowCap})`);
  for (const u of c.uniqueKeys.filter((x) => x.duplicateGroups > 0)) {
    lines.push(`    DUPLICATES ${qualified(u.schema, u.table)} ${u.index} (${u.kind}${u.valid ? '' : ', INVALID index'}): ${u.duplicateGroups} duplicated key(s) on (${u.keys.join(', ')}); e.g. ${JSON.stringify(u.sample[0] ?? {})}`);
  }
  for (const u of c.uniqueKeys.filter((x) => x.skipped)) lines.push(`    skipped ${qualified(u.schema, u.table)} ${u.index}: ${u.skipped}`);
  return lines.join('\n');
}

export function renderComparison(c: DataComparison): string {
  const lines = [`Compared ${c.before.takenAt} → ${c.after.takenAt}`];
  if (!c.changed) {
    lines.push('No change: every row count, orphan count and duplicate count is the same.');
    return lines.join('\n');
  }
  lines.push(`${c.changes.length} change(s):`);
  for (const x of c.changes) lines.push(`  ${x.what.padEnd(10)} ${x.subject}: ${x.before ?? 'absent'} → ${x.after ?? 'absent'}`);
  return lines.join('\n');
}

export const checkDataCommand: CommandDefinition = (program, ctx) => {
  program
    .command('check-data')
    .description(
      'Record and compare the data consolidation must not change, in one read-only transaction: exact row counts per user table, rows that break a foreign key (NOT VALID constraints, disabled triggers), and duplicate keys under unique indexes (e.g. an invalid index left by a failed CREATE UNIQUE INDEX CONCURRENTLY).',
    )
    .option('--db-url <url>', 'database URL (else SUPABASE_DB_URL, DATABASE_URL)')
    .option('--save <file>', 'write the check to a JSON file')
    .option('--compare <file>', 'compare with a saved check; exit 50 when anything changed')
    .option('--row-cap <n>', `skip the duplicate scan on tables with more rows (default ${DEFAULT_ROW_CAP})`)
    .option('--fail-on-problems', 'exit 50 when orphaned rows or duplicates exist (default: report only)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit codes: 0 ok · 50 --compare found a change (or --fail-on-problems found orphans/duplicates) · 2 usage.')
    .action(async (opts: { dbUrl?: string; save?: string; compare?: string; rowCap?: string; failOnProblems?: boolean; json?: boolean }) => {
      if (opts.save && opts.compare) throw new SquashbaseError('USAGE', 'Pass either --save or --compare, not both.');
      const rowCap = opts.rowCap === undefined ? undefined : Number(opts.rowCap);
      if (rowCap !== undefined && !(Number.isInteger(rowCap) && rowCap >= 0)) throw new SquashbaseError('USAGE', '--row-cap must be a whole number.');
      const before = opts.compare ? await loadDataCheck(path.resolve(ctx.cwd, opts.compare)) : undefined;
      const target = resolveTarget(opts.dbUrl, ctx.env);
      const check = await runCheckData({ target, ...(rowCap !== undefined ? { rowCap } : {}) });
      if (opts.save) await saveDataCheck(check, path.resolve(ctx.cwd, opts.save));
      const problems = check.summary.orphanRows > 0 || check.summary.duplicateGroups > 0;
      if (before) {
        const cmp = compareDataChecks(before, check);
        if (opts.json) ctx.output.json({ comparison: cmp, check });
        else ctx.output.out(renderDataCheck(check) + '\n\n' + renderComparison(cmp));
        ctx.exitCode = cmp.changed ? EXIT.CHECK_FAILED : EXIT.OK;
        return;
      }
      if (opts.json) ctx.output.json(check);
      else ctx.output.out(renderDataCheck(check) + (opts.save ? `\n\nSaved to ${opts.save}.` : ''));
      ctx.exitCode = problems && opts.failOnProblems ? EXIT.CHECK_FAILED : EXIT.OK;
    });
};
