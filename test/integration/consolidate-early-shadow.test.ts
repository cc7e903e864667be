import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject } from '../support/live-project.js';
import { makeGitProject } from '../support/processes.js';
import { runConsolidate } from '../../src/consolidate/run-consolidate.js';
import { DEFAULT_STAGES, type VerifyStage } from '../../src/consolidate/steps/stages.js';
import { parseDbUrl } from '../../src/db/connection.js';
import { launchShadowServer, withShadow } from '../../src/shadow/shadow.js';

/**
 * consolidate starts its shadow server before preflight (it knows live's major from the history
 * read), so the server is up by the time parity needs it; parity takes that server over, and
 * nothing of it outlives the run.
 */
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

describe('consolidate: the shadow server starts before preflight', () => {
  it('is launched first, handed to parity, and stopped with the run', async () => {
    const mig = await mkdtemp(join(tmpdir(), 'sb-early-shadow-migrations-'));
    await writeFile(join(mig, '20240601000000_init.sql'), 'create table public.gadgets (id bigint primary key, label text);\n');
    const work = await makeGitProject(mig, 'early-shadow');
    const live = await createLiveProject({ label: 'consolidate_early_shadow', migrationsDir: mig });
    cleanup.push(async () => {
      await live.drop();
      await rm(work, { recursive: true, force: true });
      await rm(mig, { recursive: true, force: true });
    });

    const events: string[] = [];
    let serverDir: string | undefined;
    const real = DEFAULT_STAGES.verify;
    const verify: VerifyStage = Object.assign(
      async (o: Parameters<VerifyStage>[0]) => {
        const launched = o.shadow.launched;
        if (!launched) throw new Error('parity got no launched server');
        events.push('verify (with the launched server)');
        serverDir = (await launched.server).dir;
        expect(serverDir && existsSync(serverDir)).toBe(true);
        return real(o);
      },
      {
        launch: (o: Parameters<NonNullable<VerifyStage['launch']>>[0]) => {
          events.push(`launch PostgreSQL ${o.major}`);
          const launched = real.launch?.(o);
          if (!launched) throw new Error('the default verify stage has no launch');
          return launched;
        },
      },
    );
    const r = await runConsolidate({
      target: parseDbUrl(live.url),
      workdir: work,
      apply: false,
      shadow: { provider: 'embedded' },
      stages: {
        verify,
        preflight: async (o) => {
          events.push('preflight');
          return DEFAULT_STAGES.preflight(o);
        },
      },
    });
    expect(events).toEqual(['launch PostgreSQL 15', 'preflight', 'verify (with the launched server)']);
    expect(r.parity?.verdict).toBe('pass');
    expect(serverDir && existsSync(serverDir)).toBe(false);
  }, 120_000);

  it('withShadow takes a launched server of its major over, and stops one of another major', async () => {
    const launched = launchShadowServer({ provider: 'embedded', major: 15 });
    const launchedDir = (await launched.server).dir;
    const used = await withShadow({ provider: 'embedded', major: 15, launched }, async (shadow) => shadow.dir);
    expect(used).toBe(launchedDir);
    expect(launchedDir && existsSync(launchedDir)).toBe(false);

    const other = launchShadowServer({ provider: 'embedded', major: 17 });
    const otherDir = (await other.server).dir;
    const fresh = await withShadow({ provider: 'embedded', major: 15, launched: other }, async (shadow) => {
      // The PG17 server is stopped before a PG15 one is started for this shadow.
      expect(otherDir && existsSync(otherDir)).toBe(false);
      return shadow.dir;
    });
    expect(fresh).not.toBe(otherDir);
  }, 120_000);
});
