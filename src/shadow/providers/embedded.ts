import { SquashbaseError } from '../../errors.js';
import { withClient } from '../../db/client.js';
import { SUPPORTED_EMBEDDED_MAJORS, startEmbeddedCluster } from '../embedded-cluster.js';
import type { ShadowServer } from './types.js';
import { fillPlatformPool, platformPoolKey, readPlatformPool } from '../platform-pool.js';

/**
 * The default provider: an embedded PostgreSQL of the live major in a temporary directory.
 * With allowVersionMismatch and no bundled binaries for that major, the nearest bundled major
 * is used instead (and the mismatch is recorded by withShadow).
 */
export async function startEmbeddedShadow(major: number, allowVersionMismatch: boolean): Promise<ShadowServer> {
  let use = major;
  if (!SUPPORTED_EMBEDDED_MAJORS.includes(major)) {
    if (!allowVersionMismatch) {
      throw new SquashbaseError('VERSION_MISMATCH', `The live database is PostgreSQL ${major}, and no embedded PostgreSQL ${major} is bundled (available: ${SUPPORTED_EMBEDDED_MAJORS.join(', ')}).`, {
        hint: 'Pass --shadow-url with a PostgreSQL server of that major version, or --allow-version-mismatch to use the nearest bundled one (the report records it).',
      });
    }
    use = nearest(major, SUPPORTED_EMBEDDED_MAJORS);
  }
  const key = await platformPoolKey(use);
  const cluster = await startEmbeddedCluster({ major: use, prepare: { key, run: (admin) => fillPlatformPool(admin, use, key) } });
  try {
    const { num, text, pool } = await withClient(cluster.target, async (c) => {
      const r = await c.query<{ num: string; text: string }>("SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text");
      return { num: Number(r.rows[0]!.num), text: r.rows[0]!.text, pool: await readPlatformPool(c, key) };
    });
    return {
      takePooled: () => pool.shift(),
      provider: 'embedded',
      admin: cluster.target,
      versionNum: num,
      serverVersion: text,
      description: `embedded PostgreSQL ${text} (port ${cluster.port})`,
      vanilla: true,
      dir: cluster.dir,
      release: () => cluster.stop(),
    };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

function nearest(major: number, options: number[]): number {
  return [...options].sort((a, b) => Math.abs(a - major) - Math.abs(b - major) || b - a)[0]!;
}
