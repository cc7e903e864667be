import { connect, sanitizeCause, serverVersionNum, withReadOnlySnapshot, type Client } from '../db/client.js';
import type { ConnectionTarget } from '../db/connection.js';
import { SquashbaseError, isPgError, isSquashbaseError } from '../errors.js';
import { VERSION } from '../version.js';
import { InspectState } from './inspect-state.js';
import { PrefetchingReader, type CatalogReader } from './catalog-reader.js';
import { FINGERPRINT_SQL, catalogFingerprint } from './fingerprint.js';
import { DEPENDENCIES_SQL, loadDependencies } from './dependencies.js';
import { COMMENTS_SQL, loadComments } from './queries/comments.js';
import { CONSTRAINTS_SQL, loadConstraints } from './queries/constraints.js';
import { DEFAULT_ACL_SQL, loadDefaultPrivileges } from './queries/default-privileges.js';
import { EVENT_TRIGGERS_SQL, loadEventTriggers } from './queries/event-triggers.js';
import { FUNCTIONS_SQL, loadFunctions } from './queries/functions.js';
import { GRANTS_SQL, loadGrants } from './queries/grants.js';
import { INDEXES_SQL, loadIndexes } from './queries/indexes.js';
import { loadScope } from './queries/namespaces.js';
import { loadDataNotes } from './queries/platform-data.js';
import { loadConfigObjects } from './queries/platform-config.js';
import { POLICIES_SQL, loadPolicies } from './queries/policies.js';
import { PUBLICATIONS_SQL, PUBLICATION_TABLES_SQL, loadPublications } from './queries/publications.js';
import { SEQUENCES_SQL, loadSequences } from './queries/sequences.js';
import { COLUMNS_SQL, TABLES_SQL, loadTables } from './queries/tables.js';
import { TRIGGERS_SQL, loadTriggers } from './queries/triggers.js';
import { TYPES_SQL, loadTypes } from './queries/types.js';
import { VIEWS_SQL, loadViews } from './queries/views.js';
import { FOREIGN_SQL, loadForeign } from './queries/foreign.js';
import { RULES_SQL, loadRules } from './queries/rules.js';
import { STATISTICS_SQL, loadStatistics } from './queries/statistics.js';
import { COLLATIONS_SQL, loadCollations } from './queries/collations.js';
import { CASTS_SQL, loadCasts } from './queries/casts.js';
import { OPERATORS_SQL, loadOperators } from './queries/operators.js';
import { TS_CONFIGURATIONS_SQL, TS_DICTIONARIES_SQL, loadTextSearch } from './queries/text-search.js';
import { CENSUS_GLOBAL_SQL, CENSUS_NAMESPACED_SQL, loadCensus } from './census/census.js';
import { loadManagedObjects, managedScope, prefetchManaged } from './managed-pass.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION, type Snapshot, type SnapshotObject } from './snapshot-types.js';

/** Progress of one inspect run: which step is running (1-based) out of how many, and retries. */
export interface InspectProgress {
  step: string;
  index: number;
  total: number;
  attempt: number;
}

export interface InspectOptions {
  /** Called before each step; a returned promise is awaited (tests use this to inject failures). */
  onProgress?: (event: InspectProgress) => void | Promise<void>;
  /** Attempts before giving up on concurrent DDL / dropped connections (default 4). */
  maxAttempts?: number;
  /** Base backoff in ms between attempts (default 250, doubled each time, jittered). */
  retryDelayMs?: number;
  /** Called with server_version_num as soon as it is read: parity starts its shadow of that major meanwhile. */
  onServerVersion?: (versionNum: number) => void;
}

/** A loader, and the catalog queries it runs (in the order it runs them). */
type Step = [name: string, run: (reader: CatalogReader, state: InspectState) => Promise<void>, queries: string[]];

/**
 * Loaders in dependency order: later ones look up objects earlier ones registered (grants and
 * comments attach to objects, dependencies translate to ids).
 */
const STEPS: Step[] = [
  ['collations', loadCollations, [COLLATIONS_SQL]],
  ['types', loadTypes, [TYPES_SQL]],
  ['tables and columns', loadTables, [TABLES_SQL, COLUMNS_SQL]],
  ['sequences', loadSequences, [SEQUENCES_SQL]],
  ['constraints', loadConstraints, [CONSTRAINTS_SQL]],
  ['indexes', loadIndexes, [INDEXES_SQL]],
  ['views', loadViews, [VIEWS_SQL]],
  ['functions', loadFunctions, [FUNCTIONS_SQL]],
  ['triggers', loadTriggers, [TRIGGERS_SQL]],
  ['policies', loadPolicies, [POLICIES_SQL]],
  ['event triggers', loadEventTriggers, [EVENT_TRIGGERS_SQL]],
  ['publications', loadPublications, [PUBLICATIONS_SQL, PUBLICATION_TABLES_SQL]],
  ['foreign data', loadForeign, FOREIGN_SQL],
  ['rules', loadRules, [RULES_SQL]],
  ['extended statistics', loadStatistics, [STATISTICS_SQL]],
  ['text search', loadTextSearch, [TS_DICTIONARIES_SQL, TS_CONFIGURATIONS_SQL]],
  ['casts', loadCasts, [CASTS_SQL]],
  ['operators', loadOperators, [OPERATORS_SQL]],
  ['grants', loadGrants, [GRANTS_SQL]],
  ['default privileges', loadDefaultPrivileges, [DEFAULT_ACL_SQL]],
  ['comments', loadComments, [COMMENTS_SQL]],
  ['dependencies', loadDependencies, [DEPENDENCIES_SQL]],
  // Last: it checks every user-scope catalog row against what the loaders above registered.
  ['census', loadCensus, [CENSUS_NAMESPACED_SQL, CENSUS_GLOBAL_SQL]],
];

/**
 * Introspect a live database into a Snapshot: one connection, one READ ONLY REPEATABLE READ
 * transaction (search_path = pg_catalog so every pg_get_*def() is schema-qualified), one
 * set-based query per object kind. Nothing is written. Deterministic: the same schema gives a
 * byte-identical canonicalJson(snapshot).
 *
 * Concurrent DDL can break pg_get_*def() mid-run ("cache lookup failed", XX000), and a dropped
 * connection or serialization failure can interrupt it: those are retried with backoff, then
 * reported as INTROSPECTION_FAILED (research/safety.md F2). Connection failures on the first
 * connect are reported at once (CONNECTION_FAILED).
 */
export async function inspectDatabase(target: ConnectionTarget, options: InspectOptions = {}): Promise<Snapshot> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const baseDelay = options.retryDelayMs ?? 250;
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let client: Client | undefined;
    let lost = false;
    try {
      client = await connect(target, { applicationName: `squashbase/${VERSION}/inspect`, pipeline: true });
      // After a connection error pg refuses further queries with a plain Error: remember why.
      client.on('end', () => (lost = true));
      client.on('error', () => (lost = true));
      const read = await inspectWith(client, options, attempt);
      // Outside the transaction: the catalog as it is now. A difference means concurrent DDL.
      // Asked for before the snapshot is assembled, so the server computes it meanwhile.
      const now = catalogFingerprint(client);
      now.catch(() => undefined); // awaited below; a failure of assemble() must not leave it unhandled
      const snapshot = read.assemble();
      if ((await now) === read.fingerprint) return snapshot;
      lastError = new ConcurrentDdlError();
    } catch (err) {
      if (isSquashbaseError(err) && (attempt === 1 || err.code !== 'CONNECTION_FAILED')) throw err;
      if (!isRetryableIntrospectionError(err, lost)) {
        throw new SquashbaseError('INTROSPECTION_FAILED', `Introspection failed: ${sanitizeCause(err).message}`, {
          hint: 'Check that the role can read the system catalogs; rerun with --verbose for the cause.',
          cause: sanitizeCause(err),
          details: isPgError(err) ? { sqlstate: err.code } : undefined,
        });
      }
      lastError = err;
    } finally {
      await client?.end().catch(() => undefined);
    }
    if (attempt < maxAttempts) await sleep(baseDelay * 2 ** (attempt - 1) * (0.5 + Math.random()));
  }
  throw new SquashbaseError('INTROSPECTION_FAILED', `Introspection did not complete after ${maxAttempts} attempts: ${sanitizeCause(lastError).message}`, {
    hint: 'The schema changed while it was being read (concurrent DDL) or the connection kept dropping. Retry when no migration is running.',
    cause: sanitizeCause(lastError),
    details: isPgError(lastError) ? { sqlstate: lastError.code } : undefined,
  });
}

/** The catalog changed while it was being read (fingerprints differ): retried like F2 errors. */
class ConcurrentDdlError extends Error {
  override readonly name = 'ConcurrentDdlError';
  constructor() {
    super('the schema changed while it was being read (concurrent DDL)');
  }
}

/**
 * SQLSTATEs of F2: serialization failure, admin shutdown, connection exceptions, internal error (cache lookup failed). */
export function isRetryableIntrospectionError(err: unknown, connectionLost = false): boolean {
  if (isSquashbaseError(err, 'CONNECTION_FAILED')) return true;
  if (isPgError(err)) return err.code === '40001' || err.code === '57P01' || err.code.startsWith('08') || err.code === 'XX000';
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED'].includes(code)) return true;
  return connectionLost;
}

/** What one read transaction gathered: the fingerprint it saw, and the snapshot to assemble. */
interface InspectRead {
  fingerprint: string;
  /** Fills dependsOn and sorts: JS only, done after the transaction while the server checks the catalog. */
  assemble(): Snapshot;
}

async function inspectWith(client: Client, options: InspectOptions, attempt: number): Promise<InspectRead> {
  const total = STEPS.length + 4;
  const progress = async (step: string, index: number) => {
    await options.onProgress?.({ step, index, total, attempt });
  };
  return withReadOnlySnapshot(client, async () => {
    // Rendering settings pinned so definitions do not depend on the role's or server's defaults.
    await client.query(
      `SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, MDY'; SET LOCAL IntervalStyle = 'postgres';
       SET LOCAL extra_float_digits = 1; SET LOCAL quote_all_identifiers = off; SET LOCAL standard_conforming_strings = on`,
    );
    const versionNum = await serverVersionNum(client);
    options.onServerVersion?.(versionNum);
    if (versionNum < 150000) {
      throw new SquashbaseError('PRECONDITION_FAILED', `PostgreSQL ${Math.floor(versionNum / 10000)} is not supported by inspect.`, {
        hint: 'squashbase reads PostgreSQL 15 and newer (publication column lists, row filters and schema publications need 15).',
      });
    }
    const db = await client.query<{ name: string }>('SELECT current_database() AS name');
    const state = new InspectState();
    const reader = new PrefetchingReader(client);
    await progress('scope', 1);
    const platform = await loadScope(reader, state);
    const managedState = managedScope(state);
    // Every later query only needs the scope (the user namespaces, then the managed ones):
    // queue them all now, so the server is not idle while JS processes a result (still one
    // connection, one transaction, one query at a time).
    const nsOids = state.userNamespaceOids();
    for (const [, , queries] of STEPS) for (const sql of queries) reader.prefetch(sql, sql.includes('$1') ? [nsOids] : undefined);
    prefetchManaged(reader, managedState);
    // The catalog fingerprint of this transaction: any query of a REPEATABLE READ transaction
    // sees the same snapshot, so it is asked for last, and the first results arrive sooner.
    reader.prefetch(FINGERPRINT_SQL);
    let index = 1;
    let managed: SnapshotObject[];
    let fingerprint: string;
    try {
      for (const [name, run] of STEPS) {
        await progress(name, ++index);
        await run(reader, state);
      }
      await progress('managed schemas', ++index);
      managed = await loadManagedObjects(reader, state, managedState);
      fingerprint = await catalogFingerprint(reader);
    } finally {
      // Never leave a queued query to race the ROLLBACK/COMMIT.
      await reader.drain();
    }
    await progress('data notes', ++index);
    const data = await loadDataNotes(reader);
    await progress('configuration data', ++index);
    for (const o of await loadConfigObjects(reader)) state.add(o);
    const major = Math.floor(versionNum / 10000);
    const assemble = (): Snapshot => ({
      format: SNAPSHOT_FORMAT,
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      server: { version: `${major}.${versionNum % 10000}`, versionNum, major },
      database: db.rows[0]!.name,
      platform,
      data,
      objects: finalize(state),
      census: state.census.counts,
      notModelled: state.census.notModelled,
      managed,
    });
    return { fingerprint, assemble };
  });
}

/** dependsOn filled from the edges (only ids that are snapshot objects), everything sorted. */
function finalize(state: InspectState): SnapshotObject[] {
  const objects = [...state.objects.values()];
  for (const o of objects) {
    const deps = state.edges.get(o.id);
    o.dependsOn = deps ? [...deps].filter((d) => d !== o.id && state.objects.has(d)).sort(codeUnitOrder) : [];
  }
  return objects.sort((a, b) => codeUnitOrder(a.id, b.id));
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
