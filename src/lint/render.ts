/** Text rendering of lint results, grouped by file (live findings last). */
import type { LintResult } from './lint.js';
import type { RuleInfo } from './types.js';
import { terminalSafe } from '../util/terminal-safe.js';

const SEV = { error: 'error', warn: 'warn ', info: 'info ' } as const;

/** Object names, file names and messages come from the database and the files: escaped for the terminal. */
export function renderLint(r: LintResult): string {
  const lines: string[] = [];
  const groups = new Map<string, typeof r.findings>();
  for (const f of r.findings) {
    const key = f.file ?? (f.object !== undefined ? `live database ${r.live ?? ''}`.trim() : 'migrations folder');
    // Push in place: re-spreading the group per finding was quadratic (38k findings in one file).
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  for (const [group, list] of groups) {
    lines.push(group);
    for (const f of list) {
      const pos = f.line !== null ? `${f.line}:${f.column ?? 1}` : f.object ?? '';
      const tag = f.suppressed ? 'suppressed' : SEV[f.severity];
      lines.push(`  ${pos.padEnd(8)} ${tag} ${f.rule} ${f.name}: ${f.message}`);
      if (f.suppressed) lines.push(`  ${' '.repeat(8)} reason: ${f.suppressed.reason}`);
      else lines.push(`  ${' '.repeat(8)} hint: ${f.hint}`);
    }
    lines.push('');
  }
  const s = r.summary;
  lines.push(
    `${r.files} file(s), ${r.statements} statement(s)${r.live ? `, live ${r.live}` : ''}: ${s.error} error(s), ${s.warn} warning(s), ${s.info} info, ${s.suppressed} suppressed.` +
      (r.ok ? '' : ' Errors must be fixed or suppressed with a reason.'),
  );
  return terminalSafe(lines.join('\n'));
}

export function renderRules(rules: RuleInfo[]): string {
  return rules.map((r) => `${r.code.padEnd(6)} ${r.severity.padEnd(5)} ${r.name.padEnd(32)} ${r.summary}`).join('\n');
}
