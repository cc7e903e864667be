import type { ConnectionTarget } from '../../db/connection.js';
import { withClient, type Client } from '../../db/client.js';
import { ident, literal } from '../../sql/ident.js';
import { isPlatformExtension } from '../../introspect/platform-scope.js';
import { queryDefaultAcls, type LiveDefaultAcl } from './read-live.js';
import type { PlatformCapture } from './platform-capture.js';
import { OBJTYPE_KEYWORD, createEventTriggers, createRoles, defaultAclStatements, installExtensions, setDatabaseSettings } from '../platform-clone.js';
import type { StandIn } from '../stand-ins/install.js';

/**
 * Second-best to a full clone (used when no pg_dump fits live's major, or when asked): the
 * bundled model provides the managed schemas, and the parts of the platform that differ most
 * between projects are taken from live: roles, every default privilege (exactly), platform
 * extensions (live's set: stand-ins live lacks are dropped), publication options, event
 * triggers missing from the model, and role/database settings, all from the platform capture.
 */
export interface OverlayResult {
  standIns: StandIn[];
  available: string[];
  /** What was taken from live. */
  parts: string[];
}

export async function overlayLivePlatform(target: ConnectionTarget, live: PlatformCapture, opts: { major: number; onWarning?: (m: string) => void }): Promise<OverlayResult> {
  const platform = live.platform;
  return withClient(target, async (client) => {
    await createRoles(client, platform);
    await client.query('BEGIN');
    try {
      for (const sql of resetDefaultAclStatements(await queryDefaultAcls(client))) await client.query(sql);
      for (const sql of defaultAclStatements(platform.defaultAcls)) await client.query(sql);
      const { standIns, available } = await installExtensions(client, live, platform, opts);
      // Platform stand-ins the model installed but this project does not have (e.g. pg_graphql turned off).
      const liveNames = new Set(platform.extensions.map((e) => e.name));
      const installed = (await client.query<{ extname: string }>('SELECT extname FROM pg_catalog.pg_extension')).rows.map((r) => r.extname);
      for (const name of installed) {
        if (isPlatformExtension(name) && !liveNames.has(name) && name !== 'plpgsql') {
          await client.query(`DROP EXTENSION ${ident(name)} CASCADE`);
        }
      }
      for (const pub of platform.publications) {
        const publish = [pub.insert && 'insert', pub.update && 'update', pub.delete && 'delete', pub.truncate && 'truncate'].filter(Boolean).join(', ');
        const exists = await client.query('SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = $1', [pub.name]);
        if (exists.rowCount) await client.query(`ALTER PUBLICATION ${ident(pub.name)} SET (publish = ${literal(publish)})`);
        else await client.query(`CREATE PUBLICATION ${ident(pub.name)} WITH (publish = ${literal(publish)})`);
      }
      const existingTriggers = new Set((await client.query<{ evtname: string }>('SELECT evtname FROM pg_catalog.pg_event_trigger')).rows.map((r) => r.evtname));
      await createEventTriggers(client, { ...platform, eventTriggers: platform.eventTriggers.filter((e) => !existingTriggers.has(e.name)) }, opts);
      await setDatabaseSettings(client, platform);
      await client.query('COMMIT');
      return {
        standIns: standIns.filter((s) => liveNames.has(s.extension)),
        available,
        parts: ['roles', 'default privileges', 'platform extensions', 'publication options', 'event triggers', 'role and database settings'],
      };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

/**
 * Statements that return every default-privilege entry to PostgreSQL's built-in default, so that
 * PostgreSQL removes it: schema entries lose every grant; global entries get back the owner's
 * ALL plus PUBLIC's EXECUTE (functions) / USAGE (types).
 */
export function resetDefaultAclStatements(acls: LiveDefaultAcl[]): string[] {
  const out: string[] = [];
  for (const a of acls) {
    const kw = OBJTYPE_KEYWORD[a.objtype];
    if (!kw) continue;
    const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(a.role)}${a.schema ? ` IN SCHEMA ${ident(a.schema)}` : ''}`;
    for (const grantee of new Set(a.grants.map((g) => g.grantee))) {
      out.push(`${prefix} REVOKE ALL ON ${kw} FROM ${grantee === 'PUBLIC' ? 'PUBLIC' : ident(grantee)}`);
    }
    if (!a.schema) {
      out.push(`${prefix} GRANT ALL ON ${kw} TO ${ident(a.role)}`);
      if (a.objtype === 'f') out.push(`${prefix} GRANT EXECUTE ON ${kw} TO PUBLIC`);
      if (a.objtype === 'T') out.push(`${prefix} GRANT USAGE ON ${kw} TO PUBLIC`);
    }
  }
  return out;
}

export type { Client };
