import type { PgDumpCheck } from '../parity/pg-dump-check.js';

/** One sentence for the pg_dump second opinion (every renderer). */
export function pgDumpSentence(p: PgDumpCheck | null): string {
  if (!p) return 'Not run: the baseline did not apply.';
  const tool = p.tool ? ` (pg_dump ${p.tool})` : '';
  switch (p.status) {
    case 'equal':
      return `pg_dump --schema-only of live and of the baseline-built database: equal${tool}. ${p.note}`;
    case 'different':
      return `pg_dump --schema-only of live and of the baseline-built database differ by ${p.differingLines} line(s)${tool}. ${p.note}`;
    case 'not_available':
      return `Not compared: ${p.note}`;
  }
}
