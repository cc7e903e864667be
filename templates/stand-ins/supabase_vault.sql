-- squashbase stand-in for supabase_vault: vault.secrets, vault.decrypted_secrets and the
-- create_secret / update_secret signatures. Secrets are stored in plain text (a shadow holds no
-- real secrets); `decrypted_secret` simply returns the stored value.

CREATE TABLE @extschema@.secrets (
  id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
  name text,
  description text NOT NULL DEFAULT '',
  secret text NOT NULL,
  key_id uuid,
  nonce bytea,
  created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX secrets_name_idx ON @extschema@.secrets (name) WHERE name IS NOT NULL;
COMMENT ON TABLE @extschema@.secrets IS 'Table with encrypted `secret` column for storing sensitive information on disk.';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.secrets', '');

CREATE VIEW @extschema@.decrypted_secrets AS
  SELECT s.id, s.name, s.description, s.secret, s.secret AS decrypted_secret, s.key_id, s.nonce, s.created_at, s.updated_at
  FROM @extschema@.secrets s;

CREATE FUNCTION @extschema@.create_secret(new_secret text, new_name text DEFAULT NULL, new_description text DEFAULT '',
  new_key_id uuid DEFAULT NULL) RETURNS uuid
LANGUAGE sql SECURITY DEFINER SET search_path = '' AS $fn$
  INSERT INTO @extschema@.secrets (secret, name, description, key_id)
  VALUES (new_secret, new_name, new_description, new_key_id) RETURNING id
$fn$;

CREATE FUNCTION @extschema@.update_secret(secret_id uuid, new_secret text DEFAULT NULL, new_name text DEFAULT NULL,
  new_description text DEFAULT NULL, new_key_id uuid DEFAULT NULL) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = '' AS $fn$
  UPDATE @extschema@.secrets SET
    secret = coalesce(new_secret, secret),
    name = coalesce(new_name, name),
    description = coalesce(new_description, description),
    key_id = coalesce(new_key_id, key_id),
    updated_at = CURRENT_TIMESTAMP
  WHERE id = secret_id
$fn$;

CREATE FUNCTION @extschema@._crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint,
  context bytea DEFAULT '\x7067736f6469756d'::bytea, nonce bytea DEFAULT NULL) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $fn$ SELECT message $fn$;

REVOKE ALL ON @extschema@.secrets, @extschema@.decrypted_secrets FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.create_secret(text, text, text, uuid), @extschema@.update_secret(uuid, text, text, text, uuid) FROM PUBLIC;
