// One SQL statement on its own connection (CREATE DATABASE cannot run in a transaction block).
import pg from 'pg';

export async function admin(target, sql) {
  const c = new pg.Client(target.config);
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
