-- squashbase stand-in for pgjwt 0.2.0 (pure SQL upstream, so this is a faithful re-implementation
-- of its functions on top of pgcrypto's hmac()).

CREATE FUNCTION @extschema@.url_encode(data bytea) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT pg_catalog.translate(pg_catalog.encode(data, 'base64'), E'+/=\n', '-_')
$fn$;

CREATE FUNCTION @extschema@.url_decode(data text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $fn$
WITH t AS (SELECT pg_catalog.translate(data, '-_', '+/') AS trans),
     rem AS (SELECT pg_catalog.length(t.trans) % 4 AS remainder FROM t)
SELECT pg_catalog.decode(t.trans || CASE WHEN rem.remainder > 0 THEN pg_catalog.repeat('=', (4 - rem.remainder)) ELSE '' END, 'base64')
FROM t, rem
$fn$;

CREATE FUNCTION @extschema@.algorithm_sign(signables text, secret text, algorithm text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
WITH alg AS (
  SELECT CASE WHEN algorithm = 'HS256' THEN 'sha256' WHEN algorithm = 'HS384' THEN 'sha384'
    WHEN algorithm = 'HS512' THEN 'sha512' ELSE '' END AS id)
SELECT @extschema@.url_encode(@extschema@.hmac(signables, secret, alg.id)) FROM alg
$fn$;

CREATE FUNCTION @extschema@.sign(payload json, secret text, algorithm text DEFAULT 'HS256') RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
WITH
  header AS (SELECT @extschema@.url_encode(pg_catalog.convert_to('{"alg":"' || algorithm || '","typ":"JWT"}', 'utf8')) AS data),
  payload AS (SELECT @extschema@.url_encode(pg_catalog.convert_to(payload::text, 'utf8')) AS data),
  signables AS (SELECT header.data || '.' || payload.data AS data FROM header, payload)
SELECT signables.data || '.' || @extschema@.algorithm_sign(signables.data, secret, algorithm) FROM signables
$fn$;

CREATE FUNCTION @extschema@.try_cast_double(inp text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  BEGIN
    RETURN inp::double precision;
  EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
  END;
END;
$fn$;

CREATE FUNCTION @extschema@.verify(token text, secret text, algorithm text DEFAULT 'HS256')
RETURNS TABLE (header json, payload json, valid boolean) LANGUAGE sql IMMUTABLE AS $fn$
SELECT
  pg_catalog.convert_from(@extschema@.url_decode(r[1]), 'utf8')::json AS header,
  pg_catalog.convert_from(@extschema@.url_decode(r[2]), 'utf8')::json AS payload,
  r[3] = @extschema@.algorithm_sign(r[1] || '.' || r[2], secret, algorithm) AS valid
FROM pg_catalog.regexp_split_to_array(token, '\.') r
$fn$;
