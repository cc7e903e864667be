import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { serverTarget } from '../support/test-database.js';
import { withClient } from '../../src/db/client.js';
import { SHADOW_DB_PREFIX } from '../../src/shadow/shadow.js';

describe('squashbase shadow', () => {
  it('check --shadow-url bootstraps a database, lists every stand-in, and leaves nothing behind', async () => {
    const out = memoryOutput();
    const url = inject('serverUrl');
    const code = await runCli(['shadow', 'check', '--shadow-url', url, '--major', String(inject('serverMajor')), '--json'], out);
    expect(out.stderr.join('\n')).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out.stdout.join('')) as { platform: string; standIns: { extension: string }[]; available: string[] };
    expect(result.platform).toBe('bundled');
    expect(result.standIns.map((s) => s.extension)).toContain('pg_net');
    expect(result.available).toContain('vector');
    expect(out.stdout.join('')).not.toContain(String(serverTarget().config.password));
    const left = await withClient(serverTarget(), (c) => c.query("select datname from pg_database where datname like 'squashbase_shadow_check_%'"));
    expect(left.rowCount).toBe(0);
  });

  it('gc lists prefixed databases only and drops an orphan with --apply', async () => {
    // An orphan: created by a process id that cannot exist on this host.
    const name = `${SHADOW_DB_PREFIX}gc_orphan_${process.pid}`;
    await withClient(serverTarget(), async (c) => {
      await c.query(`create database ${name}`);
      const host = (await import('node:os')).hostname();
      await c.query(`comment on database ${name} is 'squashbase shadow; pid=999999999; host=${host}; created=2020-01-01T00:00:00.000Z'`);
    });
    const out = memoryOutput();
    expect(await runCli(['shadow', 'gc', '--shadow-url', inject('serverUrl'), '--json'], out)).toBe(0);
    const listed = JSON.parse(out.stdout.join('')) as { databases: { name: string; orphaned: boolean }[] };
    expect(listed.databases.find((d) => d.name === name)).toEqual(expect.objectContaining({ orphaned: true }));
    expect(listed.databases.every((d) => d.name.startsWith(SHADOW_DB_PREFIX))).toBe(true);
    const out2 = memoryOutput();
    expect(await runCli(['shadow', 'gc', '--shadow-url', inject('serverUrl'), '--apply'], out2)).toBe(0);
    expect(out2.stdout.join('\n')).toContain(`${name} (dropped)`);
    const still = await withClient(serverTarget(), (c) => c.query('select 1 from pg_database where datname = $1', [name]));
    expect(still.rowCount).toBe(0);
  });

  it('check --shadow docker fails with the shadow exit code and a hint when there is no container runtime', async () => {
    const { findContainerRuntime } = await import('../../src/shadow/providers/docker.js');
    if (await findContainerRuntime()) return; // a machine with Docker would really start the image
    const out = memoryOutput();
    const code = await runCli(['shadow', 'check', '--shadow', 'docker'], out);
    expect(code).toBe(31);
    expect(out.stderr.join('\n')).toMatch(/container runtime/);
  });
});
