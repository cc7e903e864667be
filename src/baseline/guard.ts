import { dollarQuote, literal } from '../sql/ident.js';
import { loadTemplate, renderTemplate } from './template.js';

/**
 * The guard DO block (B006): when supabase_migrations.schema_migrations exists and records any of
 * the consolidated versions but not this baseline's, the database is behind the squash — running
 * the baseline there would collide with its existing objects, so abort with a clear message.
 * Table access goes through EXECUTE so the block compiles where the table does not exist.
 */
export function renderGuard(version: string, consolidates: string[]): string {
  const versions = consolidates.length ? `ARRAY[${[...consolidates].sort().map(literal).join(', ')}]::text[]` : 'ARRAY[]::text[]';
  const message =
    `squashbase: this database is behind the squash. Its migration history records versions that baseline ${version} replaces, ` +
    `but not ${version} itself. Apply the remaining original migrations (or run squashbase consolidate against it) instead of this baseline.`;
  const body = `
DECLARE
  found_versions text[];
  has_baseline boolean;
BEGIN
  IF pg_catalog.to_regclass('supabase_migrations.schema_migrations') IS NULL THEN
    RETURN;
  END IF;
  EXECUTE 'SELECT pg_catalog.array_agg(version ORDER BY version) FROM supabase_migrations.schema_migrations WHERE version = ANY ($1)'
    INTO found_versions USING ${versions};
  EXECUTE 'SELECT EXISTS (SELECT 1 FROM supabase_migrations.schema_migrations WHERE version = $1)'
    INTO has_baseline USING ${literal(version)}::text;
  IF found_versions IS NOT NULL AND NOT has_baseline THEN
    RAISE EXCEPTION USING
      ERRCODE = 'P0001',
      MESSAGE = ${literal(message)},
      DETAIL = 'Recorded versions replaced by the baseline: ' || pg_catalog.array_to_string(found_versions, ', '),
      HINT = 'See docs/commands/baseline.md (Guard).';
  END IF;
END
`;
  return renderTemplate(loadTemplate('guard.sql'), { body: dollarQuote(body, 'guard') });
}
