-- squashbase stand-in for plpgsql_check: the checker entry points with a reduced signature.
-- No checking is performed: they return no rows.

CREATE FUNCTION @extschema@.plpgsql_check_function(funcoid regprocedure, relid regclass DEFAULT 0, format text DEFAULT 'text',
  fatal_errors boolean DEFAULT true, other_warnings boolean DEFAULT true, performance_warnings boolean DEFAULT false,
  extra_warnings boolean DEFAULT true, security_warnings boolean DEFAULT false) RETURNS SETOF text
  LANGUAGE sql AS $fn$ SELECT NULL::text WHERE false $fn$;
CREATE FUNCTION @extschema@.plpgsql_check_function(name text, relid regclass DEFAULT 0, format text DEFAULT 'text',
  fatal_errors boolean DEFAULT true, other_warnings boolean DEFAULT true, performance_warnings boolean DEFAULT false,
  extra_warnings boolean DEFAULT true, security_warnings boolean DEFAULT false) RETURNS SETOF text
  LANGUAGE sql AS $fn$ SELECT NULL::text WHERE false $fn$;
