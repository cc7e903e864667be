import { describe, expect, it } from 'vitest';
import { parseDbUrl, resolveDbUrl, toUrl } from '../../src/db/connection.js';
import { redact } from '../../src/db/redact.js';
import { isSquashbaseError } from '../../src/errors.js';

const CANARY = 'p@ss w#rd%!';

describe('connection URLs', () => {
  it('prefers --db-url, then SUPABASE_DB_URL, then DATABASE_URL', () => {
    expect(resolveDbUrl('postgres://a@h/d', { SUPABASE_DB_URL: 'x', DATABASE_URL: 'y' }).source).toBe('--db-url');
    expect(resolveDbUrl(undefined, { SUPABASE_DB_URL: 'postgres://s', DATABASE_URL: 'y' })).toEqual({ url: 'postgres://s', source: 'SUPABASE_DB_URL' });
    expect(resolveDbUrl(undefined, { DATABASE_URL: 'postgres://d' }).source).toBe('DATABASE_URL');
  });

  it('explains where to find the URL when none is given', () => {
    try {
      resolveDbUrl(undefined, {});
      expect.unreachable();
    } catch (err) {
      expect(isSquashbaseError(err, 'DB_URL_MISSING')).toBe(true);
      expect((err as { hint: string }).hint).toMatch(/Supabase dashboard/);
    }
  });

  it('parses an encoded canary password and never displays it', () => {
    const t = parseDbUrl(`postgresql://postgres:${encodeURIComponent(CANARY)}@db.example.supabase.co:5432/postgres`);
    expect(t.config.password).toBe(CANARY);
    expect(t.config.host).toBe('db.example.supabase.co');
    expect(t.display).toBe('postgresql://postgres:***@db.example.supabase.co:5432/postgres');
    expect(t.display).not.toContain('ss w');
  });

  it('parses an unencoded canary password (split at the last @)', () => {
    const t = parseDbUrl(`postgres://postgres:${CANARY}@localhost:6543/app`);
    expect(t.config.password).toBe(CANARY);
    expect(t.config.port).toBe(6543);
    expect(t.config.database).toBe('app');
  });

  it('redacts every registered spelling of the password', () => {
    const t = parseDbUrl(`postgresql://postgres:${encodeURIComponent(CANARY)}@h:5432/postgres`);
    const leaky = `raw ${CANARY} enc ${encodeURIComponent(CANARY)} url ${toUrl(t)}`;
    const out = redact(leaky);
    expect(out).not.toContain(CANARY);
    expect(out).not.toContain(encodeURIComponent(CANARY));
    expect(out).not.toContain('ss%20w');
  });

  it('masks passwords in URLs it was never told about', () => {
    expect(redact('see postgresql://u:unknown-secret@host:5432/db')).toBe('see postgresql://u:***@host:5432/db');
  });
});
