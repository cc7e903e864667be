import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { useTestDatabase, serverTarget } from '../support/test-database.js';
import { withClient } from '../../src/db/client.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';
import { toUrl } from '../../src/db/connection.js';

describe('squashbase shadow check: the model release and how live differs from it', () => {
  const live = useTestDatabase('checklive');

  it('names the bundled model release, and with --db-url lists live\'s platform differences read-only', async () => {
    // A "live" project on the model, one platform release ahead: GoTrue added a column.
    await bootstrapPlatform(live.get().target, { major: inject('serverMajor') });
    await withClient(live.get().target, (c) => c.query('ALTER TABLE auth.sessions ADD COLUMN device_label text'));
    const before = await withClient(live.get().target, (c) => c.query<{ n: string }>("select count(*) as n from pg_class where relnamespace = 'auth'::regnamespace"));

    const out = memoryOutput();
    const code = await runCli(['shadow', 'check', '--db-url', toUrl(live.get().target), '--json'], out);
    expect(out.stderr.join('\n')).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out.stdout.join('')) as { model: { major: number; label: string }; liveDifferences: { group: string; status: string; object: string; detail?: string }[] };
    expect(result.model.major).toBe(15);
    expect(result.model.label).toContain('auth v2.196.0');
    expect(result.liveDifferences).toContainEqual({ group: 'tables', status: 'changed', object: 'auth.sessions', detail: 'column device_label extra' });
    expect(out.stdout.join('')).not.toContain(String(serverTarget().config.password));

    const text = memoryOutput();
    expect(await runCli(['shadow', 'check', '--db-url', toUrl(live.get().target)], text)).toBe(0);
    const printed = text.stdout.join('\n');
    expect(printed).toContain('bundled model: PG15, supabase/postgres 15 image + auth v2.196.0');
    expect(printed).toContain('information, not drift');
    expect(printed).toContain('changed tables: auth.sessions — column device_label extra');

    // Read-only on live: nothing was added to or removed from the project.
    const after = await withClient(live.get().target, (c) => c.query<{ n: string }>("select count(*) as n from pg_class where relnamespace = 'auth'::regnamespace"));
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  }, 180_000);

  it('without --db-url prints the model release only', async () => {
    const out = memoryOutput();
    expect(await runCli(['shadow', 'check', '--shadow-url', inject('serverUrl'), '--major', '17', '--allow-version-mismatch', '--json'], out)).toBe(0);
    const result = JSON.parse(out.stdout.join('')) as { model: { major: number }; liveDifferences: unknown };
    expect(result.model.major).toBe(17);
    expect(result.liveDifferences).toBeNull();
  }, 180_000);
});
