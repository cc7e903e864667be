-- squashbase stand-in for pgmq: the pgmq schema, meta table, message type and the create /
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

-- create_unlogged / create_partitioned: the same queue tables (a shadow needs no WAL savings and
-- has no pg_partman), recorded in pgmq.meta with the flags the real functions set, which is
-- what parity compares.
CREATE FUNCTION pgmq.create_unlogged(queue_name text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pgmq.create(queue_name);
  UPDATE pgmq.meta m SET is_unlogged = true WHERE m.queue_name = create_unlogged.queue_name;
END
$fn$;

CREATE FUNCTION pgmq.create_partitioned(queue_name text, partition_interval text DEFAULT '10000',
  retention_interval text DEFAULT '100000') RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pgmq.create(queue_name);
  UPDATE pgmq.meta m SET is_partitioned = true WHERE m.queue_name = create_partitioned.queue_name;
END
$fn$;

-- pgmq 1.5: messages carry headers; send/send_batch are overloads without defaults, as upstream.
CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay integer) RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('INSERT INTO pgmq.%I (vt, message, headers) VALUES (now() + make_interval(secs => $1), $2, $3) RETURNING msg_id', 'q_' || queue_name)
    USING delay, msg, headers;
END
$fn$;
CREATE FUNCTION pgmq.send(queue_name text, msg jsonb) RETURNS SETOF bigint LANGUAGE sql AS $fn$ SELECT pgmq.send(queue_name, msg, NULL::jsonb, 0) $fn$;
CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, delay integer) RETURNS SETOF bigint LANGUAGE sql AS $fn$ SELECT pgmq.send(queue_name, msg, NULL::jsonb, delay) $fn$;
CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb) RETURNS SETOF bigint LANGUAGE sql AS $fn$ SELECT pgmq.send(queue_name, msg, headers, 0) $fn$;

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

-- The rest of pgmq 1.5's public API that histories call from their own functions (signatures
-- as upstream; bodies do the simple thing on the q_/a_ tables).
CREATE TYPE pgmq.queue_record AS (queue_name varchar, is_partitioned boolean, is_unlogged boolean, created_at timestamptz);

CREATE FUNCTION pgmq.format_table_name(queue_name text, prefix text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT pg_catalog.lower(prefix || '_' || queue_name)
$fn$;

CREATE FUNCTION pgmq.list_queues() RETURNS SETOF pgmq.queue_record LANGUAGE sql AS $fn$
  SELECT queue_name, is_partitioned, is_unlogged, created_at FROM pgmq.meta ORDER BY queue_name
$fn$;

CREATE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt integer) RETURNS SETOF pgmq.message_record LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('UPDATE pgmq.%I SET vt = now() + make_interval(secs => $1) WHERE msg_id = $2
    RETURNING msg_id, read_ct, enqueued_at, vt, message, headers', 'q_' || queue_name) USING vt, msg_id;
END
$fn$;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay integer) RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('INSERT INTO pgmq.%I (vt, message, headers) SELECT now() + make_interval(secs => $1), m.msg, m.hdr
    FROM unnest($2, $3) AS m(msg, hdr) RETURNING msg_id', 'q_' || queue_name) USING delay, msgs, headers;
END
$fn$;
CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[]) RETURNS SETOF bigint LANGUAGE sql AS $fn$ SELECT pgmq.send_batch(queue_name, msgs, NULL::jsonb[], 0) $fn$;
CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay integer) RETURNS SETOF bigint LANGUAGE sql AS $fn$ SELECT pgmq.send_batch(queue_name, msgs, NULL::jsonb[], delay) $fn$;
CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[]) RETURNS SETOF bigint LANGUAGE sql AS $fn$ SELECT pgmq.send_batch(queue_name, msgs, headers, 0) $fn$;

CREATE FUNCTION pgmq.delete(queue_name text, msg_ids bigint[]) RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('DELETE FROM pgmq.%I WHERE msg_id = ANY($1) RETURNING msg_id', 'q_' || queue_name) USING msg_ids;
END
$fn$;

CREATE FUNCTION pgmq.archive(queue_name text, msg_ids bigint[]) RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('WITH d AS (DELETE FROM pgmq.%I WHERE msg_id = ANY($1) RETURNING *)
    INSERT INTO pgmq.%I (msg_id, read_ct, enqueued_at, vt, message, headers) SELECT msg_id, read_ct, enqueued_at, vt, message, headers FROM d RETURNING msg_id',
    'q_' || queue_name, 'a_' || queue_name) USING msg_ids;
END
$fn$;

CREATE FUNCTION pgmq.pop(queue_name text) RETURNS SETOF pgmq.message_record LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format('DELETE FROM pgmq.%I WHERE msg_id = (SELECT min(msg_id) FROM pgmq.%I)
    RETURNING msg_id, read_ct, enqueued_at, vt, message, headers', 'q_' || queue_name, 'q_' || queue_name);
END
$fn$;

CREATE FUNCTION pgmq.read_with_poll(queue_name text, vt integer, qty integer, max_poll_seconds integer DEFAULT 5, poll_interval_ms integer DEFAULT 100)
RETURNS SETOF pgmq.message_record LANGUAGE sql AS $fn$
  SELECT * FROM pgmq.read(queue_name, vt, qty)
$fn$;

CREATE FUNCTION pgmq.purge_queue(queue_name text) RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE n bigint;
BEGIN
  EXECUTE pg_catalog.format('DELETE FROM pgmq.%I', 'q_' || queue_name);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$fn$;

GRANT USAGE ON SCHEMA pgmq TO PUBLIC;
