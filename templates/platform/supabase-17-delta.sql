-- squashbase platform model, PostgreSQL 17 image: applied right after supabase-15.sql (the
-- auth/storage/realtime shape is the same: the service migrations that build those schemas do
-- not depend on the major). Only the PG17 image differences live here
-- (../shared/research/supabase-platform.md):
--   * images recent enough to ship PG17 also have the supabase_etl_admin (LOGIN REPLICATION)
--     and supabase_superuser (NOLOGIN group, postgres is a member) roles;
--   * pgjwt is not a default extension on PG17 images (deactivated, supabase/postgres #1571):
--     the shadow installs no pgjwt stand-in for 17 (src/shadow/stand-ins/catalog.ts), though a
--     migration may still CREATE EXTENSION it (the stand-in stays available);
--   * pgsodium is absent (it only exists on images before 15.8.1.060) — as in the 15 model.
-- Roles are cluster-wide: created only when missing, tolerating a concurrent creator.

DO $platform$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
    ('supabase_etl_admin', 'LOGIN REPLICATION'),
    ('supabase_superuser', 'NOLOGIN')
  ) AS t(name, attrs) LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I %s', r.name, r.attrs);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM pg_auth_members am
                 WHERE am.roleid = (SELECT oid FROM pg_roles WHERE rolname = 'supabase_superuser')
                   AND am.member = (SELECT oid FROM pg_roles WHERE rolname = 'postgres')) THEN
    BEGIN
      GRANT supabase_superuser TO postgres;
    EXCEPTION WHEN unique_violation OR duplicate_object THEN
      NULL;
    END;
  END IF;
END
$platform$;
