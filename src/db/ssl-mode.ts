import type { ConnectionOptions } from 'node:tls';
import { SquashbaseError } from '../errors.js';

/**
 * libpq's sslmode values, with libpq's meaning (https://www.postgresql.org/docs/current/libpq-ssl.html),
 * plus node-postgres's `no-verify` (TLS, certificate not checked), which some guides use.
 */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** What one connection attempt passes as pg's `ssl`: false = plain TCP. */
export type SslAttempt = false | ConnectionOptions;

/** TLS without checking the certificate: libpq's `require` (and `prefer`) without a root certificate. */
const UNVERIFIED: ConnectionOptions = { rejectUnauthorized: false };
/** Chain checked, host name not: libpq's `verify-ca`. */
const VERIFY_CA: ConnectionOptions = { rejectUnauthorized: true, checkServerIdentity: () => undefined };
const VERIFY_FULL: ConnectionOptions = { rejectUnauthorized: true };

export function parseSslMode(value: string | undefined, host: string, source: string): SslMode {
  if (value === undefined || value === '') {
    // Supabase hosts require TLS (their certificates are not in the default trust store);
    // everything else gets libpq's default.
    return /\.supabase\.(co|com)$/.test(host) ? 'require' : 'prefer';
  }
  if ((SSL_MODES as readonly string[]).includes(value)) return value as SslMode;
  throw new SquashbaseError('DB_URL_INVALID', `The database URL from ${source} has sslmode=${value}, which is not an sslmode.`, {
    hint: `Use one of: ${SSL_MODES.join(', ')} (libpq's meaning; prefer is the default).`,
  });
}

/**
 * The attempts, in order, libpq would make: `prefer` tries TLS then falls back to plain,
 * `allow` tries plain then TLS; every other mode is one attempt.
 */
export function sslAttempts(mode: SslMode): SslAttempt[] {
  switch (mode) {
    case 'disable':
      return [false];
    case 'allow':
      return [false, UNVERIFIED];
    case 'prefer':
      return [UNVERIFIED, false];
    case 'require':
    case 'no-verify':
      return [UNVERIFIED];
    case 'verify-ca':
      return [VERIFY_CA];
    case 'verify-full':
      return [VERIFY_FULL];
  }
}

/** The PGSSLMODE a libpq child (psql, pg_dump) gets for the same behaviour. */
export function libpqSslMode(mode: SslMode): string {
  return mode === 'no-verify' ? 'require' : mode;
}
