-- Built concurrently: tasks is hot in production. Alone in its file so `supabase db push`
-- can run it (CREATE INDEX CONCURRENTLY cannot run inside a transaction block).
create index concurrently if not exists tasks_assignee_id_idx on public.tasks (assignee_id) where assignee_id is not null;
