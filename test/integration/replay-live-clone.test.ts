import { afterAll, describe, expect, it } from 'vitest';
import { createLiveProject, REPO_ROOT, type LiveProject } from '../support/live-project.js';
import { runReplay, formatReplayError } from '../../src/shadow/replay.js';
import { serverTarget } from '../support/test-database.js';
import { toUrl } from '../../src/db/connection.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { compareSnapshots } from '../../src/parity/compare.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshotFile } from '../support/read-artifacts.js';

describe('replay with --db-url (platform cloned from the live project)', () => {
  let live: LiveProject | undefined;
  afterAll(async () => {
    await live?.drop();
  });

  it('replays the example history on a clone of live and builds the same schema as live', async () => {
    live = await createLiveProject({ label: 'replay_live', workdir: REPO_ROOT });
    const dir = await mkdtemp(join(tmpdir(), 'sb-replay-live-'));
    try {
      const out = join(dir, 'history.json');
      const r = await runReplay({ workdir: REPO_ROOT, shadow: { provider: 'url', url: toUrl(serverTarget()) }, live: live.target, out });
      expect(r.replay.files.filter((f) => f.error).map((f) => formatReplayError(f.error!))).toEqual([]);
      expect(r.shadow.platform).toBe('live');
      expect(r.standIns.map((s) => s.extension)).toEqual(expect.arrayContaining(['pg_cron', 'vector']));
      // The live database is never written: still exactly its 16 history rows.
      expect((await live.query('select count(*)::int as n from supabase_migrations.schema_migrations')).rows).toEqual([{ n: 16 }]);

      const replayed = await readSnapshotFile(out);
      const cmp = compareSnapshots(await inspectDatabase(live.target), replayed);
      const differing = cmp.objects.filter((o) => o.status !== 'equal').map((o) => `${o.status} ${o.id}`);
      expect(differing).toEqual([]);
      expect(cmp.identical).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
