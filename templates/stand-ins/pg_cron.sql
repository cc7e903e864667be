-- squashbase stand-in for pg_cron (installed as a real extension, so every object below is an
-- extension member just like on Supabase). Same schema, tables and function signatures as
-- pg_cron 1.6; jobs are stored in cron.job but never run (no background worker in a shadow).

CREATE SCHEMA cron;
CREATE SEQUENCE cron.jobid_seq;
CREATE TABLE cron.job (
  jobid bigint PRIMARY KEY DEFAULT pg_catalog.nextval('cron.jobid_seq'),
  schedule text NOT NULL,
  command text NOT NULL,
  nodename text NOT NULL DEFAULT 'localhost',
  nodeport integer NOT NULL DEFAULT pg_catalog.inet_server_port(),
  database text NOT NULL DEFAULT pg_catalog.current_database(),
  username text NOT NULL DEFAULT CURRENT_USER,
  active boolean NOT NULL DEFAULT true,
  jobname text
);
ALTER SEQUENCE cron.jobid_seq OWNED BY cron.job.jobid;
CREATE UNIQUE INDEX jobname_username_uniq ON cron.job (jobname, username);
ALTER TABLE cron.job ENABLE ROW LEVEL SECURITY;
CREATE POLICY cron_job_policy ON cron.job USING (username = CURRENT_USER);

CREATE SEQUENCE cron.runid_seq;
CREATE TABLE cron.job_run_details (
  jobid bigint,
  runid bigint PRIMARY KEY DEFAULT pg_catalog.nextval('cron.runid_seq'),
  job_pid integer,
  database text,
  username text,
  command text,
  status text,
  return_message text,
  start_time timestamptz,
  end_time timestamptz
);
ALTER SEQUENCE cron.runid_seq OWNED BY cron.job_run_details.runid;
ALTER TABLE cron.job_run_details ENABLE ROW LEVEL SECURITY;
CREATE POLICY cron_job_run_details_policy ON cron.job_run_details USING (username = CURRENT_USER);

SELECT pg_catalog.pg_extension_config_dump('cron.job', '');
SELECT pg_catalog.pg_extension_config_dump('cron.jobid_seq', '');

CREATE FUNCTION cron.schedule_in_database(job_name text, schedule text, command text, database text,
  username text DEFAULT NULL, active boolean DEFAULT true) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  v_user text := coalesce(username, CURRENT_USER);
  v_id bigint;
BEGIN
  IF schedule IS NULL OR command IS NULL THEN
    RAISE EXCEPTION 'schedule and command must not be null' USING ERRCODE = '22004';
  END IF;
  IF job_name IS NOT NULL THEN
    UPDATE cron.job j SET schedule = schedule_in_database.schedule, command = schedule_in_database.command,
      database = schedule_in_database.database, active = schedule_in_database.active
    WHERE j.jobname = job_name AND j.username = v_user
    RETURNING j.jobid INTO v_id;
    IF v_id IS NOT NULL THEN
      RETURN v_id;
    END IF;
  END IF;
  INSERT INTO cron.job (schedule, command, database, username, active, jobname)
  VALUES (schedule, command, database, v_user, active, job_name)
  RETURNING jobid INTO v_id;
  RETURN v_id;
END
$fn$;

CREATE FUNCTION cron.schedule(job_name text, schedule text, command text) RETURNS bigint
LANGUAGE sql AS $fn$
  SELECT cron.schedule_in_database(job_name, schedule, command, pg_catalog.current_database())
$fn$;

CREATE FUNCTION cron.schedule(schedule text, command text) RETURNS bigint
LANGUAGE sql AS $fn$
  SELECT cron.schedule_in_database(NULL, schedule, command, pg_catalog.current_database())
$fn$;

CREATE FUNCTION cron.unschedule(job_id bigint) RETURNS boolean
LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM cron.job WHERE jobid = job_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'could not find valid entry for job %', job_id;
  END IF;
  RETURN true;
END
$fn$;

CREATE FUNCTION cron.unschedule(job_name text) RETURNS boolean
LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM cron.job WHERE jobname = job_name AND username = CURRENT_USER;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'could not find valid entry for job ''%''', job_name;
  END IF;
  RETURN true;
END
$fn$;

CREATE FUNCTION cron.alter_job(job_id bigint, schedule text DEFAULT NULL, command text DEFAULT NULL,
  database text DEFAULT NULL, username text DEFAULT NULL, active boolean DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE cron.job j SET
    schedule = coalesce(alter_job.schedule, j.schedule),
    command = coalesce(alter_job.command, j.command),
    database = coalesce(alter_job.database, j.database),
    username = coalesce(alter_job.username, j.username),
    active = coalesce(alter_job.active, j.active)
  WHERE j.jobid = job_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'could not find valid entry for job %', job_id;
  END IF;
END
$fn$;

CREATE FUNCTION cron.job_cache_invalidate() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN NULL;
END
$fn$;

GRANT USAGE ON SCHEMA cron TO PUBLIC;
GRANT SELECT ON cron.job TO PUBLIC;
GRANT SELECT, DELETE ON cron.job_run_details TO PUBLIC;
