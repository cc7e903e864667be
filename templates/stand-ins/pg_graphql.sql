-- squashbase stand-in for pg_graphql: the `graphql` schema and the resolve() / comment_directive()
-- signatures. resolve() answers with a GraphQL error instead of executing the query.

CREATE FUNCTION @extschema@.resolve(query text, variables jsonb DEFAULT '{}'::jsonb, "operationName" text DEFAULT NULL,
  extensions jsonb DEFAULT NULL) RETURNS jsonb
LANGUAGE sql AS $fn$
  SELECT pg_catalog.jsonb_build_object('errors', pg_catalog.jsonb_build_array(
    pg_catalog.jsonb_build_object('message', 'pg_graphql is emulated by a squashbase stand-in')))
$fn$;

CREATE FUNCTION @extschema@.comment_directive(comment_ text) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE WHEN comment_ ~ '^\s*@graphql\(' THEN
    (pg_catalog.regexp_match(comment_, '@graphql\((.*)\)'))[1]::jsonb ELSE NULL END
$fn$;

CREATE FUNCTION @extschema@.exception(message text) RETURNS text
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING ERRCODE = '22000', MESSAGE = message;
END
$fn$;

-- pg_graphql's schema version counter (bumped on DDL upstream; here only present).
CREATE SEQUENCE @extschema@.seq_schema_version AS integer CYCLE;
CREATE FUNCTION @extschema@.get_schema_version() RETURNS integer LANGUAGE sql SECURITY DEFINER AS $fn$
  SELECT last_value FROM @extschema@.seq_schema_version
$fn$;
CREATE FUNCTION @extschema@.increment_schema_version() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER AS $fn$
BEGIN
  PERFORM pg_catalog.nextval('@extschema@.seq_schema_version');
END
$fn$;

GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
