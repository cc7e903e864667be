import type { ConnectionTarget } from '../db/connection.js';
import { withClient, withTransaction, sanitizeCause } from '../db/client.js';
import { SquashbaseError, isPgError } from '../errors.js';
import { redact } from '../db/redact.js';

/**
 * Apply a baseline file the way `supabase db push` does: RESET ALL, then the whole file in one
 * transaction. A failure rolls everything back and is reported with its line and SQLSTATE.
 */
export async function applyBaseline(sql: string, target: ConnectionTarget): Promise<void> {
  await withClient(target, async (client) => {
    await client.query('RESET ALL');
    try {
      await withTransaction(client, async (c) => {
        await c.query(sql);
      });
    } catch (err) {
      if (!isPgError(err)) throw err;
      const pos = Number((err as { position?: string }).position ?? 0);
      const line = pos > 0 ? sql.slice(0, pos - 1).split('\n').length : undefined;
      const where = line ? ` at line ${line}` : '';
      const text = line ? sql.split('\n')[line - 1]?.trim().slice(0, 200) : undefined;
      throw new SquashbaseError('BASELINE_FAILED', `The baseline failed${where} on ${target.display}: ${redact(err.message)}`, {
        hint: err.hint ? redact(err.hint) : 'Nothing was applied: the baseline runs in one transaction.',
        cause: sanitizeCause(err),
        details: { sqlstate: err.code, ...(line ? { line } : {}), ...(text ? { statement: redact(text) } : {}), ...(err.detail ? { detail: redact(err.detail) } : {}) },
      });
    }
  }, { applicationName: 'squashbase baseline apply' });
}
