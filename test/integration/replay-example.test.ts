import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReplay, type RunReplayResult } from '../../src/shadow/replay.js';
import { createLiveProject, REPO_ROOT, type LiveProject } from '../support/live-project.js';
import { formatReplayError } from '../../src/shadow/replay.js';
import { readSnapshotFile } from '../support/read-artifacts.js';

describe('the example project (supabase/ at the repo root)', () => {
  let live: LiveProject | undefined;
  afterAll(async () => {
    await live?.drop();
  });

  it('replays cleanly on the embedded default shadow, listing the stand-ins it used', async () => {
    const events: string[] = [];
    const dir = await mkdtemp(join(tmpdir(), 'sb-replay-out-'));
    const out = join(dir, 'snapshot.json');
    const r: RunReplayResult = await runReplay({ workdir: REPO_ROOT, shadow: { provider: 'embedded' }, out, onProgress: (e) => events.push(e.type) });
    const failures = r.replay.files.filter((f) => f.error).map((f) => formatReplayError(f.error!));
    expect(failures).toEqual([]);
    expect(r.replay.ok).toBe(true);
    expect(r.replay.files).toHaveLength(16);
    expect(r.replay.files.every((f) => f.status === 'applied' && f.statements > 0)).toBe(true);
    expect(r.shadow).toMatchObject({ provider: 'embedded', major: 15 });
    expect(r.migrations.skipped).toEqual([]);
    const standIns = r.standIns.map((s) => s.extension);
    expect(standIns).toEqual(expect.arrayContaining(['pg_cron', 'vector']));
    expect(r.replay.files.find((f) => f.fileName.includes('assignee_index'))!.nonTransactional).toEqual(['CREATE INDEX CONCURRENTLY (line 3)']);
    expect(events.filter((e) => e === 'file-done')).toHaveLength(16);
    // --out: the replayed database's snapshot in the inspect format.
    expect(r.outPath).toBe(out);
    const snap = await readSnapshotFile(out);
    await rm(dir, { recursive: true, force: true });
    expect(snap.format).toBe('squashbase.snapshot');
    const ids = snap.objects.map((o) => o.id);
    expect(ids).toContain('table:"public"."profiles"');
    expect(ids).toContain('view:"public"."task_overview"');
    expect(ids.some((id) => id.startsWith('trigger:') && id.includes('on_auth_user_created'))).toBe(true);
  });

  it('createLiveProject pushes it like `supabase db push`: objects, attachments to platform tables, history rows', async () => {
    live = await createLiveProject({ label: 'example_live', workdir: REPO_ROOT });
    const q = async (sql: string) => (await live!.query(sql)).rows;
    expect(await q('select count(*)::int as n from supabase_migrations.schema_migrations')).toEqual([{ n: 16 }]);
    expect(await q("select tgname from pg_trigger where tgrelid = 'auth.users'::regclass and not tgisinternal")).toEqual([{ tgname: 'on_auth_user_created' }]);
    expect(await q('select id from storage.buckets order by id')).toEqual([{ id: 'attachments' }, { id: 'avatars' }]);
    expect(await q("select policyname from pg_policies where schemaname = 'storage' order by 1")).toEqual([
      { policyname: 'Avatar images are publicly accessible.' },
      { policyname: 'Users can update their own avatar' },
      { policyname: 'Users can upload their own avatar' },
    ]);
    expect(await q("select tablename from pg_publication_tables where pubname = 'supabase_realtime' order by 1")).toEqual([
      { tablename: 'messages' },
      { tablename: 'tasks' },
    ]);
    expect(await q('select jobname, schedule from cron.job')).toEqual([{ jobname: 'purge-old-messages', schedule: '17 3 * * *' }]);
    expect(await q("select enum_range(null::public.task_status)::text as r")).toEqual([{ r: '{todo,in_progress,blocked,done}' }]);
    expect(
      await q(
        "select n.nspname as s, t.typname as t, a.atttypmod as m from pg_attribute a join pg_type t on t.oid = a.atttypid join pg_namespace n on n.oid = t.typnamespace where a.attrelid = 'public.documents'::regclass and a.attname = 'embedding'",
      ),
    ).toEqual([{ s: 'extensions', t: 'vector', m: 1536 }]);
    expect(await q("select attname from pg_attribute where attrelid = 'public.profiles'::regclass and attname in ('full_name', 'display_name')")).toEqual([
      { attname: 'display_name' },
    ]);
    expect(await q("select reloptions from pg_class where oid = 'public.task_overview'::regclass")).toEqual([{ reloptions: ['security_invoker=on'] }]);
  });
});
