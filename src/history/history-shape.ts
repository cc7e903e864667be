import type { Client } from '../db/client.js';
import { HISTORY_SCHEMA, HISTORY_TABLE } from '../migrations/cli-history.js';

/** The table the Supabase CLI reads and writes; its name is fixed in the CLI. */
export const HISTORY_QUALIFIED = 'supabase_migrations.schema_migrations';

/** One column of the history table, as the catalog describes it. */
export interface HistoryColumn {
  name: string;
  /** format_type() text, e.g. `text`, `text[]`, `timestamp with time zone`. */
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  /** Generated (stored) or identity ALWAYS columns cannot be written back verbatim. */
  generated: boolean;
}

/**
 * Which of the CLI's historic shapes the table has (research/supabase-platform.md §11):
 * `missing` (no table; the CLI treats it as empty), `version-only` (2022), `statements`
 * (2023-06-05), `full` (version, statements, name — the current shape), plus `extended`
 * when there are columns the CLI never creates (hosted tables may carry some).
 */
export type HistoryShapeKind = 'missing' | 'version-only' | 'statements' | 'full' | 'extended';

export interface HistoryShape {
  kind: HistoryShapeKind;
  schemaExists: boolean;
  tableExists: boolean;
  columns: HistoryColumn[];
  hasStatements: boolean;
  hasName: boolean;
  /** Columns the CLI does not create, in table order. */
  extraColumns: string[];
  /** Set when squashbase cannot safely write this table (F8): the reason. */
  unsupported?: string;
}

const CLI_COLUMNS: Record<string, string> = { version: 'text', statements: 'text[]', name: 'text' };

/** Reads the shape of supabase_migrations.schema_migrations from the catalog (read-only). */
export async function readHistoryShape(client: Client): Promise<HistoryShape> {
  const schema = await client.query<{ ok: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1) AS ok',
    [HISTORY_SCHEMA],
  );
  const cols = await client.query<{ name: string; type: string; not_null: boolean; has_default: boolean; generated: boolean }>(
    `SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, a.atthasdef AS has_default,
            (a.attgenerated <> '' OR a.attidentity = 'a') AS generated
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [HISTORY_SCHEMA, HISTORY_TABLE],
  );
  const columns: HistoryColumn[] = cols.rows.map((r) => ({
    name: r.name,
    type: r.type,
    notNull: r.not_null,
    hasDefault: r.has_default,
    generated: r.generated,
  }));
  return classifyShape(Boolean(schema.rows[0]?.ok), columns);
}

/** Pure classification, separated so unit tests can cover every shape without a database. */
export function classifyShape(schemaExists: boolean, columns: HistoryColumn[]): HistoryShape {
  const tableExists = columns.length > 0;
  const byName = new Map(columns.map((c) => [c.name, c]));
  const hasStatements = byName.has('statements');
  const hasName = byName.has('name');
  const extraColumns = columns.filter((c) => !(c.name in CLI_COLUMNS)).map((c) => c.name);
  let kind: HistoryShapeKind;
  if (!tableExists) kind = 'missing';
  else if (extraColumns.length > 0) kind = 'extended';
  else if (hasStatements && hasName) kind = 'full';
  else if (hasStatements) kind = 'statements';
  else kind = 'version-only';
  const shape: HistoryShape = { kind, schemaExists, tableExists, columns, hasStatements, hasName, extraColumns };
  if (tableExists) {
    const problems: string[] = [];
    const version = byName.get('version');
    if (!version) problems.push('it has no `version` column');
    for (const [name, type] of Object.entries(CLI_COLUMNS)) {
      const c = byName.get(name);
      if (c && c.type !== type) problems.push(`column \`${name}\` is ${c.type}, the Supabase CLI uses ${type}`);
    }
    for (const c of columns) {
      if (c.name in CLI_COLUMNS) continue;
      if (c.notNull && !c.hasDefault && !c.generated) problems.push(`extra column \`${c.name}\` is NOT NULL without a default`);
    }
    if (problems.length > 0) shape.unsupported = problems.join('; ');
  }
  return shape;
}

/** The CLI columns the table lacks (what `CREATE TABLE … ADD COLUMN IF NOT EXISTS` would add). */
export function missingCliColumns(shape: HistoryShape): string[] {
  if (!shape.tableExists) return [];
  const out: string[] = [];
  if (!shape.hasStatements) out.push('statements');
  if (!shape.hasName) out.push('name');
  return out;
}
