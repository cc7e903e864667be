-- Board view. security_invoker so the caller's RLS applies (Postgres 15+).
create or replace view public.task_overview
with (security_invoker = on)
as
select
  t.id,
  t.title,
  t.status,
  t.due_on,
  p.id as project_id,
  p.name as project_name,
  p.team_id,
  pr.display_name as assignee_name
from public.tasks t
join public.projects p on p.id = t.project_id
left join public.profiles pr on pr.id = t.assignee_id
where not p.archived;

grant select on public.task_overview to authenticated;
revoke all on public.task_overview from anon;
