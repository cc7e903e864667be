import type { ConnectionTarget } from '../db/connection.js';
import { withClient, withTransaction, sanitizeCause, type Client } from '../db/client.js';
import { SquashbaseError, isPgError, type PgErrorLike } from '../errors.js';
import { redact } from '../db/redact.js';
import { secretSettingsIn } from './render/secret-guard.js';

export interface ApplyOptions {
  /**
   * Give every secret the baseline reads (render/secret-guard.ts) a placeholder value for this
   * session: a parity shadow needs the objects, never the real key (parity compares option names).
   */
  secretPlaceholders?: boolean;
}

/** The value parity's shadows get for a secret option: recognisable, and useless as a credential. */
export const SECRET_PLACEHOLDER = 'squashbase-placeholder-not-a-secret';

/**
 * Apply a baseline file the way `supabase db push` does: RESET ALL, then the whole file in one
 * transaction. A failure rolls everything back and is reported with its line, the object whose
 * step failed (the `-- <object id>` line each step starts with, B009) and the SQLSTATE.
 */
export async function applyBaseline(sql: string, target: ConnectionTarget, options: ApplyOptions = {}): Promise<void> {
  await withClient(
    target,
    async (client) => {
      await client.query('RESET ALL');
      await setPlaceholders(client, sql, options);
      try {
        await withTransaction(client, async (c) => {
          await c.query(sql);
        });
      } catch (err) {
        if (!isPgError(err)) throw err;
        const pos = Number((err as { position?: string }).position ?? 0);
        let line = pos > 0 ? sql.slice(0, pos - 1).split('\n').length : undefined;
        let failure: PgErrorLike & Error = err;
        if (!line) {
          // Many errors carry no position: find the failing statement by replaying the file
          // statement by statement in a transaction that is rolled back.
          const located = await locateFailure(client, sql, options).catch(() => undefined);
          if (located) {
            line = located.line;
            failure = located.err;
          }
        }
        throw failureError(sql, target, failure, line);
      }
    },
    { applicationName: 'squashbase baseline apply' },
  );
}

async function setPlaceholders(client: Client, sql: string, options: ApplyOptions): Promise<void> {
  if (!options.secretPlaceholders) return;
  for (const setting of secretSettingsIn(sql)) await client.query('SELECT set_config($1, $2, false)', [setting, SECRET_PLACEHOLDER]);
}

async function locateFailure(client: Client, sql: string, options: ApplyOptions): Promise<{ line: number; err: PgErrorLike & Error } | undefined> {
  const { splitStatements } = await import('../migrations/split.js');
  const statements = splitStatements(sql);
  await client.query('RESET ALL');
  await setPlaceholders(client, sql, options);
  await client.query('BEGIN');
  try {
    for (const st of statements) {
      try {
        await client.query(st.text);
      } catch (err) {
        if (isPgError(err)) return { line: st.line, err };
        throw err;
      }
    }
    return undefined;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

function failureError(sql: string, target: ConnectionTarget, err: PgErrorLike & Error, line: number | undefined): SquashbaseError {
  const lines = sql.split('\n');
  const text = line ? lines[line - 1]?.trim().slice(0, 200) : undefined;
  let object: string | undefined;
  for (let i = (line ?? 0) - 1; line && i >= 0; i--) {
    const m = /^-- ([a-z_]+:.*)$/.exec(lines[i]!);
    if (m) {
      object = m[1];
      break;
    }
  }
  const where = line ? ` at line ${line}${object ? ` (${object})` : ''}` : '';
  return new SquashbaseError('BASELINE_FAILED', `The baseline failed${where} on ${target.display}: ${redact(err.message)}`, {
    hint: err.hint ? redact(err.hint) : 'Nothing was applied: the baseline runs in one transaction.',
    cause: sanitizeCause(err),
    details: {
      sqlstate: err.code,
      ...(line ? { line } : {}),
      ...(object ? { object } : {}),
      ...(text ? { statement: redact(text) } : {}),
      ...(err.detail ? { detail: redact(err.detail) } : {}),
    },
  });
}
