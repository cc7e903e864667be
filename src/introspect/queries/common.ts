/** SQL fragments shared by the catalog queries. */

// Extension membership is filtered in JS (InspectState.isExtensionMember, loaded once from
// pg_depend) rather than by a NOT EXISTS per row: an anti-join per query cost more than the query.

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
