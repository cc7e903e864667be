/** Stand-ins use @extschema@, which PostgreSQL substitutes only for non-relocatable extensions (pgvector and pg_jsonschema are relocatable upstream; ALTER EXTENSION … SET SCHEMA is the one thing that differs). */
/**
 * The bundled extension stand-ins: extensions a Supabase project has (or a migration may
 * `CREATE EXTENSION`) that vanilla PostgreSQL lacks. Each one is installed as a REAL extension
 * (control file + script in the server's extension directory), because on live every object
 * of such an extension is an extension member (pg_depend deptype 'e') that introspection
 * skips; plain stub objects would show up as user objects and break parity.
 *
 * Scripts live in templates/stand-ins/<extension>.sql. Every stand-in a shadow uses is
 * reported (StandIn); nothing here is allowed to be silent.
 */
export interface StandInDefinition {
  extension: string;
  /** default_version written to the control file (a recent upstream version). */
  version: string;
  /** `schema =` in the control file: the extension's fixed schema (created by PostgreSQL when missing). */
  controlSchema?: string;
  relocatable: boolean;
  requires?: string[];
  /**
   * The real extension's control-file comment (pg_available_extensions.comment, and what
   * pg_dump prints as COMMENT ON EXTENSION): a stand-in presents what the real one presents,
   * so parity never reports its own emulation as the user's drift.
   */
  comment: string;
  /** `superuser =` of the real control file (who may CREATE EXTENSION it). */
  superuser: boolean;
  /** What the stand-in reproduces and what it does not (shown in docs and reports). */
  emulation: string;
}

export const STAND_IN_DEFINITIONS: readonly StandInDefinition[] = [
  // Control metadata (comment, schema, relocatable, superuser, requires) as each upstream
  // extension's own control file has it; versions are those of current Supabase images.
  { extension: 'pg_net', version: '0.14.0', relocatable: false, superuser: true, comment: 'Async HTTP', emulation: 'net schema, queue/response tables and http_* signatures; requests are queued, never sent' },
  { extension: 'pg_graphql', version: '1.5.11', controlSchema: 'graphql', relocatable: false, superuser: true, comment: 'pg_graphql: GraphQL support', emulation: 'graphql.resolve() signature, schema version sequence; answers with an error' },
  { extension: 'supabase_vault', version: '0.3.1', controlSchema: 'vault', relocatable: false, superuser: true, comment: 'Supabase Vault Extension', emulation: 'vault.secrets, decrypted_secrets, create_secret/update_secret; secrets stored unencrypted' },
  { extension: 'pgjwt', version: '0.2.0', relocatable: false, superuser: false, requires: ['pgcrypto'], comment: 'JSON Web Token API for Postgresql', emulation: 'sign/verify/url_encode/url_decode re-implemented in SQL (pgjwt is pure SQL upstream)' },
  { extension: 'pg_cron', version: '1.6', controlSchema: 'pg_catalog', relocatable: false, superuser: true, comment: 'Job scheduler for PostgreSQL', emulation: 'cron.job, job_run_details, schedule/unschedule/alter_job; jobs are stored, never run' },
  { extension: 'vector', version: '0.8.0', relocatable: false, superuser: true, comment: 'vector data type and ivfflat and hnsw access methods', emulation: 'vector(n) base type (text storage, typmod kept), distance functions and operators, hnsw/ivfflat access methods backed by hash indexes; halfvec/sparsevec likewise; index options moved to reloptions by the statement adapter' },
  { extension: 'http', version: '1.6', relocatable: false, superuser: true, comment: 'HTTP client for PostgreSQL, allows web page retrieval inside the database.', emulation: 'http types and http_* signatures; every request raises an error' },
  { extension: 'pgmq', version: '1.5.1', controlSchema: 'pgmq', relocatable: false, superuser: false, comment: 'A lightweight message queue. Like AWS SQS and RSMQ but on Postgres.', emulation: 'pgmq schema, meta table, create/send/send_batch/read/set_vt/pop/delete/archive/purge_queue/drop_queue/list_queues; queue tables created like pgmq, messages never delivered' },
  { extension: 'pg_jsonschema', version: '0.3.3', relocatable: false, superuser: true, comment: 'pg_jsonschema', emulation: 'json(b)_matches_schema signatures; no validation (always true)' },
  { extension: 'wrappers', version: '0.5.0', relocatable: false, superuser: true, comment: 'Foreign data wrappers developed by Supabase', emulation: 'wrappers_fdw_stats and <name>_fdw_handler/_validator/_meta for common wrappers; foreign tables cannot be queried' },
  { extension: 'pgsodium', version: '3.1.8', controlSchema: 'pgsodium', relocatable: false, superuser: true, comment: 'Postgres extension for libsodium functions', emulation: 'pgsodium schema and roles, key table, valid_key/decrypted_key/masking views, keygen/create_key; no cryptography, no masking' },
  { extension: 'plpgsql_check', version: '2.7', relocatable: false, superuser: true, comment: 'extended check for plpgsql functions', emulation: 'plpgsql_check_function signatures; checks nothing' },
];

export function standInDefinition(extension: string): StandInDefinition | undefined {
  return STAND_IN_DEFINITIONS.find((d) => d.extension === extension);
}

/** Where Supabase puts each default extension (CREATE EXTENSION … WITH SCHEMA). */
export const PLATFORM_EXTENSION_SCHEMA: Record<string, string> = {
  pg_net: 'extensions',
  pgjwt: 'extensions',
  pg_graphql: 'graphql',
  supabase_vault: 'vault',
};

/**
 * Extensions a fresh Supabase project of this major has installed that vanilla PostgreSQL
 * lacks (research/supabase-platform.md §4): pg_net, pg_graphql, supabase_vault everywhere;
 * pgjwt only on PG15 images (deactivated on PG17).
 */
export function platformDefaultStandIns(major: number): string[] {
  const list = ['pg_net', 'pg_graphql', 'supabase_vault'];
  if (major < 17) list.push('pgjwt');
  return list;
}

/** Marker on the first line of every control file squashbase writes (never overwrite a file without it). */
export const STAND_IN_MARKER = '# squashbase stand-in';
/** First line of a control file generated from a live project's extension members. */
export const STAND_IN_FROM_LIVE_MARKER = `${STAND_IN_MARKER} (from live)`;

export function controlFileText(def: StandInDefinition, version = def.version): string {
  const lines = [
    // The marker line is how squashbase tells its stand-ins from real extensions (the comment
    // is the real extension's, so it cannot be).
    `${STAND_IN_MARKER}: generated by squashbase for shadow databases; safe to delete.`,
    `# emulation: ${def.emulation}`,
    `comment = '${def.comment.replace(/'/g, "''")}'`,
    `default_version = '${version}'`,
    `relocatable = ${def.relocatable}`,
    `superuser = ${def.superuser}`,
    'trusted = true',
  ];
  if (def.controlSchema) lines.push(`schema = ${def.controlSchema}`);
  if (def.requires?.length) lines.push(`requires = '${def.requires.join(', ')}'`);
  return lines.join('\n') + '\n';
}
