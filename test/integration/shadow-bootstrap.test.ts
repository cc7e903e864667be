import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { useTestDatabase } from '../support/test-database.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';
import { listInstalledStandIns } from '../../src/shadow/stand-ins/install.js';
import { withClient } from '../../src/db/client.js';

describe('bootstrapPlatform (bundled model) on the test server', () => {
  const db = useTestDatabase('shadow_bootstrap');

  it('applies the model and installs the platform default stand-ins as real extensions', async () => {
    const major = inject('serverMajor');
    const result = await bootstrapPlatform(db.get().target, { major });
    expect(result.source).toBe('bundled');
    expect(result.warnings).toEqual([]);
    const installed = result.standIns.map((s) => s.extension).sort();
    expect(installed).toEqual(major >= 17 ? ['pg_graphql', 'pg_net', 'supabase_vault'] : ['pg_graphql', 'pg_net', 'pgjwt', 'supabase_vault']);
    for (const s of result.standIns) {
      expect(s).toMatchObject({ source: 'bundled', installed: true, mode: 'extension' });
      expect(s.objects).toBeGreaterThan(0);
    }
    expect(result.available).toEqual(expect.arrayContaining(['pg_cron', 'vector', 'pg_net', 'pg_graphql', 'supabase_vault', 'pgjwt', 'http', 'pgmq', 'pg_jsonschema', 'wrappers', 'pgsodium']));

    const r = await db.get().query<{ extname: string; nsp: string; owner: string }>(
      `select e.extname, n.nspname as nsp, pg_get_userbyid(e.extowner) as owner from pg_extension e join pg_namespace n on n.oid = e.extnamespace
       where e.extname in ('pg_net','pg_graphql','supabase_vault') order by 1`);
    expect(r.rows).toEqual([
      { extname: 'pg_graphql', nsp: 'graphql', owner: 'supabase_admin' },
      { extname: 'pg_net', nsp: 'extensions', owner: 'supabase_admin' },
      { extname: 'supabase_vault', nsp: 'vault', owner: 'supabase_admin' },
    ]);
    // Objects the stand-ins create are extension members, exactly like on live.
    const members = await db.get().query<{ n: string }>(
      `select count(*) as n from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('net', 'vault') and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`);
    expect(Number(members.rows[0]!.n)).toBe(0);
    const auth = await db.get().query<{ o: string }>("select tableowner as o from pg_tables where schemaname='auth' and tablename='users'");
    expect(auth.rows[0]!.o).toBe('supabase_auth_admin');
  });

  it('lets migrations CREATE EXTENSION pg_cron and vector; vector(1536) columns and cron.schedule work', async () => {
    const q = db.get().query.bind(db.get());
    await q('create extension if not exists pg_cron');
    await q('create extension if not exists vector with schema extensions');
    await q('create table public.documents (id bigint primary key, embedding extensions.vector(1536))');
    const col = await q<{ t: string; typmod: number }>(
      "select format_type(atttypid, atttypmod) as t, atttypmod as typmod from pg_attribute where attrelid = 'public.documents'::regclass and attname = 'embedding'");
    expect(col.rows[0]!.typmod).toBe(1536);
    expect(col.rows[0]!.t).toMatch(/^(extensions\.)?vector\(1536\)$/);
    await q("insert into public.documents values (1, '[1,2,3]'), (2, '[1,2,4]')");
    await q('create index documents_embedding_hnsw on public.documents using hnsw (embedding extensions.vector_cosine_ops)');
    await q('create index documents_embedding_ivf on public.documents using ivfflat (embedding extensions.vector_l2_ops)');
    const idx = await q<{ d: string }>("select indexdef as d from pg_indexes where indexname = 'documents_embedding_hnsw'");
    expect(idx.rows[0]!.d).toMatch(/USING hnsw \(embedding (extensions\.)?vector_cosine_ops\)/);
    await q('create table public.chunks (id bigint primary key, half extensions.halfvec(768), sparse extensions.sparsevec(30000))');
    await q('create index on public.chunks using hnsw (half extensions.halfvec_cosine_ops)');
    const half = await q<{ t: string }>("select format_type(atttypid, atttypmod) as t from pg_attribute where attrelid = 'public.chunks'::regclass and attname = 'half'");
    expect(half.rows[0]!.t).toMatch(/^(extensions\.)?halfvec\(768\)$/);
    const dist = await q<{ d: number }>("select embedding operator(extensions.<->) '[1,2,3]' as d from public.documents where id = 2");
    expect(dist.rows[0]!.d).toBe(1);

    const id1 = await q<{ id: string }>("select cron.schedule('nightly-cleanup', '0 3 * * *', 'delete from public.documents') as id");
    const id2 = await q<{ id: string }>("select cron.schedule('nightly-cleanup', '0 4 * * *', 'select 1') as id");
    expect(id2.rows[0]!.id).toBe(id1.rows[0]!.id); // same name + user: updated, as pg_cron does
    const job = await q<{ schedule: string }>("select schedule from cron.job where jobname = 'nightly-cleanup'");
    expect(job.rows[0]!.schedule).toBe('0 4 * * *');
    await expect(q("select cron.unschedule('no-such-job')")).rejects.toThrow(/could not find valid entry/);

    // Objects created by the stand-ins are members; the user's table is not.
    const vectorMembers = await q<{ n: string }>(
      "select count(*) as n from pg_depend d join pg_extension e on e.oid = d.refobjid where e.extname = 'vector' and d.deptype = 'e'");
    expect(Number(vectorMembers.rows[0]!.n)).toBeGreaterThan(20);
    const listed = await withClient(db.get().target, (c) => listInstalledStandIns(c));
    expect(listed.map((s) => s.extension)).toEqual(expect.arrayContaining(['pg_cron', 'vector', 'pg_net']));
    expect(listed.find((s) => s.extension === 'pg_cron')!.objects).toBeGreaterThan(5);
  });

  it('every bundled stand-in installs and exposes its main entry point', async () => {
    const q = db.get().query.bind(db.get());
    for (const ext of ['http', 'pg_jsonschema', 'wrappers', 'plpgsql_check']) {
      await q(`create extension if not exists ${ext} with schema extensions`);
    }
    // pgmq and pgsodium have a fixed schema in their real control files: PostgreSQL refuses
    // another one and creates theirs, exactly as with the real extensions.
    await expect(q('create extension pgmq with schema extensions')).rejects.toThrow(/must be installed in schema "pgmq"/);
    for (const ext of ['pgmq', 'pgsodium']) await q(`create extension if not exists ${ext}`);
    const r = await q<{ f: string }>(
      `select p.oid::regprocedure::text as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where (n.nspname, p.proname) in (('extensions','http_get'), ('pgmq','send'), ('extensions','jsonb_matches_schema'),
         ('extensions','stripe_fdw_handler'), ('pgsodium','create_key'), ('extensions','plpgsql_check_function'),
         ('net','http_post'), ('vault','create_secret'), ('graphql','resolve')) order by 1`);
    expect(r.rows.length).toBeGreaterThanOrEqual(10);
    await q('create foreign data wrapper stripe_wrapper handler extensions.stripe_fdw_handler validator extensions.stripe_fdw_validator');
    await q("select pgmq.create('emails')");
    const queue = await q<{ n: string }>(
      "select count(*) as n from pg_depend d join pg_extension e on e.oid = d.refobjid where e.extname = 'pgmq' and d.deptype = 'e' and d.classid = 'pg_class'::regclass and d.objid = 'pgmq.q_emails'::regclass");
    expect(Number(queue.rows[0]!.n)).toBe(1);
    const id = await q<{ id: string }>("select net.http_post('https://example.com/hook', '{\"a\":1}'::jsonb) as id");
    expect(Number(id.rows[0]!.id)).toBeGreaterThan(0);
  });

  it('falls back to plain objects, reported as such, when the extension directory is not writable', async () => {
    const { createTestDatabase } = await import('../support/test-database.js');
    const { installBundledStandIn } = await import('../../src/shadow/stand-ins/install.js');
    const fresh = await createTestDatabase('shadow_plain');
    try {
      const s = await withClient(fresh.target, (c) => installBundledStandIn(c, 'pg_net', 'extensions', undefined));
      expect(s).toMatchObject({ extension: 'pg_net', mode: 'objects', installed: true, source: 'bundled' });
      expect(s.objects).toBeGreaterThan(5);
      const f = await fresh.query("select 1 from pg_proc where proname = 'http_post' and pronamespace = 'net'::regnamespace");
      expect(f.rowCount).toBe(1);
      expect((await fresh.query("select 1 from pg_extension where extname = 'pg_net'")).rowCount).toBe(0);
    } finally {
      await fresh.drop();
    }
  });
});
