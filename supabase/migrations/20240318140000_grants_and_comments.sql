-- Lock down what the Data API may call, and document the schema.
revoke execute on function public.is_team_member(bigint) from public, anon;
grant execute on function public.is_team_member(bigint) to authenticated, service_role;

revoke all on table public.team_members from anon;
revoke insert, update, delete on table public.messages from anon;
grant select on table public.profiles to anon;

comment on table public.profiles is 'One row per auth user; created by the on_auth_user_created trigger.';
comment on column public.profiles.display_name is 'Shown in the UI; was "full_name" until 2024-02.';
comment on function public.is_team_member(bigint) is 'True when the current user belongs to the team. SECURITY DEFINER: bypasses RLS on team_members.';
comment on type public.task_status is 'Workflow state of a task.';
