import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SquashbaseError } from '../../errors.js';
import { registerSecret } from '../../db/redact.js';
import { parseDbUrl } from '../../db/connection.js';
import { withClient, sanitizeCause } from '../../db/client.js';
import type { ShadowServer } from './types.js';

/** supabase/postgres image per major when the caller names none (the CLI's shadow image for 17). */
export const DEFAULT_SUPABASE_IMAGES: Record<number, string> = {
  15: 'supabase/postgres:15.8.1.085',
  17: 'supabase/postgres:17.6.1.132',
};

/**
 * Where a container runtime might listen. testcontainers would find the same ones; probing
 * first turns "no Docker here" into one clear error instead of a stack of strategy failures.
 */
export async function findContainerRuntime(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env['DOCKER_HOST']) return env['DOCKER_HOST'];
  const runtimeDir = env['XDG_RUNTIME_DIR'];
  const candidates = [
    '/var/run/docker.sock',
    join(homedir(), '.docker', 'run', 'docker.sock'),
    join(homedir(), '.docker', 'desktop', 'docker.sock'),
    join(homedir(), '.colima', 'default', 'docker.sock'),
    '/run/podman/podman.sock',
    ...(runtimeDir ? [join(runtimeDir, 'docker.sock'), join(runtimeDir, 'podman', 'podman.sock')] : []),
  ];
  for (const path of candidates) {
    try {
      await access(path);
      return `unix://${path}`;
    } catch {
      // not there
    }
  }
  return undefined;
}

interface StartedContainerLike {
  getHost(): string;
  getMappedPort(port: number): number;
  stop(): Promise<unknown>;
}

/**
 * The `supabase/postgres` image through testcontainers, imported only when this provider is
 * asked for. The image already has Supabase's roles and real extensions, so no stand-ins are
 * needed. Its init scripts create the basic auth/storage schemas; the GoTrue and storage-api
 * migrations that complete them do not run here (a known gap of this provider).
 */
export async function startDockerShadow(major: number, image = DEFAULT_SUPABASE_IMAGES[major]): Promise<ShadowServer> {
  const runtime = await findContainerRuntime();
  if (!runtime) {
    throw new SquashbaseError('SHADOW_FAILED', 'The docker shadow needs a container runtime, and none was found on this machine (no DOCKER_HOST, no Docker or Podman socket).', {
      hint: 'Start Docker (or Podman) and retry, or drop --shadow docker: the default embedded shadow needs no Docker, and --shadow-url uses a server you already run.',
    });
  }
  if (!image) {
    throw new SquashbaseError('VERSION_MISMATCH', `No supabase/postgres image is known for PostgreSQL ${major}.`, {
      hint: `Known: ${Object.values(DEFAULT_SUPABASE_IMAGES).join(', ')}. Use --shadow-url or --allow-version-mismatch.`,
    });
  }
  let tc: typeof import('testcontainers');
  try {
    tc = await import('testcontainers');
  } catch (err) {
    throw new SquashbaseError('SHADOW_FAILED', 'The testcontainers package could not be loaded for the docker shadow.', { cause: sanitizeCause(err) });
  }
  const password = randomBytes(18).toString('hex');
  registerSecret(password);
  let container: StartedContainerLike;
  try {
    container = await new tc.GenericContainer(image)
      .withEnvironment({ POSTGRES_PASSWORD: password })
      .withExposedPorts(5432)
      .withWaitStrategy(tc.Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .withStartupTimeout(180_000)
      .start();
  } catch (err) {
    throw new SquashbaseError('SHADOW_FAILED', `The ${image} container did not start (runtime ${runtime}).`, {
      hint: 'Check that the runtime is running and can pull the image; or use the default embedded shadow.',
      cause: sanitizeCause(err),
    });
  }
  const admin = parseDbUrl(`postgresql://supabase_admin:${encodeURIComponent(password)}@${container.getHost()}:${container.getMappedPort(5432)}/postgres`, image);
  let releasing: Promise<void> | undefined;
  const release = () => {
    releasing ??= container.stop().then(() => undefined, () => undefined);
    return releasing;
  };
  try {
    const row = await withClient(admin, async (c) => (await c.query<{ num: string; text: string }>("SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text")).rows[0]!);
    return { provider: 'docker', admin, versionNum: Number(row.num), serverVersion: row.text, description: `${image} container`, vanilla: false, release };
  } catch (err) {
    await release();
    throw err;
  }
}
