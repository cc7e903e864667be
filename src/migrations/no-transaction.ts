/**
 * Statements Postgres refuses inside a transaction block (PreventInTransactionBlock), detected
 * from the parse tree. Replay runs them alone, in autocommit, like `supabase db push` does when
 * such a statement sits alone in a file — instead of failing the whole history.
 */
export function noTransactionReason(kind: string, node: unknown): string | undefined {
  const n = (node ?? {}) as Record<string, unknown>;
  switch (kind) {
    case 'IndexStmt':
      return n['concurrent'] ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'DropStmt':
      return n['concurrent'] ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'ReindexStmt': {
      const params = (n['params'] as { DefElem?: { defname?: string } }[] | undefined) ?? [];
      if (params.some((p) => p.DefElem?.defname === 'concurrently')) return 'REINDEX CONCURRENTLY';
      const k = String(n['kind'] ?? '');
      if (k === 'REINDEX_OBJECT_SYSTEM' || k === 'REINDEX_OBJECT_DATABASE') return 'REINDEX SYSTEM/DATABASE';
      return undefined;
    }
    case 'VacuumStmt':
      return n['is_vacuumcmd'] ? 'VACUUM' : undefined;
    case 'CreatedbStmt':
      return 'CREATE DATABASE';
    case 'DropdbStmt':
      return 'DROP DATABASE';
    case 'AlterSystemStmt':
      return 'ALTER SYSTEM';
    case 'CreateTableSpaceStmt':
      return 'CREATE TABLESPACE';
    case 'DropTableSpaceStmt':
      return 'DROP TABLESPACE';
    case 'CreateSubscriptionStmt':
      return 'CREATE SUBSCRIPTION';
    case 'DropSubscriptionStmt':
      return 'DROP SUBSCRIPTION';
    default:
      return undefined;
  }
}
