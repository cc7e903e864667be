-- Nightly clean-up of old chat messages with pg_cron.
create extension if not exists pg_cron;

create or replace function public.purge_old_messages(keep interval default interval '90 days')
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  n integer;
begin
  delete from public.messages where inserted_at < now() - keep;
  get diagnostics n = row_count;
  return n;
end;
$$;

revoke execute on function public.purge_old_messages(interval) from public, anon, authenticated;

select cron.schedule(
  'purge-old-messages',
  '17 3 * * *',
  $$ select public.purge_old_messages(); $$
);
