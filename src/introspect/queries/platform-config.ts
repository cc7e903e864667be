import { createHash } from 'node:crypto';
import type { CatalogReader } from '../catalog-reader.js';
import { ident } from '../../sql/ident.js';
import { objectId, type ConfigValue, type SnapshotObject } from '../snapshot-types.js';

/**
 * Configuration stored as rows of platform tables, read as snapshot objects (scope 'config') so
 * the baseline re-creates it and parity compares it like any other object:
 * storage.buckets, cron.job, pgmq.meta (queues), vault.secrets (name and description only).
 * A table that does not exist or that the role may not read is skipped (nothing to carry).
 * Read-only; runs inside inspect's snapshot transaction.
 */
export async function loadConfigObjects(client: CatalogReader): Promise<SnapshotObject[]> {
  const readable = await readableTables(client);
  const out: SnapshotObject[] = [];
  if (readable.has('storage.buckets')) out.push(...(await loadBuckets(client)));
  if (readable.has('cron.job')) out.push(...(await loadCronJobs(client)));
  if (readable.has('pgmq.meta')) out.push(...(await loadQueues(client)));
  if (readable.has('vault.secrets')) out.push(...(await loadSecretNames(client)));
  return out;
}

/** Bucket columns that differ per environment by nature, so they are neither carried nor compared. */
export const BUCKET_ENVIRONMENT_COLUMNS: readonly string[] = ['id', 'created_at', 'updated_at', 'owner', 'owner_id'];

const CONFIG_TABLES = ['storage.buckets', 'cron.job', 'pgmq.meta', 'vault.secrets'];

async function readableTables(client: CatalogReader): Promise<Set<string>> {
  const r = await client.query<{ label: string }>(
    `SELECT n.nspname || '.' || c.relname AS label
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname || '.' || c.relname = ANY ($1::text[]) AND c.relkind IN ('r', 'p')
        AND pg_catalog.has_table_privilege(c.oid, 'SELECT')`,
    [CONFIG_TABLES],
  );
  return new Set(r.rows.map((x) => x.label));
}

function configBase<K extends 'bucket' | 'cron_job' | 'queue' | 'vault_secret'>(kind: K, schema: string | null, name: string, attachedTo: string) {
  return { kind, id: objectId(kind, [schema, name]), schema, name, scope: 'config' as const, attachedTo, dependsOn: [] as string[] };
}

async function loadBuckets(client: CatalogReader): Promise<SnapshotObject[]> {
  const cols = await client.query<{ attname: string; def: string | null }>(
    `SELECT a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS def
       FROM pg_catalog.pg_attribute a
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = 'storage.buckets'::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attname COLLATE "C"`,
  );
  const carried = cols.rows.filter((c) => !BUCKET_ENVIRONMENT_COLUMNS.includes(c.attname));
  const settings = carried.map((c) => c.attname);
  const defaults = new Map(carried.map((c) => [c.attname, constantDefault(c.def)]));
  // Positional aliases (c0, c1, …): column names are catalog text and never become result keys.
  const select = ['id', ...settings].map((c, i) => `${ident(c)}::text AS c${i}`).join(', ');
  const rows = await client.query<Record<`c${number}`, string | null>>(`SELECT ${select} FROM storage.buckets ORDER BY id COLLATE "C"`);
  return rows.rows.map((row) => {
    const values: ConfigValue[] = settings.map((column, i) => ({ column, value: row[`c${i + 1}`] ?? null }));
    const isDefault = (v: ConfigValue) => {
      const d = defaults.get(v.column);
      return d !== undefined && d === v.value;
    };
    return {
      ...configBase('bucket', 'storage', String(row.c0), 'table:"storage"."buckets"'),
      props: { settings: values.filter((v) => !isDefault(v)), atDefault: values.filter(isDefault) },
    };
  });
}

/**
 * The text value of a constant column default (`false`, `0`, `'STANDARD'::storage.buckettype`,
 * `NULL`); undefined for none or an expression (now(), nextval(…)), which is never evaluated:
 * introspection only reads.
 */
export function constantDefault(def: string | null): string | null | undefined {
  if (def == null) return undefined;
  if (/^NULL(::[\w." \[\]]+)?$/.test(def)) return null;
  if (/^(true|false)$/.test(def)) return def;
  const num = /^\(?(-?\d+(\.\d+)?)\)?(::[\w." \[\]]+)?$/.exec(def);
  if (num) return num[1] ?? undefined;
  const str = /^'((?:[^']|'')*)'(::[\w." \[\]]+)?$/.exec(def);
  if (str) return (str[1] ?? '').replace(/''/g, "'");
  return undefined;
}

async function loadCronJobs(client: CatalogReader): Promise<SnapshotObject[]> {
  const r = await client.query<{ jobname: string | null; schedule: string; command: string; database: string; here: boolean; username: string; active: boolean }>(
    `SELECT j.jobname, j.schedule, j.command, j.database, j.database = pg_catalog.current_database() AS here, j.username, j.active
       FROM cron.job j ORDER BY j.jobname COLLATE "C" NULLS LAST, j.schedule COLLATE "C", j.command COLLATE "C"`,
  );
  const seen = new Map<string, number>();
  return r.rows.map((j) => {
    let name = j.jobname;
    if (name == null) {
      // Unnamed jobs have no identity of their own: what they do is what they are.
      const h = createHash('sha256').update(`${j.schedule}\u0000${j.command}\u0000${j.here ? '' : j.database}`).digest('hex').slice(0, 12);
      const n = (seen.get(h) ?? 0) + 1;
      seen.set(h, n);
      name = `unnamed:${h}${n > 1 ? `:${n}` : ''}`;
    }
    return {
      ...configBase('cron_job', null, name, 'table:"cron"."job"'),
      props: { named: j.jobname != null, schedule: j.schedule, command: j.command, database: j.here ? null : j.database, username: j.username, active: j.active },
    };
  });
}

async function loadQueues(client: CatalogReader): Promise<SnapshotObject[]> {
  const r = await client.query<{ queue_name: string; is_partitioned: boolean; is_unlogged: boolean }>(
    `SELECT queue_name::text AS queue_name, is_partitioned, is_unlogged FROM pgmq.meta ORDER BY queue_name COLLATE "C"`,
  );
  return r.rows.map((q) => ({ ...configBase('queue', 'pgmq', q.queue_name, 'table:"pgmq"."meta"'), props: { partitioned: q.is_partitioned, unlogged: q.is_unlogged } }));
}

/** Names and descriptions only: the secret column is never selected. Unnamed secrets cannot be referred to and are not listed. */
async function loadSecretNames(client: CatalogReader): Promise<SnapshotObject[]> {
  const r = await client.query<{ name: string; description: string | null }>(
    `SELECT s.name, s.description FROM vault.secrets s WHERE s.name IS NOT NULL ORDER BY s.name COLLATE "C"`,
  );
  return r.rows.map((s) => ({ ...configBase('vault_secret', 'vault', s.name, 'table:"vault"."secrets"'), props: { description: s.description ?? '' } }));
}
