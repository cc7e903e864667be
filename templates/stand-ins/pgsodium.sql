-- squashbase stand-in for pgsodium (deprecated on Supabase; present on images before 15.8.1.060):
-- the pgsodium schema, key table and the most used signatures. No cryptography is performed:
-- keygen functions return random bytes from gen_random_uuid(), encryption functions are identity.

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
GRANT USAGE ON SCHEMA pgsodium TO PUBLIC;
