-- squashbase stand-in for pgsodium (deprecated on Supabase; present on images before 15.8.1.060):
-- the pgsodium schema, key table and the most used signatures. No cryptography is performed:
-- keygen functions return random bytes from gen_random_uuid(), encryption functions are identity.

-- pgsodium's own roles (cluster-wide; created when missing, as pgsodium's script does).
DO $roles$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'pgsodium_keyiduser') THEN CREATE ROLE pgsodium_keyiduser NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'pgsodium_keyholder') THEN CREATE ROLE pgsodium_keyholder NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'pgsodium_keymaker') THEN CREATE ROLE pgsodium_keymaker NOLOGIN; END IF;
  GRANT pgsodium_keyiduser TO pgsodium_keyholder;
  GRANT pgsodium_keyholder TO pgsodium_keymaker;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database on the cluster created them concurrently
END
$roles$;

CREATE TYPE pgsodium.key_status AS ENUM ('default', 'valid', 'invalid', 'expired');
CREATE TYPE pgsodium.key_type AS ENUM ('aead-ietf', 'aead-det', 'hmacsha512', 'hmacsha256', 'auth', 'shorthash',
  'generichash', 'kdf', 'secretbox', 'secretstream', 'stream_xchacha20');
CREATE TABLE pgsodium.key (
  id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
  status pgsodium.key_status DEFAULT 'valid',
  created timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires timestamptz,
  key_type pgsodium.key_type,
  key_id bigserial,
  key_context bytea DEFAULT '\x7067736f6469756d'::bytea,
  name text UNIQUE,
  associated_data text DEFAULT 'associated',
  raw_key bytea,
  raw_key_nonce bytea,
  parent_key uuid REFERENCES pgsodium.key (id),
  comment text,
  user_data text
);
CREATE VIEW pgsodium.valid_key AS
  SELECT id, name, status, key_type, key_id, key_context, created, expires, associated_data FROM pgsodium.key
  WHERE status IN ('valid', 'default') AND CASE WHEN expires IS NULL THEN true ELSE expires > now() END;

CREATE FUNCTION pgsodium.randombytes_buf(size integer) RETURNS bytea LANGUAGE sql VOLATILE AS $fn$
  SELECT pg_catalog.substring(pg_catalog.string_agg(pg_catalog.uuid_send(pg_catalog.gen_random_uuid()), ''::bytea), 1, size)
  FROM pg_catalog.generate_series(1, (size + 15) / 16)
$fn$;
CREATE FUNCTION pgsodium.randombytes_random() RETURNS integer LANGUAGE sql VOLATILE AS $fn$
  SELECT (pg_catalog.random() * 2147483647)::integer
$fn$;
CREATE FUNCTION pgsodium.crypto_secretbox_keygen() RETURNS bytea LANGUAGE sql VOLATILE AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_det_keygen() RETURNS bytea LANGUAGE sql VOLATILE AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea DEFAULT NULL) RETURNS bytea
  LANGUAGE sql AS $fn$ SELECT message $fn$;
CREATE FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea DEFAULT NULL) RETURNS bytea
  LANGUAGE sql AS $fn$ SELECT message $fn$;
CREATE FUNCTION pgsodium.create_key(key_type pgsodium.key_type DEFAULT 'aead-det', name text DEFAULT NULL, raw_key bytea DEFAULT NULL,
  raw_key_nonce bytea DEFAULT NULL, parent_key uuid DEFAULT NULL, key_context bytea DEFAULT '\x7067736f6469756d'::bytea,
  expires timestamptz DEFAULT NULL, associated_data text DEFAULT '') RETURNS pgsodium.valid_key
LANGUAGE sql AS $fn$
  INSERT INTO pgsodium.key (key_type, name, raw_key, raw_key_nonce, parent_key, key_context, expires, associated_data)
  VALUES (key_type, name, raw_key, raw_key_nonce, parent_key, key_context, expires, associated_data)
  RETURNING id, name, status, key_type, key_id, key_context, created, expires, associated_data
$fn$;
-- The views pgsodium's Transparent Column Encryption exposes (no decryption, no masking).
CREATE VIEW pgsodium.decrypted_key AS
  SELECT id, status, created, expires, key_type, key_id, key_context, name, associated_data, raw_key,
    raw_key AS decrypted_raw_key, raw_key_nonce, parent_key, comment FROM pgsodium.key;
CREATE VIEW pgsodium.masking_rule AS
  SELECT NULL::oid AS attrelid, NULL::integer AS attnum, NULL::regnamespace AS relnamespace, NULL::name AS relname,
    NULL::name AS attname, NULL::text AS format_type, NULL::text AS col_description, NULL::text AS key_id_column,
    NULL::uuid AS key_id, NULL::text AS associated_columns, NULL::text AS nonce_column, NULL::text AS view_name,
    NULL::integer AS priority, NULL::text AS security_invoker WHERE false;
CREATE VIEW pgsodium.mask_columns AS
  SELECT attname, attrelid, key_id, key_id_column, associated_columns, nonce_column, format_type FROM pgsodium.masking_rule;
GRANT USAGE ON SCHEMA pgsodium TO PUBLIC;
