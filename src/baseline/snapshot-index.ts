import type { ObjectKind, Snapshot, SnapshotObject, ObjectOfKind } from '../introspect/snapshot-types.js';
import { ident, qualified, readQualifiedName } from '../sql/ident.js';

/** A parsed object id: kind, unquoted parts and the optional signature. */
export interface ParsedId {
  kind: string;
  parts: string[];
  signature: string | undefined;
}

/**
 * Parse an id built by objectId() (or a platform label of the same shape) back into its parts.
 * Names are never re-derived from display text: the id's quoted parts are exact.
 */
export function parseObjectId(id: string): ParsedId {
  const colon = id.indexOf(':');
  const kind = colon >= 0 ? id.slice(0, colon) : '';
  const name = id[colon + 1] === '"' ? readQualifiedName(id, colon + 1) : null;
  const i = name?.end ?? colon + 1;
  let signature: string | undefined;
  if (id[i] === '(' && id.endsWith(')')) signature = id.slice(i + 1, -1);
  return { kind, parts: name?.parts ?? [], signature };
}

/**
 * Lookups over one snapshot, built once: objects by id, children by parent, and the SQL
 * reference text of any object (or platform label) — always assembled with ident()/qualified().
 */
export class SnapshotIndex {
  readonly byId = new Map<string, SnapshotObject>();
  readonly children = new Map<string, SnapshotObject[]>();
  readonly byKind = new Map<ObjectKind, SnapshotObject[]>();

  constructor(readonly snapshot: Pick<Snapshot, 'objects'>) {
    const sorted = [...snapshot.objects].sort((a, b) => cmp(a.id, b.id));
    for (const o of sorted) {
      this.byId.set(o.id, o);
      let list = this.byKind.get(o.kind);
      if (!list) this.byKind.set(o.kind, (list = []));
      list.push(o);
    }
    for (const o of sorted) {
      const parent = parentOf(o);
      if (!parent) continue;
      let list = this.children.get(parent);
      if (!list) this.children.set(parent, (list = []));
      list.push(o);
    }
  }

  get<K extends ObjectKind>(id: string, kind?: K): ObjectOfKind<K> | undefined {
    const o = this.byId.get(id);
    if (!o || (kind && o.kind !== kind)) return undefined;
    return o as ObjectOfKind<K>;
  }

  ofKind<K extends ObjectKind>(kind: K): ObjectOfKind<K>[] {
    return (this.byKind.get(kind) ?? []) as ObjectOfKind<K>[];
  }

  childrenOf<K extends ObjectKind>(parent: string, kind: K): ObjectOfKind<K>[] {
    return (this.children.get(parent) ?? []).filter((c) => c.kind === kind) as ObjectOfKind<K>[];
  }

  /** Columns of a table, in position order. */
  columnsOf(tableId: string): ObjectOfKind<'column'>[] {
    return this.childrenOf(tableId, 'column').sort((a, b) => a.props.position - b.props.position);
  }

  /** schema.name of a relation-like id (snapshot object or platform label). */
  relationRef(id: string): string {
    const o = this.byId.get(id);
    if (o && o.schema != null) return qualified(o.schema, o.name);
    const p = parseObjectId(id);
    if (p.parts.length >= 2) return qualified(p.parts[0], p.parts[1]!);
    if (p.parts.length === 1) return ident(p.parts[0]!);
    throw new Error(`cannot reference ${id}`);
  }

  /** Schema name of an id (snapshot object or platform label). */
  schemaOf(id: string): string | null {
    const o = this.byId.get(id);
    if (o) return o.schema;
    const p = parseObjectId(id);
    return p.parts.length >= 2 ? p.parts[0]! : null;
  }
}

/** Table (or other owner) of a sub-object. */
export function parentOf(o: SnapshotObject): string | undefined {
  if (o.parent) return o.parent;
  switch (o.kind) {
    case 'index':
      return o.props.table;
    case 'trigger':
    case 'policy':
      return o.props.table;
    default:
      return undefined;
  }
}

/** Code-point string comparison: locale-independent, so output is byte-identical everywhere. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
