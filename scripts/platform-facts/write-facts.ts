/**
 * Write a platform fact sheet from a scratch database built from the platform's own
 * migrations at pinned releases (docs/platform-model.md): `tsx scripts/platform-facts/write-facts.ts <url> <major> <out.json>`.
 * Reads the catalog with the same reader the fact-sheet test and `shadow check` use.
 */
import { writeFile } from 'node:fs/promises';
import { withClient } from '../../src/db/client.js';
import { parseDbUrl } from '../../src/db/connection.js';
import { readPlatformCatalog } from '../../src/shadow/platform-facts/read-catalog.js';
import { isPlatformRoleName } from '../../src/shadow/platform-facts/compare-facts.js';
import { PLATFORM_FACTS_FORMAT, type PlatformFacts } from '../../src/shadow/platform-facts/facts-types.js';
import { FACT_SOURCES, extensionFacts, releaseLabel } from './sources.js';

const [url, majorArg, out] = process.argv.slice(2);
if (!url || !majorArg || !out) throw new Error('usage: write-facts.ts <url> <major> <out.json>');
const major = Number(majorArg);
const catalog = await withClient(parseDbUrl(url, 'argument'), (client) => readPlatformCatalog(client));
const facts: PlatformFacts = {
  format: PLATFORM_FACTS_FORMAT,
  release: { major, label: releaseLabel(major), readOn: new Date().toISOString().slice(0, 10) },
  sources: FACT_SOURCES,
  ...catalog,
  roles: catalog.roles.filter((r) => isPlatformRoleName(r.name)),
  memberships: catalog.memberships.filter((m) => isPlatformRoleName(m.member)),
  extensions: extensionFacts(major).map((e) => ({ ...e, from: 'postgres' as const })),
};
await writeFile(out, `${JSON.stringify(facts, null, 1)}\n`);
console.log(`wrote ${out}: ${facts.tables.length} tables, ${facts.functions.length} functions, ${facts.roles.length} roles`);
