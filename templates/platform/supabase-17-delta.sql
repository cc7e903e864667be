-- squashbase platform model, PostgreSQL 17 image: applied right after supabase-15.sql (the
-- auth/storage/realtime services run the same migrations on either major). Only what the PG17
-- sheet has beyond the PG15 one lives here, as templates/platform/facts/supabase-17.json lists
-- it (scripts/platform-facts/derive-17.ts names each upstream source):
--   * the supabase_etl_admin (LOGIN REPLICATION BYPASSRLS, reads all data) and
--     supabase_superuser (NOLOGIN group; postgres and supabase_etl_admin are members) roles:
--     supabase/postgres creates them on every major, but only at commits later than the PG15
--     sheet's, which PG17 images are built from;
--   * postgres holds anon, authenticated and service_role WITH ADMIN OPTION (PostgreSQL 16+
--     no longer lets CREATEROLE alone administer them);
--   * pgjwt is not a default extension on PG17 images (supabase/postgres #1571): the shadow
--     installs no pgjwt stand-in for 17, though a migration may still CREATE EXTENSION it;
--   * GRANT ALL on tables includes MAINTAIN on 17: supabase-15.sql writes GRANT ALL for that.
-- Roles are cluster-wide: created only when missing, tolerating a concurrent creator.

DO $platform$
DECLARE
  r record;
  g record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
    ('supabase_etl_admin', 'LOGIN REPLICATION BYPASSRLS'),
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
  FOR g IN SELECT * FROM (VALUES
    ('pg_read_all_data', 'supabase_etl_admin', false),
    ('supabase_superuser', 'postgres', false),
    ('supabase_superuser', 'supabase_etl_admin', false),
    ('anon', 'postgres', true),
    ('authenticated', 'postgres', true),
    ('service_role', 'postgres', true)
  ) AS t(role, member, admin) LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members am
                   WHERE am.roleid = (SELECT oid FROM pg_roles WHERE rolname = g.role)
                     AND am.member = (SELECT oid FROM pg_roles WHERE rolname = g.member)
                     AND (am.admin_option OR NOT g.admin)) THEN
      BEGIN
        EXECUTE format('GRANT %I TO %I%s', g.role, g.member, CASE WHEN g.admin THEN ' WITH ADMIN OPTION' ELSE '' END);
      EXCEPTION WHEN unique_violation OR duplicate_object THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$platform$;
