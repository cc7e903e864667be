/**
 * The lint rule catalogue: stable codes (never renumbered), names and default severities.
 * C0xx follow research/safety.md §5; O/D are squashbase's order and destructive rules; S0xxx
 * mirror Supabase splinter's numbering (lint."00NN_name"); L0xx police suppressions.
 */
import type { RuleInfo, Severity } from './types.js';

export const RULES: RuleInfo[] = [
  { code: 'C000', name: 'syntax-error', category: 'consolidation', severity: 'error', summary: 'A migration file does not parse as PostgreSQL.' },
  { code: 'C001', name: 'history-in-sync', category: 'consolidation', severity: 'error', summary: 'Live only: a remote history version without a local file, or a local file older than the newest remote version that never ran.' },
  { code: 'C002', name: 'pending-migration', category: 'consolidation', severity: 'warn', summary: 'Live only: local files newer than the newest applied version (not applied yet).' },
  { code: 'C003', name: 'history-identity', category: 'consolidation', severity: 'warn', summary: 'Live only: the recorded statements (or name) of a version differ from its file (edited after it ran).' },
  { code: 'C004', name: 'data-statement', category: 'consolidation', severity: 'warn', summary: 'INSERT/UPDATE/DELETE/COPY/MERGE, cron.schedule, vault.create_secret, set_config, bucket rows: data a schema baseline does not carry.' },
  { code: 'C005', name: 'non-deterministic-data', category: 'consolidation', severity: 'info', summary: 'now()/random()/gen_random_uuid() in a data statement: replaying gives different rows.' },
  { code: 'C006', name: 'psql-meta-command', category: 'consolidation', severity: 'warn', summary: 'A line starting with a backslash (\\restrict, \\connect, …): not SQL; `supabase db push` sends it to the server.' },
  { code: 'C007', name: 'encoding', category: 'consolidation', severity: 'error', summary: 'Invalid UTF-8 or NUL bytes (error); BOM, mixed CRLF/LF, bidi or zero-width characters (warn).' },
  { code: 'C008', name: 'transaction-control', category: 'consolidation', severity: 'warn', summary: 'BEGIN/COMMIT/ROLLBACK/SAVEPOINT or a CONCURRENTLY/non-transactional statement inside a migration file.' },
  { code: 'C009', name: 'role-switch', category: 'consolidation', severity: 'warn', summary: 'SET ROLE, RESET ROLE, SET SESSION AUTHORIZATION (cli#6236: breaks the history insert).' },
  { code: 'C011', name: 'invalid-index', category: 'consolidation', severity: 'warn', summary: 'Live only: an index with indisvalid = false (a failed CREATE INDEX CONCURRENTLY); the baseline would create it valid, or fail on duplicates.' },
  { code: 'C012', name: 'history-table-shape', category: 'consolidation', severity: 'warn', summary: 'Live only: the history table is missing, of an older shape, or has columns the CLI insert cannot fill.' },
  { code: 'C014', name: 'public-schema-change', category: 'consolidation', severity: 'warn', summary: 'GRANT/REVOKE or COMMENT ON SCHEMA public: the public schema exists everywhere, so the baseline does not carry changes made to the schema itself.' },
  { code: 'C013', name: 'version', category: 'consolidation', severity: 'error', summary: 'Duplicate versions (error); names the CLI skips, mixed version lengths, non-timestamp versions (warn).' },
  { code: 'C015', name: 'committed-secret', category: 'consolidation', severity: 'error', summary: 'A foreign server, user mapping or foreign table option holds a literal secret (api_key, password, token) in a migration file.' },
  { code: 'O001', name: 'function-used-before-created', category: 'order', severity: 'error', summary: 'A statement calls a function that a later migration creates.' },
  { code: 'O002', name: 'unused-trigger-function', category: 'order', severity: 'warn', summary: 'A trigger function no migration attaches to a trigger (handle_new_user without its auth.users trigger).' },
  { code: 'D001', name: 'drop-table', category: 'destructive', severity: 'warn', summary: 'DROP TABLE.' },
  { code: 'D002', name: 'drop-column', category: 'destructive', severity: 'warn', summary: 'ALTER TABLE … DROP COLUMN.' },
  { code: 'D003', name: 'alter-column-type', category: 'destructive', severity: 'warn', summary: 'ALTER COLUMN … TYPE (rewrites, may lose precision).' },
  { code: 'D004', name: 'truncate', category: 'destructive', severity: 'warn', summary: 'TRUNCATE.' },
  { code: 'D005', name: 'unbounded-dml', category: 'destructive', severity: 'warn', summary: 'DELETE or UPDATE without WHERE.' },
  { code: 'S0001', name: 'unindexed_foreign_keys', category: 'security', severity: 'info', summary: 'Foreign key columns not covered by an index.' },
  { code: 'S0002', name: 'auth_users_exposed', category: 'security', severity: 'error', summary: 'A view in an API schema exposes auth.users to anon/authenticated.' },
  { code: 'S0007', name: 'policy_exists_rls_disabled', category: 'security', severity: 'error', summary: 'A table has RLS policies but row level security is disabled.' },
  { code: 'S0010', name: 'security_definer_view', category: 'security', severity: 'error', summary: 'A view in an API schema runs with its owner\'s rights (no security_invoker).' },
  { code: 'S0011', name: 'function_search_path_mutable', category: 'security', severity: 'warn', summary: 'A function without a fixed search_path.' },
  { code: 'S0013', name: 'rls_disabled_in_public', category: 'security', severity: 'error', summary: 'A table in an API schema without row level security.' },
  { code: 'L001', name: 'suppression-missing-reason', category: 'lint', severity: 'error', summary: 'A suppression without a reason (it suppresses nothing).' },
  { code: 'L002', name: 'unused-suppression', category: 'lint', severity: 'error', summary: 'A suppression that matched no finding.' },
  { code: 'L003', name: 'invalid-lint-config', category: 'lint', severity: 'error', summary: 'squashbase.lint.json is unreadable or names an unknown rule.' },
];

export const RULE_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

/** Severity for a D-rule verdict: risky blocks unless acknowledged, needs-review warns, safe informs. */
export function severityFor(classification: 'safe' | 'risky' | 'needs-review'): Severity {
  return classification === 'risky' ? 'error' : classification === 'needs-review' ? 'warn' : 'info';
}
