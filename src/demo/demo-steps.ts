import { cp, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withClient } from '../db/client.js';
import { SquashbaseError } from '../errors.js';
import type { DemoContext, DemoStep } from './run-demo.js';

/** The example project shipped with squashbase: <package root>/supabase (src/demo and dist/demo are two levels down). */
export function exampleProjectRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/**
 * Hand-made drift, the kind a dashboard leaves behind: applied straight to live, never written
 * as a migration. Parity must report exactly these as "only in live".
 */
export const DEMO_DRIFT: { description: string; sql: string }[] = [
  {
    description: 'an index created in the dashboard',
    sql: 'CREATE INDEX tasks_due_on_idx ON public.tasks USING btree (due_on)',
  },
  {
    description: 'a grant made by hand (team_members was revoked from anon by a migration)',
    sql: 'GRANT SELECT ON TABLE public.team_members TO anon',
  },
];

function liveOf(ctx: DemoContext) {
  if (!ctx.live) throw new SquashbaseError('INTERNAL', 'demo: the live server is not running');
  return ctx.live;
}

export const startLiveStep: DemoStep = {
  id: 'start-live',
  title: 'Starting an embedded PostgreSQL as a stand-in live project',
  async run(ctx) {
    const { startEmbeddedCluster } = await import('../shadow/embedded-cluster.js');
    const cluster = await startEmbeddedCluster({ major: ctx.options.major ?? 15 });
    ctx.live = { cluster, target: cluster.target };
    ctx.log(`      live: ${cluster.target.display}`);
  },
};

export const bootstrapLiveStep: DemoStep = {
  id: 'bootstrap-live',
  title: 'Installing the Supabase platform model (roles, auth, storage, realtime)',
  async run(ctx) {
    const { bootstrapPlatform } = await import('../shadow/platform-bootstrap.js');
    const live = liveOf(ctx);
    const r = await bootstrapPlatform(live.target, { major: live.cluster.major });
    if (r.standIns.length) ctx.log(`      stand-in extensions: ${r.standIns.map((s) => s.extension).join(', ')}`);
  },
};

export const pushHistoryStep: DemoStep = {
  id: 'push-history',
  title: 'Pushing the example project history, as `supabase db push` would',
  async run(ctx) {
    const { discoverMigrations } = await import('../migrations/discover.js');
    const { replayMigrations, formatReplayError } = await import('../shadow/replay.js');
    const live = liveOf(ctx);
    ctx.exampleDir = exampleProjectRoot();
    const set = await discoverMigrations(ctx.exampleDir);
    if (set.files.length === 0) {
      throw new SquashbaseError('PRECONDITION_FAILED', `The example project has no migrations (looked in ${set.dir}).`, {
        hint: 'The demo needs the supabase/ folder that ships with squashbase; reinstall the package.',
      });
    }
    const result = await replayMigrations(set.files, live.target, { recordHistory: true });
    if (!result.ok) {
      const failed = result.files.find((f) => f.status === 'failed');
      throw new SquashbaseError('REPLAY_FAILED', `The example history failed to push: ${failed?.error ? formatReplayError(failed.error) : 'unknown file'}`);
    }
    ctx.log(`      ${set.files.length} migration files applied and recorded in supabase_migrations.schema_migrations`);
  },
};

export const applyDriftStep: DemoStep = {
  id: 'apply-drift',
  title: 'Making hand-made changes on live (drift)',
  async run(ctx) {
    const live = liveOf(ctx);
    await withClient(live.target, async (c) => {
      for (const d of DEMO_DRIFT) {
        await c.query(d.sql);
        ctx.drift.push(d);
        ctx.log(`      ${d.description}: ${d.sql}`);
      }
    });
  },
};

export const copyProjectStep: DemoStep = {
  id: 'copy-project',
  title: 'Copying the example project to a temporary directory',
  async run(ctx) {
    if (!ctx.exampleDir) ctx.exampleDir = exampleProjectRoot();
    await cp(join(ctx.exampleDir, 'supabase'), join(ctx.projectDir, 'supabase'), { recursive: true });
    ctx.log(`      ${ctx.projectDir}`);
  },
};

export const parityStep: DemoStep = {
  id: 'parity',
  title: 'Running squashbase parity (live vs baseline, live vs history)',
  async run(ctx) {
    const { runParity } = await import('../parity/run-parity.js');
    const live = liveOf(ctx);
    ctx.parity = await runParity({
      target: live.target,
      workdir: ctx.projectDir,
      shadow: ctx.options.shadow ?? { provider: 'embedded' },
      // The drift is planted on purpose: report it, do not fail on it.
      allowDrift: true,
      reportDir: ctx.options.reportDir,
      onProgress: (e) => ctx.log(`      ${e.message}`),
    });
  },
};

export const consolidateStep: DemoStep = {
  id: 'consolidate',
  title: 'Running squashbase consolidate --apply on the copy (archive the old files, record the baseline)',
  async run(ctx) {
    const { runConsolidate } = await import('../consolidate/run-consolidate.js');
    const live = liveOf(ctx);
    ctx.consolidation = await runConsolidate({
      target: live.target,
      workdir: ctx.projectDir,
      apply: true,
      // The planted drift is the point of the demo; the copy is not a git checkout.
      allowDrift: true,
      allowDirty: true,
      shadow: ctx.options.shadow ?? { provider: 'embedded' },
      confirm: async () => true,
      onProgress: (m) => ctx.log(`      ${m}`),
    });
  },
};

export const verifyStep: DemoStep = {
  id: 'verify',
  title: 'Reading back: the history on live and the files on disk',
  async run(ctx) {
    const { readHistory } = await import('../history/read-history.js');
    const live = liveOf(ctx);
    const history = await withClient(live.target, (c) => readHistory(c));
    const localFiles = (await readdir(join(ctx.projectDir, 'supabase', 'migrations'))).filter((f) => f.endsWith('.sql')).sort();
    const archiveDir = ctx.consolidation?.archiveDir ?? '';
    const archivedFiles = archiveDir ? (await readdir(resolve(ctx.projectDir, archiveDir))).filter((f) => /^[0-9]+_.*\.sql$/.test(f)).length : 0;
    ctx.after = { remoteVersions: history.versions, localFiles, archiveDir, archivedFiles };
    ctx.log(`      live history: ${history.versions.join(', ')}`);
    ctx.log(`      supabase/migrations: ${localFiles.join(', ')}`);
    ctx.log(`      archived: ${archivedFiles} files in ${archiveDir}`);
    const baseline = ctx.consolidation?.baseline?.fileName;
    if (!baseline || localFiles.length !== 1 || localFiles[0] !== baseline || history.versions.length !== 1) {
      throw new SquashbaseError('INTERNAL', 'demo: after consolidate, live and the folder should hold exactly the baseline.', {
        details: { baseline, localFiles, remoteVersions: history.versions },
      });
    }
  },
};

/** The demo, in order. Add a step here to extend it. */
export const DEMO_STEPS: DemoStep[] = [
  startLiveStep,
  bootstrapLiveStep,
  pushHistoryStep,
  applyDriftStep,
  copyProjectStep,
  parityStep,
  consolidateStep,
  verifyStep,
];
