/**
 * `squashbase lint`: consolidation hazards, order problems and destructive statements in the
 * migration history, plus (with a database) Supabase security lints on live. Returns plain
 * data; render.ts prints it. Read-only everywhere.
 */
import path from 'node:path';
import type { ConnectionTarget } from '../db/connection.js';
import { RULES } from './catalogue.js';
import { loadHistory } from './load.js';
import { assertLintable } from './history-folder.js';
import { migrationsDir as defaultMigrationsDir } from '../migrations/discover.js';
import { consolidationRules } from './rules/consolidation.js';
import { secretRules } from './rules/secrets.js';
import { destructiveRules } from './rules/destructive.js';
import { orderRules } from './rules/order.js';
import { securityLintsWith } from './security-lints.js';
import { enrichWithLiveTriggers } from './live-triggers.js';
import { historyLintsWith } from './history-lints.js';
import { withClient, withReadOnlySnapshot } from '../db/client.js';
import { VERSION } from '../version.js';
import { applySuppressions, inlineSuppressions, loadLintConfig } from './suppressions.js';
import type { Finding, RuleInfo, Severity } from './types.js';

export interface LintOptions {
  /** Project root holding supabase/migrations. */
  workdir: string;
  /** Explicit migrations folder (default <workdir>/supabase/migrations). */
  migrationsDir?: string;
  /** With a target, the security lints run on it. */
  target?: ConnectionTarget;
  /** Config file (default <workdir>/squashbase.lint.json when present). */
  configPath?: string;
  /** false skips inline and config suppressions entirely (findings stay unsuppressed). */
  suppressions?: boolean;
}

export interface LintResult {
  /** false when any unsuppressed error remains. */
  ok: boolean;
  workdir: string;
  migrationsDir: string;
  files: number;
  statements: number;
  live: string | null;
  config: string | null;
  summary: Record<Severity, number> & { suppressed: number };
  findings: Finding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warn: 1, info: 2 };

/** Stable order: history findings by file, line, column, rule; then live findings by rule, object. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    if ((a.file === null) !== (b.file === null)) return a.file === null ? 1 : -1;
    const fa = a.file ?? '';
    const fb = b.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    if ((a.line ?? 0) !== (b.line ?? 0)) return (a.line ?? 0) - (b.line ?? 0);
    if ((a.column ?? 0) !== (b.column ?? 0)) return (a.column ?? 0) - (b.column ?? 0);
    if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
    if ((a.object ?? '') !== (b.object ?? '')) return (a.object ?? '') < (b.object ?? '') ? -1 : 1;
    return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  });
}

/** Run every rule. */
export async function runLint(options: LintOptions): Promise<LintResult> {
  const workdir = path.resolve(options.workdir);
  await assertLintable(workdir, path.resolve(options.migrationsDir ?? defaultMigrationsDir(workdir)), options.migrationsDir !== undefined, options.target !== undefined);
  const history = await loadHistory(workdir, options.migrationsDir);
  const raw: Finding[] = [
    ...history.findings,
    ...consolidationRules(history.files),
    ...secretRules(history.files),
    ...orderRules(history.files),
    ...destructiveRules(history.files),
  ];
  if (options.target) {
    // Every live lint in one connection and one read-only snapshot.
    await withClient(
      options.target,
      (client) =>
        withReadOnlySnapshot(client, async (c) => {
          raw.push(...(await historyLintsWith(c, history.files)));
          raw.push(...(await securityLintsWith(c)));
          await enrichWithLiveTriggers(c, raw);
        }),
      { applicationName: `squashbase/${VERSION}/lint` },
    );
  }

  let findings = raw;
  let config: string | null = null;
  if (options.suppressions !== false) {
    const cfg = await loadLintConfig(workdir, options.configPath);
    config = cfg.path;
    const inline = history.files.flatMap((f) => inlineSuppressions(f));
    findings = [...applySuppressions(raw, [...inline, ...cfg.suppressions], cfg.severity), ...cfg.findings];
  }
  findings = sortFindings(findings);
  const active = findings.filter((f) => !f.suppressed);
  const summary = {
    error: active.filter((f) => f.severity === 'error').length,
    warn: active.filter((f) => f.severity === 'warn').length,
    info: active.filter((f) => f.severity === 'info').length,
    suppressed: findings.length - active.length,
  };
  return {
    ok: summary.error === 0,
    workdir,
    migrationsDir: history.dir,
    files: history.files.length,
    statements: history.files.reduce((a, f) => a + f.statements.length, 0),
    live: options.target?.display ?? null,
    config,
    summary,
    findings,
  };
}

/** The rule catalogue (for --rules and docs). */
export function lintRules(): RuleInfo[] {
  return RULES;
}
