-- squashbase stand-in for pg_jsonschema: same signatures; validation is NOT performed (every
-- document matches), so CHECK constraints using it always pass in a shadow.

CREATE FUNCTION @extschema@.json_matches_schema(schema json, instance json) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT true $fn$;
CREATE FUNCTION @extschema@.jsonb_matches_schema(schema json, instance jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT true $fn$;
CREATE FUNCTION @extschema@.jsonschema_is_valid(schema json) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT true $fn$;
CREATE FUNCTION @extschema@.jsonschema_validation_errors(schema json, instance json) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT '{}'::text[] $fn$;
