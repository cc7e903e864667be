import { createHash } from 'node:crypto';
import type { ColumnObject, FunctionObject, GrantObject, SnapshotObject } from '../introspect/snapshot-types.js';
import { ident, literal, qualified } from '../sql/ident.js';
import { SnapshotIndex, cmp, parseObjectId } from '../baseline/snapshot-index.js';
import { orderSteps, type Step } from '../baseline/order.js';
import { renderObject } from '../baseline/render/render-object.js';
import { columnDefinition } from '../baseline/render/table.js';
import { commentStatement, functionRef, kindKeyword, objectRef, ownerStatement } from '../baseline/render/common.js';
import { commentText } from '../baseline/template.js';
import { userItems, type DeltaItem, type PlatformDelta } from './delta-types.js';

export interface RenderedDelta {
  /** Statement blocks for the baseline section, in order (empty when nothing is carried). */
  blocks: string[];
  /** Items the baseline carries. */
  carried: DeltaItem[];
  /** Items it cannot reproduce (a warning each, and a comment in the section). */
  notReproduced: DeltaItem[];
  warnings: string[];
}

/** Kinds in creation order; drops run in the reverse. */
const CREATE_RANK: Partial<Record<SnapshotObject['kind'], number>> = {
  enum: 1,
  composite_type: 1,
  domain: 1,
  range_type: 1,
  function: 2,
  sequence: 3,
  table: 4,
  column: 5,
  constraint: 6,
  index: 7,
  view: 8,
  materialized_view: 8,
  trigger: 9,
  policy: 10,
  grant: 11,
};

/**
 * The baseline's "Platform changes" section: the user's part of the delta as SQL. Each step is
 * commented with what it changes and why; replacing a platform function first checks that the
 * target's definition is the pristine one (or already live's), so a target on another platform
 * release fails loudly instead of being silently overwritten; drops are IF EXISTS.
 */
export function renderPlatformDelta(delta: PlatformDelta): RenderedDelta {
  const items = userItems(delta);
  const idx = indexOf(items.flatMap((i) => (i.live ? [i.live] : [])));
  const pristineIdx = indexOf(items.flatMap((i) => (i.pristine ? [i.pristine] : [])));
  const added = new Set(items.filter((i) => i.change === 'added').map((i) => i.id));
  const removed = new Set(items.filter((i) => i.change === 'removed').map((i) => i.id));
  const carried: DeltaItem[] = [];
  const notReproduced: DeltaItem[] = [];
  const drops: Step[] = [];
  const creates: Step[] = [];
  for (const item of items) {
    const o = (item.live ?? item.pristine) as SnapshotObject;
    const why = `-- platform change (${describeOrigin(item)}): ${item.change} ${commentText(item.id)}${item.changedFields.length ? ` [${item.changedFields.join(', ')}]` : ''}`;
    if (item.change === 'removed') {
      // Dropped with their table or function.
      const owner = o.kind === 'grant' ? o.props.target : o.parent;
      if (owner && removed.has(owner)) {
        carried.push(item);
        continue;
      }
      const sql = dropStatements(o, pristineIdx);
      if (!sql) {
        notReproduced.push(item);
        continue;
      }
      drops.push({ key: item.id, rank: 100 - (CREATE_RANK[o.kind] ?? 50), after: [], sql: [why, ...sql] });
      carried.push(item);
      continue;
    }
    const live = item.live as SnapshotObject;
    let sql: string[] | null;
    if (item.change === 'added') {
      if (live.kind === 'column' && live.parent && added.has(live.parent)) {
        carried.push(item); // inside its CREATE TABLE
        continue;
      }
      sql = addStatements(live, idx);
    } else {
      sql = changeStatements(item, idx, pristineIdx);
    }
    if (!sql) {
      notReproduced.push(item);
      continue;
    }
    const after = [...live.dependsOn, ...(live.parent ? [live.parent] : []), ...(live.kind === 'grant' ? [live.props.target] : [])];
    creates.push({ key: item.id, rank: CREATE_RANK[live.kind] ?? 50, after: after.filter((a) => a !== item.id), sql: [why, ...sql] });
    carried.push(item);
  }
  const warnings = notReproduced.map((i) => `Platform change not reproduced by the baseline: ${i.change} ${i.id}${i.changedFields.length ? ` (${i.changedFields.join(', ')})` : ''}. ${i.limit ?? ''}`.trim());
  const blocks = [
    ...notReproduced.map((i) => `-- NOT REPRODUCED: ${i.change} ${commentText(i.id)}: ${commentText(i.limit ?? 'squashbase cannot render this change')}`),
    ...orderSteps(drops).steps.map((s) => s.sql.join('\n')),
    ...orderSteps(creates).steps.map((s) => s.sql.join('\n')),
  ];
  return { blocks, carried, notReproduced, warnings };
}

function describeOrigin(item: DeltaItem): string {
  return item.origin === 'history' ? 'made by the migrations' : 'made on live outside the migrations';
}

function addStatements(o: SnapshotObject, idx: SnapshotIndex): string[] | null {
  switch (o.kind) {
    case 'column':
      return addColumn(o, idx);
    case 'grant':
      return grantChange(null, o);
    default: {
      return safeRender(o, idx);
    }
  }
}

function safeRender(o: SnapshotObject, idx: SnapshotIndex): string[] | null {
  try {
    const r = renderObject(o, idx);
    if (!r) return null;
    return [...r.sql, ...(r.extra ?? []).flatMap((e) => e.sql)];
  } catch {
    return null;
  }
}

function addColumn(c: ColumnObject, idx: SnapshotIndex): string[] {
  if (!c.parent) return [];
  // No IF NOT EXISTS: a target whose platform already has this column fails here, loudly.
  return [`ALTER TABLE ${idx.relationRef(c.parent)} ADD COLUMN ${columnDefinition(c, idx.schemaOf(c.parent))};`, ...commentStatement(c, idx)];
}

function changeStatements(item: DeltaItem, idx: SnapshotIndex, pristineIdx: SnapshotIndex): string[] | null {
  const live = item.live as SnapshotObject;
  const before = item.pristine as SnapshotObject;
  const fields = new Set(item.changedFields);
  const comment = fields.has('comment') ? [`COMMENT ON ${kindKeyword(live)} ${objectRef(live, idx)} IS ${live.comment == null ? 'NULL' : literal(live.comment)};`] : [];
  switch (live.kind) {
    case 'function': {
      const out = [functionGuard(before as FunctionObject, live)];
      if ([...fields].some((f) => f !== 'owner' && f !== 'comment')) out.push(...(safeRender(live, idx) ?? []).filter((s) => !s.startsWith('ALTER ') && !s.startsWith('COMMENT ')));
      if (fields.has('owner') && live.owner) out.push(`ALTER ${kindKeyword(live)} ${functionRef(live)} OWNER TO ${ident(live.owner)};`);
      return [...out, ...comment];
    }
    case 'trigger':
    case 'index':
    case 'policy':
    case 'view':
    case 'materialized_view':
    case 'constraint': {
      const drop = dropStatements(before, pristineIdx);
      const create = safeRender(live, idx);
      return drop && create ? [...drop, ...create] : null;
    }
    case 'grant':
      return grantChange(before as GrantObject, live);
    case 'column': {
      if (!live.parent || before.kind !== 'column') return null;
      const col = `ALTER TABLE ${idx.relationRef(live.parent)} ALTER COLUMN ${ident(live.name)}`;
      const out: string[] = [];
      if (fields.has('type')) out.push(`${col} TYPE ${live.props.type};`);
      if (fields.has('default')) out.push(live.props.default != null ? `${col} SET DEFAULT ${live.props.default};` : `${col} DROP DEFAULT;`);
      if (fields.has('notNull')) out.push(`${col} ${live.props.notNull ? 'SET' : 'DROP'} NOT NULL;`);
      if (fields.has('comment')) out.push(`COMMENT ON COLUMN ${idx.relationRef(live.parent)}.${ident(live.name)} IS ${live.comment == null ? 'NULL' : literal(live.comment)};`);
      return out.length && [...fields].every((f) => ['type', 'default', 'notNull', 'comment'].includes(f)) ? out : null;
    }
    case 'table': {
      if (![...fields].every((f) => ['owner', 'rlsEnabled', 'rlsForced', 'comment'].includes(f))) return null;
      const name = qualified(live.schema, live.name);
      const out: string[] = [];
      if (fields.has('rlsEnabled')) out.push(`ALTER TABLE ${name} ${live.props.rlsEnabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;`);
      if (fields.has('rlsForced')) out.push(`ALTER TABLE ${name} ${live.props.rlsForced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY;`);
      if (fields.has('owner') && live.owner) out.push(`ALTER TABLE ${name} OWNER TO ${ident(live.owner)};`);
      return [...out, ...comment];
    }
    case 'sequence': {
      if (![...fields].every((f) => ['owner', 'comment'].includes(f))) return null;
      return [...(fields.has('owner') ? ownerStatement(live, idx) : []), ...comment];
    }
    default:
      return null;
  }
}

function dropStatements(o: SnapshotObject, idx: SnapshotIndex): string[] | null {
  switch (o.kind) {
    case 'table':
      return [`DROP TABLE IF EXISTS ${qualified(o.schema, o.name)};`];
    case 'view':
      return [`DROP VIEW IF EXISTS ${qualified(o.schema, o.name)};`];
    case 'materialized_view':
      return [`DROP MATERIALIZED VIEW IF EXISTS ${qualified(o.schema, o.name)};`];
    case 'sequence':
      return [`DROP SEQUENCE IF EXISTS ${qualified(o.schema, o.name)};`];
    case 'function':
      return [`DROP ${kindKeyword(o)} IF EXISTS ${functionRef(o)};`];
    case 'enum':
    case 'composite_type':
    case 'range_type':
      return [`DROP TYPE IF EXISTS ${qualified(o.schema, o.name)};`];
    case 'domain':
      return [`DROP DOMAIN IF EXISTS ${qualified(o.schema, o.name)};`];
    case 'index':
      return [`DROP INDEX IF EXISTS ${qualified(o.schema, o.name)};`];
    case 'column':
      return o.parent ? [`ALTER TABLE IF EXISTS ${idx.relationRef(o.parent)} DROP COLUMN IF EXISTS ${ident(o.name)};`] : null;
    case 'constraint':
      return o.parent ? [`ALTER TABLE IF EXISTS ${idx.relationRef(o.parent)} DROP CONSTRAINT IF EXISTS ${ident(o.name)};`] : null;
    case 'trigger':
      return [`DROP TRIGGER IF EXISTS ${ident(o.name)} ON ${idx.relationRef(o.props.table)};`];
    case 'policy':
      return [`DROP POLICY IF EXISTS ${ident(o.name)} ON ${idx.relationRef(o.props.table)};`];
    case 'grant':
      return grantChange(o, null);
    default:
      return null;
  }
}

/** REVOKE what the grantee lost, GRANT what it gained (grant options separately). */
function grantChange(before: GrantObject | null, after: GrantObject | null): string[] | null {
  const g = (after ?? before) as GrantObject;
  const target = grantTargetSql(g);
  if (!target) return null;
  const grantee = g.props.grantee === 'PUBLIC' ? 'PUBLIC' : ident(g.props.grantee);
  const had = new Set(before?.props.privileges ?? []);
  const has = new Set(after?.props.privileges ?? []);
  const hadOpt = new Set(before?.props.grantable ?? []);
  const hasOpt = new Set(after?.props.grantable ?? []);
  const revoke = [...had].filter((p) => !has.has(p)).sort(cmp);
  const grant = [...has].filter((p) => !had.has(p) && !hasOpt.has(p)).sort(cmp);
  const grantOpt = [...hasOpt].filter((p) => !hadOpt.has(p)).sort(cmp);
  const revokeOpt = [...hadOpt].filter((p) => has.has(p) && !hasOpt.has(p)).sort(cmp);
  const out: string[] = [];
  // An extension member's grantee with nothing left: everything the extension gave it is revoked.
  if (after && after.props.privileges.length === 0) return [`REVOKE ALL ON ${target.sql} FROM ${grantee};`];
  const on = (privs: string[]) => (target.column ? privs.map((p) => `${p} (${ident(target.column!)})`).join(', ') : privs.join(', '));
  if (revoke.length) out.push(`REVOKE ${on(revoke)} ON ${target.sql} FROM ${grantee};`);
  if (revokeOpt.length) out.push(`REVOKE GRANT OPTION FOR ${on(revokeOpt)} ON ${target.sql} FROM ${grantee};`);
  if (grant.length) out.push(`GRANT ${on(grant)} ON ${target.sql} TO ${grantee};`);
  if (grantOpt.length) out.push(`GRANT ${on(grantOpt)} ON ${target.sql} TO ${grantee} WITH GRANT OPTION;`);
  return out;
}

function grantTargetSql(g: GrantObject): { sql: string; column?: string } | null {
  const p = parseObjectId(g.props.target);
  const type = g.props.targetType;
  if (type === 'COLUMN') {
    if (p.parts.length < 3) return null;
    return { sql: `TABLE ${qualified(p.parts[0], p.parts[1]!)}`, column: p.parts[2]! };
  }
  if (type === 'SCHEMA' || type === 'DATABASE') return p.parts[0] ? { sql: `${type} ${ident(p.parts[0])}` } : null;
  if (p.parts.length < 2) return null;
  const name = qualified(p.parts[0], p.parts[1]!);
  if (type === 'FUNCTION' || type === 'PROCEDURE') return { sql: `${type} ${name}(${p.signature ?? ''})` };
  return { sql: `${type} ${name}` };
}

/**
 * Refuse to replace a platform function whose definition on the target is neither the pristine
 * one this baseline was made against nor live's (already replaced): that target runs another
 * platform release, and replacing its function silently could break the platform.
 */
function functionGuard(before: FunctionObject, after: FunctionObject): string {
  const ref = `${qualified(after.schema, after.name)}(${after.signature})`;
  const hashes = [before.props.definition, after.props.definition].filter((d): d is string => d != null).map((d) => createHash('md5').update(d).digest('hex'));
  return `DO $squashbase_platform$
DECLARE
  saved text := pg_catalog.current_setting('search_path');
  found text;
BEGIN
  -- Definitions compare as inspect reads them: every name schema-qualified.
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true);
  SELECT pg_catalog.md5(pg_catalog.pg_get_functiondef(p.oid)) INTO found
    FROM pg_catalog.pg_proc p WHERE p.oid = pg_catalog.to_regprocedure(${literal(ref)});
  PERFORM pg_catalog.set_config('search_path', saved, true);
  IF found IS NULL THEN
    RAISE EXCEPTION 'squashbase baseline: platform function % does not exist on this database', ${literal(ref)}
      USING HINT = 'This baseline replaces a Supabase platform function; the target''s platform lacks it. Regenerate the baseline against this platform, or with --no-platform-delta.';
  END IF;
  IF found NOT IN (${hashes.map(literal).join(', ')}) THEN
    RAISE EXCEPTION 'squashbase baseline: platform function % is not the definition this baseline was made against', ${literal(ref)}
      USING HINT = 'The target runs another Supabase platform release. Regenerate the baseline against it (parity --pristine-url), or with --no-platform-delta and replace the function by hand.';
  END IF;
END
$squashbase_platform$;`;
}

function indexOf(objects: SnapshotObject[]): SnapshotIndex {
  return new SnapshotIndex({ objects });
}
