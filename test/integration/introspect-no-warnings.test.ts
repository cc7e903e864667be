import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { useTestDatabase } from '../support/test-database.js';
import { applyHostileFixture } from '../fixtures/hostile/apply.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/**
 * `inspect` keeps the server busy by writing its catalog queries ahead (pg's pipeline mode) —
 * without ever queueing two on a client outside that mode (deprecated; gone in pg 9). A queued
 * query shows up as a DeprecationWarning on the user's terminal, so the CLI must print none.
 */
describe('inspect on the terminal', () => {
  const db = useTestDatabase('introspect_warnings');
  it('prints no runtime warnings (no client-side query queueing)', async () => {
    await applyHostileFixture(db.get());
    const r = spawnSync(process.execPath, [MAIN, 'inspect', '--json'], {
      env: { ...process.env, SUPABASE_DB_URL: db.get().url, NODE_OPTIONS: '' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/Warning/);
  });
});
