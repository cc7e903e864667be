/** Shared by test/support/pg-dump-required.ts and the summary reporter (which must not import vitest's test API). */
export const NEEDS_PG_DUMP = '[needs pg_dump]';
export const PG_DUMP_INSTALL = 'install postgresql-client-15 (apt-get install postgresql-client-15), or set SQUASHBASE_PG_DUMP to a pg_dump 15+';
