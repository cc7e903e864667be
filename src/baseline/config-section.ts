import type { BucketObject, CronJobObject, QueueObject, SnapshotObject, VaultSecretObject } from '../introspect/snapshot-types.js';
import { dollarQuote, ident, literal, literalOrNull } from '../sql/ident.js';
import { commentText } from './template.js';

/**
 * The "Configuration data" section: storage buckets, cron jobs, pgmq queues and vault secret
 * names re-created through the platform's own API (cron.schedule, pgmq.create, vault.create_secret),
 * never by inserting into extension tables. Each item is one DO block that is idempotent on a
 * target that already has it, and raises (naming what differs) when the existing one is
 * configured differently, so a re-run never silently keeps a wrong bucket or schedule.
 */

/** Value a secret gets when the environment has not provided one; recognised by the final check. */
export const SECRET_PLACEHOLDER = 'squashbase-placeholder: set this secret with vault.update_secret';

export interface ConfigSectionOptions {
  /** Make the final secrets check an EXCEPTION instead of a WARNING (the push refuses to finish until every secret is set). */
  requireSecrets?: boolean;
}

export interface ConfigSection {
  blocks: string[];
  /** Secrets a new environment must provide (name and description), sorted by name. */
  secrets: { name: string; description: string }[];
  warnings: string[];
}

export function renderConfigSection(objects: readonly SnapshotObject[], options: ConfigSectionOptions = {}): ConfigSection {
  const blocks: string[] = [];
  const warnings: string[] = [];
  const of = <K extends SnapshotObject['kind']>(kind: K) => objects.filter((o): o is Extract<SnapshotObject, { kind: K }> => o.kind === kind);
  for (const b of of('bucket')) blocks.push(renderBucket(b));
  for (const q of of('queue')) {
    blocks.push(renderQueue(q));
    if (q.props.partitioned) warnings.push(`pgmq queue ${q.name} is partitioned: the baseline creates it with pgmq.create_partitioned's default partition and retention intervals; check them against live's pg_partman settings.`);
  }
  for (const j of of('cron_job')) blocks.push(renderCronJob(j));
  const secrets = of('vault_secret').map((s) => ({ name: s.name, description: s.props.description }));
  for (const s of of('vault_secret')) blocks.push(renderSecret(s));
  if (secrets.length) blocks.push(renderSecretsCheck(secrets.map((s) => s.name), options.requireSecrets === true));
  return { blocks, secrets, warnings };
}

/** Labels of configuration items, for the --no-config-data warning. */
export function configItemLabel(o: SnapshotObject): string {
  switch (o.kind) {
    case 'bucket':
      return `storage bucket ${o.name}`;
    case 'cron_job':
      return o.props.named ? `cron job ${o.name}` : `unnamed cron job (${o.props.schedule}) ${o.props.command.slice(0, 60)}`;
    case 'queue':
      return `pgmq queue ${o.name}`;
    case 'vault_secret':
      return `vault secret ${o.name}`;
    default:
      return o.id;
  }
}

interface Check {
  /** What the message calls the setting. */
  label: string;
  /** SQL comparing the existing value with the baseline's: true when they differ. */
  differs: string;
  /** SQL text of the existing value. */
  current: string;
  /** The baseline's value, as shown in the message. */
  expected: string | null;
}

/** concat_ws of "label is X, baseline has Y" for every differing setting ('' when all agree). */
function differences(checks: Check[]): string {
  if (!checks.length) return "''";
  const parts = checks.map(
    (c) =>
      `CASE WHEN ${c.differs} THEN pg_catalog.format('%s is %s, the baseline has %s', ${literal(c.label)}, coalesce(${c.current}, 'NULL'), ${literal(c.expected ?? 'NULL')}) END`,
  );
  return `concat_ws('; ', ${parts.join(',\n      ')})`;
}

function doBlock(comment: string, declare: string, body: string): string {
  return `-- ${commentText(comment)}\nDO ${dollarQuote(`\nDECLARE\n  ${declare}\n  d text;\nBEGIN\n${body}\nEND\n`)};`;
}

function raiseIfDiffers(what: string, name: string, diff: string): string {
  return (
    `    d := ${diff};\n` +
    `    IF d <> '' THEN\n` +
    `      RAISE EXCEPTION 'squashbase baseline: % % exists with a different configuration: %', ${literal(what)}, ${literal(name)}, d\n` +
    `        USING HINT = 'Change it to match, or remove it, before applying the baseline; the baseline does not overwrite existing configuration.';\n` +
    `    END IF;`
  );
}

function renderBucket(b: BucketObject): string {
  const cols = [...b.props.settings, ...b.props.atDefault].sort((x, y) => (x.column < y.column ? -1 : x.column > y.column ? 1 : 0));
  const checks = cols.map((c) => ({
    label: c.column,
    differs: `b.${ident(c.column)} IS DISTINCT FROM ${literalOrNull(c.value)}`,
    current: `b.${ident(c.column)}::text`,
    expected: c.value,
  }));
  const insertCols = ['id', ...cols.map((c) => c.column)].map(ident).join(', ');
  const values = [literal(b.name), ...cols.map((c) => literalOrNull(c.value))].join(', ');
  return doBlock(
    `storage bucket ${b.name}`,
    'b storage.buckets%ROWTYPE;',
    `  SELECT * INTO b FROM storage.buckets WHERE id = ${literal(b.name)};\n` +
      `  IF FOUND THEN\n${raiseIfDiffers('storage bucket', b.name, differences(checks))}\n` +
      `  ELSE\n    INSERT INTO storage.buckets (${insertCols})\n    VALUES (${values});\n  END IF;`,
  );
}

function renderQueue(q: QueueObject): string {
  const create = q.props.partitioned ? 'pgmq.create_partitioned' : q.props.unlogged ? 'pgmq.create_unlogged' : 'pgmq.create';
  const checks: Check[] = [
    { label: 'is_partitioned', differs: `q.is_partitioned IS DISTINCT FROM ${q.props.partitioned}`, current: 'q.is_partitioned::text', expected: String(q.props.partitioned) },
    { label: 'is_unlogged', differs: `q.is_unlogged IS DISTINCT FROM ${q.props.unlogged}`, current: 'q.is_unlogged::text', expected: String(q.props.unlogged) },
  ];
  return doBlock(
    `pgmq queue ${q.name}`,
    'q record;',
    `  SELECT m.is_partitioned, m.is_unlogged INTO q FROM pgmq.meta m WHERE m.queue_name = ${literal(q.name)};\n` +
      `  IF FOUND THEN\n${raiseIfDiffers('pgmq queue', q.name, differences(checks))}\n` +
      `  ELSE\n    PERFORM ${create}(${literal(q.name)});\n  END IF;`,
  );
}

function renderCronJob(j: CronJobObject): string {
  const p = j.props;
  const database = p.database == null ? 'pg_catalog.current_database()' : literal(p.database);
  const checks: Check[] = [
    { label: 'schedule', differs: `j.schedule IS DISTINCT FROM ${literal(p.schedule)}`, current: 'j.schedule', expected: p.schedule },
    { label: 'command', differs: `j.command IS DISTINCT FROM ${literal(p.command)}`, current: 'j.command', expected: p.command },
    { label: 'database', differs: `j.database IS DISTINCT FROM ${database}`, current: 'j.database', expected: p.database ?? '(this database)' },
    { label: 'active', differs: `j.active IS DISTINCT FROM ${p.active}`, current: 'j.active::text', expected: String(p.active) },
  ];
  // cron.schedule(name, …) runs in this database; schedule_in_database carries another one and the active flag.
  const plain = p.database == null && p.active;
  const call = p.named
    ? plain
      ? `cron.schedule(${literal(j.name)}, ${literal(p.schedule)}, ${literal(p.command)})`
      : `cron.schedule_in_database(${literal(j.name)}, ${literal(p.schedule)}, ${literal(p.command)}, ${database}, NULL, ${p.active})`
    : `cron.schedule(${literal(p.schedule)}, ${literal(p.command)})`;
  if (!p.named) {
    // No name to look it up by: the same schedule and command in the same database is the same job.
    const deactivate = p.active ? '' : `\n    UPDATE cron.job SET active = false WHERE jobid = id;`;
    return doBlock(
      `unnamed cron job (${p.schedule})`,
      'id bigint;',
      `  IF NOT EXISTS (SELECT 1 FROM cron.job j WHERE j.jobname IS NULL AND j.schedule = ${literal(p.schedule)} AND j.command = ${literal(p.command)} AND j.database = ${database}) THEN\n` +
        `    id := ${call};${deactivate}\n  END IF;`,
    );
  }
  return doBlock(
    `cron job ${j.name}`,
    'j record;',
    `  SELECT c.schedule, c.command, c.database, c.active INTO j FROM cron.job c WHERE c.jobname = ${literal(j.name)} AND c.username = CURRENT_USER;\n` +
      `  IF FOUND THEN\n${raiseIfDiffers('cron job', j.name, differences(checks))}\n` +
      `  ELSE\n    PERFORM ${call};\n  END IF;`,
  );
}

/** Created with the placeholder only when the environment has no secret of that name (its own value is kept). */
function renderSecret(s: VaultSecretObject): string {
  return doBlock(
    `vault secret ${s.name} (name only; the value is the environment's)`,
    'id uuid;',
    `  IF NOT EXISTS (SELECT 1 FROM vault.secrets s WHERE s.name = ${literal(s.name)}) THEN\n` +
      `    id := vault.create_secret(${literal(SECRET_PLACEHOLDER)}, ${literal(s.name)}, ${literal(s.props.description)});\n` +
      `  END IF;`,
  );
}

/** Names every secret still holding the placeholder: a WARNING, or with requireSecrets an EXCEPTION. */
function renderSecretsCheck(names: string[], require: boolean): string {
  const list = `ARRAY[${names.map(literal).join(', ')}]::text[]`;
  const level = require ? 'EXCEPTION' : 'WARNING';
  return doBlock(
    'vault secrets this environment must provide',
    'missing text;',
    `  SELECT string_agg(s.name, ', ' ORDER BY s.name) INTO missing FROM vault.decrypted_secrets s\n` +
      `   WHERE s.name = ANY (${list}) AND s.decrypted_secret = ${literal(SECRET_PLACEHOLDER)};\n` +
      `  IF missing IS NOT NULL THEN\n` +
      `    RAISE ${level} 'squashbase baseline: vault secrets without a value: %', missing\n` +
      `      USING HINT = 'Set each with: SELECT vault.update_secret((SELECT id FROM vault.secrets WHERE name = ''NAME''), ''VALUE'');';\n` +
      `  END IF;`,
  );
}
