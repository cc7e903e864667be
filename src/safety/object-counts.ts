/**
 * Object counts per kind, two ways: from the catalog (what the database holds) and from a
 * custom-format dump's table of contents (`pg_restore --list`). Backup verification compares
 * the two, so a dump that silently lost objects (or a wrong file) is caught.
 *
 * Counted the way pg_dump sees things: every non-system schema, extension members excluded
 * (pg_dump emits CREATE EXTENSION instead), objects hanging on extension tables excluded.
 */
import type { Client } from '../db/client.js';
import { SYSTEM_SCHEMAS } from '../introspect/platform-scope.js';
import { notExtensionMember } from '../sql/catalog-filters.js';

/** Kinds compared between catalog and dump TOC. */
export const COUNTED_KINDS = ['table', 'view', 'materialized_view', 'sequence', 'function', 'trigger', 'policy', 'index'] as const;
export type CountedKind = (typeof COUNTED_KINDS)[number];
export type ObjectCounts = Record<CountedKind, number>;

const NSP_OK = `n.nspname <> ALL($1::text[]) AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast%'`;

/** Catalog counts (pg_dump's view of the database). */
export async function catalogObjectCounts(client: Client, excludeSchemas: string[] = []): Promise<ObjectCounts> {
  const q = `
    WITH rels AS (
      SELECT c.oid, c.relkind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE ${NSP_OK} AND ${notExtensionMember('pg_catalog.pg_class', 'c.oid')}
    )
    SELECT
      (SELECT count(*) FROM rels WHERE relkind IN ('r','p','f')) AS table,
      (SELECT count(*) FROM rels WHERE relkind = 'v') AS view,
      (SELECT count(*) FROM rels WHERE relkind = 'm') AS materialized_view,
      (SELECT count(*) FROM rels WHERE relkind = 'S') AS sequence,
      (SELECT count(*) FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE ${NSP_OK} AND p.prokind IN ('f','p','w') AND ${notExtensionMember('pg_catalog.pg_proc', 'p.oid')}
          -- range/multirange constructors depend internally on their type; pg_dump never emits them
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')) AS function,
      (SELECT count(*) FROM pg_catalog.pg_trigger t JOIN rels ON rels.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND (t.tgparentid = 0)) AS trigger,
      (SELECT count(*) FROM pg_catalog.pg_policy p JOIN rels ON rels.oid = p.polrelid) AS policy,
      (SELECT count(*) FROM pg_catalog.pg_index i JOIN rels ON rels.oid = i.indexrelid
        WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p','u','x'))
          AND EXISTS (SELECT 1 FROM rels r2 WHERE r2.oid = i.indrelid)) AS index`;
  const r = await client.query<Record<CountedKind, string>>(q, [[...SYSTEM_SCHEMAS, ...excludeSchemas]]);
  const row = r.rows[0]!;
  const out = {} as ObjectCounts;
  for (const k of COUNTED_KINDS) out[k] = Number(row[k]);
  return out;
}

/** One line of `pg_restore --list`. */
export interface TocEntry {
  dumpId: number;
  desc: string;
  namespace: string | null;
  /** Tag and owner, unparsed (tags may contain spaces). */
  rest: string;
}

// Longest first so "TABLE DATA" wins over "TABLE".
const TOC_DESCS = [
  'MATERIALIZED VIEW DATA',
  'MATERIALIZED VIEW',
  'SEQUENCE OWNED BY',
  'SEQUENCE SET',
  'FK CONSTRAINT',
  'TABLE ATTACH',
  'INDEX ATTACH',
  'TABLE DATA',
  'DEFAULT ACL',
  'EVENT TRIGGER',
  'FOREIGN TABLE',
  'PUBLICATION TABLE',
  'PUBLICATION TABLES IN SCHEMA',
  'ROW SECURITY',
  'ACL',
  'AGGREGATE',
  'CAST',
  'COLLATION',
  'COMMENT',
  'CONSTRAINT',
  'CONVERSION',
  'DEFAULT',
  'DOMAIN',
  'ENCODING',
  'EXTENSION',
  'FUNCTION',
  'INDEX',
  'OPERATOR',
  'POLICY',
  'PROCEDURE',
  'PUBLICATION',
  'RULE',
  'SCHEMA',
  'SEQUENCE',
  'SERVER',
  'STDSTRINGS',
  'SEARCHPATH',
  'TABLE',
  'TRIGGER',
  'TYPE',
  'VIEW',
];

/** Parse `pg_restore --list` output (comment lines start with ';'). */
export function parseTocList(text: string): TocEntry[] {
  const out: TocEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+);\s+\d+\s+\d+\s+(.*)$/.exec(line);
    if (!m) continue;
    const body = m[2]!;
    const desc = TOC_DESCS.find((d) => body === d || body.startsWith(d + ' '));
    if (!desc) {
      out.push({ dumpId: Number(m[1]), desc: body.split(' ')[0]!, namespace: null, rest: body });
      continue;
    }
    const after = body.slice(desc.length).trimStart();
    const sp = after.indexOf(' ');
    const ns = sp < 0 ? after : after.slice(0, sp);
    out.push({ dumpId: Number(m[1]), desc, namespace: ns === '-' ? null : ns, rest: sp < 0 ? '' : after.slice(sp + 1) });
  }
  return out;
}

/** Object counts from a dump's TOC, comparable with catalogObjectCounts. */
export function tocObjectCounts(entries: TocEntry[]): ObjectCounts {
  const out = Object.fromEntries(COUNTED_KINDS.map((k) => [k, 0])) as ObjectCounts;
  for (const e of entries) {
    switch (e.desc) {
      case 'TABLE':
      case 'FOREIGN TABLE':
        out.table++;
        break;
      case 'VIEW':
        out.view++;
        break;
      case 'MATERIALIZED VIEW':
        out.materialized_view++;
        break;
      case 'SEQUENCE':
        out.sequence++;
        break;
      case 'FUNCTION':
      case 'PROCEDURE':
        out.function++;
        break;
      case 'TRIGGER':
        out.trigger++;
        break;
      case 'POLICY':
        out.policy++;
        break;
      case 'INDEX':
        out.index++;
        break;
      default:
        break;
    }
  }
  return out;
}

/** TOC entries per desc, sorted by desc (stable for the manifest). */
export function tocDescCounts(entries: TocEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of [...entries].sort((a, b) => (a.desc < b.desc ? -1 : a.desc > b.desc ? 1 : 0))) out[e.desc] = (out[e.desc] ?? 0) + 1;
  return out;
}
