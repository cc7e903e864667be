import { dollarQuote, literal } from '../sql/ident.js';
import { commentText, loadTemplate, renderTemplate } from './template.js';

export const ROLES_GUARD_HINT = 'Create them first (e.g. CREATE ROLE <name> NOLOGIN, with the memberships and attributes they have on live): roles are cluster-wide and never part of a migration.';

/**
 * The roles guard DO block: every custom role the baseline names must exist on the target, or
 * the baseline stops before its first object with one error naming all missing roles — not with
 * "role … does not exist" at whichever GRANT or OWNER TO happens to come first.
 * Empty when the baseline names no custom role.
 */
export function renderRolesGuard(roles: readonly string[]): string {
  if (roles.length === 0) return '';
  const list = `ARRAY[${roles.map(literal).join(', ')}]::text[]`;
  const body = `
DECLARE
  missing text[];
BEGIN
  SELECT pg_catalog.array_agg(r.name ORDER BY r.name) INTO missing
    FROM pg_catalog.unnest(${list}) AS r(name)
   WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles p WHERE p.rolname = r.name);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION USING
      ERRCODE = 'P0001',
      MESSAGE = 'squashbase: this baseline expects roles that do not exist on this database server: ' || pg_catalog.array_to_string(missing, ', '),
      HINT = ${literal(ROLES_GUARD_HINT)};
  END IF;
END
`;
  return renderTemplate(loadTemplate('roles-guard.sql'), { body: dollarQuote(body, 'roles') });
}

/** Header lines naming the roles the baseline expects on the target ('' when none). */
export function renderExpectedRoles(roles: readonly string[]): string {
  if (roles.length === 0) return '';
  return (
    '-- Expects these roles on the target (roles are cluster-wide, never part of a migration;\n' +
    '-- create them first — the roles guard below names any that are missing):\n' +
    roles.map((r) => `--   ${commentText(r)}\n`).join('') +
    '--\n'
  );
}
