/**
 * The PG17 fact sheet, derived: the PG15 sheet plus the rules below, each naming the upstream
 * file it comes from. `tsx scripts/platform-facts/derive-17.ts` rewrites
 * templates/platform/facts/supabase-17.json; the files each rule read go into the sheet's
 * `sources.postgres.extra`.
 *
 * Why derived and not built: the supabase/postgres snapshot on this machine ends at 7db7e1a9
 * (2024-10-23), before any PostgreSQL 17 image (its ansible/vars.yml builds 15 and 16), and the
 * file index holds single versions of single files, not one commit of the PG17 image's init
 * scripts and migrations. A scratch build from those pieces would not be the PG17 image, so the
 * sheet stays derived (docs/platform-model.md).
 *
 * What carries over unchanged: auth, storage and realtime run the same migrations on either
 * major, and supabase/postgres builds every major from one set of init scripts and migrations
 * (nix/tools/dbmate-tool.sh.in runs migrations/db/init-scripts then migrations/db/migrations for
 * each entry of ansible/vars.yml's postgres_major). Its schema dumps of the two majors at one
 * commit (migrations/schema-15.sql and schema-17.sql at 018bf3ce, dbmate dump without owners or
 * privileges) have the same schemas, extensions, tables, functions, event triggers and
 * publication: they differ only in the dump header.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { FactSource, MembershipFact, PlatformFacts, RoleFact } from '../../src/shadow/platform-facts/facts-types.js';
import { releaseLabel } from './sources.js';

/** An upstream file a rule reads: repository, path, the commit (or where the index gave none, what identifies the version) and what it says. */
interface RuleSource {
  path: string;
  commit: string;
  says: string;
}

interface Rule {
  fact: string;
  sources: RuleSource[];
  apply: (f: PlatformFacts) => PlatformFacts;
}

const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
const byRoleMember = (list: MembershipFact[]) => [...list].sort((a, b) => a.role.localeCompare(b.role) || a.member.localeCompare(b.member));
const addRole = (f: PlatformFacts, role: RoleFact): PlatformFacts => ({ ...f, roles: byName([...f.roles.filter((r) => r.name !== role.name), role]) });
const addMembers = (f: PlatformFacts, role: string, members: string[]): PlatformFacts => ({
  ...f,
  memberships: byRoleMember([...f.memberships, ...members.filter((m) => !f.memberships.some((x) => x.role === role && x.member === m)).map((member) => ({ role, member, admin: false, from: 'postgres' as const }))]),
});
/** GRANT ALL on a table is arwdDxt on 15 and arwdDxtm on 17 (with grant option: each letter starred). */
const maintain = (acl: string[]) => acl.map((a) => a.replace(/=arwdDxt$/, '=arwdDxtm').replace(/=a\*r\*w\*d\*D\*x\*t\*$/, '=a*r*w*d*D*x*t*m*'));

const RULES: Rule[] = [
  {
    fact: 'supabase_etl_admin: LOGIN REPLICATION BYPASSRLS, member of pg_read_all_data',
    sources: [
      {
        path: 'migrations/db/init-scripts/00000000000000-initial-schema.sql',
        commit: '09a4e4e31828a990e26b00d2094606836f4f3f0e',
        says: 'create user supabase_etl_admin with login replication (no version guard: every major at commits that have it; the PG15 sheet\'s 7db7e1a9 predates it)',
      },
      {
        path: 'migrations/db/init-scripts/00000000000000-initial-schema.sql',
        commit: 'a later stored version (the index names no commit)',
        says: 'with login replication bypassrls; grant pg_read_all_data to supabase_etl_admin; grant create on database postgres to supabase_etl_admin (the database grant is not a sheet fact)',
      },
    ],
    apply: (f) => addMembers(addRole(f, { name: 'supabase_etl_admin', attributes: ['bypassrls', 'inherit', 'login', 'replication'], from: 'postgres' }), 'pg_read_all_data', ['supabase_etl_admin']),
  },
  {
    fact: 'supabase_superuser (NOLOGIN group), postgres and supabase_etl_admin its members',
    sources: [
      {
        path: 'migrations/db/migrations/20251215120934_supabase_superuser.sql',
        commit: '38ec65d5c9b7f8af6de8ab5881df24b3664cbbd8',
        says: 'create role supabase_superuser; grant supabase_superuser to postgres, supabase_etl_admin (no version guard; needs supabase_etl_admin, so it fails on the PG15 sheet\'s 7db7e1a9 build)',
      },
    ],
    apply: (f) => addMembers(addRole(f, { name: 'supabase_superuser', attributes: ['inherit'], from: 'postgres' }), 'supabase_superuser', ['postgres', 'supabase_etl_admin']),
  },
  {
    fact: 'postgres holds anon, authenticated and service_role WITH ADMIN OPTION',
    sources: [
      {
        path: 'migrations/db/migrations/20250605172253_grant_with_admin_to_postgres_16_and_above.sql',
        commit: 'e0ee3c5b3d30b48cc6305c54d604d0df7e5b5e33',
        says: 'IF server_version_num / 10000 >= 16: GRANT anon, authenticated, service_role TO postgres WITH ADMIN OPTION',
      },
    ],
    apply: (f) => ({ ...f, memberships: f.memberships.map((m) => (m.member === 'postgres' && ['anon', 'authenticated', 'service_role'].includes(m.role) ? { ...m, admin: true } : m)) }),
  },
  {
    fact: 'pgjwt is not preinstalled (it stays available: CREATE EXTENSION pgjwt works)',
    sources: [
      { path: 'pull request supabase/postgres#1571', commit: 'merged 2025-04-23', says: 'keep pgjwt for all versions, deactivated by default in 17/oriole' },
      { path: 'nix/packages/postgres.nix', commit: '041eb4115b56259edbb965636cd2ae6a3ed8c14e', says: 'pgjwt.nix is in ourExtensions, which dbExtensions17 keeps' },
      { path: 'migrations/db/init-scripts/00000000000000-initial-schema.sql', commit: '09a4e4e31828a990e26b00d2094606836f4f3f0e', says: 'no create extension pgjwt (aec73818 still had it)' },
      { path: 'migrations/schema-17.sql', commit: '018bf3ceb6062a18b069275f1eb49a338b12c6bc', says: 'extensions pg_graphql, pg_stat_statements, pgcrypto, supabase_vault, uuid-ossp: no pgjwt' },
    ],
    apply: (f) => ({ ...f, extensions: f.extensions.filter((e) => e.name !== 'pgjwt') }),
  },
  {
    fact: 'GRANT ALL on tables includes MAINTAIN: arwdDxt is arwdDxtm, in table ACLs and default privileges on tables',
    sources: [
      { path: 'PostgreSQL 17 documentation, ddl-priv.html (MAINTAIN, abbreviation m; ALL grants every privilege of the object type)', commit: 'PostgreSQL 17', says: 'the platform grants tables with GRANT ALL; none of auth v2.196.0, storage v1.70.6, realtime v2.129.8 or supabase/postgres 7db7e1a9 lists the seven privileges one by one' },
    ],
    apply: (f) => ({
      ...f,
      tables: f.tables.map((t) => (t.kind === 'S' ? t : { ...t, acl: maintain(t.acl) })),
      defaultPrivileges: f.defaultPrivileges.map((d) => (d.objectType === 'r' ? { ...d, acl: maintain(d.acl) } : d)),
    }),
  },
];

/**
 * Read and found to make no difference to a sheet (kept in `sources` so the next reader need
 * not read them again).
 */
const READ_NO_CHANGE: RuleSource[] = [
  { path: 'nix/packages/postgres.nix', commit: '041eb4115b56259edbb965636cd2ae6a3ed8c14e', says: 'timescaledb and plv8 are not built for 17 (dbExtensions17 = orioleFilteredExtensions): CREATE EXTENSION fails there; neither is preinstalled on 15, and the shadow has no stand-in for either on any major' },
  { path: 'migrations/schema-15.sql, migrations/schema-17.sql', commit: '018bf3ceb6062a18b069275f1eb49a338b12c6bc', says: 'the same objects on both majors; neither has pg_net or supabase_functions, which migrations/20240822021428_enable_webhooks_by_default creates, for a reason not found in nix/tools/dbmate-tool.sh.in (not taken as evidence either way)' },
  { path: 'nix/tools/dbmate-tool.sh.in', commit: '009d56f3c131b379da36411eb78efc8fbab8ba44', says: 'one init-scripts and migrations directory for every major of ansible/vars.yml' },
  { path: 'migrations/db/migrations/20241031003909_create_orioledb.sql', commit: 'b045f6d950cd42403e4b61e14ecf2b60be011bd6', says: 'orioledb only where available (the orioledb-17 image, not the 17 image the model is)' },
  { path: 'migrations/db/migrations/20230529180330_alter_api_roles_for_inherit.sql, 20221207154255_create_vault.sql, 20250421084701_revoke_admin_roles_from_postgres.sql, 10000000000000_demote-postgres.sql, init-scripts/00000000000003-post-setup.sql', commit: 'as stored in the index', says: 'no version guard' },
];

const dir = new URL('../../templates/platform/facts/', import.meta.url);
const f15 = JSON.parse(await readFile(new URL('supabase-15.json', dir), 'utf8')) as PlatformFacts;
let f17: PlatformFacts = { ...f15, release: { ...f15.release, major: 17, label: releaseLabel(17) } };
for (const rule of RULES) f17 = rule.apply(f17);
const extra: NonNullable<FactSource['extra']> = [...(f15.sources.postgres.extra ?? [])];
for (const s of [...RULES.flatMap((r) => r.sources.map((x) => ({ ...x, says: `${r.fact} — ${x.says}` }))), ...READ_NO_CHANGE]) {
  extra.push({ path: `${s.path}: ${s.says}`, commit: s.commit });
}
f17 = {
  ...f17,
  sources: {
    ...f15.sources,
    postgres: {
      ...f15.sources.postgres,
      read: `${f15.sources.postgres.read}; then the PG17 rules of scripts/platform-facts/derive-17.ts (the sheet is derived, not built: see there)`,
      extra,
    },
  },
};
await writeFile(new URL('supabase-17.json', dir), `${JSON.stringify(f17, null, 1)}\n`);
console.log(`wrote supabase-17.json: ${RULES.length} rules, ${extra.length - (f15.sources.postgres.extra?.length ?? 0)} sources`);
