import { capturePlatform } from '../../src/shadow/clone/platform-capture.js';
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { useTestDatabase, serverTarget } from '../support/test-database.js';
import { toUrl } from '../../src/db/connection.js';
import { withClient } from '../../src/db/client.js';
import {
  SHADOW_DB_PREFIX,
  assertShadowDatabaseName,
  dropShadowDatabase,
  listShadowDatabases,
  withShadow,
} from '../../src/shadow/shadow.js';
import { findContainerRuntime } from '../../src/shadow/providers/docker.js';
import { isSquashbaseError } from '../../src/errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function databaseExists(name: string): Promise<boolean> {
  return withClient(serverTarget(), async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
}

describe('withShadow: embedded provider', () => {
  it('starts a cluster of the live major, bootstraps a database, and removes everything on success', async () => {
    let dir = '';
    let pid = 0;
    const timings: Record<string, number> = {};
    const t0 = Date.now();
    const result = await withShadow({ provider: 'embedded', major: 15 }, async (shadow) => {
      timings['start'] = Date.now() - t0;
      expect(shadow.provider).toBe('embedded');
      expect(shadow.major).toBe(15);
      expect(shadow.versionMismatch).toBeUndefined();
      dir = shadow.dir!;
      pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(alive(pid)).toBe(true);
      const db = await shadow.createDatabase('replay');
      timings['bootstrap'] = db.bootstrapMs;
      expect(db.name.startsWith(SHADOW_DB_PREFIX)).toBe(true);
      expect(db.platform).toBe('bundled');
      expect(db.standIns.map((s) => s.extension).sort()).toEqual(['pg_graphql', 'pg_net', 'pgjwt', 'supabase_vault']);
      await withClient(db.target, async (c) => {
        await c.query('create extension vector with schema extensions');
        await c.query('create table public.t (e extensions.vector(3))');
      });
      const now = await db.currentStandIns();
      expect(now.map((s) => s.extension)).toContain('vector');
      const bare = await shadow.createDatabase('bare', { platform: false });
      expect(bare.platform).toBe('none');
      await bare.drop();
      return 'done';
    });
    expect(result).toBe('done');
    console.log(`embedded PG15 shadow: start ${timings['start']} ms, bootstrap ${timings['bootstrap']} ms`);
    expect(existsSync(dir)).toBe(false);
    expect(alive(pid)).toBe(false);
  });

  it('removes the cluster when the callback throws', async () => {
    let dir = '';
    const boom = new Error('replay exploded');
    await expect(
      withShadow({ provider: 'embedded', major: 15 }, async (shadow) => {
        dir = shadow.dir!;
        await shadow.createDatabase('fails', { platform: false });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(dir).not.toBe('');
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a major with no bundled binaries unless the mismatch is allowed', async () => {
    const err = await withShadow({ provider: 'embedded', major: 16 }, async () => 1).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'VERSION_MISMATCH')).toBe(true);
    expect((err as { hint: string }).hint).toContain('--allow-version-mismatch');
  });
});

describe('withShadow: url provider', () => {
  const live = useTestDatabase('shadow_url_live');

  it('creates and drops only prefixed databases', async () => {
    const serverUrl = inject('serverUrl');
    let name = '';
    await withShadow({ provider: 'url', url: serverUrl, major: inject('serverMajor'), live: await capturePlatform(live.get().target, { dumpSchemas: false }) }, async (shadow) => {
      expect(shadow.provider).toBe('url');
      const db = await shadow.createDatabase('url test', { platform: false });
      name = db.name;
      expect(name).toMatch(/^squashbase_shadow_url_test_[0-9a-f]{10}$/);
      expect(await databaseExists(name)).toBe(true);
      const listed = await listShadowDatabases(shadow.admin);
      expect(listed.find((d) => d.name === name)).toMatchObject({ orphaned: false });
      // Left for withShadow to clean up.
    });
    expect(await databaseExists(name)).toBe(false);
    expect(await databaseExists(live.get().name)).toBe(true);
  });

  it('never drops a database without the prefix', async () => {
    expect(() => assertShadowDatabaseName('postgres')).toThrow(/only databases named squashbase_shadow_/);
    expect(() => assertShadowDatabaseName(SHADOW_DB_PREFIX)).toThrow();
    await expect(dropShadowDatabase(serverTarget(), live.get().name)).rejects.toThrow(/Refusing to drop/);
    expect(await databaseExists(live.get().name)).toBe(true);
  });

  it('refuses a shadow URL that is the live database', async () => {
    const err = await withShadow({ provider: 'url', url: live.get().url, major: 15, liveAddress: live.get().target.config }, async () => 1).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'USAGE')).toBe(true);
    expect((err as Error).message).toContain('points at the live database');
    expect((err as Error).message).not.toContain(String(live.get().target.config.password));
  });

  it('refuses a different major, and records the mismatch when allowed', async () => {
    const serverUrl = toUrl(serverTarget());
    const other = inject('serverMajor') === 17 ? 15 : 17;
    const err = await withShadow({ provider: 'url', url: serverUrl, major: other }, async () => 1).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'VERSION_MISMATCH')).toBe(true);
    expect((err as { hint: string }).hint).toContain('--allow-version-mismatch');
    const mismatch = await withShadow({ provider: 'url', url: serverUrl, major: other, allowVersionMismatch: true }, async (s) => s.versionMismatch);
    expect(mismatch).toEqual({ live: other, shadow: inject('serverMajor') });
  });
});

describe('withShadow: docker provider', () => {
  it('gives a clear SHADOW_FAILED error when no container runtime is present', async () => {
    const runtime = await findContainerRuntime();
    const err = await withShadow({ provider: 'docker', major: 15 }, async () => 1).catch((e: unknown) => e);
    if (runtime === undefined) {
      expect(isSquashbaseError(err, 'SHADOW_FAILED')).toBe(true);
      expect((err as Error).message).toContain('container runtime');
      expect((err as { hint: string }).hint).toContain('embedded');
    } else {
      // A machine with a runtime either starts the image or fails with a SquashbaseError, never a raw stack.
      expect(err === 1 || isSquashbaseError(err)).toBe(true);
    }
  });
});
