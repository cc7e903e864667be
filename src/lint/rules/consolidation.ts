/**
 * Consolidation hazards in the history (research/safety.md C0xx): data a schema baseline does
 * not carry (C004/C005), transaction control and non-transactional statements (C008), role
 * switching (C009), changes to the public schema itself (C014). C000/C006/C007/C013 come from
 * the loader.
 */
import { funcName, rangeVar, relKey, walk, type Node } from '../ast.js';
import { finding } from '../finding.js';
import type { LintFile, LintStatement } from '../load.js';
import type { Finding } from '../types.js';

const at = (f: LintFile, s: LintStatement) => ({ file: f.fileName, line: s.line, column: s.column });

/** Functions whose call is a data change the baseline does not reproduce. */
const DATA_FUNCTIONS: Record<string, string> = {
  'cron.schedule': 'schedules a pg_cron job (a row in cron.job)',
  'cron.schedule_in_database': 'schedules a pg_cron job (a row in cron.job)',
  'cron.unschedule': 'removes a pg_cron job',
  'vault.create_secret': 'stores a Vault secret (a row in vault.secrets)',
  'vault.update_secret': 'changes a Vault secret',
  'set_config': 'changes a setting at run time',
  'net.http_post': 'sends an HTTP request (pg_net)',
  'net.http_get': 'sends an HTTP request (pg_net)',
  'pgmq.create': 'creates a pgmq queue',
  'pgmq.send': 'sends a pgmq message',
  'storage.create_bucket': 'creates a storage bucket',
};

const NON_DETERMINISTIC = /\b(now|random|gen_random_uuid|uuid_generate_v4|clock_timestamp|statement_timestamp|transaction_timestamp)\s*\(/i;

const DATA_HINT =
  'The baseline is built from the schema: rows a migration inserted (bucket rows, lookup rows, cron jobs, secrets) are not in it. ' +
  'Carry them into supabase/seed.sql or a data migration after the baseline, or suppress with the reason they are not needed.';

function firstStringArg(call: Node): string | undefined {
  const first = (call['args'] as unknown[] | undefined)?.[0] as { A_Const?: { sval?: { sval?: string } } } | undefined;
  return first?.A_Const?.sval?.sval;
}

function insertTargetNote(rel: { schema: string; name: string }): string {
  const key = relKey(rel);
  if (key === 'storage.buckets') return 'a storage bucket row';
  if (rel.schema === 'storage') return `rows in ${key}`;
  if (rel.schema === 'auth') return `rows in ${key} (auth data)`;
  if (key === 'cron.job') return 'a pg_cron job row';
  return `rows in ${key} (lookup/seed data?)`;
}

function dataStatement(f: LintFile, s: LintStatement, out: Finding[]): boolean {
  const n = s.node;
  if (!n) return false;
  let what: string | null = null;
  switch (s.kind) {
    case 'InsertStmt': {
      const rel = rangeVar(n['relation']);
      what = `INSERT adds ${rel ? insertTargetNote(rel) : 'rows'}`;
      break;
    }
    case 'UpdateStmt':
    case 'DeleteStmt':
      // Without WHERE these are D005; with WHERE they are data changes.
      if (n['whereClause']) {
        const rel = rangeVar(n['relation']);
        what = `${s.kind === 'UpdateStmt' ? 'UPDATE changes' : 'DELETE removes'} rows in ${rel ? relKey(rel) : '?'}`;
      }
      break;
    case 'CopyStmt':
      if (n['is_from']) what = `COPY FROM loads rows into ${rangeVar(n['relation']) ? relKey(rangeVar(n['relation'])!) : '?'}`;
      break;
    case 'MergeStmt':
      what = 'MERGE changes rows';
      break;
    case 'DoStmt': {
      const body = s.text;
      const m = /\b(cron\.schedule|vault\.create_secret|insert\s+into|update\s+\S+\s+set|delete\s+from)\b/i.exec(body);
      if (m) what = `a DO block runs ${m[1]!.replace(/\s+/g, ' ').toLowerCase()}`;
      break;
    }
    default: {
      if (s.kind === 'CreateFunctionStmt' || s.kind === 'CreateTrigStmt' || s.kind === 'CreatePolicyStmt' || s.kind === 'ViewStmt') break;
      const calls: string[] = [];
      walk(n, (kind, body) => {
        if (kind !== 'FuncCall') return;
        const fn = funcName(body['funcname']);
        if (!fn) return;
        const key = fn.schema && fn.schema !== 'pg_catalog' ? `${fn.schema}.${fn.name}` : fn.name;
        // pg_dump output (db pull files) starts with set_config('search_path', '', false): a session setting, not data.
        if (key === 'set_config' && firstStringArg(body) === 'search_path') return;
        if (DATA_FUNCTIONS[key] && !calls.includes(key)) calls.push(key);
      });
      if (calls.length > 0) what = calls.map((c) => `${c}() ${DATA_FUNCTIONS[c]}`).join('; ');
    }
  }
  if (!what) return false;
  out.push(finding('C004', at(f, s), `Data statement: ${what}.`, DATA_HINT));
  if (NON_DETERMINISTIC.test(s.text) && s.kind !== 'DoStmt') {
    out.push(finding('C005', at(f, s), 'This data statement uses a non-deterministic function (now(), random(), gen_random_uuid(), …): replaying it produces different rows than production has.', 'If the rows matter, copy the production values into the seed instead of re-running the statement.'));
  }
  return true;
}

function transactionControl(f: LintFile, s: LintStatement, out: Finding[]): void {
  if (s.kind === 'TransactionStmt') {
    const kind = String((s.node ?? {})['kind'] ?? '').replace(/^TRANS_STMT_/, '').replace(/_/g, ' ');
    out.push(finding('C008', at(f, s), `Transaction control (${kind}) inside a migration file.`, '`supabase db push` already runs each file in a transaction; an explicit BEGIN/COMMIT ends it early and makes the file partly applied on failure. Remove it.'));
  } else if (s.noTransaction) {
    const alone = f.statements.length === 1;
    out.push(
      finding(
        'C008',
        at(f, s),
        `${s.noTransaction} cannot run inside a transaction block${alone ? ' (alone in its file, so db push runs it outside one)' : ' and shares its file with other statements'}.`,
        alone ? 'Fine for replay; the baseline emits the plain (non-concurrent) form.' : 'Move it into its own migration file; in a multi-statement file `supabase db push` fails with "cannot run inside a transaction block".',
        alone ? 'info' : 'warn',
      ),
    );
  }
}

function roleSwitch(f: LintFile, s: LintStatement, out: Finding[]): void {
  if (s.kind !== 'VariableSetStmt' || !s.node) return;
  const name = String(s.node['name'] ?? '');
  if (name !== 'role' && name !== 'session_authorization') return;
  const kind = String(s.node['kind'] ?? '');
  const label = name === 'role' ? (kind === 'VAR_RESET' ? 'RESET ROLE' : 'SET ROLE') : kind === 'VAR_RESET' ? 'RESET SESSION AUTHORIZATION' : 'SET SESSION AUTHORIZATION';
  out.push(
    finding('C009', at(f, s), `${label} switches the role inside a migration.`, 'Objects created after it get another owner, and the Supabase CLI\'s history insert can fail as that role (cli#6236). Prefer ALTER … OWNER TO, or keep the switch local and reset it in the same file.'),
  );
}

const PUBLIC_HINT =
  'The public schema exists in every database, so squashbase does not snapshot the schema object itself: ' +
  'its own grants and comment are neither in the baseline nor compared by parity. Keep this statement in a ' +
  'migration after the baseline (or apply it by hand on fresh environments), or suppress with the reason.';

function isPublic(n: unknown): boolean {
  return (n as { String?: { sval?: string } } | undefined)?.String?.sval === 'public';
}

function publicSchemaChange(f: LintFile, s: LintStatement, out: Finding[]): void {
  const n = s.node;
  if (!n || n['objtype'] !== 'OBJECT_SCHEMA') return;
  if (s.kind === 'GrantStmt' && n['targtype'] === 'ACL_TARGET_OBJECT' && ((n['objects'] as unknown[] | undefined) ?? []).some(isPublic)) {
    out.push(finding('C014', at(f, s), `${n['is_grant'] ? 'GRANT' : 'REVOKE'} on schema public is not carried by the baseline.`, PUBLIC_HINT));
  } else if (s.kind === 'CommentStmt' && isPublic(n['object'])) {
    out.push(finding('C014', at(f, s), 'COMMENT ON SCHEMA public is not carried by the baseline.', PUBLIC_HINT));
  }
}

/** C004, C005, C008, C009, C014 over every parsed statement. */
export function consolidationRules(files: LintFile[]): Finding[] {
  const out: Finding[] = [];
  for (const f of files) {
    if (!f.parsed) continue;
    for (const s of f.statements) {
      dataStatement(f, s, out);
      transactionControl(f, s, out);
      roleSwitch(f, s, out);
      publicSchemaChange(f, s, out);
    }
  }
  return out;
}

export type { Node };
