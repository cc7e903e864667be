import { objectId, type SchemaObject, type ExtensionObject } from '../../introspect/snapshot-types.js';
import { ident } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { BASELINE_ROLE, commentStatement, ownerStatement } from './common.js';
import type { Rendered } from './types.js';

/** CREATE SCHEMA IF NOT EXISTS: `public` and pre-created schemas already exist on a fresh project. */
export function renderSchema(o: SchemaObject, idx: SnapshotIndex): Rendered {
  return { sql: [`CREATE SCHEMA IF NOT EXISTS ${ident(o.name)};`, ...ownerStatement(o, idx), ...commentStatement(o, idx)] };
}

/**
 * CREATE EXTENSION IF NOT EXISTS … WITH SCHEMA …, never with a VERSION (Supabase ignores or
 * rejects pinned versions; research/supabase-platform.md §4).
 */
export function renderExtension(o: ExtensionObject, idx: SnapshotIndex): Rendered {
  const schema = o.schema ? ` WITH SCHEMA ${ident(o.schema)}` : '';
  const after = o.schema ? [objectId('schema', [o.schema])] : [];
  // A comment live changed is kept, but only on extensions the runner will own (COMMENT ON
  // EXTENSION needs ownership; an extension the platform pre-installed belongs to supabase_admin).
  const comment = o.owner === BASELINE_ROLE ? commentStatement(o, idx) : [];
  // CREATE EXTENSION … WITH SCHEMA needs the schema to exist, even when it is the control
  // file's own schema (pgmq, pgsodium): a schema the history created for it and that the
  // snapshot leaves to the platform (managed) is created here, as the history did.
  const create = o.schema && o.schema !== 'pg_catalog' && o.schema !== 'public' && !idx.byId.has(objectId('schema', [o.schema])) ? [`CREATE SCHEMA IF NOT EXISTS ${ident(o.schema)};`] : [];
  return { sql: [...create, `CREATE EXTENSION IF NOT EXISTS ${ident(o.name)}${schema};`, ...comment], after };
}
