import type { ConnectionTarget } from '../db/connection.js';
import { sanitizeCause, withClient, type Client } from '../db/client.js';
import { ident, literal } from '../sql/ident.js';
import { isPlatformExtension } from '../introspect/platform-scope.js';
import type { LiveDefaultAcl, LiveExtension, LivePlatform } from './clone/read-live.js';
import type { ManagedDump } from './clone/dump-managed.js';
import type { PlatformCapture } from './clone/platform-capture.js';
import { bundledScript, createExtension, describeInstalled, makeStandInsAvailable, type StandIn } from './stand-ins/install.js';
import { completeStandIn, standInFromMembers, type ExtensionMembers } from './stand-ins/from-live.js';
import { controlFileState, writeStandInFiles, writeStandInScript } from './stand-ins/extension-dir.js';
import { STAND_IN_FROM_LIVE_MARKER } from './stand-ins/catalog.js';
import { SquashbaseError } from '../errors.js';
import { parseAcl } from '../introspect/acl.js';

export interface CloneOptions {
  major: number;
  onWarning?: (message: string) => void;
}

export interface CloneResult {
  standIns: StandIn[];
  available: string[];
  /** pg_dump used for the managed schemas. */
  tool: string;
}

/**
 * Clone the platform part of a live Supabase project into a fresh shadow database, so the
 * shadow matches THAT project's platform version (read-only on live):
 * 1. platform roles that exist on live (missing ones created with the same attributes, no
 *    passwords), their memberships, and their settings scoped to the shadow database;
 * 2. the managed schemas (pg_dump, filtered: user policies/triggers stay out);
 * 3. the platform extensions (same schema and version where the server has them, squashbase
 *    stand-ins otherwise, generated from live's extension members when none is bundled);
 * 4. every default privilege of platform roles and postgres, platform publications (empty of
 *    user tables) and platform event triggers.
 * Everything comes from the platform capture (read once per run); nothing here connects to live.
 * Throws on failure; bootstrapPlatform then falls back to the bundled model with a warning.
 */
export async function cloneFromLive(target: ConnectionTarget, live: PlatformCapture, opts: CloneOptions): Promise<CloneResult> {
  const platform = live.platform;
  if (!live.managedDump) throw new SquashbaseError('INTERNAL', `The platform capture of ${live.display} has no dump of the managed schemas to clone.`);
  if (!live.managedDump.ok) throw live.managedDump.error;
  const dump = live.managedDump.dump;
  return withClient(target, async (client) => {
    await createRoles(client, platform);
    // Everything database-local in one transaction: a failed clone leaves a fresh database
    // behind, so the bundled-model fallback can still apply.
    await client.query('BEGIN');
    try {
      const result = await applyClone(client, live, platform, dump, opts);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

async function applyClone(client: Client, live: PlatformCapture, platform: LivePlatform, dump: ManagedDump, opts: CloneOptions): Promise<CloneResult> {
  await client.query(dump.schemasSql);
  await client.query("SELECT pg_catalog.set_config('search_path', 'public', false)");
  const { standIns, available } = await installExtensions(client, live, platform, opts);
  await client.query(dump.objectsSql);
  await client.query("SELECT pg_catalog.set_config('search_path', 'public', false)");
  await client.query('SET check_function_bodies = false');
  for (const sql of defaultAclStatements(platform.defaultAcls)) await client.query(sql);
  await createPublications(client, platform);
  await createEventTriggers(client, platform, opts);
  await setDatabaseSettings(client, platform);
  await grantPublicSchema(client, platform);
  return { standIns, available, tool: dump.tool };
}

export async function createRoles(client: Client, p: LivePlatform): Promise<void> {
  const existing = new Set((await client.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles')).rows.map((r) => r.rolname));
  for (const r of p.roles) {
    if (existing.has(r.name)) continue;
    const attrs = [
      r.superuser ? 'SUPERUSER' : 'NOSUPERUSER',
      r.inherit ? 'INHERIT' : 'NOINHERIT',
      r.createrole ? 'CREATEROLE' : 'NOCREATEROLE',
      r.createdb ? 'CREATEDB' : 'NOCREATEDB',
      r.login ? 'LOGIN' : 'NOLOGIN',
      r.replication ? 'REPLICATION' : 'NOREPLICATION',
      r.bypassrls ? 'BYPASSRLS' : 'NOBYPASSRLS',
    ];
    // Roles are cluster-wide: a concurrent shadow on the same server may create it first.
    await client.query(`DO $clone$ BEGIN CREATE ROLE ${ident(r.name)} ${attrs.join(' ')}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $clone$`);
  }
  for (const m of p.memberships) {
    if (m.role === m.member) continue;
    await client.query(`DO $clone$ BEGIN GRANT ${ident(m.role)} TO ${ident(m.member)}${m.adminOption ? ' WITH ADMIN OPTION' : ''}; EXCEPTION WHEN OTHERS THEN NULL; END $clone$`);
  }
}

export async function installExtensions(client: Client, live: PlatformCapture, p: LivePlatform, opts: CloneOptions): Promise<{ standIns: StandIn[]; available: string[] }> {
  const availability = await makeStandInsAvailable(client);
  const dir = availability.dir;
  const standIns: StandIn[] = [];
  const available = [...availability.available];
  for (const ext of p.extensions) {
    if (ext.name === 'plpgsql') continue;
    const versions = (await client.query<{ version: string }>('SELECT version FROM pg_catalog.pg_available_extension_versions WHERE name = $1', [ext.name])).rows.map((r) => r.version);
    const platformExt = isPlatformExtension(ext.name);
    if (!versions.length) {
      if (!dir) {
        opts.onWarning?.(`Extension ${ext.name} (live ${ext.version}) is not available on the shadow server and no stand-in can be written there.`);
        continue;
      }
      const gen = standInFromMembers(ext.name, membersOf(live, ext.name));
      await writeStandInFiles(dir, ext.name, gen.version, liveControlFile(ext, gen.version), gen.script);
      versions.push(gen.version);
      const skipped = Object.entries(gen.skipped).map(([k, n]) => `${n} ${k}`).join(', ');
      if (skipped) opts.onWarning?.(`Stand-in for ${ext.name} generated from live leaves out: ${skipped}.`);
      if (!platformExt) {
        available.push(ext.name);
        continue;
      }
    } else if (!platformExt) {
      continue; // user extension: the replayed migrations create it
    }
    const state = dir ? await controlFileState(dir, ext.name) : 'real';
    const standIn = state === 'stand-in' || state === 'stand-in-from-live';
    let version = versions.includes(ext.version) ? ext.version : undefined;
    if (!version && state === 'stand-in' && dir) {
      // A bundled stand-in presents live's version: the same script under live's version name.
      await writeStandInScript(dir, ext.name, ext.version, await bundledScript(ext.name));
      version = ext.version;
    }
    const role = await superuserRole(client, ext.owner);
    try {
      await createExtension(client, ext.name, ext.schema, version, role);
    } catch (err) {
      throw new SquashbaseError('SHADOW_FAILED', `Cloning the platform: CREATE EXTENSION ${ext.name} (schema ${ext.schema}, version ${version ?? 'default'}) failed in the shadow: ${sanitizeCause(err).message}`, {
        hint: standIn ? `${ext.name} is a squashbase stand-in here; use a shadow server that has the real extension (--shadow-url).` : 'The shadow server has this extension, but it does not install as on live.',
        cause: sanitizeCause(err),
      });
    }
    // The comment live shows (its control file's, or one the project set) is presented as is.
    const shown = (await client.query<{ c: string | null }>("SELECT pg_catalog.obj_description(oid, 'pg_extension') AS c FROM pg_catalog.pg_extension WHERE extname = $1", [ext.name])).rows[0]?.c ?? null;
    if (shown !== ext.comment) await client.query(`COMMENT ON EXTENSION ${ident(ext.name)} IS ${ext.comment === null ? 'NULL' : literal(ext.comment)}`);
    if (state === 'stand-in') {
      // A bundled stand-in presents every member live's extension has (stubs for the rest).
      const completed = await completeStandIn(client, ext.name, membersOf(live, ext.name));
      if (completed.added.length) opts.onWarning?.(`Stand-in ${ext.name} completed with ${completed.added.length} stub member(s) live has: ${completed.added.join(', ')}.`);
      if (completed.failed.length) opts.onWarning?.(`Stand-in ${ext.name} lacks ${completed.failed.length} member(s) live has that could not be stubbed: ${completed.failed.join(', ')}.`);
    }
    if (standIn) {
      const s = await describeInstalled(client, ext.name, state === 'stand-in-from-live' ? 'live' : 'bundled');
      standIns.push(s);
      if (s.version !== ext.version) opts.onWarning?.(`Stand-in ${ext.name} is version ${s.version}; live has ${ext.version}.`);
    }
  }
  return { standIns, available: [...new Set(available)].sort() };
}

function membersOf(live: PlatformCapture, extension: string): ExtensionMembers {
  const m = live.extensionMembers.get(extension);
  if (!m) throw new SquashbaseError('INTERNAL', `The platform capture of ${live.display} has no members of extension ${extension}.`);
  return m;
}

/** Control file of a stand-in generated from live: live's own control metadata, our marker. */
function liveControlFile(ext: LiveExtension, version: string): string {
  const lines = [
    `${STAND_IN_FROM_LIVE_MARKER}: generated by squashbase from the live project's extension members; safe to delete.`,
    `comment = '${(ext.comment ?? '').replace(/'/g, "''")}'`,
    `default_version = '${version.replace(/'/g, '')}'`,
    // The generated script names every object's schema itself, so it is never relocated.
    'relocatable = false',
    `superuser = ${ext.superuser}`,
    'trusted = true',
  ];
  if (ext.controlSchema) lines.push(`schema = ${ext.controlSchema}`);
  if (ext.requires.length) lines.push(`requires = '${ext.requires.join(', ').replace(/'/g, '')}'`);
  return lines.join('\n') + '\n';
}

async function superuserRole(client: Client, name: string): Promise<string | undefined> {
  const r = await client.query<{ su: boolean }>('SELECT rolsuper AS su FROM pg_catalog.pg_roles WHERE rolname = $1', [name]);
  return r.rows[0]?.su ? name : undefined;
}

export const OBJTYPE_KEYWORD: Record<string, string> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };

/**
 * ALTER DEFAULT PRIVILEGES reproducing each pg_default_acl entry exactly: first revoke what
 * the built-in default (or another bootstrap) grants, then grant the live entry's ACL.
 */
export function defaultAclStatements(acls: LiveDefaultAcl[]): string[] {
  const out: string[] = [];
  for (const a of acls) {
    const kw = OBJTYPE_KEYWORD[a.objtype];
    if (!kw) continue;
    const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(a.role)}${a.schema ? ` IN SCHEMA ${ident(a.schema)}` : ''}`;
    if (!a.schema) {
      // A global entry replaces the built-in default: start from nothing.
      out.push(`${prefix} REVOKE ALL ON ${kw} FROM PUBLIC`);
      out.push(`${prefix} REVOKE ALL ON ${kw} FROM ${ident(a.role)}`);
    }
    const grantees = [...new Set(a.grants.map((g) => g.grantee))];
    for (const grantee of grantees) {
      const who = grantee === 'PUBLIC' ? 'PUBLIC' : ident(grantee);
      const plain = a.grants.filter((g) => g.grantee === grantee && !g.grantable).map((g) => g.privilege);
      const withOption = a.grants.filter((g) => g.grantee === grantee && g.grantable).map((g) => g.privilege);
      if (plain.length) out.push(`${prefix} GRANT ${plain.join(', ')} ON ${kw} TO ${who}`);
      if (withOption.length) out.push(`${prefix} GRANT ${withOption.join(', ')} ON ${kw} TO ${who} WITH GRANT OPTION`);
    }
  }
  return out;
}

async function createPublications(client: Client, p: LivePlatform): Promise<void> {
  for (const pub of p.publications) {
    const publish = [pub.insert && 'insert', pub.update && 'update', pub.delete && 'delete', pub.truncate && 'truncate'].filter(Boolean).join(', ');
    const tables = pub.tables.length ? ` FOR TABLE ${pub.tables.join(', ')}` : '';
    await client.query(`CREATE PUBLICATION ${ident(pub.name)}${tables} WITH (publish = ${literal(publish)})`);
    if (await roleExists(client, pub.owner)) await client.query(`ALTER PUBLICATION ${ident(pub.name)} OWNER TO ${ident(pub.owner)}`);
  }
}

export async function createEventTriggers(client: Client, p: LivePlatform, opts: CloneOptions): Promise<void> {
  for (const e of p.eventTriggers) {
    const exists = await client.query('SELECT 1 FROM pg_catalog.pg_proc WHERE oid = pg_catalog.to_regprocedure($1)', [e.func]);
    if (!exists.rowCount) {
      opts.onWarning?.(`Event trigger ${e.name} not cloned: its function ${e.func} is not in the shadow.`);
      continue;
    }
    const when = e.tags?.length ? ` WHEN TAG IN (${e.tags.map((t) => literal(t)).join(', ')})` : '';
    const fn = (await client.query<{ f: string }>('SELECT pg_catalog.to_regprocedure($1)::oid::regproc::text AS f', [e.func])).rows[0]!.f;
    await client.query(`CREATE EVENT TRIGGER ${ident(e.name)} ON ${ident(e.event)}${when} EXECUTE FUNCTION ${fn}()`);
    if (await roleExists(client, e.owner)) await client.query(`ALTER EVENT TRIGGER ${ident(e.name)} OWNER TO ${ident(e.owner)}`);
    if (e.enabled === 'D') await client.query(`ALTER EVENT TRIGGER ${ident(e.name)} DISABLE`);
  }
}

/**
 * The public schema is not a managed schema (pg_dump -n leaves it out), but its ACL is the
 * platform's: USAGE for postgres and the API roles. Granted as on the source.
 */
export async function grantPublicSchema(client: Client, p: LivePlatform): Promise<void> {
  for (const e of parseAcl(p.publicSchemaAcl)) {
    if (e.grantee !== 'PUBLIC' && !(await roleExists(client, e.grantee))) continue;
    const grantee = e.grantee === 'PUBLIC' ? 'PUBLIC' : ident(e.grantee);
    const plain = e.privileges.filter((x) => !e.grantable.includes(x));
    if (plain.length) await client.query(`GRANT ${plain.join(', ')} ON SCHEMA public TO ${grantee}`);
    if (e.grantable.length) await client.query(`GRANT ${e.grantable.join(', ')} ON SCHEMA public TO ${grantee} WITH GRANT OPTION`);
  }
}

/** Live role settings (search_path of postgres, …) scoped to the shadow database only. */
export async function setDatabaseSettings(client: Client, p: LivePlatform): Promise<void> {
  const db = (await client.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
  const settings = [
    ...p.databaseSettings.map((setting) => ({ scope: `DATABASE ${ident(db)}`, setting })),
    ...p.roleSettings.map((s) => ({ scope: `ROLE ${ident(s.role)} IN DATABASE ${ident(db)}`, setting: s.setting })),
  ];
  for (const { scope, setting } of settings) {
    const eq = setting.indexOf('=');
    if (eq < 0) continue;
    const name = setting.slice(0, eq);
    const value = setting.slice(eq + 1);
    if (!/^[a-z_][a-z0-9_.]*$/i.test(name)) continue;
    // List settings (search_path) are stored in SET syntax already; others are single values.
    let rendered: string;
    if (LIST_SETTINGS.has(name)) {
      if (!/^[\w"$ ,.-]*$/.test(value)) continue;
      rendered = value;
    } else {
      rendered = literal(value);
    }
    await client.query(`DO $clone$ BEGIN EXECUTE ${literal(`ALTER ${scope} SET ${name} = ${rendered}`)}; EXCEPTION WHEN OTHERS THEN NULL; END $clone$`);
  }
}

const LIST_SETTINGS = new Set(['search_path', 'session_preload_libraries', 'local_preload_libraries', 'temp_tablespaces']);

async function roleExists(client: Client, name: string): Promise<boolean> {
  return ((await client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [name])).rowCount ?? 0) > 0;
}

