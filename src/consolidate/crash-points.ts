/**
 * TEST-ONLY fault injection (safety.md T4). When SQUASHBASE_CRASH_AT=<step> is set in the
 * environment the command runs with, the process SIGKILLs itself right after that step's
 * journal entry is written — the harshest crash there is (no finally blocks, no cleanup). The
 * crash tests spawn `node dist/cli/main.js consolidate … --apply --yes` with it and then prove
 * that `consolidate --resume` and `rollback --apply` both recover. Documented in
 * docs/commands/consolidate.md; never set it outside tests.
 */
export const CRASH_ENV = 'SQUASHBASE_CRASH_AT';

export function maybeCrash(step: string, env: NodeJS.ProcessEnv): void {
  const at = env[CRASH_ENV];
  if (!at || at !== step) return;
  process.kill(process.pid, 'SIGKILL');
}
