import { SquashbaseError } from '../../errors.js';
import { parseDbUrl, sameDatabase, sameServer, type DatabaseAddress } from '../../db/connection.js';
import { withClient } from '../../db/client.js';
import type { ShadowServer } from './types.js';

/**
 * An existing server (e.g. a local `supabase start` stack, or any PostgreSQL the user
 * controls). squashbase only creates and drops databases named with SHADOW_DB_PREFIX on it.
 * It refuses the live database itself.
 */
export async function connectUrlShadow(url: string, live: DatabaseAddress | undefined): Promise<{ server: ShadowServer; warnings: string[] }> {
  const admin = parseDbUrl(url, '--shadow-url');
  const warnings: string[] = [];
  if (live && sameDatabase(admin.config, live)) {
    throw new SquashbaseError('USAGE', `The shadow URL ${admin.display} points at the live database.`, {
      hint: 'A shadow must be a different server or database: squashbase creates and drops temporary databases there. Use a local server (e.g. `supabase start`) or omit --shadow-url for an embedded one.',
    });
  }
  if (live && sameServer(admin.config, live)) {
    warnings.push(`The shadow server is the live server (${admin.display}): temporary databases named squashbase_shadow_* will be created and dropped on it.`);
  }
  const info = await withClient(admin, async (c) => {
    const r = await c.query<{ num: string; text: string; su: boolean; createdb: boolean }>(
      `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text,
         r.rolsuper AS su, r.rolcreatedb AS createdb FROM pg_catalog.pg_roles r WHERE r.rolname = current_user`,
    );
    return r.rows[0]!;
  });
  if (!info.su && !info.createdb) {
    throw new SquashbaseError('PERMISSION_DENIED', `The shadow URL's user cannot create databases on ${admin.display}.`, {
      hint: 'Use a superuser (e.g. supabase_admin on a local Supabase stack) or a role with CREATEDB.',
    });
  }
  if (!info.su) {
    warnings.push('The shadow URL\'s user is not a superuser: the platform bootstrap (roles, event triggers, extension stand-ins) may fail; prefer a superuser.');
  }
  const text = info.text;
  return {
    server: {
      provider: 'url',
      admin,
      versionNum: Number(info.num),
      serverVersion: text,
      description: `PostgreSQL ${text} at ${admin.display}`,
      vanilla: true,
      release: async () => undefined,
    },
    warnings,
  };
}
