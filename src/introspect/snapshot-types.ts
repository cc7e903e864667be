/**
 * The Snapshot: squashbase's one model of a database schema. `inspect` produces it, `replay`
 * produces it from a shadow, `baseline` renders DDL from it, `parity` compares two of them.
 *
 * Rules (docs/FORMATS.md):
 * - JSON-serialisable and deterministic: objects sorted by `id`, keys in a fixed order
 *   (see canonicalJson), arrays in catalog-independent order. No OIDs, no timestamps.
 * - Every object is keyed by `id`, built by objectId() from (kind, schema, name, sub-name,
 *   signature) with always-quoted parts, so hostile names cannot collide.
 * - Definitions are normalised: pg_get_*def() output taken with search_path = pg_catalog, so
 *   every name is schema-qualified.
 * - Platform objects (Supabase-managed schemas, extension members) are not in the snapshot.
 *   User objects attached to platform objects are, with scope 'attachment'.
 */

export const SNAPSHOT_FORMAT = 'squashbase.snapshot';
/**
 * 2: foreign data wrappers, servers, user mappings and foreign tables; the census (`notModelled`).
 * 3: `managed`, the objects in managed schemas (the platform delta's input).
 */
export const SNAPSHOT_FORMAT_VERSION = 3;

export type ObjectKind =
  | 'schema'
  | 'extension'
  | 'enum'
  | 'domain'
  | 'composite_type'
  | 'range_type'
  | 'sequence'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'view'
  | 'materialized_view'
  | 'function'
  | 'trigger'
  | 'policy'
  | 'event_trigger'
  | 'publication'
  | 'publication_table'
  | 'foreign_data_wrapper'
  | 'foreign_server'
  | 'user_mapping'
  | 'foreign_table'
  | 'rule'
  | 'statistics'
  | 'collation'
  | 'text_search_dictionary'
  | 'text_search_configuration'
  | 'cast'
  | 'operator'
  | 'grant'
  | 'default_privilege'
  | 'bucket'
  | 'cron_job'
  | 'queue'
  | 'vault_secret';

/** Display order and labels for per-kind tables (inspect summary, parity table). */
export const KIND_LABELS: Record<ObjectKind, string> = {
  schema: 'Schemas',
  extension: 'Extensions',
  enum: 'Enums',
  domain: 'Domains',
  composite_type: 'Composite types',
  range_type: 'Range types',
  sequence: 'Sequences',
  table: 'Tables',
  column: 'Columns',
  constraint: 'Constraints',
  index: 'Indexes',
  view: 'Views',
  materialized_view: 'Materialized views',
  function: 'Functions',
  trigger: 'Triggers',
  policy: 'RLS policies',
  event_trigger: 'Event triggers',
  publication: 'Publications',
  publication_table: 'Publication tables',
  foreign_data_wrapper: 'Foreign data wrappers',
  foreign_server: 'Foreign servers',
  user_mapping: 'User mappings',
  foreign_table: 'Foreign tables',
  rule: 'Rules',
  statistics: 'Extended statistics',
  collation: 'Collations',
  text_search_dictionary: 'Text search dictionaries',
  text_search_configuration: 'Text search configurations',
  cast: 'Casts',
  operator: 'Operators',
  grant: 'Grants',
  default_privilege: 'Default privileges',
  bucket: 'Storage buckets',
  cron_job: 'Cron jobs',
  queue: 'Queues',
  vault_secret: 'Vault secrets (names)',
};

export const KIND_ORDER = Object.keys(KIND_LABELS) as ObjectKind[];

/**
 * 'user': created by the project's migrations. 'attachment': a user object hung on a platform object.
 * 'config': configuration stored as rows of a platform table (buckets, cron jobs, queues, secret names).
 */
export type Scope = 'user' | 'attachment' | 'config';

/** Kinds that are configuration rows, not DDL (baseline section "Configuration data"). */
export const CONFIG_KINDS: readonly ObjectKind[] = ['bucket', 'cron_job', 'queue', 'vault_secret'];

export interface SnapshotObjectBase<K extends ObjectKind, P> {
  kind: K;
  /** Unique, stable identity key. See objectId(). */
  id: string;
  /** Schema of the object (for sub-objects: of their table). null for schemas, event triggers, publications, … */
  schema: string | null;
  /** Object name (for columns/constraints/triggers/policies: their own name). */
  name: string;
  /** id of the object this one belongs to (table of a column/constraint/index/trigger/policy, target of a grant). */
  parent?: string;
  scope: Scope;
  /** For attachments: id-like label of the platform object it hangs on, e.g. table:"auth"."users". */
  attachedTo?: string;
  /** Owning role, for kinds that have one. */
  owner?: string;
  /** COMMENT ON …, when set. */
  comment?: string;
  /**
   * ids of other snapshot objects that must exist before this one (from pg_depend plus the
   * obvious structural edges). Sorted. Platform objects are never listed.
   */
  dependsOn: string[];
  props: P;
}

export interface SchemaProps {}

export interface ExtensionProps {
  /** Recorded for the report; a baseline never pins it. */
  version: string;
}

export interface EnumProps {
  labels: string[];
}

export interface DomainConstraint {
  name: string;
  /** pg_get_constraintdef, e.g. CHECK ((VALUE > 0)) */
  definition: string;
  validated: boolean;
  /** COMMENT ON CONSTRAINT … ON DOMAIN, when set. (Added by inspect, additive.) */
  comment?: string;
}

export interface DomainProps {
  /** format_type of the base type, schema-qualified when not built in. */
  baseType: string;
  notNull: boolean;
  default: string | null;
  collation: string | null;
  constraints: DomainConstraint[]; // sorted by name
}

export interface CompositeAttribute {
  name: string;
  type: string;
  collation: string | null;
}

export interface CompositeTypeProps {
  attributes: CompositeAttribute[]; // in attribute order
}

export interface RangeTypeProps {
  subtype: string;
  subtypeOpclass: string | null;
  collation: string | null;
  canonical: string | null;
  subtypeDiff: string | null;
  multirangeName: string | null;
}

export interface SequenceOptions {
  /** smallint | integer | bigint */
  dataType: string;
  /** bigint values as decimal strings */
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

export interface SequenceProps extends SequenceOptions {
  /** OWNED BY table.column, as the column's id; null when free-standing. */
  ownedBy: string | null;
}

export interface TableProps {
  /** 'r' ordinary, 'p' partitioned */
  relkind: 'r' | 'p';
  unlogged: boolean;
  /** pg_get_partkeydef, e.g. RANGE (created_at); null when not partitioned. */
  partitionKey: string | null;
  /** For a partition: the parent table id and pg_get_expr(relpartbound). */
  partitionOf: { parent: string; bound: string } | null;
  /** INHERITS parents (table ids) in inhseqno order; excludes the partition parent. */
  inherits: string[];
  /** reloptions, sorted, e.g. ["fillfactor=70"] */
  options: string[];
  rlsEnabled: boolean;
  rlsForced: boolean;
  /** d default, n nothing, f full, i index */
  replicaIdentity: 'd' | 'n' | 'f' | 'i';
  /** For replicaIdentity 'i': name of the index (in the table's schema). (Added by inspect, additive.) */
  replicaIdentityIndex?: string;
}

export interface IdentityOptions extends SequenceOptions {
  /** 'always' | 'by default' */
  generation: 'always' | 'by default';
  /** Name of the implicit sequence (schema-qualified by the table's schema). */
  sequenceName: string;
}

export interface ColumnProps {
  /** 1-based ordinal among the table's live (non-dropped) columns. Order differences are warnings. */
  position: number;
  /** format_type(atttypid, atttypmod), schema-qualified for non-builtin types. */
  type: string;
  notNull: boolean;
  /** pg_get_expr of the default; null when none or when generated. */
  default: string | null;
  identity: IdentityOptions | null;
  /** Generation expression of a STORED generated column. */
  generated: string | null;
  /** Collation when it differs from the type's default, schema-qualified. */
  collation: string | null;
  /** false for columns that only come from a parent (inheritance / partition). */
  isLocal: boolean;
  /** Per-column statistics target when set (attstattarget >= 0). */
  statistics: number | null;
  /** attstorage when it differs from the type's default. */
  storage: string | null;
  /** SET COMPRESSION pglz | lz4, when set (attcompression). (Added by inspect, additive.) */
  compression?: 'pglz' | 'lz4';
}

export type ConstraintType = 'primary_key' | 'unique' | 'check' | 'foreign_key' | 'exclusion' | 'trigger';

export interface ConstraintProps {
  type: ConstraintType;
  /** pg_get_constraintdef(oid, true) — includes NOT VALID, DEFERRABLE, ON DELETE … */
  definition: string;
  deferrable: boolean;
  initiallyDeferred: boolean;
  validated: boolean;
  /** false when inherited from a parent (then emitted by the parent). */
  isLocal: boolean;
  /** foreign keys: the referenced table's id (a platform table like auth.users is given as its label). */
  references: string | null;
}

export interface IndexProps {
  /** pg_get_indexdef — full CREATE [UNIQUE] INDEX … statement, schema-qualified. */
  definition: string;
  /** id of the indexed table or materialized view. */
  table: string;
  unique: boolean;
  /** indisvalid = false: a failed CREATE INDEX CONCURRENTLY (lint C011). */
  valid: boolean;
  /** Partial index predicate, for display. */
  predicate: string | null;
}

export interface ViewProps {
  /** pg_get_viewdef(oid, true) */
  definition: string;
  /** reloptions, sorted: security_invoker=true, security_barrier=true, check_option=local|cascaded */
  options: string[];
  /** output column names, in order */
  columns: string[];
  /** COMMENT ON COLUMN of view columns, by column name, when any is set. (Added by inspect, additive.) */
  columnComments?: Record<string, string>;
}

export interface MaterializedViewProps extends ViewProps {
  /** relispopulated: WITH DATA vs WITH NO DATA */
  withData: boolean;
}

export interface FunctionProps {
  routineKind: 'function' | 'procedure' | 'aggregate' | 'window';
  /** pg_get_function_identity_arguments */
  identityArguments: string;
  /** pg_get_function_result (null for procedures) */
  returns: string | null;
  /** pg_get_functiondef: a complete CREATE OR REPLACE statement (null for aggregates). */
  definition: string | null;
  language: string;
  volatility: 'immutable' | 'stable' | 'volatile';
  securityDefiner: boolean;
  strict: boolean;
  leakproof: boolean;
  parallel: 'safe' | 'restricted' | 'unsafe';
  /** proconfig, sorted: ["search_path=public"] */
  config: string[];
  /** For aggregates: the CREATE AGGREGATE statement assembled from pg_aggregate. */
  aggregateDefinition?: string;
}

export interface TriggerProps {
  /** id (or platform label) of the table. */
  table: string;
  /** pg_get_triggerdef(oid, true) — the full CREATE [CONSTRAINT] TRIGGER statement. */
  definition: string;
  /** O origin (enabled), D disabled, R replica, A always */
  enabled: 'O' | 'D' | 'R' | 'A';
  /** id (or platform label) of the trigger function. */
  function: string;
}

export interface PolicyProps {
  table: string;
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  permissive: boolean;
  /** Role names sorted; ['PUBLIC'] for public. */
  roles: string[];
  using: string | null;
  withCheck: string | null;
}

export interface EventTriggerProps {
  event: string;
  tags: string[];
  function: string;
  enabled: 'O' | 'D' | 'R' | 'A';
}

export interface PublicationProps {
  allTables: boolean;
  insert: boolean;
  update: boolean;
  delete: boolean;
  truncate: boolean;
  viaRoot: boolean;
  /** FOR TABLES IN SCHEMA … (PG15+), sorted; absent when none. (Added by inspect, additive.) */
  schemas?: string[];
}

export interface PublicationTableProps {
  publication: string;
  /** id of the published table */
  table: string;
  /** Column list (PG15+), null = all columns. */
  columns: string[] | null;
  /** Row filter (PG15+). */
  where: string | null;
}

/**
 * One OPTIONS (…) entry of a wrapper, server, user mapping, foreign table or foreign column.
 * A secret (password, api_key, token, …: see isSecretOption) never has its value in the
 * snapshot: `value` is null and `secret` true, so inspect output, reports and baselines cannot
 * leak it; parity compares that the option is there, not what it holds.
 */
export interface ForeignOption {
  name: string;
  value: string | null;
  secret?: true;
}

export interface ForeignDataWrapperProps {
  /** Handler / validator function, schema-qualified (usually extension members, e.g. stripe_fdw_handler). */
  handler: string | null;
  validator: string | null;
  options: ForeignOption[]; // in catalog order
}

export interface ForeignServerProps {
  /** id of the wrapper (a platform label when the wrapper is an extension member, e.g. postgres_fdw). */
  wrapper: string;
  /** Name of the wrapper, for rendering. */
  wrapperName: string;
  type: string | null;
  version: string | null;
  options: ForeignOption[];
}

export interface UserMappingProps {
  server: string;
  serverName: string;
  /** Role name, or 'PUBLIC'. */
  user: string;
  options: ForeignOption[];
}

export interface ForeignColumn {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  collation: string | null;
  options: ForeignOption[];
}

export interface ForeignTableProps {
  server: string;
  serverName: string;
  columns: ForeignColumn[]; // in attribute order
  options: ForeignOption[];
}

export interface RuleProps {
  /** id of the table or view the rule is on. */
  table: string;
  /** pg_get_ruledef(oid, true): the full CREATE RULE statement. */
  definition: string;
  /** O origin (enabled), D disabled, R replica, A always */
  enabled: 'O' | 'D' | 'R' | 'A';
}

export interface StatisticsProps {
  /** id of the table the statistics object is on. */
  table: string;
  /** pg_get_statisticsobjdef: the full CREATE STATISTICS statement. */
  definition: string;
  /** ALTER STATISTICS … SET STATISTICS n, when set. */
  target: number | null;
}

export interface CollationProps {
  /** c libc, i icu, b builtin (PG17+) */
  provider: 'c' | 'i' | 'b';
  deterministic: boolean;
  /** libc: LC_COLLATE / LC_CTYPE */
  lcCollate: string | null;
  lcCtype: string | null;
  /** icu / builtin locale */
  locale: string | null;
  /** ICU tailoring rules (PG16+) */
  rules: string | null;
}

export interface TextSearchDictionaryProps {
  /** Template, schema-qualified unless in pg_catalog (regproc-style text), e.g. simple. */
  template: string;
  /** dictinitoption verbatim (option syntax), e.g. stopwords = 'english'; null when none. */
  options: string | null;
}

export interface TextSearchConfigurationProps {
  /** Parser, schema-qualified unless in pg_catalog, e.g. "default". */
  parser: string;
  /** Token type alias → dictionaries in order (regdictionary text), sorted by token type id. */
  mappings: { token: string; dictionaries: string[] }[];
}

export interface CastProps {
  /** format_type of the source and target types (schema-qualified when not built in). */
  source: string;
  target: string;
  /** f WITH FUNCTION, i WITH INOUT, b WITHOUT FUNCTION (binary coercible) */
  method: 'f' | 'i' | 'b';
  /** For 'f': id of the function, and its regprocedure text for rendering. */
  function: string | null;
  functionSignature: string | null;
  /** e explicit only, a AS ASSIGNMENT, i AS IMPLICIT */
  context: 'e' | 'a' | 'i';
}

export interface OperatorProps {
  /** format_type of the operand types; null for a prefix operator's left side. */
  left: string | null;
  right: string;
  /** Implementing function, regprocedure text, and its id. */
  function: string;
  functionId: string;
  /** OPERATOR(schema.op) references, when set. */
  commutator: string | null;
  negator: string | null;
  /** Selectivity estimators (regproc text), when set. */
  restrict: string | null;
  join: string | null;
  hashes: boolean;
  merges: boolean;
}

/** What a grant applies to, in GRANT … ON <targetType> syntax. */
export type GrantTargetType = 'TABLE' | 'SEQUENCE' | 'FUNCTION' | 'PROCEDURE' | 'SCHEMA' | 'TYPE' | 'DOMAIN' | 'COLUMN' | 'DATABASE';

export interface GrantProps {
  targetType: GrantTargetType;
  /** id of the target object (a column id for column grants). */
  target: string;
  /** Role name, or 'PUBLIC'. */
  grantee: string;
  /** Sorted privilege keywords, e.g. ["DELETE","INSERT","SELECT"]. */
  privileges: string[];
  /** Sorted subset of privileges held WITH GRANT OPTION. */
  grantable: string[];
  /**
   * Order of this grantee's aclitem among the object's appended grantees (not the owner, nor
   * PUBLIC on functions and types, which their built-in ACL holds). GRANT appends a new
   * grantee, so the order is the order the history granted in, and pg_dump prints it; the
   * baseline grants in it. Not compared by parity: items an object gets at creation from
   * default privileges are sorted by role OID, which differs between clusters
   * (normalize.ts IGNORED_PROPS).
   */
  aclIndex?: number;
}

export interface DefaultPrivilegeProps {
  /** The role whose future objects get these privileges (FOR ROLE …). */
  role: string;
  /** IN SCHEMA …, or null for all schemas. */
  inSchema: string | null;
  objectType: 'TABLES' | 'SEQUENCES' | 'FUNCTIONS' | 'TYPES' | 'SCHEMAS';
  grantee: string;
  privileges: string[];
  grantable: string[];
  /**
   * A global default (inSchema null) replaces the built-in default; entries in
   * `revokedFromBuiltin` list built-in privileges the role revoked (e.g. EXECUTE from PUBLIC).
   */
  revokedFromBuiltin?: string[];
}

export type SchemaObject = SnapshotObjectBase<'schema', SchemaProps>;
export type ExtensionObject = SnapshotObjectBase<'extension', ExtensionProps>;
export type EnumObject = SnapshotObjectBase<'enum', EnumProps>;
export type DomainObject = SnapshotObjectBase<'domain', DomainProps>;
export type CompositeTypeObject = SnapshotObjectBase<'composite_type', CompositeTypeProps>;
export type RangeTypeObject = SnapshotObjectBase<'range_type', RangeTypeProps>;
export type SequenceObject = SnapshotObjectBase<'sequence', SequenceProps>;
export type TableObject = SnapshotObjectBase<'table', TableProps>;
export type ColumnObject = SnapshotObjectBase<'column', ColumnProps>;
export type ConstraintObject = SnapshotObjectBase<'constraint', ConstraintProps>;
export type IndexObject = SnapshotObjectBase<'index', IndexProps>;
export type ViewObject = SnapshotObjectBase<'view', ViewProps>;
export type MaterializedViewObject = SnapshotObjectBase<'materialized_view', MaterializedViewProps>;
export type FunctionObject = SnapshotObjectBase<'function', FunctionProps> & { signature: string };
export type TriggerObject = SnapshotObjectBase<'trigger', TriggerProps>;
export type PolicyObject = SnapshotObjectBase<'policy', PolicyProps>;
export type EventTriggerObject = SnapshotObjectBase<'event_trigger', EventTriggerProps>;
export type PublicationObject = SnapshotObjectBase<'publication', PublicationProps>;
export type PublicationTableObject = SnapshotObjectBase<'publication_table', PublicationTableProps>;
export type ForeignDataWrapperObject = SnapshotObjectBase<'foreign_data_wrapper', ForeignDataWrapperProps>;
export type ForeignServerObject = SnapshotObjectBase<'foreign_server', ForeignServerProps>;
export type UserMappingObject = SnapshotObjectBase<'user_mapping', UserMappingProps>;
export type ForeignTableObject = SnapshotObjectBase<'foreign_table', ForeignTableProps>;
export type RuleObject = SnapshotObjectBase<'rule', RuleProps>;
export type StatisticsObject = SnapshotObjectBase<'statistics', StatisticsProps>;
export type CollationObject = SnapshotObjectBase<'collation', CollationProps>;
export type TextSearchDictionaryObject = SnapshotObjectBase<'text_search_dictionary', TextSearchDictionaryProps>;
export type TextSearchConfigurationObject = SnapshotObjectBase<'text_search_configuration', TextSearchConfigurationProps>;
export type CastObject = SnapshotObjectBase<'cast', CastProps>;
export type OperatorObject = SnapshotObjectBase<'operator', OperatorProps> & { signature: string };
export type GrantObject = SnapshotObjectBase<'grant', GrantProps>;
export type DefaultPrivilegeObject = SnapshotObjectBase<'default_privilege', DefaultPrivilegeProps>;

export type SnapshotObject =
  | SchemaObject
  | ExtensionObject
  | EnumObject
  | DomainObject
  | CompositeTypeObject
  | RangeTypeObject
  | SequenceObject
  | TableObject
  | ColumnObject
  | ConstraintObject
  | IndexObject
  | ViewObject
  | MaterializedViewObject
  | FunctionObject
  | TriggerObject
  | PolicyObject
  | EventTriggerObject
  | PublicationObject
  | PublicationTableObject
  | ForeignDataWrapperObject
  | ForeignServerObject
  | UserMappingObject
  | ForeignTableObject
  | RuleObject
  | StatisticsObject
  | CollationObject
  | TextSearchDictionaryObject
  | TextSearchConfigurationObject
  | CastObject
  | OperatorObject
  | GrantObject
  | DefaultPrivilegeObject
  | BucketObject
  | CronJobObject
  | QueueObject
  | VaultSecretObject;

/** One column value of a configuration row, as text (NULL as null). */
export interface ConfigValue {
  column: string;
  value: string | null;
}

/**
 * A storage.buckets row (name = bucket id): every column live's table has, as text, sorted by
 * column name, except the id and what is per environment (created_at, updated_at, owner, owner_id).
 */
export interface BucketProps {
  /** Columns whose value is not their column's constant default. Compared by parity. */
  settings: ConfigValue[];
  /**
   * Columns holding exactly their column's constant default. Carried by the baseline (the
   * target's default may differ) but not compared: a platform whose table has a column live's
   * lacks (storage's newer `type`) fills it with its default.
   */
  atDefault: ConfigValue[];
}
export type BucketObject = SnapshotObjectBase<'bucket', BucketProps>;

/**
 * A pg_cron job (name = jobname, or `unnamed:<hash>` for a job scheduled without a name).
 * jobid, nodename and nodeport are per environment and left out.
 */
export interface CronJobProps {
  /** false for a job scheduled without a name (cron.schedule(schedule, command)). */
  named: boolean;
  schedule: string;
  command: string;
  /** null when the job runs in the database it was read from (cron.schedule); else cron.schedule_in_database's database. */
  database: string | null;
  username: string;
  active: boolean;
}
export type CronJobObject = SnapshotObjectBase<'cron_job', CronJobProps>;

/** A pgmq queue (pgmq.meta row; its q_/a_ tables are pgmq extension members). */
export interface QueueProps {
  partitioned: boolean;
  unlogged: boolean;
}
export type QueueObject = SnapshotObjectBase<'queue', QueueProps>;

/** A named vault secret: its name and description only. The value is never read. */
export interface VaultSecretProps {
  description: string;
}
export type VaultSecretObject = SnapshotObjectBase<'vault_secret', VaultSecretProps>;

export type ObjectOfKind<K extends ObjectKind> = Extract<SnapshotObject, { kind: K }>;

/** Data rows a baseline may carry (storage.buckets, cron.job, lookup tables): see baseline --include-data. */
export interface SnapshotDataNote {
  /** qualified table label, e.g. storage.buckets */
  table: string;
  /** Rows the inspecting role could count (0 when it may not read the table at all). */
  rows: number;
  /** Set when the table exists but the inspecting role cannot see all of it (see data-readability.ts). */
  unreadable?: UnreadableData;
}

/**
 * Why the inspecting role cannot read a platform data table in full: `no-select` (no SELECT
 * privilege), `rls` (row-level security applies: RLS is enabled and the role is neither the
 * owner — or FORCE is set — nor BYPASSRLS nor a superuser). Rows it cannot see are not in the
 * baseline, and no "rows not included" warning can count them.
 */
export interface UnreadableData {
  role: string;
  reason: 'no-select' | 'rls';
}

/**
 * A user-scope catalog object the snapshot does not model: the census names it so that no
 * report can call two databases identical while it exists (DESIGN.md "No blind spots").
 */
export interface NotModelledObject {
  /** The catalog it lives in, e.g. pg_rewrite. */
  catalog: string;
  /** Human kind, e.g. "rule", "extended statistics", "collation". */
  kind: string;
  /** pg_describe_object() text, e.g. `rule r_log on table public.t`: stable, quoted where needed. */
  identity: string;
  /** Why the baseline does not carry it. */
  reason: string;
}

/** Census per catalog: user-scope rows counted, and how many of them the snapshot models. */
export interface CensusCount {
  catalog: string;
  kind: string;
  total: number;
  modelled: number;
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  server: {
    /** e.g. "15.18" */
    version: string;
    versionNum: number;
    major: number;
  };
  database: string;
  /** What the Supabase platform looked like: used to build a matching shadow and to explain scope. */
  platform: {
    /** true when auth/storage schemas of a Supabase project were found */
    supabase: boolean;
    /** managed schemas present, sorted */
    schemas: string[];
    /** extensions installed (name → schema), including platform ones, sorted by name */
    extensions: { name: string; schema: string; version: string }[];
  };
  /** Rows in platform tables that fresh environments usually need (buckets, cron jobs). */
  data: SnapshotDataNote[];
  /** Sorted by id. */
  objects: SnapshotObject[];
  /** Every user-scope catalog row, counted (sorted by catalog, kind). */
  census: CensusCount[];
  /** User-scope objects not in `objects` (sorted by catalog, identity). Empty = no blind spots. */
  notModelled: NotModelledObject[];
  /**
   * Objects in Supabase-managed schemas (auth, storage, realtime, extensions, …), read by the
   * same loaders; extension members and attachments excluded. What the platform delta compares
   * (src/platform-delta/). Absent in snapshots written before format 3.
   */
  managed?: SnapshotObject[];
}

/**
 * Identity key: kind + always-quoted parts. e.g.
 *   table:"public"."users"
 *   column:"public"."users"."email"
 *   function:"public"."f"(integer, text)
 *   grant:table:"public"."users"->"anon"
 */
export function objectId(kind: ObjectKind, parts: (string | null | undefined)[], signature?: string): string {
  const q = parts.filter((p): p is string => p != null).map((p) => '"' + p.replace(/"/g, '""') + '"');
  return `${kind}:${q.join('.')}${signature !== undefined ? `(${signature})` : ''}`;
}

/** Label for a platform object we refer to but do not snapshot, e.g. table:"auth"."users". Same shape as objectId. */
export const platformLabel = objectId;

export function grantId(target: string, grantee: string): string {
  return `grant:${target}->${grantee === 'PUBLIC' ? 'PUBLIC' : '"' + grantee.replace(/"/g, '""') + '"'}`;
}
