import { describe, expect, it } from 'vitest';
import {
  MANAGED_SCHEMAS,
  isManagedSchema,
  isPlatformExtension,
  isPlatformPublication,
  isPlatformRole,
  isReservedRole,
  isSystemSchema,
  isUserSchemaName,
} from '../../src/introspect/platform-scope.js';
import { isRetryableIntrospectionError } from '../../src/introspect/inspect.js';
import { renderSummaryTable, summarizeSnapshot } from '../../src/introspect/summary.js';
import { aggregateDefinition, type AggregateRow } from '../../src/introspect/queries/aggregate.js';
import { KIND_ORDER, SNAPSHOT_FORMAT, type Snapshot } from '../../src/introspect/snapshot-types.js';
import { SquashbaseError } from '../../src/errors.js';

describe('platform scope', () => {
  it('lists the Supabase-managed schemas, sorted and unique', () => {
    for (const s of ['auth', 'storage', 'realtime', 'extensions', 'graphql', 'graphql_public', 'vault', 'net', 'cron', 'pgmq', 'supabase_functions', 'supabase_migrations', 'pgbouncer', '_realtime', '_analytics', '_supavisor', 'pgtle', 'repack', 'topology']) {
      expect(MANAGED_SCHEMAS, s).toContain(s);
    }
    expect([...MANAGED_SCHEMAS].sort()).toEqual(MANAGED_SCHEMAS);
    expect(new Set(MANAGED_SCHEMAS).size).toBe(MANAGED_SCHEMAS.length);
  });

  it('matches schema families and keeps user schemas (public included) as user', () => {
    for (const s of ['pgsodium', 'pgsodium_masks', 'tiger', 'tiger_data', 'timescaledb_information', '_timescaledb_internal']) expect(isManagedSchema(s), s).toBe(true);
    for (const s of ['public', 'app', 'Auth', 'authx', 'my_storage', 'x"; DROP TABLE foo; --']) expect(isUserSchemaName(s), s).toBe(true);
    for (const s of ['pg_catalog', 'information_schema', 'pg_toast', 'pg_temp_3', 'pg_toast_temp_3']) expect(isSystemSchema(s), s).toBe(true);
  });

  it('reserved roles; postgres is reserved but not a platform owner', () => {
    for (const r of ['anon', 'authenticated', 'service_role', 'authenticator', 'dashboard_user', 'pgbouncer', 'postgres', 'supabase_admin', 'supabase_auth_admin', 'cli_login_postgres', 'pgsodium_keyholder', 'pgtle_admin', 'pg_read_all_data']) {
      expect(isReservedRole(r), r).toBe(true);
    }
    for (const r of ['app_user', 'reporting', 'supa']) expect(isReservedRole(r), r).toBe(false);
    expect(isPlatformRole('postgres')).toBe(false);
    expect(isPlatformRole('supabase_admin')).toBe(true);
  });

  it('platform extensions and publications', () => {
    expect(isPlatformExtension('pgcrypto')).toBe(true);
    expect(isPlatformExtension('pg_trgm')).toBe(false);
    expect(isPlatformPublication('supabase_realtime')).toBe(true);
    expect(isPlatformPublication('supabase_realtime_messages_publication')).toBe(true);
    expect(isPlatformPublication('my_pub')).toBe(false);
  });
});

describe('retry classification (research/safety.md F2)', () => {
  const pgErr = (code: string) => Object.assign(new Error('x'), { code });
  it('retries concurrent-DDL and connection SQLSTATEs only', () => {
    for (const c of ['40001', '57P01', '08006', '08003', 'XX000']) expect(isRetryableIntrospectionError(pgErr(c)), c).toBe(true);
    for (const c of ['42501', '42P01', '22P02']) expect(isRetryableIntrospectionError(pgErr(c)), c).toBe(false);
    expect(isRetryableIntrospectionError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableIntrospectionError(new Error('Connection terminated unexpectedly'), true)).toBe(true);
    expect(isRetryableIntrospectionError(new Error('bug'))).toBe(false);
    expect(isRetryableIntrospectionError(new SquashbaseError('INTERNAL', 'x'))).toBe(false);
  });
});

describe('summary', () => {
  const snap: Snapshot = {
    format: SNAPSHOT_FORMAT,
    formatVersion: 3,
    census: [],
    notModelled: [],
    server: { version: '15.18', versionNum: 150018, major: 15 },
    database: 'd',
    platform: { supabase: true, schemas: [], extensions: [] },
    data: [],
    objects: [
      { kind: 'schema', id: 'schema:"a"', schema: null, name: 'a', scope: 'user', dependsOn: [], props: {} },
      {
        kind: 'policy',
        id: 'policy:"storage"."objects"."p"',
        schema: 'storage',
        name: 'p',
        scope: 'attachment',
        attachedTo: 'table:"storage"."objects"',
        dependsOn: [],
        props: { table: 'table:"storage"."objects"', command: 'ALL', permissive: true, roles: ['PUBLIC'], using: null, withCheck: null },
      },
    ],
  };
  it('counts every kind in KIND_ORDER, attachments separately', () => {
    const rows = summarizeSnapshot(snap);
    expect(rows.map((r) => r.kind)).toEqual(KIND_ORDER);
    expect(rows.find((r) => r.kind === 'policy')).toEqual({ kind: 'policy', label: 'RLS policies', count: 1, attachments: 1 });
    expect(rows.find((r) => r.kind === 'table')?.count).toBe(0);
    const table = renderSummaryTable(rows);
    expect(table).toMatch(/^Kind\s+Count\s+Attachments$/m);
    expect(table).toMatch(/^RLS policies\s+1\s+1$/m);
    expect(table).toMatch(/^Total\s+2\s+1$/m);
  });
});

describe('aggregate definition', () => {
  const base: AggregateRow = {
    agg_arguments: 'text', agg_kind: 'n', agg_sfunc: 'app.f', agg_stype: 'text', agg_sspace: 0, agg_finalfunc: null,
    agg_finalextra: false, agg_finalmodify: 'r', agg_combinefunc: null, agg_serialfunc: null, agg_deserialfunc: null,
    agg_msfunc: null, agg_minvfunc: null, agg_mstype: null, agg_msspace: 0, agg_mfinalfunc: null, agg_mfinalextra: false,
    agg_mfinalmodify: 'r', agg_initcond: "it's", agg_minitcond: null, agg_sortop: null,
  };
  it('quotes the name and the initial condition', () => {
    expect(aggregateDefinition('my schema', 'agg"x', base, 'safe')).toBe(
      `CREATE AGGREGATE "my schema"."agg""x"(text) (\n    SFUNC = app.f,\n    STYPE = text,\n    INITCOND = 'it''s',\n    PARALLEL = SAFE\n);`,
    );
  });
});

describe('aclitem parsing', () => {
  it('reads grantee, privileges and grant options, quoted names and PUBLIC', async () => {
    const { parseAclItem, parseAcl } = await import('../../src/introspect/acl.js');
    expect(parseAclItem('postgres=arwdDxt/postgres')).toEqual({
      grantee: 'postgres',
      privileges: ['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'],
      grantable: [],
    });
    expect(parseAclItem('=X/postgres')).toEqual({ grantee: 'PUBLIC', privileges: ['EXECUTE'], grantable: [] });
    expect(parseAclItem('"my ""odd""=role/x"=r*U/"grant or"')).toEqual({ grantee: 'my "odd"=role/x', privileges: ['SELECT', 'USAGE'], grantable: ['SELECT'] });
    expect(parseAcl(['anon=r/postgres', 'anon=w*/other', 'bob=/postgres'])).toEqual([
      { grantee: 'anon', privileges: ['SELECT', 'UPDATE'], grantable: ['UPDATE'] },
      { grantee: 'bob', privileges: [], grantable: [] },
    ]);
    expect(() => parseAclItem('anon=Q/postgres')).toThrow(/Unknown privilege/);
  });
});
