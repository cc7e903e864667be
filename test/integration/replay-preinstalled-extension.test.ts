import { describe, expect, inject, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReplay } from '../../src/shadow/replay.js';

describe('replay on the bundled model: histories of projects that had pgsodium preinstalled', () => {
  it('CREATE EXTENSION IF NOT EXISTS pgsodium WITH SCHEMA pgsodium (pg_dump style) applies, and the adaptation is reported', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-preinstalled-'));
    try {
      await mkdir(join(dir, 'supabase', 'migrations'), { recursive: true });
      // Our own fixture of the pattern: the dump of a project created before 15.8.1.060.
      await writeFile(join(dir, 'supabase', 'migrations', '20230101000000_remote_schema.sql'), [
        'CREATE EXTENSION IF NOT EXISTS "pgsodium" WITH SCHEMA "pgsodium";',
        'CREATE TABLE public.secrets (id bigint PRIMARY KEY, key_id uuid);',
        'SELECT pgsodium.crypto_aead_det_keygen();',
        '',
      ].join('\n'));
      const r = await runReplay({ workdir: dir, shadow: { provider: 'url', url: inject('serverUrl'), major: inject('serverMajor') } });
      const file = r.replay.files[0]!;
      expect(file.error).toBeUndefined();
      expect(file.status).toBe('applied');
      expect(file.emulated?.join('\n')).toMatch(/CREATE EXTENSION pgsodium ran without WITH SCHEMA pgsodium/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
