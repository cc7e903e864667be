import { objectId, type SchemaObject, type ExtensionObject } from '../../introspect/snapshot-types.js';
import { ident } from '../../sql/ident.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { commentStatement, ownerStatement } from './common.js';
import type { Rendered } from './types.js';

/** CREATE SCHEMA IF NOT EXISTS: `public` and pre-created schemas already exist on a fresh project. */
export function renderSchema(o: SchemaObject, idx: SnapshotIndex): Rendered {
  return { sql: [`CREATE SCHEMA IF NOT EXISTS ${ident(o.name)};`, ...ownerStatement(o, idx), ...commentStatement(o, idx)] };
}

/**
 * CREATE EXTENSION IF NOT EXISTS … WITH SCHEMA …, never with a VERSION (Supabase ignores or
 * rejects pinned versions; research/supabase-platform.md §4). The extension's own comment comes
 * with it, so none is emitted (COMMENT ON EXTENSION needs ownership the runner may lack).
 */
export function renderExtension(o: ExtensionObject): Rendered {
  const schema = o.schema ? ` WITH SCHEMA ${ident(o.schema)}` : '';
  const after = o.schema ? [objectId('schema', [o.schema])] : [];
  return { sql: [`CREATE EXTENSION IF NOT EXISTS ${ident(o.name)}${schema};`], after };
}
