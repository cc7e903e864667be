import type { ConsolidateResult } from './run-consolidate.js';
import type { RollbackResult } from './rollback.js';

/** Human-readable consolidate output (dry run or applied). */
export function renderConsolidate(r: ConsolidateResult, opts: { showSql?: boolean; fullSql?: boolean } = {}): string {
  const L: string[] = [];
  const head = r.mode === 'dry-run' ? 'DRY RUN — nothing was changed.' : r.resumed ? 'Consolidation resumed and completed.' : 'Consolidation completed.';
  L.push(head, '', `Target:      ${r.target}`, `Baseline:    ${r.plan.baseline.fileName}${r.baseline ? ` (${r.baseline.statements} statements, sha256 ${r.baseline.sha256.slice(0, 16)}…)` : ''}`);
  L.push(`Archive:     ${r.archiveDir}/`);
  if (r.plan.kept.length) L.push(`Kept:        ${r.plan.kept.join(', ')} (not in the remote history; left pending)`);
  if (r.plan.overrides.length) {
    L.push('', 'Overrides (recorded in the manifest):');
    for (const o of r.plan.overrides) L.push(`  ${o.flag}: ${o.reason}`);
  }
  if (r.preflight.length) {
    L.push('', 'Preflight:');
    for (const c of r.preflight) L.push(`  ${c.status.padEnd(4)} ${c.id}: ${c.message}`);
  }
  if (r.parity) L.push('', `Parity: ${r.parity.verdict} — ${r.parity.summary}`);
  L.push('', `${r.mode === 'dry-run' ? 'Would move' : 'Moved'} ${r.moves.length} file(s):`);
  for (const m of r.moves) L.push(`  ${m.from} → ${m.to}`);
  L.push('', `${r.mode === 'dry-run' ? 'Would write' : 'Wrote'} the new file: supabase/migrations/${r.plan.baseline.fileName}`);
  L.push(`${r.mode === 'dry-run' ? 'Would replace' : 'Replaced'} ${r.plan.replacedVersions.length} row(s) of supabase_migrations.schema_migrations with the baseline row.`);
  for (const n of r.recordNotes) L.push(`  note: ${n}`);
  if (r.recordSql && (opts.showSql ?? r.mode === 'dry-run')) {
    L.push('', r.mode === 'dry-run' ? 'The exact SQL it would run on production (the only write):' : 'SQL run on production:', '');
    L.push((opts.fullSql ? r.recordSql : r.recordSqlSummary).trimEnd());
  }
  if (r.record) L.push('', `Record: ${String(r.record['status'])}`);
  if (r.dataCheck && 'unchanged' in r.dataCheck) {
    L.push(
      r.dataCheck.unchanged
        ? `Data: unchanged by the run (row counts, orphaned rows, duplicates; ${r.dataCheck.file} in the archive)`
        : `Data: ${r.dataCheck.changes} difference(s) before vs after — see ${r.dataCheck.file} and the warning below`,
    );
  }
  for (const w of r.warnings) L.push(`warning: ${w}`);
  if (Object.keys(r.timings).length) {
    L.push('', 'Timings: ' + Object.entries(r.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`).join(', '));
  }
  if (r.mode === 'dry-run') L.push('', 'Run again with --apply to do it.');
  else L.push('', `Undo with: squashbase rollback --archive ${r.archiveDir} --apply`);
  return L.join('\n');
}

export function renderRollback(r: RollbackResult): string {
  const L: string[] = [r.mode === 'plan' ? 'ROLLBACK PLAN — nothing was changed (add --apply).' : 'Rollback completed.', '', `Archive: ${r.archiveDir}`];
  if (r.runId) L.push(`Run:     ${r.runId}${r.journalStatus ? ` (journal: ${r.journalStatus})` : ''}`);
  L.push('');
  for (const a of r.actions) L.push(`  - ${a}`);
  if (r.files.length) {
    L.push('', 'Files:');
    for (const f of r.files) L.push(`  ${f.state.padEnd(8)} ${f.to}`);
  }
  if (r.baselineFile) L.push(`  ${r.baselineFile.state.padEnd(8)} ${r.baselineFile.path} (baseline)`);
  const hs = r.mode === 'applied' && r.history.state === 'consolidated' ? 'restored' : r.history.state;
  L.push('', `History: ${hs}; remote versions ${r.mode === 'applied' ? 'after' : 'now'}: ${r.history.versionsNow.join(', ') || '(none)'}`);
  if (r.history.sql && r.mode === 'plan') L.push('', 'The exact SQL it would run on the database:', '', r.history.sql.trimEnd());
  return L.join('\n');
}
