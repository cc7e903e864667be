import type { CatalogReader } from './catalog-reader.js';

/** Temporary namespaces and relations (computed once): other sessions' temp tables must not look like DDL. */
const TEMP_NSP = '(SELECT oid FROM temp_nsp)';
const TEMP_REL = '(SELECT oid FROM temp_rel)';
const WITH_TEMP =
  "WITH temp_nsp AS MATERIALIZED (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname LIKE 'pg\\_temp\\_%' OR nspname LIKE 'pg\\_toast\\_temp\\_%'), " +
  "temp_rel AS MATERIALIZED (SELECT oid FROM pg_catalog.pg_class WHERE relpersistence = 't') ";

/** Newest row version and row count of a catalog, restricted by `where`. */
const versionOf = (catalog: string, where = 'true') =>
  `(SELECT count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text FROM pg_catalog.${catalog} WHERE ${where})`;

/**
 * A cheap fingerprint of the schema catalogs, taken inside the read-only transaction (what we
 * read) and again after it (what is there now). If they differ, DDL committed while we were
 * reading — and pg_get_*def() reads the live catalog, not our snapshot — so the run is retried
 * (research/safety.md F2).
 *
 * Built so that ordinary activity does not look like DDL: pg_class is hashed on its
 * DDL-relevant columns only (TRUNCATE, VACUUM FULL, CLUSTER and REINDEX rewrite pg_class rows
 * for a new relfilenode; ANALYZE and VACUUM update statistics in place), other catalogs by row
 * count and newest xmin, leaving out temporary objects (apps' temp tables) where they live.
 */
export const FINGERPRINT_SQL =
  WITH_TEMP +
  'SELECT ' +
  [
    `(SELECT count(*)::text || '/' || coalesce(sum(hashtext(concat_ws('|', oid, relname, relnamespace, relkind, relowner,
        relacl::text, reloptions::text, relnatts, relchecks, relrowsecurity, relforcerowsecurity, relreplident,
        relispartition, relhastriggers, relhasrules, relispopulated))::bigint), 0)::text
       FROM pg_catalog.pg_class WHERE relpersistence <> 't')`,
    versionOf('pg_namespace', `oid NOT IN ${TEMP_NSP}`),
    versionOf('pg_attribute', `attnum > 0 AND attrelid NOT IN ${TEMP_REL}`),
    versionOf('pg_attrdef', `adrelid NOT IN ${TEMP_REL}`),
    versionOf('pg_type', `typnamespace NOT IN ${TEMP_NSP}`),
    versionOf('pg_proc', `pronamespace NOT IN ${TEMP_NSP}`),
    versionOf('pg_constraint', `connamespace NOT IN ${TEMP_NSP}`),
    versionOf('pg_index', `indrelid NOT IN ${TEMP_REL}`),
    versionOf('pg_trigger', `tgrelid NOT IN ${TEMP_REL}`),
    versionOf('pg_policy'),
    versionOf('pg_rewrite', `ev_class NOT IN ${TEMP_REL}`),
    versionOf('pg_sequence', `seqrelid NOT IN ${TEMP_REL}`),
    versionOf('pg_enum'),
    versionOf('pg_range'),
    versionOf('pg_inherits', `inhrelid NOT IN ${TEMP_REL}`),
    versionOf('pg_event_trigger'),
    versionOf('pg_publication'),
    versionOf('pg_publication_rel'),
    versionOf('pg_extension'),
    versionOf('pg_default_acl'),
    versionOf('pg_description'),
  ].join(" || ' ' || ") +
  ' AS fingerprint';

export async function catalogFingerprint(reader: CatalogReader): Promise<string> {
  const r = await reader.query<{ fingerprint: string }>(FINGERPRINT_SQL);
  return r.rows[0]!.fingerprint;
}
