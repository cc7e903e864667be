import { randomUUID } from 'node:crypto';
import { objectId, type Snapshot, type SnapshotObject } from '../introspect/snapshot-types.js';
import { SquashbaseError } from '../errors.js';
import { VERSION } from '../version.js';
import { cmp, SnapshotIndex } from './snapshot-index.js';
import { orderSteps, type Step } from './order.js';
import type { Rendered } from './render/types.js';
import { replicaIdentityIndexStep } from './render/table.js';
import { renderObject } from './render/render-object.js';
import { isEmittedConstraint, CONSTRAINT_RANK, FOREIGN_KEY_RANK } from './render/constraint.js';
import { renderDefaultPrivileges, renderObjectPrivileges } from './privileges.js';
import { renderGuard } from './guard.js';
import { renderHeader, snapshotFingerprint, countByKind } from './header.js';
import { loadTemplate, renderTemplate, commentText } from './template.js';
import { renderDataSection, omittedDataWarnings, dataLabel, type DataSection } from './data-section.js';
import { configItemLabel, renderConfigSection } from './config-section.js';
import { escapeMetaCommandLines } from './meta-safe.js';
import { referencedRoleWarnings, referencedRoles } from './roles.js';
import { renderRolesGuard } from './roles-guard.js';
import { notModelledComment, notModelledWarnings } from './not-modelled.js';
import { validateVersion, validateName } from './version.js';
import { userItems, type DeltaItem, type PlatformDelta } from '../platform-delta/delta-types.js';
import { renderPlatformDelta } from '../platform-delta/render-delta.js';

export interface BaselineOptions {
  /** 14-digit (or any all-digit) migration version. */
  version: string;
  /** File name part after the version; default `baseline`. */
  name?: string;
  /** Versions of the migration files this baseline replaces (for the header and the guard). */
  consolidates: string[];
  /** Redacted display of where the snapshot came from. */
  source: string;
  toolVersion?: string;
  /** Rows to carry in the data section (--include-data). */
  includeData?: DataSection[];
  /** Carry the configuration rows (buckets, cron jobs, queues, secret names); default true (--no-config-data: false). */
  configData?: boolean;
  /** The baseline refuses to finish while a vault secret holds its placeholder (default: a warning). */
  requireSecrets?: boolean;
  /**
   * How live's managed schemas differ from a pristine platform (src/platform-delta/). The
   * user's part is carried in the "Platform changes" section; version differences never are.
   */
  platformDelta?: PlatformDelta;
  /** false: leave the user's platform changes out (--no-platform-delta), a warning naming each. */
  carryPlatformDelta?: boolean;
  /** Header-only values; everything else is a function of the snapshot and options. */
  runId?: string;
  generatedAt?: string;
}

export interface BaselineResult {
  sql: string;
  fileName: string;
  version: string;
  name: string;
  warnings: string[];
  fingerprint: string;
  /** Object counts per kind (as in the header). */
  counts: { kind: string; label: string; count: number }[];
  /** Number of DDL steps per section. */
  sections: { title: string; statements: number }[];
  /** Vault secrets a new environment must provide (names and descriptions; values never travel). */
  secrets: { name: string; description: string }[];
  /** Platform changes the file carries, and those it leaves out (not reproducible, or --no-platform-delta). */
  platformDelta: { carried: DeltaItem[]; leftOut: DeltaItem[] };
}

const RANK: Partial<Record<SnapshotObject['kind'], number>> = {
  schema: 0,
  extension: 1,
  enum: 2,
  range_type: 3,
  composite_type: 4,
  domain: 5,
  function: 6,
  sequence: 7,
  table: 8,
  constraint: CONSTRAINT_RANK,
  index: 11,
  view: 13,
  materialized_view: 14,
  trigger: 15,
  policy: 16,
  event_trigger: 17,
  publication: 18,
  publication_table: 19,
  foreign_data_wrapper: 2,
  foreign_server: 2,
  user_mapping: 2,
  foreign_table: 9,
  collation: 1,
  rule: 15,
  statistics: 12,
  text_search_dictionary: 2,
  text_search_configuration: 3,
  cast: 7,
  operator: 7,
};

/**
 * Render one consolidated, dependency-ordered baseline from a snapshot. Pure: the same snapshot
 * and options give the same bytes, except the run id and timestamp in the header.
 */
export function generateBaseline(snapshot: Snapshot, options: BaselineOptions): BaselineResult {
  const version = validateVersion(options.version);
  const name = validateName(options.name ?? 'baseline');
  const idx = new SnapshotIndex(snapshot);
  const warnings: string[] = [];
  const major = snapshot.server.major;

  // Which index ids are really their constraint (pg_dump never creates those separately).
  const alias = new Map<string, string>();
  const skipped = new Set<string>();
  const indexByTableAndName = new Map(idx.ofKind('index').map((i) => [`${i.props.table}\u0000${i.name}`, i]));
  for (const c of idx.ofKind('constraint')) {
    if (c.props.type === 'primary_key' || c.props.type === 'unique' || c.props.type === 'exclusion') {
      const backing = indexByTableAndName.get(`${c.parent}\u0000${c.name}`);
      if (backing) {
        alias.set(backing.id, c.id);
        skipped.add(backing.id);
      }
    }
    if (c.props.type === 'trigger') {
      const trig = idx.childrenOf(c.parent!, 'trigger').find((t) => t.name === c.name);
      if (trig) alias.set(c.id, trig.id);
      skipped.add(c.id);
    } else if (!isEmittedConstraint(c)) skipped.add(c.id);
  }
  // Triggers cloned onto partitions from the partitioned parent come back by themselves.
  for (const t of idx.ofKind('trigger')) {
    const table = idx.get(t.props.table, 'table');
    const parent = table?.props.partitionOf?.parent;
    if (parent && idx.childrenOf(parent, 'trigger').some((pt) => pt.name === t.name)) skipped.add(t.id);
  }

  const stepKey = (id: string): string | null => {
    const a = alias.get(id);
    if (a) return a;
    const o = idx.byId.get(id);
    if (!o) return null;
    if (o.kind === 'column') return o.parent ?? null;
    if (o.kind === 'grant' || o.kind === 'default_privilege') return null;
    if (skipped.has(id)) return null;
    return id;
  };

  const main: Step[] = [];
  const attach: Step[] = [];
  for (const o of idx.snapshot.objects.slice().sort((a, b) => cmp(a.id, b.id))) {
    if (skipped.has(o.id)) continue;
    let r: Rendered | null;
    try {
      r = renderObject(o, idx);
    } catch (err) {
      if (err instanceof SquashbaseError) throw err;
      throw new SquashbaseError('BASELINE_FAILED', `Could not render ${o.id}: ${(err as Error).message}`, {
        hint: 'The snapshot holds catalog text squashbase does not accept as-is; please report it with this message.',
        cause: err,
        details: { object: o.id },
      });
    }
    if (!r) continue;
    const deps = new Set<string>();
    const addDep = (id: string) => {
      const k = stepKey(id);
      if (k && k !== o.id) deps.add(k);
    };
    for (const d of o.dependsOn) addDep(d);
    for (const d of r.after ?? []) addDep(d);
    if (o.schema != null && o.kind !== 'schema') addDep(objectId('schema', [o.schema]));
    if (o.kind === 'table') {
      for (const c of idx.columnsOf(o.id)) for (const d of c.dependsOn) addDep(d);
    }
    if (o.kind === 'sequence' && o.props.ownedBy) {
      // OWNED BY is its own later step; the sequence itself must precede the table's defaults.
      const col = idx.get(o.props.ownedBy, 'column');
      if (col?.parent) deps.delete(col.parent);
    }
    if (o.kind === 'table') {
      // A table never waits for its own sub-objects (pg_depend lists some of them both ways).
      for (const k of [...deps]) {
        const d = idx.byId.get(k);
        if (d && ('parent' in d) && d.parent === o.id) deps.delete(k);
      }
    }
    const rank = o.kind === 'constraint' && o.props.type === 'foreign_key' ? FOREIGN_KEY_RANK : RANK[o.kind] ?? 20;
    const list = o.scope === 'attachment' ? attach : main;
    list.push({ key: o.id, rank, after: [...deps].sort(cmp), sql: [`-- ${commentText(o.id)}`, ...r.sql] });
    for (const e of r.extra ?? []) {
      list.push({ key: e.key, rank: e.rank, after: e.after.map((a) => stepKey(a) ?? a), sql: e.sql });
    }
    if (o.kind === 'table') {
      for (const e of replicaIdentityIndexStep(o, idx) ?? []) list.push({ ...e, after: e.after.map((a) => stepKey(a) ?? a) });
      if (o.props.replicaIdentity === 'i' && !(o.props as { replicaIdentityIndex?: string }).replicaIdentityIndex) {
        warnings.push(`${o.id}: REPLICA IDENTITY USING INDEX is not reproduced (the snapshot does not name the index).`);
      }
    }
    if (o.kind === 'index' && !o.props.valid) warnings.push(`${o.id} is INVALID on live (a failed CREATE INDEX CONCURRENTLY); the baseline creates it valid.`);
    if (o.kind === 'event_trigger') warnings.push(`${o.id}: event triggers need a superuser to create; the baseline may fail on Supabase.`);
  }

  const ordered = orderSteps(main);
  for (const c of ordered.cycles) warnings.push(`Dependency cycle broken at ${c[0]} (among: ${c.join(', ')}); check that object's position in the baseline.`);
  const attachOrdered = orderSteps(attach.map((s) => ({ ...s, after: s.after.filter((a) => attach.some((x) => x.key === a)) })));

  const isEarly = (s: Step) => s.rank <= 1 && (s.key.startsWith('schema:') || s.key.startsWith('extension:'));
  const early = ordered.steps.filter(isEarly);
  // Event triggers last among the DDL (as pg_dump does), so they never fire on the baseline itself.
  const isEventTrigger = (s: Step) => s.key.startsWith('event_trigger:');
  const rest = ordered.steps.filter((s) => !isEarly(s) && !isEventTrigger(s));
  const eventTriggers = ordered.steps.filter(isEventTrigger);
  const privileges = renderObjectPrivileges(idx, major);
  warnings.push(...privileges.warnings);
  const defaults = renderDefaultPrivileges(idx, major);

  const data = (options.includeData ?? []).map((d) => ({ ...d, sequenceColumns: sequenceColumns(idx, d) }));
  const configObjects = idx.snapshot.objects.filter((o) => o.scope === 'config');
  const withConfig = options.configData !== false;
  const config = renderConfigSection(withConfig ? configObjects : [], { requireSecrets: options.requireSecrets === true });
  warnings.push(...config.warnings);
  if (!withConfig) for (const o of configObjects) warnings.push(`${configItemLabel(o)} left out (--no-config-data); a fresh environment will not have it.`);
  warnings.push(...omittedDataWarnings(snapshot, data, carriedConfigRows(configObjects, withConfig)));
  warnings.push(...referencedRoleWarnings(idx));
  warnings.push(...notModelledWarnings(snapshot));
  const delta = platformDeltaSection(options, warnings);

  const sections: { title: string; description: string; blocks: string[] }[] = [
    { title: 'Not in this file', description: 'The census found these on live; create them by hand or keep the migrations that made them.', blocks: [notModelledComment(snapshot.notModelled).join('\n')].filter(Boolean) },
    { title: 'Schemas and extensions', description: '', blocks: early.map(stepText) },
    {
      title: 'Default privileges',
      description: "The target's defaults for these roles and schemas are reset, then set to live's, so\nevery object below gets the same privileges at creation as on live.",
      blocks: defaults,
    },
    { title: 'Objects (dependency order)', description: '', blocks: rest.map(stepText) },
    {
      title: 'Platform changes',
      description:
        "What this project's migrations (or edits on live) changed in Supabase-managed schemas, against a\n" +
        `pristine platform (${delta.source}). Before the attachments, which may use it. A replaced platform\n` +
        "function is checked first: a target on another platform release fails here instead of being\n" +
        'overwritten. Leave the section out with --no-platform-delta.',
      blocks: delta.blocks,
    },
    {
      title: 'Attachments to platform objects',
      description: 'User triggers, policies and publication membership on Supabase-managed objects\n(auth.users, storage.objects, realtime.messages, supabase_realtime).',
      blocks: [...attachOrdered.steps.map(stepText), ...privileges.attachment],
    },
    {
      title: 'Privileges',
      description: 'Per object, only what differs from the privileges it got at creation (revokes included).',
      blocks: privileges.main,
    },
    {
      title: 'Event triggers',
      description: 'Created last, so they do not fire on the statements above.',
      blocks: eventTriggers.map(stepText),
    },
  ];
  sections.push({
    title: 'Configuration data',
    description:
      'Storage buckets, pgmq queues, cron jobs and vault secret names, created through the platform API.\n' +
      'Existing ones are kept when they match and raise when configured differently; secrets get a\n' +
      'placeholder the environment must replace (vault.update_secret).',
    blocks: config.blocks,
  });
  if (data.length) {
    sections.push({
      title: 'Data',
      description: 'Rows that fresh environments need (--include-data). Existing rows are kept (ON CONFLICT DO NOTHING).',
      blocks: orderData(data, idx).flatMap((d) => [`-- ${commentText(dataLabel(d))}: ${d.rows.length} row(s)`, ...renderDataSection(d)]),
    });
  }

  const fingerprint = snapshotFingerprint(snapshot);
  const header = renderHeader(snapshot, {
    version,
    name,
    toolVersion: options.toolVersion ?? VERSION,
    source: options.source,
    fingerprint,
    runId: options.runId ?? randomUUID(),
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    consolidates: options.consolidates,
  });
  const sectionTemplate = loadTemplate('section.sql');
  const rolesGuard = renderRolesGuard(referencedRoles(snapshot));
  const parts = [header, renderGuard(version, options.consolidates), ...(rolesGuard ? [rolesGuard] : []), loadTemplate('settings.sql')];
  for (const s of sections) {
    if (s.blocks.length === 0) continue;
    const description = s.description ? s.description.split('\n').map((l) => `-- ${l}\n`).join('') : '';
    parts.push(renderTemplate(sectionTemplate, { title: s.title, description }));
    parts.push(s.blocks.join('\n\n') + '\n');
  }
  const sql = escapeMetaCommandLines(parts.join('\n'));
  return {
    sql,
    fileName: `${version}_${name}.sql`,
    version,
    name,
    warnings,
    fingerprint,
    counts: countByKind(snapshot),
    sections: sections.map((s) => ({ title: s.title, statements: s.blocks.length })),
    secrets: withConfig ? config.secrets : [],
    platformDelta: { carried: delta.carried, leftOut: delta.leftOut },
  };
}

/** The "Platform changes" blocks, and a warning for everything of the user's left out. */
function platformDeltaSection(options: BaselineOptions, warnings: string[]): { blocks: string[]; carried: DeltaItem[]; leftOut: DeltaItem[]; source: string } {
  const d = options.platformDelta;
  if (!d) return { blocks: [], carried: [], leftOut: [], source: '' };
  const source = d.pristine.description;
  const mine = userItems(d);
  const version = d.items.length - mine.length;
  if (version > 0) warnings.push(`${version} difference(s) between live's managed schemas and the pristine platform (${source}) are a platform version difference, not the project's: not in the baseline (listed in the parity report).`);
  if (options.carryPlatformDelta === false) {
    for (const i of mine) warnings.push(`Platform change left out (--no-platform-delta): ${i.change} ${i.id}; a fresh environment will not have it.`);
    return { blocks: [], carried: [], leftOut: mine, source };
  }
  const r = renderPlatformDelta(d);
  warnings.push(...r.warnings);
  return { blocks: r.blocks, carried: r.carried, leftOut: r.notReproduced, source };
}

function stepText(s: Step): string {
  return s.sql.join('\n');
}

/** Rows per platform table the configuration section accounts for (all of them with --no-config-data: each item has its own warning). */
function carriedConfigRows(objects: SnapshotObject[], withConfig: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of objects) {
    const table = o.attachedTo?.replace(/^table:"([^"]+)"\."([^"]+)"$/, '$1.$2');
    if (table) counts.set(table, withConfig ? (counts.get(table) ?? 0) + 1 : Number.MAX_SAFE_INTEGER);
  }
  return counts;
}

/** Columns of a carried table fed by an ascending sequence (serial OWNED BY, or identity). */
function sequenceColumns(idx: SnapshotIndex, d: DataSection): string[] {
  const tableId = objectId('table', [d.schema, d.table]);
  const owned = new Map<string, string>();
  for (const s of idx.ofKind('sequence')) if (s.props.ownedBy && !s.props.increment.startsWith('-')) owned.set(s.props.ownedBy, s.id);
  return idx
    .columnsOf(tableId)
    .filter((c) => (c.props.identity ? !c.props.identity.increment.startsWith('-') : owned.has(c.id)))
    .map((c) => c.name);
}

/** Data sections in foreign-key order (referenced tables first), then by label. */
function orderData(data: DataSection[], idx: SnapshotIndex): DataSection[] {
  const byId = new Map(data.map((d) => [objectId('table', [d.schema, d.table]), d]));
  const steps: Step[] = [...byId.entries()].map(([id, d]) => {
    const refs = idx.childrenOf(id, 'constraint').flatMap((c) => (c.props.type === 'foreign_key' && c.props.references ? [c.props.references] : []));
    const platformFirst = d.schema === 'storage' || d.schema === 'cron' ? 0 : 1;
    return { key: id, rank: platformFirst, after: refs.filter((r) => byId.has(r) && r !== id), sql: [] };
  });
  return orderSteps(steps).steps.map((s) => byId.get(s.key)!);
}
