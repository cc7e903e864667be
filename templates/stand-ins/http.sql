-- squashbase stand-in for pgsql-http: its domains, composite types and function signatures.
-- Every request function raises an error: a shadow makes no network calls.

CREATE DOMAIN @extschema@.http_method AS text;
CREATE DOMAIN @extschema@.content_type AS text CHECK (VALUE ~ '^\S+\/\S+');
CREATE TYPE @extschema@.http_header AS (field character varying, value character varying);
CREATE TYPE @extschema@.http_request AS (method @extschema@.http_method, uri character varying,
  headers @extschema@.http_header[], content_type character varying, content character varying);
CREATE TYPE @extschema@.http_response AS (status integer, content_type character varying,
  headers @extschema@.http_header[], content character varying);

CREATE FUNCTION @extschema@.http(request @extschema@.http_request) RETURNS @extschema@.http_response
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'http: squashbase stand-in, no network calls in a shadow database' USING ERRCODE = '0A000';
END
$fn$;
CREATE FUNCTION @extschema@.http_header(field character varying, value character varying) RETURNS @extschema@.http_header
  LANGUAGE sql AS $fn$ SELECT ROW($1, $2)::@extschema@.http_header $fn$;
CREATE FUNCTION @extschema@.http_get(uri character varying) RETURNS @extschema@.http_response
  LANGUAGE sql AS $fn$ SELECT @extschema@.http(('GET', $1, NULL, NULL, NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_get(uri character varying, data jsonb) RETURNS @extschema@.http_response
  LANGUAGE sql AS $fn$ SELECT @extschema@.http(('GET', $1, NULL, NULL, NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_post(uri character varying, content character varying, content_type character varying) RETURNS @extschema@.http_response
  LANGUAGE sql AS $fn$ SELECT @extschema@.http(('POST', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_post(uri character varying, data jsonb) RETURNS @extschema@.http_response
  LANGUAGE sql AS $fn$ SELECT @extschema@.http(('POST', $1, NULL, 'application/x-www-form-urlencoded', NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_put(uri character varying, content character varying, content_type character varying) RETURNS @extschema@.http_response
  LANGUAGE sql AS $fn$ SELECT @extschema@.http(('PUT', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_patch(uri character varying, content character varying, content_type character varying) RETURNS @extschema@.http_response
  LANGUAGE sql AS $fn$ SELECT @extschema@.http(('PATCH', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_delete(uri character varying) RETURNS @extschema@.http_response
  LANGUAGE sql AS $fn$ SELECT @extschema@.http(('DELETE', $1, NULL, NULL, NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_delete(uri character varying, content character varying, content_type character varying) RETURNS @extschema@.http_response
  LANGUAGE sql AS $fn$ SELECT @extschema@.http(('DELETE', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_head(uri character varying) RETURNS @extschema@.http_response
  LANGUAGE sql AS $fn$ SELECT @extschema@.http(('HEAD', $1, NULL, NULL, NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.urlencode(string character varying) RETURNS text
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT pg_catalog.replace(pg_catalog.replace($1::text, '%', '%25'), ' ', '%20') $fn$;
CREATE FUNCTION @extschema@.urlencode(data jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT pg_catalog.string_agg(k || '=' || @extschema@.urlencode(v), '&') FROM pg_catalog.jsonb_each_text($1) AS t(k, v) $fn$;
CREATE FUNCTION @extschema@.http_set_curlopt(curlopt character varying, value character varying) RETURNS boolean
  LANGUAGE sql AS $fn$ SELECT true $fn$;
CREATE FUNCTION @extschema@.http_reset_curlopt() RETURNS boolean
  LANGUAGE sql AS $fn$ SELECT true $fn$;
