-- The first task policies let any signed-in user see every task. Scope them to team members.
drop policy if exists "Team members can read tasks" on public.tasks;
drop policy if exists "Team members can write tasks" on public.tasks;

create policy "Team members can read tasks" on public.tasks
  for select to authenticated
  using (exists (
    select 1 from public.projects p
    where p.id = tasks.project_id and public.is_team_member(p.team_id)
  ));

create policy "Team members can insert tasks" on public.tasks
  for insert to authenticated
  with check (exists (
    select 1 from public.projects p
    where p.id = tasks.project_id and public.is_team_member(p.team_id)
  ));

create policy "Assignees can update tasks" on public.tasks
  for update to authenticated
  using (assignee_id = (select auth.uid()))
  with check (assignee_id = (select auth.uid()));

create policy "Owners manage team members" on public.team_members
  for all to authenticated
  using (exists (
    select 1 from public.teams t
    where t.id = team_members.team_id and t.created_by = (select auth.uid())
  ));
