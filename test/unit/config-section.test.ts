import { describe, expect, it } from 'vitest';
import { objectId, type SnapshotObject } from '../../src/introspect/snapshot-types.js';
import { renderConfigSection, SECRET_PLACEHOLDER } from '../../src/baseline/config-section.js';
import { generateBaseline } from '../../src/baseline/generate-baseline.js';
import { parseIncludeData } from '../../src/baseline/read-data.js';
import { constantDefault } from '../../src/introspect/queries/platform-config.js';
import { compareSnapshots } from '../../src/parity/compare.js';
import { snapshotOf } from '../support/snapshot-builders.js';

const base = { dependsOn: [] as string[], scope: 'config' as const };
const bucket: SnapshotObject = {
  ...base,
  kind: 'bucket',
  id: objectId('bucket', ['storage', "o'brien"]),
  schema: 'storage',
  name: "o'brien",
  attachedTo: 'table:"storage"."buckets"',
  props: { settings: [{ column: 'allowed_mime_types', value: '{image/png}' }, { column: 'name', value: "o'brien" }, { column: 'public', value: 'true' }], atDefault: [{ column: 'file_size_limit', value: null }] },
};
const job: SnapshotObject = {
  ...base,
  kind: 'cron_job',
  id: objectId('cron_job', [null, 'nightly']),
  schema: null,
  name: 'nightly',
  props: { named: true, schedule: '0 3 * * *', command: "delete from t where x = 'y'", database: null, username: 'postgres', active: true },
};
const paused: SnapshotObject = { ...job, id: objectId('cron_job', [null, 'paused']), name: 'paused', props: { ...job.props, active: false, database: 'other' } } as SnapshotObject;
const unnamed: SnapshotObject = { ...job, id: objectId('cron_job', [null, 'unnamed:abc']), name: 'unnamed:abc', props: { ...job.props, named: false } } as SnapshotObject;
const queue: SnapshotObject = { ...base, kind: 'queue', id: objectId('queue', ['pgmq', 'jobs']), schema: 'pgmq', name: 'jobs', props: { partitioned: false, unlogged: true } };
const secret: SnapshotObject = { ...base, kind: 'vault_secret', id: objectId('vault_secret', ['vault', 'api_key']), schema: 'vault', name: 'api_key', props: { description: 'for the API' } };

describe('configuration section', () => {
  it('creates a bucket with every carried column, and raises naming each differing column when it exists', () => {
    const [sql] = renderConfigSection([bucket]).blocks;
    expect(sql).toContain(`INSERT INTO storage.buckets ("id", "allowed_mime_types", "file_size_limit", "name", "public")\n    VALUES ('o''brien', '{image/png}', NULL, 'o''brien', 'true');`);
    expect(sql).toContain(`SELECT * INTO b FROM storage.buckets WHERE id = 'o''brien';`);
    expect(sql).toContain(`CASE WHEN b."file_size_limit" IS DISTINCT FROM NULL THEN pg_catalog.format('%s is %s, the baseline has %s', 'file_size_limit', coalesce(b."file_size_limit"::text, 'NULL'), 'NULL') END`);
    expect(sql).toContain(`RAISE EXCEPTION 'squashbase baseline: % % exists with a different configuration: %', 'storage bucket', 'o''brien', d`);
  });

  it('schedules cron jobs through cron.schedule / schedule_in_database, never by inserting into cron.job', () => {
    const blocks = renderConfigSection([job, paused, unnamed]).blocks.join('\n');
    expect(blocks).toContain(`PERFORM cron.schedule('nightly', '0 3 * * *', 'delete from t where x = ''y''');`);
    expect(blocks).toContain(`PERFORM cron.schedule_in_database('paused', '0 3 * * *', 'delete from t where x = ''y''', 'other', NULL, false);`);
    expect(blocks).toContain(`id := cron.schedule('0 3 * * *', 'delete from t where x = ''y''');`);
    expect(blocks).toContain(`WHERE c.jobname = 'nightly' AND c.username = CURRENT_USER;`);
    expect(blocks).not.toMatch(/INSERT INTO cron/i);
  });

  it('creates queues through pgmq.create*, and secrets by name with a placeholder checked at the end', () => {
    const r = renderConfigSection([queue, secret]);
    expect(r.blocks[0]).toContain(`PERFORM pgmq.create_unlogged('jobs');`);
    expect(r.blocks[1]).toContain(`id := vault.create_secret('${SECRET_PLACEHOLDER}', 'api_key', 'for the API');`);
    expect(r.blocks[2]).toContain(`RAISE WARNING 'squashbase baseline: vault secrets without a value: %', missing`);
    expect(renderConfigSection([secret], { requireSecrets: true }).blocks[1]).toContain('RAISE EXCEPTION');
    expect(r.secrets).toEqual([{ name: 'api_key', description: 'for the API' }]);
  });

  it('is a marked section of the baseline by default; --no-config-data leaves it out with a warning per item', () => {
    const snapshot = snapshotOf([bucket, job, queue, secret], [{ table: 'storage.buckets', rows: 1 }, { table: 'vault.secrets', rows: 1 }]);
    const on = generateBaseline(snapshot, { version: '20990101000000', consolidates: [], source: 'test' });
    expect(on.sql).toContain('-- Configuration data');
    expect(on.sections.find((s) => s.title === 'Configuration data')?.statements).toBe(5);
    expect(on.warnings.join('\n')).not.toContain('--include-data');
    expect(on.secrets).toEqual([{ name: 'api_key', description: 'for the API' }]);
    const off = generateBaseline(snapshot, { version: '20990101000000', consolidates: [], source: 'test', configData: false });
    expect(off.sql).not.toContain('-- Configuration data');
    expect(off.secrets).toEqual([]);
    expect(off.warnings).toEqual(
      expect.arrayContaining([
        "storage bucket o'brien left out (--no-config-data); a fresh environment will not have it.",
        'cron job nightly left out (--no-config-data); a fresh environment will not have it.',
        'pgmq queue jobs left out (--no-config-data); a fresh environment will not have it.',
        'vault secret api_key left out (--no-config-data); a fresh environment will not have it.',
      ]),
    );
  });
});

describe('--include-data and secrets', () => {
  it('refuses to copy the rows of vault.secrets or pgsodium.key', () => {
    expect(() => parseIncludeData('public.countries,vault.secrets')).toThrow(/secrets never travel/);
    expect(() => parseIncludeData('pgsodium.key')).toThrow(/secrets never travel/);
    expect(parseIncludeData('storage.buckets')).toEqual([{ schema: 'storage', table: 'buckets' }]);
  });
});

describe('bucket columns at their default', () => {
  it('reads only constant defaults, never evaluating an expression', () => {
    expect(constantDefault("'STANDARD'::storage.buckettype")).toBe('STANDARD');
    expect(constantDefault("'it''s'::text")).toBe("it's");
    expect(constantDefault('false')).toBe('false');
    expect(constantDefault('0')).toBe('0');
    expect(constantDefault("'{}'::text[]")).toBe('{}');
    expect(constantDefault('NULL::bigint')).toBeNull();
    expect(constantDefault('now()')).toBeUndefined();
    expect(constantDefault("nextval('s'::regclass)")).toBeUndefined();
    expect(constantDefault(null)).toBeUndefined();
  });

  it('parity ignores a column only one platform has while it holds its default, not a value live set', () => {
    const withType = { ...bucket, props: { ...bucket.props, atDefault: [...bucket.props.atDefault, { column: 'type', value: 'STANDARD' }] } } as SnapshotObject;
    expect(compareSnapshots(snapshotOf([bucket]), snapshotOf([withType])).identical).toBe(true);
    const flipped = { ...bucket, props: { ...bucket.props, settings: bucket.props.settings.filter((v) => v.column !== 'public'), atDefault: [{ column: 'public', value: 'false' }] } } as SnapshotObject;
    expect(compareSnapshots(snapshotOf([bucket]), snapshotOf([flipped])).identical).toBe(false);
  });
});
