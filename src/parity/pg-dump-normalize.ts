/**
 * Normalise a `pg_dump --schema-only` for comparison: drop \restrict/\unrestrict (random keys
 * per run), the version and TOC comments, SET / set_config lines and blank lines, mask secret
 * server/mapping options (a shadow gets placeholders, never the real keys), then sort the
 * statements, because pg_dump breaks ties between equal-priority objects by OID, which differs
 * between a database built by the history and one built by the baseline.
 */
export function normalizePgDump(dump: string, ignore?: RegExp): string {
  const kept = maskSecretOptions(dump)
    .split('\n')
    .filter((l) => !ignore || !ignore.test(l))
    .filter((l) => !/^\\(restrict|unrestrict)\b/.test(l))
    .filter((l) => !/^--/.test(l))
    .filter((l) => !/^SET /.test(l))
    .filter((l) => !/^SELECT pg_catalog\.set_config\(/.test(l))
    .map(sortUnorderedLists)
    .join('\n');
  // pg_dump puts a blank line between TOC entries: the split we use.
  const blocks = kept
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return blocks.sort().join('\n\n') + '\n';
}

/** Values of password / secret / token / *_key options in OPTIONS (…) lists, as '<secret>'. */
export function maskSecretOptions(dump: string): string {
  return dump.replace(/^(\s+"?(?:\w*(?:password|secret|token)\w*|\w*_key|key)"?) '(?:[^']|'')*'/gim, "$1 '<secret>'");
}

/**
 * Lists whose order the catalog does not keep in a meaningful way (reloptions, event trigger
 * tags; the snapshot stores them sorted): sort their items so order alone never differs.
 */
function sortUnorderedLists(line: string): string {
  const sortItems = (items: string) => items.split(', ').sort().join(', ');
  if (/^(WITH \(|CREATE (MATERIALIZED )?VIEW )/.test(line)) line = line.replace(/WITH \(([^()]*)\)/, (_m, items: string) => `WITH (${sortItems(items)})`);
  return line.replace(/WHEN TAG IN \(([^()]*)\)/, (_m, items: string) => `WHEN TAG IN (${sortItems(items)})`);
}
