import { describe, expect, it } from 'vitest';
import { libpqEnv, parseDbUrl } from '../../src/db/connection.js';
import { sslAttempts, SSL_MODES } from '../../src/db/ssl-mode.js';
import { isSquashbaseError, type SquashbaseError } from '../../src/errors.js';
import { exitCodeFor, EXIT } from '../../src/exit-codes.js';

function parseError(url: string): SquashbaseError {
  try {
    parseDbUrl(url, '--db-url');
  } catch (err) {
    if (isSquashbaseError(err)) return err;
    throw err;
  }
  throw new Error(`${url} parsed`);
}

/** Issue 13, item 12: URLs a user types by hand. */
describe('connection URL edge cases', () => {
  it.each(['99999', '65536', '0', '00000'])('port %s is DB_URL_INVALID (exit 2) with the reason', (port) => {
    for (const url of [`postgresql://u:pw-1@127.0.0.1:${port}/db`, `postgresql://u:pw-1@127.0.0.1/db?port=${port}`]) {
      const err = parseError(url);
      expect(err.code).toBe('DB_URL_INVALID');
      expect(exitCodeFor(err.code)).toBe(EXIT.USAGE);
      expect(err.message).toContain(`"${port}"`);
      expect(err.message).toMatch(/not a TCP port/);
      expect(err.hint).toMatch(/1 to 65535/);
    }
  });

  it('accepts ports 1 and 65535', () => {
    expect(parseDbUrl('postgresql://u@h:1/d').config.port).toBe(1);
    expect(parseDbUrl('postgresql://u@h/d?port=65535').config.port).toBe(65535);
  });

  it('sslmode=bogus is DB_URL_INVALID and lists the valid modes', () => {
    const err = parseError('postgresql://u:pw-1@h:5432/d?sslmode=bogus');
    expect(err.code).toBe('DB_URL_INVALID');
    expect(err.message).toContain('sslmode=bogus');
    expect(err.hint).toContain('verify-full');
  });

  it('every libpq sslmode parses, with libpq attempt order', () => {
    for (const mode of SSL_MODES) expect(parseDbUrl(`postgresql://u@h/d?sslmode=${mode}`).sslmode).toBe(mode);
    expect(sslAttempts('disable')).toEqual([false]);
    expect(sslAttempts('allow').map(Boolean)).toEqual([false, true]);
    expect(sslAttempts('prefer').map(Boolean)).toEqual([true, false]);
    expect(sslAttempts('require')).toEqual([{ rejectUnauthorized: false }]);
    expect(sslAttempts('verify-ca')).toMatchObject([{ rejectUnauthorized: true }]);
    expect(typeof (sslAttempts('verify-ca')[0] as { checkServerIdentity?: unknown }).checkServerIdentity).toBe('function');
    expect(sslAttempts('verify-full')).toEqual([{ rejectUnauthorized: true }]);
  });

  it('defaults to prefer, and to require on Supabase hosts', () => {
    expect(parseDbUrl('postgresql://u@localhost/d').sslmode).toBe('prefer');
    expect(parseDbUrl('postgresql://u@localhost/d').config.ssl).toBeUndefined();
    expect(parseDbUrl('postgresql://u@db.abc.supabase.co/d').sslmode).toBe('require');
    expect(parseDbUrl('postgresql://u@db.abc.supabase.co/d').config.ssl).toEqual({ rejectUnauthorized: false });
  });

  it('libpq children get the same sslmode', () => {
    expect(libpqEnv(parseDbUrl('postgresql://u@h/d?sslmode=verify-full'))['PGSSLMODE']).toBe('verify-full');
    expect(libpqEnv(parseDbUrl('postgresql://u@h/d?sslmode=disable'))['PGSSLMODE']).toBe('disable');
    expect(libpqEnv(parseDbUrl('postgresql://u@h/d?sslmode=no-verify'))['PGSSLMODE']).toBe('require');
  });
});
