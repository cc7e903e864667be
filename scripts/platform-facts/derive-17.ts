/**
 * The PG17 fact sheet: the PG15 sheet (the auth/storage/realtime services run the same
 * migrations on either major) plus what supabase/postgres does differently on its PG17 images:
 *   - supabase_etl_admin (LOGIN REPLICATION BYPASSRLS, member of pg_read_all_data) and
 *     supabase_superuser (postgres and supabase_etl_admin are members): initial schema of the
 *     17 images, migrations/20251215120934_supabase_superuser;
 *   - postgres holds anon/authenticated/service_role WITH ADMIN OPTION
 *     (migrations/20250605172253_grant_with_admin_to_postgres_16_and_above);
 *   - no pgjwt (deactivated on 17, supabase/postgres #1571);
 *   - GRANT ALL on tables includes MAINTAIN (PostgreSQL 17): "arwdDxt" is "arwdDxtm".
 * `tsx scripts/platform-facts/derive-17.ts` rewrites templates/platform/facts/supabase-17.json.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { PlatformFacts } from '../../src/shadow/platform-facts/facts-types.js';
import { releaseLabel } from './sources.js';

const dir = new URL('../../templates/platform/facts/', import.meta.url);
const f15 = JSON.parse(await readFile(new URL('supabase-15.json', dir), 'utf8')) as PlatformFacts;
const maintain = (acl: string[]) => acl.map((a) => a.replace(/=arwdDxt$/, '=arwdDxtm').replace(/=a\*r\*w\*d\*D\*x\*t\*$/, '=a*r*w*d*D*x*t*m*'));
const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
const f17: PlatformFacts = {
  ...f15,
  release: { ...f15.release, major: 17, label: releaseLabel(17) },
  roles: byName([...f15.roles,
    { name: 'supabase_etl_admin', attributes: ['bypassrls', 'inherit', 'login', 'replication'], from: 'postgres' },
    { name: 'supabase_superuser', attributes: ['inherit'], from: 'postgres' }]),
  memberships: [...f15.memberships.map((m) => (m.member === 'postgres' && ['anon', 'authenticated', 'service_role'].includes(m.role) ? { ...m, admin: true } : m)),
    { role: 'pg_read_all_data', member: 'supabase_etl_admin', admin: false, from: 'postgres' as const },
    { role: 'supabase_superuser', member: 'postgres', admin: false, from: 'postgres' as const },
    { role: 'supabase_superuser', member: 'supabase_etl_admin', admin: false, from: 'postgres' as const }]
    .sort((a, b) => a.role.localeCompare(b.role) || a.member.localeCompare(b.member)),
  extensions: f15.extensions.filter((e) => e.name !== 'pgjwt'),
  tables: f15.tables.map((t) => (t.kind === 'S' ? t : { ...t, acl: maintain(t.acl) })),
  defaultPrivileges: f15.defaultPrivileges.map((d) => (d.objectType === 'r' ? { ...d, acl: maintain(d.acl) } : d)),
};
await writeFile(new URL('supabase-17.json', dir), `${JSON.stringify(f17, null, 1)}\n`);
console.log('wrote supabase-17.json');
