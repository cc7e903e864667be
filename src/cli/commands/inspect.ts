import type { CommandDefinition } from '../context.js';
import { resolveTarget } from '../../db/connection.js';
import { SquashbaseError } from '../../errors.js';
import { inspectDatabase } from '../../introspect/inspect.js';
import { unreadableDataMessage } from '../../introspect/data-readability.js';
import { renderNotModelled, renderSummaryTable, summarizeSnapshot } from '../../introspect/summary.js';
import { canonicalJsonChunks } from '../../util/canonical-json.js';
import { writeFileAtomic } from '../../util/fs-atomic.js';
import { resolve } from 'node:path';
import type { ConnectionTarget } from '../../db/connection.js';
import type { Snapshot } from '../../introspect/snapshot-types.js';
import { EXIT } from '../../exit-codes.js';
import type { PlatformDelta } from '../../platform-delta/delta-types.js';
import type { ReportPlatformDelta } from '../../parity/report-model.js';
import { originLabel, platformDeltaIntro } from '../../reports/platform-delta-section.js';
import { shadowFlags } from '../shadow-flags.js';

/** Measured only with --platform-delta: its modules (and the shadow's) load only then. */
async function measureDelta(opts: InspectFlags, snapshot: Snapshot, target: ConnectionTarget, cwd: string, onProgress?: (m: string) => void): Promise<{ delta: PlatformDelta | null; report: ReportPlatformDelta | null }> {
  const { discoverMigrations } = await import('../../migrations/discover.js');
  const { readPlatformDelta } = await import('../../platform-delta/read-delta.js');
  const { reportDelta } = await import('../../platform-delta/report-delta.js');
  const delta = await readPlatformDelta({
    live: snapshot,
    target,
    set: await discoverMigrations(resolve(cwd, opts.workdir ?? '.')),
    shadow: shadowFlags(opts),
    ...(onProgress ? { onProgress } : {}),
  });
  return { delta, report: delta ? reportDelta(delta, null, new Set()) : null };
}

/** The "Platform changes" block of the inspect summary. */
function renderDeltaLines(r: ReportPlatformDelta | null): string[] {
  if (!r) return ['Platform changes: none measured (not a Supabase project).'];
  const lines = ['Platform changes:', `  ${platformDeltaIntro(r)}`];
  for (const i of r.items.filter((x) => x.origin !== 'version')) lines.push(`  ${i.change.padEnd(8)} ${i.id}  (${originLabel(i)})`);
  const version = r.items.filter((x) => x.origin === 'version').length;
  if (version) lines.push(`  + ${version} platform version difference(s) (listed under --json)`);
  return lines;
}

interface InspectFlags {
  dbUrl?: string;
  out?: string;
  json?: boolean;
  platformDelta?: boolean;
  workdir?: string;
  pristineUrl?: string;
  shadow?: string;
  shadowUrl?: string;
}

export const inspectCommand: CommandDefinition = (program, ctx) => {
  program
    .command('inspect')
    .description(
      'Introspect a live database read-only (one READ ONLY REPEATABLE READ transaction) into a deterministic\n' +
        'snapshot of every user-owned object: schemas, extensions, types, sequences, tables, columns,\n' +
        'constraints, indexes, views, functions, triggers, RLS policies, grants, default privileges, comments,\n' +
        'publications, event triggers, foreign data wrappers, servers, user mappings and foreign tables. A census\n' +
        'counts every user-owned object in every catalog and lists those the snapshot does not model. Objects in\n' +
        'Supabase-managed schemas are read into the snapshot\'s `managed` list (the platform delta\'s input), not counted; user\n' +
        'objects hung on platform objects (a trigger on auth.users, policies on storage.objects, tables in\n' +
        'supabase_realtime) are kept as attachments. Prints a count per kind.',
    )
    .option('--db-url <url>', 'database to inspect (else SUPABASE_DB_URL, else DATABASE_URL)')
    .option('--out <file>', 'write the snapshot (canonical JSON) to this file, atomically')
    .option('--json', 'print the per-kind counts as JSON instead of a table')
    .option('--platform-delta', "also measure how live's managed schemas differ from a pristine platform, and whose change each is (replays supabase/migrations in a shadow; see docs/platform-delta.md)")
    .option('--workdir <dir>', 'project root holding supabase/migrations, for --platform-delta (default: current directory)')
    .option('--pristine-url <url>', "with --platform-delta: a fresh project on live's platform release (only read; default: the bundled model)")
    .option('--shadow <provider>', 'with --platform-delta: embedded (default) or docker')
    .option('--shadow-url <url>', 'with --platform-delta: an existing server as the shadow')
    .addHelpText(
      'after',
      '\nThe snapshot format is described in docs/commands/inspect.md. The same database always gives a\n' +
        'byte-identical file.\n' +
        'Exit codes: 0 ok · 2 usage / missing URL · 3 connection failed · 30 introspection failed.',
    )
    .action(async (opts: InspectFlags) => {
      const target = resolveTarget(opts.dbUrl, ctx.env);
      if (!opts.json) ctx.output.err(`Inspecting ${target.display} …`);
      const started = Date.now();
      const snapshot = await inspectDatabase(target, {
        // Step-by-step progress only on a terminal; logs and --json stay quiet.
        onProgress: (e) => {
          if (!opts.json && ctx.output.isTTY) ctx.output.err(`  [${e.index}/${e.total}] ${e.step}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`);
        },
      });
      const rows = summarizeSnapshot(snapshot);
      const delta = opts.platformDelta ? await measureDelta(opts, snapshot, target, ctx.cwd, opts.json ? undefined : (m) => ctx.output.err(m)) : undefined;
      let outPath: string | undefined;
      if (opts.out) {
        outPath = resolve(ctx.cwd, opts.out);
        try {
          await writeFileAtomic(outPath, canonicalJsonChunks(snapshot));
        } catch (err) {
          throw new SquashbaseError('IO_FAILED', `Could not write the snapshot to ${outPath}.`, {
            hint: 'Check that the directory is writable.',
            cause: err,
          });
        }
      }
      if (opts.json) {
        ctx.output.json({
          ok: true,
          database: snapshot.database,
          server: snapshot.server,
          supabase: snapshot.platform.supabase,
          kinds: rows,
          total: snapshot.objects.length,
          attachments: rows.reduce((n, r) => n + r.attachments, 0),
          data: snapshot.data,
          census: snapshot.census,
          notModelled: snapshot.notModelled,
          managedObjects: snapshot.managed?.length ?? 0,
          ...(delta !== undefined ? { platformDelta: delta.report } : {}),
          out: outPath ?? null,
        });
      } else {
        const lines = [
          `Database ${snapshot.database} · PostgreSQL ${snapshot.server.version}` +
            (snapshot.platform.supabase ? ` · Supabase platform detected (${snapshot.platform.schemas.length} managed schemas)` : ''),
          '',
          renderSummaryTable(rows),
        ];
        if (snapshot.data.length > 0) {
          lines.push('', 'Platform data a fresh environment may need (not schema):');
          for (const d of snapshot.data) {
            if (d.unreadable?.reason !== 'no-select') lines.push(`  ${d.table}: ${d.rows} row${d.rows === 1 ? '' : 's'}${d.unreadable ? ' visible' : ''}`);
            const unreadable = unreadableDataMessage(d);
            if (unreadable) lines.push(`  ${unreadable}`);
          }
        }
        lines.push('', ...renderNotModelled(snapshot.notModelled));
        if (delta !== undefined) lines.push('', ...renderDeltaLines(delta.report));
        if (outPath) lines.push('', `Snapshot written to ${outPath}`);
        lines.push(`(${Date.now() - started} ms)`);
        ctx.output.out(lines.join('\n'));
      }
      ctx.exitCode = EXIT.OK;
    });
};
