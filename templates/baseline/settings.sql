-- Like pg_dump: function bodies are checked when called, not when created, so a function may
-- name a table that is created further down.
SET check_function_bodies = false;
SET client_min_messages = warning;
