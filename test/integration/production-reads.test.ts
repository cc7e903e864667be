import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/live-project.js';
import { livePlatformAt, type LiveDatabase } from '../support/live-platform.js';
import { makeGitProject, squashbase, supabase } from '../support/processes.js';
import { isWrite, startCountingProxy, type CountingProxy, type ProxiedConnection } from '../support/counting-proxy.js';

/**
 * Production is read once per run (issue 14). The live is ../shared/live-platform with the
 * example project pushed by the real Supabase CLI; squashbase reaches it only through a TCP
 * proxy that records every connection and statement live receives. Parity: one inspect, one
 * platform capture for both shadow databases, one pg_dump — never a write. Consolidate: the
 * same, one lint connection, the history's deliberate re-checks, and one write: the history
 * record, in one transaction.
 */
const livePlatformUrl = inject('livePlatformUrl');

/** Connections by application_name, e.g. { 'squashbase/inspect': 1, pg_dump: 1 } (the version is left out). */
function byApplication(connections: ProxiedConnection[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of connections) {
    const name = c.applicationName.replace(/^squashbase\/\d+\.\d+\.\d+[^/]*\//, 'squashbase/');
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

function writes(connections: ProxiedConnection[]): { app: string; sql: string }[] {
  return connections.flatMap((c) => c.statements.filter(isWrite).map((sql) => ({ app: c.applicationName, sql: sql.slice(0, 120) })));
}

describe.skipIf(!livePlatformUrl)(`production is read once per run${livePlatformUrl ? '' : ` (skipped: ${inject('livePlatformMissing')})`}`, () => {
  let live: LiveDatabase;
  let work: string;
  let proxy: CountingProxy;
  let proxied: string;

  beforeAll(async () => {
    const server = livePlatformAt(livePlatformUrl);
    work = await makeGitProject(join(REPO_ROOT, 'supabase', 'migrations'), 'reads');
    live = await server.createLiveDatabase('reads');
    const push = await supabase(['db', 'push', '--db-url', live.url, '--yes'], work);
    expect(push.code, push.stderr + push.stdout).toBe(0);
    proxy = await startCountingProxy({ host: '127.0.0.1', port: server.port });
    const u = new URL(live.url);
    u.port = String(proxy.port);
    proxied = u.toString();
  });

  afterAll(async () => {
    await proxy?.close();
    await live?.drop().catch(() => undefined);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('parity: one inspect, one platform capture for both shadow databases, one pg_dump; nothing written', async () => {
    proxy.reset();
    const r = await squashbase(['parity', '--db-url', proxied, '--workdir', work, '--shadow-url', inject('serverUrl'), '--json'], work);
    expect(r.code, r.stderr).toBe(0);
    const seen = proxy.connections;
    expect(byApplication(seen)).toEqual({ 'squashbase/inspect': 1, 'squashbase/platform-capture': 1, pg_dump: 1 });
    expect(writes(seen)).toEqual([]);
    const statements = seen.reduce((n, c) => n + c.statements.length, 0);
    console.log(`parity: ${seen.length} connections, ${statements} statements to live`);
  });

  it('consolidate --apply: every read once, and one write transaction (the history record)', async () => {
    proxy.reset();
    const r = await squashbase(['consolidate', '--db-url', proxied, '--workdir', work, '--shadow-url', inject('serverUrl'), '--apply', '--yes', '--json'], work);
    expect(r.code, r.stderr).toBe(0);
    const seen = proxy.connections;
    console.log(`consolidate: ${JSON.stringify(byApplication(seen))}`);
    const written = writes(seen);
    expect(new Set(written.map((w) => w.app)).size, JSON.stringify(written)).toBe(1);
    const recorder = seen.find((c) => c.statements.some(isWrite));
    const first = recorder?.statements.findIndex(isWrite) ?? -1;
    const last = recorder ? recorder.statements.length - 1 - [...recorder.statements].reverse().findIndex(isWrite) : -1;
    const begin = recorder?.statements.slice(0, first).map((s) => s.trim().toUpperCase()).lastIndexOf('BEGIN') ?? -1;
    // Every write sits between one BEGIN and the COMMIT after it.
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(recorder?.statements.slice(begin + 1, last + 1).some((s) => /^\s*(commit|rollback|begin)\b/i.test(s))).toBe(false);
    expect(recorder?.statements.slice(last + 1).some((s) => /^\s*commit\b/i.test(s))).toBe(true);
    expect(written.every((w) => /supabase_migrations|pg_advisory|set_config/i.test(w.sql)), JSON.stringify(written)).toBe(true);
    // The schema is read once (inspect, platform capture, pg_dump's second opinion). The history
    // table is read again on purpose: planned, exported (its hash must match the plan), re-checked
    // before files move and inside the record transaction; the data check runs before and after.
    expect(byApplication(seen)).toEqual({
      'squashbase/consolidate-plan': 1,
      'squashbase/preflight': 1,
      'squashbase/lint': 1,
      'squashbase/export': 1,
      'squashbase/check-data': 2,
      'squashbase/inspect': 1,
      'squashbase/platform-capture': 1,
      pg_dump: 1,
      'squashbase/pre-archive-check': 1,
      'squashbase/record': 1,
    });
  });
});
