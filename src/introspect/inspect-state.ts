import { SquashbaseError } from '../errors.js';
import type { CensusCount, NotModelledObject, SnapshotObject } from './snapshot-types.js';

/**
 * pg_class OIDs of the system catalogs that appear in pg_depend / pg_description as classid.
 * These are fixed in PostgreSQL's catalog headers (pg_upgrade depends on them never changing).
 */
export const CATALOG = {
  pg_type: '1247',
  pg_proc: '1255',
  pg_class: '1259',
  pg_attrdef: '2604',
  pg_constraint: '2606',
  pg_rewrite: '2618',
  pg_trigger: '2620',
  pg_namespace: '2615',
  pg_extension: '3079',
  pg_policy: '3256',
  pg_event_trigger: '3466',
  pg_publication: '6104',
  pg_publication_rel: '6106',
} as const;

/** Key of a catalog object (classid, objid, objsubid) as used in our maps; never leaves the process. */
export function catalogKey(classid: string, objid: string, subid: number | string = 0): string {
  return `${classid}:${objid}:${subid}`;
}

export type NamespaceClass = 'system' | 'platform' | 'public' | 'user';

export interface NamespaceInfo {
  oid: string;
  name: string;
  class: NamespaceClass;
}

/**
 * Everything one inspect run accumulates. OIDs live only here (to translate pg_depend and
 * pg_description into snapshot ids); the snapshot itself never contains one.
 */
export class InspectState {
  readonly namespaces = new Map<string, NamespaceInfo>();
  /** `${classid}:${objid}` of every extension member → extension oid. */
  readonly extensionMembers = new Map<string, string>();
  /** extension oid → id, for extensions that are user objects. */
  readonly userExtensionIds = new Map<string, string>();
  readonly objects = new Map<string, SnapshotObject>();
  /** catalog key → id of the object that IS that catalog row (comments and grants attach here). */
  readonly exact = new Map<string, string>();
  /** catalog key → catalog key or id it stands for in dependency terms (array types, rowtypes, rules, …). */
  readonly alias = new Map<string, string>();
  /** pg_constraint key of a domain constraint → its domain id and name (comments land on it). */
  readonly domainConstraints = new Map<string, { domainId: string; name: string }>();
  /** Structural edges, id → ids it depends on. pg_depend edges are added later into the same map. */
  readonly edges = new Map<string, Set<string>>();
  /** The census (src/introspect/census/census.ts), filled by the last step. */
  readonly census: { counts: CensusCount[]; notModelled: NotModelledObject[] } = { counts: [], notModelled: [] };

  /** oids of namespaces whose objects can be user objects (user schemas and public). */
  userNamespaceOids(): string[] {
    return [...this.namespaces.values()].filter((n) => n.class === 'user' || n.class === 'public').map((n) => n.oid);
  }

  isUserNamespace(oid: string): boolean {
    const c = this.namespaces.get(oid)?.class;
    return c === 'user' || c === 'public';
  }

  isExtensionMember(classid: string, objid: string): boolean {
    return this.extensionMembers.has(`${classid}:${objid}`);
  }

  /** Register an object; `key` is the catalog row it is (for comments, grants and pg_depend). */
  add(obj: SnapshotObject, key?: string): void {
    if (this.objects.has(obj.id)) {
      throw new SquashbaseError('INTERNAL', `Two catalog objects map to the same snapshot id ${obj.id}.`, {
        hint: 'This is a bug in squashbase; please report it with the object names involved.',
      });
    }
    this.objects.set(obj.id, obj);
    if (key) this.exact.set(key, obj.id);
  }

  /** Edge to the object's schema when that schema is a snapshot object (not public, not platform). */
  addSchemaEdge(from: string, namespaceOid: string): void {
    const ns = this.namespaces.get(namespaceOid);
    if (ns?.class === 'user') this.addEdge(from, `schema:${quoteId(ns.name)}`);
  }

  addEdge(from: string, to: string | null | undefined): void {
    if (!to || to === from) return;
    let set = this.edges.get(from);
    if (!set) this.edges.set(from, (set = new Set()));
    set.add(to);
  }
}

function quoteId(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}
