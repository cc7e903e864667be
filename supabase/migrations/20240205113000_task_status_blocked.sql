-- New status. ADD VALUE may run in a transaction since PG 12, but the value cannot be used
-- in the same transaction, so nothing else happens in this file.
alter type public.task_status add value if not exists 'blocked' after 'in_progress';
