import type { Snapshot } from '../introspect/snapshot-types.js';

/**
 * Names of the vault secrets live has (never their values): a new environment built from the
 * baseline gets each with a placeholder and must provide the value (docs/config-data.md).
 */
export function secretsNeeded(live: Snapshot): string[] {
  return live.objects.filter((o) => o.kind === 'vault_secret').map((o) => o.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
