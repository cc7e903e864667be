import { createTwoFilesPatch } from 'diff';
import { libpqEnv, type ConnectionTarget } from '../db/connection.js';
import { withClient } from '../db/client.js';
import { readExtensionMemberNames, type ExtensionMemberName } from '../introspect/queries/extension-member-names.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import { findPgTool, installHint, runTool } from '../safety/pg-tools.js';
import { normalizePgDump } from './pg-dump-normalize.js';
import { MANAGED_SCHEMAS } from '../introspect/platform-scope.js';
import { readQualifiedName } from '../sql/ident.js';

/**
 * A second opinion on fidelity that squashbase did not write: `pg_dump --schema-only` of live
 * and of the baseline-built shadow database, normalised (pg-dump-normalize.ts) and compared.
 */
export interface PgDumpCheck {
  status: 'equal' | 'different' | 'not_available';
  /** Why not available, or what was left out of the comparison. */
  note: string;
  /** pg_dump used, e.g. "15.18 (Debian 15.18-0+deb12u1)". */
  tool: string | null;
  /** 'all': every schema; 'user-schemas': managed schemas excluded (live runs another platform release than the pristine one). */
  scope: 'all' | 'user-schemas' | null;
  /** Lines that differ (added + removed) in the normalised dumps. */
  differingLines: number;
  /** Unified diff live → baseline of the normalised dumps, bounded. */
  diff: string;
}

const MAX_DIFF_CHARS = 40_000;

export interface PgDumpLiveOptions {
  live: ConnectionTarget;
  /** Live's snapshot: its major picks the tool; its managed schemas may be excluded. */
  snapshot: Snapshot;
  /** true when live's managed schemas differ from the pristine platform by a version difference. */
  excludeManaged: boolean;
  /** Live's members of the stand-in extensions, from the platform capture (else read from live). */
  liveMembers?: (extensions: string[]) => ExtensionMemberName[];
  env?: NodeJS.ProcessEnv;
}

/** The second opinion in two halves: live's dump runs while the baseline database is built. */
export interface PgDumpSecondOpinion {
  compare(built: ConnectionTarget, standIns: string[]): Promise<PgDumpCheck>;
  /** Waits for live's dump when no comparison follows (the baseline did not apply): nothing is left running. */
  settle(): Promise<void>;
}

/** Starts pg_dump of live now (it needs only what the platform delta decides); the built database is dumped in compare(). */
export function startPgDumpSecondOpinion(o: PgDumpLiveOptions): PgDumpSecondOpinion {
  const major = o.snapshot.server.major;
  // Every managed schema, present or not (pg_dump patterns: pgsodium*, tiger*, …).
  const excluded = ['supabase_migrations', ...(o.excludeManaged ? [...MANAGED_SCHEMAS, 'pgsodium*', 'tiger*', 'timescaledb_*', '_timescaledb_*'] : [])];
  const args = ['--schema-only', '--no-password', ...[...new Set(excluded)].map((s) => `--exclude-schema=${s}`)];
  const tool = findPgTool('pg_dump', major, o.env).then((found) => found.tool);
  const dump = async (t: ConnectionTarget) => {
    const found = await tool;
    if (!found) return '';
    const r = await runTool(found.path, args, { env: { ...process.env, ...libpqEnv(t) }, maxStdout: 512 * 1024 * 1024 });
    if (r.code !== 0) throw new Error(`pg_dump exited ${r.code ?? r.signal}: ${r.stderr.trim().slice(-500)}`);
    return r.stdout;
  };
  const liveDump = dump(o.live);
  liveDump.catch(() => undefined); // reported by compare(), or dropped by settle()
  return {
    settle: async () => {
      await liveDump.catch(() => undefined);
    },
    compare: async (built, standIns) => {
      const found = await tool;
      if (!found) return { status: 'not_available', note: `No pg_dump of PostgreSQL ${major} or newer was found. ${installHint(major)}`, tool: null, scope: null, differingLines: 0, diff: '' };
      let standInAcl: RegExp | undefined;
      try {
        standInAcl = standIns.length ? memberAclLines([...(o.liveMembers ? o.liveMembers(standIns) : await memberNames(o.live, standIns)), ...(await memberNames(built, standIns))]) : undefined;
      } catch (err) {
        return { status: 'not_available', note: `The members of the stand-in extensions could not be listed: ${(err as Error).message}`, tool: found.version, scope: null, differingLines: 0, diff: '' };
      }
      const ignore = combine(combine(identitySequenceGrantLines(o.snapshot), o.excludeManaged ? MANAGED_ACL_LINES : undefined), standInAcl);
      let a: string;
      let b: string;
      try {
        const keep = o.excludeManaged ? userEventTriggersOnly(o.snapshot) : (t: string) => t;
        [a, b] = await Promise.all([liveDump, dump(built)]).then(([x, y]) => [keep(normalizePgDump(x, ignore)), keep(normalizePgDump(y, ignore))]);
      } catch (err) {
        return { status: 'not_available', note: `pg_dump failed: ${(err as Error).message}`, tool: found.version, scope: null, differingLines: 0, diff: '' };
      }
      const scope = o.excludeManaged ? 'user-schemas' : 'all';
      const notes = [
        o.excludeManaged
          ? 'Managed schemas and the platform\'s event triggers were left out: live runs another platform release than the pristine platform (see "Platform changes"); pass --pristine-url to compare them too.'
          : 'Every schema but supabase_migrations compared.',
        ...(standIns.length ? [`Grants on the members of extensions the shadow emulates (${standIns.join(', ')}) were left out: the stand-ins' members are not the real extension's.`] : []),
      ];
      const note = notes.join(' ');
      if (a === b) return { status: 'equal', note, tool: found.version, scope, differingLines: 0, diff: '' };
      const patch = createTwoFilesPatch('live', 'baseline', a, b, '', '', { context: 2 });
      const differingLines = patch.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l)).length;
      return { status: 'different', note, tool: found.version, scope, differingLines, diff: patch.length > MAX_DIFF_CHARS ? `${patch.slice(0, MAX_DIFF_CHARS)}\n… (diff truncated)` : patch };
    },
  };
}

/** Grants pg_dump keeps for extension members in excluded schemas (ACLs travel with the extension). */
const MANAGED_ACL_LINES = new RegExp(
  `^(GRANT|REVOKE) .* ON (FUNCTION|PROCEDURE|TABLE|SEQUENCE|TYPE|DOMAIN|SCHEMA) ("?)(${MANAGED_SCHEMAS.map(escapeRegExp).join('|')}|pgsodium\\w*|tiger\\w*|_?timescaledb_\\w*)\\3[. ]`,
);

/** schema.name of every member of these extensions in the built database (live's come from the platform capture). */
async function memberNames(target: ConnectionTarget, extensions: string[]): Promise<ExtensionMemberName[]> {
  return withClient(target, (c) => readExtensionMemberNames(c, extensions));
}

/** GRANT/REVOKE lines on those members, as pg_dump names them. */
function memberAclLines(members: { schema: string; name: string }[]): RegExp | undefined {
  const names = [...new Set(members.map((m) => `${dumpIdent(m.schema)}.${dumpIdent(m.name)}`))];
  if (!names.length) return undefined;
  return new RegExp(`^(GRANT|REVOKE) .* ON (FUNCTION|PROCEDURE|TABLE|SEQUENCE|TYPE|DOMAIN) (${names.map(escapeRegExp).join('|')})[( ]`);
}

function combine(a: RegExp | undefined, b: RegExp | undefined): RegExp | undefined {
  if (!a || !b) return a ?? b;
  return new RegExp(`(?:${a.source})|(?:${b.source})`);
}

/**
 * Event triggers belong to no schema: with the managed schemas left out, the platform's own
 * (pgrst_ddl_watch, issue_pg_*_access, …) are left out too; the user's stay.
 */
function userEventTriggersOnly(snapshot: Snapshot): (normalised: string) => string {
  const user = new Set(snapshot.objects.filter((o) => o.kind === 'event_trigger').map((o) => o.name));
  return (normalised) =>
    normalised
      .split('\n\n')
      .filter((block) => {
        const m = /^(?:CREATE|ALTER|COMMENT ON) EVENT TRIGGER /.exec(block);
        const name = m ? readQualifiedName(block, m[0].length, /[^\s.]+/) : null;
        if (!name || name.parts.length !== 1) return true;
        return user.has(name.parts[0]!);
      })
      .join('\n\n');
}

/**
 * GRANT/REVOKE lines on identity columns' implicit sequences: the snapshot carries no grants
 * for them (they come with the column), so they are not compared here either.
 */
export function identitySequenceGrantLines(snapshot: Snapshot): RegExp | undefined {
  const names: string[] = [];
  for (const o of snapshot.objects) {
    if (o.kind !== 'column' || !o.props.identity || !o.schema) continue;
    names.push(`${dumpIdent(o.schema)}.${dumpIdent(o.props.identity.sequenceName)}`);
  }
  if (!names.length) return undefined;
  return new RegExp(`^(GRANT|REVOKE) .* ON SEQUENCE (${names.map(escapeRegExp).join('|')}) (TO|FROM) `);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** pg_dump quotes only names that need it (lower-case letters, digits, _ and not starting with a digit). */
function dumpIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : '"' + name.replace(/"/g, '""') + '"';
}
