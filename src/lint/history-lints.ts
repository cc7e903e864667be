/**
 * With a database: the local history against `supabase_migrations.schema_migrations`
 * (research/safety.md C001–C003, C012). A consolidation replaces exactly the rows it archives,
 * so the two sides must agree first.
 *
 * C001 history-in-sync — a remote version with no local file (db push fails with "Remote
 *      migration versions not found in local migrations directory"), or a local file older than
 *      the newest remote version that never ran (out of order).
 * C002 pending — local files newer than the newest remote version (not applied yet).
 * C003 identity — the remote row's name or `statements` differ from the file (edited after it ran).
 * C012 history-table shape — missing table, older shape, or columns the insert cannot satisfy.
 */
import type { Client } from '../db/client.js';
import { compareVersions } from '../migrations/discover.js';
import { splitLikeSupabaseCli } from '../migrations/split.js';
import { finding } from './finding.js';
import type { LintFile } from './load.js';
import type { Finding } from './types.js';

interface Column {
  name: string;
  type: string;
  notnull: boolean;
  hasdefault: boolean;
}

const KNOWN: Record<string, string> = { version: 'text', statements: 'text[]', name: 'text', created_by: 'text', idempotency_key: 'text', rollback: 'text[]' };

/** The history lints on a client already in a read-only snapshot (runLint shares one for every live lint). */
export async function historyLintsWith(client: Client, files: LintFile[]): Promise<Finding[]> {
  const out: Finding[] = [];
  const live = { file: null, line: null, column: null, object: 'supabase_migrations.schema_migrations' };
  const exists = (await client.query<{ t: string | null }>("SELECT to_regclass('supabase_migrations.schema_migrations')::text AS t")).rows[0]?.t;
  if (!exists) {
    out.push(finding('C012', live, 'supabase_migrations.schema_migrations does not exist: this database has no migration history.', 'consolidate creates it only with --create-history-table; check that --db-url points at the right project.', 'warn'));
    return out;
  }
  const cols = (
    await client.query<Column>(
      `SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull, a.atthasdef AS hasdefault
         FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'supabase_migrations.schema_migrations'::regclass AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`,
    )
  ).rows;
  const byName = new Map(cols.map((c) => [c.name, c]));
  const version = byName.get('version');
  if (!version || version.type !== 'text') {
    out.push(finding('C012', live, `The history table's version column is ${version ? `of type ${version.type}` : 'missing'}; the Supabase CLI uses text.`, 'This history table was not made by the Supabase CLI; consolidate refuses it (HISTORY_TABLE_UNSUPPORTED).', 'error'));
    return out;
  }
  const missing = ['statements', 'name'].filter((c) => !byName.has(c));
  if (missing.length) out.push(finding('C012', live, `The history table has the older shape (no ${missing.join(', ')} column).`, 'Older CLI versions made it; consolidate writes only the existing columns or adds them with consent.', 'warn'));
  for (const c of cols) {
    if (KNOWN[c.name] === undefined && c.notnull && !c.hasdefault) {
      out.push(finding('C012', live, `The history table has a NOT NULL column ${c.name} (${c.type}) without a default: the CLI's insert cannot fill it.`, 'consolidate refuses such a table (HISTORY_TABLE_UNSUPPORTED); give the column a default or make it nullable.', 'error'));
    } else if (KNOWN[c.name] === undefined) {
      out.push(finding('C012', live, `The history table has an extra column ${c.name} (${c.type}); it is kept and exported.`, 'Nothing to do; the archive export includes it.', 'info'));
    }
  }
  const select = ['version', byName.has('name') ? 'name' : 'NULL::text AS name', byName.has('statements') ? 'statements' : 'NULL::text[] AS statements'].join(', ');
  const rows = (await client.query<{ version: string; name: string | null; statements: string[] | null }>(`SELECT ${select} FROM supabase_migrations.schema_migrations ORDER BY version COLLATE "C"`)).rows;

  const local = new Map(files.map((f) => [f.version, f]));
  const remote = new Map(rows.map((r) => [r.version, r]));
  const lastRemote = rows.length ? rows[rows.length - 1]!.version : null;
  for (const r of rows) {
    if (!local.has(r.version)) {
      out.push(finding('C001', { ...live, object: `version ${r.version}` }, `Remote history has version ${r.version}${r.name ? ` (${r.name})` : ''} but there is no local file for it.`, 'Restore the file (git history) or repair the row (`supabase migration repair --status reverted`) before consolidating; `supabase db push` fails on this too.', 'error'));
    }
  }
  for (const f of files) {
    const r = remote.get(f.version);
    if (!r) {
      if (lastRemote !== null && compareVersions(f.version, lastRemote) < 0) {
        out.push(finding('C001', { file: f.fileName, line: null, column: null }, `${f.fileName} is older than the newest applied version ${lastRemote} but never ran on this database.`, 'Apply it (supabase db push --include-all) or remove it; a consolidation would otherwise archive SQL production never ran.', 'error'));
      } else {
        out.push(finding('C002', { file: f.fileName, line: null, column: null }, `${f.fileName} is not applied yet (newer than ${lastRemote ?? 'an empty history'}).`, 'Apply it before consolidating, or leave it out of the consolidation (it stays pending after the baseline).', 'warn'));
      }
      continue;
    }
    if (r.name !== null && r.name !== f.name) {
      out.push(finding('C003', { file: f.fileName, line: null, column: null }, `The history row for ${f.version} is named \`${r.name}\`, the file \`${f.name}\`.`, 'The file was renamed after it ran; harmless for the schema, but the archive records both names.', 'info'));
    }
    if (r.statements !== null && f.rawText) {
      const now = splitLikeSupabaseCli(f.rawText);
      if (now.length !== r.statements.length || now.some((s, i) => s !== r.statements![i])) {
        const first = now.findIndex((s, i) => s !== r.statements![i]);
        out.push(finding('C003', { file: f.fileName, line: null, column: null }, `${f.fileName} differs from what ran on this database (${r.statements.length} recorded statement(s), ${now.length} now${first >= 0 ? `; first difference at statement ${first + 1}` : ''}).`, 'The file was edited after it was applied: production ran the recorded statements. The baseline follows live, so check the edit is reflected there.', 'warn'));
      }
    }
  }
  return out;
}
