import { SquashbaseError } from '../errors.js';

/** Migration versions are digits only (the Supabase CLI's ^([0-9]+)_(.*)\.sql$). */
export function validateVersion(version: string): string {
  if (!/^[0-9]+$/.test(version)) {
    throw new SquashbaseError('USAGE', `Invalid baseline version ${JSON.stringify(version)}: use digits only, e.g. 20260101120000.`);
  }
  return version;
}

/** The name part of <version>_<name>.sql: kept to characters safe in any file system. */
export function validateName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(name)) {
    throw new SquashbaseError('USAGE', `Invalid baseline name ${JSON.stringify(name)}: use letters, digits, '_' and '-'.`);
  }
  return name;
}

/** Current UTC time as YYYYMMDDHHMMSS (the Supabase CLI's migration version format). */
export function utcVersion(now: Date = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * The default baseline version: now, and always greater than every existing version (compared
 * as numbers; the CLI compares text, so we also keep the same length where we can).
 */
export function defaultBaselineVersion(existing: string[], now: Date = new Date()): string {
  let v = BigInt(utcVersion(now));
  for (const e of existing) {
    if (!/^[0-9]+$/.test(e)) continue;
    const n = BigInt(e);
    if (n >= v) v = n + 1n;
  }
  return v.toString();
}
