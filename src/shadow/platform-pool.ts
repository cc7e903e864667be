import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { withDatabase, type ConnectionTarget } from '../db/connection.js';
import { withClient, type Client } from '../db/client.js';
import { ident, literal } from '../sql/ident.js';
import { VERSION } from '../version.js';
import { bootstrapPlatform, bundledModelSql } from './platform-bootstrap.js';
import { bundledScript, type StandIn } from './stand-ins/install.js';
import { STAND_IN_DEFINITIONS } from './stand-ins/catalog.js';

/**
 * Databases with the bundled platform model already applied, made once in the cached initdb
 * template of an embedded shadow and copied with it into every cluster: a shadow database on
 * the bundled model is then a rename, not a CREATE DATABASE and a bootstrap (most of a parity
 * run's shadow start). Only a bootstrap that needed nothing of this run — no warning, every
 * stand-in a real extension — is pooled; live's overlay is still applied per database.
 */
export const POOL_DB_PREFIX = 'squashbase_pool_';
/** Parity's two databases (history and baseline); a third one is bootstrapped as usual. */
export const POOL_SIZE = 2;

export interface PooledDatabase {
  name: string;
  /** What the bootstrap that made it returned. */
  model: string;
  standIns: StandIn[];
}

interface PoolComment {
  key: string;
  model: string;
  standIns: StandIn[];
}

/**
 * Names everything a pooled database is made of: the model SQL, the stand-ins, and the code
 * that applies them (so a changed bootstrap never meets an old pool), per major.
 */
export function platformPoolKey(major: number): Promise<string> {
  // Read once per process: every embedded shadow start asks.
  let key = poolKeys.get(major);
  if (!key) {
    key = computePoolKey(major);
    poolKeys.set(major, key);
    key.catch(() => poolKeys.delete(major));
  }
  return key;
}

const poolKeys = new Map<number, Promise<string>>();

async function computePoolKey(major: number): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify([VERSION, major, STAND_IN_DEFINITIONS]));
  hash.update(await bundledModelSql(major));
  for (const d of STAND_IN_DEFINITIONS) hash.update(await bundledScript(d.extension));
  for (const module of ['./platform-bootstrap.js', './stand-ins/install.js', './platform-pool.js']) hash.update(await moduleSource(new URL(module, import.meta.url)));
  return `pool-${hash.digest('hex').slice(0, 16)}`;
}

/** The module's own source (.js when built, .ts under the test runner). */
async function moduleSource(url: URL): Promise<string> {
  const path = fileURLToPath(url);
  return readFile(path, 'utf8').catch(() => readFile(path.replace(/\.js$/, '.ts'), 'utf8'));
}

/** Fills the pool on a fresh server (the template's), one database at a time: bootstraps on one server collide on roles. */
export async function fillPlatformPool(admin: ConnectionTarget, major: number, key: string): Promise<void> {
  for (let i = 0; i < POOL_SIZE; i++) {
    const name = `${POOL_DB_PREFIX}${i}`;
    await withClient(admin, (c) => c.query(`CREATE DATABASE ${ident(name)} TEMPLATE template0 ENCODING 'UTF8'`));
    const b = await bootstrapPlatform(withDatabase(admin, name), { major });
    if (b.warnings.length || b.standIns.some((s) => s.mode !== 'extension') || !b.model) {
      await withClient(admin, (c) => c.query(`DROP DATABASE ${ident(name)}`));
      return;
    }
    const comment: PoolComment = { key, model: b.model, standIns: b.standIns };
    await withClient(admin, (c) => c.query(`COMMENT ON DATABASE ${ident(name)} IS ${literal(JSON.stringify(comment))}`));
  }
}

/** The pooled databases of a server, made with `key` (others are ignored). */
export async function readPlatformPool(c: Client, key: string): Promise<PooledDatabase[]> {
  const r = await c.query<{ name: string; comment: string | null }>(
    `SELECT datname AS name, pg_catalog.shobj_description(oid, 'pg_database') AS comment
     FROM pg_catalog.pg_database WHERE starts_with(datname, $1) ORDER BY datname`,
    [POOL_DB_PREFIX],
  );
  const out: PooledDatabase[] = [];
  for (const row of r.rows) {
    let parsed: PoolComment | undefined;
    try {
      parsed = row.comment ? (JSON.parse(row.comment) as PoolComment) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed?.key === key) out.push({ name: row.name, model: parsed.model, standIns: parsed.standIns });
  }
  return out;
}
