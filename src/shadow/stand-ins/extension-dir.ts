import { access, readFile, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '../../db/client.js';
import { writeFileAtomic } from '../../util/fs-atomic.js';
import { STAND_IN_FROM_LIVE_MARKER, STAND_IN_MARKER } from './catalog.js';

/**
 * The server's extension directory, when squashbase can write stand-in extensions into it:
 * the server must tell us its SHAREDIR (the pg_config view needs superuser), and that
 * directory must exist on THIS machine, be writable, and hold the server's own
 * plpgsql.control (so a same-named path on a remote host is never mistaken for it).
 * Returns undefined otherwise; callers then fall back to plain objects and say so.
 */
export async function findWritableExtensionDir(client: Client): Promise<string | undefined> {
  let sharedir: string | undefined;
  try {
    const r = await client.query<{ setting: string }>("SELECT setting FROM pg_catalog.pg_config WHERE name = 'SHAREDIR'");
    sharedir = r.rows[0]?.setting;
  } catch {
    return undefined; // not a superuser, or pg_config revoked
  }
  if (!sharedir) return undefined;
  const dir = join(sharedir, 'extension');
  try {
    await access(join(dir, 'plpgsql.control'), constants.R_OK);
    await access(dir, constants.W_OK);
    if (!(await stat(dir)).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  return dir;
}

export type ControlFileState = 'absent' | 'stand-in' | 'stand-in-from-live' | 'real';

/**
 * Whether `<extension>.control` is missing, one of ours (bundled, or generated from a live
 * project's members), or a real extension (never touched).
 */
export async function controlFileState(dir: string, extension: string): Promise<ControlFileState> {
  try {
    const text = await readFile(join(dir, `${extension}.control`), 'utf8');
    if (!text.startsWith(STAND_IN_MARKER)) return 'real';
    return text.startsWith(STAND_IN_FROM_LIVE_MARKER) ? 'stand-in-from-live' : 'stand-in';
  } catch {
    return 'absent';
  }
}

/**
 * Write a stand-in's control file and install script. Atomic renames, so concurrent shadows
 * writing the same (deterministic) files never expose a half-written one to the server.
 * Refuses to replace a real extension's control file.
 */
export async function writeStandInFiles(dir: string, extension: string, version: string, control: string, script: string): Promise<boolean> {
  if ((await controlFileState(dir, extension)) === 'real') return false;
  await writeStandInScript(dir, extension, version, script);
  const controlPath = join(dir, `${extension}.control`);
  const existingControl = await readFile(controlPath, 'utf8').catch(() => undefined);
  if (existingControl !== control) await writeFileAtomic(controlPath, control);
  return true;
}

/** The install script of one stand-in version (written only when it differs). */
export async function writeStandInScript(dir: string, extension: string, version: string, script: string): Promise<void> {
  const scriptPath = join(dir, `${extension}--${version}.sql`);
  const existing = await readFile(scriptPath, 'utf8').catch(() => undefined);
  if (existing !== script) await writeFileAtomic(scriptPath, script);
}
