import type { ForeignOption } from './snapshot-types.js';

/**
 * Option names whose value is a credential (user mapping passwords, Wrappers' api_key,
 * tokens, secret keys). `api_key_id` / `*_id` (a Vault secret's id) is a reference, not a secret.
 */
const SECRET_NAME = /(^|_)(pass(word|wd)?|secret|token|credentials?|(api|access|private|secret|service|auth)_?key|key)$/i;

export function isSecretOption(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Parse OPTIONS text[] entries ("name=value"), dropping the values of secrets. */
export function parseOptions(raw: readonly string[] | null): ForeignOption[] {
  return (raw ?? []).map((entry) => {
    const eq = entry.indexOf('=');
    const name = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? '' : entry.slice(eq + 1);
    return isSecretOption(name) ? { name, value: null, secret: true as const } : { name, value };
  });
}
