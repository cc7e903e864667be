/** SQL fragments shared by the catalog queries. */

/** `alias`.oid (a pg_class row) is not a member of any extension. */
export const RELATION_NOT_IN_EXTENSION = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = ${alias}.oid AND e.deptype = 'e')`;

/** Map a relkind to the snapshot kind of a relation we reference. */
export function relationKind(relkind: string): 'table' | 'view' | 'materialized_view' | 'sequence' {
  switch (relkind) {
    case 'v':
      return 'view';
    case 'm':
      return 'materialized_view';
    case 'S':
      return 'sequence';
    default:
      return 'table';
  }
}

/** Sort strings in code-unit order (deterministic, locale-independent). */
export function sortStrings(values: readonly string[]): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
