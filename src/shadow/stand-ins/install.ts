import { readFile } from 'node:fs/promises';
import type { Client } from '../../db/client.js';
import { ident, literal } from '../../sql/ident.js';
import { SquashbaseError } from '../../errors.js';
import { sanitizeCause } from '../../db/client.js';
import { STAND_IN_DEFINITIONS, controlFileText, standInDefinition, type StandInDefinition } from './catalog.js';
import { controlFileState, findWritableExtensionDir, writeStandInFiles } from './extension-dir.js';

/**
 * One emulated extension in a shadow database. Every stand-in is reported; a report never
 * hides that something was emulated.
 */
export interface StandIn {
  extension: string;
  /** 'live': generated from the live project's extension members; 'bundled': templates/stand-ins. */
  source: 'live' | 'bundled';
  /** Extension member objects (pg_depend deptype 'e'); 0 while only made available. */
  objects: number;
  /** Installed in the database (true) or only made available for a migration's CREATE EXTENSION. */
  installed: boolean;
  /** 'extension': a real extension from a stand-in control file; 'objects': plain objects (server directory not writable). */
  mode: 'extension' | 'objects';
  version: string;
  /** What is emulated and what is not. */
  emulation: string;
}

const scriptCache = new Map<string, string>();

/** The bundled install script for a stand-in (templates/stand-ins/<extension>.sql). */
export async function bundledScript(extension: string): Promise<string> {
  let text = scriptCache.get(extension);
  if (text === undefined) {
    text = await readFile(new URL(`../../../templates/stand-ins/${extension}.sql`, import.meta.url), 'utf8');
    scriptCache.set(extension, text);
  }
  return text;
}

export interface AvailabilityResult {
  /** Extension directory written to, or undefined when the server's directory is not writable from here. */
  dir: string | undefined;
  /** Extensions that now resolve to a squashbase stand-in via CREATE EXTENSION. */
  available: string[];
  /** Extensions the server already has for real (never shadowed). */
  real: string[];
}

/**
 * Make the bundled stand-ins available to CREATE EXTENSION on this server (nothing is
 * installed). Extensions the server really has are left alone.
 */
export async function makeStandInsAvailable(client: Client, extensions: readonly string[] = STAND_IN_DEFINITIONS.map((d) => d.extension)): Promise<AvailabilityResult> {
  const dir = await findWritableExtensionDir(client);
  const real = await realExtensions(client, extensions, dir);
  const available: string[] = [];
  if (!dir) return { dir, available, real };
  for (const name of extensions) {
    if (real.includes(name)) continue;
    const def = standInDefinition(name);
    if (!def) continue;
    if (await writeStandInFiles(dir, name, def.version, controlFileText(def), await bundledScript(name))) available.push(name);
  }
  return { dir, available, real };
}

/**
 * Extensions from `names` the server offers that are not squashbase stand-ins. A stand-in is
 * told by the marker line of its control file (its comment is the real extension's); on a
 * server whose extension directory squashbase cannot read, nothing there is ours.
 */
export async function realExtensions(client: Client, names: readonly string[], dir?: string): Promise<string[]> {
  const r = await client.query<{ name: string }>('SELECT name FROM pg_catalog.pg_available_extensions WHERE name = ANY($1::text[]) ORDER BY name', [names]);
  const out: string[] = [];
  for (const { name } of r.rows) if (!dir || (await controlFileState(dir, name)) === 'real') out.push(name);
  return out;
}

/**
 * Install one bundled stand-in (CREATE EXTENSION, as `role` when given so owners match live).
 * Falls back to running the script as plain objects when the extension directory is not
 * writable — reported as mode 'objects'.
 */
export async function installBundledStandIn(client: Client, extension: string, schema: string | undefined, dir: string | undefined, role?: string): Promise<StandIn> {
  const def = standInDefinition(extension);
  if (!def) throw new SquashbaseError('SHADOW_FAILED', `No stand-in is bundled for extension ${extension}.`);
  try {
    if (dir) {
      await createExtension(client, extension, schema, undefined, role);
      return { ...(await describeInstalled(client, extension, 'bundled')), emulation: def.emulation };
    }
    const objects = await runAsPlainObjects(client, def, await bundledScript(extension), schema, role);
    return { extension, source: 'bundled', objects, installed: true, mode: 'objects', version: def.version, emulation: def.emulation };
  } catch (err) {
    if (err instanceof SquashbaseError) throw err;
    throw new SquashbaseError('SHADOW_FAILED', `The stand-in for extension ${extension} could not be installed in the shadow database.`, {
      hint: 'This is a squashbase bug or an unusual server; run with a shadow that has the real extension (--shadow-url).',
      cause: sanitizeCause(err),
    });
  }
}

export async function createExtension(client: Client, extension: string, schema: string | undefined, version: string | undefined, role?: string): Promise<void> {
  let sql = `CREATE EXTENSION IF NOT EXISTS ${ident(extension)}`;
  if (schema) sql += ` WITH SCHEMA ${ident(schema)}`;
  if (version) sql += `${schema ? '' : ' WITH'} VERSION ${literal(version)}`;
  if (schema && schema !== 'pg_catalog') await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}${role ? ` AUTHORIZATION ${ident(role)}` : ''}`);
  if (!role) {
    await client.query(sql);
    return;
  }
  await client.query(`SET ROLE ${ident(role)}`);
  try {
    await client.query(sql);
  } catch (err) {
    // Inside a transaction RESET ROLE would fail too ("current transaction is aborted") and
    // hide the real cause; the caller's ROLLBACK resets the role.
    await client.query('RESET ROLE').catch(() => undefined);
    throw err;
  }
  await client.query('RESET ROLE');
}

/** Installed extension → StandIn (member count from pg_depend). */
export async function describeInstalled(client: Client, extension: string, source: 'live' | 'bundled'): Promise<StandIn> {
  const r = await client.query<{ version: string; objects: string }>(
    `SELECT e.extversion AS version,
       (SELECT count(*) FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
          AND d.refobjid = e.oid AND d.deptype = 'e') AS objects
     FROM pg_catalog.pg_extension e WHERE e.extname = $1`,
    [extension],
  );
  const row = r.rows[0];
  return {
    extension,
    source,
    objects: row ? Number(row.objects) : 0,
    installed: Boolean(row),
    mode: 'extension',
    version: row?.version ?? '',
    emulation: standInDefinition(extension)?.emulation ?? 'generated from live extension members (stub bodies)',
  };
}

/**
 * Stand-ins installed in a database (e.g. after a replay ran CREATE EXTENSION): every
 * installed extension whose control file carries the squashbase marker.
 */
export async function listInstalledStandIns(client: Client): Promise<StandIn[]> {
  const dir = await findWritableExtensionDir(client);
  if (!dir) return [];
  const r = await client.query<{ name: string }>('SELECT extname AS name FROM pg_catalog.pg_extension ORDER BY extname');
  const out: StandIn[] = [];
  for (const row of r.rows) {
    const state = await controlFileState(dir, row.name);
    if (state === 'stand-in' || state === 'stand-in-from-live') out.push(await describeInstalled(client, row.name, state === 'stand-in-from-live' ? 'live' : 'bundled'));
  }
  return out;
}

async function runAsPlainObjects(client: Client, def: StandInDefinition, script: string, schema: string | undefined, role?: string): Promise<number> {
  const target = def.controlSchema ?? schema ?? 'extensions';
  const count = async () =>
    Number((await client.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM pg_catalog.pg_class) + (SELECT count(*) FROM pg_catalog.pg_proc) + (SELECT count(*) FROM pg_catalog.pg_type) AS n`,
    )).rows[0]!.n);
  const before = await count();
  await client.query('BEGIN');
  try {
    if (target !== 'pg_catalog') await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(target)}`);
    if (role) await client.query(`SET LOCAL ROLE ${ident(role)}`);
    const body = script
      .replaceAll('@extschema@', ident(target))
      .replace(/^SELECT pg_catalog\.pg_extension_config_dump\(.*$/gm, '');
    await client.query(body);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return (await count()) - before;
}
