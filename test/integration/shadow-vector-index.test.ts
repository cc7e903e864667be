import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';
import { adaptStatementForStandIns } from '../../src/shadow/stand-ins/statement-adapter.js';
import { withClient } from '../../src/db/client.js';
import { inject } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverMigrations } from '../../src/migrations/discover.js';
import { replayMigrations } from '../../src/shadow/replay.js';
import { createTestDatabase } from '../support/test-database.js';

describe('pgvector index options on the vector stand-in', () => {
  const db = useTestDatabase('shadow_vector_index');

  it('runs CREATE INDEX … USING ivfflat/hnsw … WITH (…) and keeps the options in the index definition', async () => {
    await bootstrapPlatform(db.get().target, { major: inject('serverMajor') });
    await withClient(db.get().target, async (c) => {
      await c.query('create extension vector with schema extensions');
      await c.query('create table public.docs (id bigint primary key, "émbedding" extensions.vector(3))');
      const raw = 'create index docs_ivf on public.docs using ivfflat ("émbedding" extensions.vector_cosine_ops) with (lists = 100) where id > 0';
      await expect(c.query(raw)).rejects.toThrow(/unrecognized parameter/); // the gap the adapter closes
      const statements = [
        raw,
        'create index on public.docs using hnsw ("émbedding" extensions.vector_l2_ops) WITH (m = 16, ef_construction = 64)',
      ];
      for (const text of statements) {
        const adapted = await adaptStatementForStandIns(c, text);
        expect(adapted).toBeDefined();
        expect(adapted!.note).toMatch(/recorded in the catalog/);
        await c.query(adapted!.text);
        await adapted!.after(c);
      }
      const defs = await c.query<{ d: string }>("select indexdef as d from pg_indexes where tablename = 'docs' and indexname <> 'docs_pkey' order by indexname collate \"C\"");
      expect(defs.rows.map((r) => r.d.replace(/extensions\./g, ''))).toEqual([
        'CREATE INDEX docs_ivf ON public.docs USING ivfflat ("émbedding" vector_cosine_ops) WITH (lists=\'100\') WHERE (id > 0)',
        'CREATE INDEX "docs_émbedding_idx" ON public.docs USING hnsw ("émbedding" vector_l2_ops) WITH (m=\'16\', ef_construction=\'64\')',
      ]);
      // The indexes stay usable after their options were written to the catalog.
      await c.query("insert into public.docs values (1, '[1,2,3]'), (2, '[4,5,6]')");
      expect((await c.query('select count(*)::int as n from public.docs')).rows[0].n).toBe(2);
      // Statements that need nothing are left alone.
      expect(await adaptStatementForStandIns(c, 'create index on public.docs (id)')).toBeUndefined();
      expect(await adaptStatementForStandIns(c, 'create index on public.docs using btree (id) with (fillfactor = 70)')).toBeUndefined();
    });
  });

  it('a history using the ivfflat index from Supabase docs replays, and the file result says what was emulated', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-vector-'));
    const fresh = await createTestDatabase('shadow_vector_replay');
    try {
      await mkdir(join(dir, 'supabase', 'migrations'), { recursive: true });
      await writeFile(
        join(dir, 'supabase', 'migrations', '20240101000000_docs.sql'),
        [
          'create extension if not exists vector with schema extensions;',
          'create table public.documents (id bigserial primary key, embedding extensions.vector(1536));',
          'create index on public.documents using ivfflat (embedding extensions.vector_cosine_ops) with (lists = 100);',
        ].join('\n'),
      );
      await bootstrapPlatform(fresh.target, { major: inject('serverMajor') });
      const set = await discoverMigrations(dir);
      const result = await replayMigrations(set.files, fresh.target);
      expect(result.ok).toBe(true);
      expect(result.files[0]!.emulated?.join('\n')).toMatch(/line 3/);
      const def = await fresh.query<{ d: string }>("select indexdef as d from pg_indexes where tablename = 'documents' and indexname <> 'documents_pkey'");
      expect(def.rows[0]!.d).toMatch(/USING ivfflat .*WITH \(lists='100'\)/);
    } finally {
      await fresh.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
