-- squashbase stand-in for pgvector. `vector` is a real base type (so `vector(1536)` columns,
-- arrays and casts work), stored as its text form: input/output reuse PostgreSQL's internal
-- text I/O and the bit typmod functions, so `vector(1536)` keeps typmod 1536 as pgvector does.
-- The hnsw and ivfflat access methods exist with pgvector's operator class names, but are
-- backed by the hash index machinery: index DDL replays, similarity search does not.
-- Gaps: no dimension check, no halfvec/sparsevec, index options (m, ef_construction, lists)
-- are rejected by the hash-backed access methods (src/shadow/stand-ins/statement-adapter.ts moves them
-- to pg_class.reloptions). As in pgvector, vector_l2_ops is the default opclass for ivfflat only.

CREATE TYPE @extschema@.vector;
CREATE FUNCTION @extschema@.vector_in(cstring, oid, integer) RETURNS @extschema@.vector
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'textin';
CREATE FUNCTION @extschema@.vector_out(@extschema@.vector) RETURNS cstring
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'textout';
CREATE FUNCTION @extschema@.vector_typmod_in(cstring[]) RETURNS integer
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'bittypmodin';
CREATE FUNCTION @extschema@.vector_typmod_out(integer) RETURNS cstring
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'bittypmodout';
CREATE TYPE @extschema@.vector (
  INPUT = @extschema@.vector_in,
  OUTPUT = @extschema@.vector_out,
  TYPMOD_IN = @extschema@.vector_typmod_in,
  TYPMOD_OUT = @extschema@.vector_typmod_out,
  INTERNALLENGTH = VARIABLE,
  STORAGE = external
);

-- Parse the text form '[1,2,3]' into float8[] for the SQL-level distance functions.
CREATE FUNCTION @extschema@.vector_to_float8(@extschema@.vector, integer, boolean) RETURNS double precision[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT pg_catalog.string_to_array(pg_catalog.btrim($1::text, '[] '), ',')::double precision[] $fn$;
CREATE FUNCTION @extschema@.vector_to_float4(@extschema@.vector, integer, boolean) RETURNS real[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT @extschema@.vector_to_float8($1, $2, $3)::real[] $fn$;
CREATE FUNCTION @extschema@.array_to_vector(real[], integer, boolean) RETURNS @extschema@.vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT ('[' || pg_catalog.array_to_string($1, ',') || ']')::@extschema@.vector $fn$;
CREATE FUNCTION @extschema@.array_to_vector(double precision[], integer, boolean) RETURNS @extschema@.vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT ('[' || pg_catalog.array_to_string($1, ',') || ']')::@extschema@.vector $fn$;
CREATE FUNCTION @extschema@.array_to_vector(integer[], integer, boolean) RETURNS @extschema@.vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT ('[' || pg_catalog.array_to_string($1, ',') || ']')::@extschema@.vector $fn$;
CREATE FUNCTION @extschema@.array_to_vector(numeric[], integer, boolean) RETURNS @extschema@.vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT ('[' || pg_catalog.array_to_string($1, ',') || ']')::@extschema@.vector $fn$;
CREATE CAST (real[] AS @extschema@.vector) WITH FUNCTION @extschema@.array_to_vector(real[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (double precision[] AS @extschema@.vector) WITH FUNCTION @extschema@.array_to_vector(double precision[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (integer[] AS @extschema@.vector) WITH FUNCTION @extschema@.array_to_vector(integer[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (numeric[] AS @extschema@.vector) WITH FUNCTION @extschema@.array_to_vector(numeric[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (@extschema@.vector AS real[]) WITH FUNCTION @extschema@.vector_to_float4(@extschema@.vector, integer, boolean) AS IMPLICIT;

CREATE FUNCTION @extschema@.vector_dims(@extschema@.vector) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT pg_catalog.cardinality(@extschema@.vector_to_float8($1, -1, false)) $fn$;
CREATE FUNCTION @extschema@.vector_norm(@extschema@.vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT pg_catalog.sqrt(sum(x * x)) FROM pg_catalog.unnest(@extschema@.vector_to_float8($1, -1, false)) AS x $fn$;
CREATE FUNCTION @extschema@.l2_distance(@extschema@.vector, @extschema@.vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT pg_catalog.sqrt(sum((a - b) * (a - b))) FROM ROWS FROM (pg_catalog.unnest(@extschema@.vector_to_float8($1, -1, false)), pg_catalog.unnest(@extschema@.vector_to_float8($2, -1, false))) AS t(a, b) $fn$;
CREATE FUNCTION @extschema@.inner_product(@extschema@.vector, @extschema@.vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT sum(a * b) FROM ROWS FROM (pg_catalog.unnest(@extschema@.vector_to_float8($1, -1, false)), pg_catalog.unnest(@extschema@.vector_to_float8($2, -1, false))) AS t(a, b) $fn$;
CREATE FUNCTION @extschema@.vector_negative_inner_product(@extschema@.vector, @extschema@.vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT -@extschema@.inner_product($1, $2) $fn$;
CREATE FUNCTION @extschema@.cosine_distance(@extschema@.vector, @extschema@.vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT 1 - @extschema@.inner_product($1, $2) / NULLIF(@extschema@.vector_norm($1) * @extschema@.vector_norm($2), 0) $fn$;
CREATE FUNCTION @extschema@.l1_distance(@extschema@.vector, @extschema@.vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $fn$ SELECT sum(abs(a - b)) FROM ROWS FROM (pg_catalog.unnest(@extschema@.vector_to_float8($1, -1, false)), pg_catalog.unnest(@extschema@.vector_to_float8($2, -1, false))) AS t(a, b) $fn$;

CREATE OPERATOR @extschema@.<-> (LEFTARG = @extschema@.vector, RIGHTARG = @extschema@.vector, FUNCTION = @extschema@.l2_distance, COMMUTATOR = OPERATOR(@extschema@.<->));
CREATE OPERATOR @extschema@.<#> (LEFTARG = @extschema@.vector, RIGHTARG = @extschema@.vector, FUNCTION = @extschema@.vector_negative_inner_product, COMMUTATOR = OPERATOR(@extschema@.<#>));
CREATE OPERATOR @extschema@.<=> (LEFTARG = @extschema@.vector, RIGHTARG = @extschema@.vector, FUNCTION = @extschema@.cosine_distance, COMMUTATOR = OPERATOR(@extschema@.<=>));
CREATE OPERATOR @extschema@.<+> (LEFTARG = @extschema@.vector, RIGHTARG = @extschema@.vector, FUNCTION = @extschema@.l1_distance, COMMUTATOR = OPERATOR(@extschema@.<+>));

-- Equality (byte-wise on the text form) so the type can be indexed and compared.
CREATE FUNCTION @extschema@.vector_eq(@extschema@.vector, @extschema@.vector) RETURNS boolean
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'byteaeq';
CREATE FUNCTION @extschema@.vector_hash(@extschema@.vector) RETURNS integer
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'hashvarlena';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.vector, RIGHTARG = @extschema@.vector, FUNCTION = @extschema@.vector_eq,
  COMMUTATOR = OPERATOR(@extschema@.=), HASHES);

-- Stand-in access methods: the hash AM's handler under pgvector's names.
CREATE FUNCTION @extschema@.hnswhandler(internal) RETURNS index_am_handler
  LANGUAGE internal STRICT AS 'hashhandler';
CREATE FUNCTION @extschema@.ivfflathandler(internal) RETURNS index_am_handler
  LANGUAGE internal STRICT AS 'hashhandler';
CREATE ACCESS METHOD hnsw TYPE INDEX HANDLER @extschema@.hnswhandler;
CREATE ACCESS METHOD ivfflat TYPE INDEX HANDLER @extschema@.ivfflathandler;
CREATE OPERATOR CLASS @extschema@.vector_ops DEFAULT FOR TYPE @extschema@.vector USING hash AS
  OPERATOR 1 @extschema@.= (@extschema@.vector, @extschema@.vector), FUNCTION 1 @extschema@.vector_hash(@extschema@.vector);
CREATE OPERATOR CLASS @extschema@.vector_l2_ops FOR TYPE @extschema@.vector USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.vector, @extschema@.vector), FUNCTION 1 @extschema@.vector_hash(@extschema@.vector);
CREATE OPERATOR CLASS @extschema@.vector_ip_ops FOR TYPE @extschema@.vector USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.vector, @extschema@.vector), FUNCTION 1 @extschema@.vector_hash(@extschema@.vector);
CREATE OPERATOR CLASS @extschema@.vector_cosine_ops FOR TYPE @extschema@.vector USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.vector, @extschema@.vector), FUNCTION 1 @extschema@.vector_hash(@extschema@.vector);
CREATE OPERATOR CLASS @extschema@.vector_l1_ops FOR TYPE @extschema@.vector USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.vector, @extschema@.vector), FUNCTION 1 @extschema@.vector_hash(@extschema@.vector);
CREATE OPERATOR CLASS @extschema@.vector_l2_ops DEFAULT FOR TYPE @extschema@.vector USING ivfflat AS
  OPERATOR 1 @extschema@.= (@extschema@.vector, @extschema@.vector), FUNCTION 1 @extschema@.vector_hash(@extschema@.vector);
CREATE OPERATOR CLASS @extschema@.vector_ip_ops FOR TYPE @extschema@.vector USING ivfflat AS
  OPERATOR 1 @extschema@.= (@extschema@.vector, @extschema@.vector), FUNCTION 1 @extschema@.vector_hash(@extschema@.vector);
CREATE OPERATOR CLASS @extschema@.vector_cosine_ops FOR TYPE @extschema@.vector USING ivfflat AS
  OPERATOR 1 @extschema@.= (@extschema@.vector, @extschema@.vector), FUNCTION 1 @extschema@.vector_hash(@extschema@.vector);
