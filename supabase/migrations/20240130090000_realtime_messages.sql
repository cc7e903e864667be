-- Team chat. Clients subscribe through Supabase Realtime (postgres_changes).
create table public.messages (
  id uuid primary key default gen_random_uuid(),
  team_id bigint not null references public.teams (id) on delete cascade,
  author_id uuid not null references public.profiles (id) on delete cascade default auth.uid(),
  content text not null check (char_length(content) <= 4000),
  inserted_at timestamptz not null default timezone('utc'::text, now())
);

create index messages_team_id_inserted_at_idx on public.messages (team_id, inserted_at desc);

alter table public.messages enable row level security;
alter table public.messages replica identity full;

create policy "Members read team messages" on public.messages
  for select to authenticated using (public.is_team_member(team_id));
create policy "Members post team messages" on public.messages
  for insert to authenticated with check (public.is_team_member(team_id) and author_id = auth.uid());

alter publication supabase_realtime add table public.messages;
alter publication supabase_realtime add table public.tasks;
