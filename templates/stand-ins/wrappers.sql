-- squashbase stand-in for Supabase Wrappers: the stats table and a handler/validator/meta triple
-- for the common wrappers, so `CREATE FOREIGN DATA WRAPPER x_wrapper HANDLER x_fdw_handler …`,
-- `CREATE SERVER` and `CREATE FOREIGN TABLE` replay. The handlers reuse contrib file_fdw's C
-- handler (PL functions cannot return fdw_handler); querying a foreign table fails in a shadow.

CREATE TABLE @extschema@.wrappers_fdw_stats (
  fdw_name text NOT NULL PRIMARY KEY,
  create_times bigint,
  rows_in bigint,
  rows_out bigint,
  bytes_in bigint,
  bytes_out bigint,
  metadata jsonb,
  created_at timestamptz NOT NULL DEFAULT pg_catalog.timezone('utc', pg_catalog.now()),
  updated_at timestamptz NOT NULL DEFAULT pg_catalog.timezone('utc', pg_catalog.now())
);

DO $do$
DECLARE
  w text;
BEGIN
  FOREACH w IN ARRAY ARRAY['airtable', 'auth0', 'big_query', 'click_house', 'cognito', 'firebase', 'logflare', 'mssql',
    'redis', 's3', 'stripe', 'wasm', 'iceberg', 'duckdb']
  LOOP
    EXECUTE pg_catalog.format('CREATE FUNCTION @extschema@.%I() RETURNS fdw_handler LANGUAGE c STRICT AS %L, %L',
      w || '_fdw_handler', '$libdir/file_fdw', 'file_fdw_handler');
    EXECUTE pg_catalog.format('CREATE FUNCTION @extschema@.%I(options text[], catalog oid) RETURNS void LANGUAGE plpgsql AS %L',
      w || '_fdw_validator', 'BEGIN END');
    EXECUTE pg_catalog.format('CREATE FUNCTION @extschema@.%I() RETURNS TABLE (name text, version text, author text, website text) LANGUAGE sql AS %L',
      w || '_fdw_meta', pg_catalog.format('SELECT %L::text, %L::text, %L::text, %L::text', w, 'stand-in', 'squashbase', ''));
  END LOOP;
END
$do$;
