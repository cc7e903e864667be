/**
 * Supabase security lints on the live database, splinter-style (supabase/splinter lints/*.sql,
 * codes S00NN = splinter's 00NN). Read-only, in one REPEATABLE READ READ ONLY transaction.
 *
 * "Exposed" = the object's schema is served by the Data API (pgrst.db_schemas, else the
 * authenticator role's setting, else public) and anon/authenticated may SELECT it — the roles
 * are checked only when they exist, so vanilla Postgres works too.
 * Managed schemas and extension members are skipped (their owners lint them).
 */
import type { ConnectionTarget } from '../db/connection.js';
import { withClient, withReadOnlySnapshot, type Client } from '../db/client.js';
import { literal, qualified } from '../sql/ident.js';
import { excludedSchemas, userSchemaPredicate } from '../safety/scope.js';
import { VERSION } from '../version.js';
import { finding } from './finding.js';
import type { Finding } from './types.js';
import { notExtensionMember } from '../sql/catalog-filters.js';


async function exposedSchemas(client: Client): Promise<string[]> {
  const own = await client.query<{ s: string | null }>("SELECT current_setting('pgrst.db_schemas', true) AS s");
  let raw = own.rows[0]?.s ?? '';
  if (!raw) {
    const r = await client.query<{ s: string | null }>(
      `SELECT (SELECT substr(c, length('pgrst.db_schemas=') + 1) FROM unnest(s.setconfig) c WHERE c LIKE 'pgrst.db\\_schemas=%') AS s
         FROM pg_catalog.pg_db_role_setting s JOIN pg_catalog.pg_roles r ON r.oid = s.setrole
        WHERE r.rolname = 'authenticator' ORDER BY s.setdatabase DESC LIMIT 1`,
    );
    raw = r.rows[0]?.s ?? '';
  }
  const list = raw.split(',').map((x) => x.trim().replace(/^"|"$/g, '')).filter(Boolean);
  return list.length > 0 ? list : ['public'];
}

/** SQL: true when any existing API role may use `priv` on the relation `oidExpr`. */
function apiVisible(roles: string[], oidExpr: string, priv = 'SELECT'): string {
  if (roles.length === 0) return 'true';
  return '(' + roles.map((r) => `pg_catalog.has_table_privilege(${literal(r)}, ${oidExpr}, ${literal(priv)})`).join(' OR ') + ')';
}

/** Run the security lints. */
export async function runSecurityLints(target: ConnectionTarget): Promise<Finding[]> {
  return withClient(target, (client) => withReadOnlySnapshot(client, (c) => securityLintsWith(c)), { applicationName: `squashbase/${VERSION}/lint` });
}

/** The security lints on a client already in a read-only snapshot. */
export async function securityLintsWith(client: Client): Promise<Finding[]> {
  const excluded = await excludedSchemas();
  const out: Finding[] = [];
  const exposed = await exposedSchemas(client);
  const roles = (await client.query<{ r: string }>("SELECT rolname AS r FROM pg_catalog.pg_roles WHERE rolname IN ('anon', 'authenticated') ORDER BY 1")).rows.map((x) => x.r);
  const apiLabel = exposed.join(', ');

  // S0013 rls_disabled_in_public
  const s13 = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r','p') AND NOT c.relrowsecurity AND n.nspname = ANY($1::text[]) AND ${userSchemaPredicate('n.nspname', '$2')}
        AND ${notExtensionMember('pg_catalog.pg_class', 'c.oid')} AND ${apiVisible(roles, 'c.oid')}
      ORDER BY 1, 2`,
    [exposed, excluded],
  );
  for (const r of s13.rows) {
    out.push(finding('S0013', { file: null, line: null, column: null, object: qualified(r.schema, r.name) }, `Table ${qualified(r.schema, r.name)} is exposed through the Data API (schema ${r.schema}) without row level security.`, `ALTER TABLE ${qualified(r.schema, r.name)} ENABLE ROW LEVEL SECURITY; then add policies (or revoke anon/authenticated access).`));
  }

  // S0007 policy_exists_rls_disabled
  const s7 = await client.query<{ schema: string; name: string; policies: string[] }>(
    `SELECT n.nspname AS schema, c.relname AS name, array_agg(p.polname::text ORDER BY p.polname) AS policies
       FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT c.relrowsecurity AND ${userSchemaPredicate('n.nspname', '$1')}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [excluded],
  );
  for (const r of s7.rows) {
    out.push(finding('S0007', { file: null, line: null, column: null, object: qualified(r.schema, r.name) }, `Table ${qualified(r.schema, r.name)} has policies (${r.policies.join(', ')}) but row level security is disabled, so they do nothing.`, `ALTER TABLE ${qualified(r.schema, r.name)} ENABLE ROW LEVEL SECURITY;`));
  }

  // S0011 function_search_path_mutable
  const s11 = await client.query<{ schema: string; name: string; args: string; definer: boolean }>(
    `SELECT n.nspname AS schema, p.proname AS name, pg_catalog.pg_get_function_identity_arguments(p.oid) AS args, p.prosecdef AS definer
       FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      WHERE p.prokind IN ('f','p') AND ${userSchemaPredicate('n.nspname', '$1')} AND ${notExtensionMember('pg_catalog.pg_proc', 'p.oid')}
        AND NOT EXISTS (SELECT 1 FROM unnest(coalesce(p.proconfig, '{}')) c WHERE c LIKE 'search\\_path=%')
      ORDER BY 1, 2, 3`,
    [excluded],
  );
  for (const r of s11.rows) {
    const obj = `${qualified(r.schema, r.name)}(${r.args})`;
    out.push(finding('S0011', { file: null, line: null, column: null, object: obj }, `Function ${obj}${r.definer ? ' (SECURITY DEFINER)' : ''} has a role-mutable search_path.`, `ALTER FUNCTION ${obj} SET search_path = ''; and schema-qualify the names it uses.`));
  }

  // S0010 security_definer_view and S0002 auth_users_exposed
  const views = await client.query<{ schema: string; name: string; kind: string; invoker: boolean; auth_users: boolean }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
            coalesce(EXISTS (SELECT 1 FROM unnest(coalesce(c.reloptions, '{}')) o WHERE o IN ('security_invoker=true','security_invoker=on','security_invoker=1')), false) AS invoker,
            EXISTS (SELECT 1 FROM pg_catalog.pg_rewrite rw JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = rw.oid
                     WHERE rw.ev_class = c.oid AND d.refobjid = to_regclass('auth.users')) AS auth_users
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('v','m') AND n.nspname = ANY($1::text[]) AND ${userSchemaPredicate('n.nspname', '$2')}
        AND ${notExtensionMember('pg_catalog.pg_class', 'c.oid')} AND ${apiVisible(roles, 'c.oid')}
      ORDER BY 1, 2`,
    [exposed, excluded],
  );
  for (const v of views.rows) {
    const obj = qualified(v.schema, v.name);
    if (v.auth_users && !v.invoker) {
      out.push(finding('S0002', { file: null, line: null, column: null, object: obj }, `View ${obj} exposes auth.users to ${roles.join('/') || 'the API'} (schema ${v.schema} is served by the Data API).`, `Revoke SELECT on ${obj} from anon and authenticated, move it out of an API schema, or make it security_invoker so RLS on auth.users applies.`));
    }
    if (v.kind === 'v' && !v.invoker) {
      out.push(finding('S0010', { file: null, line: null, column: null, object: obj }, `View ${obj} runs with its owner's rights (no security_invoker) and is readable through the Data API (${apiLabel}).`, `ALTER VIEW ${obj} SET (security_invoker = on); so the caller's RLS applies (PostgreSQL 15+).`));
    }
  }

  // S0001 unindexed_foreign_keys
  const s1 = await client.query<{ schema: string; name: string; constraint: string; cols: string[] }>(
    `SELECT n.nspname AS schema, c.relname AS name, k.conname AS constraint,
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(x, o) JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.x ORDER BY u.o) AS cols
       FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND k.conparentid = 0 AND ${userSchemaPredicate('n.nspname', '$1')}
        AND NOT EXISTS (
          SELECT 1 FROM pg_catalog.pg_index i
           WHERE i.indrelid = k.conrelid
             AND (SELECT array_agg(x ORDER BY x) FROM unnest((string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(k.conkey)]) x)
               = (SELECT array_agg(x ORDER BY x) FROM unnest(k.conkey) x))
      ORDER BY 1, 2, 3`,
    [excluded],
  );
  for (const r of s1.rows) {
    const obj = qualified(r.schema, r.name);
    out.push(finding('S0001', { file: null, line: null, column: null, object: `${obj} ${r.constraint}` }, `Foreign key ${r.constraint} on ${obj} (${r.cols.join(', ')}) has no covering index.`, `CREATE INDEX ON ${obj} (${r.cols.map((c) => qualified(null, c)).join(', ')}); — deletes/updates on the referenced table scan ${obj} otherwise.`));
  }
  // C011 invalid indexes (a consolidation input hazard, found only on live)
  const c11 = await client.query<{ schema: string; table: string; index: string; unique: boolean }>(
    `SELECT n.nspname AS schema, c.relname AS table, ic.relname AS index, i.indisunique AS unique
       FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT i.indisvalid AND ${userSchemaPredicate('n.nspname', '$1')}
      ORDER BY 1, 2, 3`,
    [excluded],
  );
  for (const r of c11.rows) {
    const obj = qualified(r.schema, r.index);
    out.push(
      finding(
        'C011',
        { file: null, line: null, column: null, object: obj },
        `Index ${obj} on ${qualified(r.schema, r.table)} is INVALID (a failed CREATE${r.unique ? ' UNIQUE' : ''} INDEX CONCURRENTLY?). Queries do not use it${r.unique ? ' and it does not enforce uniqueness' : ''}.`,
        r.unique
          ? 'Run `squashbase check-data` for duplicates, fix them, then REINDEX INDEX CONCURRENTLY (or drop and recreate); a baseline creating it valid fails on duplicate keys.'
          : 'REINDEX INDEX CONCURRENTLY it, or drop it, before consolidating.',
      ),
    );
  }
  return out;
}
