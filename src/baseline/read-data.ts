import type { ConnectionTarget } from '../db/connection.js';
import { withClient, withReadOnlySnapshot } from '../db/client.js';
import { SquashbaseError } from '../errors.js';
import { ident, qualified } from '../sql/ident.js';
import type { DataSection } from './data-section.js';

/** Parse `schema.table` (either part may be "double quoted") from --include-data. */
export function parseTableLabel(label: string): { schema: string; table: string } {
  const parts: string[] = [];
  let i = 0;
  const s = label.trim();
  while (i <= s.length) {
    let part = '';
    if (s[i] === '"') {
      i++;
      while (i < s.length) {
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += s[i++];
      }
    } else {
      while (i < s.length && s[i] !== '.') part += s[i++];
    }
    parts.push(part);
    if (s[i] === '.') i++;
    else break;
  }
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new SquashbaseError('USAGE', `--include-data expects schema.table, got ${JSON.stringify(label)}.`, {
      hint: 'For example: --include-data storage.buckets,cron.job,public.countries',
    });
  }
  return { schema: parts[0], table: parts[1] };
}

/** The comma-separated --include-data list, split (quoted names may contain commas). */
export function parseIncludeData(list: string | undefined): { schema: string; table: string }[] {
  if (!list) return [];
  const items: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of list) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      if (cur.trim()) items.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) items.push(cur);
  const tables = items.map(parseTableLabel);
  refuseSecretTables(tables);
  return tables;
}

/** Tables whose rows are secrets: never copied into a file, whatever --include-data says. */
const SECRET_TABLES = ['vault.secrets', 'pgsodium.key'];

function refuseSecretTables(tables: { schema: string; table: string }[]): void {
  const bad = tables.map((t) => `${t.schema}.${t.table}`).filter((l) => SECRET_TABLES.includes(l));
  if (bad.length) {
    throw new SquashbaseError('USAGE', `--include-data ${bad.join(', ')}: secrets never travel in a baseline.`, {
      hint: 'Vault secrets are carried by name (the Configuration data section); each environment sets its own values with vault.update_secret.',
    });
  }
}

/**
 * Read the rows of each table read-only (one REPEATABLE READ READ ONLY transaction), as text,
 * sorted by every column under the C collation so the same data gives the same file.
 * Generated columns are left out; cron.job keeps only what cron.schedule() takes.
 */
export async function readDataSections(target: ConnectionTarget, tables: { schema: string; table: string }[]): Promise<DataSection[]> {
  if (!tables.length) return [];
  return withClient(target, (client) =>
    withReadOnlySnapshot(client, async (c) => {
      const out: DataSection[] = [];
      for (const t of tables) {
        const cols = await c.query<{ attname: string; attgenerated: string; attidentity: string }>(
          `SELECT a.attname, a.attgenerated::text, a.attidentity::text
             FROM pg_catalog.pg_attribute a
             JOIN pg_catalog.pg_class cl ON cl.oid = a.attrelid
             JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace
            WHERE n.nspname = $1 AND cl.relname = $2 AND cl.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum`,
          [t.schema, t.table],
        );
        if (!cols.rows.length) {
          throw new SquashbaseError('USAGE', `--include-data: table ${t.schema}.${t.table} was not found on the live database.`);
        }
        let columns = cols.rows.filter((r) => r.attgenerated === '').map((r) => r.attname);
        if (t.schema === 'cron' && t.table === 'job') columns = columns.filter((x) => ['jobname', 'schedule', 'command'].includes(x));
        const overriding = cols.rows.some((r) => r.attidentity === 'a' && columns.includes(r.attname));
        const select = columns.map((col) => `${ident(col)}::text`).join(', ');
        const order = columns.map((col) => `${ident(col)}::text COLLATE "C"`).join(', ');
        const rows = await c.query({ text: `SELECT ${select} FROM ${qualified(t.schema, t.table)} ORDER BY ${order}`, rowMode: 'array' });
        out.push({ schema: t.schema, table: t.table, columns, rows: rows.rows as (string | null)[][], ...(overriding ? { overridingSystemValue: true } : {}) });
      }
      return out;
    }),
  );
}
