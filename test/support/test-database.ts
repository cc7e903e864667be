import { inject, beforeAll, afterAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseDbUrl, toUrl, withDatabase, type ConnectionTarget } from '../../src/db/connection.js';
import { ident } from '../../src/sql/ident.js';

export interface TestDatabase {
  name: string;
  target: ConnectionTarget;
  /** Full URL with password (tests only). */
  url: string;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<T>>;
  drop(): Promise<void>;
}

export function serverTarget(): ConnectionTarget {
  return parseDbUrl(inject('serverUrl'), 'test server');
}

/** A fresh database on the test server, named sbtest_<label>_<random>. */
export async function createTestDatabase(label = 'db'): Promise<TestDatabase> {
  const server = serverTarget();
  const name = `sbtest_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`.slice(0, 63);
  await adminQuery(server, `CREATE DATABASE ${ident(name)} TEMPLATE template0 ENCODING 'UTF8'`);
  const target = withDatabase(server, name);
  const url = toUrl(target);
  return {
    name,
    target,
    url,
    async query(sql, params) {
      const c = new pg.Client(target.config);
      await c.connect();
      try {
        return await c.query(sql, params as unknown[]);
      } finally {
        await c.end();
      }
    },
    async drop() {
      await adminQuery(server, `DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    },
  };
}

async function adminQuery(server: ConnectionTarget, sql: string): Promise<void> {
  const c = new pg.Client(server.config);
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** beforeAll/afterAll pair: one database for the test file, dropped at the end. */
export function useTestDatabase(label: string): { get: () => TestDatabase } {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(label);
  });
  afterAll(async () => {
    await db?.drop();
  });
  return {
    get() {
      if (!db) throw new Error('test database not created yet');
      return db;
    },
  };
}
