-- squashbase stand-in for pgmq (1.5: messages carry headers): the pgmq schema, meta table, message type and the create /
-- send / read / delete / archive / drop_queue signatures. Queue tables are created like pgmq's
-- (q_<name>, a_<name>) and added to the extension, as pgmq does.

CREATE TYPE pgmq.message_record AS (msg_id bigint, read_ct integer, enqueued_at timestamptz, vt timestamptz, message jsonb, headers jsonb);
CREATE TABLE pgmq.meta (
  queue_name varchar UNIQUE NOT NULL,
  is_partitioned boolean NOT NULL,
  is_unlogged boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);

CREATE FUNCTION pgmq.create(queue_name text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE pg_catalog.format('CREATE TABLE IF NOT EXISTS pgmq.%I (msg_id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    read_ct integer NOT NULL DEFAULT 0, enqueued_at timestamptz NOT NULL DEFAULT now(), vt timestamptz NOT NULL, message jsonb, headers jsonb)', 'q_' || queue_name);
  EXECUTE pg_catalog.format('CREATE TABLE IF NOT EXISTS pgmq.%I (msg_id bigint PRIMARY KEY, read_ct integer NOT NULL DEFAULT 0,
    enqueued_at timestamptz NOT NULL DEFAULT now(), archived_at timestamptz NOT NULL DEFAULT now(), vt timestamptz NOT NULL, message jsonb, headers jsonb)', 'a_' || queue_name);
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pgmq') THEN
    EXECUTE pg_catalog.format('ALTER EXTENSION pgmq ADD TABLE pgmq.%I', 'q_' || queue_name);
    EXECUTE pg_catalog.format('ALTER EXTENSION pgmq ADD TABLE pgmq.%I', 'a_' || queue_name);
  END IF;
  INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged) VALUES (queue_name, false, false) ON CONFLICT DO NOTHING;
END
$fn$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, delay integer DEFAULT 0) RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('INSERT INTO pgmq.%I (vt, message) VALUES (now() + make_interval(secs => $1), $2) RETURNING msg_id', 'q_' || queue_name)
    USING delay, msg;
END
$fn$;

CREATE FUNCTION pgmq.read(queue_name text, vt integer, qty integer) RETURNS SETOF pgmq.message_record LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('SELECT msg_id, read_ct, enqueued_at, vt, message, headers FROM pgmq.%I ORDER BY msg_id LIMIT $1', 'q_' || queue_name)
    USING qty;
END
$fn$;

CREATE FUNCTION pgmq.delete(queue_name text, msg_id bigint) RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE n integer;
BEGIN
  EXECUTE pg_catalog.format('DELETE FROM pgmq.%I WHERE msg_id = $1', 'q_' || queue_name) USING msg_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n > 0;
END
$fn$;

CREATE FUNCTION pgmq.archive(queue_name text, msg_id bigint) RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE n integer;
BEGIN
  EXECUTE pg_catalog.format('WITH d AS (DELETE FROM pgmq.%I WHERE msg_id = $1 RETURNING *)
    INSERT INTO pgmq.%I (msg_id, read_ct, enqueued_at, vt, message, headers) SELECT msg_id, read_ct, enqueued_at, vt, message, headers FROM d',
    'q_' || queue_name, 'a_' || queue_name) USING msg_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n > 0;
END
$fn$;

CREATE FUNCTION pgmq.drop_queue(queue_name text) RETURNS boolean LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pgmq') THEN
    EXECUTE pg_catalog.format('ALTER EXTENSION pgmq DROP TABLE pgmq.%I', 'q_' || queue_name);
    EXECUTE pg_catalog.format('ALTER EXTENSION pgmq DROP TABLE pgmq.%I', 'a_' || queue_name);
  END IF;
  EXECUTE pg_catalog.format('DROP TABLE IF EXISTS pgmq.%I', 'q_' || queue_name);
  EXECUTE pg_catalog.format('DROP TABLE IF EXISTS pgmq.%I', 'a_' || queue_name);
  DELETE FROM pgmq.meta m WHERE m.queue_name = drop_queue.queue_name;
  RETURN true;
END
$fn$;

CREATE TYPE pgmq.queue_record AS (queue_name varchar, is_partitioned boolean, is_unlogged boolean, created_at timestamptz);

CREATE FUNCTION pgmq.format_table_name(queue_name text, prefix text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT prefix || '_' || lower(queue_name)
$fn$;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay integer DEFAULT 0) RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('INSERT INTO pgmq.%I (vt, message) SELECT now() + make_interval(secs => $1), m FROM unnest($2) AS m RETURNING msg_id', 'q_' || queue_name)
    USING delay, msgs;
END
$fn$;

CREATE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt integer) RETURNS SETOF pgmq.message_record LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('UPDATE pgmq.%I SET vt = now() + make_interval(secs => $2) WHERE msg_id = $1
    RETURNING msg_id, read_ct, enqueued_at, vt, message, headers', 'q_' || queue_name) USING msg_id, vt;
END
$fn$;

CREATE FUNCTION pgmq.archive(queue_name text, msg_ids bigint[]) RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('WITH d AS (DELETE FROM pgmq.%I WHERE msg_id = ANY($1) RETURNING *)
    INSERT INTO pgmq.%I (msg_id, read_ct, enqueued_at, vt, message, headers) SELECT msg_id, read_ct, enqueued_at, vt, message, headers FROM d RETURNING msg_id',
    'q_' || queue_name, 'a_' || queue_name) USING msg_ids;
END
$fn$;

CREATE FUNCTION pgmq.delete(queue_name text, msg_ids bigint[]) RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('DELETE FROM pgmq.%I WHERE msg_id = ANY($1) RETURNING msg_id', 'q_' || queue_name) USING msg_ids;
END
$fn$;

CREATE FUNCTION pgmq.list_queues() RETURNS SETOF pgmq.queue_record LANGUAGE sql STABLE AS $fn$
  SELECT queue_name, is_partitioned, is_unlogged, created_at FROM pgmq.meta
$fn$;

GRANT USAGE ON SCHEMA pgmq TO PUBLIC;
