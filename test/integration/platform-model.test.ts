import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { useTestDatabase } from '../support/test-database.js';

describe('bundled Supabase platform model', () => {
  const db = useTestDatabase('platform');
  it('applies to a fresh database, twice on the same cluster (roles are idempotent)', async () => {
    const sql = await readFile(new URL('../../templates/platform/supabase-15.sql', import.meta.url), 'utf8');
    await db.get().query(sql);
    const r = await db.get().query<{ n: string }>("select count(*) as n from pg_tables where schemaname in ('auth','storage')");
    expect(Number(r.rows[0]!.n)).toBeGreaterThanOrEqual(9);
    const owner = await db.get().query<{ o: string }>("select tableowner as o from pg_tables where schemaname='auth' and tablename='users'");
    expect(owner.rows[0]!.o).toBe('supabase_auth_admin');
  });
});
