import { createTwoFilesPatch } from 'diff';
import { libpqEnv, type ConnectionTarget } from '../db/connection.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import { findPgTool, installHint, runTool } from '../safety/pg-tools.js';
import { normalizePgDump } from './pg-dump-normalize.js';

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

export interface PgDumpCheckOptions {
  live: ConnectionTarget;
  built: ConnectionTarget;
  /** Live's snapshot: its major picks the tool; its managed schemas may be excluded. */
  snapshot: Snapshot;
  /** true when live's managed schemas differ from the pristine platform by a version difference. */
  excludeManaged: boolean;
  env?: NodeJS.ProcessEnv;
}

export async function pgDumpSecondOpinion(o: PgDumpCheckOptions): Promise<PgDumpCheck> {
  const major = o.snapshot.server.major;
  const { tool } = await findPgTool('pg_dump', major, o.env);
  if (!tool) return { status: 'not_available', note: `No pg_dump of PostgreSQL ${major} or newer was found. ${installHint(major)}`, tool: null, scope: null, differingLines: 0, diff: '' };
  const excluded = ['supabase_migrations', ...(o.excludeManaged ? o.snapshot.platform.schemas : [])];
  const args = ['--schema-only', '--no-password', ...[...new Set(excluded)].map((s) => `--exclude-schema=${s}`)];
  const dump = async (t: ConnectionTarget) => {
    const r = await runTool(tool.path, args, { env: { ...process.env, ...libpqEnv(t) }, maxStdout: 512 * 1024 * 1024 });
    if (r.code !== 0) throw new Error(`pg_dump exited ${r.code ?? r.signal}: ${r.stderr.trim().slice(-500)}`);
    return r.stdout;
  };
  const ignore = identitySequenceGrantLines(o.snapshot);
  let a: string;
  let b: string;
  try {
    [a, b] = await Promise.all([dump(o.live), dump(o.built)]).then(([x, y]) => [normalizePgDump(x, ignore), normalizePgDump(y, ignore)]);
  } catch (err) {
    return { status: 'not_available', note: `pg_dump failed: ${(err as Error).message}`, tool: tool.version, scope: null, differingLines: 0, diff: '' };
  }
  const scope = o.excludeManaged ? 'user-schemas' : 'all';
  const note = o.excludeManaged
    ? 'Managed schemas were left out: live runs another platform release than the pristine platform (see "Platform changes"); pass --pristine-url to compare them too.'
    : 'Every schema but supabase_migrations compared.';
  if (a === b) return { status: 'equal', note, tool: tool.version, scope, differingLines: 0, diff: '' };
  const patch = createTwoFilesPatch('live', 'baseline', a, b, '', '', { context: 2 });
  const differingLines = patch.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l)).length;
  return { status: 'different', note, tool: tool.version, scope, differingLines, diff: patch.length > MAX_DIFF_CHARS ? `${patch.slice(0, MAX_DIFF_CHARS)}\n… (diff truncated)` : patch };
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
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(GRANT|REVOKE) .* ON SEQUENCE (${names.map(esc).join('|')}) (TO|FROM) `);
}

/** pg_dump quotes only names that need it (lower-case letters, digits, _ and not starting with a digit). */
function dumpIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : '"' + name.replace(/"/g, '""') + '"';
}
