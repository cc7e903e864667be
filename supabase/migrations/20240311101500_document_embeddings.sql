-- Semantic search over project documents (OpenAI text-embedding-3-small: 1536 dimensions).
create extension if not exists vector with schema extensions;

create table public.documents (
  id bigint primary key generated always as identity,
  project_id bigint not null references public.projects (id) on delete cascade,
  title text not null,
  content text not null,
  embedding extensions.vector(1536),
  created_at timestamptz not null default now()
);

alter table public.documents enable row level security;

create policy "Team members can read documents" on public.documents
  for select to authenticated
  using (exists (select 1 from public.projects p where p.id = documents.project_id and public.is_team_member(p.team_id)));

create index documents_embedding_idx on public.documents using hnsw (embedding extensions.vector_cosine_ops);

create or replace function public.match_documents (
  query_embedding extensions.vector(1536),
  match_threshold float,
  match_count int
)
returns table (id bigint, title text, similarity float)
language sql stable
set search_path = ''
as $$
  select d.id, d.title, 1 - (d.embedding operator(extensions.<=>) query_embedding) as similarity
  from public.documents d
  where 1 - (d.embedding operator(extensions.<=>) query_embedding) > match_threshold
  order by d.embedding operator(extensions.<=>) query_embedding asc
  limit least(match_count, 200);
$$;
