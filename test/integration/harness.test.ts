import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.js';

describe('test harness', () => {
  const db = useTestDatabase('harness');
  it('gives each test file its own real PostgreSQL database', async () => {
    const r = await db.get().query<{ db: string; v: string }>("select current_database() as db, current_setting('server_version_num') as v");
    expect(r.rows[0]!.db).toBe(db.get().name);
    expect(Number(r.rows[0]!.v)).toBeGreaterThanOrEqual(150000);
  });
});
