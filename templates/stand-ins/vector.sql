-- squashbase stand-in for pgvector. `vector` is a real base type (so `vector(1536)` columns,
-- arrays and casts work), stored as its text form: input/output reuse PostgreSQL's internal
-- text I/O and the bit typmod functions, so `vector(1536)` keeps typmod 1536 as pgvector does.
-- The hnsw and ivfflat access methods exist with pgvector's operator class names, but are
-- backed by the hash index machinery: index DDL replays, similarity search does not.
-- halfvec and sparsevec exist the same way (sparsevec without distance operators).
-- Gaps: no dimension check, no bit operator classes, index options (m, ef_construction, lists)
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

-- halfvec and sparsevec: the same text-backed emulation (values are not converted or checked).
CREATE TYPE @extschema@.halfvec;
CREATE FUNCTION @extschema@.halfvec_in(cstring, oid, integer) RETURNS @extschema@.halfvec
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'textin';
CREATE FUNCTION @extschema@.halfvec_out(@extschema@.halfvec) RETURNS cstring
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'textout';
CREATE FUNCTION @extschema@.halfvec_typmod_in(cstring[]) RETURNS integer
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'bittypmodin';
CREATE TYPE @extschema@.halfvec (
  INPUT = @extschema@.halfvec_in,
  OUTPUT = @extschema@.halfvec_out,
  TYPMOD_IN = @extschema@.halfvec_typmod_in,
  TYPMOD_OUT = @extschema@.vector_typmod_out,
  INTERNALLENGTH = VARIABLE,
  STORAGE = external
);
CREATE FUNCTION @extschema@.halfvec_eq(@extschema@.halfvec, @extschema@.halfvec) RETURNS boolean
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'byteaeq';
CREATE FUNCTION @extschema@.halfvec_hash(@extschema@.halfvec) RETURNS integer
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'hashvarlena';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.halfvec, RIGHTARG = @extschema@.halfvec, FUNCTION = @extschema@.halfvec_eq,
  COMMUTATOR = OPERATOR(@extschema@.=), HASHES);
CREATE OPERATOR CLASS @extschema@.halfvec_l2_ops FOR TYPE @extschema@.halfvec USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.halfvec, @extschema@.halfvec), FUNCTION 1 @extschema@.halfvec_hash(@extschema@.halfvec);
CREATE OPERATOR CLASS @extschema@.halfvec_ip_ops FOR TYPE @extschema@.halfvec USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.halfvec, @extschema@.halfvec), FUNCTION 1 @extschema@.halfvec_hash(@extschema@.halfvec);
CREATE OPERATOR CLASS @extschema@.halfvec_cosine_ops FOR TYPE @extschema@.halfvec USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.halfvec, @extschema@.halfvec), FUNCTION 1 @extschema@.halfvec_hash(@extschema@.halfvec);
CREATE OPERATOR CLASS @extschema@.halfvec_l1_ops FOR TYPE @extschema@.halfvec USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.halfvec, @extschema@.halfvec), FUNCTION 1 @extschema@.halfvec_hash(@extschema@.halfvec);
CREATE OPERATOR CLASS @extschema@.halfvec_l2_ops DEFAULT FOR TYPE @extschema@.halfvec USING ivfflat AS
  OPERATOR 1 @extschema@.= (@extschema@.halfvec, @extschema@.halfvec), FUNCTION 1 @extschema@.halfvec_hash(@extschema@.halfvec);
CREATE OPERATOR CLASS @extschema@.halfvec_ip_ops FOR TYPE @extschema@.halfvec USING ivfflat AS
  OPERATOR 1 @extschema@.= (@extschema@.halfvec, @extschema@.halfvec), FUNCTION 1 @extschema@.halfvec_hash(@extschema@.halfvec);
CREATE OPERATOR CLASS @extschema@.halfvec_cosine_ops FOR TYPE @extschema@.halfvec USING ivfflat AS
  OPERATOR 1 @extschema@.= (@extschema@.halfvec, @extschema@.halfvec), FUNCTION 1 @extschema@.halfvec_hash(@extschema@.halfvec);
CREATE TYPE @extschema@.sparsevec;
CREATE FUNCTION @extschema@.sparsevec_in(cstring, oid, integer) RETURNS @extschema@.sparsevec
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'textin';
CREATE FUNCTION @extschema@.sparsevec_out(@extschema@.sparsevec) RETURNS cstring
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'textout';
CREATE FUNCTION @extschema@.sparsevec_typmod_in(cstring[]) RETURNS integer
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'bittypmodin';
CREATE TYPE @extschema@.sparsevec (
  INPUT = @extschema@.sparsevec_in,
  OUTPUT = @extschema@.sparsevec_out,
  TYPMOD_IN = @extschema@.sparsevec_typmod_in,
  TYPMOD_OUT = @extschema@.vector_typmod_out,
  INTERNALLENGTH = VARIABLE,
  STORAGE = external
);
CREATE FUNCTION @extschema@.sparsevec_eq(@extschema@.sparsevec, @extschema@.sparsevec) RETURNS boolean
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'byteaeq';
CREATE FUNCTION @extschema@.sparsevec_hash(@extschema@.sparsevec) RETURNS integer
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'hashvarlena';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.sparsevec, RIGHTARG = @extschema@.sparsevec, FUNCTION = @extschema@.sparsevec_eq,
  COMMUTATOR = OPERATOR(@extschema@.=), HASHES);
CREATE OPERATOR CLASS @extschema@.sparsevec_l2_ops FOR TYPE @extschema@.sparsevec USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.sparsevec, @extschema@.sparsevec), FUNCTION 1 @extschema@.sparsevec_hash(@extschema@.sparsevec);
CREATE OPERATOR CLASS @extschema@.sparsevec_ip_ops FOR TYPE @extschema@.sparsevec USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.sparsevec, @extschema@.sparsevec), FUNCTION 1 @extschema@.sparsevec_hash(@extschema@.sparsevec);
CREATE OPERATOR CLASS @extschema@.sparsevec_cosine_ops FOR TYPE @extschema@.sparsevec USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.sparsevec, @extschema@.sparsevec), FUNCTION 1 @extschema@.sparsevec_hash(@extschema@.sparsevec);
CREATE OPERATOR CLASS @extschema@.sparsevec_l1_ops FOR TYPE @extschema@.sparsevec USING hnsw AS
  OPERATOR 1 @extschema@.= (@extschema@.sparsevec, @extschema@.sparsevec), FUNCTION 1 @extschema@.sparsevec_hash(@extschema@.sparsevec);
CREATE FUNCTION @extschema@.halfvec(@extschema@.vector, integer, boolean) RETURNS @extschema@.halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT $1::text::@extschema@.halfvec $fn$;
CREATE FUNCTION @extschema@.vector(@extschema@.halfvec, integer, boolean) RETURNS @extschema@.vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT $1::text::@extschema@.vector $fn$;
CREATE CAST (@extschema@.vector AS @extschema@.halfvec) WITH FUNCTION @extschema@.halfvec(@extschema@.vector, integer, boolean) AS IMPLICIT;
CREATE CAST (@extschema@.halfvec AS @extschema@.vector) WITH FUNCTION @extschema@.vector(@extschema@.halfvec, integer, boolean) AS IMPLICIT;
CREATE FUNCTION @extschema@.l2_distance(@extschema@.halfvec, @extschema@.halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT @extschema@.l2_distance($1::text::@extschema@.vector, $2::text::@extschema@.vector) $fn$;
CREATE FUNCTION @extschema@.cosine_distance(@extschema@.halfvec, @extschema@.halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT @extschema@.cosine_distance($1::text::@extschema@.vector, $2::text::@extschema@.vector) $fn$;
CREATE FUNCTION @extschema@.halfvec_negative_inner_product(@extschema@.halfvec, @extschema@.halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT @extschema@.vector_negative_inner_product($1::text::@extschema@.vector, $2::text::@extschema@.vector) $fn$;
CREATE OPERATOR @extschema@.<-> (LEFTARG = @extschema@.halfvec, RIGHTARG = @extschema@.halfvec, FUNCTION = @extschema@.l2_distance, COMMUTATOR = OPERATOR(@extschema@.<->));
CREATE OPERATOR @extschema@.<=> (LEFTARG = @extschema@.halfvec, RIGHTARG = @extschema@.halfvec, FUNCTION = @extschema@.cosine_distance, COMMUTATOR = OPERATOR(@extschema@.<=>));
CREATE OPERATOR @extschema@.<#> (LEFTARG = @extschema@.halfvec, RIGHTARG = @extschema@.halfvec, FUNCTION = @extschema@.halfvec_negative_inner_product, COMMUTATOR = OPERATOR(@extschema@.<#>));
