import type { ConnectionTarget } from '../../db/connection.js';
import type { PooledDatabase } from '../platform-pool.js';

/**
 * A running shadow server as a provider hands it to withShadow: a superuser-ish admin
 * connection, its version, and how to release it. Databases are created by shadow.ts.
 */
export interface ShadowServer {
  provider: 'embedded' | 'url' | 'docker';
  /** Admin connection (maintenance database) on the shadow server. */
  admin: ConnectionTarget;
  /** server_version_num, e.g. 150018. */
  versionNum: number;
  serverVersion: string;
  /** Human-readable description for reports (redacted). */
  description: string;
  /** Whether bundled platform models apply (false for a supabase/postgres image that already has one). */
  vanilla: boolean;
  /** Temporary directory of an embedded cluster (removed on release). */
  dir?: string;
  /** A database with the bundled platform model applied already (embedded; platform-pool.ts), while any is left. */
  takePooled?(): PooledDatabase | undefined;
  /** Release the server (stop the cluster or container; no-op for url). Idempotent. */
  release(): Promise<void>;
}
