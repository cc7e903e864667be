import type { FactOrigin, FactSource } from '../../src/shadow/platform-facts/facts-types.js';

/**
 * The upstream releases the fact sheets are read at. To refresh: bump these refs, rebuild the
 * upstream database (docs/platform-model.md) and rewrite the sheets (docs/platform-model.md).
 */
export const FACT_SOURCES: Record<FactOrigin, FactSource> = {
  postgres: {
    repo: 'supabase/postgres',
    ref: '7db7e1a9e34b9ffb9b0e3372ccf08eb4fa772f4b',
    read: 'migrations/db/init-scripts/*.sql, migrations/db/migrations/*.sql (run by migrate.sh order: init scripts as postgres, migrations as supabase_admin)',
    extra: [
      { path: 'migrations/db/init-scripts/00000000000003-realtime-schema.sql', commit: '96d8873887e1ec3b668629884d0d53380b2e2145' },
      { path: 'migrations/db/migrations/20240822021428_enable_webhooks_by_default.sql', commit: '1cec5bca914cbaadb240926610a02a1f415ee469' },
      { path: 'migrations/db/migrations/20250421084701_revoke_admin_roles_from_postgres.sql', commit: '96d8873887e1ec3b668629884d0d53380b2e2145' },
      { path: 'migrations/db/migrations/20250605172253_grant_with_admin_to_postgres_16_and_above.sql', commit: 'e0ee3c5b3d30b48cc6305c54d604d0df7e5b5e33' },
      { path: 'migrations/db/migrations/20250623125453_tmp_grant_storage_tables_to_postgres_with_grant_option.sql', commit: '423b32b8b5e943a2091abfb01900db453301e7bd' },
      { path: 'migrations/db/migrations/20250709135250_grant_storage_schema_to_postgres_with_grant_option.sql', commit: '3d31e9caf947a8609180261aed792f5129082701' },
      { path: 'migrations/db/migrations/20251121132723_correct_search_path_pgbouncer.sql (schema pgbouncer owned by pgbouncer)', commit: '2a69b5dd609ff12df8ff32c0dd882616ca66e70c' },
      { path: 'migrations/db/migrations/20251121141100_supabase_auth_admin_db_grants.sql', commit: 'aca19b4aae6bf93e7ba1a3887a99da0c14bffede' },
      { path: 'migrations/db/migrations/20260421000000_pg_graphql-off-by-default.sql', commit: '7cc8cc54baade94ef6ab9110dfc97edd134d6e3b' },
      { path: 'migrations/db/migrations/20260506172403_grant_realtime_schema_to_postgres_with_grant_option.sql', commit: '96d8873887e1ec3b668629884d0d53380b2e2145' },
      { path: 'migrations/db/migrations/20260821154147_revoke_createrole_from_auth_admin.sql', commit: '853417021f98731caff68851d62f3847ae00d74a' },
    ],
  },
  auth: { repo: 'supabase/auth', ref: 'v2.196.0', read: 'migrations/*.up.sql (Namespace = auth), run as supabase_auth_admin' },
  storage: { repo: 'supabase/storage', ref: 'v1.70.6', read: 'migrations/tenant/*.sql, run as supabase_storage_admin' },
  realtime: { repo: 'supabase/realtime', ref: 'v2.129.8', read: 'lib/realtime/tenants/repo/migrations/*.ex (execute() SQL; Ecto table DSL translated by hand), run as supabase_admin' },
};

export function releaseLabel(major: number): string {
  const image = major >= 17 ? 'supabase/postgres 17 image' : 'supabase/postgres 15 image';
  return `${image} + auth v2.196.0 + storage v1.70.6 + realtime v2.129.8`;
}

/**
 * Preinstalled extensions, stated from the sources rather than read from the scratch build
 * (whose server lacks the non-contrib ones): uuid-ossp, pgcrypto (init-scripts/00000000000000),
 * pg_net (migrations/20240822021428_enable_webhooks_by_default), supabase_vault
 * (migrations/20221207154255_create_vault), pg_stat_statements (the image's postgresql.conf
 * preloads it; created in extensions), pgjwt on PG15 images only (deactivated on 17, #1571).
 * pg_graphql is dropped on new projects since migrations/20260421000000_pg_graphql-off-by-default.
 */
export function extensionFacts(major: number): { name: string; schema: string }[] {
  const list = [
    { name: 'pg_net', schema: 'extensions' },
    { name: 'pg_stat_statements', schema: 'extensions' },
    { name: 'pgcrypto', schema: 'extensions' },
    { name: 'supabase_vault', schema: 'vault' },
    { name: 'uuid-ossp', schema: 'extensions' },
  ];
  if (major < 17) list.push({ name: 'pgjwt', schema: 'extensions' });
  return list.sort((a, b) => a.name.localeCompare(b.name));
}
