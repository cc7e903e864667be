-- Audit trail for task changes, written by a SECURITY DEFINER trigger so clients need no
-- privileges on the audit table.
create schema if not exists audit;

create table audit.task_events (
  id bigint generated always as identity primary key,
  task_id bigint not null,
  actor uuid default auth.uid(),
  action text not null check (action in ('INSERT', 'UPDATE', 'DELETE')),
  old_row jsonb,
  new_row jsonb,
  at timestamptz not null default now()
);

revoke all on schema audit from anon, authenticated;
revoke all on all tables in schema audit from anon, authenticated;

create or replace function audit.log_task_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into audit.task_events (task_id, action, old_row, new_row)
  values (
    coalesce(new.id, old.id),
    tg_op,
    case when tg_op <> 'INSERT' then to_jsonb(old) end,
    case when tg_op <> 'DELETE' then to_jsonb(new) end
  );
  return coalesce(new, old);
end;
$$;

create trigger tasks_audit
  after insert or update or delete on public.tasks
  for each row execute function audit.log_task_change();

comment on schema audit is 'Append-only change history; written only by triggers.';
