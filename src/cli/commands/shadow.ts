import type { CommandDefinition } from '../context.js';
import { EXIT } from '../../exit-codes.js';
import { SquashbaseError } from '../../errors.js';
import { parseDbUrl, resolveTarget } from '../../db/connection.js';
import { withClient, serverVersionNum } from '../../db/client.js';

/** Text output lists this many live-vs-model differences; --json has them all. */
const MAX_LISTED = 40;

interface CheckOpts {
  shadow?: string;
  shadowImage?: string;
  shadowUrl?: string;
  dbUrl?: string;
  major?: string;
  allowVersionMismatch?: boolean;
  json?: boolean;
}

/**
 * `squashbase shadow check`: start the shadow the other commands would use, bootstrap one
 * database, report the platform source, every stand-in and the timings, then clean up.
 * `squashbase shadow gc`: list (and with --apply drop) orphaned squashbase_shadow_* databases
 * on a --shadow-url server, and the temp-directory leftovers of dead runs (src/shadow/temp-leftovers.ts).
 */
export const shadowCommand: CommandDefinition = (program, ctx) => {
  const shadow = program
    .command('shadow')
    .description('Inspect and clean up shadow databases (the throw-away servers replay and parity run in).');

  shadow
    .command('check')
    .description(
      'Start a shadow exactly as replay/parity would, bootstrap one Supabase-like database, and report what is ' +
        'emulated (platform model or clone, extension stand-ins) and how long it took. Everything is removed after.',
    )
    .option('--shadow <provider>', 'shadow provider: embedded (default, no Docker) or docker')
    .option('--shadow-url <url>', 'use an existing server (temporary squashbase_shadow_* databases, dropped after)')
    .option('--shadow-image <image>', 'supabase/postgres image for --shadow docker (default: the known image for the major)')
    .option('--db-url <url>', 'live project (read-only): clone its platform and match its major version')
    .option('--major <n>', 'PostgreSQL major when no --db-url is given (default 15)')
    .option('--allow-version-mismatch', 'allow a shadow whose major differs from live (recorded)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: CheckOpts) => {
      const provider = opts.shadowUrl ? 'url' : (opts.shadow ?? 'embedded');
      if (provider !== 'embedded' && provider !== 'docker' && provider !== 'url') {
        throw new SquashbaseError('USAGE', `Unknown shadow provider "${provider}".`, { hint: 'Use --shadow embedded, --shadow docker, or --shadow-url URL.' });
      }
      if (opts.shadowUrl) parseDbUrl(opts.shadowUrl, '--shadow-url');
      let major = opts.major ? Number(opts.major) : 15;
      const { captureShadowSources, sourceOptions } = await import('../../shadow/clone/platform-capture.js');
      // Live's platform is read once, here; the shadow gets the data, never the URL.
      const live = opts.dbUrl ? resolveTarget(opts.dbUrl, ctx.env) : undefined;
      const sources = live ? await captureShadowSources(live, { platformBase: 'live', major }) : undefined;
      if (live) {
        major = sources?.live ? Math.floor(sources.live.platform.versionNum / 10000) : Math.floor((await withClient(live, (c) => serverVersionNum(c))) / 10000);
      }
      if (!Number.isInteger(major) || major < 10) throw new SquashbaseError('USAGE', `--major must be a PostgreSQL major version, got ${opts.major}.`);
      const { withShadow } = await import('../../shadow/shadow.js');
      const started = Date.now();
      const result = await withShadow(
        {
          provider,
          major,
          ...(opts.shadowUrl ? { url: opts.shadowUrl } : {}),
          ...sourceOptions(sources),
          ...(opts.allowVersionMismatch ? { allowVersionMismatch: true } : {}),
          ...(opts.shadowImage ? { image: opts.shadowImage } : {}),
        },
        async (s) => {
          const startMs = Date.now() - started;
          const db = await s.createDatabase('check');
          return {
            provider: s.provider,
            serverVersion: s.serverVersion,
            description: s.description,
            versionMismatch: s.versionMismatch ?? null,
            platform: db.platform,
            standIns: db.standIns,
            available: db.available,
            warnings: [...(sources?.warnings ?? []), ...s.warnings, ...db.warnings],
            timings: { startMs, bootstrapMs: db.bootstrapMs },
            pooled: db.pooled,
          };
        },
      );
      const { modelRelease, comparePlatformWithModel } = await import('../../shadow/platform-facts/compare-live.js');
      const { renderDifference } = await import('../../shadow/platform-facts/compare-facts.js');
      const { modelMajor } = await import('../../shadow/platform-bootstrap.js');
      const model = await modelRelease(modelMajor(major));
      // Read-only on live; a different release is information, not drift.
      const liveDifferences = live ? (await comparePlatformWithModel(live, modelMajor(major))).differences : null;
      if (opts.json) ctx.output.json({ ok: true, ...result, model, liveDifferences });
      else {
        const lines = [
          `shadow: ${result.description}`,
          `platform: ${result.platform === 'live' ? 'cloned from the live project' : result.platform === 'bundled' ? 'bundled Supabase model' : result.platform}`,
          `bundled model: PG${model.major}, ${model.label} (sources read ${model.readOn}; docs/platform-model.md)`,
          ...(liveDifferences === null ? [] : liveDifferences.length === 0
            ? ['live platform: same as the bundled model\'s fact sheet']
            : [`live platform differs from the bundled model in ${liveDifferences.length} place(s) (information, not drift: live runs the platform release Supabase deployed to it):`,
               ...liveDifferences.slice(0, MAX_LISTED).map((d) => `  ${renderDifference(d)}`),
               ...(liveDifferences.length > MAX_LISTED ? [`  … and ${liveDifferences.length - MAX_LISTED} more (--json lists all)`] : [])]),
          result.versionMismatch ? `version mismatch (allowed): live ${result.versionMismatch.live}, shadow ${result.versionMismatch.shadow}` : '',
          `timings: server ${result.timings.startMs} ms, bootstrap ${result.timings.bootstrapMs} ms${result.pooled ? ' (the bundled model was applied once, in the cached template: a pooled database)' : ''}`,
          'stand-ins installed (emulated, not the real extension):',
          ...result.standIns.map((x) => `  ${x.extension} ${x.version} [${x.source}, ${x.objects} objects, ${x.mode}]: ${x.emulation}`),
          `stand-ins available to CREATE EXTENSION: ${result.available.join(', ') || '(none)'}`,
          ...result.warnings.map((w) => `warning: ${w}`),
        ].filter(Boolean);
        ctx.output.out(lines.join('\n'));
      }
      ctx.exitCode = EXIT.OK;
    });

  shadow
    .command('gc')
    .description(
      'List what crashed or killed runs left behind: squashbase_shadow_* databases on a --shadow-url server (orphaned when ' +
        'the process that created them is gone), and in the temp directory embedded clusters (squashbase-pg-*), parity and ' +
        'clone work dirs (squashbase-parity-*, squashbase-clone-*) and initdb password files (pg-password-*). --apply removes ' +
        'exactly the orphans listed; nothing without the squashbase_shadow_ prefix is ever dropped.',
    )
    .option('--shadow-url <url>', 'server to look for squashbase_shadow_* databases on')
    .option('--apply', 'drop the orphaned shadow databases and remove the orphaned temp-directory leftovers')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { shadowUrl?: string; apply?: boolean; json?: boolean }) => {
      const { listShadowDatabases, dropShadowDatabase } = await import('../../shadow/shadow.js');
      const { findTempLeftovers, removeTempLeftovers } = await import('../../shadow/temp-leftovers.js');
      const databases = opts.shadowUrl ? await listShadowDatabases(parseDbUrl(opts.shadowUrl, '--shadow-url')) : [];
      const leftovers = await findTempLeftovers();
      const dropped: string[] = [];
      let removed: string[] = [];
      if (opts.apply) {
        for (const d of databases.filter((x) => x.orphaned)) {
          await dropShadowDatabase(parseDbUrl(opts.shadowUrl!, '--shadow-url'), d.name);
          dropped.push(d.name);
        }
        removed = (await removeTempLeftovers(leftovers)).map((l) => l.path);
      }
      if (opts.json) {
        ctx.output.json({
          ok: true,
          databases,
          dropped,
          tempLeftovers: leftovers,
          removed,
          reapedClusters: leftovers.filter((l) => l.kind === 'embedded-cluster' && removed.includes(l.path)).map((l) => l.path),
        });
      } else {
        const lines = databases.map((d) => `${d.orphaned ? 'orphaned' : 'in use  '} ${d.name}${dropped.includes(d.name) ? ' (dropped)' : ''}`);
        if (!opts.shadowUrl) lines.push('(no --shadow-url: only the temp directory is checked)');
        if (!databases.length && opts.shadowUrl) lines.push('no squashbase_shadow_* databases on that server');
        for (const l of leftovers) {
          lines.push(`${l.orphaned ? 'orphaned' : 'in use  '} ${l.kind.padEnd(16)} ${l.path}${removed.includes(l.path) ? ' (removed)' : ''}`);
        }
        if (!leftovers.length) lines.push('nothing left in the temp directory');
        if (opts.apply) lines.push(`removed from the temp directory: ${removed.length}`);
        else if (databases.some((d) => d.orphaned) || leftovers.some((l) => l.orphaned)) lines.push('run again with --apply to remove the orphaned ones');
        ctx.output.out(lines.join('\n'));
      }
      ctx.exitCode = EXIT.OK;
    });
};
