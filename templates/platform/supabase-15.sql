-- squashbase platform model: what a fresh Supabase project (PostgreSQL 15 image) contains before
-- any user migration. Written by us from the fact sheet templates/platform/facts/supabase-15.json,
-- which records, with its upstream sources, what the platform's own migrations build (supabase/
-- postgres init scripts and migrations, GoTrue, storage-api and Realtime at the releases named
-- there; docs/platform-model.md says how to refresh both). Table columns, defaults, constraints,
-- owners and grants follow the sheet; function bodies are ours (enough to be called, replaced
-- and referenced by migrations, not the services' implementations); indexes are a subset.
-- Runs as a superuser on vanilla PostgreSQL; idempotent for cluster-wide roles. Extensions the
-- server lacks (pg_net, supabase_vault, pgjwt, …) are not here: the shadow adds stand-ins for
-- them and reports each one. test/integration/platform-facts.test.ts holds this file to the sheet.

SET client_min_messages = warning;
SET check_function_bodies = false;

-- Roles (cluster-wide, so created only when missing) -----------------------------------------
DO $platform$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
    ('anon', 'NOSUPERUSER NOLOGIN INHERIT'),
    ('authenticated', 'NOSUPERUSER NOLOGIN INHERIT'),
    ('authenticator', 'NOSUPERUSER LOGIN NOINHERIT'),
    ('dashboard_user', 'NOSUPERUSER CREATEDB CREATEROLE REPLICATION NOLOGIN INHERIT'),
    ('pgbouncer', 'NOSUPERUSER LOGIN INHERIT'),
    ('postgres', 'NOSUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS LOGIN INHERIT'),
    ('service_role', 'NOSUPERUSER BYPASSRLS NOLOGIN INHERIT'),
    ('supabase_admin', 'SUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS LOGIN INHERIT'),
    ('supabase_auth_admin', 'NOSUPERUSER LOGIN NOINHERIT'),
    ('supabase_functions_admin', 'NOSUPERUSER CREATEROLE LOGIN NOINHERIT'),
    ('supabase_read_only_user', 'NOSUPERUSER BYPASSRLS LOGIN INHERIT'),
    ('supabase_realtime_admin', 'NOSUPERUSER CREATEROLE REPLICATION LOGIN NOINHERIT'),
    ('supabase_replication_admin', 'NOSUPERUSER REPLICATION LOGIN INHERIT'),
    ('supabase_storage_admin', 'NOSUPERUSER CREATEROLE LOGIN NOINHERIT')
  ) AS t(name, attrs) LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I %s', r.name, r.attrs);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- another database on this cluster created it concurrently (roles are cluster-wide)
      END;
    END IF;
  END LOOP;
END
$platform$;

-- Memberships, also cluster-wide: a concurrent GRANT of the same membership is not an error.
DO $platform$
DECLARE
  g record;
BEGIN
  FOR g IN SELECT * FROM (VALUES
    ('anon', 'authenticator', false),
    ('anon', 'postgres', false),
    ('anon', 'supabase_realtime_admin', false),
    ('authenticated', 'authenticator', false),
    ('authenticated', 'postgres', false),
    ('authenticated', 'supabase_realtime_admin', false),
    ('authenticator', 'supabase_storage_admin', false),
    ('pg_monitor', 'postgres', false),
    ('pg_read_all_data', 'postgres', false),
    ('pg_read_all_data', 'supabase_read_only_user', false),
    ('pg_signal_backend', 'postgres', false),
    ('service_role', 'authenticator', false),
    ('service_role', 'postgres', false),
    ('service_role', 'supabase_realtime_admin', false),
    ('supabase_functions_admin', 'postgres', false)
  ) AS t(role, member, admin) LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members am
                   WHERE am.roleid = (SELECT oid FROM pg_roles WHERE rolname = g.role)
                     AND am.member = (SELECT oid FROM pg_roles WHERE rolname = g.member)) THEN
      BEGIN
        EXECUTE format('GRANT %I TO %I%s', g.role, g.member, CASE WHEN g.admin THEN ' WITH ADMIN OPTION' ELSE '' END);
      EXCEPTION WHEN unique_violation OR duplicate_object THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$platform$;

-- Schemas -------------------------------------------------------------------------------------
CREATE SCHEMA IF NOT EXISTS auth AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS extensions AUTHORIZATION postgres;
CREATE SCHEMA IF NOT EXISTS graphql_public AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS pgbouncer AUTHORIZATION pgbouncer;
CREATE SCHEMA IF NOT EXISTS realtime AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS storage AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS supabase_functions AUTHORIZATION supabase_admin;
GRANT USAGE ON SCHEMA public TO postgres, anon, authenticated, service_role;

-- Preinstalled extensions vanilla PostgreSQL ships (the others are stand-ins, added by the bootstrap)
CREATE EXTENSION IF NOT EXISTS "pg_stat_statements" WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS "pgcrypto" WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;

-- Types ---------------------------------------------------------------------------------------
CREATE TYPE auth.aal_level AS ENUM ('aal1', 'aal2', 'aal3');
CREATE TYPE auth.code_challenge_method AS ENUM ('s256', 'plain');
CREATE TYPE auth.factor_status AS ENUM ('unverified', 'verified');
CREATE TYPE auth.factor_type AS ENUM ('totp', 'webauthn', 'phone');
CREATE TYPE auth.oauth_authorization_status AS ENUM ('pending', 'approved', 'denied', 'expired');
CREATE TYPE auth.oauth_client_type AS ENUM ('public', 'confidential');
CREATE TYPE auth.oauth_registration_type AS ENUM ('dynamic', 'manual');
CREATE TYPE auth.oauth_response_type AS ENUM ('code');
CREATE TYPE auth.one_time_token_type AS ENUM ('confirmation_token', 'reauthentication_token', 'recovery_token', 'email_change_token_new', 'email_change_token_current', 'phone_change_token');
CREATE TYPE realtime.action AS ENUM ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'ERROR');
CREATE TYPE realtime.equality_op AS ENUM ('eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'like', 'ilike', 'is', 'match', 'imatch', 'isdistinct');
CREATE TYPE realtime.user_defined_filter AS (column_name text, op realtime.equality_op, value text, negate boolean);
CREATE TYPE realtime.wal_column AS (name text, type_name text, type_oid oid, value jsonb, is_pkey boolean, is_selectable boolean);
CREATE TYPE realtime.wal_rls AS (wal jsonb, is_rls_enabled boolean, subscription_ids uuid[], errors text[]);
CREATE TYPE storage.buckettype AS ENUM ('STANDARD', 'ANALYTICS', 'VECTOR');

-- Functions (signatures, owners and grants from the fact sheet; bodies are ours: enough for
-- migrations to call, replace or reference them, not the services' implementations) ----------
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
  select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$$;
CREATE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $$
  select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
$$;
CREATE FUNCTION auth.email() RETURNS text LANGUAGE sql STABLE AS $$
  select coalesce(nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'))::text
$$;
CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $$
  select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;
COMMENT ON FUNCTION auth.role() IS 'Deprecated. Use auth.jwt() -> ''role'' instead.';
COMMENT ON FUNCTION auth.email() IS 'Deprecated. Use auth.jwt() -> ''email'' instead.';

CREATE FUNCTION storage.foldername(name text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  _parts text[];
BEGIN
  select string_to_array(name, '/') into _parts;
  return _parts[1:array_length(_parts, 1) - 1];
END
$$;
CREATE FUNCTION storage.filename(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  _parts text[];
BEGIN
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
END
$$;
CREATE FUNCTION storage.extension(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  _filename text;
BEGIN
  _filename := storage.filename(name);
  return reverse(split_part(reverse(_filename), '.', 1));
END
$$;
CREATE FUNCTION storage.get_size_by_bucket() RETURNS TABLE (size bigint, bucket_id text) LANGUAGE plpgsql STABLE AS $$
BEGIN
  return query select sum((obj.metadata ->> 'size')::bigint) as size, obj.bucket_id from storage.objects as obj group by obj.bucket_id;
END
$$;
CREATE FUNCTION storage.update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$;
CREATE FUNCTION storage.can_insert_object(bucketid text, name text, owner uuid, metadata jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- The storage API probes RLS with this insert and rolls it back.
  INSERT INTO storage.objects (bucket_id, name, owner, metadata) VALUES (bucketid, name, owner, metadata);
END
$$;
CREATE FUNCTION storage.enforce_bucket_name_length() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF length(NEW.name) > 100 THEN
    RAISE EXCEPTION 'bucket name "%" is too long (% characters). Max is 100.', NEW.name, length(NEW.name);
  END IF;
  RETURN NEW;
END
$$;
CREATE FUNCTION storage.protect_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Direct deletes are refused unless the storage API allows them for this transaction.
  IF coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' THEN
    RAISE EXCEPTION 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
      USING HINT = 'This prevents accidental data loss from orphaned objects.';
  END IF;
  RETURN NULL;
END
$$;
CREATE FUNCTION storage.operation() RETURNS text LANGUAGE sql STABLE AS $$
  select current_setting('storage.operation', true)
$$;
CREATE FUNCTION storage.allow_only_operation(expected_operation text) RETURNS boolean LANGUAGE sql STABLE AS $$
  select coalesce(storage.operation() = expected_operation, false)
$$;
CREATE FUNCTION storage.allow_any_operation(expected_operations text[]) RETURNS boolean LANGUAGE sql STABLE AS $$
  select coalesce(storage.operation() = any (expected_operations), false)
$$;
CREATE FUNCTION storage.get_common_prefix(p_key text, p_prefix text, p_delimiter text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  select case when position(p_delimiter in substring(p_key from length(p_prefix) + 1)) > 0
    then left(p_key, length(p_prefix) + position(p_delimiter in substring(p_key from length(p_prefix) + 1))) end
$$;
CREATE FUNCTION storage.list_multipart_uploads_with_delimiter(bucket_id text, prefix_param text, delimiter_param text,
  max_keys integer DEFAULT 100, next_key_token text DEFAULT '', next_upload_token text DEFAULT '')
  RETURNS TABLE (key text, id text, created_at timestamptz) LANGUAGE sql STABLE AS $$
  select u.key, u.id, u.created_at from storage.s3_multipart_uploads u
  where u.bucket_id = $1 and u.key like prefix_param || '%' and u.key > next_key_token
  order by u.key, u.created_at limit max_keys
$$;
CREATE FUNCTION storage.list_objects_with_delimiter(_bucket_id text, prefix_param text, delimiter_param text,
  max_keys integer DEFAULT 100, start_after text DEFAULT '', next_token text DEFAULT '', sort_order text DEFAULT 'asc')
  RETURNS TABLE (name text, id uuid, metadata jsonb, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz)
  LANGUAGE sql STABLE AS $$
  select o.name, o.id, o.metadata, o.updated_at, o.created_at, o.last_accessed_at from storage.objects o
  where o.bucket_id = _bucket_id and o.name like prefix_param || '%' and o.name > coalesce(nullif(next_token, ''), start_after)
  order by o.name limit max_keys
$$;
CREATE FUNCTION storage.search(prefix text, bucketname text, limits integer DEFAULT 100, levels integer DEFAULT 1,
  offsets integer DEFAULT 0, search text DEFAULT '', sortcolumn text DEFAULT 'name', sortorder text DEFAULT 'asc')
  RETURNS TABLE (name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
  LANGUAGE sql STABLE AS $$
  select o.name, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata from storage.objects o
  where o.bucket_id = bucketname and o.name ilike prefix || '%' || search || '%'
  order by o.name limit limits offset offsets
$$;
CREATE FUNCTION storage.search_v2(prefix text, bucket_name text, limits integer DEFAULT 100, levels integer DEFAULT 1,
  start_after text DEFAULT '', sort_order text DEFAULT 'asc', sort_column text DEFAULT 'name', sort_column_after text DEFAULT '')
  RETURNS TABLE (key text, name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
  LANGUAGE sql STABLE AS $$
  select o.name, o.name, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata from storage.objects o
  where o.bucket_id = bucket_name and o.name like prefix || '%' and o.name > start_after
  order by o.name limit limits
$$;
CREATE FUNCTION storage.search_by_timestamp(p_prefix text, p_bucket_id text, p_limit integer, p_level integer,
  p_start_after text, p_sort_order text, p_sort_column text, p_sort_column_after text)
  RETURNS TABLE (key text, name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
  LANGUAGE sql STABLE AS $$
  select o.name, o.name, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata from storage.objects o
  where o.bucket_id = p_bucket_id and o.name like p_prefix || '%'
  order by o.created_at limit p_limit
$$;

CREATE FUNCTION realtime.topic() RETURNS text LANGUAGE sql STABLE AS $$
  select nullif(current_setting('realtime.topic', true), '')::text;
$$;
CREATE FUNCTION realtime.to_regrole(role_name text) RETURNS regrole LANGUAGE sql IMMUTABLE AS $$
  select role_name::regrole
$$;
CREATE FUNCTION realtime.cast(val text, type_ regtype) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  res jsonb;
BEGIN
  EXECUTE format('select to_jsonb(%L::%s)', val, type_) INTO res;
  RETURN res;
END
$$;
CREATE FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  res boolean;
  op_symbol text := case op when 'eq' then '=' when 'neq' then '!=' when 'lt' then '<' when 'lte' then '<='
    when 'gt' then '>' when 'gte' then '>=' when 'in' then '= any' else '=' end;
BEGIN
  EXECUTE format('select %L::%s ' || op_symbol || ' %L::%s', val_1, type_, val_2, type_) INTO res;
  RETURN res;
END
$$;
CREATE FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
  select case when negate then not realtime.check_equality_op(op, type_, val_1, val_2) else realtime.check_equality_op(op, type_, val_1, val_2) end
$$;
CREATE FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[]) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
  select filters is null or array_length(filters, 1) is null or bool_and(
    coalesce(realtime.check_equality_op(f.op, col.type_name::regtype, (col.value #>> '{}'), f.value, coalesce(f.negate, false)), false))
  from unnest(filters) f join unnest(columns) col on col.name = f.column_name
$$;
CREATE FUNCTION realtime.quote_wal2json(entity regclass) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
  select quote_ident(n.nspname) || '.' || quote_ident(c.relname)
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.oid = entity
$$;
CREATE FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) RETURNS text
  LANGUAGE sql AS $$
  select 'prepare ' || prepared_statement_name || ' as select exists(select 1 from ' || entity
    || ' where ' || string_agg(quote_ident(c.name) || ' = ' || quote_nullable(c.value #>> '{}') || '::' || c.type_name, ' and ') || ')'
  from unnest(columns) c where c.is_pkey
$$;
CREATE FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer DEFAULT (1024 * 1024)) RETURNS SETOF realtime.wal_rls
  LANGUAGE plpgsql AS $$
BEGIN
  -- Realtime evaluates row level security for each change; no changes flow in a shadow.
  RETURN;
END
$$;
CREATE FUNCTION realtime.list_changes(publication name, slot_name name, max_changes integer, max_record_bytes integer)
  RETURNS TABLE (wal jsonb, is_rls_enabled boolean, subscription_ids uuid[], errors text[], slot_changes_count bigint)
  LANGUAGE sql AS $$
  select null::jsonb, null::boolean, null::uuid[], null::text[], null::bigint where false
$$;
CREATE FUNCTION realtime.subscription_check_filters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Realtime validates the filter columns against the entity; accepted as given here.
  RETURN NEW;
END
$$;
CREATE FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean DEFAULT true) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    EXECUTE format('SET LOCAL realtime.topic TO %L', topic);
    INSERT INTO realtime.messages (payload, event, topic, private, extension) VALUES (payload, event, topic, private, 'broadcast');
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'ErrorSendingBroadcastMessage: %', SQLERRM;
  END;
END
$$;
CREATE FUNCTION realtime.send_binary(payload bytea, event text, topic text, private boolean DEFAULT true) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    EXECUTE format('SET LOCAL realtime.topic TO %L', topic);
    INSERT INTO realtime.messages (binary_payload, event, topic, private, extension) VALUES (payload, event, topic, private, 'broadcast');
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'ErrorSendingBroadcastMessage: %', SQLERRM;
  END;
END
$$;
CREATE FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text DEFAULT 'ROW') RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF level = 'STATEMENT' THEN
    RAISE EXCEPTION 'function can only be triggered for each row, not for each statement';
  END IF;
  PERFORM realtime.send(jsonb_build_object('operation', operation, 'table', table_name, 'schema', table_schema,
    'record', to_jsonb(new), 'old_record', to_jsonb(old)), event_name, topic_name, true);
END
$$;

CREATE FUNCTION graphql_public.graphql("operationName" text DEFAULT NULL, query text DEFAULT NULL,
  variables jsonb DEFAULT NULL, extensions jsonb DEFAULT NULL) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
  RETURN jsonb_build_object('errors', jsonb_build_array(jsonb_build_object('message', 'pg_graphql is not enabled')));
END
$$;

-- Database webhooks: the dashboard's triggers call this with (url, method, headers, params, timeout_ms).
CREATE FUNCTION supabase_functions.http_request() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = supabase_functions AS $$
DECLARE
  request_id bigint;
  url text := TG_ARGV[0]::text;
  method text := TG_ARGV[1]::text;
  headers jsonb := coalesce(nullif(TG_ARGV[2], 'null')::jsonb, '{"Content-Type": "application/json"}'::jsonb);
  params jsonb := coalesce(nullif(TG_ARGV[3], 'null')::jsonb, '{}'::jsonb);
  timeout_ms integer := coalesce(nullif(TG_ARGV[4], 'null')::integer, 1000);
BEGIN
  IF url IS NULL OR url = 'null' THEN
    RAISE EXCEPTION 'url argument is missing';
  END IF;
  IF method IS NULL OR method = 'null' THEN
    RAISE EXCEPTION 'method argument is missing';
  END IF;
  IF method = 'GET' THEN
    SELECT net.http_get(url, params, headers, timeout_ms) INTO request_id;
  ELSIF method = 'POST' THEN
    SELECT net.http_post(url, jsonb_build_object('old_record', OLD, 'record', NEW, 'type', TG_OP,
      'table', TG_TABLE_NAME, 'schema', TG_TABLE_SCHEMA), params, headers, timeout_ms) INTO request_id;
  ELSE
    RAISE EXCEPTION 'method argument % is invalid', method;
  END IF;
  INSERT INTO supabase_functions.hooks (hook_table_id, hook_name, request_id) VALUES (TG_RELID, TG_NAME, request_id);
  RETURN NEW;
END
$$;

CREATE FUNCTION pgbouncer.get_auth(p_usename text) RETURNS TABLE (username text, password text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN QUERY SELECT rolname::text, rolpassword::text FROM pg_catalog.pg_authid WHERE rolname = p_usename AND rolcanlogin;
END;
$$;

-- Event trigger functions: the platform's reactions to DDL (PostgREST reload, extension grants).
CREATE FUNCTION extensions.pgrst_ddl_watch() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  NOTIFY pgrst, 'reload schema';
END;
$$;
CREATE FUNCTION extensions.pgrst_drop_watch() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  NOTIFY pgrst, 'reload schema';
END;
$$;
-- The three grant_* functions give the API roles what the platform gives them when a migration
-- creates pg_cron, pg_net or pg_graphql; a failure here must not fail the migration's DDL.
CREATE FUNCTION extensions.grant_pg_cron_access() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() ev JOIN pg_catalog.pg_extension e ON ev.objid = e.oid WHERE e.extname = 'pg_cron')
     AND EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'cron') THEN
    BEGIN
      GRANT USAGE ON SCHEMA cron TO postgres WITH GRANT OPTION;
      GRANT ALL ON ALL TABLES IN SCHEMA cron TO postgres WITH GRANT OPTION;
      GRANT ALL ON ALL SEQUENCES IN SCHEMA cron TO postgres WITH GRANT OPTION;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'grant_pg_cron_access: %', SQLERRM;
    END;
  END IF;
END;
$$;
CREATE FUNCTION extensions.grant_pg_net_access() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() ev JOIN pg_catalog.pg_extension e ON ev.objid = e.oid WHERE e.extname = 'pg_net')
     AND EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'net') THEN
    BEGIN
      GRANT USAGE ON SCHEMA net TO supabase_functions_admin, postgres, anon, authenticated, service_role;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA net TO supabase_functions_admin, postgres, anon, authenticated, service_role;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'grant_pg_net_access: %', SQLERRM;
    END;
  END IF;
END;
$$;
CREATE FUNCTION extensions.grant_pg_graphql_access() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() ev WHERE ev.object_identity LIKE 'graphql.resolve(%') THEN
    BEGIN
      GRANT USAGE ON SCHEMA graphql TO postgres, anon, authenticated, service_role;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphql TO postgres, anon, authenticated, service_role;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'grant_pg_graphql_access: %', SQLERRM;
    END;
  END IF;
END;
$$;
CREATE FUNCTION extensions.set_graphql_placeholder() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  -- pg_graphql was dropped: graphql_public.graphql answers with an error again (it already does here).
  NULL;
END;
$$;

-- Tables (columns, defaults and constraints as the fact sheet lists them) -----------------------
CREATE SEQUENCE auth.refresh_tokens_id_seq;
CREATE SEQUENCE supabase_functions.hooks_id_seq;
CREATE TABLE auth.audit_log_entries (
  instance_id uuid,
  id uuid NOT NULL,
  payload json,
  created_at timestamp with time zone,
  ip_address character varying(64) DEFAULT ''::character varying NOT NULL,
  CONSTRAINT audit_log_entries_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.custom_oauth_providers (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  provider_type text NOT NULL,
  identifier text NOT NULL,
  name text NOT NULL,
  client_id text NOT NULL,
  client_secret text NOT NULL,
  acceptable_client_ids text[] DEFAULT '{}'::text[] NOT NULL,
  scopes text[] DEFAULT '{}'::text[] NOT NULL,
  pkce_enabled boolean DEFAULT true NOT NULL,
  attribute_mapping jsonb DEFAULT '{}'::jsonb NOT NULL,
  authorization_params jsonb DEFAULT '{}'::jsonb NOT NULL,
  enabled boolean DEFAULT true NOT NULL,
  email_optional boolean DEFAULT false NOT NULL,
  issuer text,
  discovery_url text,
  skip_nonce_check boolean DEFAULT false NOT NULL,
  cached_discovery jsonb,
  discovery_cached_at timestamp with time zone,
  authorization_url text,
  token_url text,
  userinfo_url text,
  jwks_uri text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  custom_claims_allowlist text[] DEFAULT '{}'::text[] NOT NULL,
  CONSTRAINT custom_oauth_providers_authorization_url_https CHECK (((authorization_url IS NULL) OR (authorization_url ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_authorization_url_length CHECK (((authorization_url IS NULL) OR (char_length(authorization_url) <= 2048))),
  CONSTRAINT custom_oauth_providers_client_id_length CHECK (((char_length(client_id) >= 1) AND (char_length(client_id) <= 512))),
  CONSTRAINT custom_oauth_providers_discovery_url_length CHECK (((discovery_url IS NULL) OR (char_length(discovery_url) <= 2048))),
  CONSTRAINT custom_oauth_providers_identifier_format CHECK ((identifier ~ '^[a-z0-9][a-z0-9:-]{0,48}[a-z0-9]$'::text)),
  CONSTRAINT custom_oauth_providers_identifier_key UNIQUE (identifier),
  CONSTRAINT custom_oauth_providers_issuer_length CHECK (((issuer IS NULL) OR ((char_length(issuer) >= 1) AND (char_length(issuer) <= 2048)))),
  CONSTRAINT custom_oauth_providers_jwks_uri_https CHECK (((jwks_uri IS NULL) OR (jwks_uri ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_jwks_uri_length CHECK (((jwks_uri IS NULL) OR (char_length(jwks_uri) <= 2048))),
  CONSTRAINT custom_oauth_providers_name_length CHECK (((char_length(name) >= 1) AND (char_length(name) <= 100))),
  CONSTRAINT custom_oauth_providers_oauth2_requires_endpoints CHECK (((provider_type <> 'oauth2'::text) OR ((authorization_url IS NOT NULL) AND (token_url IS NOT NULL) AND (userinfo_url IS NOT NULL)))),
  CONSTRAINT custom_oauth_providers_oidc_discovery_url_https CHECK (((provider_type <> 'oidc'::text) OR (discovery_url IS NULL) OR (discovery_url ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_oidc_issuer_https CHECK (((provider_type <> 'oidc'::text) OR (issuer IS NULL) OR (issuer ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_oidc_requires_issuer CHECK (((provider_type <> 'oidc'::text) OR (issuer IS NOT NULL))),
  CONSTRAINT custom_oauth_providers_pkey PRIMARY KEY (id),
  CONSTRAINT custom_oauth_providers_provider_type_check CHECK ((provider_type = ANY (ARRAY['oauth2'::text, 'oidc'::text]))),
  CONSTRAINT custom_oauth_providers_token_url_https CHECK (((token_url IS NULL) OR (token_url ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_token_url_length CHECK (((token_url IS NULL) OR (char_length(token_url) <= 2048))),
  CONSTRAINT custom_oauth_providers_userinfo_url_https CHECK (((userinfo_url IS NULL) OR (userinfo_url ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_userinfo_url_length CHECK (((userinfo_url IS NULL) OR (char_length(userinfo_url) <= 2048)))
);
CREATE TABLE auth.flow_state (
  id uuid NOT NULL,
  user_id uuid,
  auth_code text,
  code_challenge_method auth.code_challenge_method,
  code_challenge text,
  provider_type text NOT NULL,
  provider_access_token text,
  provider_refresh_token text,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  authentication_method text NOT NULL,
  auth_code_issued_at timestamp with time zone,
  invite_token text,
  referrer text,
  oauth_client_state_id uuid,
  linking_target_id uuid,
  email_optional boolean DEFAULT false NOT NULL,
  CONSTRAINT flow_state_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.identities (
  provider_id text NOT NULL,
  user_id uuid NOT NULL,
  identity_data jsonb NOT NULL,
  provider text NOT NULL,
  last_sign_in_at timestamp with time zone,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  email text GENERATED ALWAYS AS (lower((identity_data ->> 'email'::text))) STORED,
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  CONSTRAINT identities_pkey PRIMARY KEY (id),
  CONSTRAINT identities_provider_id_provider_unique UNIQUE (provider_id, provider)
);
CREATE TABLE auth.instances (
  id uuid NOT NULL,
  uuid uuid,
  raw_base_config text,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  CONSTRAINT instances_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.mfa_amr_claims (
  session_id uuid NOT NULL,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  authentication_method text NOT NULL,
  id uuid NOT NULL,
  CONSTRAINT amr_id_pk PRIMARY KEY (id),
  CONSTRAINT mfa_amr_claims_session_id_authentication_method_pkey UNIQUE (session_id, authentication_method)
);
CREATE TABLE auth.mfa_challenges (
  id uuid NOT NULL,
  factor_id uuid NOT NULL,
  created_at timestamp with time zone NOT NULL,
  verified_at timestamp with time zone,
  ip_address inet NOT NULL,
  otp_code text,
  web_authn_session_data jsonb,
  CONSTRAINT mfa_challenges_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.mfa_factors (
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  friendly_name text,
  factor_type auth.factor_type NOT NULL,
  status auth.factor_status NOT NULL,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  secret text,
  phone text,
  last_challenged_at timestamp with time zone,
  web_authn_credential jsonb,
  web_authn_aaguid uuid,
  last_webauthn_challenge_data jsonb,
  CONSTRAINT mfa_factors_last_challenged_at_key UNIQUE (last_challenged_at),
  CONSTRAINT mfa_factors_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.oauth_authorizations (
  id uuid NOT NULL,
  authorization_id text NOT NULL,
  client_id uuid NOT NULL,
  user_id uuid,
  redirect_uri text NOT NULL,
  scope text NOT NULL,
  state text,
  resource text,
  code_challenge text,
  code_challenge_method auth.code_challenge_method,
  response_type auth.oauth_response_type DEFAULT 'code'::auth.oauth_response_type NOT NULL,
  status auth.oauth_authorization_status DEFAULT 'pending'::auth.oauth_authorization_status NOT NULL,
  authorization_code text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  expires_at timestamp with time zone DEFAULT (now() + '00:03:00'::interval) NOT NULL,
  approved_at timestamp with time zone,
  nonce text,
  CONSTRAINT oauth_authorizations_authorization_code_key UNIQUE (authorization_code),
  CONSTRAINT oauth_authorizations_authorization_code_length CHECK ((char_length(authorization_code) <= 255)),
  CONSTRAINT oauth_authorizations_authorization_id_key UNIQUE (authorization_id),
  CONSTRAINT oauth_authorizations_code_challenge_length CHECK ((char_length(code_challenge) <= 128)),
  CONSTRAINT oauth_authorizations_expires_at_future CHECK ((expires_at > created_at)),
  CONSTRAINT oauth_authorizations_nonce_length CHECK ((char_length(nonce) <= 255)),
  CONSTRAINT oauth_authorizations_pkey PRIMARY KEY (id),
  CONSTRAINT oauth_authorizations_redirect_uri_length CHECK ((char_length(redirect_uri) <= 2048)),
  CONSTRAINT oauth_authorizations_resource_length CHECK ((char_length(resource) <= 2048)),
  CONSTRAINT oauth_authorizations_scope_length CHECK ((char_length(scope) <= 4096)),
  CONSTRAINT oauth_authorizations_state_length CHECK ((char_length(state) <= 4096))
);
CREATE TABLE auth.oauth_client_states (
  id uuid NOT NULL,
  provider_type text NOT NULL,
  code_verifier text,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT oauth_client_states_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.oauth_clients (
  id uuid NOT NULL,
  client_secret_hash text,
  registration_type auth.oauth_registration_type NOT NULL,
  redirect_uris text NOT NULL,
  grant_types text NOT NULL,
  client_name text,
  client_uri text,
  logo_uri text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  deleted_at timestamp with time zone,
  client_type auth.oauth_client_type DEFAULT 'confidential'::auth.oauth_client_type NOT NULL,
  token_endpoint_auth_method text NOT NULL,
  CONSTRAINT oauth_clients_client_name_length CHECK ((char_length(client_name) <= 1024)),
  CONSTRAINT oauth_clients_client_uri_length CHECK ((char_length(client_uri) <= 2048)),
  CONSTRAINT oauth_clients_logo_uri_length CHECK ((char_length(logo_uri) <= 2048)),
  CONSTRAINT oauth_clients_pkey PRIMARY KEY (id),
  CONSTRAINT oauth_clients_token_endpoint_auth_method_check CHECK ((token_endpoint_auth_method = ANY (ARRAY['client_secret_basic'::text, 'client_secret_post'::text, 'none'::text])))
);
CREATE TABLE auth.oauth_consents (
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  client_id uuid NOT NULL,
  scopes text NOT NULL,
  granted_at timestamp with time zone DEFAULT now() NOT NULL,
  revoked_at timestamp with time zone,
  CONSTRAINT oauth_consents_pkey PRIMARY KEY (id),
  CONSTRAINT oauth_consents_revoked_after_granted CHECK (((revoked_at IS NULL) OR (revoked_at >= granted_at))),
  CONSTRAINT oauth_consents_scopes_length CHECK ((char_length(scopes) <= 2048)),
  CONSTRAINT oauth_consents_scopes_not_empty CHECK ((char_length(TRIM(BOTH FROM scopes)) > 0)),
  CONSTRAINT oauth_consents_user_client_unique UNIQUE (user_id, client_id)
);
CREATE TABLE auth.one_time_tokens (
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  token_type auth.one_time_token_type NOT NULL,
  token_hash text NOT NULL,
  relates_to text NOT NULL,
  created_at timestamp without time zone DEFAULT now() NOT NULL,
  updated_at timestamp without time zone DEFAULT now() NOT NULL,
  CONSTRAINT one_time_tokens_pkey PRIMARY KEY (id),
  CONSTRAINT one_time_tokens_token_hash_check CHECK ((char_length(token_hash) > 0))
);
CREATE TABLE auth.refresh_tokens (
  instance_id uuid,
  id bigint DEFAULT nextval('auth.refresh_tokens_id_seq'::regclass) NOT NULL,
  token character varying(255),
  user_id character varying(255),
  revoked boolean,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  parent character varying(255),
  session_id uuid,
  CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id),
  CONSTRAINT refresh_tokens_token_unique UNIQUE (token)
);
CREATE TABLE auth.saml_providers (
  id uuid NOT NULL,
  sso_provider_id uuid NOT NULL,
  entity_id text NOT NULL,
  metadata_xml text NOT NULL,
  metadata_url text,
  attribute_mapping jsonb,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  name_id_format text,
  CONSTRAINT "entity_id not empty" CHECK ((char_length(entity_id) > 0)),
  CONSTRAINT "metadata_url not empty" CHECK (((metadata_url = NULL::text) OR (char_length(metadata_url) > 0))),
  CONSTRAINT "metadata_xml not empty" CHECK ((char_length(metadata_xml) > 0)),
  CONSTRAINT saml_providers_entity_id_key UNIQUE (entity_id),
  CONSTRAINT saml_providers_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.saml_relay_states (
  id uuid NOT NULL,
  sso_provider_id uuid NOT NULL,
  request_id text NOT NULL,
  for_email text,
  redirect_to text,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  flow_state_id uuid,
  CONSTRAINT "request_id not empty" CHECK ((char_length(request_id) > 0)),
  CONSTRAINT saml_relay_states_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.schema_migrations (
  version character varying(255) NOT NULL,
  CONSTRAINT schema_migrations_pkey PRIMARY KEY (version)
);
CREATE TABLE auth.sessions (
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamp with time zone,
  refreshed_at timestamp without time zone,
  user_agent text,
  ip inet,
  tag text,
  oauth_client_id uuid,
  refresh_token_hmac_key text,
  refresh_token_counter bigint,
  scopes text,
  CONSTRAINT sessions_pkey PRIMARY KEY (id),
  CONSTRAINT sessions_scopes_length CHECK ((char_length(scopes) <= 4096))
);
CREATE TABLE auth.sso_domains (
  id uuid NOT NULL,
  sso_provider_id uuid NOT NULL,
  domain text NOT NULL,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  CONSTRAINT "domain not empty" CHECK ((char_length(domain) > 0)),
  CONSTRAINT sso_domains_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.sso_providers (
  id uuid NOT NULL,
  resource_id text,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  disabled boolean,
  CONSTRAINT "resource_id not empty" CHECK (((resource_id = NULL::text) OR (char_length(resource_id) > 0))),
  CONSTRAINT sso_providers_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.users (
  instance_id uuid,
  id uuid NOT NULL,
  aud character varying(255),
  role character varying(255),
  email character varying(255),
  encrypted_password character varying(255),
  email_confirmed_at timestamp with time zone,
  invited_at timestamp with time zone,
  confirmation_token character varying(255),
  confirmation_sent_at timestamp with time zone,
  recovery_token character varying(255),
  recovery_sent_at timestamp with time zone,
  email_change_token_new character varying(255),
  email_change character varying(255),
  email_change_sent_at timestamp with time zone,
  last_sign_in_at timestamp with time zone,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  phone text DEFAULT NULL::character varying,
  phone_confirmed_at timestamp with time zone,
  phone_change text DEFAULT ''::character varying,
  phone_change_token character varying(255) DEFAULT ''::character varying,
  phone_change_sent_at timestamp with time zone,
  confirmed_at timestamp with time zone GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
  email_change_token_current character varying(255) DEFAULT ''::character varying,
  email_change_confirm_status smallint DEFAULT 0,
  banned_until timestamp with time zone,
  reauthentication_token character varying(255) DEFAULT ''::character varying,
  reauthentication_sent_at timestamp with time zone,
  is_sso_user boolean DEFAULT false NOT NULL,
  deleted_at timestamp with time zone,
  is_anonymous boolean DEFAULT false NOT NULL,
  CONSTRAINT users_email_change_confirm_status_check CHECK (((email_change_confirm_status >= 0) AND (email_change_confirm_status <= 2))),
  CONSTRAINT users_phone_key UNIQUE (phone),
  CONSTRAINT users_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.webauthn_challenges (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid,
  challenge_type text NOT NULL,
  session_data jsonb NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  expires_at timestamp with time zone NOT NULL,
  CONSTRAINT webauthn_challenges_challenge_type_check CHECK ((challenge_type = ANY (ARRAY['signup'::text, 'registration'::text, 'authentication'::text]))),
  CONSTRAINT webauthn_challenges_pkey PRIMARY KEY (id)
);
CREATE TABLE auth.webauthn_credentials (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL,
  credential_id bytea NOT NULL,
  public_key bytea NOT NULL,
  attestation_type text DEFAULT ''::text NOT NULL,
  aaguid uuid,
  sign_count bigint DEFAULT 0 NOT NULL,
  transports jsonb DEFAULT '[]'::jsonb NOT NULL,
  backup_eligible boolean DEFAULT false NOT NULL,
  backed_up boolean DEFAULT false NOT NULL,
  friendly_name text DEFAULT ''::text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  last_used_at timestamp with time zone,
  CONSTRAINT webauthn_credentials_pkey PRIMARY KEY (id)
);
CREATE TABLE realtime.messages (
  topic text NOT NULL,
  extension text NOT NULL,
  payload jsonb,
  event text,
  private boolean DEFAULT false,
  updated_at timestamp without time zone DEFAULT now() NOT NULL,
  inserted_at timestamp without time zone DEFAULT now() NOT NULL,
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  binary_payload bytea,
  CONSTRAINT messages_pkey PRIMARY KEY (id, inserted_at)
) PARTITION BY RANGE (inserted_at);
CREATE TABLE realtime.schema_migrations (
  version bigint NOT NULL,
  inserted_at timestamp(0) without time zone,
  CONSTRAINT schema_migrations_pkey PRIMARY KEY (version)
);
CREATE TABLE realtime.subscription (
  id bigint GENERATED ALWAYS AS IDENTITY,
  subscription_id uuid NOT NULL,
  entity regclass NOT NULL,
  filters realtime.user_defined_filter[] DEFAULT '{}'::realtime.user_defined_filter[] NOT NULL,
  claims jsonb NOT NULL,
  claims_role regrole GENERATED ALWAYS AS (realtime.to_regrole((claims ->> 'role'::text))) STORED NOT NULL,
  created_at timestamp without time zone DEFAULT timezone('utc'::text, now()) NOT NULL,
  action_filter text DEFAULT '*'::text,
  selected_columns text[],
  CONSTRAINT pk_subscription PRIMARY KEY (id),
  CONSTRAINT subscription_action_filter_check CHECK ((action_filter = ANY (ARRAY['*'::text, 'INSERT'::text, 'UPDATE'::text, 'DELETE'::text])))
);
CREATE TABLE storage.buckets (
  id text NOT NULL,
  name text NOT NULL,
  owner uuid,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  public boolean DEFAULT false,
  avif_autodetection boolean DEFAULT false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text,
  type storage.buckettype DEFAULT 'STANDARD'::storage.buckettype NOT NULL,
  versioning_status text DEFAULT 'DISABLED'::text NOT NULL,
  CONSTRAINT buckets_pkey PRIMARY KEY (id),
  CONSTRAINT buckets_versioning_dark_check CHECK ((versioning_status = 'DISABLED'::text)),
  CONSTRAINT buckets_versioning_standard_only_check CHECK (((type = 'STANDARD'::storage.buckettype) OR (versioning_status = 'DISABLED'::text))),
  CONSTRAINT buckets_versioning_status_check CHECK ((versioning_status = ANY (ARRAY['DISABLED'::text, 'ENABLED'::text, 'SUSPENDED'::text])))
);
CREATE TABLE storage.buckets_analytics (
  name text NOT NULL,
  type storage.buckettype DEFAULT 'ANALYTICS'::storage.buckettype NOT NULL,
  format text DEFAULT 'ICEBERG'::text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  deleted_at timestamp with time zone,
  CONSTRAINT buckets_analytics_pkey PRIMARY KEY (id)
);
CREATE TABLE storage.buckets_vectors (
  id text NOT NULL,
  type storage.buckettype DEFAULT 'VECTOR'::storage.buckettype NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT buckets_vectors_pkey PRIMARY KEY (id)
);
CREATE TABLE storage.iceberg_namespaces (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  bucket_name text NOT NULL,
  name text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
  catalog_id uuid NOT NULL,
  CONSTRAINT iceberg_namespaces_pkey PRIMARY KEY (id)
);
CREATE TABLE storage.iceberg_tables (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  namespace_id uuid NOT NULL,
  bucket_name text NOT NULL,
  name text NOT NULL,
  location text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  remote_table_id text,
  shard_key text,
  shard_id text,
  catalog_id uuid NOT NULL,
  CONSTRAINT iceberg_tables_pkey PRIMARY KEY (id)
);
CREATE TABLE storage.migrations (
  id integer NOT NULL,
  name character varying(100) NOT NULL,
  hash character varying(40) NOT NULL,
  executed_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT migrations_name_key UNIQUE (name),
  CONSTRAINT migrations_pkey PRIMARY KEY (id)
);
CREATE TABLE storage.objects (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  bucket_id text,
  name text,
  owner uuid,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  last_accessed_at timestamp with time zone DEFAULT now(),
  metadata jsonb,
  path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/'::text)) STORED,
  version text,
  owner_id text,
  user_metadata jsonb,
  archived_at timestamp with time zone,
  is_delete_marker boolean DEFAULT false NOT NULL,
  is_versioned boolean DEFAULT false NOT NULL,
  CONSTRAINT objects_pkey PRIMARY KEY (id)
);
CREATE TABLE storage.s3_multipart_uploads (
  id text NOT NULL,
  in_progress_size bigint DEFAULT 0 NOT NULL,
  upload_signature text NOT NULL,
  bucket_id text NOT NULL,
  key text NOT NULL,
  version text NOT NULL,
  owner_id text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  user_metadata jsonb,
  metadata jsonb,
  CONSTRAINT s3_multipart_uploads_pkey PRIMARY KEY (id)
);
CREATE TABLE storage.s3_multipart_uploads_parts (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  upload_id text NOT NULL,
  size bigint DEFAULT 0 NOT NULL,
  part_number integer NOT NULL,
  bucket_id text NOT NULL,
  key text NOT NULL,
  etag text NOT NULL,
  owner_id text,
  version text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT s3_multipart_uploads_parts_pkey PRIMARY KEY (id)
);
CREATE TABLE storage.vector_indexes (
  id text DEFAULT gen_random_uuid() NOT NULL,
  name text NOT NULL,
  bucket_id text NOT NULL,
  data_type text NOT NULL,
  dimension integer NOT NULL,
  distance_metric text NOT NULL,
  metadata_configuration jsonb,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT vector_indexes_pkey PRIMARY KEY (id)
);
CREATE TABLE supabase_functions.hooks (
  id bigint DEFAULT nextval('supabase_functions.hooks_id_seq'::regclass) NOT NULL,
  hook_table_id integer NOT NULL,
  hook_name text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  request_id bigint,
  CONSTRAINT hooks_pkey PRIMARY KEY (id)
);
CREATE TABLE supabase_functions.migrations (
  version text NOT NULL,
  inserted_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT migrations_pkey PRIMARY KEY (version)
);
ALTER TABLE auth.identities ADD CONSTRAINT identities_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;
ALTER TABLE auth.mfa_amr_claims ADD CONSTRAINT mfa_amr_claims_session_id_fkey FOREIGN KEY (session_id) REFERENCES auth.sessions(id) ON DELETE CASCADE;
ALTER TABLE auth.mfa_challenges ADD CONSTRAINT mfa_challenges_auth_factor_id_fkey FOREIGN KEY (factor_id) REFERENCES auth.mfa_factors(id) ON DELETE CASCADE;
ALTER TABLE auth.mfa_factors ADD CONSTRAINT mfa_factors_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;
ALTER TABLE auth.oauth_authorizations ADD CONSTRAINT oauth_authorizations_client_id_fkey FOREIGN KEY (client_id) REFERENCES auth.oauth_clients(id) ON DELETE CASCADE;
ALTER TABLE auth.oauth_authorizations ADD CONSTRAINT oauth_authorizations_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;
ALTER TABLE auth.oauth_consents ADD CONSTRAINT oauth_consents_client_id_fkey FOREIGN KEY (client_id) REFERENCES auth.oauth_clients(id) ON DELETE CASCADE;
ALTER TABLE auth.oauth_consents ADD CONSTRAINT oauth_consents_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;
ALTER TABLE auth.one_time_tokens ADD CONSTRAINT one_time_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;
ALTER TABLE auth.refresh_tokens ADD CONSTRAINT refresh_tokens_session_id_fkey FOREIGN KEY (session_id) REFERENCES auth.sessions(id) ON DELETE CASCADE;
ALTER TABLE auth.saml_providers ADD CONSTRAINT saml_providers_sso_provider_id_fkey FOREIGN KEY (sso_provider_id) REFERENCES auth.sso_providers(id) ON DELETE CASCADE;
ALTER TABLE auth.saml_relay_states ADD CONSTRAINT saml_relay_states_flow_state_id_fkey FOREIGN KEY (flow_state_id) REFERENCES auth.flow_state(id) ON DELETE CASCADE;
ALTER TABLE auth.saml_relay_states ADD CONSTRAINT saml_relay_states_sso_provider_id_fkey FOREIGN KEY (sso_provider_id) REFERENCES auth.sso_providers(id) ON DELETE CASCADE;
ALTER TABLE auth.sessions ADD CONSTRAINT sessions_oauth_client_id_fkey FOREIGN KEY (oauth_client_id) REFERENCES auth.oauth_clients(id) ON DELETE CASCADE;
ALTER TABLE auth.sessions ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;
ALTER TABLE auth.sso_domains ADD CONSTRAINT sso_domains_sso_provider_id_fkey FOREIGN KEY (sso_provider_id) REFERENCES auth.sso_providers(id) ON DELETE CASCADE;
ALTER TABLE auth.webauthn_challenges ADD CONSTRAINT webauthn_challenges_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;
ALTER TABLE auth.webauthn_credentials ADD CONSTRAINT webauthn_credentials_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE;
ALTER TABLE realtime.messages ADD CONSTRAINT messages_payload_exclusive CHECK (((payload IS NULL) OR (binary_payload IS NULL))) NOT VALID;
ALTER TABLE storage.iceberg_namespaces ADD CONSTRAINT iceberg_namespaces_catalog_id_fkey FOREIGN KEY (catalog_id) REFERENCES storage.buckets_analytics(id) ON DELETE CASCADE;
ALTER TABLE storage.iceberg_tables ADD CONSTRAINT iceberg_tables_catalog_id_fkey FOREIGN KEY (catalog_id) REFERENCES storage.buckets_analytics(id) ON DELETE CASCADE;
ALTER TABLE storage.iceberg_tables ADD CONSTRAINT iceberg_tables_namespace_id_fkey FOREIGN KEY (namespace_id) REFERENCES storage.iceberg_namespaces(id) ON DELETE CASCADE;
ALTER TABLE storage.objects ADD CONSTRAINT "objects_bucketId_fkey" FOREIGN KEY (bucket_id) REFERENCES storage.buckets(id);
ALTER TABLE storage.s3_multipart_uploads ADD CONSTRAINT s3_multipart_uploads_bucket_id_fkey FOREIGN KEY (bucket_id) REFERENCES storage.buckets(id);
ALTER TABLE storage.s3_multipart_uploads_parts ADD CONSTRAINT s3_multipart_uploads_parts_bucket_id_fkey FOREIGN KEY (bucket_id) REFERENCES storage.buckets(id);
ALTER TABLE storage.s3_multipart_uploads_parts ADD CONSTRAINT s3_multipart_uploads_parts_upload_id_fkey FOREIGN KEY (upload_id) REFERENCES storage.s3_multipart_uploads(id) ON DELETE CASCADE;
ALTER TABLE storage.vector_indexes ADD CONSTRAINT vector_indexes_bucket_id_fkey FOREIGN KEY (bucket_id) REFERENCES storage.buckets_vectors(id);

-- Indexes migrations rely on (ON CONFLICT targets, the storage API's lookups) ----------------
CREATE UNIQUE INDEX users_email_partial_key ON auth.users (email) WHERE (is_sso_user = false);
CREATE INDEX users_instance_id_idx ON auth.users (instance_id);
CREATE UNIQUE INDEX confirmation_token_idx ON auth.users (confirmation_token) WHERE confirmation_token !~ '^[0-9 ]*$';
CREATE INDEX identities_user_id_idx ON auth.identities (user_id);
CREATE INDEX sessions_user_id_idx ON auth.sessions (user_id);
CREATE INDEX refresh_tokens_session_id_revoked_idx ON auth.refresh_tokens (session_id, revoked);
CREATE INDEX mfa_factors_user_id_idx ON auth.mfa_factors (user_id);
CREATE UNIQUE INDEX bname ON storage.buckets USING btree (name);
CREATE UNIQUE INDEX bucketid_objname ON storage.objects USING btree (bucket_id, name);
CREATE INDEX name_prefix_search ON storage.objects USING btree (name text_pattern_ops);
CREATE INDEX ix_realtime_subscription_entity ON realtime.subscription USING btree (entity);
CREATE INDEX messages_inserted_at_topic_index ON ONLY realtime.messages (inserted_at DESC, topic) WHERE extension = 'broadcast' AND private IS TRUE;
CREATE INDEX supabase_functions_hooks_request_id_idx ON supabase_functions.hooks USING btree (request_id);
CREATE INDEX supabase_functions_hooks_h_table_id_h_name_idx ON supabase_functions.hooks USING btree (hook_table_id, hook_name);

COMMENT ON TABLE auth.users IS 'Auth: Stores user login data within a secure schema.';
COMMENT ON COLUMN storage.buckets.owner IS 'Field is deprecated, use owner_id instead';
COMMENT ON TABLE supabase_functions.hooks IS 'Supabase Functions Hooks: Audit trail for triggered hooks.';

-- Triggers ------------------------------------------------------------------------------------
CREATE TRIGGER tr_check_filters BEFORE INSERT OR UPDATE ON realtime.subscription FOR EACH ROW EXECUTE FUNCTION realtime.subscription_check_filters();
CREATE TRIGGER enforce_bucket_name_length_trigger BEFORE INSERT OR UPDATE OF name ON storage.buckets FOR EACH ROW EXECUTE FUNCTION storage.enforce_bucket_name_length();
CREATE TRIGGER protect_buckets_delete BEFORE DELETE ON storage.buckets FOR EACH STATEMENT EXECUTE FUNCTION storage.protect_delete();
CREATE TRIGGER protect_objects_delete BEFORE DELETE ON storage.objects FOR EACH STATEMENT EXECUTE FUNCTION storage.protect_delete();
CREATE TRIGGER update_objects_updated_at BEFORE UPDATE ON storage.objects FOR EACH ROW EXECUTE FUNCTION storage.update_updated_at_column();

-- Ownership: platform objects belong to platform roles (scoping decides by this) ------------
ALTER TYPE auth.aal_level OWNER TO supabase_auth_admin;
ALTER TYPE auth.code_challenge_method OWNER TO supabase_auth_admin;
ALTER TYPE auth.factor_status OWNER TO supabase_auth_admin;
ALTER TYPE auth.factor_type OWNER TO supabase_auth_admin;
ALTER TYPE auth.oauth_authorization_status OWNER TO supabase_auth_admin;
ALTER TYPE auth.oauth_client_type OWNER TO supabase_auth_admin;
ALTER TYPE auth.oauth_registration_type OWNER TO supabase_auth_admin;
ALTER TYPE auth.oauth_response_type OWNER TO supabase_auth_admin;
ALTER TYPE auth.one_time_token_type OWNER TO supabase_auth_admin;
ALTER TYPE realtime.action OWNER TO supabase_realtime_admin;
ALTER TYPE realtime.equality_op OWNER TO supabase_realtime_admin;
ALTER TYPE realtime.user_defined_filter OWNER TO supabase_realtime_admin;
ALTER TYPE realtime.wal_column OWNER TO supabase_realtime_admin;
ALTER TYPE realtime.wal_rls OWNER TO supabase_realtime_admin;
ALTER TYPE storage.buckettype OWNER TO supabase_storage_admin;
ALTER TABLE auth.audit_log_entries OWNER TO supabase_auth_admin;
ALTER TABLE auth.custom_oauth_providers OWNER TO supabase_auth_admin;
ALTER TABLE auth.flow_state OWNER TO supabase_auth_admin;
ALTER TABLE auth.identities OWNER TO supabase_auth_admin;
ALTER TABLE auth.instances OWNER TO supabase_auth_admin;
ALTER TABLE auth.mfa_amr_claims OWNER TO supabase_auth_admin;
ALTER TABLE auth.mfa_challenges OWNER TO supabase_auth_admin;
ALTER TABLE auth.mfa_factors OWNER TO supabase_auth_admin;
ALTER TABLE auth.oauth_authorizations OWNER TO supabase_auth_admin;
ALTER TABLE auth.oauth_client_states OWNER TO supabase_auth_admin;
ALTER TABLE auth.oauth_clients OWNER TO supabase_auth_admin;
ALTER TABLE auth.oauth_consents OWNER TO supabase_auth_admin;
ALTER TABLE auth.one_time_tokens OWNER TO supabase_auth_admin;
ALTER TABLE auth.refresh_tokens OWNER TO supabase_auth_admin;
ALTER SEQUENCE auth.refresh_tokens_id_seq OWNER TO supabase_auth_admin;
ALTER TABLE auth.saml_providers OWNER TO supabase_auth_admin;
ALTER TABLE auth.saml_relay_states OWNER TO supabase_auth_admin;
ALTER TABLE auth.schema_migrations OWNER TO supabase_auth_admin;
ALTER TABLE auth.sessions OWNER TO supabase_auth_admin;
ALTER TABLE auth.sso_domains OWNER TO supabase_auth_admin;
ALTER TABLE auth.sso_providers OWNER TO supabase_auth_admin;
ALTER TABLE auth.users OWNER TO supabase_auth_admin;
ALTER TABLE auth.webauthn_challenges OWNER TO supabase_auth_admin;
ALTER TABLE auth.webauthn_credentials OWNER TO supabase_auth_admin;
ALTER TABLE realtime.messages OWNER TO supabase_realtime_admin;
ALTER TABLE realtime.schema_migrations OWNER TO supabase_admin;
ALTER TABLE realtime.subscription OWNER TO supabase_realtime_admin;
ALTER TABLE storage.buckets OWNER TO supabase_storage_admin;
ALTER TABLE storage.buckets_analytics OWNER TO supabase_storage_admin;
ALTER TABLE storage.buckets_vectors OWNER TO supabase_storage_admin;
ALTER TABLE storage.iceberg_namespaces OWNER TO supabase_storage_admin;
ALTER TABLE storage.iceberg_tables OWNER TO supabase_storage_admin;
ALTER TABLE storage.migrations OWNER TO supabase_storage_admin;
ALTER TABLE storage.objects OWNER TO supabase_storage_admin;
ALTER TABLE storage.s3_multipart_uploads OWNER TO supabase_storage_admin;
ALTER TABLE storage.s3_multipart_uploads_parts OWNER TO supabase_storage_admin;
ALTER TABLE storage.vector_indexes OWNER TO supabase_storage_admin;
ALTER TABLE supabase_functions.hooks OWNER TO supabase_functions_admin;
ALTER SEQUENCE supabase_functions.hooks_id_seq OWNER TO supabase_functions_admin;
ALTER TABLE supabase_functions.migrations OWNER TO supabase_functions_admin;
ALTER SEQUENCE auth.refresh_tokens_id_seq OWNED BY auth.refresh_tokens.id;
ALTER SEQUENCE supabase_functions.hooks_id_seq OWNED BY supabase_functions.hooks.id;
ALTER FUNCTION auth.email() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.jwt() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.role() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.uid() OWNER TO supabase_auth_admin;
ALTER FUNCTION extensions.grant_pg_cron_access() OWNER TO postgres;
ALTER FUNCTION extensions.grant_pg_graphql_access() OWNER TO supabase_admin;
ALTER FUNCTION extensions.grant_pg_net_access() OWNER TO postgres;
ALTER FUNCTION extensions.pgrst_ddl_watch() OWNER TO supabase_admin;
ALTER FUNCTION extensions.pgrst_drop_watch() OWNER TO supabase_admin;
ALTER FUNCTION extensions.set_graphql_placeholder() OWNER TO supabase_admin;
ALTER FUNCTION graphql_public.graphql("operationName" text, query text, variables jsonb, extensions jsonb) OWNER TO supabase_admin;
ALTER FUNCTION pgbouncer.get_auth(p_usename text) OWNER TO supabase_admin;
ALTER FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text, new record, old record, level text) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.cast(val text, type_ regtype) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[]) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.list_changes(publication name, slot_name name, max_changes integer, max_record_bytes integer) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.quote_wal2json(entity regclass) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.send_binary(payload bytea, event text, topic text, private boolean) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.subscription_check_filters() OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.to_regrole(role_name text) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.topic() OWNER TO supabase_realtime_admin;
ALTER FUNCTION storage.allow_any_operation(expected_operations text[]) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.allow_only_operation(expected_operation text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.can_insert_object(bucketid text, name text, owner uuid, metadata jsonb) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.enforce_bucket_name_length() OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.extension(name text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.filename(name text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.foldername(name text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.get_common_prefix(p_key text, p_prefix text, p_delimiter text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.get_size_by_bucket() OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.list_multipart_uploads_with_delimiter(bucket_id text, prefix_param text, delimiter_param text, max_keys integer, next_key_token text, next_upload_token text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.list_objects_with_delimiter(_bucket_id text, prefix_param text, delimiter_param text, max_keys integer, start_after text, next_token text, sort_order text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.operation() OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.protect_delete() OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.search(prefix text, bucketname text, limits integer, levels integer, offsets integer, search text, sortcolumn text, sortorder text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.search_by_timestamp(p_prefix text, p_bucket_id text, p_limit integer, p_level integer, p_start_after text, p_sort_order text, p_sort_column text, p_sort_column_after text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.search_v2(prefix text, bucket_name text, limits integer, levels integer, start_after text, sort_order text, sort_column text, sort_column_after text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.update_updated_at_column() OWNER TO supabase_storage_admin;
ALTER FUNCTION supabase_functions.http_request() OWNER TO supabase_functions_admin;

-- Row level security as the services enable it, no policies ---------------------------------
ALTER TABLE auth.audit_log_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.flow_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.instances ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_amr_claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_challenges ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_factors ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.one_time_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.saml_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.saml_relay_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.schema_migrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.sso_domains ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.sso_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE realtime.messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.buckets_analytics ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.buckets_vectors ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.iceberg_namespaces ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.iceberg_tables ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.migrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.s3_multipart_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.s3_multipart_uploads_parts ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.vector_indexes ENABLE ROW LEVEL SECURITY;

-- Grants (each object's privileges exactly as the fact sheet lists them) ---------------------
REVOKE ALL ON SCHEMA auth FROM PUBLIC;
GRANT USAGE ON SCHEMA auth TO anon;
GRANT USAGE ON SCHEMA auth TO authenticated;
GRANT ALL ON SCHEMA auth TO dashboard_user;
GRANT USAGE ON SCHEMA auth TO postgres;
GRANT USAGE ON SCHEMA auth TO service_role;
GRANT ALL ON SCHEMA auth TO supabase_admin;
GRANT ALL ON SCHEMA auth TO supabase_auth_admin;
REVOKE ALL ON SCHEMA extensions FROM PUBLIC;
GRANT USAGE ON SCHEMA extensions TO anon;
GRANT USAGE ON SCHEMA extensions TO authenticated;
GRANT ALL ON SCHEMA extensions TO dashboard_user;
GRANT ALL ON SCHEMA extensions TO postgres;
GRANT USAGE ON SCHEMA extensions TO service_role;
REVOKE ALL ON SCHEMA graphql_public FROM PUBLIC;
GRANT USAGE ON SCHEMA graphql_public TO anon;
GRANT USAGE ON SCHEMA graphql_public TO authenticated;
GRANT USAGE ON SCHEMA graphql_public TO postgres WITH GRANT OPTION;
GRANT USAGE ON SCHEMA graphql_public TO service_role;
GRANT ALL ON SCHEMA graphql_public TO supabase_admin;
REVOKE ALL ON SCHEMA realtime FROM PUBLIC;
GRANT USAGE ON SCHEMA realtime TO anon;
GRANT USAGE ON SCHEMA realtime TO authenticated;
GRANT USAGE ON SCHEMA realtime TO postgres WITH GRANT OPTION;
GRANT USAGE ON SCHEMA realtime TO service_role;
GRANT ALL ON SCHEMA realtime TO supabase_admin;
GRANT ALL ON SCHEMA realtime TO supabase_realtime_admin;
REVOKE ALL ON SCHEMA storage FROM PUBLIC;
GRANT USAGE ON SCHEMA storage TO anon;
GRANT USAGE ON SCHEMA storage TO authenticated;
GRANT ALL ON SCHEMA storage TO dashboard_user;
GRANT USAGE ON SCHEMA storage TO postgres WITH GRANT OPTION;
GRANT USAGE ON SCHEMA storage TO service_role;
GRANT ALL ON SCHEMA storage TO supabase_admin;
GRANT ALL ON SCHEMA storage TO supabase_storage_admin;
REVOKE ALL ON SCHEMA supabase_functions FROM PUBLIC;
GRANT USAGE ON SCHEMA supabase_functions TO anon;
GRANT USAGE ON SCHEMA supabase_functions TO authenticated;
GRANT USAGE ON SCHEMA supabase_functions TO postgres;
GRANT USAGE ON SCHEMA supabase_functions TO service_role;
GRANT ALL ON SCHEMA supabase_functions TO supabase_admin;
GRANT ALL ON SCHEMA supabase_functions TO supabase_functions_admin;
REVOKE ALL ON TABLE auth.audit_log_entries FROM PUBLIC;
GRANT ALL ON TABLE auth.audit_log_entries TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.audit_log_entries TO postgres;
GRANT SELECT ON TABLE auth.audit_log_entries TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.audit_log_entries TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.custom_oauth_providers FROM PUBLIC;
GRANT ALL ON TABLE auth.custom_oauth_providers TO dashboard_user;
GRANT ALL ON TABLE auth.custom_oauth_providers TO postgres;
GRANT ALL ON TABLE auth.custom_oauth_providers TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.flow_state FROM PUBLIC;
GRANT ALL ON TABLE auth.flow_state TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.flow_state TO postgres;
GRANT SELECT ON TABLE auth.flow_state TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.flow_state TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.identities FROM PUBLIC;
GRANT ALL ON TABLE auth.identities TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.identities TO postgres;
GRANT SELECT ON TABLE auth.identities TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.identities TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.instances FROM PUBLIC;
GRANT ALL ON TABLE auth.instances TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.instances TO postgres;
GRANT SELECT ON TABLE auth.instances TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.instances TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.mfa_amr_claims FROM PUBLIC;
GRANT ALL ON TABLE auth.mfa_amr_claims TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.mfa_amr_claims TO postgres;
GRANT SELECT ON TABLE auth.mfa_amr_claims TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.mfa_amr_claims TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.mfa_challenges FROM PUBLIC;
GRANT ALL ON TABLE auth.mfa_challenges TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.mfa_challenges TO postgres;
GRANT SELECT ON TABLE auth.mfa_challenges TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.mfa_challenges TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.mfa_factors FROM PUBLIC;
GRANT ALL ON TABLE auth.mfa_factors TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.mfa_factors TO postgres;
GRANT SELECT ON TABLE auth.mfa_factors TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.mfa_factors TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.oauth_authorizations FROM PUBLIC;
GRANT ALL ON TABLE auth.oauth_authorizations TO dashboard_user;
GRANT ALL ON TABLE auth.oauth_authorizations TO postgres;
GRANT ALL ON TABLE auth.oauth_authorizations TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.oauth_client_states FROM PUBLIC;
GRANT ALL ON TABLE auth.oauth_client_states TO dashboard_user;
GRANT ALL ON TABLE auth.oauth_client_states TO postgres;
GRANT ALL ON TABLE auth.oauth_client_states TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.oauth_clients FROM PUBLIC;
GRANT ALL ON TABLE auth.oauth_clients TO dashboard_user;
GRANT ALL ON TABLE auth.oauth_clients TO postgres;
GRANT ALL ON TABLE auth.oauth_clients TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.oauth_consents FROM PUBLIC;
GRANT ALL ON TABLE auth.oauth_consents TO dashboard_user;
GRANT ALL ON TABLE auth.oauth_consents TO postgres;
GRANT ALL ON TABLE auth.oauth_consents TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.one_time_tokens FROM PUBLIC;
GRANT ALL ON TABLE auth.one_time_tokens TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.one_time_tokens TO postgres;
GRANT SELECT ON TABLE auth.one_time_tokens TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.one_time_tokens TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.refresh_tokens FROM PUBLIC;
GRANT ALL ON TABLE auth.refresh_tokens TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.refresh_tokens TO postgres;
GRANT SELECT ON TABLE auth.refresh_tokens TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.refresh_tokens TO supabase_auth_admin;
REVOKE ALL ON SEQUENCE auth.refresh_tokens_id_seq FROM PUBLIC;
GRANT ALL ON SEQUENCE auth.refresh_tokens_id_seq TO dashboard_user;
GRANT ALL ON SEQUENCE auth.refresh_tokens_id_seq TO postgres;
GRANT ALL ON SEQUENCE auth.refresh_tokens_id_seq TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.saml_providers FROM PUBLIC;
GRANT ALL ON TABLE auth.saml_providers TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.saml_providers TO postgres;
GRANT SELECT ON TABLE auth.saml_providers TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.saml_providers TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.saml_relay_states FROM PUBLIC;
GRANT ALL ON TABLE auth.saml_relay_states TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.saml_relay_states TO postgres;
GRANT SELECT ON TABLE auth.saml_relay_states TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.saml_relay_states TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.schema_migrations FROM PUBLIC;
GRANT ALL ON TABLE auth.schema_migrations TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.sessions FROM PUBLIC;
GRANT ALL ON TABLE auth.sessions TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.sessions TO postgres;
GRANT SELECT ON TABLE auth.sessions TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.sessions TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.sso_domains FROM PUBLIC;
GRANT ALL ON TABLE auth.sso_domains TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.sso_domains TO postgres;
GRANT SELECT ON TABLE auth.sso_domains TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.sso_domains TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.sso_providers FROM PUBLIC;
GRANT ALL ON TABLE auth.sso_providers TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.sso_providers TO postgres;
GRANT SELECT ON TABLE auth.sso_providers TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.sso_providers TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.users FROM PUBLIC;
GRANT ALL ON TABLE auth.users TO dashboard_user;
GRANT INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE auth.users TO postgres;
GRANT SELECT ON TABLE auth.users TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE auth.users TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.webauthn_challenges FROM PUBLIC;
GRANT ALL ON TABLE auth.webauthn_challenges TO dashboard_user;
GRANT ALL ON TABLE auth.webauthn_challenges TO postgres;
GRANT ALL ON TABLE auth.webauthn_challenges TO supabase_auth_admin;
REVOKE ALL ON TABLE auth.webauthn_credentials FROM PUBLIC;
GRANT ALL ON TABLE auth.webauthn_credentials TO dashboard_user;
GRANT ALL ON TABLE auth.webauthn_credentials TO postgres;
GRANT ALL ON TABLE auth.webauthn_credentials TO supabase_auth_admin;
REVOKE ALL ON TABLE realtime.messages FROM PUBLIC;
GRANT INSERT, SELECT, UPDATE ON TABLE realtime.messages TO anon;
GRANT INSERT, SELECT, UPDATE ON TABLE realtime.messages TO authenticated;
GRANT ALL ON TABLE realtime.messages TO dashboard_user;
GRANT ALL ON TABLE realtime.messages TO postgres;
GRANT INSERT, SELECT, UPDATE ON TABLE realtime.messages TO service_role;
GRANT ALL ON TABLE realtime.messages TO supabase_realtime_admin;
REVOKE ALL ON TABLE realtime.schema_migrations FROM PUBLIC;
GRANT ALL ON TABLE realtime.schema_migrations TO supabase_admin;
REVOKE ALL ON TABLE realtime.subscription FROM PUBLIC;
GRANT SELECT ON TABLE realtime.subscription TO anon;
GRANT SELECT ON TABLE realtime.subscription TO authenticated;
GRANT ALL ON TABLE realtime.subscription TO dashboard_user;
GRANT ALL ON TABLE realtime.subscription TO postgres;
GRANT SELECT ON TABLE realtime.subscription TO service_role;
GRANT ALL ON TABLE realtime.subscription TO supabase_realtime_admin;
REVOKE ALL ON SEQUENCE realtime.subscription_id_seq FROM PUBLIC;
GRANT USAGE ON SEQUENCE realtime.subscription_id_seq TO anon;
GRANT USAGE ON SEQUENCE realtime.subscription_id_seq TO authenticated;
GRANT ALL ON SEQUENCE realtime.subscription_id_seq TO dashboard_user;
GRANT ALL ON SEQUENCE realtime.subscription_id_seq TO postgres;
GRANT USAGE ON SEQUENCE realtime.subscription_id_seq TO service_role;
GRANT ALL ON SEQUENCE realtime.subscription_id_seq TO supabase_realtime_admin;
REVOKE ALL ON TABLE storage.buckets FROM PUBLIC;
GRANT ALL ON TABLE storage.buckets TO anon;
GRANT ALL ON TABLE storage.buckets TO authenticated;
GRANT ALL ON TABLE storage.buckets TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE storage.buckets TO service_role;
GRANT ALL ON TABLE storage.buckets TO supabase_storage_admin;
REVOKE ALL ON TABLE storage.buckets_analytics FROM PUBLIC;
GRANT ALL ON TABLE storage.buckets_analytics TO anon;
GRANT ALL ON TABLE storage.buckets_analytics TO authenticated;
GRANT ALL ON TABLE storage.buckets_analytics TO service_role;
GRANT ALL ON TABLE storage.buckets_analytics TO supabase_storage_admin;
REVOKE ALL ON TABLE storage.buckets_vectors FROM PUBLIC;
GRANT SELECT ON TABLE storage.buckets_vectors TO anon;
GRANT SELECT ON TABLE storage.buckets_vectors TO authenticated;
GRANT SELECT ON TABLE storage.buckets_vectors TO service_role;
GRANT ALL ON TABLE storage.buckets_vectors TO supabase_storage_admin;
REVOKE ALL ON TABLE storage.iceberg_namespaces FROM PUBLIC;
GRANT SELECT ON TABLE storage.iceberg_namespaces TO anon;
GRANT SELECT ON TABLE storage.iceberg_namespaces TO authenticated;
GRANT ALL ON TABLE storage.iceberg_namespaces TO service_role;
GRANT ALL ON TABLE storage.iceberg_namespaces TO supabase_storage_admin;
REVOKE ALL ON TABLE storage.iceberg_tables FROM PUBLIC;
GRANT SELECT ON TABLE storage.iceberg_tables TO anon;
GRANT SELECT ON TABLE storage.iceberg_tables TO authenticated;
GRANT ALL ON TABLE storage.iceberg_tables TO service_role;
GRANT ALL ON TABLE storage.iceberg_tables TO supabase_storage_admin;
REVOKE ALL ON TABLE storage.migrations FROM PUBLIC;
GRANT ALL ON TABLE storage.migrations TO supabase_storage_admin;
REVOKE ALL ON TABLE storage.objects FROM PUBLIC;
GRANT ALL ON TABLE storage.objects TO anon;
GRANT ALL ON TABLE storage.objects TO authenticated;
GRANT ALL ON TABLE storage.objects TO postgres WITH GRANT OPTION;
GRANT ALL ON TABLE storage.objects TO service_role;
GRANT ALL ON TABLE storage.objects TO supabase_storage_admin;
REVOKE ALL ON TABLE storage.s3_multipart_uploads FROM PUBLIC;
GRANT SELECT ON TABLE storage.s3_multipart_uploads TO anon;
GRANT SELECT ON TABLE storage.s3_multipart_uploads TO authenticated;
GRANT ALL ON TABLE storage.s3_multipart_uploads TO service_role;
GRANT ALL ON TABLE storage.s3_multipart_uploads TO supabase_storage_admin;
REVOKE ALL ON TABLE storage.s3_multipart_uploads_parts FROM PUBLIC;
GRANT SELECT ON TABLE storage.s3_multipart_uploads_parts TO anon;
GRANT SELECT ON TABLE storage.s3_multipart_uploads_parts TO authenticated;
GRANT ALL ON TABLE storage.s3_multipart_uploads_parts TO service_role;
GRANT ALL ON TABLE storage.s3_multipart_uploads_parts TO supabase_storage_admin;
REVOKE ALL ON TABLE storage.vector_indexes FROM PUBLIC;
GRANT SELECT ON TABLE storage.vector_indexes TO anon;
GRANT SELECT ON TABLE storage.vector_indexes TO authenticated;
GRANT SELECT ON TABLE storage.vector_indexes TO service_role;
GRANT ALL ON TABLE storage.vector_indexes TO supabase_storage_admin;
REVOKE ALL ON TABLE supabase_functions.hooks FROM PUBLIC;
GRANT ALL ON TABLE supabase_functions.hooks TO anon;
GRANT ALL ON TABLE supabase_functions.hooks TO authenticated;
GRANT ALL ON TABLE supabase_functions.hooks TO postgres;
GRANT ALL ON TABLE supabase_functions.hooks TO service_role;
GRANT ALL ON TABLE supabase_functions.hooks TO supabase_functions_admin;
REVOKE ALL ON SEQUENCE supabase_functions.hooks_id_seq FROM PUBLIC;
GRANT ALL ON SEQUENCE supabase_functions.hooks_id_seq TO anon;
GRANT ALL ON SEQUENCE supabase_functions.hooks_id_seq TO authenticated;
GRANT ALL ON SEQUENCE supabase_functions.hooks_id_seq TO postgres;
GRANT ALL ON SEQUENCE supabase_functions.hooks_id_seq TO service_role;
GRANT ALL ON SEQUENCE supabase_functions.hooks_id_seq TO supabase_functions_admin;
REVOKE ALL ON TABLE supabase_functions.migrations FROM PUBLIC;
GRANT ALL ON TABLE supabase_functions.migrations TO anon;
GRANT ALL ON TABLE supabase_functions.migrations TO authenticated;
GRANT ALL ON TABLE supabase_functions.migrations TO postgres;
GRANT ALL ON TABLE supabase_functions.migrations TO service_role;
GRANT ALL ON TABLE supabase_functions.migrations TO supabase_functions_admin;
REVOKE ALL ON FUNCTION auth.email() FROM PUBLIC;
GRANT ALL ON FUNCTION auth.email() TO PUBLIC;
GRANT ALL ON FUNCTION auth.email() TO dashboard_user;
GRANT ALL ON FUNCTION auth.email() TO supabase_auth_admin;
REVOKE ALL ON FUNCTION auth.jwt() FROM PUBLIC;
GRANT ALL ON FUNCTION auth.jwt() TO PUBLIC;
GRANT ALL ON FUNCTION auth.jwt() TO dashboard_user;
GRANT ALL ON FUNCTION auth.jwt() TO postgres;
GRANT ALL ON FUNCTION auth.jwt() TO supabase_auth_admin;
REVOKE ALL ON FUNCTION auth.role() FROM PUBLIC;
GRANT ALL ON FUNCTION auth.role() TO PUBLIC;
GRANT ALL ON FUNCTION auth.role() TO dashboard_user;
GRANT ALL ON FUNCTION auth.role() TO supabase_auth_admin;
REVOKE ALL ON FUNCTION auth.uid() FROM PUBLIC;
GRANT ALL ON FUNCTION auth.uid() TO PUBLIC;
GRANT ALL ON FUNCTION auth.uid() TO dashboard_user;
GRANT ALL ON FUNCTION auth.uid() TO supabase_auth_admin;
REVOKE ALL ON FUNCTION extensions.grant_pg_cron_access() FROM PUBLIC;
GRANT ALL ON FUNCTION extensions.grant_pg_cron_access() TO PUBLIC;
GRANT ALL ON FUNCTION extensions.grant_pg_cron_access() TO dashboard_user;
GRANT ALL ON FUNCTION extensions.grant_pg_cron_access() TO postgres WITH GRANT OPTION;
REVOKE ALL ON FUNCTION extensions.grant_pg_graphql_access() FROM PUBLIC;
GRANT ALL ON FUNCTION extensions.grant_pg_graphql_access() TO PUBLIC;
GRANT ALL ON FUNCTION extensions.grant_pg_graphql_access() TO postgres WITH GRANT OPTION;
GRANT ALL ON FUNCTION extensions.grant_pg_graphql_access() TO supabase_admin;
REVOKE ALL ON FUNCTION extensions.grant_pg_net_access() FROM PUBLIC;
GRANT ALL ON FUNCTION extensions.grant_pg_net_access() TO PUBLIC;
GRANT ALL ON FUNCTION extensions.grant_pg_net_access() TO dashboard_user;
GRANT ALL ON FUNCTION extensions.grant_pg_net_access() TO postgres WITH GRANT OPTION;
REVOKE ALL ON FUNCTION extensions.pgrst_ddl_watch() FROM PUBLIC;
GRANT ALL ON FUNCTION extensions.pgrst_ddl_watch() TO PUBLIC;
GRANT ALL ON FUNCTION extensions.pgrst_ddl_watch() TO postgres WITH GRANT OPTION;
GRANT ALL ON FUNCTION extensions.pgrst_ddl_watch() TO supabase_admin;
REVOKE ALL ON FUNCTION extensions.pgrst_drop_watch() FROM PUBLIC;
GRANT ALL ON FUNCTION extensions.pgrst_drop_watch() TO PUBLIC;
GRANT ALL ON FUNCTION extensions.pgrst_drop_watch() TO postgres WITH GRANT OPTION;
GRANT ALL ON FUNCTION extensions.pgrst_drop_watch() TO supabase_admin;
REVOKE ALL ON FUNCTION extensions.set_graphql_placeholder() FROM PUBLIC;
GRANT ALL ON FUNCTION extensions.set_graphql_placeholder() TO PUBLIC;
GRANT ALL ON FUNCTION extensions.set_graphql_placeholder() TO postgres WITH GRANT OPTION;
GRANT ALL ON FUNCTION extensions.set_graphql_placeholder() TO supabase_admin;
REVOKE ALL ON FUNCTION graphql_public.graphql("operationName" text, query text, variables jsonb, extensions jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION graphql_public.graphql("operationName" text, query text, variables jsonb, extensions jsonb) TO PUBLIC;
GRANT ALL ON FUNCTION graphql_public.graphql("operationName" text, query text, variables jsonb, extensions jsonb) TO anon;
GRANT ALL ON FUNCTION graphql_public.graphql("operationName" text, query text, variables jsonb, extensions jsonb) TO authenticated;
GRANT ALL ON FUNCTION graphql_public.graphql("operationName" text, query text, variables jsonb, extensions jsonb) TO postgres;
GRANT ALL ON FUNCTION graphql_public.graphql("operationName" text, query text, variables jsonb, extensions jsonb) TO service_role;
GRANT ALL ON FUNCTION graphql_public.graphql("operationName" text, query text, variables jsonb, extensions jsonb) TO supabase_admin;
REVOKE ALL ON FUNCTION pgbouncer.get_auth(p_usename text) FROM PUBLIC;
GRANT ALL ON FUNCTION pgbouncer.get_auth(p_usename text) TO pgbouncer;
GRANT ALL ON FUNCTION pgbouncer.get_auth(p_usename text) TO supabase_admin;
REVOKE ALL ON FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer) TO anon;
GRANT ALL ON FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer) TO authenticated;
GRANT ALL ON FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer) TO postgres;
GRANT ALL ON FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer) TO service_role;
GRANT ALL ON FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text, new record, old record, level text) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text, new record, old record, level text) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text, new record, old record, level text) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text, new record, old record, level text) TO postgres;
GRANT ALL ON FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text, new record, old record, level text) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) TO anon;
GRANT ALL ON FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) TO authenticated;
GRANT ALL ON FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) TO postgres;
GRANT ALL ON FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) TO service_role;
GRANT ALL ON FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass, columns realtime.wal_column[]) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.cast(val text, type_ regtype) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.cast(val text, type_ regtype) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.cast(val text, type_ regtype) TO anon;
GRANT ALL ON FUNCTION realtime.cast(val text, type_ regtype) TO authenticated;
GRANT ALL ON FUNCTION realtime.cast(val text, type_ regtype) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.cast(val text, type_ regtype) TO postgres;
GRANT ALL ON FUNCTION realtime.cast(val text, type_ regtype) TO service_role;
GRANT ALL ON FUNCTION realtime.cast(val text, type_ regtype) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) TO anon;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) TO authenticated;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) TO postgres;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) TO service_role;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean) TO anon;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean) TO authenticated;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean) TO postgres;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean) TO service_role;
GRANT ALL ON FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text, negate boolean) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[]) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[]) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[]) TO anon;
GRANT ALL ON FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[]) TO authenticated;
GRANT ALL ON FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[]) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[]) TO postgres;
GRANT ALL ON FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[]) TO service_role;
GRANT ALL ON FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[]) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.list_changes(publication name, slot_name name, max_changes integer, max_record_bytes integer) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.list_changes(publication name, slot_name name, max_changes integer, max_record_bytes integer) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.list_changes(publication name, slot_name name, max_changes integer, max_record_bytes integer) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.list_changes(publication name, slot_name name, max_changes integer, max_record_bytes integer) TO postgres;
GRANT ALL ON FUNCTION realtime.list_changes(publication name, slot_name name, max_changes integer, max_record_bytes integer) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.quote_wal2json(entity regclass) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.quote_wal2json(entity regclass) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.quote_wal2json(entity regclass) TO anon;
GRANT ALL ON FUNCTION realtime.quote_wal2json(entity regclass) TO authenticated;
GRANT ALL ON FUNCTION realtime.quote_wal2json(entity regclass) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.quote_wal2json(entity regclass) TO postgres;
GRANT ALL ON FUNCTION realtime.quote_wal2json(entity regclass) TO service_role;
GRANT ALL ON FUNCTION realtime.quote_wal2json(entity regclass) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean) TO postgres;
GRANT ALL ON FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.send_binary(payload bytea, event text, topic text, private boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.send_binary(payload bytea, event text, topic text, private boolean) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.send_binary(payload bytea, event text, topic text, private boolean) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.send_binary(payload bytea, event text, topic text, private boolean) TO postgres;
GRANT ALL ON FUNCTION realtime.send_binary(payload bytea, event text, topic text, private boolean) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.subscription_check_filters() FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.subscription_check_filters() TO PUBLIC;
GRANT ALL ON FUNCTION realtime.subscription_check_filters() TO anon;
GRANT ALL ON FUNCTION realtime.subscription_check_filters() TO authenticated;
GRANT ALL ON FUNCTION realtime.subscription_check_filters() TO dashboard_user;
GRANT ALL ON FUNCTION realtime.subscription_check_filters() TO postgres;
GRANT ALL ON FUNCTION realtime.subscription_check_filters() TO service_role;
GRANT ALL ON FUNCTION realtime.subscription_check_filters() TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.to_regrole(role_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.to_regrole(role_name text) TO PUBLIC;
GRANT ALL ON FUNCTION realtime.to_regrole(role_name text) TO anon;
GRANT ALL ON FUNCTION realtime.to_regrole(role_name text) TO authenticated;
GRANT ALL ON FUNCTION realtime.to_regrole(role_name text) TO dashboard_user;
GRANT ALL ON FUNCTION realtime.to_regrole(role_name text) TO postgres;
GRANT ALL ON FUNCTION realtime.to_regrole(role_name text) TO service_role;
GRANT ALL ON FUNCTION realtime.to_regrole(role_name text) TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION realtime.topic() FROM PUBLIC;
GRANT ALL ON FUNCTION realtime.topic() TO PUBLIC;
GRANT ALL ON FUNCTION realtime.topic() TO dashboard_user;
GRANT ALL ON FUNCTION realtime.topic() TO postgres;
GRANT ALL ON FUNCTION realtime.topic() TO supabase_realtime_admin;
REVOKE ALL ON FUNCTION storage.extension(name text) FROM PUBLIC;
GRANT ALL ON FUNCTION storage.extension(name text) TO PUBLIC;
GRANT ALL ON FUNCTION storage.extension(name text) TO anon;
GRANT ALL ON FUNCTION storage.extension(name text) TO authenticated;
GRANT ALL ON FUNCTION storage.extension(name text) TO dashboard_user;
GRANT ALL ON FUNCTION storage.extension(name text) TO postgres;
GRANT ALL ON FUNCTION storage.extension(name text) TO service_role;
GRANT ALL ON FUNCTION storage.extension(name text) TO supabase_storage_admin;
REVOKE ALL ON FUNCTION storage.filename(name text) FROM PUBLIC;
GRANT ALL ON FUNCTION storage.filename(name text) TO PUBLIC;
GRANT ALL ON FUNCTION storage.filename(name text) TO anon;
GRANT ALL ON FUNCTION storage.filename(name text) TO authenticated;
GRANT ALL ON FUNCTION storage.filename(name text) TO dashboard_user;
GRANT ALL ON FUNCTION storage.filename(name text) TO postgres;
GRANT ALL ON FUNCTION storage.filename(name text) TO service_role;
GRANT ALL ON FUNCTION storage.filename(name text) TO supabase_storage_admin;
REVOKE ALL ON FUNCTION storage.foldername(name text) FROM PUBLIC;
GRANT ALL ON FUNCTION storage.foldername(name text) TO PUBLIC;
GRANT ALL ON FUNCTION storage.foldername(name text) TO anon;
GRANT ALL ON FUNCTION storage.foldername(name text) TO authenticated;
GRANT ALL ON FUNCTION storage.foldername(name text) TO dashboard_user;
GRANT ALL ON FUNCTION storage.foldername(name text) TO postgres;
GRANT ALL ON FUNCTION storage.foldername(name text) TO service_role;
GRANT ALL ON FUNCTION storage.foldername(name text) TO supabase_storage_admin;
REVOKE ALL ON FUNCTION supabase_functions.http_request() FROM PUBLIC;
GRANT ALL ON FUNCTION supabase_functions.http_request() TO anon;
GRANT ALL ON FUNCTION supabase_functions.http_request() TO authenticated;
GRANT ALL ON FUNCTION supabase_functions.http_request() TO postgres;
GRANT ALL ON FUNCTION supabase_functions.http_request() TO service_role;
GRANT ALL ON FUNCTION supabase_functions.http_request() TO supabase_functions_admin;

-- Default privileges, last: objects the model itself creates must not pick them up ----------
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON SEQUENCES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON SEQUENCES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON SEQUENCES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON SEQUENCES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON FUNCTIONS TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON FUNCTIONS TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON FUNCTIONS TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON TABLES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON TABLES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON TABLES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON TABLES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON SEQUENCES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON SEQUENCES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON SEQUENCES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON SEQUENCES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON FUNCTIONS TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON FUNCTIONS TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON FUNCTIONS TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON FUNCTIONS TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON TABLES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON TABLES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON TABLES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON TABLES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA extensions GRANT ALL ON SEQUENCES TO postgres WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA extensions GRANT ALL ON FUNCTIONS TO postgres WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA extensions GRANT ALL ON TABLES TO postgres WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON SEQUENCES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON SEQUENCES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON SEQUENCES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON SEQUENCES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON FUNCTIONS TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON FUNCTIONS TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON FUNCTIONS TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON FUNCTIONS TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON TABLES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON TABLES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON TABLES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON TABLES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON SEQUENCES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON SEQUENCES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON SEQUENCES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON SEQUENCES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON FUNCTIONS TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON FUNCTIONS TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON FUNCTIONS TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON TABLES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON TABLES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON TABLES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON TABLES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON SEQUENCES TO dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON SEQUENCES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON FUNCTIONS TO dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON FUNCTIONS TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON TABLES TO dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON TABLES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON SEQUENCES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON SEQUENCES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON SEQUENCES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON SEQUENCES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON FUNCTIONS TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON FUNCTIONS TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON FUNCTIONS TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON FUNCTIONS TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON TABLES TO anon;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON TABLES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON TABLES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON TABLES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON SEQUENCES TO dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON SEQUENCES TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON FUNCTIONS TO dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON FUNCTIONS TO postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON TABLES TO dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON TABLES TO postgres;

-- Event triggers (created last, so the model's own DDL does not fire them) ------------------
CREATE EVENT TRIGGER issue_pg_cron_access ON ddl_command_end WHEN TAG IN ('CREATE EXTENSION') EXECUTE FUNCTION extensions.grant_pg_cron_access();
CREATE EVENT TRIGGER issue_pg_net_access ON ddl_command_end WHEN TAG IN ('CREATE EXTENSION') EXECUTE FUNCTION extensions.grant_pg_net_access();
CREATE EVENT TRIGGER issue_pg_graphql_access ON ddl_command_end WHEN TAG IN ('CREATE FUNCTION') EXECUTE FUNCTION extensions.grant_pg_graphql_access();
CREATE EVENT TRIGGER issue_graphql_placeholder ON sql_drop WHEN TAG IN ('DROP EXTENSION') EXECUTE FUNCTION extensions.set_graphql_placeholder();
CREATE EVENT TRIGGER pgrst_ddl_watch ON ddl_command_end EXECUTE FUNCTION extensions.pgrst_ddl_watch();
CREATE EVENT TRIGGER pgrst_drop_watch ON sql_drop EXECUTE FUNCTION extensions.pgrst_drop_watch();
ALTER EVENT TRIGGER issue_pg_cron_access OWNER TO supabase_admin;
ALTER EVENT TRIGGER issue_pg_net_access OWNER TO supabase_admin;
ALTER EVENT TRIGGER issue_pg_graphql_access OWNER TO supabase_admin;
ALTER EVENT TRIGGER issue_graphql_placeholder OWNER TO supabase_admin;
ALTER EVENT TRIGGER pgrst_ddl_watch OWNER TO supabase_admin;
ALTER EVENT TRIGGER pgrst_drop_watch OWNER TO supabase_admin;

-- The realtime publication, empty until users add tables ------------------------------------
DO $platform$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'supabase_realtime') THEN
    CREATE PUBLICATION supabase_realtime;
  END IF;
END
$platform$;

