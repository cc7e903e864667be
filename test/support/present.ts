/**
 * Narrows away null and undefined where a test needs the value: a missing one throws, naming
 * what was missing, instead of failing later as a TypeError (or being hidden by a `!`).
 */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${String(value)}`);
  return value;
}
